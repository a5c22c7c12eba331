package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/testutil"
)

const acceptanceDir = "../../testdata/acceptance"

// fileLevel are the broken files whose fault is the whole file, not a cell:
// they are refused with no cell to name.
var fileLevel = map[string]bool{
	"b01-truncated.xlsx": true, "b02-random.xlsx": true, "b03-empty.xlsx": true, "b04-empty.csv": true,
	"b27-prose.csv": true, "b28-html.xls": true, "b29-report.pdf.xlsx": true, "b31-utf16-garbage.csv": true,
	"b38-binary-nul.csv": true, "b39-far-cell.xlsx": true, "b40-billion-laughs.xlsx": true,
	"b50-bad-shared-string.xlsx": true, "b51-bad-xml.xlsx": true, "b53-encrypted.xlsx": true,
	"b05-legacy.xls": true, "b06-calc.ods": true,
}

// TestAcceptanceSet runs report over a set of real-world-shaped files
// (testdata/acceptance: both layouts and their variations, some written by
// LibreOffice, and broken or hostile files) and wants: every legal file
// accepted with the totals of testdata/acceptance-expected.csv exactly,
// every broken file in rejections.csv, with a cell wherever the fault is in
// one.
func TestAcceptanceSet(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, "report", "--in", acceptanceDir, "--out", out)
	if code != exitOK {
		t.Fatalf("report exited %d: %s", code, stderr)
	}

	// Expected totals, from the facts written into the legal files.
	type key struct {
		year  int
		track string
	}
	type sums struct{ students, certs int64 }
	national := map[int]*sums{}
	insts := map[int]map[string]bool{}
	byTrack := map[key]*sums{}
	for _, r := range testutil.ReadCSV(t, "../../testdata/acceptance-expected.csv")[1:] {
		y, _ := strconv.Atoi(r[0])
		s, _ := strconv.ParseInt(r[3], 10, 64)
		c, _ := strconv.ParseInt(r[4], 10, 64)
		if national[y] == nil {
			national[y], insts[y] = &sums{}, map[string]bool{}
		}
		national[y].students += s
		national[y].certs += c
		insts[y][r[1]] = true
		k := key{y, r[2]}
		if byTrack[k] == nil {
			byTrack[k] = &sums{}
		}
		byTrack[k].students += s
		byTrack[k].certs += c
	}
	rows := testutil.ReadCSV(t, filepath.Join(out, "national.csv"))[1:]
	if len(rows) != len(national) {
		t.Errorf("national.csv has %d years, want %d", len(rows), len(national))
	}
	for _, r := range rows {
		y, _ := strconv.Atoi(r[0])
		w := national[y]
		if w == nil {
			t.Errorf("unexpected year %d", y)
			continue
		}
		want := []string{strconv.Itoa(len(insts[y])), strconv.FormatInt(w.students, 10), strconv.FormatInt(w.certs, 10)}
		if got := r[1:4]; strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%d: institutions, students, certificates = %v, want %v", y, got, want)
		}
	}
	rows = testutil.ReadCSV(t, filepath.Join(out, "tracks.csv"))[1:]
	if len(rows) != len(byTrack) {
		t.Errorf("tracks.csv has %d rows, want %d", len(rows), len(byTrack))
	}
	for _, r := range rows {
		y, _ := strconv.Atoi(r[0])
		w := byTrack[key{y, r[1]}]
		if w == nil {
			t.Errorf("unexpected %d %s", y, r[1])
			continue
		}
		if r[2] != strconv.FormatInt(w.students, 10) || r[3] != strconv.FormatInt(w.certs, 10) {
			t.Errorf("%d %s: %s students, %s certificates; want %d, %d", y, r[1], r[2], r[3], w.students, w.certs)
		}
	}

	// Refusals: every broken file, no legal one.
	withCell := map[string]bool{}
	listed := map[string]bool{}
	for _, r := range testutil.ReadCSV(t, filepath.Join(out, "rejections.csv"))[1:] {
		listed[r[0]] = true
		if r[1] != "" || r[2] != "" {
			withCell[r[0]] = withCell[r[0]] || r[2] != ""
		}
		if strings.Contains(r[0], "/legal/") {
			t.Errorf("legal file refused: %s: %s", r[0], r[3])
		}
		if r[3] == "" {
			t.Errorf("%s: a refusal with no message", r[0])
		}
	}
	broken := 0
	err := filepath.Walk(filepath.Join(acceptanceDir, "broken"), func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		broken++
		switch {
		case !listed[p]:
			t.Errorf("broken file not in rejections.csv: %s", p)
		case !fileLevel[fi.Name()] && !withCell[p]:
			t.Errorf("%s: refused without naming the cell", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if broken < 40 {
		t.Errorf("only %d broken files", broken)
	}
}
