package nightly

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest/inbox"
)

// preflightFolder builds a data folder whose inbox holds settled files at
// the top and three folders deep, a file still being written in its own
// folder, an empty folder, a hidden folder and an office lock file. It
// returns the folders a run removes files from, and the bytes it copies.
func preflightFolder(t *testing.T) (d inbox.Dirs, removeFrom []string, copies uint64) {
	t.Helper()
	d = inbox.Layout(t.TempDir())
	if err := d.EnsureDirs(); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	deep := filepath.Join(d.Inbox, "Académie de Lyon", "Université Lyon 1", "2011-2012")
	for _, f := range []struct {
		path    string
		size    int
		settled bool
	}{
		{filepath.Join(d.Inbox, "a.csv"), 1000, true},
		{filepath.Join(deep, "enquete.csv"), 300000, true},
		{filepath.Join(d.Inbox, "en-cours", "b.csv"), 5000, false},
		{filepath.Join(d.Inbox, ".cache", "c.csv"), 7000, true},
		{filepath.Join(d.Inbox, "~$d.xlsx"), 9000, true},
	} {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.path, make([]byte, f.size), 0o644); err != nil {
			t.Fatal(err)
		}
		if f.settled {
			if err := os.Chtimes(f.path, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(d.Inbox, "vide"), 0o755); err != nil {
		t.Fatal(err)
	}
	return d, []string{d.Inbox, deep, filepath.Join(d.Inbox, "en-cours")}, 1000 + 300000
}

// TestPreflightChecksWhatTheRunDoes gives the preflight probes that fail
// where asked (as root, permissions do not bite, so the folder answers are
// injected here; TestPreflightRefusesReadOnly asks a real system): every
// folder a run writes in or removes from is probed, no other; a folder
// that fails is named, in the user's language; the free space is checked
// against copies of every settled file, subfolders included.
func TestPreflightChecksWhatTheRunDoes(t *testing.T) {
	d, removeFrom, copies := preflightFolder(t)
	plenty := func(string) (uint64, error) { return 1 << 50, nil }
	tests := []struct {
		name  string
		fail  string            // the folder whose probe fails
		free  map[string]uint64 // free bytes by folder; others have plenty
		noFig bool              // the system gives no figure
		lang  string
		want  []string // in the error; none: no error
	}{
		{name: "all writable"},
		{name: "read-only inbox", fail: d.Inbox,
			want: []string{"les fichiers déposés dans " + d.Inbox + " ne peuvent pas en être retirés", "aucun fichier n'a été pris", "relancez"}},
		{name: "read-only inbox subfolder", fail: removeFrom[1],
			want: []string{"les fichiers déposés dans " + removeFrom[1] + " ne peuvent pas en être retirés"}},
		{name: "read-only subfolder of a file being written", fail: removeFrom[2],
			want: []string{removeFrom[2]}},
		{name: "read-only archive", fail: d.Archive,
			want: []string{"impossible d'écrire dans " + d.Archive, "aucun fichier n'a été pris"}},
		{name: "read-only rejected", fail: d.Rejected, want: []string{"impossible d'écrire dans " + d.Rejected}},
		{name: "read-only reports", fail: d.Reports, want: []string{"impossible d'écrire dans " + d.Reports}},
		{name: "read-only data folder, in English", fail: d.Root, lang: "en",
			want: []string{"cannot write in " + d.Root + " (", "no file was taken", "run again"}},
		{name: "room for the copies", free: map[string]uint64{d.Archive: copies + spaceMargin, d.Rejected: copies + spaceMargin}},
		// One byte short: the file three folders deep counts.
		{name: "archive disk one byte short", free: map[string]uint64{d.Archive: copies + spaceMargin - 1},
			want: []string{"pas assez d'espace disque libre pour " + d.Archive, "aucun fichier n'a été pris", "libérez de la place"}},
		{name: "rejected disk short, in English", free: map[string]uint64{d.Rejected: copies}, lang: "en",
			want: []string{"not enough free disk space for " + d.Rejected, "2 file(s) to take", "no file was taken"}},
		{name: "data folder disk short", free: map[string]uint64{d.Root: spaceMargin - 1},
			want: []string{"pas assez d'espace disque libre pour " + d.Root}},
		{name: "no figure of free space", noFig: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probed := map[string]bool{}
			c := preflightChecks{
				writable: func(dir string) error {
					probed[dir] = true
					if dir == tt.fail {
						return &os.PathError{Op: "open", Path: filepath.Join(dir, probeName), Err: os.ErrPermission}
					}
					return nil
				},
				freeBytes: plenty,
			}
			if tt.free != nil {
				c.freeBytes = func(dir string) (uint64, error) {
					if n, ok := tt.free[dir]; ok {
						return n, nil
					}
					return plenty(dir)
				}
			}
			if tt.noFig {
				c.freeBytes = func(string) (uint64, error) { return 0, errors.ErrUnsupported }
			}
			lang := tt.lang
			if lang == "" {
				lang = "fr"
			}
			err := preflight(d, 30*time.Second, time.Now(), lang, c)
			if len(tt.want) == 0 && err != nil {
				t.Fatalf("preflight: %v", err)
			}
			if len(tt.want) > 0 {
				if err == nil {
					t.Fatalf("preflight passed, want %q", tt.want)
				}
				for _, w := range tt.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error lacks %q:\n%v", w, err)
					}
				}
			}
			if tt.fail != "" && strings.Contains(err.Error(), probeName) {
				t.Errorf("error repeats the probe's path: %v", err)
			}
			want := append([]string{d.Root, d.Archive, d.Rejected, d.Reports}, removeFrom...)
			if got := slices.Sorted(maps.Keys(probed)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("probed %q,\nwant %q", got, want)
			}
		})
	}
}

// TestProbeWritable probes real folders: a writable one passes and is left
// as it was, a probe left by a killed run is cleared, and a folder that is
// a file fails whoever runs the test.
func TestProbeWritable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, probeName), []byte("left by a killed run"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := probeWritable(dir); err != nil {
		t.Errorf("writable folder: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("probe left %v", left)
	}
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := probeWritable(notDir); err == nil {
		t.Error("a file probed as a writable folder")
	}
	if _, err := freeBytes(dir); err != nil {
		t.Errorf("free space of %s: %v", dir, err)
	}
}
