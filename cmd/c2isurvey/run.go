package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/store"
	"c2isurvey/report"
)

const runUsage = `Utilisation : c2isurvey run [--data DOSSIER] [--settle DURÉE] [--wait] [--lang fr|en] [--tracks FICHIER] [--settings FICHIER]

Un passage du traitement de nuit : prend les nouveaux fichiers déposés dans
DOSSIER/inbox, les enregistre (acceptés dans archive/, refusés dans rejected/ avec
un .txt qui dit pourquoi), puis publie les rapports dans DOSSIER/reports/ (un dossier
par passage, et latest pour le dernier). Un fichier encore en cours d'écriture est
laissé pour le passage suivant. Deux passages ne peuvent pas tourner en même temps.
DOSSIER vaut par défaut $C2I_DATA, sinon ./c2i-data. La liste des établissements
attendus DOSSIER/registry.csv (voir « c2isurvey registry --help ») est lue si elle
existe ; refusée, elle est laissée de côté (le journal dit pourquoi) et les rapports
sont publiés sans taux de réponse.

Options :
`

// dataOptions are the flags of the commands that work on a data folder.
type dataOptions struct {
	commonOptions
	data string
}

func (d *dataOptions) register(fs *flag.FlagSet) {
	d.commonOptions.register(fs)
	fs.StringVar(&d.data, "data", "", "dossier de données (défaut : $C2I_DATA, sinon ./c2i-data)")
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
	fs.DurationVar(&o.settle, "settle", 30*time.Second, "un fichier n'est pris que s'il n'a pas changé depuis cette durée")
	fs.BoolVar(&o.wait, "wait", false, "si un autre passage tourne, attendre qu'il finisse au lieu d'abandonner")
	fs.StringVar(&o.settings, "settings", "", "paramètres de publication (défaut : DOSSIER/settings.txt s'il existe, voir docs/settings.md)")
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	fs := newFlagSet("run", runUsage, stderr)
	o.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	if o.settle < 0 {
		return usagef("--settle ne peut pas être négatif")
	}
	_, err := runPass(ctx, o, stderr, stderr)
	return err
}

// passResult is what one pass did.
type passResult struct {
	RunID   int64
	Summary inbox.Summary
	Reports string // folder published, "" when the pass failed before
}

// runPass is one nightly pass: lock, take new files, aggregate everything
// on record, publish. progressTo receives the progress bar (on a terminal),
// logTo the summary.
func runPass(ctx context.Context, o runOptions, progressTo, logTo io.Writer) (res passResult, err error) {
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return res, err
	}
	dirs := inbox.Layout(o.dataDir())
	if err := dirs.EnsureDirs(); err != nil {
		return res, cannotWrite(opts.Lang, dirs.Root, err)
	}
	lock, err := acquireLock(ctx, dirs, o.wait, opts.Lang)
	if err != nil {
		return res, err
	}
	defer lock.Release()
	// Before the store is opened: a data folder that cannot be written, or
	// a disk too full, must not get a half-written record either.
	if err := preflight(dirs, o.settle, time.Now(), opts.Lang, systemChecks()); err != nil {
		return res, err
	}

	if err := checkStore(ctx, dirs, opts.Lang); err != nil {
		return res, err
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return res, err
	}
	defer st.Close()
	if _, err := st.MarkInterrupted(ctx); err != nil {
		return res, err
	}
	started := time.Now()
	res.RunID, err = st.BeginRun(ctx, started)
	if err != nil {
		return res, err
	}
	// From here on every way out records the run's outcome, a panic
	// included: the nightly service logs it and goes on.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in run %d: %v", res.RunID, r)
		}
		sum := res.Summary
		run := store.Run{ID: res.RunID, Started: started, Ended: time.Now(), Outcome: store.OutcomeOK,
			Seen: sum.Seen, Accepted: sum.Accepted, Rejected: sum.Rejected, Duplicates: sum.Duplicates,
			Replaced: sum.Replaced, Pending: len(sum.Pending)}
		switch {
		case errors.Is(err, context.Canceled):
			run.Outcome, run.Message = store.OutcomeInterrupted, err.Error()
		case err != nil:
			run.Outcome, run.Message = store.OutcomeFailed, err.Error()
		}
		// The run's record is written even when ctx was cancelled.
		if ferr := st.FinishRun(context.WithoutCancel(ctx), res.RunID, run); ferr != nil && err == nil {
			err = ferr
		}
	}()

	var bar *progressBar
	res.Summary, err = inbox.Take(ctx, st, dirs, res.RunID, opts, o.settle, time.Now, func(done, total int) {
		if bar == nil {
			bar = newProgress(progressTo, total, texts(opts.Lang).files)
		}
		bar.Set(done)
	})
	bar.Done()
	// Stopped between two files (the service is shutting down): what was
	// taken is on record whole, so publish it rather than leave the reports
	// behind the store; the run is still recorded as interrupted.
	stopped := errors.Is(err, context.Canceled)
	if err != nil && !stopped {
		return res, err
	}
	takeErr := err
	// Publishing honours a stop (serve's grace), leaving latest as it was.
	// After a stop during the take, what was taken is still published if
	// that takes a few seconds: the service must end soon after its grace.
	publishCtx := ctx
	if stopped {
		var cancel context.CancelFunc
		publishCtx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
	}
	ctx = context.WithoutCancel(ctx)
	batch, err := st.Batch(ctx)
	if err != nil {
		return res, err
	}
	tables, err := aggregate.BuildBatch(memory.NewGoAllocator(), batch, opts.Tracks)
	if err != nil {
		return res, fmt.Errorf("aggregate: %w", err)
	}
	defer tables.Release()
	// Every nightly run publishes the Parquet files too: analysts point
	// their engine at reports/latest/parquet.
	in := report.Input{Tables: tables, Tracks: opts.Tracks, Batch: batch, Lang: opts.Lang, Registry: runRegistry(dirs, opts, logTo), Parquet: true,
		Settings: runSettings(o.settings, dirs.Root, opts.Lang, logTo)}
	res.Reports, err = report.Publish(publishCtx, dirs.Reports, fmt.Sprintf("run-%06d", res.RunID), in)
	if err != nil {
		return res, err
	}
	if stopped {
		return res, takeErr
	}
	passSummary(logTo, opts.Lang, res)
	warnUnexpected(logTo, opts.Lang, tables.Facts, in.Registry)
	return res, nil
}

// cannotWrite says that a folder of the data folder cannot be written, and
// that nothing was taken.
func cannotWrite(lang, dir string, err error) error {
	if lang == "en" {
		return fmt.Errorf("cannot write in %s (%w): no file was taken; make the folder writable, then run again", dir, err)
	}
	return fmt.Errorf("impossible d'écrire dans %s (%w) : aucun fichier n'a été pris ; rendez ce dossier accessible en écriture, puis relancez", dir, err)
}

// runRegistry reads the data folder's registry of expected respondents, if
// there is one. registry import put it there valid; should it be refused
// now (edited by hand, another --academies), the run still publishes,
// without it (no response rate, as with no registry), and logs why: no
// single file may stop the publication.
func runRegistry(dirs inbox.Dirs, opts ingest.Options, logTo io.Writer) *registry.Registry {
	path := filepath.Join(dirs.Root, registryFileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	res := loadRegistry(path, opts)
	t := texts(opts.Lang)
	if res.Refused() {
		fmt.Fprintf(logTo, pick(opts.Lang == "en", "La liste des établissements attendus %s est refusée : les rapports sont publiés sans elle (pas de taux de réponse). Importez une liste valide avec « c2isurvey registry import ». Problèmes :\n",
			"The list of expected institutions %s is refused: the reports are published without it (no response rate). Import a valid list with « c2isurvey registry import ». Problems:\n"), shown(path))
		printProblems(logTo, t, res.Refusals, nil)
		return nil
	}
	return res.Registry
}
