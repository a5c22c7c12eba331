// Package report draws the outputs from the aggregate tables: an annual PDF
// report per academic year, an Excel workbook, and machine-readable CSV
// tables. Nothing here parses input files.
package report

import (
	"fmt"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/tracks"
)

// Input is everything a report is drawn from.
type Input struct {
	Tables *aggregate.Tables
	// Tracks gives the labels and order of track codes and groups.
	Tracks *tracks.Dictionary
	// Batch is the record of every file read: accepted, refused (with
	// reasons), warnings, duplicates and replacements, for the data-quality
	// page and rejections.csv. Its Facts are not used (Tables has them).
	Batch *ingest.Batch
	// Fates, when not nil, are the Batch's fates already resolved
	// (Batch.FateTable): the caller resolved them beside other work. nil:
	// the first output that needs them resolves them, once a run.
	Fates *ingest.FateTable
	// Lang is "fr" (default) or "en".
	Lang string
	// SmallCounts are the thresholds below which a rate at institution
	// level is shown as fragile or not published (docs/small-counts.md);
	// nil means those of Settings, or aggregate.DefaultSmallCounts without
	// settings. Given (report --fragile/--suppress), they win over the
	// settings file.
	SmallCounts *aggregate.SmallCounts
	// Settings are the publication settings (ministry, service, contact,
	// logo, thresholds; ingest/settings); nil means settings.Default().
	Settings *settings.Settings
	// Edition is the edition the reports are published as (c2isurvey
	// publish); nil for the reports of an ordinary run, a provisional
	// edition dated by its data.
	Edition *Edition
	// Registry is the list of institutions expected to answer (report
	// --registry, or the data folder's registry.csv for run); nil when
	// there is none, and then no response rate is invented.
	Registry *registry.Registry
	// Parquet also writes the tables as Parquet files under parquet/
	// (report --parquet, and every nightly run).
	Parquet bool
	// Revisions are, for each year (ending year) with a published edition
	// (c2isurvey publish), what changed since its latest edition; nil or
	// empty when no year has one. They give revisions.csv and the
	// revisions section of the reports (docs/editions.md).
	Revisions map[int]*aggregate.Revisions
	// Reuse, when not nil, takes from an earlier publication the yearly
	// reports whose data did not change instead of drawing them again, and
	// records the keys of those drawn (a nightly run; see Reuse).
	Reuse *Reuse

	// shared holds what every output of one WriteAll computes alike
	// (runShared), set by writeOutputs; nil when an output is written on
	// its own, which then computes it.
	shared *runShared

	// failOutput, set by tests only, is called as each output starts being
	// written, with its file name; it panics to make that output fail.
	failOutput func(name string)
}

// Edition names a published edition of a year's report: its number (1 for
// the first publication, 2 for the first correction…) and the date it was
// published.
type Edition struct {
	N    int
	Date time.Time
}

// smallCounts returns the thresholds the report applies, checked.
func (in Input) smallCounts() (aggregate.SmallCounts, error) {
	sc := aggregate.DefaultSmallCounts()
	switch {
	case in.SmallCounts != nil:
		sc = *in.SmallCounts
	case in.Settings != nil:
		sc = aggregate.SmallCounts{Fragile: in.Settings.Fragile, Suppress: in.Settings.Suppress}
	}
	return sc, sc.Validate()
}

// settings returns the publication settings, the defaults when none were
// given.
func (in Input) settings() *settings.Settings {
	if in.Settings != nil {
		return in.Settings
	}
	return settings.Default()
}

// runShared is what the outputs of one run would each compute alike from
// the same input, computed once by the first that needs it and then only
// read: the batch's fates (the quality report of each year, the
// workbook's quality sheet). Outputs are written two at a time, hence the
// sync.Once.
type runShared struct {
	fatesOnce sync.Once
	fates     *ingest.FateTable

	// The digests of the data up to each year (dataKeys), for the keys of
	// the yearly PDFs (Reuse).
	keysOnce sync.Once
	keys     map[int][]byte
	keysErr  error

	// The analysis tables more than one output shows: completeness.csv,
	// missing.csv and every year's public and quality reports read the
	// completeness, panel.csv and the public reports the panel. Each is a
	// pass over every fact (and, with a registry, over every expected
	// institution): a run with a registry built the completeness ten times
	// for seven years.
	completeness onceValue[*aggregate.Completeness]
	panel        onceValue[arrow.RecordBatch]

	// fonts holds the definitions of the PDFs' fonts once the first
	// document has parsed them: fpdf would parse the three fonts again
	// for each of the run's documents, some 5 % of a publication's CPU
	// (docs/fpdf.md).
	fonts *fpdf.UTF8FontCache
}

// onceValue is a value computed once, by the first output that needs it,
// then only read. A panic while computing it is its error: every output
// that needs it fails, naming it, and the others are written.
type onceValue[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (o *onceValue[T]) get(compute func() (T, error)) (T, error) {
	o.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				o.err = fmt.Errorf("panic: %v", r)
			}
		}()
		o.v, o.err = compute()
	})
	return o.v, o.err
}

// noRelease is the release of a table the run shares: built with Go's
// allocator (memory.DefaultAllocator), its memory is the collector's once
// no output holds it.
func noRelease() {}

// sharedTable returns the table build makes: once a run, from o, in a
// small publication's run (Input.small), with nothing to release; else
// built for the caller, to release once read.
func sharedTable[T any](in Input, o func(*runShared) *onceValue[T], build func() (T, error), release func(T)) (T, func(), error) {
	if in.shared == nil || !in.small() {
		v, err := build()
		if err != nil {
			var zero T
			return zero, nil, err
		}
		return v, func() { release(v) }, nil
	}
	v, err := o(in.shared).get(build)
	return v, noRelease, err
}

// completeness returns the facts' completeness against the registry
// (aggregate.BuildCompleteness), once a run (sharedTable).
func (in Input) completeness() (*aggregate.Completeness, func(), error) {
	return sharedTable(in, func(s *runShared) *onceValue[*aggregate.Completeness] { return &s.completeness },
		func() (*aggregate.Completeness, error) {
			return aggregate.BuildCompleteness(memory.DefaultAllocator, in.Tables.Facts, in.Registry)
		}, (*aggregate.Completeness).Release)
}

// panel returns the panel table (aggregate.BuildPanel), once a run
// (sharedTable).
func (in Input) panel() (arrow.RecordBatch, func(), error) {
	return sharedTable(in, func(s *runShared) *onceValue[arrow.RecordBatch] { return &s.panel },
		func() (arrow.RecordBatch, error) {
			return aggregate.BuildPanel(memory.DefaultAllocator, in.Tables.Facts, in.Registry, in.Tracks)
		}, arrow.RecordBatch.Release)
}

// fontCache returns the run's font cache, nil for an output written on
// its own.
func (in Input) fontCache() *fpdf.UTF8FontCache {
	if in.shared == nil {
		return nil
	}
	return in.shared.fonts
}

// fateTable returns the batch's fates resolved (ingest.FateTable), once a
// run; nil without a batch.
func (in Input) fateTable() *ingest.FateTable {
	if in.Batch == nil {
		return nil
	}
	if in.Fates != nil {
		return in.Fates
	}
	if in.shared == nil {
		return in.Batch.FateTable()
	}
	in.shared.fatesOnce.Do(func() { in.shared.fates = in.Batch.FateTable() })
	return in.shared.fates
}

// dataKeys returns the digests of the data up to each year (see dataKeys
// in reuse.go), once a run. A panic while digesting is returned as an
// error: the outputs are then drawn, never copied.
func (in Input) dataKeys() (map[int][]byte, error) {
	compute := func() (keys map[int][]byte, err error) {
		defer func() {
			if r := recover(); r != nil {
				keys, err = nil, fmt.Errorf("no key: %v", r)
			}
		}()
		return dataKeys(in)
	}
	if in.shared == nil {
		return compute()
	}
	in.shared.keysOnce.Do(func() { in.shared.keys, in.shared.keysErr = compute() })
	return in.shared.keys, in.shared.keysErr
}
