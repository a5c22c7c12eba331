package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/template"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// uaiKey completes a UAI's 7 digits with its check letter (the number
// modulo 23 over the letters without I, O, Q).
func uaiKey(digits string) string {
	n, err := strconv.Atoi(digits)
	if err != nil {
		panic(err)
	}
	return digits + string("ABCDEFGHJKLMNPRSTUVWXYZ"[n%23])
}

// Hostile texts of the batch below.
const (
	emojiName   = "Université 🎓 des \u202Eesrever\u202C arts =1+2"
	formulaFile = "=cmd|' calc'!A0 🎓.xlsx"
	escapeFile  = "+1 \x1b[2J\nRefusé : faux.csv"
	longLen     = 200_000
)

// writeHostileBatch writes, into dir, files nobody here wrote: an accepted
// form whose name holds an emoji and a right-to-left override and whose
// file name is a formula; a consolidated table whose institution name is
// 200,000 characters long and holds escape sequences, named with an escape
// sequence and a line break; a table whose unknown track label is 200,000
// characters long (its refusal quotes it); a refused file named as a
// formula. It returns the files' paths.
func writeHostileBatch(t testing.TB, dir string) []string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	add := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var form bytes.Buffer
	err := template.Write(&form, template.Form{
		Year: 2013, UAI: uaiKey("0751717"), Name: emojiName, Academie: "Paris", Tracks: tracks.Default(),
		Values: map[string]template.Counts{
			"masters-enseignement": {Students: 120, Certs: 80},
			"autres-masters":       {Students: 30, Certs: 10},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	add(formulaFile, form.Bytes())

	long := "Lycée \x1b[31mrouge\x07 \u2066\u202E" + strings.Repeat("Établissement", longLen/13) + " fin"
	var table bytes.Buffer
	w := csv.NewWriter(&table)
	w.Write([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"})
	w.Write([]string{"2013", uaiKey("0331764"), long, "Bordeaux", "Masters enseignement", "50", "20"})
	w.Write([]string{"2013", uaiKey("0331764"), long, "Bordeaux", "Doctorats", "5", "2"})
	w.Flush()
	add(escapeFile, table.Bytes())

	table.Reset()
	w = csv.NewWriter(&table)
	w.Write([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"})
	w.Write([]string{"2013", uaiKey("0693300"), "IUFM de Lyon", "Lyon", "@" + strings.Repeat("x", longLen) + "\x1b]0;titre\x07", "5", "2"})
	w.Flush()
	add("-2 parcours.csv", table.Bytes())

	add("@x\tfaux.xlsx", []byte("ceci n'est pas un classeur"))
	return paths
}

// TestReportHostileBatch runs report over the hostile batch: every output
// is written, nothing raw reaches the terminal, the CSV tables hold no
// formula, and the PDF shows the font's replacement mark where the emoji
// was, without the bidi override, and long texts cut. The files are given
// by relative names, so that the file column of rejections.csv starts with
// their first character.
func TestReportHostileBatch(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	paths := writeHostileBatch(t, in)
	out := t.TempDir()
	t.Chdir(in)
	args := []string{"report", "--out", out}
	for _, p := range paths {
		args = append(args, "--in", filepath.Base(p))
	}
	code, stdout, stderr := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("report exited %d:\n%s", code, stderr)
	}
	for _, name := range []string{"national.csv", "tracks.csv", "rejections.csv", "c2i2e.xlsx", "c2i2e-2012-2013.pdf"} {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	checkTerminal(t, "report", stdout+stderr)
	if !strings.Contains(stderr, "Refusé\u00a0: @x faux.xlsx") {
		t.Errorf("the refused file is not named (its tab a space):\n%s", stderr)
	}
	rej, _ := os.ReadFile(filepath.Join(out, "rejections.csv"))
	for _, want := range []string{"\n'@x faux.xlsx,", "\n'-2 parcours.csv,"} {
		if !strings.Contains(string(rej), want) {
			t.Errorf("rejections.csv lacks %q", want)
		}
	}

	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	for _, f := range files {
		for _, rec := range testutil.ReadCSV(t, f) {
			for _, field := range rec {
				if field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0])) {
					t.Errorf("%s: field %.40q starts a formula", filepath.Base(f), field)
				}
				if strings.ContainsAny(field, "\x1b\x07\n\u202E") || len(field) > 4*32767 {
					t.Errorf("%s: field %.40q… (%d bytes) is not neutralised", filepath.Base(f), field, len(field))
				}
			}
		}
	}

	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found (install poppler-utils): the PDF's text is not checked")
	}
	// The annual report and, for the refused files' names, the quality
	// report.
	var text, public string
	for _, pdf := range []string{"c2i2e-2012-2013.pdf", "qualite-2012-2013.pdf"} {
		txt, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(out, pdf), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", pdf, err)
		}
		text += string(txt)
		if public == "" {
			public = strings.Join(strings.Fields(string(txt)), " ")
		}
	}
	if strings.ContainsAny(text, "🎓\u202E\u2066\x1b\x07") {
		t.Errorf("the PDF holds a raw emoji, bidi or control character")
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Université ? des esrever arts =1+2", "…"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// The public report names no file: the refused ones are the internal
	// quality report's to list.
	for _, name := range []string{"calc'!A0", "faux.csv"} {
		if strings.Contains(public, name) {
			t.Errorf("the public PDF names the file %q", name)
		}
	}
	if n := strings.Count(text, "Établissement"); n > 200 {
		t.Errorf("the 200,000-character name is drawn in full (%d times its word)", n)
	}
}

// checkTerminal fails when what a command printed holds a raw control or
// bidi character, a line forged by a file name, or a huge line.
func checkTerminal(t *testing.T, cmd, printed string) {
	t.Helper()
	if strings.ContainsAny(printed, "\x1b\x07\u202E\u2066\t") {
		t.Errorf("%s: the terminal got a raw control character:\n%q", cmd, printed)
	}
	for line := range strings.SplitSeq(printed, "\n") {
		if strings.HasPrefix(line, "Refusé : faux.csv") {
			t.Errorf("%s: a file name forged a line: %q", cmd, line)
		}
		if len(line) > 4000 {
			t.Errorf("%s: a line of %d bytes reached the terminal", cmd, len(line))
		}
	}
}

// TestTerminalHostileNames runs validate, then run, files and runs over
// the hostile batch: none may print a raw control character or a line a
// file name forged.
func TestTerminalHostileNames(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	paths := writeHostileBatch(t, in)
	code, stdout, stderr := runCmd(t, append([]string{"validate"}, paths...)...)
	if code != exitFailure || !strings.Contains(stdout, "+1 \uFFFD[2J Refusé : faux.csv\u00a0: accepté") {
		t.Errorf("validate: exit %d\n%s%s", code, stdout, stderr)
	}
	checkTerminal(t, "validate", stdout+stderr)

	data := t.TempDir()
	if err := os.Rename(in, filepath.Join(data, "inbox")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCmd(t, "run", "--data", data, "--settle", "0s")
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	checkTerminal(t, "run", stdout+stderr)
	for _, args := range [][]string{{"files"}, {"runs"}, {"files", "--status", "rejected"}} {
		code, stdout, stderr = runCmd(t, append(args, "--data", data)...)
		if code != exitOK {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
		checkTerminal(t, strings.Join(args, " "), stdout+stderr)
	}
	if !strings.Contains(stdout, "@x faux.xlsx") {
		t.Errorf("files --status rejected does not name the refused file:\n%s", stdout)
	}
}
