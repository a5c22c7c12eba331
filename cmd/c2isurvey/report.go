package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// reportOptions are the report command's flags.
type reportOptions struct {
	commonOptions
	in       listFlag
	out      string
	registry string
	parquet  bool
	// small are the small-count thresholds (--fragile, --suppress);
	// smallSet says one was given, to win over --settings.
	small    aggregate.SmallCounts
	smallSet bool
	settings string
}

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o reportOptions
	fs := newFlagSet("report", "cli.help.report", args, stderr)
	o.register(fs)
	fs.Var(&o.in, "in", "cli.flag.in")
	fs.StringVar(&o.out, "out", "", "cli.flag.out")
	o.small = aggregate.DefaultSmallCounts()
	fs.Int64Var(&o.small.Fragile, "fragile", o.small.Fragile, "cli.flag.fragile")
	fs.Int64Var(&o.small.Suppress, "suppress", o.small.Suppress, "cli.flag.suppress")
	fs.StringVar(&o.registry, "registry", "", "cli.flag.registry")
	fs.BoolVar(&o.parquet, "parquet", false, "cli.flag.parquet")
	fs.StringVar(&o.settings, "settings", "", "cli.flag.settings")
	if err := parse(fs, spreadList(args, "in")); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { o.smallSet = o.smallSet || f.Name == "fragile" || f.Name == "suppress" })
	o.in = append(o.in, fs.Args()...)
	if len(o.in) == 0 {
		return usagef("cli.usage-error.no-input")
	}
	if o.out == "" {
		return usagef("cli.usage-error.out-folder")
	}
	if o.small.Fragile < 0 || o.small.Suppress < 0 || o.small.Suppress > o.small.Fragile {
		return usagef("cli.usage-error.suppress", texts.Count(o.small.Suppress), texts.Count(o.small.Fragile))
	}
	return runReport(ctx, o, stdout, stderr)
}

// runReport is the whole stateless pipeline: read, aggregate, write. A
// panic (a bug) becomes an error, so that it exits 1 like any failure, not 2
// as a usage error would; WriteAll already turns one in an output into an
// error naming it.
// besideMaxFacts is the largest number of facts whose files' fates are
// resolved beside the aggregation (runReport): about 15,000 forms.
const besideMaxFacts = 100_000

func runReport(ctx context.Context, o reportOptions, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %s", shown(fmt.Sprint(r)))
		}
	}()
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	// The registry is the user's configuration, not an institution's
	// file: a fault in it stops the report before anything is read.
	var reg *registry.Registry
	if o.registry != "" {
		res := loadRegistry(o.registry, opts)
		t := texts.Lang(opts.Lang)
		if res.Refused() {
			fmt.Fprintln(stderr, t.F("cli.report.registry.refused", shown(o.registry)))
			printProblems(stderr, t, res.Refusals, res.Warnings)
			return errRefused
		}
		printProblems(stderr, t, nil, res.Warnings)
		reg = res.Registry
	}
	set, err := reportSettings(o.settings, opts.Lang)
	if err != nil {
		return err
	}
	files, skipped, err := ingest.Collect(o.in)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, len(files), texts.Lang(opts.Lang).T("cli.files"))
	batch, err := ingest.ReadAll(ctx, files, opts, bar.Set)
	bar.Done()
	if err != nil {
		return err
	}
	// The files' fates (accepted, replaced, refused, duplicate), which the
	// quality outputs and the summary read, are resolved on another core
	// while the facts are aggregated on this one (docs/performance.md);
	// after them for a large table, whose aggregation's peak is kept down.
	fates := make(chan *ingest.FateTable, 1)
	beside := len(batch.Facts) <= besideMaxFacts
	if beside {
		go func() {
			defer func() {
				if recover() != nil {
					fates <- nil // resolved again below, where a panic is an error
				}
			}()
			fates <- batch.FateTable()
		}()
	}
	mem := memory.NewGoAllocator()
	tables, err := aggregate.BuildBatch(mem, batch, opts.Tracks)
	var ft *ingest.FateTable
	if beside {
		ft = <-fates
	}
	if ft == nil {
		ft = batch.FateTable()
	}
	if err != nil {
		return fmt.Errorf("aggregate: %w", err)
	}
	defer tables.Release()
	in := report.Input{Tables: tables, Tracks: opts.Tracks, Batch: batch, Fates: ft, Lang: opts.Lang, SmallCounts: &o.small, Registry: reg, Parquet: o.parquet, Settings: set}
	if set != nil && !o.smallSet {
		in.SmallCounts = nil // the settings' thresholds
	}
	// An output that fails does not stop the others: what was written is
	// listed, and the error (exit 1) names what was not.
	written, err := report.WriteAll(ctx, o.out, in)
	summarise(stderr, opts.Lang, batch, ft, skipped)
	warnUnexpected(stderr, opts.Lang, tables.Facts, reg)
	for _, p := range written {
		fmt.Fprintln(stdout, shown(p))
	}
	return err
}
