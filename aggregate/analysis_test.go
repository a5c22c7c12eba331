package aggregate

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
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
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// readTestRegistry reads a case's registry.csv (the registry file's shape:
// uai;institution;academie;first_year;last_year;successor). The program's
// reader is in ingest's registry import; the fixture only needs the fields.
func readTestRegistry(t testing.TB, path string) *registry.Registry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	reg := &registry.Registry{}
	for i, rec := range recs[1:] {
		first, err := strconv.Atoi(rec[3])
		if err != nil {
			t.Fatalf("%s line %d: first_year %q", path, i+2, rec[3])
		}
		last := 0
		if rec[4] != "" {
			if last, err = strconv.Atoi(rec[4]); err != nil {
				t.Fatalf("%s line %d: last_year %q", path, i+2, rec[4])
			}
		}
		reg.Entries = append(reg.Entries, registry.Entry{UAI: rec[0], Institution: rec[1], Academie: rec[2],
			FirstYear: first, LastYear: last, Successor: rec[5]})
	}
	return reg
}

// caseRegistry returns the case's registry, or nil when it has none.
func caseRegistry(t testing.TB, dir string) *registry.Registry {
	path := filepath.Join(dir, "registry.csv")
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return readTestRegistry(t, path)
}

// dumpAnalysis builds every analysis table of a case and dumps them.
func dumpAnalysis(t *testing.T, mem memory.Allocator, facts arrow.RecordBatch, reg *registry.Registry, dict *tracks.Dictionary) string {
	t.Helper()
	var b strings.Builder
	c, err := BuildCompleteness(mem, facts, reg)
	if err != nil {
		t.Fatal(err)
	}
	dump(&b, "completeness", c.Years)
	dump(&b, "missing", c.Missing)
	dump(&b, "unexpected", c.Unexpected)
	c.Release()
	p, err := BuildPanel(mem, facts, reg, dict)
	if err != nil {
		t.Fatal(err)
	}
	dump(&b, "panel", p)
	p.Release()
	for _, o := range []CompareOptions{{By: ByGroup}, {By: ByTrack}, {By: ByGroup, Panel: true}} {
		cmp, err := BuildCompare(mem, facts, reg, dict, o)
		if err != nil {
			t.Fatal(err)
		}
		dump(&b, fmt.Sprintf("compare by %s panel %v", o.By, o.Panel), cmp)
		cmp.Release()
	}
	return b.String()
}

// TestAnalysis runs every testdata/<case> (facts.csv, and registry.csv when
// the case has one) through the analysis tables and compares them with
// analysis.txt.
func TestAnalysis(t *testing.T) {
	dict := tracks.Default()
	eachFactCase(t, dict, func(t *testing.T, dir string, facts []ingest.Fact, mem *memory.CheckedAllocator) {
		rec := FactTable(mem, facts, dict)
		got := dumpAnalysis(t, mem, rec, caseRegistry(t, dir), dict)
		rec.Release()
		testutil.Golden(t, filepath.Join(dir, "analysis.txt"), []byte(got), *update)
	})
}

// TestCompletenessMerger checks the hand-made case against figures worked
// out by hand (see testdata/analysis-merger): A merges into B after 2010,
// C never answers, D answers late (2012 only), E answers a year before it
// is expected then stops, F answers after its last year, Z is not in the
// registry.
func TestCompletenessMerger(t *testing.T) {
	dict := tracks.Default()
	dir := filepath.Join("testdata", "analysis-merger")
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	facts := FactTable(mem, readFacts(t, filepath.Join(dir, "facts.csv"), dict), dict)
	defer facts.Release()
	c, err := BuildCompleteness(mem, facts, caseRegistry(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	if got, want := rows(c.Years), []string{
		"2010,5,2,2,0.4000", // A, B answered; C, D, F missing; E (not yet), Z unexpected
		"2011,5,3,0,0.6000", // A's answer counts as B's; B, E, F answered; C, D missing
		"2012,4,2,2,0.5000", // B, D answered; C, E missing; F (ended), Z unexpected
	}; !slices.Equal(got, want) {
		t.Errorf("completeness:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := rows(c.Missing), []string{
		"2010,0000003C,Université C,Caen,null",
		"2010,0000004D,Université D,Lille,null",
		"2010,0000006F,Université F,Nice,null",
		"2011,0000003C,Université C,Caen,null",
		"2011,0000004D,Université D,Lille,null",
		"2012,0000003C,Université C,Caen,null",
		"2012,0000005E,Université E,Nice,2011",
	}; !slices.Equal(got, want) {
		t.Errorf("missing:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := rows(c.Unexpected), []string{
		"2010,0000005E,Université E,Nice,not-yet",
		"2010,0000009Z,Institut Z,Paris,unknown",
		"2012,0000006F,Université F,Nice,ended",
		"2012,0000009Z,Institut Z,Paris,unknown",
	}; !slices.Equal(got, want) {
		t.Errorf("unexpected:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The panel 2010→2011: units B (A's and B's answers) and E; Z and F
	// answered one year only. 2011→2012: B (A's 2011 answer is B's) and F
	// (unexpected in 2012, but it answered both years); D answered 2012
	// only, E 2011 only.
	p, err := BuildPanel(mem, facts, caseRegistry(t, dir), dict)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	all := slices.DeleteFunc(rows(p), func(r string) bool { return !strings.Contains(r, ",all,") })
	if want := []string{
		"2011,2010,all,2,245,160,0.6531,340,190,0.5588,4,305,190,4,350,195",
		"2012,2011,all,2,332,221,0.6657,280,170,0.6071,4,432,272,4,305,190",
	}; !slices.Equal(all, want) {
		t.Errorf("panel (all):\n%s\nwant\n%s", strings.Join(all, "\n"), strings.Join(want, "\n"))
	}
}

// TestPanelIncompleteMerger: when A merged into B after 2010 and only A
// answered in 2010, B's unit in 2010 covers A alone; it is left out of the
// 2010→2011 panel rather than compared with A and B together.
func TestPanelIncompleteMerger(t *testing.T) {
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	reg := &registry.Registry{Entries: []registry.Entry{
		{UAI: "0000001A", FirstYear: 2010, LastYear: 2010, Successor: "0000002B"},
		{UAI: "0000002B", FirstYear: 2010},
		{UAI: "0000003C", FirstYear: 2010},
	}}
	f := func(y int, uai string, s, c int64) ingest.Fact {
		return ingest.Fact{Year: y, UAI: uai, Track: "non-ventile", TrackGroup: "non-ventile", Students: s, Certs: c}
	}
	facts := FactTable(mem, []ingest.Fact{
		f(2010, "0000001A", 100, 50), f(2010, "0000003C", 10, 5),
		f(2011, "0000002B", 300, 200), f(2011, "0000003C", 20, 10),
	}, dict)
	defer facts.Release()
	p, err := BuildPanel(mem, facts, reg, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	if got, want := rows(p)[0], "2011,2010,all,1,20,10,0.5000,10,5,0.5000,2,320,210,2,110,55"; got != want {
		t.Errorf("panel = %s, want %s (C only)", got, want)
	}
}

// rows dumps a record's rows as comma-joined cells, fractions to 4
// decimals.
func rows(rec arrow.RecordBatch) []string { return rowsOf(rec, 4, ",") }

// rowsOf renders a record's rows, floats with decimals, null as "null",
// cells joined by sep.
func rowsOf(rec arrow.RecordBatch, decimals int, sep string) []string {
	var out []string
	for i := 0; i < int(rec.NumRows()); i++ {
		var cells []string
		for _, c := range rec.Columns() {
			switch {
			case c.IsNull(i):
				cells = append(cells, "null")
			case c.DataType().ID() == arrow.FLOAT64:
				cells = append(cells, strconv.FormatFloat(c.(*array.Float64).Value(i), 'f', decimals, 64))
			default:
				cells = append(cells, c.ValueStr(i))
			}
		}
		out = append(out, strings.Join(cells, sep))
	}
	return out
}

// sampleFacts reads the facts of the samples folder as the program does.
func sampleFacts(t testing.TB, dict *tracks.Dictionary) []ingest.Fact {
	t.Helper()
	files, _, err := ingest.Collect([]string{"../samples"})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := ingest.ReadAll(context.Background(), files, ingest.Options{Lang: "fr", Tracks: dict, Limits: sheet.DefaultLimits(), MaxYear: 2100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch.Facts) == 0 {
		t.Fatal("no fact read from the samples")
	}
	return batch.Facts
}

// TestAnalysisIndependent computes completeness, panel and comparison by
// plain loops over the facts (a different route from the tables: no index,
// no resolver, predecessors found from the expected entry rather than
// successors from the answer) and compares every figure, over the samples
// (with the samples' registry when there is one) and the hand-made case.
func TestAnalysisIndependent(t *testing.T) {
	dict := tracks.Default()
	type tc struct {
		name  string
		facts []ingest.Fact
		reg   *registry.Registry
	}
	merger := filepath.Join("testdata", "analysis-merger")
	cases := []tc{
		{"merger", readFacts(t, filepath.Join(merger, "facts.csv"), dict), caseRegistry(t, merger)},
		{"merger without registry", readFacts(t, filepath.Join(merger, "facts.csv"), dict), nil},
	}
	if !testing.Short() {
		sf := sampleFacts(t, dict)
		cases = append(cases, tc{"samples", sf, nil})
		if _, err := os.Stat("../samples/registry.csv"); err == nil {
			cases = append(cases, tc{"samples with registry", sf, readTestRegistry(t, "../samples/registry.csv")})
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			facts := FactTable(mem, c.facts, dict)
			defer facts.Release()

			comp, err := BuildCompleteness(mem, facts, c.reg)
			if err != nil {
				t.Fatal(err)
			}
			defer comp.Release()
			wantYears, wantMissing := independentCompleteness(c.facts, c.reg)
			if got := rows(comp.Years); !slices.Equal(got, wantYears) {
				t.Errorf("completeness:\n%s\nindependent:\n%s", strings.Join(got, "\n"), strings.Join(wantYears, "\n"))
			}
			if got := rows(comp.Missing); !slices.Equal(got, wantMissing) {
				t.Errorf("missing:\n%s\nindependent:\n%s", strings.Join(got, "\n"), strings.Join(wantMissing, "\n"))
			}

			for _, o := range []CompareOptions{{By: ByGroup}, {By: ByTrack}, {By: ByTrack, Panel: true}, {By: ByGroup, Panel: true, Only: []string{"masters", "formation-continue"}, From: 2007}} {
				cmp, err := BuildCompare(mem, facts, c.reg, dict, o)
				if err != nil {
					t.Fatal(err)
				}
				got := rows(cmp)
				cmp.Release()
				want := independentCompare(c.facts, c.reg, o)
				if !slices.Equal(got, want) {
					t.Errorf("compare %+v:\n%s\nindependent:\n%s", o, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
}

// indepExpected reports whether the registry expects uai in year.
func indepExpected(reg *registry.Registry, uai string, year int) bool {
	for _, e := range reg.Entries {
		if e.UAI == uai && year >= e.FirstYear && (e.LastYear == 0 || year <= e.LastYear) {
			return true
		}
	}
	return false
}

// indepCountsFor returns the UAIs whose answers of year count for the
// expected uai: itself, and going backwards every institution not expected
// that year whose entry ended before it naming one of these as successor.
func indepCountsFor(reg *registry.Registry, uai string, year int) map[string]bool {
	set := map[string]bool{uai: true}
	for changed := true; changed; {
		changed = false
		for _, e := range reg.Entries {
			if set[e.UAI] || !set[e.Successor] || e.LastYear == 0 || e.LastYear >= year || indepExpected(reg, e.UAI, year) {
				continue
			}
			// e's latest ended entry must be the one naming the successor.
			latest := e
			for _, o := range reg.Entries {
				if o.UAI == e.UAI && o.LastYear != 0 && o.LastYear < year && o.Successor != "" && o.LastYear > latest.LastYear {
					latest = o
				}
			}
			if latest.Successor == e.Successor {
				set[e.UAI] = true
				changed = true
			}
		}
	}
	return set
}

func fraction(num, den int64) string {
	if den == 0 {
		return "null"
	}
	return strconv.FormatFloat(float64(num)/float64(den), 'f', 4, 64)
}

func independentCompleteness(facts []ingest.Fact, reg *registry.Registry) (years, missing []string) {
	answered := map[int]map[string]bool{}
	for _, f := range facts {
		if answered[f.Year] == nil {
			answered[f.Year] = map[string]bool{}
		}
		answered[f.Year][f.UAI] = true
	}
	ys := make([]int, 0, len(answered))
	for y := range answered {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	for _, y := range ys {
		if reg == nil {
			years = append(years, fmt.Sprintf("%d,null,%d,null,null", y, len(answered[y])))
			continue
		}
		var expected, got int64
		counted := map[string]bool{}
		seen := map[string]bool{}
		for _, e := range reg.Entries {
			if seen[e.UAI] || !indepExpected(reg, e.UAI, y) {
				continue
			}
			seen[e.UAI] = true
			expected++
			ok := false
			for u := range indepCountsFor(reg, e.UAI, y) {
				if answered[y][u] {
					ok = true
					counted[u] = true
				}
			}
			if ok {
				got++
				continue
			}
			// The last year before y it answered itself, or had an answer
			// counted for it while expected.
			last := "null"
			for x := y - 1; x >= ys[0]; x-- {
				hit := answered[x][e.UAI]
				if indepExpected(reg, e.UAI, x) {
					for u := range indepCountsFor(reg, e.UAI, x) {
						hit = hit || answered[x][u]
					}
				}
				if hit {
					last = strconv.Itoa(x)
					break
				}
			}
			missing = append(missing, fmt.Sprintf("%d,%s,%s,%s,%s", y, e.UAI, e.Institution, e.Academie, last))
		}
		var unexpected int64
		for u := range answered[y] {
			if !counted[u] {
				unexpected++
			}
		}
		years = append(years, fmt.Sprintf("%d,%d,%d,%d,%s", y, expected, got, unexpected, fraction(got, expected)))
	}
	sort.SliceStable(missing, func(i, j int) bool {
		a, b := strings.SplitN(missing[i], ",", 3), strings.SplitN(missing[j], ",", 3)
		return a[0] < b[0] || a[0] == b[0] && a[1] < b[1]
	})
	return years, missing
}

// independentCompare computes the comparison by plain loops. With a
// registry and Panel, the unit of an answer is found by indepCountsFor
// over the expected entries of the later year.
func independentCompare(facts []ingest.Fact, reg *registry.Registry, o CompareOptions) []string {
	dict := tracks.Default()
	keyOf := func(f ingest.Fact) string { return f.TrackGroup }
	rank := groupOrders(dict)
	if o.By == ByTrack {
		keyOf = func(f ingest.Fact) string { return f.Track }
		rank = dict.Order
	}
	var ys []int
	keys := map[string]bool{}
	for _, f := range facts {
		if !slices.Contains(ys, f.Year) && (o.From == 0 || f.Year >= o.From) && (o.To == 0 || f.Year <= o.To) {
			ys = append(ys, f.Year)
		}
		keys[keyOf(f)] = true
	}
	sort.Ints(ys)
	var ks []string
	for k := range keys {
		if len(o.Only) == 0 || slices.Contains(o.Only, k) {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		if rank(ks[i]) != rank(ks[j]) {
			return rank(ks[i]) < rank(ks[j])
		}
		return ks[i] < ks[j]
	})
	fragile := func(s int64) bool { return s > 0 && s < DefaultFragile }
	type sum struct {
		students, certs int64
		units           map[string]bool
	}
	total := func(y int, unit func(string) string, in func(string) bool) (map[string]*sum, int64) {
		m := map[string]*sum{}
		var all int64
		for _, f := range facts {
			if f.Year != y || !in(unit(f.UAI)) {
				continue
			}
			s := m[keyOf(f)]
			if s == nil {
				s = &sum{units: map[string]bool{}}
				m[keyOf(f)] = s
			}
			s.students += f.Students
			s.certs += f.Certs
			s.units[unit(f.UAI)] = true
			all += f.Certs
		}
		return m, all
	}
	var out []string
	if !o.Panel {
		for _, y := range ys {
			m, all := total(y, func(u string) string { return u }, func(string) bool { return true })
			for _, k := range ks {
				if s := m[k]; s != nil {
					out = append(out, fmt.Sprintf("%d,null,%s,%s,%d,%d,%d,%s,%s,%v,null,null,null,null,null,null",
						y, o.By, k, len(s.units), s.students, s.certs, fraction(s.certs, all), fraction(s.certs, s.students), fragile(s.students)))
				}
			}
		}
		return out
	}
	for i := 1; i < len(ys); i++ {
		p, y := ys[i-1], ys[i]
		unit := func(u string) string {
			if reg == nil {
				return u
			}
			for _, e := range reg.Entries {
				if indepExpected(reg, e.UAI, y) && indepCountsFor(reg, e.UAI, y)[u] {
					return e.UAI
				}
			}
			return u
		}
		inP, inY := map[string]bool{}, map[string]bool{}
		for _, f := range facts {
			if f.Year == p {
				inP[unit(f.UAI)] = true
			}
			if f.Year == y {
				inY[unit(f.UAI)] = true
			}
		}
		// A merged unit whose members expected in p did not all answer in
		// p is left out.
		if reg != nil {
			for _, e := range reg.Entries {
				if u := unit(e.UAI); indepExpected(reg, e.UAI, p) {
					answeredP := false
					for _, f := range facts {
						if f.Year == p && f.UAI == e.UAI {
							answeredP = true
						}
					}
					if !answeredP {
						inP[u] = false
					}
				}
			}
		}
		in := func(u string) bool { return inP[u] && inY[u] }
		cur, all := total(y, unit, in)
		old, oldAll := total(p, unit, in)
		for _, k := range ks {
			c, pr := cur[k], old[k]
			if c == nil && pr == nil {
				continue
			}
			if c == nil {
				c = &sum{}
			}
			if pr == nil {
				pr = &sum{}
			}
			out = append(out, fmt.Sprintf("%d,%d,%s,%s,%d,%d,%d,%s,%s,%v,%d,%d,%d,%s,%s,%v",
				y, p, o.By, k, len(c.units), c.students, c.certs, fraction(c.certs, all), fraction(c.certs, c.students), fragile(c.students),
				len(pr.units), pr.students, pr.certs, fraction(pr.certs, oldAll), fraction(pr.certs, pr.students), fragile(pr.students)))
		}
	}
	return out
}

// TestCompareOptions checks the filters and the fragile threshold.
func TestCompareOptions(t *testing.T) {
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	facts := FactTable(mem, readFacts(t, filepath.Join("testdata", "analysis-merger", "facts.csv"), dict), dict)
	defer facts.Release()
	cases := []struct {
		o    CompareOptions
		want []string
	}{
		{CompareOptions{By: ByTrack, Only: []string{"doctorats"}}, []string{
			"2012,null,track,doctorats,1,12,6,0.0221,0.5000,true,null,null,null,null,null,null"}},
		{CompareOptions{By: ByTrack, Only: []string{"doctorats"}, Fragile: 10}, []string{
			"2012,null,track,doctorats,1,12,6,0.0221,0.5000,false,null,null,null,null,null,null"}},
		{CompareOptions{Only: []string{"non-ventile"}, From: 2011, To: 2011}, []string{
			"2011,null,group,non-ventile,1,60,30,0.1579,0.5000,false,null,null,null,null,null,null"}},
		{CompareOptions{Only: []string{"formation-continue"}, To: 2011, Panel: true}, []string{
			"2011,2010,group,formation-continue,2,45,30,0.1875,0.6667,false,0,0,0,0.0000,null,false"}},
	}
	for _, c := range cases {
		rec, err := BuildCompare(mem, facts, nil, dict, c.o)
		if err != nil {
			t.Fatal(err)
		}
		got := rows(rec)
		rec.Release()
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v:\n%s\nwant\n%s", c.o, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
	if _, err := BuildCompare(mem, facts, nil, dict, CompareOptions{By: "academie"}); err == nil {
		t.Error("by academie accepted")
	}
}

// BenchmarkPanel builds the panel (and the comparison on it) over one
// million facts: 2,000 institutions, 7 tracks, about 70 years, a registry
// of the 2,000 with one merger in ten.
func BenchmarkPanel(b *testing.B) {
	dict := tracks.Default()
	all := dict.Tracks()
	const n = 1_000_000
	facts := make([]ingest.Fact, 0, n)
	for i := 0; len(facts) < n; i++ {
		tr := all[i%7]
		facts = append(facts, ingest.Fact{
			Year: 2000 + (i/14000)%70, UAI: fmt.Sprintf("%07dX", i/7%2000), Institution: "Université",
			Track: tr.Code, TrackGroup: tr.Group, Students: int64(100 + i%50), Certs: int64(i % 100),
		})
	}
	reg := &registry.Registry{}
	for u := range 2000 {
		e := registry.Entry{UAI: fmt.Sprintf("%07dX", u), FirstYear: 2000}
		if u%10 == 1 {
			e.LastYear, e.Successor = 2030, fmt.Sprintf("%07dX", u-1)
		}
		reg.Entries = append(reg.Entries, e)
	}
	mem := memory.NewGoAllocator()
	rec := FactTable(mem, facts, dict)
	defer rec.Release()
	b.Run("panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := BuildPanel(mem, rec, reg, dict)
			if err != nil {
				b.Fatal(err)
			}
			p.Release()
		}
	})
	b.Run("compare-panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := BuildCompare(mem, rec, reg, dict, CompareOptions{By: ByTrack, Panel: true})
			if err != nil {
				b.Fatal(err)
			}
			p.Release()
		}
	})
	b.Run("completeness", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c, err := BuildCompleteness(mem, rec, reg)
			if err != nil {
				b.Fatal(err)
			}
			c.Release()
		}
	})
}
