package testutil

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// recorder is a testing.TB that records the failures it is told of
// instead of failing; a fatal one is never expected, and fails the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "want.txt")
	Golden(t, path, []byte("a\n"), true) // written, folder made
	Golden(t, path, []byte("a\n"), false)
	r := &recorder{TB: t}
	Golden(r, path, []byte("b\n"), false)
	if !r.failed {
		t.Error("a different text passed")
	}
	r = &recorder{TB: t}
	Golden(r, path, []byte{0xff, 0xfe}, false)
	if !r.failed {
		t.Error("different bytes passed")
	}
}

func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	old := time.Date(2012, 6, 30, 12, 0, 0, 0, time.UTC)
	if err := os.MkdirAll(filepath.Join(src, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(src, "a", "b", "f.csv")
	if err := os.WriteFile(f, []byte("x;y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(f, old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a/b", filepath.Join(src, "latest")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	CopyTree(t, src, dst)
	info, err := os.Stat(filepath.Join(dst, "a", "b", "f.csv"))
	if err != nil || !info.ModTime().Equal(old) {
		t.Errorf("copied file: %v, %v", info, err)
	}
	if target, err := os.Readlink(filepath.Join(dst, "latest")); err != nil || target != "a/b" {
		t.Errorf("copied link: %q, %v", target, err)
	}
	recs := ReadCSV(t, filepath.Join(dst, "a", "b", "f.csv"))
	if !slices.Equal(recs[0], []string{"x;y"}) {
		t.Errorf("ReadCSV: %q", recs)
	}
}
