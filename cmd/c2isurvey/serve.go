package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

const serveUsage = `Utilisation : c2isurvey serve [--data DOSSIER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]
                       [--listen 127.0.0.1:8080 [--tls-cert FICHIER --tls-key FICHIER]]

Le service de nuit : tourne jusqu'à son arrêt (Ctrl-C, SIGTERM) et lance un passage
(comme « c2isurvey run ») selon le calendrier cron donné, à l'heure du fuseau --tz.
Le calendrier a 5 champs (minute heure jour mois jour-de-semaine) ou 6 (secondes en
tête), ou une forme comme @daily. Deux passages ne se chevauchent jamais : un passage
encore en cours à l'heure du suivant fait sauter celui-ci. Les nuits de changement
d'heure, le passage a lieu une fois. À l'arrêt, un passage en cours se termine (au plus
--grace), sinon il s'interrompt entre deux fichiers sans rien laisser à moitié.
Avec --listen, sert aussi le portail web (comptes : « c2isurvey users »).

Options :
`

type serveOptions struct {
	runOptions
	schedule  string
	tz        string
	logFormat string
	grace     time.Duration
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o serveOptions
	fs := newFlagSet("serve", serveUsage, stderr)
	o.runOptions.register(fs)
	fs.StringVar(&o.schedule, "schedule", "30 3 * * *", "calendrier cron des passages")
	fs.StringVar(&o.tz, "tz", "Europe/Paris", "fuseau horaire du calendrier")
	fs.StringVar(&o.logFormat, "log-format", "text", "format du journal : text ou json")
	fs.DurationVar(&o.grace, "grace", 20*time.Second, "à l'arrêt, temps laissé au passage en cours pour finir")
	var po portalOptions
	po.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	loc, err := time.LoadLocation(o.tz)
	if err != nil {
		return usagef("--tz %q : fuseau inconnu (%v)", o.tz, err)
	}
	sched, err := parseSchedule(o.schedule, loc)
	if err != nil {
		return usagef("--schedule : %v", err)
	}
	var h slog.Handler
	switch o.logFormat {
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	default:
		return usagef("--log-format doit valoir text ou json, pas %q", o.logFormat)
	}
	// Options are checked now, not at the first run in the night.
	if _, err := o.ingestOptions(time.Now()); err != nil {
		return err
	}
	pass := func(ctx context.Context) (passResult, error) {
		return runPass(ctx, o.runOptions, io.Discard, io.Discard)
	}
	log := slog.New(h)
	// With --listen, the web portal too (serve_portal.go).
	pass, stopPortal, err := startPortal(ctx, po, o, sched, log, pass)
	if err != nil {
		return err
	}
	defer stopPortal()
	return runServe(ctx, o, sched, log, pass)
}

// runServe runs passes on the schedule until ctx ends, then stops cleanly.
// pass is one run (runPass in production; tests give their own).
func runServe(ctx context.Context, o serveOptions, sched wallClock, log *slog.Logger, pass func(context.Context) (passResult, error)) error {
	// A run's context is not ctx: on a stop signal the run in progress is
	// given o.grace to finish before it is cancelled.
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	var wg sync.WaitGroup
	job := func() {
		wg.Add(1)
		defer wg.Done()
		start := time.Now()
		log.Info("run starting", "data", o.dataDir())
		res, err := safePass(runCtx, pass)
		attrs := []any{"run", res.RunID, "duration", time.Since(start).Round(time.Millisecond),
			"seen", res.Summary.Seen, "accepted", res.Summary.Accepted, "rejected", res.Summary.Rejected,
			"duplicates", res.Summary.Duplicates, "replaced", res.Summary.Replaced, "pending", res.Summary.Pending}
		if err != nil {
			log.Error("run failed", append(attrs, "error", err.Error())...)
			return
		}
		log.Info("run done", append(attrs, "reports", res.Reports)...)
	}
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
	c.Start()
	log.Info("service started", "schedule", o.schedule, "tz", o.tz, "next", sched.Next(time.Now()).Format(time.RFC3339))

	<-ctx.Done()
	log.Info("stopping: no new run will start")
	stopped := c.Stop() // waits for the running job, without cancelling it
	select {
	case <-stopped.Done():
	case <-time.After(o.grace):
		log.Warn("the run in progress did not finish in time: interrupting it between two files", "grace", o.grace)
		cancelRuns()
		<-stopped.Done()
	}
	wg.Wait()
	log.Info("service stopped")
	return nil
}

// safePass runs one pass and turns a panic into an error: the service logs
// it, the store records the run as failed, and the next night comes.
func safePass(ctx context.Context, pass func(context.Context) (passResult, error)) (res passResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return pass(ctx)
}

// cronLogger sends robfig/cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

var _ cron.Logger = cronLogger{}

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
