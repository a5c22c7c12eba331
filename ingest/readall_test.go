package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"c2isurvey/ingest/tracks"
)

// TestReadAllSameOnAnyCores reads the bundled samples on one core and on
// several, twice: the batch is the same, facts in the same order, whatever
// the scheduling.
func TestReadAllSameOnAnyCores(t *testing.T) {
	files, _, err := Collect([]string{filepath.Join("..", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first *Batch
	for _, procs := range []int{1, 4, 2, 8} {
		runtime.GOMAXPROCS(procs)
		b, err := ReadAll(context.Background(), files, Options{MaxYear: 2030}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
			if len(b.Facts) == 0 {
				t.Fatal("no fact read from the samples")
			}
			continue
		}
		if !reflect.DeepEqual(b, first) {
			t.Fatalf("GOMAXPROCS=%d: the batch differs from the one read on one core", procs)
		}
	}
}

// TestReadAllCancelled cancels ReadAll before it starts and after a few
// files: it stops taking files and says it was cancelled; the progress
// it reported counts each file read once.
func TestReadAllCancelled(t *testing.T) {
	files, _, err := Collect([]string{filepath.Join("..", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("%d sample files", len(files))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if b, err := ReadAll(ctx, files, Options{MaxYear: 2030}, nil); !errors.Is(err, context.Canceled) || b != nil {
		t.Fatalf("cancelled before: %v, %v", b, err)
	}
	for _, procs := range []int{1, 2} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ctx, cancel := context.WithCancel(context.Background())
		var mu sync.Mutex
		seen := map[int]bool{}
		b, err := ReadAll(ctx, files, Options{MaxYear: 2030}, func(n int) {
			mu.Lock()
			defer mu.Unlock()
			if seen[n] {
				t.Errorf("progress %d reported twice", n)
			}
			seen[n] = true
			if n == 5 {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, context.Canceled) || b != nil {
			t.Fatalf("GOMAXPROCS=%d, cancelled after 5 files: %v, %v", procs, b, err)
		}
		if len(seen) < 5 || len(seen) > 5+procs {
			t.Errorf("GOMAXPROCS=%d: %d files read after cancelling at the fifth", procs, len(seen))
		}
	}
}

// TestReaderMemoSameResults reads every test file and sample with one
// Reader, its memo of titles and track labels (titleMemo) filled by the
// files before, forwards then backwards, then with another dictionary:
// each result is the one a fresh Reader gives.
func TestReaderMemoSameResults(t *testing.T) {
	files, _, err := Collect([]string{"testdata", filepath.Join("..", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("%d files", len(files))
	}
	full, err := os.ReadFile(filepath.Join("tracks", "tracks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Without its doctorates, a dictionary that refuses rows the default
	// one takes: a memo of the default's answers would take them.
	var lines []string
	for l := range strings.Lines(string(full)) {
		if !strings.HasPrefix(l, "doctorats;") {
			lines = append(lines, l)
		}
	}
	if len(lines) == strings.Count(string(full), "\n") {
		t.Fatal("no doctorats line in tracks.csv")
	}
	other, err := tracks.Parse(strings.NewReader(strings.Join(lines, "")))
	if err != nil {
		t.Fatal(err)
	}
	shared := &Reader{}
	for _, pass := range []struct {
		name     string
		dict     *tracks.Dictionary
		backward bool
	}{{"forwards", tracks.Default(), false}, {"backwards", tracks.Default(), true}, {"another dictionary", other, false}} {
		opts := Options{MaxYear: 2030, Tracks: pass.dict}.Prepared()
		order := slices.Clone(files)
		if pass.backward {
			slices.Reverse(order)
		}
		for _, f := range order {
			want := (&Reader{}).ReadFile(f, opts)
			if got := shared.ReadFile(f, opts); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s: read with a filled memo differs from a fresh read:\n got %+v\nwant %+v", pass.name, f, got, want)
			}
			if !pass.backward {
				checkLikeRead(t, f, opts, want)
			}
		}
	}
}
