package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"c2isurvey/ingest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "c2isurvey.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func form(name, hash, uai string, year int, students ...int64) ingest.FileResult {
	sub := ingest.Submission{UAI: uai, Year: year, Institution: "Université " + uai, Academie: "Lyon"}
	tracks := []string{"masters-enseignement", "autres-masters", "doctorats", "ecoles-ingenieurs", "licences", "autres", "iufm"}
	for i, s := range students {
		f := ingest.Fact{Year: year, UAI: uai, Institution: sub.Institution, Academie: "Lyon",
			Track: tracks[i], TrackGroup: "masters", Students: s, Certs: s / 2,
			Source: ingest.Location{File: name, Sheet: "Enquête", Cell: fmt.Sprintf("B%d", 8+i)}}
		if i == 0 {
			f.SubmittedRate, f.HasRate = 0.5, true
		}
		sub.Facts = append(sub.Facts, f)
	}
	return ingest.FileResult{File: name, Hash: hash, Size: 100, ModTime: time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC),
		Layout: 1, Submissions: []ingest.Submission{sub},
		Warnings: []ingest.Problem{{Location: ingest.Location{File: name, Sheet: "Enquête", Cell: "D8"}, Kind: "rate-mismatch", Message: "taux"}}}
}

func refused(name, hash string) ingest.FileResult {
	return ingest.FileResult{File: name, Hash: hash, Size: 3, ModTime: time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC),
		Refusals: []ingest.Problem{
			{Location: ingest.Location{File: name, Sheet: "Enquête", Cell: "C8"}, Kind: "certs-above-students", Message: "trop"},
			{Location: ingest.Location{File: name}, Kind: "x", Message: "y"},
		}}
}

// TestBatchMatchesResolve records files one by one, as nightly runs would,
// and wants the same batch as a stateless ingest.Resolve over the same
// files in the same order: same facts, replacements, duplicates, problems.
func TestBatchMatchesResolve(t *testing.T) {
	ctx := context.Background()
	files := []ingest.FileResult{
		form("a.xlsx", "h1", "0000001A", 2012, 100, 20),
		form("b.xlsx", "h2", "0000002B", 2012, 50),
		refused("bad.xlsx", "h3"),
		form("a-copie.xlsx", "h1", "0000001A", 2012, 100, 20), // same bytes
		form("a-corrige.xlsx", "h4", "0000001A", 2012, 110, 20, 3),
		form("a-2011.xlsx", "h5", "0000001A", 2011, 90),
		refused("bad-again.xlsx", "h3"),
	}
	// Resolve takes files by modification time, then name; the store takes
	// them in the order they are recorded. Give them the recording order.
	for i := range files {
		files[i].ModTime = time.Date(2012, 6, 1, i, 0, 0, 0, time.UTC)
	}
	s := openTemp(t)
	run, err := s.BeginRun(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := s.RecordFile(ctx, run, f, "archive/"+f.File, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Batch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := ingest.Resolve(files)
	if got.Facts != nil {
		t.Errorf("the batch holds %d facts: Facts reads them", len(got.Facts))
	}
	if facts := readFacts(t, s); !reflect.DeepEqual(facts, want.Facts) {
		t.Errorf("facts:\n got %+v\nwant %+v", facts, want.Facts)
	}
	if !reflect.DeepEqual(got.Replacements, want.Replacements) {
		t.Errorf("replacements: got %+v, want %+v", got.Replacements, want.Replacements)
	}
	if !reflect.DeepEqual(got.Duplicates, want.Duplicates) {
		t.Errorf("duplicates: got %+v, want %+v", got.Duplicates, want.Duplicates)
	}
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i := range got.Files {
		g, w := got.Files[i], want.Files[i]
		if !reflect.DeepEqual(g, w) {
			t.Errorf("file %d:\n got %+v\nwant %+v", i, g, w)
		}
	}

	// The same files recorded in the same order at other times, in other
	// runs, give the very same batch: nothing of when shows through.
	other := openTemp(t)
	for i, f := range files {
		run, err := other.BeginRun(ctx, time.Date(2030, 1, i+1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.RecordFile(ctx, run, f, "rejected/elsewhere", time.Date(2030, 1, i+1, 3, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	if again, err := other.Batch(ctx); err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("another store with the same files gives another batch (%v)", err)
	}
	if !reflect.DeepEqual(readFacts(t, other), want.Facts) {
		t.Error("another store with the same files gives other facts")
	}
	// An error of add stops the reading, and is the error Facts returns.
	stop := errors.New("stop")
	added := 0
	if err := s.Facts(ctx, nil, func(ingest.Fact) error { added++; return stop }); err != stop || added != 1 {
		t.Errorf("Facts returned %v after %d facts, want %v after 1", err, added, stop)
	}
	if recs, err := s.Files(ctx, ""); err != nil || recs[4].Replaces != 1 || recs[0].Replaces != 0 || !recs[0].Replaced {
		t.Errorf("a-corrige.xlsx should replace one submission and a.xlsx be replaced: %+v (%v)", recs, err)
	}

	// The history of an institution keeps both versions.
	h, err := s.Submissions(ctx, "0000001A", 2012)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || h[0].File != "a.xlsx" || h[0].ReplacedBy != "a-corrige.xlsx" || h[1].ReplacedBy != "" {
		t.Errorf("history = %+v", h)
	}
	// The file listings by fate.
	for status, want := range map[string][]string{
		"":              {"a.xlsx", "b.xlsx", "bad.xlsx", "a-copie.xlsx", "a-corrige.xlsx", "a-2011.xlsx", "bad-again.xlsx"},
		StatusAccepted:  {"b.xlsx", "a-corrige.xlsx", "a-2011.xlsx"},
		StatusRejected:  {"bad.xlsx"},
		StatusDuplicate: {"a-copie.xlsx", "bad-again.xlsx"},
		"replaced":      {"a.xlsx"},
	} {
		recs, err := s.Files(ctx, status)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range recs {
			names = append(names, r.Name)
		}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("Files(%q) = %v, want %v", status, names, want)
		}
	}
	if _, err := s.Files(ctx, "lost"); err == nil {
		t.Error("an unknown status was accepted")
	}
}

// readFacts collects what Facts reads, and checks the number it gives
// first.
func readFacts(t *testing.T, s *Store) []ingest.Fact {
	t.Helper()
	var facts []ingest.Fact
	n := -1
	err := s.Facts(context.Background(), func(size int) {
		if n >= 0 || len(facts) > 0 {
			t.Error("size called twice, or after a fact")
		}
		n = size
	}, func(f ingest.Fact) error {
		facts = append(facts, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(facts) {
		t.Errorf("Facts said %d facts and gave %d", n, len(facts))
	}
	return facts
}

func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c2isurvey.db")
	for range 2 {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v != len(migrations) {
			t.Errorf("schema version %d (%v), want %d", v, err, len(migrations))
		}
		if b, err := s.Batch(context.Background()); err != nil || !reflect.DeepEqual(b, ingest.Resolve(nil)) {
			t.Errorf("empty store: batch %+v (%v), want %+v", b, err, ingest.Resolve(nil))
		}
		if facts := readFacts(t, s); facts != nil {
			t.Errorf("empty store: facts %+v", facts)
		}
		s.Close()
	}
}

func TestRunsAndPlacement(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	t0 := time.Date(2026, 11, 29, 3, 30, 0, 0, time.UTC)
	id1, _ := s.BeginRun(ctx, t0)
	rec, err := s.RecordFile(ctx, id1, form("a.xlsx", "h1", "0000001A", 2012, 10), "archive/x", t0)
	if err != nil {
		t.Fatal(err)
	}
	un, err := s.Unplaced(ctx)
	if err != nil || len(un) != 1 || un[0].ID != rec.ID {
		t.Fatalf("unplaced = %+v (%v)", un, err)
	}
	if err := s.MarkPlaced(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	if un, _ := s.Unplaced(ctx); len(un) != 0 {
		t.Errorf("still unplaced: %+v", un)
	}
	// A run left open by a dead process is closed as interrupted.
	if n, err := s.MarkInterrupted(ctx); err != nil || n != 1 {
		t.Fatalf("MarkInterrupted = %d, %v; want 1 run closed", n, err)
	}
	id2, _ := s.BeginRun(ctx, t0.Add(2*time.Hour))
	if err := s.FinishRun(ctx, id2, Run{Ended: t0.Add(3 * time.Hour), Outcome: OutcomeOK, Counts: Counts{Seen: 3, Accepted: 2, Rejected: 1}}); err != nil {
		t.Fatal(err)
	}
	runs, err := s.Runs(ctx, 10)
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs = %+v (%v)", runs, err)
	}
	if runs[0].ID != id2 || runs[0].Outcome != OutcomeOK || runs[0].Accepted != 2 || !runs[0].Started.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("latest run = %+v", runs[0])
	}
	if runs[1].Outcome != OutcomeInterrupted {
		t.Errorf("dead run = %+v, want interrupted", runs[1])
	}
}
