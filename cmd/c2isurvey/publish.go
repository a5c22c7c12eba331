package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/editions"
	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// publish is the command line's door to the editions
// (cmd/c2isurvey/internal/editions, docs/editions.md); the portal's button
// and the nightly runs go through the same package.

type publishOptions struct {
	dataOptions
	year     string
	settings string // --settings, as run's: the reports are drawn again with it
}

func cmdPublish(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o publishOptions
	fs := newFlagSet("publish", "cli.help.publish", args, stderr)
	o.register(fs)
	fs.StringVar(&o.year, "year", "", "cli.flag.publish.year")
	fs.StringVar(&o.settings, "settings", "", "cli.flag.settings")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	if o.year == "" {
		return usagef("cli.usage-error.year-required")
	}
	now := time.Now()
	opts, err := o.ingestOptions(now)
	if err != nil {
		return err
	}
	year, err := ingest.ParseYear(o.year, now.Year()+1)
	if err != nil {
		return usagef("cli.usage-error.publish-year", o.year)
	}
	cfg := nightly.Config{
		Dir: o.dataDir(), Options: opts,
		Registry:     filepath.Join(o.dataDir(), registryFileName),
		SettingsFile: cmp.Or(o.settings, filepath.Join(o.dataDir(), settings.FileName)),
	}
	setReportHook(&cfg, stderr)
	res, err := editions.Publish(ctx, cfg, year, editions.Options{Now: now, Audit: true})
	if err != nil {
		return err
	}
	ed := res.Edition
	fmt.Fprint(stdout, texts.Lang(opts.Lang).F("cli.publish.edition-published-reports-run",
		ed.Edition, ed.AcademicYear, shown(res.Dir), ed.RunID, ed.Institutions, len(ed.Files)+1))
	return nil
}

// setReportHook completes the reports' input of cfg's runs (and of an
// edition's documents, drawn again by publish) with what the data folder
// holds besides the store: the revisions since each year's latest edition
// (which the cover names too) and the publication settings; what goes
// wrong reading them is said on logTo and never stops the reports.
func setReportHook(cfg *nightly.Config, logTo io.Writer) {
	dir, dict, lang, file := cfg.Dir, cfg.Options.Tracks, cfg.Options.Lang, cfg.SettingsFile
	cfg.Report = func(in *report.Input) error {
		in.Revisions = editions.LoadRevisions(dir, in.Tables, dict, lang, logTo)
		in.Settings = runSettings(file, lang, logTo)
		return nil
	}
}
