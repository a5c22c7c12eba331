package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
)

type serveOptions struct {
	runOptions
	schedule  string
	tz        string
	logFormat string
	grace     time.Duration
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o serveOptions
	fs := newFlagSet("serve", "cli.help.serve", args, stderr)
	o.runOptions.register(fs)
	fs.StringVar(&o.schedule, "schedule", "30 3 * * *", "cli.flag.schedule")
	fs.StringVar(&o.tz, "tz", "Europe/Paris", "cli.flag.tz")
	fs.StringVar(&o.logFormat, "log-format", "text", "cli.flag.log-format")
	fs.DurationVar(&o.grace, "grace", 20*time.Second, "cli.flag.grace")
	var po portalOptions
	po.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	loc, err := time.LoadLocation(o.tz)
	if err != nil {
		return usagef("cli.usage-error.tz", o.tz, err)
	}
	sched, err := nightly.ParseSchedule(o.schedule, loc)
	var se *nightly.ScheduleError
	switch {
	case errors.As(err, &se) && se.Zone:
		return usagef("cli.usage-error.schedule-tz", se.Spec)
	case errors.As(err, &se):
		return usagef("cli.usage-error.schedule", se.Spec, se.Err)
	case err != nil:
		return err
	}
	var h slog.Handler
	switch o.logFormat {
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	default:
		return usagef("cli.usage-error.log-format", o.logFormat)
	}
	// Options are checked now, not at the first run in the night.
	cfg, err := o.runConfig(time.Now())
	if err != nil {
		return err
	}
	cfg.Schedule, cfg.Grace, cfg.Log = sched, o.grace, slog.New(h)
	setReportHook(&cfg, stderr)
	if err := po.check(); err != nil {
		return err
	}
	return runServe(ctx, cfg, po)
}

// runServe runs the nightly service on its schedule until ctx ends, then
// stops cleanly.
func runServe(ctx context.Context, cfg nightly.Config, po portalOptions) error {
	svc := nightly.New(cfg)
	// A data folder that cannot be used now may be by tonight (a disk
	// remounted, a store rebuilt): the service starts all the same, and
	// each run says what stops it.
	if err := svc.Open(ctx); err != nil {
		cfg.Log.Error("data folder not usable now", "data", cfg.Dir, "error", err.Error())
	}
	defer svc.Close()
	// With --listen, the web portal too, on the same service (serve_portal.go).
	stopPortal, err := startPortal(ctx, po, svc, cfg)
	if err != nil {
		return err
	}
	defer stopPortal()
	return svc.Serve(ctx)
}
