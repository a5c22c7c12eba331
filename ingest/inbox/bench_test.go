package inbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// benchDir is a data folder for a benchmark, with onRecord forms of seven
// tracks on record (recorded in groups, their manifest lines written as a
// run would have them).
func benchDir(b *testing.B, onRecord int) (Dirs, *store.Store) {
	b.Helper()
	ctx := context.Background()
	d := Layout(filepath.Join(b.TempDir(), "data"))
	if err := d.EnsureDirs(); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(d.Store)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	for i := 0; i < onRecord; i += 1000 {
		var in []store.Incoming
		for j := i; j < min(onRecord, i+1000); j++ {
			name := fmt.Sprintf("old-%06d.xlsx", j)
			sub := ingest.Submission{UAI: fmt.Sprintf("%07dX", j%5000), Year: 2005 + j/5000, Institution: "Université", Academie: "Lyon"}
			for k := range 7 {
				sub.Facts = append(sub.Facts, ingest.Fact{Track: fmt.Sprintf("t%d", k), TrackGroup: "g", Students: 100, Certs: 60,
					Source: ingest.Location{File: name, Sheet: "Enquête", Cell: fmt.Sprintf("B%d", 8+k)}})
			}
			in = append(in, store.Incoming{ID: int64(j + 1), StoredAs: "archive/" + name, ReceivedAt: clock,
				Result: ingest.FileResult{File: name, Hash: fmt.Sprintf("%064d", j), Size: 7000, ModTime: clock, Layout: 1, Submissions: []ingest.Submission{sub}}})
		}
		recs, err := st.RecordFilesAs(ctx, 0, in)
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]int64, len(recs))
		for k, r := range recs {
			ids[k] = r.ID
		}
		if err := st.MarkPlaced(ctx, ids...); err != nil {
			b.Fatal(err)
		}
	}
	if err := SyncManifest(ctx, st, d); err != nil {
		b.Fatal(err)
	}
	return d, st
}

// dropForms puts n new consolidated tables of one row in the inbox.
func dropForms(b *testing.B, d Dirs, round, n int) {
	b.Helper()
	for i := range n {
		name := fmt.Sprintf("new-%d-%04d.csv", round, i)
		p := filepath.Join(d.Inbox, name)
		number := fmt.Sprintf("%07d", 1_000_000+round*10_000+i)
		row := fmt.Sprintf("2011-2012;%s%c;Université %d;Masters enseignement;%d;80", number, ingest.UAIKey(number), i, 100+i)
		if err := os.WriteFile(p, []byte(survey(row)), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Chtimes(p, clock.Add(-time.Hour), clock.Add(-time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
}

func benchTake(b *testing.B, onRecord, newFiles int) {
	ctx := context.Background()
	d, st := benchDir(b, onRecord)
	round := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dropForms(b, d, round, newFiles)
		round++
		b.StartTimer()
		sum, err := Take(ctx, st, d, 0, ingest.Options{MaxYear: 2030}, settle, now, nil)
		if err != nil || sum.Accepted != newFiles {
			b.Fatalf("%+v, %v", sum, err)
		}
	}
	if newFiles > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*newFiles), "ns/file")
	}
}

// BenchmarkTake1000 takes 1,000 dropped files into an empty data folder:
// read, kept, logged, recorded and removed from the inbox in groups.
func BenchmarkTake1000(b *testing.B) { benchTake(b, 0, 1000) }

// BenchmarkTake10Into50k takes 10 new files into a data folder of 50,000
// forms on record, and BenchmarkTakeNoneInto50k passes over an empty
// inbox beside them: what a nightly run costs in taking files, by what
// changed.
func BenchmarkTake10Into50k(b *testing.B)   { benchTake(b, 50_000, 10) }
func BenchmarkTakeNoneInto50k(b *testing.B) { benchTake(b, 50_000, 0) }
