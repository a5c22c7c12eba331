package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInspect: a sound store, and the damage a run must refuse.
func TestInspect(t *testing.T) {
	ctx := context.Background()
	// sound makes a store of 30 files on record, closed.
	sound := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "c2isurvey.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 30 {
			f := form(fmt.Sprintf("f%d.xlsx", i), fmt.Sprintf("h%d", i), fmt.Sprintf("%07dA", i), 2012, 10, 20, 30)
			if _, err := s.RecordFile(ctx, 0, f, "archive/x", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
		want   Health // Damage: a prefix
	}{
		{"sound", func(*testing.T, string) {}, Health{Exists: true, Files: 30, MaxID: 30, LastHash: "h29"}},
		{"missing", func(t *testing.T, p string) { os.Remove(p) }, Health{}},
		{"zero length", func(t *testing.T, p string) { os.Truncate(p, 0) }, Health{Exists: true}},
		{"truncated inside its last page", func(t *testing.T, p string) {
			info, _ := os.Stat(p)
			os.Truncate(p, info.Size()-1000)
		}, Health{Exists: true, Damage: "PRAGMA quick_check: "}},
		{"zeroed", func(t *testing.T, p string) {
			info, _ := os.Stat(p)
			os.WriteFile(p, make([]byte, info.Size()), 0o644)
		}, Health{Exists: true, Damage: "file is not a database"}},
		{"not SQLite", func(t *testing.T, p string) {
			os.WriteFile(p, []byte(strings.Repeat("PK not a store ", 500)), 0o644)
		}, Health{Exists: true, Damage: "file is not a database"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := sound(t)
			tc.damage(t, path)
			h, err := Inspect(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if h.Exists != tc.want.Exists || h.Files != tc.want.Files || h.MaxID != tc.want.MaxID || h.LastHash != tc.want.LastHash ||
				!strings.HasPrefix(h.Damage, tc.want.Damage) || (tc.want.Damage == "") != h.Sound() {
				t.Errorf("Inspect = %+v, want %+v", h, tc.want)
			}
			// Inspecting never creates the store.
			if _, err := os.Stat(path); tc.want.Exists == os.IsNotExist(err) {
				t.Errorf("after Inspect, the store exists: %v", err == nil)
			}
		})
	}
}

// TestRecordFileAs: the id announced by NextFile is the one recorded; an id
// already given is refused (ids only grow, which the manifest relies on).
func TestRecordFileAs(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := form("a.xlsx", "h1", "0000001A", 2012, 10)
	id, status, err := s.NextFile(ctx, f.Hash, false)
	if err != nil || id != 1 || status != StatusAccepted {
		t.Fatalf("NextFile = %d %q %v", id, status, err)
	}
	rec, err := s.RecordFileAs(ctx, id, 0, f, "archive/a", time.Now())
	if err != nil || rec.ID != 1 || rec.Status != StatusAccepted {
		t.Fatalf("RecordFileAs = %+v, %v", rec, err)
	}
	if id, status, _ := s.NextFile(ctx, f.Hash, false); id != 2 || status != StatusDuplicate {
		t.Errorf("NextFile of the same bytes = %d %q, want 2 duplicate", id, status)
	}
	if _, err := s.RecordFileAs(ctx, 1, 0, form("b.xlsx", "h2", "0000002B", 2012, 10), "archive/b", time.Now()); err == nil {
		t.Error("an id already on record was given again")
	}
	// A rebuild skips the id of a line it could not read.
	if rec, err := s.RecordFileAs(ctx, 5, 0, form("c.xlsx", "h3", "0000003C", 2012, 10), "archive/c", time.Now()); err != nil || rec.ID != 5 {
		t.Errorf("RecordFileAs(5) = %+v, %v", rec, err)
	}
}
