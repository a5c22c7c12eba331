package nightly

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Serve runs passes on Config.Schedule until ctx ends, then stops cleanly:
// no new run starts, the run in progress is given Config.Grace to finish,
// then interrupted between two files.
func (s *Service) Serve(ctx context.Context) error {
	return s.serve(ctx, s.pass)
}

// serve is Serve with the pass given (tests give their own).
func (s *Service) serve(ctx context.Context, pass func(context.Context) (Result, error)) error {
	if s.cfg.Schedule.spec == nil {
		return errors.New("nightly: no schedule to serve")
	}
	log := s.cfg.Log
	// A run's context is not ctx: on a stop signal the run in progress is
	// given the grace to finish before it is cancelled.
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	var wg sync.WaitGroup
	job := func() {
		wg.Add(1)
		defer wg.Done()
		if _, err := s.do(runCtx, pass); errors.Is(err, ErrBusy) && !errors.Is(err, ErrLocked) {
			// A run started from the portal is still going: this time
			// skips, as it would behind a run of its own.
			log.Warn("run skipped: another run is in progress")
		}
	}
	sched := s.cfg.Schedule
	cronLog := cronLogger{log}
	c := cron.New(
		cron.WithLocation(sched.loc),
		cron.WithLogger(cronLog),
		// SkipIfStillRunning: a run still going at the next time makes that
		// time skip, never queue. Recover is a last guard: safePass already
		// turns a panic into a failed run.
		cron.WithChain(cron.Recover(cronLog), cron.SkipIfStillRunning(cronLog)),
	)
	c.Schedule(sched, cron.FuncJob(job))
	s.mu.Lock()
	s.serving = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.serving = false
		s.mu.Unlock()
	}()
	c.Start()
	log.Info("service started", "schedule", sched.String(), "tz", sched.loc.String(), "next", sched.Next(time.Now()).Format(time.RFC3339))

	<-ctx.Done()
	log.Info("stopping: no new run will start")
	stopped := c.Stop() // waits for the running job, without cancelling it
	select {
	case <-stopped.Done():
	case <-time.After(s.cfg.Grace):
		log.Warn("the run in progress did not finish in time: interrupting it between two files", "grace", s.cfg.Grace)
		cancelRuns()
		<-stopped.Done()
	}
	wg.Wait()
	log.Info("service stopped")
	return nil
}

// cronLogger sends robfig/cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

var _ cron.Logger = cronLogger{}

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
