package ingest

import (
	"context"
	"os"
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

// genForms returns the forms of testdata/gen-forms: 40 institutions and
// years written by the shared benchmark's generator (../shared/bench/gen,
// through excelize, -n 40 -seed 7), the shape `report` reads 5,000 or
// 60,000 of in docs/bench.sh. Like forms filled in from one template,
// they share their theme, styles, relationships and document properties;
// their sheets and shared strings differ.
func genForms(b *testing.B) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "gen-forms", "*.xlsx"))
	if err != nil || len(files) != 40 {
		b.Fatalf("testdata/gen-forms: %d forms, %v", len(files), err)
	}
	return files
}

// BenchmarkReadGeneratedForm ingests a generated form, each time the next
// of genForms. One Reader reads them all, as each of ReadAll's workers
// does.
func BenchmarkReadGeneratedForm(b *testing.B) {
	files := genForms(b)
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	var rd Reader
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if r := rd.ReadFile(files[i%len(files)], opts); r.Refused() {
			b.Fatalf("refused: %v", r.Refusals)
		}
		i++
	}
}

// BenchmarkReadGeneratedFormAlone is BenchmarkReadGeneratedForm through
// ReadFile, which keeps nothing from one file to the next (the inbox, the
// portal and validate read that way).
func BenchmarkReadGeneratedFormAlone(b *testing.B) {
	files := genForms(b)
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}.Prepared()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if r := ReadFile(files[i%len(files)], opts); r.Refused() {
			b.Fatalf("refused: %v", r.Refusals)
		}
		i++
	}
}

// BenchmarkReadAllGenerated ingests 200 generated forms (genForms, five
// times over: every copy is read whole, then counted once) on all cores:
// with -cpu 1,2, how reading scales with cores.
func BenchmarkReadAllGenerated(b *testing.B) {
	forms := genForms(b)
	files := make([]string, 200)
	for i := range files {
		files[i] = forms[i%len(forms)]
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

// BenchmarkReadAllDir ingests every file of the folder named by the
// environment variable C2I_BENCH_FORMS on all cores, as `report` does (the
// 5,000 forms of docs/bench.sh: `go run ./gen -out DIR -n 5000 -years
// 2006-2012 -seed 1` in ../shared/bench); skipped when it is not set. With
// -cpu 1,2, how ingest scales with cores (issue 10 asks 1.7 times).
func BenchmarkReadAllDir(b *testing.B) {
	files := benchForms(b)
	opts := Options{MaxYear: 2030, Tracks: tracks.Default()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAll(context.Background(), files, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}

// BenchmarkResolve resolves what the forms of C2I_BENCH_FORMS read to
// (read once, before timing), as ReadAll does once its workers are done:
// one core while the other waits. "before" is resolveBefore, the
// implementation until 2 December 2026.
func BenchmarkResolve(b *testing.B) {
	files := benchForms(b)
	opts := Options{MaxYear: 2030}.Prepared()
	var rd Reader
	results := make([]FileResult, len(files))
	for i, f := range files {
		results[i] = rd.ReadFile(f, opts)
	}
	for _, bb := range []struct {
		name    string
		resolve func([]FileResult) *Batch
	}{{"now", Resolve}, {"before", resolveBefore}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bb.resolve(results)
			}
		})
	}
}

// benchForms returns the files of the folder named by C2I_BENCH_FORMS,
// and skips the benchmark when it is not set.
func benchForms(b *testing.B) []string {
	dir := os.Getenv("C2I_BENCH_FORMS")
	if dir == "" {
		b.Skip("C2I_BENCH_FORMS is not set")
	}
	files, _, err := Collect([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	return files
}
