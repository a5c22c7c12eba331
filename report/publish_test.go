package report

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestPublish(t *testing.T) {
	in := testInput(t, "fr")
	dir := t.TempDir()

	first, err := Publish(t.Context(), dir, "run-000001", in)
	if err != nil {
		t.Fatal(err)
	}
	target, err := os.Readlink(filepath.Join(dir, LatestName))
	if err != nil || target != "run-000001" {
		t.Fatalf("latest → %q (%v), want run-000001", target, err)
	}
	for _, name := range []string{NationalCSV, TracksCSV, RejectionsCSV, WorkbookName, "c2i2e-2011-2012.pdf"} {
		fi, err := os.Stat(filepath.Join(dir, LatestName, name))
		if err != nil {
			t.Errorf("latest lacks %s: %v", name, err)
			continue
		}
		// Staff other than the service's account read the reports.
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want -rw-r--r--", name, fi.Mode().Perm())
		}
	}

	if _, err := Publish(t.Context(), dir, "run-000002", in); err != nil {
		t.Fatal(err)
	}
	if target, _ := os.Readlink(filepath.Join(dir, LatestName)); target != "run-000002" {
		t.Errorf("latest → %q, want run-000002", target)
	}
	if _, err := Publish(t.Context(), dir, "run-000002", in); err == nil {
		t.Error("publishing twice under one name succeeded")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{LatestName, "run-000001", "run-000002"}; !slices.Equal(names, want) {
		t.Errorf("reports folder holds %v, want %v: no temporary folder may remain", names, want)
	}
	a, _ := os.ReadFile(filepath.Join(first, NationalCSV))
	b, _ := os.ReadFile(filepath.Join(dir, LatestName, NationalCSV))
	if string(a) != string(b) {
		t.Error("two publications of the same input differ")
	}
}

// TestPublishFailureLeavesLatest makes the reports folder unusable and
// wants an error, with latest untouched.
func TestPublishFailureLeavesLatest(t *testing.T) {
	in := testInput(t, "fr")
	dir := t.TempDir()
	if _, err := Publish(t.Context(), dir, "run-000001", in); err != nil {
		t.Fatal(err)
	}
	// A file where the reports folder should be: nothing can be created.
	blocked := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocked, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(t.Context(), blocked, "run-000002", in); err == nil {
		t.Fatal("publishing into a file succeeded")
	}
	if target, _ := os.Readlink(filepath.Join(dir, LatestName)); target != "run-000001" {
		t.Errorf("latest → %q after a failure, want run-000001", target)
	}
}
