package nightly

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/tracks"
)

// storeOf50k is a store holding 50,000 forms of seven tracks each (5,000
// institutions over ten years: 350,000 facts), recorded a thousand to a
// transaction, as the inbox takes them.
func storeOf50k(b *testing.B) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "c2isurvey.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	run, err := st.BeginRun(ctx, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	all := tracks.Default().Tracks()[:7]
	var group []store.Incoming
	for i := range 50_000 {
		uai, year := fmt.Sprintf("%07dX", i%5000), 2005+i/5000
		name := fmt.Sprintf("C2i2e_%d-%d_%s.xlsx", year-1, year, uai)
		sub := ingest.Submission{UAI: uai, Year: year, Institution: fmt.Sprintf("Université n° %d", i%5000),
			Academie: fmt.Sprintf("Académie %d", i%30)}
		for j, tr := range all {
			sub.Facts = append(sub.Facts, ingest.Fact{Year: year, UAI: uai, Institution: sub.Institution, Academie: sub.Academie,
				Track: tr.Code, TrackGroup: tr.Group, Students: int64(100 + i%50), Certs: int64(i % 100),
				Source: ingest.Location{File: name, Sheet: "Enquête C2i2e", Cell: fmt.Sprintf("C%d", 12+j)}})
		}
		group = append(group, store.Incoming{
			Result: ingest.FileResult{File: name, Hash: fmt.Sprintf("%064d", i), Size: 10_000, Layout: 1,
				ModTime: time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC), Submissions: []ingest.Submission{sub}},
			StoredAs: "archive/" + name, ReceivedAt: time.Now(),
		})
		if len(group) == 1000 {
			if _, err := st.RecordFilesAs(ctx, run, group); err != nil {
				b.Fatal(err)
			}
			group = group[:0]
		}
	}
	return st
}

// heapPeak samples the bytes of live and not yet collected heap objects
// (runtime/metrics) every 100 µs from a garbage-collected start, until
// the function it returns is called, which returns the highest sample
// above the start: what a phase holds at its peak, give or take the
// garbage the collector has not yet reached.
func heapPeak() func() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var high uint64
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			if v := read(); v > high {
				high = v
			}
			select {
			case <-done:
				peak <- high
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		if high := <-peak; high > base {
			return high - base
		}
		return 0
	}
}

// BenchmarkReadBack50k reads the record of a 50,000-form store back for
// the reports as a run does before drawing them: the batch (files,
// replacements, duplicates) and the fact table, the facts going from the
// rows straight into it (store.Facts, aggregate.FactBuilder). Its
// table-B is the fact table's bytes, peak-heap-B the heap it took at its
// highest (heapPeak; the collector running as it does by default).
func BenchmarkReadBack50k(b *testing.B) {
	ctx := context.Background()
	st := storeOf50k(b)
	dict := tracks.Default()
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		end := heapPeak()
		b.StartTimer()
		batch, err := st.Batch(ctx)
		if err != nil || len(batch.Files) != 50_000 {
			b.Fatalf("%d files, %v", len(batch.Files), err)
		}
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		fb := aggregate.NewFactBuilder(mem, dict)
		if err := st.Facts(ctx, fb.Reserve, fb.Add); err != nil {
			b.Fatal(err)
		}
		rec := fb.NewRecordBatch()
		if rec.NumRows() != 350_000 {
			b.Fatalf("%d facts", rec.NumRows())
		}
		b.StopTimer()
		peak = max(peak, end())
		b.StartTimer()
		b.ReportMetric(float64(mem.CurrentAlloc()), "table-B")
		rec.Release()
		runtime.KeepAlive(batch)
	}
	b.ReportMetric(float64(peak), "peak-heap-B")
}

// BenchmarkReportInput50k is what a run with something new does before
// its reports over a 50,000-form store: the record read back, the fact
// table, every group-by and the outliers (reportInput); peak-heap-B as
// in BenchmarkReadBack50k.
func BenchmarkReportInput50k(b *testing.B) {
	ctx := context.Background()
	st := storeOf50k(b)
	cfg := testConfig(b.TempDir())
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		end := heapPeak()
		b.StartTimer()
		in, release, err := reportInput(ctx, cfg, st, nil)
		if err != nil || in.Tables.Facts.NumRows() != 350_000 {
			b.Fatalf("%v", err)
		}
		b.StopTimer()
		peak = max(peak, end())
		b.StartTimer()
		release()
	}
	b.ReportMetric(float64(peak), "peak-heap-B")
}
