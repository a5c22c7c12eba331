package main

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/testutil"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	samplesDir   = "../../samples"
	publishedDir = "../../testdata/published"
)

// runCmd runs the command line as main would and returns its exit code and
// outputs.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// reportSamples runs report over the bundled samples into a new folder.
func reportSamples(t *testing.T, extra ...string) string {
	t.Helper()
	out := t.TempDir()
	code, _, stderr := runCmd(t, append([]string{"report", "--in", samplesDir, "--out", out}, extra...)...)
	if code != exitOK {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	return out
}

// TestSamplesReproducePublishedTables is the project's first acceptance test:
// from the institutions' files, the pipeline finds the ministry's published
// national table, and for 2011-2012 its table by track.
func TestSamplesReproducePublishedTables(t *testing.T) {
	out := reportSamples(t)

	// The published national table (survey-format.md), kept as data in
	// testdata/published: year → institutions, students, certificates.
	published := map[int][3]int64{}
	for _, r := range testutil.ReadCSV(t, filepath.Join(publishedDir, "national.csv"))[1:] {
		y, _ := strconv.Atoi(r[0])
		var v [3]int64
		for i := range v {
			v[i], _ = strconv.ParseInt(r[i+1], 10, 64)
		}
		published[y] = v
	}
	if len(published) != 7 {
		t.Fatalf("%d published years, want 7 (2006-2012)", len(published))
	}
	rows := testutil.ReadCSV(t, filepath.Join(out, "national.csv"))
	if got := strings.Join(rows[0], ","); got != "year,institutions,students,certificates,success_rate" {
		t.Fatalf("national.csv header = %s", got)
	}
	if len(rows)-1 != len(published) {
		t.Errorf("national.csv has %d years, want %d", len(rows)-1, len(published))
	}
	for _, r := range rows[1:] {
		y, _ := strconv.Atoi(r[0])
		want, ok := published[y]
		if !ok {
			t.Errorf("unexpected year %d", y)
			continue
		}
		for i := range 3 {
			if got, _ := strconv.ParseInt(r[i+1], 10, 64); got != want[i] {
				t.Errorf("%d %s = %d, published %d", y, rows[0][i+1], got, want[i])
			}
		}
		// The rate is the ratio of the counts (2012: 0.6462, not the
		// published 64 %), written with four decimals.
		rate := float64(want[2]) / float64(want[1])
		if r[4] != strconv.FormatFloat(rate, 'f', 4, 64) {
			t.Errorf("%d success_rate = %s, want %.4f", y, r[4], rate)
		}
	}

	// The published 2011-2012 table by track: share of certificates to 0,1
	// point, success rate to the point.
	tracksPublished := map[string][2]float64{}
	for _, r := range testutil.ReadCSV(t, filepath.Join(publishedDir, "tracks-2012.csv"))[1:] {
		share, _ := strconv.ParseFloat(r[1], 64)
		rate, _ := strconv.ParseFloat(r[2], 64)
		tracksPublished[r[0]] = [2]float64{share, rate}
	}
	if len(tracksPublished) != 7 {
		t.Fatalf("%d published tracks, want 7", len(tracksPublished))
	}
	rows = testutil.ReadCSV(t, filepath.Join(out, "tracks.csv"))
	if got := strings.Join(rows[0], ","); got != "year,track,students,certificates,share,success_rate" {
		t.Fatalf("tracks.csv header = %s", got)
	}
	seen := 0
	for _, r := range rows[1:] {
		if r[0] != "2012" {
			if r[1] != "non-ventile" {
				t.Errorf("year %s has track %s: before 2011-2012 there is no breakdown", r[0], r[1])
			}
			continue
		}
		want, ok := tracksPublished[r[1]]
		if !ok {
			t.Errorf("2012: unexpected track %s", r[1])
			continue
		}
		seen++
		s, _ := strconv.ParseInt(r[2], 10, 64)
		c, _ := strconv.ParseInt(r[3], 10, 64)
		share := math.Round(float64(c)/23009*1000) / 10
		rate := math.Round(float64(c) / float64(s) * 100)
		if share != want[0] || rate != want[1] {
			t.Errorf("2012 %s: share %.1f %%, rate %.0f %%; published %.1f %%, %.0f %%", r[1], share, rate, want[0], want[1])
		}
	}
	if seen != len(tracksPublished) {
		t.Errorf("2012 has %d tracks, want %d", seen, len(tracksPublished))
	}
}

// TestSamplesGolden compares the CSV tables over the samples with the golden
// files (rewritten with -update).
func TestSamplesGolden(t *testing.T) {
	out := reportSamples(t)
	for _, name := range []string{"national.csv", "tracks.csv", "rejections.csv", "outliers.csv"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		testutil.Golden(t, filepath.Join("testdata", "samples", name), got, *update)
	}
}

// TestReportDeterministic runs the pipeline twice and wants the same bytes
// in every output, PDFs, workbook and Parquet files included.
func TestReportDeterministic(t *testing.T) {
	a, b := filesUnder(t, reportSamples(t, "--parquet")), filesUnder(t, reportSamples(t, "--parquet"))
	if len(a) < 5+8 {
		t.Fatalf("only %d outputs", len(a))
	}
	for name, x := range a {
		y, ok := b[name]
		if !ok {
			t.Errorf("second run lacks %s", name)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs over the same files", name)
		}
	}
	if len(b) != len(a) {
		t.Errorf("%d outputs, then %d", len(a), len(b))
	}
}

// TestReportPDFText reads the 2011-2012 report as a reader would, through
// pdftotext.
func TestReportPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install poppler-utils to read the PDF reports in tests")
	}
	for _, c := range []struct {
		lang  string
		words []string
	}{
		{"fr", []string{"Enquête C2i2e", "2011-2012", "35 604", "23 009", "64,6 %", "Taux de réussite", "L’essentiel", "Qualité des données", "page 1 / "}},
		{"en", []string{"35,604", "23,009", "64.6%", "Success rate"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			out := reportSamples(t, "--lang", c.lang)
			txt, err := exec.Command("pdftotext", "-layout", filepath.Join(out, "c2i2e-2011-2012.pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			// pdftotext gives the no-break and narrow no-break spaces of
			// French typography as plain spaces or as themselves,
			// depending on its version: compare with plain spaces.
			text := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(string(txt))
			for _, w := range c.words {
				if !strings.Contains(text, w) {
					t.Errorf("the 2011-2012 report (%s) does not say %q", c.lang, w)
				}
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(samplesDir, "2011-2012")
	entries, _ := filepath.Glob(filepath.Join(good, "*.xlsx"))
	if len(entries) == 0 {
		t.Fatal("no sample form")
	}
	broken, _ := filepath.Glob(filepath.Join(samplesDir, "broken", "*"))
	if len(broken) == 0 {
		t.Fatal("no broken sample")
	}
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"help", []string{"--help"}, exitOK},
		{"report help", []string{"report", "--help"}, exitOK},
		{"validate help", []string{"validate", "--help"}, exitOK},
		{"template help", []string{"template", "-h"}, exitOK},
		{"report without out", []string{"report", "--in", samplesDir}, exitUsage},
		{"report without in", []string{"report", "--out", dir}, exitUsage},
		{"report bad flag", []string{"report", "--frob"}, exitUsage},
		{"report bad lang", []string{"report", "--in", good, "--out", dir, "--lang", "de"}, exitUsage},
		{"report suppress above fragile", []string{"report", "--in", good, "--out", dir, "--fragile", "5", "--suppress", "10"}, exitUsage},
		{"report negative fragile", []string{"report", "--in", good, "--out", dir, "--fragile", "-1", "--suppress", "0"}, exitUsage},
		{"report other thresholds", []string{"report", "--in", good, "--out", filepath.Join(dir, "t"), "--fragile", "50", "--suppress", "20"}, exitOK},
		{"report settings", []string{"report", "--in", good, "--out", filepath.Join(dir, "s"), "--settings", filepath.Join("testdata", "settings", "good.txt")}, exitOK},
		{"report bad settings", []string{"report", "--in", good, "--out", dir, "--settings", filepath.Join("testdata", "settings", "bad.txt")}, exitFailure},
		{"report missing settings", []string{"report", "--in", good, "--out", dir, "--settings", filepath.Join(dir, "nope.txt")}, exitFailure},
		{"report missing input", []string{"report", "--in", filepath.Join(dir, "nope"), "--out", dir}, exitFailure},
		{"report bad tracks file", []string{"report", "--in", good, "--out", dir, "--tracks", filepath.Join(dir, "nope.csv")}, exitFailure},
		{"report with refused files runs", []string{"report", "--in", broken[0], entries[0], "--out", filepath.Join(dir, "r")}, exitOK},
		{"validate nothing", []string{"validate"}, exitUsage},
		{"validate good", []string{"validate", entries[0]}, exitOK},
		{"validate broken", []string{"validate", entries[0], broken[0]}, exitFailure},
		{"template without year", []string{"template", "--out", filepath.Join(dir, "t.xlsx")}, exitUsage},
		{"template bad uai", []string{"template", "--year", "2013", "--uai", "123", "--out", filepath.Join(dir, "t.xlsx")}, exitUsage},
		{"template not xlsx", []string{"template", "--year", "2013", "--out", filepath.Join(dir, "t.xls")}, exitUsage},
		{"template", []string{"template", "--year", "2013", "--out", filepath.Join(dir, "t.xlsx")}, exitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, c.args...)
			if code != c.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
		})
	}
}

// TestReportSettingsError: a faulty settings file stops report before
// anything is read, with the file, the line and what to do.
func TestReportSettingsError(t *testing.T) {
	bad := filepath.Join("testdata", "settings", "bad.txt")
	for _, c := range []struct{ lang, want string }{
		{"fr", "fichier de paramètres " + bad + ", ligne 2\u00a0: clé inconnue «\u00a0ministre\u00a0»"},
		{"en", "settings file " + bad + ", line 2: unknown key “ministre”"},
	} {
		code, _, stderr := runCmd(t, "report", "--lang", c.lang, "--in", filepath.Join(samplesDir, "2011-2012"), "--out", t.TempDir(), "--settings", bad)
		if code != exitFailure || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want 1 and %q", c.lang, code, stderr, c.want)
		}
	}
}

// TestValidatePrintsEveryProblem checks validate names the file, sheet and
// cell of a refusal, in French and in English.
func TestValidatePrintsEveryProblem(t *testing.T) {
	f := filepath.Join(samplesDir, "broken", "03_certificats-superieurs-aux-etudiants.xlsx")
	code, out, _ := runCmd(t, "validate", f)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, w := range []string{f, "REFUSÉ", "feuille Enquête C2i2e, cellule C8", "dépassent"} {
		if !strings.Contains(out, w) {
			t.Errorf("validate output lacks %q:\n%s", w, out)
		}
	}
	_, out, _ = runCmd(t, "validate", "--lang", "en", f)
	for _, w := range []string{"REFUSED", "sheet Enquête C2i2e, cell C8"} {
		if !strings.Contains(out, w) {
			t.Errorf("validate --lang en output lacks %q:\n%s", w, out)
		}
	}
}

// TestTemplateFilledValidates writes the blank form, fills it as an
// institution would (in a spreadsheet program: here through excelize), and
// checks that validate accepts it.
func TestTemplateFilledValidates(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "form.xlsx")
	if code, _, stderr := runCmd(t, "template", "--year", "2013", "--uai", "0751717j", "--name", "Université Paris-Sorbonne", "--out", form); code != exitOK {
		t.Fatalf("template exited %d: %s", code, stderr)
	}
	// A blank form is not yet a valid answer: it has no figure.
	if code, _, _ := runCmd(t, "validate", form); code != exitFailure {
		t.Errorf("a blank form validated")
	}
	x, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	sheet := x.GetSheetName(0)
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for i, r := range rows {
		if len(r) == 0 || i < 5 {
			continue
		}
		if r[0] == "Parcours" || strings.HasPrefix(r[0], "Total") || r[0] == "" {
			continue
		}
		filled++
		if err := x.SetCellInt(sheet, "B"+strconv.Itoa(i+1), int64(100*filled)); err != nil {
			t.Fatal(err)
		}
		if err := x.SetCellInt(sheet, "C"+strconv.Itoa(i+1), int64(60*filled)); err != nil {
			t.Fatal(err)
		}
	}
	if filled != 7 {
		t.Fatalf("filled %d track rows, want 7", filled)
	}
	if err := x.SaveAs(form); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, "validate", form)
	if code != exitOK {
		t.Fatalf("a filled template is refused:\n%s", out)
	}
	if !strings.Contains(out, "7 ligne(s)") {
		t.Errorf("validate did not read 7 rows:\n%s", out)
	}
}

func TestSpreadList(t *testing.T) {
	cases := []struct{ in, want string }{
		{"--in a b c --out d", "--in a --in b --in c --out d"},
		{"--in a --in b --out d", "--in a --in b --out d"},
		{"--out d --in a", "--out d --in a"},
		{"--lang en x y", "--lang en x y"},
		{"-in a b", "-in a -in b"},
	}
	for _, c := range cases {
		if got := strings.Join(spreadList(strings.Fields(c.in), "in"), " "); got != c.want {
			t.Errorf("spreadList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestValidateSaysWhatItPassedOver checks that validate of a folder names
// the files it did not check (a lock file, a hidden file) instead of
// declaring the folder accepted as if they were not there.
func TestValidateSaysWhatItPassedOver(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(samplesDir, "2011-2012", "0134009M_aix-marseille-universite.xlsx")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Skipf("sample %s: %v", good, err)
	}
	for _, name := range []string{"form.xlsx", "~$form.xlsx", ".hidden.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ lang, want string }{
		{"fr", "2 fichier(s) non lu(s)"},
		{"en", "2 file(s) passed over"},
	} {
		code, out, _ := runCmd(t, "validate", "--lang", c.lang, dir)
		if code != exitOK {
			t.Fatalf("%s: exit %d, want 0:\n%s", c.lang, code, out)
		}
		if !strings.Contains(out, c.want) || !strings.Contains(out, "~$form.xlsx") {
			t.Errorf("%s: validate output does not say what it passed over (%q):\n%s", c.lang, c.want, out)
		}
	}
}
