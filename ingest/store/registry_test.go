package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestRegistryImports(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if got, err := s.RegistryImports(ctx); err != nil || len(got) != 0 {
		t.Fatalf("new store: %v imports (%v)", got, err)
	}
	t0 := time.Date(2026, 12, 2, 2, 0, 0, 123, time.UTC)
	want := []RegistryImport{
		{ImportedAt: t0, Name: "attendus.csv", SHA256: "aa", Entries: 60, StoredAs: "registry-history/a.csv"},
		{ImportedAt: t0.Add(time.Hour), Name: "attendus-v2.csv", SHA256: "bb", Entries: 61, StoredAs: "registry-history/b.csv"},
	}
	for i := range want {
		id, err := s.RecordRegistryImport(ctx, want[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i].ID = id
	}
	got, err := s.RegistryImports(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("imports = %+v (%v), want %+v", got, err, want)
	}
}

// TestMigrateFromFirstSchema opens a store written by a version that knew
// only the first schema: it is brought to the current one, its record kept.
func TestMigrateFromFirstSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c2isurvey.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{migrations[0], `PRAGMA user_version = 1`, `INSERT INTO runs (started) VALUES ('2026-01-01T00:00:00Z')`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v != len(migrations) {
		t.Errorf("schema version %d, want %d", v, len(migrations))
	}
	if runs, err := s.Runs(ctx, 10); err != nil || len(runs) != 1 {
		t.Errorf("runs after migration: %+v (%v)", runs, err)
	}
	if _, err := s.RecordRegistryImport(ctx, RegistryImport{ImportedAt: time.Now(), Name: "r.csv", SHA256: "cc", Entries: 1, StoredAs: "x"}); err != nil {
		t.Error(err)
	}
}
