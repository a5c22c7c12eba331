package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	lists := []outputList{csvOutputs, analysisOutputs, outliersOutputs, revisionsOutputs, workbookOutputs, staffOutputs, pdfOutputs, qualityOutputs}
	if !in.Parquet {
		return writeOutputs(ctx, dir, in, lists...)
	}
	written, err := writeOutputs(ctx, dir, in, append(lists, parquetList)...)
	if in.Tables == nil {
		return written, err
	}
	// Only the names and partitions of the tables matter here.
	return written, joinOutputErrors(err, pruneParquet(dir, parquetTables(in, aggregate.SmallCounts{}), written))
}

// writeOutputs writes the outputs the lists give, each on its own.
func writeOutputs(ctx context.Context, dir string, in Input, lists ...outputList) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
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
	var written []string
	// The subfolders holding other folders (parquet/, parquet/facts/): their
	// new entries are synced once at the end, as atomicfile syncs the folder
	// of each file, so that a power cut cannot lose a folder of written files.
	var parents []string
	for i, o := range outs {
		if err := ctx.Err(); err != nil {
			var left []string
			for _, o := range outs[i:] {
				left = append(left, o.name)
			}
			errs = append(errs, fmt.Errorf("not written: %s: %w", strings.Join(left, ", "), err))
			break
		}
		// Names are slash-separated; some (Parquet's) are in subfolders.
		path := filepath.Join(dir, filepath.FromSlash(o.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", o.name, err))
			continue
		}
		for p := filepath.Dir(filepath.Dir(path)); len(p) > len(dir) && !slices.Contains(parents, p); p = filepath.Dir(p) {
			parents = append(parents, p)
		}
		if err := writeOutput(ctx, path, o, in.failOutput); err != nil {
			errs = append(errs, err)
			continue
		}
		written = append(written, path)
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

// writeOutput writes one output atomically, turning a panic into an error
// that names it. The panic is recovered inside the write, so that
// atomicfile sees an error and removes its temporary file. The error names
// the output, not the path: in a publication the path is a temporary folder.
func writeOutput(ctx context.Context, path string, o output, fail func(string)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(o.name, r)
		}
	}()
	var inner error
	werr := atomicfile.Write(path, func(w io.Writer) (err error) {
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
