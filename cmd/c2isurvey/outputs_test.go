package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateReadableByAll: the blank form is meant to be shared, so it is
// written readable by all, and no temporary file is left beside it.
func TestTemplateReadableByAll(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "formulaire.xlsx")
	if code, _, stderr := runCmd(t, "template", "--year", "2013", "--out", form); code != exitOK {
		t.Fatalf("template exited %d: %s", code, stderr)
	}
	fi, err := os.Stat(form)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("form mode %v, want -rw-r--r--", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want the form alone", len(entries))
	}
}

// TestReportOutputFails: an output that cannot be written (a folder stands
// where the workbook goes) makes report exit 1 with an error naming it, and
// every other output is written and listed.
func TestReportOutputFails(t *testing.T) {
	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, "c2i2e.xlsx", "dossier"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "report", "--in", filepath.Join(samplesDir, "2011-2012"), "--out", out)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailure, stderr)
	}
	if !strings.Contains(stderr, "c2i2e.xlsx") {
		t.Errorf("the error does not name the workbook:\n%s", stderr)
	}
	for _, name := range []string{"national.csv", "tracks.csv", "rejections.csv", "c2i2e-2011-2012.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
		if !strings.Contains(stdout, name) {
			t.Errorf("%s not listed:\n%s", name, stdout)
		}
	}
	if strings.Contains(stdout, "c2i2e.xlsx") {
		t.Errorf("the workbook is listed as written:\n%s", stdout)
	}
}

// TestRunPublishFails: a run whose publication fails exits 1, is recorded
// as failed with the reason, which runs shows, and latest keeps the last
// complete set.
func TestRunPublishFails(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")[:2]...)
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	// The folder the second run would publish into is already there.
	if err := os.Mkdir(filepath.Join(data, "reports", "run-000002"), 0o755); err != nil {
		t.Fatal(err)
	}
	drop(t, data, sampleFiles(t, "2011-2012")[:2]...)
	code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s")
	if code != exitFailure || !strings.Contains(stderr, "already exists") {
		t.Errorf("second run: exit %d, want %d\n%s", code, exitFailure, stderr)
	}
	if target, _ := os.Readlink(filepath.Join(data, "reports", "latest")); target != "run-000001" {
		t.Errorf("latest → %q, want run-000001", target)
	}
	code, stdout, _ := runCmd(t, "runs", "--data", data)
	if code != exitOK || !strings.Contains(stdout, "échec: publish reports:") || !strings.Contains(stdout, "already exists") {
		t.Errorf("runs (exit %d) does not show the failure and its reason:\n%s", code, stdout)
	}
}
