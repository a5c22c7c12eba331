// Package nightly is the nightly pass of a data folder as a service: take
// the files dropped in the inbox, record them, aggregate everything on
// record and publish the reports, under the data folder's lock. The run
// command calls it once, the serve command on a schedule, and the portal's
// « lancer maintenant » button the same way: one Service, one RunOnce, so
// the guarantees (lock, preflight, the run recorded whatever happens, a
// panic a failed run) hold alike. docs/service.md says why it is built so.
package nightly

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/store"
	"c2isurvey/report"
)

// ErrBusy says a run is already in progress on the data folder, in this
// process or (errors.Is matches ErrLocked too) in another: the run asked
// for was not started. The portal says so politely; the schedule skips.
var ErrBusy = errors.New("un passage est déjà en cours")

// ErrClosed says the service was closed.
var ErrClosed = errors.New("nightly service closed")

// Config is what a service needs: the data folder and the settings of its
// runs. The command line builds it from its flags.
type Config struct {
	// Dir is the data folder (inbox/, archive/, rejected/, reports/, the store).
	Dir string
	// Options are the reader's options; Options.Lang the language of
	// messages and reports.
	Options ingest.Options
	// Settle is how long a file must have been left unchanged to be taken.
	Settle time.Duration
	// Wait makes a run wait for another process's run (the lock) and for
	// this process's run in progress, rather than give up with ErrBusy.
	Wait bool
	// Registry is the file of expected institutions a run reads if it
	// exists (DIR/registry.csv); "" means none.
	Registry string
	// Schedule is when Serve runs a pass; Grace how long, once Serve is
	// told to stop, the run in progress is given to finish.
	Schedule Schedule
	Grace    time.Duration
	// Log is the service's journal (serve's); nil discards it.
	Log *slog.Logger
	// Progress is told, during the take, how many files are done out of
	// how many (the terminal's bar); nil: nobody. Status reports it too.
	Progress func(done, total int)
	// Published, if set, is called once the reports are published, with
	// the facts and the registry they were drawn from (the command line
	// lists the answers the registry does not expect). It must not keep
	// them: they are released after it returns.
	Published func(facts arrow.RecordBatch, reg *registry.Registry)
	// Report, if set, completes the reports' input before they are drawn
	// (a settings file, editions). What it reads must be in Settings too:
	// otherwise a change of it alone would not redraw.
	Report func(in *report.Input) error
	// Version names the program's build, a part of the key of the reports
	// (a new build redraws them); "" means BuildVersion().
	Version string
	// SettingsFile is the publication settings file (ingest/settings) the
	// reports are drawn with, read again at each run; "" or a missing file
	// means the defaults. Its bytes and its logo's are part of the reports'
	// key: a settings file edited between two nights redraws them.
	SettingsFile string
	// Settings are other inputs the reports depend on beyond Options and
	// the registry (the contents of a settings file, say): any change
	// redraws. Order matters.
	Settings []string

	// checks are the preflight's questions to the system; zero means
	// systemChecks() (tests give their own).
	checks preflightChecks
}

// Phase is what a run in progress is doing.
type Phase string

// The phases of a run, in order.
const (
	PhaseIdle        Phase = ""
	PhaseChecking    Phase = "checking"    // lock, preflight, store health
	PhaseTaking      Phase = "taking"      // reading and recording the inbox's files
	PhaseAggregating Phase = "aggregating" // reading the record back, building the tables
	PhaseWriting     Phase = "writing"     // the reports
)

// Result is what one run did: the record the store keeps of it, and what
// the person who launched it is told.
type Result struct {
	RunID   int64 // 0 when refused before it was recorded (lock, preflight, store)
	Started time.Time
	Ended   time.Time
	// Outcome is store.OutcomeOK, OutcomeFailed or OutcomeInterrupted as
	// recorded; "" when the run was refused before being recorded.
	Outcome string
	Message string
	store.Counts
	// Recovered counts files a killed run had recorded whose placing this
	// run finished.
	Recovered int
	// Files are the records this run made, in order.
	Files []store.FileRecord
	// Reports is the folder published; with Unchanged, the one kept
	// (where latest points). "" when nothing was published.
	Reports string
	// Unchanged says nothing had changed since run Kept, whose reports
	// were kept rather than drawn again.
	Unchanged bool
	Kept      int64
	// Reused names the yearly reports taken from run ReusedFrom's folder
	// rather than drawn again, their data unchanged (report.Reuse), of the
	// Yearly reports published.
	// Message then says so.
	Reused     []string
	ReusedFrom int64
	Yearly     int
	// RegistryRefused holds the problems of the registry file
	// (Config.Registry) when it was refused: the reports were published
	// without it.
	RegistryRefused []ingest.Problem
}

// Status is a snapshot of the service, for the portal.
type Status struct {
	Running bool
	RunID   int64 // of the run in progress (0 before it is recorded)
	Started time.Time
	Phase   Phase
	// Done and Total are the files taken so far out of those to take.
	Done, Total int
	// Last is the last run that ended (in this process, or on record when
	// the service was opened); nil if none.
	Last *Result
	// Next is the next scheduled time; zero without a schedule.
	Next time.Time
}

// Service runs the nightly pass of one data folder. Its methods are safe
// for concurrent use; runs never overlap.
type Service struct {
	cfg  Config
	dirs inbox.Dirs
	// sem holds one token: taking it is the right to run, in this process.
	// (The data folder's lock keeps other processes out.)
	sem chan struct{}

	// bg is the context of the runs RunNow starts; Close ends it.
	bg     context.Context
	stopBg context.CancelFunc

	mu      sync.Mutex // guards what follows
	status  Status
	closed  bool
	serving bool
}

// New returns a service for cfg; Open checks the data folder.
func New(cfg Config) *Service {
	if cfg.checks.writable == nil {
		cfg.checks = systemChecks()
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Service{cfg: cfg, dirs: inbox.Layout(cfg.Dir), sem: make(chan struct{}, 1)}
	s.bg, s.stopBg = context.WithCancel(context.Background())
	s.sem <- struct{}{}
	return s
}

// Dirs is the layout of the service's data folder.
func (s *Service) Dirs() inbox.Dirs { return s.dirs }

// Open checks that the data folder can be used: its folders exist (made if
// need be), a run could do there what it does (the preflight), and the
// store is sound (CheckStore). It takes nothing and holds
// no lock once it returns; the last run on record becomes Status().Last.
func (s *Service) Open(ctx context.Context) error {
	lang := s.cfg.Options.Lang
	if err := s.dirs.EnsureDirs(); err != nil {
		return CannotWrite(lang, s.dirs.Root, err)
	}
	// The store is looked at under the lock, briefly: another process's
	// run in the middle of its work is not a damaged store. While one
	// holds it, this run will look when its turn comes.
	lock, err := AcquireLock(ctx, s.dirs, false, lang)
	if errors.Is(err, ErrLocked) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	// As a run does: the store is not opened in a folder where a run
	// could not finish, so that its message is the folder's, not the
	// store's.
	if err := preflight(s.dirs, s.cfg.Settle, time.Now(), lang, s.cfg.checks); err != nil {
		return err
	}
	if err := CheckStore(ctx, s.dirs, lang); err != nil {
		return err
	}
	if _, err := os.Stat(s.dirs.Store); err != nil {
		return nil // a new data folder: the first run makes the store
	}
	st, err := store.Open(s.dirs.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 1)
	if err != nil {
		return err
	}
	if len(runs) == 1 && runs[0].Outcome != "" {
		r := runs[0]
		s.mu.Lock()
		s.status.Last = &Result{RunID: r.ID, Started: r.Started, Ended: r.Ended, Outcome: r.Outcome, Message: r.Message, Counts: r.Counts}
		s.mu.Unlock()
	}
	return nil
}

// Close stops the service taking runs. A run in progress is given
// Config.Grace to finish; a run RunNow started is then interrupted between
// two files (one RunOnce's caller started ends with its own context).
// Close returns once no run is in progress.
func (s *Service) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	select {
	case <-s.sem:
	case <-time.After(s.cfg.Grace):
		s.stopBg()
		<-s.sem
	}
	s.stopBg()
	s.sem <- struct{}{}
	return nil
}

// Status is a snapshot of the service: the run in progress, the last one,
// the next one.
func (s *Service) Status() Status {
	s.mu.Lock()
	st := s.status
	serving := s.serving
	s.mu.Unlock()
	if st.Last != nil {
		last := *st.Last
		st.Last = &last
	}
	if serving && s.cfg.Schedule.spec != nil {
		st.Next = s.cfg.Schedule.Next(time.Now())
	}
	return st
}

// RunOnce is one nightly pass: lock, preflight, take from the inbox,
// aggregate, publish the reports (or keep them when nothing changed),
// record the run. A run in progress (here or in another process) makes it
// return ErrBusy at once, unless Config.Wait. A panic becomes a failed run.
func (s *Service) RunOnce(ctx context.Context) (Result, error) {
	return s.do(ctx, s.pass)
}

// RunNow starts a pass in the background, as the portal's « lancer
// maintenant » button does, and returns at once: ErrBusy when a run is in
// progress in this process (one in another process is found by the pass,
// which then fails naming it, see Status().Last). The pass runs until it
// ends or Close interrupts it; Status follows it.
func (s *Service) RunNow() error {
	if err := s.acquire(context.Background(), false); err != nil {
		return err
	}
	go s.run(s.bg, s.pass)
	return nil
}

// do runs pass as the service's one run, keeping Status and the journal.
func (s *Service) do(ctx context.Context, pass func(context.Context) (Result, error)) (Result, error) {
	if err := s.acquire(ctx, s.cfg.Wait); err != nil {
		return Result{}, err
	}
	return s.run(ctx, pass)
}

// acquire takes the right to run: ErrBusy when a run holds it (unless
// wait), ErrClosed once the service is closed.
func (s *Service) acquire(ctx context.Context, wait bool) error {
	if wait {
		select {
		case <-s.sem:
		case <-ctx.Done():
			return ctx.Err()
		}
	} else {
		select {
		case <-s.sem:
		default:
			return ErrBusy
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		s.sem <- struct{}{}
		return ErrClosed
	}
	s.status = Status{Running: true, Started: time.Now(), Phase: PhaseChecking, Last: s.status.Last}
	return nil
}

// run runs pass, the right to run taken; it gives it back.
func (s *Service) run(ctx context.Context, pass func(context.Context) (Result, error)) (Result, error) {
	defer func() { s.sem <- struct{}{} }()
	s.mu.Lock()
	start := s.status.Started
	s.mu.Unlock()

	log := s.cfg.Log
	log.Info("run starting", "data", s.dirs.Root)
	res, err := safePass(ctx, pass)
	attrs := []any{"run", res.RunID, "duration", time.Since(start).Round(time.Millisecond),
		"seen", res.Seen, "accepted", res.Accepted, "rejected", res.Rejected,
		"duplicates", res.Duplicates, "replaced", res.Replaced, "pending", res.Pending}
	switch {
	case err != nil:
		log.Error("run failed", append(attrs, "error", err.Error())...)
	case res.Unchanged:
		log.Info("run done: nothing new, reports kept", append(attrs, "reports", res.Reports, "kept", res.Kept)...)
	default:
		log.Info("run done", append(attrs, "reports", res.Reports, "yearly_reports", res.Yearly, "yearly_kept", len(res.Reused))...)
	}

	s.mu.Lock()
	s.status.Running, s.status.Phase = false, PhaseIdle
	if res.Outcome != "" || err != nil {
		last := res
		if last.Outcome == "" {
			// Refused before it was recorded: still the last thing that
			// happened, for the portal.
			last.Outcome, last.Message, last.Started, last.Ended = store.OutcomeFailed, err.Error(), start, time.Now()
		}
		s.status.Last = &last
	}
	s.mu.Unlock()
	return res, err
}

// safePass runs one pass and turns a panic into an error: the service logs
// it, the store records the run as failed, and the next night comes.
func safePass(ctx context.Context, pass func(context.Context) (Result, error)) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return pass(ctx)
}

// setPhase and progress keep Status up to date from the run.
func (s *Service) setPhase(p Phase) {
	s.mu.Lock()
	s.status.Phase = p
	s.mu.Unlock()
}

func (s *Service) setRunID(id int64) {
	s.mu.Lock()
	s.status.RunID = id
	s.mu.Unlock()
}

func (s *Service) progress(done, total int) {
	s.mu.Lock()
	s.status.Total = total
	// Files are read on every core: reports may come out of order.
	s.status.Done = max(s.status.Done, done)
	s.mu.Unlock()
	if s.cfg.Progress != nil {
		s.cfg.Progress(done, total)
	}
}
