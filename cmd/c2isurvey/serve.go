package main

import (
	"context"
	"io"
	"log/slog"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/report"
)

const serveUsage = `Utilisation : c2isurvey serve [--data DOSSIER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]

Le service de nuit : tourne jusqu'à son arrêt (Ctrl-C, SIGTERM) et lance un passage
(comme « c2isurvey run ») selon le calendrier cron donné, à l'heure du fuseau --tz.
Le calendrier a 5 champs (minute heure jour mois jour-de-semaine) ou 6 (secondes en
tête), ou une forme comme @daily. Deux passages ne se chevauchent jamais : un passage
encore en cours à l'heure du suivant fait sauter celui-ci. Les nuits de changement
d'heure, le passage a lieu une fois. À l'arrêt, un passage en cours se termine (au plus
--grace), sinon il s'interrompt entre deux fichiers sans rien laisser à moitié.

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
	sched, err := nightly.ParseSchedule(o.schedule, loc)
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
	cfg, err := o.runConfig(time.Now())
	if err != nil {
		return err
	}
	cfg.Schedule, cfg.Grace, cfg.Log = sched, o.grace, slog.New(h)
	cfg.Report = func(in *report.Input) error {
		in.Revisions = loadRevisions(cfg.Dir, in.Tables, cfg.Options.Tracks, cfg.Options.Lang, stderr)
		return nil
	}
	return runServe(ctx, cfg)
}

// runServe runs the nightly service on its schedule until ctx ends, then
// stops cleanly.
func runServe(ctx context.Context, cfg nightly.Config) error {
	svc := nightly.New(cfg)
	// A data folder that cannot be used now may be by tonight (a disk
	// remounted, a store rebuilt): the service starts all the same, and
	// each run says what stops it.
	if err := svc.Open(ctx); err != nil {
		cfg.Log.Error("data folder not usable now", "data", cfg.Dir, "error", err.Error())
	}
	defer svc.Close()
	return svc.Serve(ctx)
}
