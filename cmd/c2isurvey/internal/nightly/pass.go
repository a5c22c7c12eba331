package nightly

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// pass is one nightly pass: lock, take new files, aggregate everything on
// record, publish (or keep the reports when nothing changed).
func (s *Service) pass(ctx context.Context) (res Result, err error) {
	opts := s.cfg.Options
	settle := s.cfg.Settle
	dirs := s.dirs
	if err := dirs.EnsureDirs(); err != nil {
		return res, CannotWrite(opts.Lang, dirs.Root, err)
	}
	lock, err := AcquireLock(ctx, dirs, s.cfg.Wait, opts.Lang)
	if err != nil {
		return res, err
	}
	defer lock.Release()
	// Before the store is opened: a data folder that cannot be written, or
	// a disk too full, must not get a half-written record either.
	if err := preflight(dirs, settle, time.Now(), opts.Lang, s.cfg.checks); err != nil {
		return res, err
	}

	if err := CheckStore(ctx, dirs, opts.Lang); err != nil {
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
	res.Started = time.Now()
	res.RunID, err = st.BeginRun(ctx, res.Started)
	if err != nil {
		return res, err
	}
	s.setRunID(res.RunID)
	// From here on every way out records the run's outcome, a panic
	// included: the nightly service logs it and goes on.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in run %d: %v", res.RunID, r)
		}
		res.Ended = time.Now()
		res.Outcome = store.OutcomeOK
		switch {
		case errors.Is(err, context.Canceled):
			res.Outcome, res.Message = store.OutcomeInterrupted, err.Error()
		case err != nil:
			res.Outcome, res.Message = store.OutcomeFailed, err.Error()
		}
		run := store.Run{ID: res.RunID, Started: res.Started, Ended: res.Ended, Outcome: res.Outcome, Message: res.Message, Counts: res.Counts}
		// The run's record is written even when ctx was cancelled.
		if ferr := st.FinishRun(context.WithoutCancel(ctx), res.RunID, run); ferr != nil && err == nil {
			err = ferr
		}
	}()

	s.setPhase(PhaseTaking)
	sum, err := inbox.Take(ctx, st, dirs, res.RunID, opts, settle, time.Now, s.progress)
	res.Counts = store.Counts{Seen: sum.Seen, Accepted: sum.Accepted, Rejected: sum.Rejected, Duplicates: sum.Duplicates,
		Replaced: sum.Replaced, Pending: len(sum.Pending)}
	res.Recovered, res.Files = sum.Recovered, sum.Files
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
	reg, regBytes := s.registry(&res)

	// Nothing new since the reports latest points at: keep them.
	var key, dataKey string
	if !stopped {
		key, dataKey, err = s.keys(ctx, st, regBytes)
		if err != nil {
			return res, err
		}
		if key != "" && len(res.Files) == 0 && res.Recovered == 0 {
			if kept, ok := unchanged(ctx, st, dirs, res.RunID, key); ok {
				res.Unchanged, res.Kept, res.Reports = true, kept.Run, kept.Folder
				res.Message = unchangedMessage(opts.Lang, kept.Run)
				return res, nil
			}
		}
	}

	s.setPhase(PhaseAggregating)
	in, release, err := reportInput(ctx, s.cfg, st, reg)
	if err != nil {
		return res, err
	}
	defer release()
	tables := in.Tables
	prev := s.reuse(dirs)
	in.Reuse = prev.reuse
	s.setPhase(PhaseWriting)
	folder := runFolder(res.RunID)
	res.Reports, err = report.Publish(publishCtx, dirs.Reports, folder, in)
	outputs, reused := in.Reuse.Keys()
	res.Yearly = len(outputs)
	if len(reused) > 0 {
		res.Reused, res.ReusedFrom = reused, prev.run
		// On record with the run (c2isurvey runs, the portal's runs page).
		res.Message = texts.Lang(opts.Lang).F("cli.pass.reused", texts.Count(len(reused)), texts.Count(res.Yearly), texts.Count(prev.run))
	}
	if err != nil {
		return res, err
	}
	if stopped {
		return res, takeErr
	}
	// A key that cannot be written costs only a redraw next time: the
	// reports are published.
	writeState(dirs, published{Run: res.RunID, Folder: folder, Key: key, DataKey: dataKey, Outputs: outputs})
	if s.cfg.Published != nil {
		s.cfg.Published(tables.Facts, reg)
	}
	return res, nil
}

// ReportInput is the input a run of cfg draws its reports from, built
// from the store's record as the run does (the record read whole,
// aggregated, with the data folder's registry, then completed by
// cfg.Report): c2isurvey publish redraws the latest run's reports with it,
// the edition named on their cover, so that an edition's documents are
// drawn by the same code from the same data as latest's. release frees the
// tables once the reports are written.
func ReportInput(ctx context.Context, cfg Config, st *store.Store) (in report.Input, release func(), err error) {
	reg, _, _ := loadRegistry(cfg)
	return reportInput(ctx, cfg, st, reg)
}

// reportInput is ReportInput with the registry already read.
func reportInput(ctx context.Context, cfg Config, st *store.Store, reg *registry.Registry) (report.Input, func(), error) {
	opts := cfg.Options
	batch, err := st.Batch(ctx)
	if err != nil {
		return report.Input{}, nil, err
	}
	// The facts go from the record straight into the fact table, never
	// all in a slice (store.Facts). The batch and the facts are two reads:
	// the run, which holds the data folder's lock, is the record's only
	// writer meanwhile.
	mem := memory.NewGoAllocator()
	fb := aggregate.NewFactBuilder(mem, opts.Tracks)
	if err := st.Facts(ctx, fb.Reserve, fb.Add); err != nil {
		fb.Release()
		return report.Input{}, nil, err
	}
	tables, err := aggregate.BuildFromTable(mem, fb.NewRecordBatch(), opts.Tracks)
	if err != nil {
		return report.Input{}, nil, fmt.Errorf("aggregate: %w", err)
	}
	// Every nightly run publishes the Parquet files too: analysts point
	// their engine at reports/latest/parquet.
	in := report.Input{Tables: tables, Tracks: opts.Tracks, Batch: batch, Lang: opts.Lang, Registry: reg, Parquet: true}
	if cfg.Report != nil {
		if err := cfg.Report(&in); err != nil {
			tables.Release()
			return report.Input{}, nil, err
		}
	}
	return in, tables.Release, nil
}

// runFolder names the reports folder of run id.
func runFolder(id int64) string { return fmt.Sprintf("run-%06d", id) }

// registry reads the data folder's registry of expected respondents, if
// there is one, and its bytes (for the key; nil when there is none).
// registry import put it there valid; should it be refused now (edited by
// hand, another --academies), the run still publishes, without it (no
// response rate, as with no registry), and res says why: no single file
// may stop the publication.
func (s *Service) registry(res *Result) (*registry.Registry, []byte) {
	reg, data, refused := loadRegistry(s.cfg)
	if refused != nil {
		res.RegistryRefused = refused
	}
	return reg, data
}

// loadRegistry reads cfg's registry as a run does: the registry, its bytes
// for the key, and why it is refused when it is (then no registry).
func loadRegistry(cfg Config) (*registry.Registry, []byte, []ingest.Problem) {
	path := cfg.Registry
	if path == "" {
		return nil, nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	opts := cfg.Options
	ropts := registry.Options{Lang: opts.Lang, Academies: opts.Academies, MaxYear: opts.MaxYear}
	var r registry.Result
	if err != nil {
		r = registry.Load(path, ropts) // refused, saying why it cannot be read
	} else {
		ropts.File = path
		r = registry.Parse(bytes.NewReader(data), ropts) // the bytes the key holds
	}
	if r.Refused() {
		// Refused: the reports are drawn without it, which the key says.
		return nil, append([]byte("refused\n"), data...), r.Refusals
	}
	return r.Registry, data, nil
}

// unchangedMessage says a run found nothing new: the run's record and the
// terminal say it alike.
func unchangedMessage(lang string, kept int64) string {
	return texts.Lang(lang).F("cli.run.unchanged", texts.Count(kept))
}

// CannotWrite says that a folder of the data folder cannot be written, and
// that nothing was taken.
func CannotWrite(lang, dir string, err error) error {
	return fmt.Errorf(texts.Lang(lang).T("cli.run.cannot.write"), dir, err)
}
