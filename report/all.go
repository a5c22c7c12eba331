package report

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/textsafe"
)

// WorkbookName is the file name of the Excel workbook in an output folder.
const WorkbookName = "c2i2e.xlsx"

// output is one file of an output folder: a CSV table, the workbook or one
// year's PDF.
type output struct {
	name  string // file name in the folder
	write func(ctx context.Context, w io.Writer) error
	// key, for an output a publication may take unchanged from an earlier
	// one (a yearly PDF; Reuse), gives the key of what it is drawn from;
	// nil for the others, and when the publication keys nothing.
	key func() (string, error)
	// weight is roughly the rows the output draws, by which the outputs
	// are started, heaviest first (startOrder); 1 for the tables that pass
	// over every fact, 0 for the small ones.
	weight int64
}

// outputList gives some of the outputs of an input, or an error when it
// cannot even tell which (no tables).
type outputList func(in Input) ([]output, error)

// WriteAll writes every output into dir (created if needed): the CSV
// tables (the analysis ones after the others), outliers.csv (for staff), the
// workbook, the staff workbook, one PDF per academic year and, for staff,
// one quality report per academic year (qualite-AAAA-AAAA.pdf). It returns the paths
// written, in a stable order.
//
// Each output is written on its own, through atomicfile, under its own
// recover: an error or a panic in one (a bug, a glyph a library cannot
// handle) becomes an error naming that output, and the others are still
// written. The error returned joins those of every output that failed.
// ctx is checked between outputs and inside the long loops of each; once it
// is done, the outputs not yet written are not, and the error wraps
// ctx.Err().
//
// With in.Parquet, the tables are also written as Parquet under
// dir/parquet (see parquetTables), each file on its own in the same way.
func WriteAll(ctx context.Context, dir string, in Input) ([]string, error) {
	written, err := writeOutputs(ctx, dir, in, outputLists(in)...)
	if !in.Parquet || in.Tables == nil {
		return written, err
	}
	// Only the names and partitions of the tables matter here.
	return written, joinOutputErrors(err, pruneParquet(dir, parquetTables(in, aggregate.SmallCounts{}), written))
}

// outputLists are the lists of WriteAll's outputs, in their declared order.
func outputLists(in Input) []outputList {
	lists := []outputList{csvOutputs, analysisOutputs, outliersOutputs, revisionsOutputs, workbookOutputs, staffOutputs, pdfOutputs, qualityOutputs}
	if in.Parquet {
		lists = append(lists, parquetList)
	}
	return lists
}

// writeOutputs writes the outputs the lists give, each on its own.
func writeOutputs(ctx context.Context, dir string, in Input, lists ...outputList) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if in.shared == nil {
		in.shared = &runShared{fonts: fpdf.NewUTF8FontCache()}
	}
	var outs []output
	var errs outputErrors
	for _, list := range lists {
		o, err := list(in)
		if err != nil {
			errs = append(errs, err)
		}
		outs = append(outs, o...)
	}
	// The outputs are drawn by outputWorkers goroutines, each taking the
	// next output not yet started. Each output is written by a goroutine of
	// its own, the worker waiting until its bytes are written, not until
	// atomicfile has synced it to the disk and renamed it: the syncs, two an
	// output, 1 ms on a quiet disk but up to 40 ms on a busy one, wait
	// beside the drawing of the next outputs instead of holding a core idle
	// (docs/performance.md, "Syncing beside drawing"). At most
	// outputsInFlight outputs are started and not done. Results go to each
	// output's slot, so that the paths and errors returned are in the
	// outputs' order whatever the scheduling (each output's bytes do not
	// depend on it either: every output only reads the input). Once ctx is
	// done no output is started; those in progress stop at their own checks
	// of ctx.
	paths := make([]string, len(outs))
	for i, o := range outs {
		// Names are slash-separated; some (Parquet's) are in subfolders.
		paths[i] = filepath.Join(dir, filepath.FromSlash(o.name))
	}
	results := make([]error, len(outs))
	made := make([]bool, len(outs)) // whether the output's folder was made
	order := startOrder(outs)
	var (
		mu       sync.Mutex
		started  int // outputs order[:started] were started
		wg       sync.WaitGroup
		inFlight = make(chan struct{}, outputsInFlight)
	)
	write := func(i int, drawn func()) {
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			results[i] = fmt.Errorf("%s: %w", outs[i].name, err)
			return
		}
		made[i] = true
		if outs[i].key != nil {
			results[i] = in.Reuse.writeKeyed(ctx, paths[i], outs[i], in.failOutput, drawn)
		} else {
			results[i] = writeOutput(ctx, paths[i], outs[i], in.failOutput, drawn)
		}
	}
	for range outputWorkers(in, len(outs)) {
		wg.Go(func() {
			for {
				mu.Lock()
				if started == len(outs) || ctx.Err() != nil {
					mu.Unlock()
					return
				}
				i := order[started]
				started++
				mu.Unlock()
				inFlight <- struct{}{}
				drawing := make(chan struct{})
				var once sync.Once
				drawn := func() { once.Do(func() { close(drawing) }) }
				wg.Go(func() {
					defer func() { <-inFlight }()
					defer drawn()
					write(i, drawn)
				})
				<-drawing
			}
		})
	}
	wg.Wait()
	var written []string
	// The subfolders holding other folders (parquet/, parquet/facts/): their
	// new entries are synced once at the end, as atomicfile syncs the folder
	// of each file, so that a power cut cannot lose a folder of written files.
	var parents []string
	begun := make([]bool, len(outs))
	for _, i := range order[:started] {
		begun[i] = true
	}
	for i := range outs {
		if !begun[i] {
			continue
		}
		for p := filepath.Dir(filepath.Dir(paths[i])); made[i] && len(p) > len(dir) && !slices.Contains(parents, p); p = filepath.Dir(p) {
			parents = append(parents, p)
		}
		if results[i] != nil {
			errs = append(errs, results[i])
			continue
		}
		written = append(written, paths[i])
	}
	if started < len(outs) {
		var left []string
		for i, o := range outs {
			if !begun[i] {
				left = append(left, o.name)
			}
		}
		errs = append(errs, fmt.Errorf("not written: %s: %w", strings.Join(left, ", "), ctx.Err()))
	}
	for _, p := range parents {
		if err := atomicfile.SyncDir(p); err != nil {
			rel, _ := filepath.Rel(dir, p)
			errs = append(errs, fmt.Errorf("%s: %w", filepath.ToSlash(rel), err))
		}
	}
	if len(errs) > 0 {
		return written, errs
	}
	return written, nil
}

// startOrder is the order in which the outputs are started: by weight,
// heaviest first, in their declared order where the weights are equal. The
// last output to finish then is a light one: in their declared order the
// largest yearly reports, the latest year's, came last, and one core drew
// the last of them alone for some 35 ms of a 0.4 s drawing at 5,000 forms
// (docs/performance.md, "Heaviest first"). Only the start order changes:
// the outputs, and the paths returned, keep their declared order.
func startOrder(outs []output) []int {
	order := make([]int, len(outs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(outs[b].weight, outs[a].weight) })
	return order
}

// outputWorkers is how many outputs are written at once: two on a machine
// with two cores or more, so that the outputs (a quarter to a half of a
// report's time, each on one core) use the cores ingest uses; one when the
// fact table is large (outputsAloneAbove), where the memory of one output
// (the workbook's sheets of every fact) is the run's peak and two at once
// would add theirs (docs/performance.md).
func outputWorkers(in Input, n int) int {
	w := min(runtime.GOMAXPROCS(0), 2, n)
	if !in.small() {
		w = 1
	}
	return max(w, 1)
}

// facts is the number of rows of the fact table, 0 without one.
func (in Input) facts() int64 {
	if in.Tables == nil || in.Tables.Facts == nil {
		return 0
	}
	return in.Tables.Facts.NumRows()
}

// outputsInFlight bounds the outputs started and not done, most of them
// waiting for the disk to sync them: a goroutine waiting in a sync holds
// a thread of the system, and a publication may have hundreds of Parquet
// files.
const outputsInFlight = 8

// outputsAloneAbove is the number of facts above which outputs are written
// one at a time: 100,000 facts are about 15,000 forms of seven tracks, a
// workbook of 40 MB of sheets while it is written.
const outputsAloneAbove = 100_000

// small reports whether in's publication is small enough for its outputs
// to be drawn two at a time (outputsAloneAbove); only then do they share
// what they compute alike and hold small tables' rows in memory: a larger
// one keeps its peak down.
func (in Input) small() bool { return in.facts() <= outputsAloneAbove }

// writeOutput writes one output atomically, turning a panic into an error
// that names it. The panic is recovered inside the write, so that
// atomicfile sees an error and removes its temporary file. The error names
// the output, not the path: in a publication the path is a temporary folder.
// drawn is called once the output's bytes are written (or failed), before
// they are synced and put in place.
func writeOutput(ctx context.Context, path string, o output, fail func(string), drawn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(o.name, r)
		}
	}()
	var inner error
	werr := atomicfile.Write(path, func(w io.Writer) (err error) {
		defer drawn()
		defer func() {
			if r := recover(); r != nil {
				inner = panicError(o.name, r)
				err = inner
			}
		}()
		if fail != nil {
			fail(o.name)
		}
		if err := o.write(ctx, w); err != nil {
			inner = fmt.Errorf("%s: %w", o.name, err)
		} else if err := ctx.Err(); err != nil {
			// Done while it was written (by an output beside it, or too
			// short to check): not kept, as no output is once ctx is done.
			inner = fmt.Errorf("%s: %w", o.name, err)
		}
		return inner
	})
	if inner != nil {
		return inner
	}
	if werr != nil {
		return fmt.Errorf("%s: %w", o.name, werr)
	}
	return nil
}

// panicError is the error a panic in an output becomes. The value is shown
// as the terminal and the run record can take it.
func panicError(name string, r any) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("%s: panic: %s: %w", name, textsafe.Show(err.Error(), textsafe.Options{Max: textsafe.TerminalMax}), err)
	}
	return fmt.Errorf("%s: panic: %s", name, textsafe.Show(fmt.Sprint(r), textsafe.Options{Max: textsafe.TerminalMax}))
}

// outputErrors are the errors of the outputs that failed, on one line (the
// run's record and the terminal show it as one message).
type outputErrors []error

func (e outputErrors) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (e outputErrors) Unwrap() []error { return e }
