package ingest

import (
	"context"
	"path/filepath"
	"reflect"
	"runtime"
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
