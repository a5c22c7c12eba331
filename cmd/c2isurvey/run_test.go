package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
)

// drop copies sample files into a data folder's inbox, keeping their
// modification times (the order of receipt), as a user's file manager would.
// Forms of different years share names: each is named after its folder too.
func drop(t testing.TB, data string, files ...string) {
	t.Helper()
	dropAt(t, data, time.Time{}, files...)
}

// dropAt is drop with every modification time set to at (unless zero).
func dropAt(t testing.TB, data string, at time.Time, files ...string) {
	t.Helper()
	in := filepath.Join(data, "inbox")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(in, filepath.Base(filepath.Dir(f))+"_"+filepath.Base(f))
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		mod := fi.ModTime()
		if !at.IsZero() {
			mod = at
		}
		if err := os.Chtimes(dst, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
}

func sampleFiles(t testing.TB, sub string) []string {
	t.Helper()
	fs, err := filepath.Glob(filepath.Join(samplesDir, sub, "*"))
	if err != nil || len(fs) == 0 {
		t.Fatalf("no sample in %s: %v", sub, err)
	}
	return fs
}

// TestRunsEqualOneReport drops the samples year by year over several runs
// and wants the same bytes as one stateless report over all of them, for
// every output that names no file: the tables and the yearly PDFs.
func TestRunsEqualOneReport(t *testing.T) {
	data := t.TempDir()
	years := []string{"2005-2006", "2006-2007", "2007-2008", "2008-2009", "2009-2010", "2010-2011", "2011-2012", "broken"}
	for _, y := range years {
		drop(t, data, sampleFiles(t, y)...)
		if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
			t.Fatalf("run after dropping %s exited %d: %s", y, code, stderr)
		}
	}
	stateless := reportSamples(t)
	// Every output that does not name files: those that do (the quality
	// reports, outliers.csv, rejections.csv, the workbooks' sources) name
	// them as they came, a path under samples/ here, a name in the inbox
	// there. The yearly PDFs are drawn from the fact table, which a run
	// builds from the record's rows (store.Facts) and report from the
	// files read.
	names := []string{"national.csv", "tracks.csv", "compare.csv", "panel.csv", "completeness.csv", "missing.csv"}
	for _, y := range years[:len(years)-1] {
		names = append(names, "c2i2e-"+y+".pdf")
	}
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(data, "reports", "latest", name))
		b, _ := os.ReadFile(filepath.Join(stateless, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s after %d runs differs from one report (%d bytes, want %d)", name, len(years), len(a), len(b))
		}
	}
	entries, _ := os.ReadDir(filepath.Join(data, "inbox"))
	if len(entries) != 0 {
		t.Errorf("%d files left in the inbox", len(entries))
	}
	// runs lists every run; files lists the fate of each file.
	code, out, _ := runCmd(t, "runs", "--data", data)
	if code != exitOK || strings.Count(out, " réussi") < len(years) {
		t.Errorf("runs (exit %d):\n%s", code, out)
	}
	code, out, _ = runCmd(t, "files", "--data", data, "--status", "rejected")
	if code != exitOK || strings.Count(out, " refusé ") != 7 || !strings.Contains(out, "dépassent") {
		t.Errorf("files --status rejected (exit %d):\n%s", code, out)
	}
	code, out, _ = runCmd(t, "files", "--data", data, "--status", "replaced")
	if code != exitOK || !strings.Contains(out, "0060931E_universite-nice-sophia-antipolis.xlsx") {
		t.Errorf("files --status replaced (exit %d):\n%s", code, out)
	}
}

// TestRunLocked: a second run while one holds the data folder is refused
// with a clear message and exit code 3; with --wait it waits.
func TestRunLocked(t *testing.T) {
	data := t.TempDir()
	dirs := inbox.Layout(data)
	if err := dirs.EnsureDirs(); err != nil {
		t.Fatal(err)
	}
	lock, err := nightly.AcquireLock(context.Background(), dirs, false, "fr")
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "run", "--data", data)
	if code != exitLocked || !strings.Contains(stderr, "un autre passage est en cours") || !strings.Contains(stderr, "--wait") {
		t.Errorf("second run: exit %d, stderr %q", code, stderr)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		lock.Release()
	}()
	if code, _, stderr := runCmd(t, "run", "--data", data, "--wait"); code != exitOK {
		t.Errorf("run --wait: exit %d: %s", code, stderr)
	}
}

// TestRunUnwritableReports: a run that cannot write its reports fails with
// a clear message before taking anything: store and inbox as they were.
func TestRunUnwritableReports(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")[:3]...)
	// A file where the reports folder should be: nothing can be written
	// there, even by root.
	if err := os.WriteFile(filepath.Join(data, "reports"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s")
	if code != exitFailure || !strings.Contains(stderr, "reports") || !strings.Contains(stderr, "aucun fichier n'a été pris") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "inbox"))
	if len(entries) != 3 {
		t.Errorf("%d files in the inbox, want the 3 dropped", len(entries))
	}
	if st, err := store.Open(filepath.Join(data, "c2isurvey.db")); err == nil {
		files, _ := st.Files(context.Background(), "")
		st.Close()
		if len(files) != 0 {
			t.Errorf("%d files on record after a failed run", len(files))
		}
	}
}

// TestRunLeavesUnsettled: a file modified less than the settle period ago
// stays in the inbox for the next run.
func TestRunLeavesUnsettled(t *testing.T) {
	data := t.TempDir()
	// Dropped yesterday: settled, whatever time the checkout gave the samples.
	dropAt(t, data, time.Now().Add(-24*time.Hour), sampleFiles(t, "2010-2011")[:2]...)
	fresh := filepath.Join(data, "inbox", "en-cours.xlsx")
	if err := os.WriteFile(fresh, []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "1h"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a file still being written was taken: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(data, "archive"))
	if len(entries) != 2 {
		t.Errorf("%d files archived, want the 2 settled ones", len(entries))
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--settle", "-1s"},
		{"run", "extra"},
		{"serve", "--tz", "Mars/Olympus"},
		{"serve", "--schedule", "61 * * * *"},
		{"serve", "--log-format", "xml"},
		{"files", "--status", "lost"},
	} {
		if code, _, _ := runCmd(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	var buf bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--help"}, io.Discard, &buf); code != exitOK || !strings.Contains(buf.String(), "--schedule") {
		t.Errorf("serve --help: exit %d\n%s", code, buf.String())
	}
}

// TestRunNothingNew: a second run with nothing new says so, in the user's
// language, and keeps reports/latest as it was (the nightly package's
// tests walk every change that must redraw).
func TestRunNothingNew(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")[2:5]...)
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s")
	if want := "Rien de nouveau depuis le passage 1\u00a0: rapports conservés."; code != exitOK || !strings.Contains(stderr, want) || !strings.Contains(stderr, "run-000001") {
		t.Errorf("run with nothing new: exit %d, stderr %q, want %q", code, stderr, want)
	}
	if target, err := os.Readlink(filepath.Join(data, "reports", "latest")); err != nil || target != "run-000001" {
		t.Errorf("latest points at %q (%v), want run-000001", target, err)
	}
	if _, err := os.Stat(filepath.Join(data, "reports", "run-000002")); !os.IsNotExist(err) {
		t.Errorf("run 2 drew reports: %v", err)
	}
	// Reports in another language are other reports: run 3 draws them,
	// run 4 keeps them.
	for _, want := range []string{"run-000003", "Nothing new since run 3: reports kept."} {
		code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s", "--lang", "en")
		if code != exitOK || !strings.Contains(stderr, want) {
			t.Errorf("run --lang en: exit %d, stderr %q, want %q", code, stderr, want)
		}
	}
	code, out, _ := runCmd(t, "runs", "--data", data)
	if code != exitOK || strings.Count(out, "Rien de nouveau depuis le passage 1") != 1 || strings.Count(out, "Nothing new since run 3") != 1 {
		t.Errorf("runs (exit %d):\n%s", code, out)
	}
}
