package main

import (
	"bytes"
	"context"
	"encoding/csv"

	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// compareRegistry is a registry of the samples' institutions: all expected
// from 2005-2006 except Aix-Marseille and Lorraine (from 2011-2012), the
// IUFMs of Lyon and Aquitaine merged into Lyon 1 and Bordeaux after
// 2007-2008 and 2008-2009, La Rochelle expected and never answering, Rouen
// (which answers in 2011-2012) left out.
var compareRegistry = filepath.Join("testdata", "compare", "registry.csv")

func compareOpts(args ...string) compareOptions {
	o := compareOptions{commonOptions: commonOptions{lang: "fr"}, in: listFlag{samplesDir}, by: "group", format: "table", fragile: 30}
	for i := 0; i < len(args); i += 2 {
		switch v := args[i+1]; args[i] {
		case "by":
			o.by = v
		case "only":
			o.only = v
		case "from":
			o.from = v
		case "to":
			o.to = v
		case "panel":
			o.panel = v == "true"
		case "format":
			o.format = v
		case "lang":
			o.lang = v
		case "registry":
			o.registry = v
		case "data":
			o.data, o.in = v, nil
		default:
			panic("compareOpts: " + args[i])
		}
	}
	return o
}

// TestCompareSamples runs compare on the samples through runCompare and
// compares what it prints with testdata/compare/<case>.txt (rewritten with
// -update): masters against continuing education across 2006–2012, with
// and without the panel, with the registry, by track in English, as CSV.
func TestCompareSamples(t *testing.T) {
	cases := []struct {
		name string
		o    compareOptions
	}{
		{"masters-fc", compareOpts("only", "masters,formation-continue")},
		{"masters-fc-panel", compareOpts("only", "masters,formation-continue", "panel", "true")},
		{"masters-fc-registry", compareOpts("only", "masters,formation-continue", "registry", compareRegistry)},
		{"tracks-en", compareOpts("by", "track", "lang", "en", "from", "2010-2011")},
		{"groups-csv", compareOpts("format", "csv")},
		{"tracks-panel-csv", compareOpts("format", "csv", "panel", "true", "by", "track", "from", "2011")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if err := runCompare(context.Background(), c.o, &out, &errOut); err != nil {
				t.Fatalf("runCompare: %v\n%s", err, errOut.String())
			}
			got := out.String()
			testutil.Golden(t, filepath.Join("testdata", "compare", c.name+".txt"), []byte(got), *update)
		})
	}
}

// TestCompareTellsTheTruth checks the figures the issue quotes for
// 2011-2012 against the panel: 48 institutions answered, 19 of them also in
// 2010-2011, and on those 19 the students rose by about 25 %, not 154,7 %;
// and that before 2011-2012 the table says the years had no breakdown
// rather than showing zero masters students.
func TestCompareTellsTheTruth(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := runCompare(context.Background(), compareOpts("only", "masters,formation-continue", "panel", "true", "from", "2011"), &out, &errOut); err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(out.String())
	for _, want := range []string{
		"2010-2011 → 2011-2012 : 19 établissement(s) ont répondu les deux années (22 en 2010-2011, 48 en 2011-2012)",
		"+25,0 %", "+154,7 %", "2010-2011 (100 %)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("compare --panel does not say %q:\n%s", want, s)
		}
	}
	if !strings.Contains(errOut.String(), "Sans liste des établissements attendus") {
		t.Errorf("without a registry, nothing says there is no response rate:\n%s", errOut.String())
	}
}

// TestCompareMatchesReport: compare's CSV and report's compare.csv agree,
// and both agree with tracks.csv and national.csv, which another code path
// (aggregate.Summarise) computes.
func TestCompareMatchesReport(t *testing.T) {
	out := reportSamples(t)
	reportCompare := testutil.ReadCSV(t, filepath.Join(out, "compare.csv"))
	var fromCmd [][]string
	for _, by := range []string{"group", "track"} {
		var buf, errOut bytes.Buffer
		if err := runCompare(context.Background(), compareOpts("format", "csv", "by", by), &buf, &errOut); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(fromCmd) == 0 {
			fromCmd = recs[:1]
		}
		fromCmd = append(fromCmd, recs[1:]...)
	}
	if !slices.EqualFunc(reportCompare, fromCmd, slices.Equal) {
		t.Errorf("report's compare.csv and compare --format csv differ:\n%v\n%v", reportCompare, fromCmd)
	}
	// By track: year, track, students, certificates, share, success_rate
	// as tracks.csv.
	var byTrack [][]string
	students := map[string]int64{}
	for _, r := range reportCompare[1:] {
		if r[1] == "track" {
			byTrack = append(byTrack, []string{r[0], r[2], r[3], r[4], r[5], r[6]})
		} else {
			n, _ := strconv.ParseInt(r[3], 10, 64)
			students[r[0]] += n
		}
	}
	if tr := testutil.ReadCSV(t, filepath.Join(out, "tracks.csv"))[1:]; !slices.EqualFunc(byTrack, tr, slices.Equal) {
		t.Errorf("compare.csv by track:\n%v\ntracks.csv:\n%v", byTrack, tr)
	}
	for _, r := range testutil.ReadCSV(t, filepath.Join(out, "national.csv"))[1:] {
		if n, _ := strconv.ParseInt(r[2], 10, 64); students[r[0]] != n {
			t.Errorf("%s: groups sum to %d students, national.csv says %d", r[0], students[r[0]], n)
		}
	}
}

// TestReportAnalysisIndependent runs report over the samples with the
// samples' registry and checks every figure of completeness.csv,
// missing.csv and panel.csv against plain loops over the facts read by
// ingest. The registry's merged IUFMs never answer after their last year,
// so "answered" here is simply "the expected UAI has a fact that year"
// (the merger rule itself is checked in aggregate's tests).
func TestReportAnalysisIndependent(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, "report", "--in", samplesDir, "--out", out, "--registry", compareRegistry)
	if code != exitOK {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "1 réponse(s) d'établissements que la liste n'attend pas") || !strings.Contains(stderr, "0761904G Université de Rouen (absent de la liste)") {
		t.Errorf("report does not warn of Rouen's unexpected answer:\n%s", stderr)
	}
	dict := tracks.Default()
	files, _, err := ingest.Collect([]string{samplesDir})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := ingest.ReadAll(context.Background(), files, ingest.Options{Lang: "fr", Tracks: dict, Limits: sheet.DefaultLimits(), MaxYear: 2100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := registry.Load(compareRegistry, registry.Options{})
	if res.Refused() {
		t.Fatalf("registry refused: %v", res.Refusals)
	}
	reg := res.Registry

	answered := map[int]map[string]bool{}
	for _, f := range batch.Facts {
		if answered[f.Year] == nil {
			answered[f.Year] = map[string]bool{}
		}
		answered[f.Year][f.UAI] = true
	}
	var years []int
	for y := range answered {
		years = append(years, y)
	}
	sort.Ints(years)

	frac := func(a, b int64) string {
		if b == 0 {
			return ""
		}
		return strconv.FormatFloat(float64(a)/float64(b), 'f', 4, 64)
	}
	wantComp := [][]string{{"year", "expected", "answered", "unexpected", "response_rate"}}
	wantMissing := [][]string{{"year", "uai", "institution", "academie", "last_answered"}}
	for _, y := range years {
		var expected, got, unexpected int64
		entries := slices.Clone(reg.Entries)
		slices.SortFunc(entries, func(a, b registry.Entry) int { return strings.Compare(a.UAI, b.UAI) })
		for _, e := range entries {
			if !e.Expected(y) {
				continue
			}
			expected++
			if answered[y][e.UAI] {
				got++
				continue
			}
			last := ""
			for x := y - 1; x >= years[0]; x-- {
				if answered[x][e.UAI] {
					last = strconv.Itoa(x)
					break
				}
			}
			wantMissing = append(wantMissing, []string{strconv.Itoa(y), e.UAI, e.Institution, e.Academie, last})
		}
		for u := range answered[y] {
			if !slices.ContainsFunc(reg.Entries, func(e registry.Entry) bool { return e.UAI == u && e.Expected(y) }) {
				unexpected++
			}
		}
		wantComp = append(wantComp, []string{strconv.Itoa(y), strconv.FormatInt(expected, 10), strconv.FormatInt(got, 10),
			strconv.FormatInt(unexpected, 10), frac(got, expected)})
	}
	if got := testutil.ReadCSV(t, filepath.Join(out, "completeness.csv")); !slices.EqualFunc(got, wantComp, slices.Equal) {
		t.Errorf("completeness.csv:\n%v\nindependent:\n%v", got, wantComp)
	}
	if got := testutil.ReadCSV(t, filepath.Join(out, "missing.csv")); !slices.EqualFunc(got, wantMissing, slices.Equal) {
		t.Errorf("missing.csv:\n%v\nindependent:\n%v", got, wantMissing)
	}
	if wantComp[len(wantComp)-1][3] != "1" {
		t.Errorf("Rouen's 2011-2012 answer is not counted as unexpected: %v", wantComp[len(wantComp)-1])
	}

	// The panel: for each year and the previous year present, the UAIs
	// that answered both (the IUFMs' mergers change no pair: they did not
	// answer the year before their successor's, and the successors were
	// expected then and did not answer either). Groups in dictionary order.
	groupRank := map[string]int{}
	for _, tr := range dict.Tracks() {
		if _, ok := groupRank[tr.Group]; !ok {
			groupRank[tr.Group] = len(groupRank)
		}
	}
	wantPanel := [][]string{{"year", "previous_year", "group", "institutions", "students", "certificates", "success_rate",
		"previous_students", "previous_certificates", "previous_success_rate"}}
	for i := 1; i < len(years); i++ {
		p, y := years[i-1], years[i]
		type sums struct {
			s, c, ps, pc int64
			units        map[string]bool
		}
		by := map[string]*sums{"all": {units: map[string]bool{}}}
		var groups []string
		for _, f := range batch.Facts {
			if f.Year != y && f.Year != p {
				continue
			}
			g := by[f.TrackGroup]
			if g == nil {
				g = &sums{units: map[string]bool{}}
				by[f.TrackGroup] = g
				groups = append(groups, f.TrackGroup)
			}
			if !answered[p][f.UAI] || !answered[y][f.UAI] {
				continue
			}
			for _, s := range []*sums{by["all"], g} {
				s.units[f.UAI] = true
				if f.Year == y {
					s.s += f.Students
					s.c += f.Certs
				} else {
					s.ps += f.Students
					s.pc += f.Certs
				}
			}
		}
		sort.Slice(groups, func(a, b int) bool { return groupRank[groups[a]] < groupRank[groups[b]] })
		for _, g := range append([]string{"all"}, groups...) {
			s := by[g]
			wantPanel = append(wantPanel, []string{strconv.Itoa(y), strconv.Itoa(p), g, strconv.Itoa(len(s.units)),
				strconv.FormatInt(s.s, 10), strconv.FormatInt(s.c, 10), frac(s.c, s.s),
				strconv.FormatInt(s.ps, 10), strconv.FormatInt(s.pc, 10), frac(s.pc, s.ps)})
		}
	}
	if got := testutil.ReadCSV(t, filepath.Join(out, "panel.csv")); !slices.EqualFunc(got, wantPanel, slices.Equal) {
		t.Errorf("panel.csv:\n%v\nindependent:\n%v", got, wantPanel)
	}
}

// TestCompareData: compare --data reads the data folder's store without
// taking anything, and says the same as compare --in over the same files.
func TestCompareData(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")...)
	drop(t, data, sampleFiles(t, "2011-2012")...)
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	// A file dropped since is not taken by compare.
	drop(t, data, sampleFiles(t, "2009-2010")[:1]...)
	// The data folder's registry, as registry import leaves it, is used.
	reg, err := os.ReadFile(filepath.Join(samplesDir, "registry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "registry.csv"), reg, 0o644); err != nil {
		t.Fatal(err)
	}
	var fromData, fromFiles, errOut bytes.Buffer
	if err := runCompare(context.Background(), compareOpts("data", data), &fromData, &errOut); err != nil {
		t.Fatalf("compare --data: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "2011-2012 0761874Z Université du Havre (absent de la liste)") ||
		!strings.Contains(fromData.String(), "taux de réponse") {
		t.Errorf("compare --data does not use the data folder's registry:\n%s\n%s", errOut.String(), fromData.String())
	}
	o := compareOpts("registry", filepath.Join(samplesDir, "registry.csv"))
	o.in = listFlag{filepath.Join(samplesDir, "2010-2011"), filepath.Join(samplesDir, "2011-2012")}
	if err := runCompare(context.Background(), o, &fromFiles, &errOut); err != nil {
		t.Fatal(err)
	}
	if fromData.String() != fromFiles.String() {
		t.Errorf("compare --data:\n%s\ncompare --in:\n%s", fromData.String(), fromFiles.String())
	}
	if left, _ := filepath.Glob(filepath.Join(data, "inbox", "*")); len(left) != 1 {
		t.Errorf("inbox holds %v, want the file dropped after the run, untouched", left)
	}
	if code, _, stderr := runCmd(t, "compare", "--data", t.TempDir()); code != exitFailure || !strings.Contains(stderr, "c2isurvey run --data") {
		t.Errorf("compare on an empty data folder: exit %d, want %d and what to do:\n%s", code, exitFailure, stderr)
	}
}

func TestCompareUsage(t *testing.T) {
	good := filepath.Join(samplesDir, "2011-2012")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compare"}, exitUsage, "aucune donnée"},
		{[]string{"compare", "--in", good, "--data", "x"}, exitUsage, "ne vont pas ensemble"},
		{[]string{"compare", "--in", good, "--by", "academie"}, exitUsage, "--by"},
		{[]string{"compare", "--in", good, "--format", "xml"}, exitUsage, "--format"},
		{[]string{"compare", "--in", good, "--only", "masters-enseignement"}, exitUsage, "masters-enseignement"},
		{[]string{"compare", "--in", good, "--from", "2012", "--to", "2010"}, exitUsage, "après"},
		{[]string{"compare", "--in", good, "--from", "2011-2013"}, exitUsage, "2011-2013"},
		{[]string{"compare", "--in", good, "--fragile", "0"}, exitUsage, "--fragile"},
		{[]string{"compare", "--help"}, exitOK, ""},
		{[]string{"compare", "--in", good, "--registry", filepath.Join("testdata", "compare", "nope.csv")}, exitFailure, "nope.csv"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args[1:], " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to say %q", code, c.code, stderr, c.want)
			}
		})
	}
}
