package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"c2isurvey/ingest/tracks"
)

// BenchmarkReadFile ingests one institution's form: read, verify, interpret.
func BenchmarkReadFile(b *testing.B) {
	path := filepath.Join("testdata", "l1-form", "input.xlsx")
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	b.ReportAllocs()
	for b.Loop() {
		if r := ReadFile(path, opts); r.Refused() {
			b.Fatalf("refused: %v", r.Refusals)
		}
	}
}

// BenchmarkReadAll ingests the whole bundled sample set (every form and
// consolidated table of 2006-2012, and the broken files) on all cores; run
// with -cpu 1,2 to see it scale.
func BenchmarkReadAll(b *testing.B) {
	files, _, err := Collect([]string{filepath.Join("..", "samples")})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAll(context.Background(), files, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}

// BenchmarkReadGeneratedForm ingests one form written by the shared
// benchmark's generator (../shared/bench/gen, through excelize):
// the shape `report` reads 5,000 or 60,000 of in docs/bench.sh. One Reader
// reads them all, as each of ReadAll's workers does.
func BenchmarkReadGeneratedForm(b *testing.B) {
	path := filepath.Join("testdata", "gen-form", "input.xlsx")
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	var rd Reader
	b.ReportAllocs()
	for b.Loop() {
		if r := rd.ReadFile(path, opts); r.Refused() {
			b.Fatalf("refused: %v", r.Refusals)
		}
	}
}

// BenchmarkReadGeneratedFormAlone is BenchmarkReadGeneratedForm through
// ReadFile, which keeps nothing from one file to the next (the inbox, the
// portal and validate read that way).
func BenchmarkReadGeneratedFormAlone(b *testing.B) {
	path := filepath.Join("testdata", "gen-form", "input.xlsx")
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	b.ReportAllocs()
	for b.Loop() {
		if r := ReadFile(path, opts); r.Refused() {
			b.Fatalf("refused: %v", r.Refusals)
		}
	}
}

// BenchmarkReadAllGenerated ingests 200 generated forms (the one of
// testdata/gen-form, 200 times: every copy is read whole, then counted once)
// on all cores: with -cpu 1,2, how reading scales with cores.
func BenchmarkReadAllGenerated(b *testing.B) {
	files := make([]string, 200)
	for i := range files {
		files[i] = filepath.Join("testdata", "gen-form", "input.xlsx")
	}
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAll(context.Background(), files, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}
