package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
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
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu, large sync.Mutex
	done := 0
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One Reader a worker: what it keeps from file to file is
			// its own. It holds large while it reads a large file.
			r := Reader{large: &large}
			for i := range jobs {
				results[i] = r.ReadFile(files[i], opts)
				if progress != nil {
					mu.Lock()
					done++
					n := done
					mu.Unlock()
					progress(n)
				}
			}
		}()
	}
	var err error
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("read files: %w", err)
	}
	return Resolve(results), nil
}
