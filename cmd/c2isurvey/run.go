package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/texts"
)

// dataOptions are the flags of the commands that work on a data folder.
type dataOptions struct {
	commonOptions
	data string
}

func (d *dataOptions) register(fs *flag.FlagSet) {
	d.commonOptions.register(fs)
	fs.StringVar(&d.data, "data", "", "cli.flag.data")
}

// dataDir resolves --data, then $C2I_DATA, then ./c2i-data.
func (d *dataOptions) dataDir() string {
	switch {
	case d.data != "":
		return d.data
	case os.Getenv("C2I_DATA") != "":
		return os.Getenv("C2I_DATA")
	}
	return "c2i-data"
}

type runOptions struct {
	dataOptions
	settle   time.Duration
	wait     bool
	settings string // --settings; "" for the data folder's settings.txt
}

func (o *runOptions) register(fs *flag.FlagSet) {
	o.dataOptions.register(fs)
	fs.DurationVar(&o.settle, "settle", 30*time.Second, "cli.flag.settle")
	fs.BoolVar(&o.wait, "wait", false, "cli.flag.wait")
	fs.StringVar(&o.settings, "settings", "", "cli.flag.settings")
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlagSet("run", "cli.help.run", args, stderr)
	o.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	if o.settle < 0 {
		return usagef("cli.usage-error.settle")
	}
	_, err := runPass(ctx, o, stderr, stderr)
	return err
}

// runConfig builds the nightly service's configuration from the flags.
func (o *runOptions) runConfig(now time.Time) (nightly.Config, error) {
	opts, err := o.ingestOptions(now)
	if err != nil {
		return nightly.Config{}, err
	}
	return nightly.Config{
		Dir:      o.dataDir(),
		Options:  opts,
		Settle:   o.settle,
		Wait:     o.wait,
		Registry: filepath.Join(o.dataDir(), registryFileName),
		// --settings, or else the data folder's settings file if there is one.
		SettingsFile: cmp.Or(o.settings, filepath.Join(o.dataDir(), settings.FileName)),
	}, nil
}

// runPass is one nightly pass through the service: progressTo receives the
// progress bar (on a terminal), logTo the summary.
func runPass(ctx context.Context, o runOptions, progressTo, logTo io.Writer) (nightly.Result, error) {
	cfg, err := o.runConfig(time.Now())
	if err != nil {
		return nightly.Result{}, err
	}
	lang := cfg.Options.Lang
	var bar *progressBar
	cfg.Progress = func(done, total int) {
		if bar == nil {
			bar = newProgress(progressTo, total, texts.Lang(lang).T("cli.files"))
		}
		bar.Set(done)
	}
	// Said after the summary, as the reports were published.
	var unexpected bytes.Buffer
	cfg.Published = func(facts arrow.RecordBatch, reg *registry.Registry) {
		warnUnexpected(&unexpected, lang, facts, reg)
	}
	setReportHook(&cfg, logTo)
	svc := nightly.New(cfg)
	if err := svc.Open(ctx); err != nil {
		return nightly.Result{}, err
	}
	defer svc.Close()
	res, err := svc.RunOnce(ctx)
	bar.Done()
	if res.RegistryRefused != nil {
		registryRefused(logTo, lang, cfg.Registry, res.RegistryRefused)
	}
	if err != nil {
		return res, err
	}
	passSummary(logTo, lang, res)
	logTo.Write(unexpected.Bytes())
	return res, nil
}

// runRegistry reads the data folder's registry of expected respondents, if
// there is one. registry import put it there valid; should it be refused
// now (edited by hand, another --academies), the command still goes on,
// without it (no response rate, as with no registry), and logs why: no
// single file may stop the publication. (A run reads it in the nightly
// service, and says the same through registryRefused.)
func runRegistry(dirs inbox.Dirs, opts ingest.Options, logTo io.Writer) *registry.Registry {
	path := filepath.Join(dirs.Root, registryFileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	res := loadRegistry(path, opts)
	if res.Refused() {
		registryRefused(logTo, opts.Lang, path, res.Refusals)
		return nil
	}
	return res.Registry
}

// registryRefused says the registry at path is refused, and why.
func registryRefused(logTo io.Writer, lang, path string, refusals []ingest.Problem) {
	t := texts.Lang(lang)
	fmt.Fprintln(logTo, t.F("cli.run.registry.refused", shown(path)))
	printProblems(logTo, t, refusals, nil)
}
