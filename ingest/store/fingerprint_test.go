package store

import (
	"context"
	"testing"
	"time"
)

// TestFingerprint: two stores with the same record have the same
// fingerprint, whatever else differs (runs, the time of receipt, a file
// placed); a new file, a duplicate and a correction each change it.
func TestFingerprint(t *testing.T) {
	ctx := context.Background()
	fp := func(s *Store) string {
		t.Helper()
		f, err := s.Fingerprint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	a, b := openTemp(t), openTemp(t)
	if fp(a) != fp(b) {
		t.Fatal("two empty stores differ")
	}
	first := form("a.xlsx", "h1", "0691234A", 2012, 10, 20)
	runA, _ := a.BeginRun(ctx, time.Now())
	b.BeginRun(ctx, time.Now()) // another run: not part of the record the reports read
	runB, _ := b.BeginRun(ctx, time.Now())
	if _, err := a.RecordFile(ctx, runA, first, "archive/a", time.Now()); err != nil {
		t.Fatal(err)
	}
	rec, err := b.RecordFile(ctx, runB, first, "archive/a", time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.MarkPlaced(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	same := fp(a)
	if same != fp(b) {
		t.Error("the same record in two stores gives two fingerprints")
	}
	if same != fp(a) {
		t.Error("the fingerprint of one store changes by itself")
	}
	seen := map[string]string{"one file": same}
	for _, step := range []struct {
		name string
		f    func() error
	}{
		{"a duplicate", func() error {
			_, err := a.RecordFile(ctx, runA, form("copie.xlsx", "h1", "0691234A", 2012, 10, 20), "archive/c", time.Now())
			return err
		}},
		{"a correction", func() error {
			_, err := a.RecordFile(ctx, runA, form("b.xlsx", "h2", "0691234A", 2012, 11, 20), "archive/b", time.Now())
			return err
		}},
		{"another institution", func() error {
			_, err := a.RecordFile(ctx, runA, form("c.xlsx", "h3", "0691235B", 2012, 11, 20), "archive/d", time.Now())
			return err
		}},
	} {
		if err := step.f(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got := fp(a)
		for name, old := range seen {
			if got == old {
				t.Errorf("after %s the fingerprint is that of %s", step.name, name)
			}
		}
		seen[step.name] = got
	}
}

// BenchmarkFingerprint50k is what a run with nothing new reads of the
// record to know it: rows of files and submissions, totals of facts.
func BenchmarkFingerprint50k(b *testing.B) {
	s := openTemp(b)
	fill(b, s, 50_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Fingerprint(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
