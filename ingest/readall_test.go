package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
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
