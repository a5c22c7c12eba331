package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"c2isurvey/ingest"
)

// fill puts n one-institution forms of seven tracks each on record in one
// transaction, through prepared statements: the fast bulk path that builds a
// large store for the benchmark (RecordFile would take minutes for 50,000).
func fill(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	file, _ := tx.PrepareContext(ctx, `INSERT INTO files (sha256, name, size, mod_time, received_at, status, layout, stored_as, placed)
		VALUES (?, ?, 1000, '2012-06-01T00:00:00Z', '2012-06-01T00:00:00Z', 'accepted', 1, ?, 1)`)
	sub, _ := tx.PrepareContext(ctx, `INSERT INTO submissions (file_id, uai, year, institution, academie) VALUES (?, ?, ?, 'Université', 'Lyon')`)
	fact, err := tx.PrepareContext(ctx, `INSERT INTO facts (submission_id, seq, track, track_group, students, certificates, sheet, cell)
		VALUES (?, ?, 'masters-enseignement', 'masters', 100, 60, 'Enquête', ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		name := fmt.Sprintf("old-%06d.xlsx", i)
		rs, err := file.ExecContext(ctx, fmt.Sprintf("old%060d", i), name, "archive/"+name)
		if err != nil {
			tb.Fatal(err)
		}
		fid, _ := rs.LastInsertId()
		// 5,000 institutions over ten years.
		rs, err = sub.ExecContext(ctx, fid, fmt.Sprintf("%07dX", i%5000), 2005+i/5000)
		if err != nil {
			tb.Fatal(err)
		}
		sid, _ := rs.LastInsertId()
		for j := range 7 {
			if _, err := fact.ExecContext(ctx, sid, j, fmt.Sprintf("B%d", 8+j)); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRecord100Into50k records 100 new forms (half of them
// corrections of institutions already on record) into a store that holds
// 50,000 submissions and 350,000 facts: the cost must follow the 100, not
// the 50,000 (indexes on content hash and current submissions).
func BenchmarkRecord100Into50k(b *testing.B) { benchRecord100(b, 50_000) }

// BenchmarkRecord100IntoEmpty is the same into an empty store: the
// reference the 50k figure is compared with.
func BenchmarkRecord100IntoEmpty(b *testing.B) { benchRecord100(b, 0) }

func benchRecord100(b *testing.B, onRecord int) {
	ctx := context.Background()
	s := openTemp(b)
	fill(b, s, onRecord)
	run, err := s.BeginRun(ctx, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	round := 0
	b.ReportAllocs()
	for b.Loop() {
		for i := range 100 {
			uai := fmt.Sprintf("%07dX", i*50) // on record for 2005
			if i%2 == 1 {
				uai = fmt.Sprintf("N%06d%d", round, i) // new
			}
			f := form(fmt.Sprintf("new-%d-%d.xlsx", round, i), fmt.Sprintf("new-%d-%d", round, i), uai, 2005, 10, 20, 30, 40, 50, 60, 70)
			if _, err := s.RecordFile(ctx, run, f, "archive/x", time.Now()); err != nil {
				b.Fatal(err)
			}
		}
		round++
	}
}

// BenchmarkBatch50k reads the record of a 50,000-submission store as an
// ingest.Batch, as a run does before its reports: the files, replacements
// and duplicates, without the facts (BenchmarkFacts50k).
func BenchmarkBatch50k(b *testing.B) {
	s := openTemp(b)
	fill(b, s, 50_000)
	b.ReportAllocs()
	for b.Loop() {
		batch, err := s.Batch(context.Background())
		if err != nil || len(batch.Files) != 50_000 || batch.Facts != nil {
			b.Fatalf("%d files, %d facts, %v", len(batch.Files), len(batch.Facts), err)
		}
	}
}

// BenchmarkFacts50k reads the 350,000 facts that count of a
// 50,000-submission store, one at a time, in their final order, and
// keeps none: what the store costs a run before the fact table
// (cmd/c2isurvey/internal/nightly's BenchmarkReadBack50k builds it).
func BenchmarkFacts50k(b *testing.B) {
	s := openTemp(b)
	fill(b, s, 50_000)
	b.ReportAllocs()
	for b.Loop() {
		var n, students int64
		err := s.Facts(context.Background(), nil, func(f ingest.Fact) error {
			n++
			students += f.Students
			return nil
		})
		if err != nil || n != 350_000 || students != 100*n {
			b.Fatalf("%d facts, %d students, %v", n, students, err)
		}
	}
}

// BenchmarkInspect50k checks a 50,000-submission store as every run does
// before it takes anything (PRAGMA quick_check and the last record).
func BenchmarkInspect50k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "c2isurvey.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	fill(b, s, 50_000)
	s.Close()
	for b.Loop() {
		h, err := Inspect(context.Background(), path)
		if err != nil || !h.Sound() || h.Files != 50_000 {
			b.Fatalf("%+v, %v", h, err)
		}
	}
}
