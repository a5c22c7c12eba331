// Package testutil holds the helpers the tests of every stage share:
// golden files, CSV tables read back, folders copied. Only tests import
// it. It sits in ingest, at the bottom of the one-way flow, so that the
// tests of ingest, aggregate, report and the commands can all use it.
package testutil

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// Golden compares got with the golden file at path. With update (each
// package's -update flag) it writes got there instead, creating its
// folder, and compares nothing: the change is then read in the diff
// before it is committed. A difference is shown in full when both sides
// are short texts.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	const shown = 64 << 10
	if len(got) < shown && len(want) < shown && utf8.Valid(got) && utf8.Valid(want) {
		t.Errorf("differs from %s (go test -update rewrites it, to be read in the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
		return
	}
	t.Errorf("differs from %s (%d bytes, want %d; go test -update rewrites it, to be read in the diff)", path, len(got), len(want))
}

// ReadCSV reads a comma-separated file whole.
func ReadCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// CopyTree copies the folder src into dst (made if needed): its folders,
// its files with their modification times (they order corrections), and
// its symbolic links as links.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case de.IsDir():
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			return err
		}
		return os.Chtimes(to, info.ModTime(), info.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}
