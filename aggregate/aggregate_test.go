package aggregate

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

var update = flag.Bool("update", false, "rewrite golden files")

// readFacts reads a test case's facts.csv:
// year,uai,institution,academie,track,students,certificates,submitted_rate
func readFacts(t testing.TB, path string, dict *tracks.Dictionary) []ingest.Fact {
	t.Helper()
	recs := testutil.ReadCSV(t, path)
	var facts []ingest.Fact
	for i, r := range recs[1:] {
		y, _ := strconv.Atoi(r[0])
		s, _ := strconv.ParseInt(r[5], 10, 64)
		c, _ := strconv.ParseInt(r[6], 10, 64)
		tr, ok := dict.ByCode(r[4])
		if !ok {
			t.Fatalf("%s line %d: unknown track %q", path, i+2, r[4])
		}
		fact := ingest.Fact{Year: y, UAI: r[1], Institution: r[2], Academie: r[3], Track: tr.Code, TrackGroup: tr.Group,
			Students: s, Certs: c,
			Source: ingest.Location{File: "f.xlsx", Sheet: "Enquête", Cell: fmt.Sprintf("B%d", i+8)}}
		if r[7] != "" {
			fact.SubmittedRate, _ = strconv.ParseFloat(r[7], 64)
			fact.HasRate = true
		}
		facts = append(facts, fact)
	}
	return facts
}

// dump writes a record batch as text, one line per row, nulls as "null".
func dump(b *strings.Builder, name string, rec arrow.RecordBatch) {
	fmt.Fprintf(b, "# %s\n", name)
	var cols []string
	for _, f := range rec.Schema().Fields() {
		cols = append(cols, f.Name)
	}
	b.WriteString(strings.Join(cols, ",") + "\n")
	for i := 0; i < int(rec.NumRows()); i++ {
		var cells []string
		for _, c := range rec.Columns() {
			switch {
			case c.IsNull(i):
				cells = append(cells, "null")
			case c.DataType().ID() == arrow.FLOAT64:
				cells = append(cells, strconv.FormatFloat(c.(*array.Float64).Value(i), 'f', 6, 64))
			default:
				cells = append(cells, c.ValueStr(i))
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
}

func dumpTables(tab *Tables) string {
	var b strings.Builder
	dump(&b, "facts", tab.Facts)
	dump(&b, "national", tab.National)
	dump(&b, "tracks", tab.Tracks)
	dump(&b, "groups", tab.Groups)
	dump(&b, "institutions", tab.Institutions)
	dump(&b, "academies", tab.Academies)
	return b.String()
}

// eachFactCase runs f as a subtest for every testdata/<case>/facts.csv,
// with the case's folder, its facts and a checked allocator that must hold
// nothing once f has returned.
func eachFactCase(t *testing.T, dict *tracks.Dictionary, f func(t *testing.T, dir string, facts []ingest.Fact, mem *memory.CheckedAllocator)) {
	t.Helper()
	ins, err := filepath.Glob("testdata/*/facts.csv")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no test case found: %v", err)
	}
	for _, in := range ins {
		dir := filepath.Dir(in)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			f(t, dir, readFacts(t, in, dict), mem)
		})
	}
}

// TestBuild runs every testdata/<case>/facts.csv through Build and compares
// the dumped tables with want.txt. It checks nothing leaks.
func TestBuild(t *testing.T) {
	dict := tracks.Default()
	eachFactCase(t, dict, func(t *testing.T, dir string, facts []ingest.Fact, mem *memory.CheckedAllocator) {
		tab, err := Build(mem, facts, dict)
		if err != nil {
			t.Fatal(err)
		}
		got := dumpTables(tab)
		tab.Release()
		testutil.Golden(t, filepath.Join(dir, "want.txt"), []byte(got), *update)
	})
}

// TestBuildBatch checks that BuildBatch gives the tables Build gives, and
// takes the batch's facts.
func TestBuildBatch(t *testing.T) {
	dict := tracks.Default()
	eachFactCase(t, dict, func(t *testing.T, dir string, facts []ingest.Fact, mem *memory.CheckedAllocator) {
		want, err := Build(mem, facts, dict)
		if err != nil {
			t.Fatal(err)
		}
		defer want.Release()
		b := &ingest.Batch{Facts: facts}
		got, err := BuildBatch(mem, b, dict)
		if err != nil {
			t.Fatal(err)
		}
		defer got.Release()
		if b.Facts != nil {
			t.Error("the batch keeps its facts")
		}
		if g, w := dumpTables(got), dumpTables(want); g != w {
			t.Errorf("BuildBatch differs from Build:\n%s\nwant:\n%s", g, w)
		}
	})
}

// TestRatesFromSums guards the definition: the national rate is the ratio of
// summed counts, not the mean of institutions' rates.
func TestRatesFromSums(t *testing.T) {
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	facts := []ingest.Fact{
		{Year: 2012, UAI: "0000001A", Track: "doctorats", TrackGroup: "doctorats", Students: 10, Certs: 10},
		{Year: 2012, UAI: "0000002B", Track: "doctorats", TrackGroup: "doctorats", Students: 90, Certs: 0},
	}
	tab, err := Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Release()
	rate := tab.National.Column(4).(*array.Float64).Value(0)
	if rate != 0.1 {
		t.Errorf("national rate = %v, want 0.1 (10/100), not the mean of 1 and 0", rate)
	}
	if n := tab.National.Column(1).(*array.Int64).Value(0); n != 2 {
		t.Errorf("institutions = %d, want 2", n)
	}
}

func TestSummariseRejectsForeignSchema(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewRecordBuilder(mem, NationalSchema)
	defer b.Release()
	rec := b.NewRecordBatch()
	defer rec.Release()
	if _, err := Summarise(mem, rec, tracks.Default()); err == nil {
		t.Fatal("Summarise accepted a table that is not a fact table")
	}
}

// BenchmarkSummarise aggregates one million facts: 2,000 institutions, 7
// tracks, over about 70 years of the series.
func BenchmarkSummarise(b *testing.B) {
	dict := tracks.Default()
	all := dict.Tracks()
	const n = 1_000_000
	facts := make([]ingest.Fact, 0, n)
	for i := 0; len(facts) < n; i++ {
		tr := all[i%7]
		facts = append(facts, ingest.Fact{
			Year: 2000 + (i/14000)%70, UAI: fmt.Sprintf("%07dX", i/7%2000), Institution: "Université",
			Academie: fmt.Sprintf("Académie %d", i%30), Track: tr.Code, TrackGroup: tr.Group,
			Students: int64(100 + i%50), Certs: int64(i % 100),
		})
	}
	mem := memory.NewGoAllocator()
	rec := FactTable(mem, facts, dict)
	defer rec.Release()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tab, err := Summarise(mem, rec, dict)
		if err != nil {
			b.Fatal(err)
		}
		tab.Release()
	}
}

// BenchmarkFactTable builds the Arrow fact table from one million facts.
func BenchmarkFactTable(b *testing.B) {
	dict := tracks.Default()
	facts := make([]ingest.Fact, 1_000_000)
	for i := range facts {
		facts[i] = ingest.Fact{Year: 2012, UAI: fmt.Sprintf("%07dX", i/7), Track: "doctorats", TrackGroup: "doctorats", Students: 10, Certs: 5}
	}
	mem := memory.NewGoAllocator()
	b.ReportAllocs()
	for b.Loop() {
		FactTable(mem, facts, dict).Release()
	}
}
