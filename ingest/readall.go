package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// LargeFile is the size from which ReadAll reads a file alone: a form is a
// few kilobytes, while a consolidated table near the limits costs a few
// hundred megabytes to read and interpret, and two at once would double
// the process's peak (docs/performance.md, "Memory").
const LargeFile = 4 << 20

// ReadAll reads every file on all cores and resolves duplicates and
// replacements. A file's problems are in its FileResult; ReadAll returns an
// error only when ctx is cancelled. progress, if not nil, is called after
// each file (from several goroutines: it must be safe for that). Files of
// LargeFile bytes or more are read one at a time, small files beside them.
func ReadAll(ctx context.Context, files []string, opts Options, progress func(done int)) (*Batch, error) {
	opts = opts.withDefaults()
	results := make([]FileResult, len(files))
	// Each worker takes the next file from a shared count, rather than
	// from a channel fed by another goroutine: a file costs a tenth of a
	// millisecond, and handing each over woke and parked goroutines on
	// every file, CPU that did not scale with cores (issue 10).
	var next, done atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	var large sync.Mutex
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One Reader a worker: what it keeps from file to file is
			// its own. It holds large while it reads a large file.
			r := Reader{large: &large}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				if ctx.Err() != nil {
					stopped.Store(true)
					return
				}
				results[i] = r.ReadFile(files[i], opts)
				if n := done.Add(1); progress != nil {
					progress(int(n))
				}
			}
		}()
	}
	wg.Wait()
	if stopped.Load() {
		return nil, fmt.Errorf("read files: %w", ctx.Err())
	}
	return Resolve(results), nil
}
