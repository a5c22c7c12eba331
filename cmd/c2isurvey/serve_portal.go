package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/editions"
	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/cmd/c2isurvey/internal/portal"
	"c2isurvey/ingest"
	"c2isurvey/report/annotate"
)

// portalOptions are serve's flags for the web portal: with --listen, serve
// also serves the portal (docs/portal.md), in the same process as the
// schedule, over the same data folder.
type portalOptions struct {
	listen, tlsCert, tlsKey string
}

func (p *portalOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&p.listen, "listen", "", "cli.flag.listen")
	fs.StringVar(&p.tlsCert, "tls-cert", "", "cli.flag.tls-cert")
	fs.StringVar(&p.tlsKey, "tls-key", "", "cli.flag.tls-key")
}

// check refuses TLS flags without --listen, or one without the other,
// and a certificate that cannot be loaded: said now, not at the first
// connection.
func (p portalOptions) check() error {
	if p.listen == "" && (p.tlsCert != "" || p.tlsKey != "") {
		return usagef("cli.usage-error.tls-without-listen")
	}
	if (p.tlsCert == "") != (p.tlsKey == "") {
		return usagef("cli.usage-error.tls-pair")
	}
	if p.tlsCert != "" {
		if _, err := tls.LoadX509KeyPair(p.tlsCert, p.tlsKey); err != nil {
			return fmt.Errorf("portail : certificat TLS : %w", err)
		}
	}
	return nil
}

// startPortal starts the portal when --listen was given, over the nightly
// service svc (its « run now » button is svc.RunNow, which never overlaps
// a scheduled run), and returns the function that stops it.
func startPortal(ctx context.Context, p portalOptions, svc *nightly.Service, cfg nightly.Config) (func(), error) {
	if p.listen == "" {
		return func() {}, nil
	}
	log := cfg.Log
	srv := portal.New(portal.Config{
		Data: cfg.Dir, Opts: cfg.Options, Settle: cfg.Settle, Location: cfg.Schedule.Location(), NextRun: cfg.Schedule.Next,
		// RunNow returns once the run is started; Status follows it.
		RunNow: func(context.Context) error { return svc.RunNow() },
		Status: func() portal.RunStatus {
			st := svc.Status()
			return portal.RunStatus{Running: st.Running, Phase: string(st.Phase), Done: st.Done, Total: st.Total}
		},
		// The publish command's edition, from the portal's button.
		Publish: func(ctx context.Context, year int, lang string) (string, error) {
			// Refusals in the portal's language, the documents in the
			// runs'; the portal records the audit entry itself, with the
			// account and its address.
			res, err := editions.Publish(ctx, cfg, year, editions.Options{Lang: lang})
			return res.Dir, err
		},
		Annotate: annotate.Write,
		// The registry import command's import, from the registry page.
		ImportRegistry: portalImportRegistry(cfg.Dir, cfg.Options),
		SettingsFile:   cfg.SettingsFile,
		Secure:         p.tlsCert != "", Log: log,
	})
	if err := srv.Open(ctx); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", p.listen)
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("portail : impossible d'écouter sur %s : %w", p.listen, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // an upload of 128 MiB on a slow line
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	go func() {
		var err error
		if p.tlsCert != "" {
			err = hs.ServeTLS(ln, p.tlsCert, p.tlsKey)
		} else {
			err = hs.Serve(ln)
		}
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("portal stopped", "error", err.Error())
		}
	}()
	scheme := "http"
	if p.tlsCert != "" {
		scheme = "https"
	}
	log.Info("portal started", "url", scheme+"://"+ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
		srv.Close()
		log.Info("portal stopped")
	}, nil
}

// portalImportRegistry is the portal's registry import: importRegistry,
// as the registry import command, in the page's language; a run holding
// the data folder is portal.ErrBusy.
func portalImportRegistry(dir string, opts ingest.Options) func(ctx context.Context, name string, data []byte, lang string) (portal.RegistryImport, error) {
	return func(ctx context.Context, name string, data []byte, lang string) (portal.RegistryImport, error) {
		o := opts
		o.Lang = lang
		imp, err := importRegistry(ctx, dir, name, data, o, time.Now(), nil)
		if errors.Is(err, nightly.ErrLocked) {
			err = portal.ErrBusy
		}
		return portal.RegistryImport{Refusals: imp.Result.Refusals, Warnings: imp.Result.Warnings, Entries: imp.Entries}, err
	}
}
