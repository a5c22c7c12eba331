package aggregate

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// outlierLines returns the rows of an outlier record as text, numbers with
// six decimals, null as "null".
func outlierLines(t *testing.T, rec arrow.RecordBatch) []string {
	t.Helper()
	if !rec.Schema().Equal(OutlierSchema) {
		t.Fatalf("schema %s, want %s", rec.Schema(), OutlierSchema)
	}
	return rowsOf(rec, 6, "|")
}

// independentOutliers computes the outliers from the facts by another
// route than Outliers: straight from the Go structs, by brute force (every
// institution, every year, every earlier year), with the numbers
// written out rather than taken from the package's constants.
func independentOutliers(facts []ingest.Fact, dict *tracks.Dictionary) []string {
	type key struct {
		uai  string
		year int
	}
	natS, natC := map[int]int64{}, map[int]int64{}
	s, c := map[key]int64{}, map[key]int64{}
	reported := map[key]map[string]bool{}
	name := map[key]string{}
	var firstFact = map[key]ingest.Fact{}
	cellsOf := map[key][]string{}
	yearsOf := map[string][]int{}
	for _, f := range facts {
		k := key{f.UAI, f.Year}
		natS[f.Year] += f.Students
		natC[f.Year] += f.Certs
		if _, ok := name[k]; !ok {
			name[k] = f.Institution
			firstFact[k] = f
			reported[k] = map[string]bool{}
			yearsOf[f.UAI] = append(yearsOf[f.UAI], f.Year)
		}
		s[k] += f.Students
		c[k] += f.Certs
		if f.Students > 0 {
			cellsOf[k] = append(cellsOf[k], f.Source.Cell)
			if f.Track != "non-ventile" {
				reported[k][f.Track] = true
			}
		}
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
	type line struct {
		year      int
		uai       string
		rank, ord int
		text      string
	}
	var lines []line
	for uai, ys := range yearsOf {
		sort.Ints(ys)
		for j, y := range ys {
			k := key{uai, y}
			src := firstFact[k].Source
			cell := strings.Join(cellsOf[k], "; ")
			if cell == "" {
				cell = src.Cell
			}
			head := fmt.Sprintf("%d|%s|%s", y, uai, name[k])
			tail := fmt.Sprintf("%s|%s", src.File, src.Sheet)
			// Funnel: 99.8 % limits around the national rate, n ≥ 10.
			if n := s[k]; n >= 10 && natS[y] > 0 {
				p := float64(natC[y]) / float64(natS[y])
				half := 3.09 * math.Sqrt(p*(1-p)/float64(n))
				lo, hi := math.Max(0, p-half), math.Min(1, p+half)
				r := float64(c[k]) / float64(n)
				if r < lo || r > hi {
					lines = append(lines, line{y, uai, 0, 0, fmt.Sprintf("%s|success_rate||%s|%s|%s|%s|%s|%s", head, num(r), num(p), num(lo), num(hi), tail, cell)})
				}
			}
			if j > 0 {
				pk := key{uai, ys[j-1]}
				for rank, m := range []struct {
					name      string
					now, then int64
				}{{"students", s[k], s[pk]}, {"certificates", c[k], c[pk]}} {
					if m.now >= 30 && m.then >= 30 && (float64(m.now)/float64(m.then) > 2 || float64(m.then)/float64(m.now) > 2) {
						lines = append(lines, line{y, uai, 1 + rank, 0, fmt.Sprintf("%s|%s||%s|%s|%s|%s|%s|%s", head, m.name,
							num(float64(m.now)), num(float64(m.then)), num(float64(m.then)/2), num(float64(m.then)*2), tail, cell)})
					}
				}
			}
			if j >= 2 {
				for _, tr := range dict.Tracks() {
					every := true
					for _, py := range ys[:j] {
						every = every && reported[key{uai, py}][tr.Code]
					}
					if every && !reported[k][tr.Code] {
						lines = append(lines, line{y, uai, 3, dict.Order(tr.Code), fmt.Sprintf("%s|track|%s|null|null|null|null|%s|", head, tr.Code, tail)})
					}
				}
			}
		}
	}
	sort.Slice(lines, func(a, b int) bool {
		la, lb := lines[a], lines[b]
		if la.year != lb.year {
			return la.year < lb.year
		}
		if la.uai != lb.uai {
			return la.uai < lb.uai
		}
		if la.rank != lb.rank {
			return la.rank < lb.rank
		}
		return la.ord < lb.ord
	})
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

func TestOutliers(t *testing.T) {
	dict := tracks.Default()
	facts := readFacts(t, filepath.Join("testdata", "outliers", "facts.csv"), dict)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := FactTable(mem, facts, dict)
	defer rec.Release()
	out, err := Outliers(mem, rec, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	got := outlierLines(t, out)
	want := independentOutliers(facts, dict)
	if !slices.Equal(got, want) {
		t.Errorf("outliers differ from the independent computation:\n--- got\n%s\n--- want\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The case's boundaries, spelled out: which figure is flagged and
	// which is not, whatever both computations agree on.
	flagged := map[string]bool{}
	for _, l := range got {
		f := strings.Split(l, "|")
		flagged[f[0]+" "+f[1]+" "+f[3]+" "+f[4]] = true
	}
	for _, c := range []struct {
		key  string
		want bool
		why  string
	}{
		{"2012 0000002B success_rate ", true, "n = 10, rate 10 % far below the national 60 %"},
		{"2012 0000003C success_rate ", false, "n = 9 is not checked against the funnel"},
		{"2012 0000004D success_rate ", true, "100 % on 400 students, above the funnel"},
		{"2012 0000001A success_rate ", false, "the national rate itself"},
		{"2012 0000005E students ", true, "30 to 61 students: more than twice"},
		{"2012 0000005E certificates ", false, "18 to 36 certificates: exactly twice, and 18 < 30"},
		{"2012 0000006F students ", false, "30 to 60 students: exactly twice"},
		{"2012 0000006F certificates ", false, "18 to 37 certificates: the previous count is under 30"},
		{"2012 0000007G students ", false, "29 to 100: the previous count is under 30"},
		{"2012 0000008H students ", true, "100 to 49: less than half"},
		{"2012 0000008H certificates ", false, "60 to 30: exactly half"},
		{"2012 0000009I students ", false, "100 to 50: exactly half"},
		{"2012 0000009I certificates ", false, "60 to 29: the new count is under 30"},
		{"2012 0000010J students ", true, "200 (2010, the previous answer) to 450"},
		{"2012 0000010J certificates ", true, "120 (2010) to 270"},
		{"2012 0000011K track doctorats", true, "doctorates in 2010 and 2011, not in 2012"},
		{"2012 0000012L track doctorats", false, "a single previous year"},
		{"2012 0000013M track doctorats", true, "a doctorates row with no student is not a report"},
		{"2012 0000014N track non-ventile", false, "a total followed by a breakdown is not a missing track"},
		{"2012 0000015O track doctorats", false, "doctorates not reported every year"},
	} {
		if flagged[c.key] != c.want {
			t.Errorf("%s flagged %v, want %v: %s", c.key, flagged[c.key], c.want, c.why)
		}
	}
}

func TestOutliersRejectsForeignSchema(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewRecordBuilder(mem, NationalSchema)
	defer b.Release()
	rec := b.NewRecordBatch()
	defer rec.Release()
	if _, err := Outliers(mem, rec, tracks.Default()); err == nil {
		t.Fatal("Outliers accepted a table that is not a fact table")
	}
}

func TestFunnelLimits(t *testing.T) {
	for _, c := range []struct {
		p         float64
		n         int64
		low, high float64
	}{
		{0.6, 10000, 0.6 - 3.09*math.Sqrt(0.24/10000), 0.6 + 3.09*math.Sqrt(0.24/10000)},
		{0.6, 10, 0.6 - 3.09*math.Sqrt(0.024), 1},
		{0.05, 10, 0, 0.05 + 3.09*math.Sqrt(0.05*0.95/10)},
		{1, 50, 1, 1},
	} {
		low, high := FunnelLimits(c.p, c.n)
		if math.Abs(low-c.low) > 1e-12 || math.Abs(high-c.high) > 1e-12 {
			t.Errorf("FunnelLimits(%v, %d) = %v, %v; want %v, %v", c.p, c.n, low, high, c.low, c.high)
		}
	}
}

// BenchmarkOutliers checks one million facts: 2,000 institutions, 7
// tracks, about 70 years, with rates and counts that drift so that some
// figures of each kind are flagged.
func BenchmarkOutliers(b *testing.B) {
	dict := tracks.Default()
	all := dict.Tracks()
	const n = 1_000_000
	facts := make([]ingest.Fact, 0, n)
	for i := 0; len(facts) < n; i++ {
		tr := all[i%7]
		year := 2000 + (i/14000)%70
		if (i/7)%97 == 0 && year%5 == 0 && tr.Code == "doctorats" {
			continue // a track dropped now and then
		}
		students := int64(20 + (i*7919)%400)
		facts = append(facts, ingest.Fact{
			Year: year, UAI: fmt.Sprintf("%07dX", i/7%2000), Institution: "Université",
			Academie: fmt.Sprintf("Académie %d", i%30), Track: tr.Code, TrackGroup: tr.Group,
			Students: students, Certs: students * int64(30+i%60) / 100,
			Source: ingest.Location{File: "f.xlsx", Sheet: "Enquête", Cell: "B8"},
		})
	}
	mem := memory.NewGoAllocator()
	rec := FactTable(mem, facts, dict)
	defer rec.Release()
	b.ReportAllocs()
	b.ResetTimer()
	var rows int64
	for b.Loop() {
		out, err := Outliers(mem, rec, dict)
		if err != nil {
			b.Fatal(err)
		}
		rows = out.NumRows()
		out.Release()
	}
	b.ReportMetric(float64(rows), "outliers")
}

// TestBuildOutliers: Build carries the outliers of its fact table, and
// Release frees them.
func TestBuildOutliers(t *testing.T) {
	dict := tracks.Default()
	facts := readFacts(t, filepath.Join("testdata", "outliers", "facts.csv"), dict)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	tab, err := Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Release()
	if tab.Outliers == nil {
		t.Fatal("Build gave no outlier table")
	}
	if got, want := outlierLines(t, tab.Outliers), independentOutliers(facts, dict); !slices.Equal(got, want) {
		t.Errorf("Build's outliers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
