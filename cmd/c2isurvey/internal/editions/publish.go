package editions

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// AuditAction is the action an edition's publication is recorded under in
// the store's audit log (the portal's and the command line's alike).
const AuditAction = "edition.publish"

// Options are how an edition is published.
type Options struct {
	// Now is the moment of publication, the edition's date; zero means
	// time.Now().
	Now time.Time
	// By names who publishes, for edition.json and the audit log; ""
	// means the system's user running the program.
	By string
	// Audit records the publication in the store's audit log, under the
	// lock, as By. The command line asks for it; the portal records its
	// own entry, with the account and its address.
	Audit bool
	// Lang is the language of a refusal (the portal's user's); "" means
	// the runs' (cfg.Options.Lang), the language the documents are
	// always drawn in.
	Lang string
}

// Result is an edition just published.
type Result struct {
	Dir     string   // its folder
	Edition *Edition // what its edition.json says
}

// Publish freezes the reports of the latest run of the data folder
// cfg.Dir for year as the year's next edition, under the data folder's
// lock (nightly.AcquireLock: no run moves latest or changes the store
// meanwhile). The year's annual report and quality report are drawn again
// as edition N (report.Input.Edition) from the same data latest's were
// drawn from (nightly.ReportInput over the store, which holds exactly
// that record since the latest run is the last and whole); the other
// files of latest are copied byte for byte. cfg is the configuration of
// the runs (options, registry, settings, cfg.Report). A refusal says, in
// o.Lang, what is wrong and what to do.
func Publish(ctx context.Context, cfg nightly.Config, year int, o Options) (Result, error) {
	lang := cmp.Or(o.Lang, cfg.Options.Lang)
	l := texts.Lang(lang)
	refuse := func(key string, args ...any) (Result, error) {
		return Result{}, fmt.Errorf("%s", l.F(key, args...))
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	// The edition's date is the one edition.json keeps (to the second,
	// UTC): the edition's cover and the later reports' name it alike.
	now = now.UTC().Truncate(time.Second)
	by := cmp.Or(o.By, currentUser())
	dirs := inbox.Layout(cfg.Dir)
	yl := report.YearLabel(year)
	if fi, err := os.Stat(dirs.Root); err != nil || !fi.IsDir() {
		return refuse("cli.publish.data-folder-does-not", dirs.Root)
	}
	// Publish reads the store and latest as one run left them: a run must
	// not move latest meanwhile.
	lock, err := nightly.AcquireLock(ctx, dirs, false, lang)
	if err != nil {
		return Result{}, err
	}
	defer lock.Release()
	if _, err := os.Stat(dirs.Store); err != nil {
		return refuse("cli.publish.no-run-on-data", dirs.Root)
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return Result{}, err
	}
	defer st.Close()
	// All of them: the reports published may be an older run's (Drawn).
	runs, err := st.Runs(ctx, 0)
	if err != nil {
		return Result{}, err
	}
	if len(runs) == 0 {
		return refuse("cli.publish.no-run-on-data", dirs.Root)
	}
	last := runs[0]
	if last.Outcome != store.OutcomeOK {
		return refuse("cli.publish.latest-run-no-did", last.ID, outcomeText(l, last))
	}
	// latest's reports must be what the runs would draw now (a run that
	// found nothing new kept an older run's): the same record, registry,
	// settings, options and program, or the documents drawn again would
	// not be latest's.
	runID, runName, ok, err := nightly.Drawn(ctx, cfg, st)
	if err != nil {
		return Result{}, err
	}
	latest := filepath.Join(dirs.Reports, report.LatestName)
	if !ok {
		return refuse("editions.not-latest", latest)
	}
	runDir := filepath.Join(dirs.Reports, runName)
	if _, err := os.Stat(filepath.Join(runDir, report.PDFName(year))); err != nil {
		return refuse("cli.publish.latest-run-has-no", yl)
	}

	yearDir := yearDir(cfg.Dir, year)
	if err := os.MkdirAll(yearDir, 0o755); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	// A publish killed before its rename leaves its temporary folder: the
	// lock is held, so any such folder is a leftover.
	if olds, err := filepath.Glob(filepath.Join(yearDir, ".*.tmp-*")); err == nil {
		for _, old := range olds {
			os.RemoveAll(old)
		}
	}
	n, prev, err := latestIn(yearDir)
	if err != nil {
		return Result{}, err
	}
	if prev != nil && prev.RunID == runID {
		return refuse("cli.publish.reports-run-already-are", runID, n, yl)
	}
	n++
	final := filepath.Join(yearDir, strconv.Itoa(n))
	if _, err := os.Lstat(final); err == nil {
		return refuse("cli.publish.edition-already-exists-it", final)
	}

	// What latest was drawn from: the store's record at the latest run.
	in, release, err := nightly.ReportInput(ctx, cfg, st)
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	defer release()
	// The record's facts went from the store into the fact table, never
	// into the batch (store.Facts): the year's are read from the table.
	facts, err := yearFacts(in.Tables.Facts, year)
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	if len(facts) == 0 {
		return refuse("cli.publish.latest-run-has-no", yl)
	}
	in.Edition = &report.Edition{N: n, Date: now}

	ed := &Edition{Year: year, AcademicYear: yl, Edition: n, PublishedAt: now.Format(time.RFC3339),
		PublishedBy: by, RunID: runID, Reports: runName}
	for _, r := range runs {
		if r.ID == runID {
			ed.RunStarted = r.Started.UTC().Format(time.RFC3339)
		}
	}
	if asOf := report.DataAsOf(in.Batch, year); !asOf.IsZero() {
		ed.DataAsOf = asOf.UTC().Format(time.RFC3339)
	}
	uais := map[string]bool{}
	for _, f := range facts {
		uais[f.UAI] = true
		ed.Students += f.Students
		ed.Certificates += f.Certs
	}
	ed.Institutions, ed.Facts = len(uais), len(facts)

	tmp, err := os.MkdirTemp(yearDir, "."+strconv.Itoa(n)+".tmp-")
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := freeze(ctx, tmp, runDir, year, in, ed); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := writeFacts(filepath.Join(tmp, FactsFileName), facts, in.Tracks, ed); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	js, err := json.MarshalIndent(ed, "", "  ")
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := atomicfile.WriteBytes(filepath.Join(tmp, FileName), append(js, '\n')); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	// The files are made read-only: an edition is never rewritten, and a
	// hand that tries is told so by the system.
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	for _, e := range entries {
		if err := os.Chmod(filepath.Join(tmp, e.Name()), 0o444); err != nil {
			return Result{}, fmt.Errorf("publish %s: %w", yl, err)
		}
	}
	if err := atomicfile.SyncDir(tmp); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return Result{}, fmt.Errorf("publish %s: %w", yl, err)
	}
	done = true
	res := Result{Dir: final, Edition: ed}
	for _, d := range []string{yearDir, filepath.Dir(yearDir)} {
		if err := atomicfile.SyncDir(d); err != nil {
			return res, fmt.Errorf("publish %s: %w", yl, err)
		}
	}
	if o.Audit {
		rel, _ := filepath.Rel(dirs.Reports, final)
		// The edition exists: a log that cannot record it is said, not a
		// reason to call the publication failed.
		if err := st.Audit(context.WithoutCancel(ctx), store.AuditEntry{At: now, Actor: by, Action: AuditAction,
			Detail: yl + " → reports/" + filepath.ToSlash(rel)}); err != nil {
			return res, fmt.Errorf("publish %s: %w", yl, err)
		}
	}
	return res, nil
}

// outcomeText says how a run ended, with its message.
func outcomeText(l texts.Lang, r store.Run) string {
	s := r.Outcome
	switch r.Outcome {
	case store.OutcomeFailed:
		s = l.T("cli.publish.failed")
	case store.OutcomeInterrupted:
		s = l.T("cli.publish.interrupted")
	case "":
		s = l.T("cli.publish.running-or-stopped")
	}
	if r.Message != "" {
		s = l.F("cli.publish.outcome-message", s, r.Message)
	}
	return s
}

// currentUser names the account publishing, for the record; "" when the
// system does not say.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return cmp.Or(os.Getenv("USER"), os.Getenv("USERNAME"))
}

// freeze writes into dir the year's reports of the run folder: the annual
// report and, when the run wrote one, the quality report drawn again from
// in (which names the edition), the workbook and every CSV table copied
// byte for byte, each through atomicfile, and lists them in ed.Files.
func freeze(ctx context.Context, dir, runDir string, year int, in report.Input, ed *Edition) error {
	entries, err := os.ReadDir(runDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || atomicfile.IsTemp(name) {
			continue
		}
		var write func(w io.Writer) error
		switch {
		case name == report.PDFName(year):
			write = func(w io.Writer) error { return report.WritePDF(ctx, w, in, year) }
		case name == report.QualityPDFName(year):
			write = func(w io.Writer) error { return report.WriteQualityPDF(ctx, w, in, year) }
		case name == report.WorkbookName, strings.HasSuffix(name, ".csv"):
			write = func(w io.Writer) error {
				f, err := os.Open(filepath.Join(runDir, name))
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = io.Copy(w, f)
				return err
			}
		default:
			continue
		}
		var hw *hashWriter
		if err := atomicfile.Write(filepath.Join(dir, name), func(w io.Writer) error {
			hw = newHashWriter(w)
			return write(hw)
		}); err != nil {
			return err
		}
		ed.Files = append(ed.Files, hw.file(name))
	}
	return nil
}
