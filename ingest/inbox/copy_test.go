package inbox

import (
	"context"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// TestTakeCopyAfterOriginal: a copy that kept its original's time (as a
// file manager's « - Copie » does) is taken after it, so the copy is the
// duplicate, in the store as in a stateless report; and the store's batch
// counts the files as ingest.Batch.Counts does for the terminal, the
// workbook and the quality reports.
func TestTakeCopyAfterOriginal(t *testing.T) {
	cases := []struct {
		name           string
		original, copy string
	}{
		{"Windows copy", "bordeaux.csv", "bordeaux - Copie.csv"},
		{"English Windows copy", "bordeaux.csv", "bordeaux - Copy.csv"},
		{"second download", "bordeaux.csv", "bordeaux (1).csv"},
		{"Copie de", "bordeaux.csv", "Copie de bordeaux.csv"},
		{"in a subfolder", "2012/bordeaux.csv", "2012/bordeaux - Copie.csv"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			d, st := setup(t)
			put(t, d, drop{c.copy, bordeaux, time.Hour})
			put(t, d, drop{c.original, bordeaux, time.Hour})
			sum, err := Take(ctx, st, d, 0, ingest.Options{}, settle, now, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Files) != 2 {
				t.Fatalf("took %d files, want 2", len(sum.Files))
			}
			for _, r := range sum.Files {
				want := store.StatusAccepted
				if r.Name == c.copy {
					want = store.StatusDuplicate
				}
				if r.Status != want {
					t.Errorf("%s: %s, want %s", r.Name, r.Status, want)
				}
			}
			b, err := record(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Duplicates) != 1 || b.Duplicates[0] != (ingest.Duplicate{File: c.copy, SameAs: c.original}) {
				t.Errorf("duplicates %+v, want %s same as %s", b.Duplicates, c.copy, c.original)
			}
			want := ingest.FileCounts{Received: 2, Accepted: 1, Duplicates: 1}
			if got := b.Counts(0); got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			if got := b.Counts(2012); got != want {
				t.Errorf("counts of 2012 %+v, want %+v", got, want)
			}
		})
	}
}
