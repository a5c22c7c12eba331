package ingest

import (
	"context"
	"fmt"
	"os"
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
			var r Reader
			for i := range jobs {
				info, err := os.Stat(files[i])
				alone := err == nil && info.Size() >= LargeFile
				if alone {
					large.Lock()
				}
				results[i] = r.ReadFile(files[i], opts)
				if alone {
					large.Unlock()
				}
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
