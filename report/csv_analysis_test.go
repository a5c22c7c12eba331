package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// loadTestRegistry reads a case's registry.csv, the registry file's shape
// (uai;institution;academie;first_year;last_year;successor).
func loadTestRegistry(t testing.TB, path string) *registry.Registry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	reg := &registry.Registry{}
	for i, rec := range recs[1:] {
		e := registry.Entry{UAI: rec[0], Institution: rec[1], Academie: rec[2], Successor: rec[5]}
		var err1, err2 error
		e.FirstYear, err1 = strconv.Atoi(rec[3])
		if rec[4] != "" {
			e.LastYear, err2 = strconv.Atoi(rec[4])
		}
		if err1 != nil || err2 != nil {
			t.Fatalf("%s line %d: bad year", path, i+2)
		}
		reg.Entries = append(reg.Entries, e)
	}
	return reg
}

// TestWriteAnalysisCSVs writes the analysis CSVs of each case (with its
// registry.csv when it has one) and compares them with want/.
func TestWriteAnalysisCSVs(t *testing.T) {
	files := []string{CompletenessCSV, MissingCSV, PanelCSV, CompareCSV}
	for _, name := range []string{"csv-basic", "csv-empty", "analysis-merger"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			in := buildTestInput(t, dir, "fr")
			if p := filepath.Join(dir, "registry.csv"); fileExists(p) {
				in.Registry = loadTestRegistry(t, p)
			}
			out := t.TempDir()
			if err := WriteAnalysisCSVs(t.Context(), out, in); err != nil {
				t.Fatal(err)
			}
			if got, want := folderNames(t, out), slices.Sorted(slices.Values(files)); !slices.Equal(got, want) {
				t.Errorf("files written: %v, want %v", got, want)
			}
			for _, file := range files {
				got, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				testutil.Golden(t, filepath.Join(dir, "want", file), got, updating())
				if updating() {
					continue
				}
			}
		})
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestAnalysisCSVsHandFigures checks the hand-made case's CSVs against
// figures worked out by hand: A merges into B after 2010, C never answers,
// D answers late, E before it is expected, F after its last year, Z is
// not in the registry. Without the registry, nothing is invented: no
// expected count, no rate, nobody missing.
func TestAnalysisCSVsHandFigures(t *testing.T) {
	dir := filepath.Join("testdata", "analysis-merger")
	for _, withRegistry := range []bool{true, false} {
		in := buildTestInput(t, dir, "fr")
		if withRegistry {
			in.Registry = loadTestRegistry(t, filepath.Join(dir, "registry.csv"))
		}
		out := t.TempDir()
		if err := WriteAnalysisCSVs(t.Context(), out, in); err != nil {
			t.Fatal(err)
		}
		read := func(name string) string {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		completeness, missing := read(CompletenessCSV), read(MissingCSV)
		want := "year,expected,answered,unexpected,response_rate\n2010,5,2,2,0.4000\n2011,5,3,0,0.6000\n2012,4,2,2,0.5000\n"
		wantMissing := "year,uai,institution,academie,last_answered\n" +
			"2010,0000003C,Université C,Caen,\n2010,0000004D,Université D,Lille,\n2010,0000006F,Université F,Nice,\n" +
			"2011,0000003C,Université C,Caen,\n2011,0000004D,Université D,Lille,\n" +
			"2012,0000003C,Université C,Caen,\n2012,0000005E,Université E,Nice,2011\n"
		if !withRegistry {
			want = "year,expected,answered,unexpected,response_rate\n2010,,4,,\n2011,,4,,\n2012,,4,,\n"
			wantMissing = "year,uai,institution,academie,last_answered\n"
		}
		if completeness != want {
			t.Errorf("registry %v: completeness.csv\n%s\nwant\n%s", withRegistry, completeness, want)
		}
		if missing != wantMissing {
			t.Errorf("registry %v: missing.csv\n%s\nwant\n%s", withRegistry, missing, wantMissing)
		}
		panel := read(PanelCSV)
		wantAll := "2011,2010,all,2,245,160,0.6531,340,190,0.5588\n"
		if !withRegistry {
			// Without the merger rule, A is its own institution: A, B and E
			// answered both years.
			wantAll = "2011,2010,all,3,245,160,0.6531,340,190,0.5588\n"
		}
		if !strings.Contains(panel, wantAll) {
			t.Errorf("registry %v: panel.csv lacks %q:\n%s", withRegistry, wantAll, panel)
		}
		if cmp := read(CompareCSV); !strings.Contains(cmp, "2012,track,doctorats,12,6,0.0221,0.5000,true\n") ||
			!strings.Contains(cmp, "2010,group,non-ventile,350,195,1.0000,0.5571,false\n") {
			t.Errorf("compare.csv:\n%s", cmp)
		}
	}
}

// TestAnalysisCSVNoFormula writes the analysis CSVs from facts and a
// registry full of hostile names: no field starts a formula or holds a
// control character, and the names are all there, neutralised.
func TestAnalysisCSVNoFormula(t *testing.T) {
	dict := tracks.Default()
	var facts []ingest.Fact
	reg := &registry.Registry{}
	for i, name := range hostileNames {
		uai := fmt.Sprintf("07517%02dJ", i)
		// Half answer in 2011 and 2012, half only in 2011: those are
		// missing in 2012, with their registry name.
		for _, y := range []int{2011, 2012} {
			if y == 2012 && i%2 == 1 {
				continue
			}
			facts = append(facts, ingest.Fact{Year: y, UAI: uai, Institution: name, Academie: name,
				Track: "doctorats", TrackGroup: "doctorats", Students: 10, Certs: 5})
		}
		reg.Entries = append(reg.Entries, registry.Entry{UAI: uai, Institution: name, Academie: name, FirstYear: 2011})
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		tables.Release()
		mem.AssertSize(t, 0)
	}()
	out := t.TempDir()
	if err := WriteAnalysisCSVs(t.Context(), out, Input{Tables: tables, Tracks: dict, Registry: reg, Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, file := range []string{CompletenessCSV, MissingCSV, PanelCSV, CompareCSV} {
		recs := readTestCSV(t, filepath.Join(out, file))
		for _, rec := range recs {
			for _, field := range rec {
				if field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0])) {
					t.Errorf("%s: field %q starts a formula", file, field)
				}
				if strings.ContainsAny(field, "\x1b\n\r\t\u202E") {
					t.Errorf("%s: field %q holds a control character", file, field)
				}
			}
		}
		if file == MissingCSV {
			missing = len(recs) - 1
		}
	}
	if want := len(hostileNames) / 2; missing != want {
		t.Errorf("missing.csv has %d rows, want %d", missing, want)
	}
}

// TestCompareCSVFollowsFragile: compare.csv's fragile flag uses the
// threshold the institution tables use (report --fragile), not its own.
func TestCompareCSVFollowsFragile(t *testing.T) {
	in := testInput(t, "fr")
	fragileRows := func(sc aggregate.SmallCounts) (fragile, rows int) {
		in.SmallCounts = &sc
		var b bytes.Buffer
		if err := writeCompareCSV(&b, in); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			rows++
			if r[len(r)-1] == "true" {
				fragile++
			}
		}
		return fragile, rows
	}
	if n, rows := fragileRows(aggregate.SmallCounts{Fragile: 1 << 40, Suppress: 10}); n != rows || rows == 0 {
		t.Errorf("with a threshold above every count, %d of %d rows fragile, want all", n, rows)
	}
	if n, _ := fragileRows(aggregate.SmallCounts{Fragile: 0, Suppress: 0}); n != 0 {
		t.Errorf("with no threshold, %d rows fragile, want none", n)
	}
}
