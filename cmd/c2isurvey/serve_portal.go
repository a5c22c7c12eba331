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
	"sync"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/portal"
	"c2isurvey/report/annotate"
)

// portalOptions are serve's flags for the web portal: with --listen, serve
// also serves the portal (docs/portal.md), in the same process as the
// schedule, over the same data folder.
type portalOptions struct {
	listen, tlsCert, tlsKey string
}

func (p *portalOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&p.listen, "listen", "", "adresse du portail web, par exemple 127.0.0.1:8080 (sans : pas de portail)")
	fs.StringVar(&p.tlsCert, "tls-cert", "", "certificat TLS du portail (PEM) ; avec --tls-key, le portail est servi en HTTPS")
	fs.StringVar(&p.tlsKey, "tls-key", "", "clé privée TLS du portail (PEM)")
}

// runGate keeps the portal's « run now » and the schedule's runs from
// overlapping in this process: a scheduled run waits for a run started
// from the portal, and the button is refused while any run goes on. (The
// data folder's lock keeps other processes out.)
type runGate struct {
	mu      sync.Mutex
	stateMu sync.Mutex
	running bool
}

func (g *runGate) set(v bool) {
	g.stateMu.Lock()
	g.running = v
	g.stateMu.Unlock()
}

func (g *runGate) status() portal.RunStatus {
	g.stateMu.Lock()
	defer g.stateMu.Unlock()
	return portal.RunStatus{Running: g.running}
}

var errRunInProgress = errors.New("un passage est déjà en cours")

// startPortal starts the portal when --listen was given. It returns the
// pass the schedule must use (gated with the portal's) and a function that
// stops the portal; without --listen, pass itself and a no-op.
func startPortal(ctx context.Context, p portalOptions, o serveOptions, sched wallClock, log *slog.Logger,
	pass func(context.Context) (passResult, error)) (func(context.Context) (passResult, error), func(), error) {
	if p.listen == "" {
		if p.tlsCert != "" || p.tlsKey != "" {
			return nil, nil, usagef("--tls-cert et --tls-key ne servent qu'avec --listen")
		}
		return pass, func() {}, nil
	}
	if (p.tlsCert == "") != (p.tlsKey == "") {
		return nil, nil, usagef("--tls-cert et --tls-key vont ensemble")
	}
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return nil, nil, err
	}
	if p.tlsCert != "" {
		// Checked now, not at the first connection.
		if _, err := tls.LoadX509KeyPair(p.tlsCert, p.tlsKey); err != nil {
			return nil, nil, fmt.Errorf("portail : certificat TLS : %w", err)
		}
	}
	gate := &runGate{}
	scheduled := func(ctx context.Context) (passResult, error) {
		gate.mu.Lock()
		defer gate.mu.Unlock()
		gate.set(true)
		defer gate.set(false)
		return pass(ctx)
	}
	runNow := func(ctx context.Context) error {
		if !gate.mu.TryLock() {
			return errRunInProgress
		}
		defer gate.mu.Unlock()
		gate.set(true)
		defer gate.set(false)
		start := time.Now()
		log.Info("run starting (portal)", "data", o.dataDir())
		res, err := safePass(ctx, pass)
		if err != nil {
			log.Error("run failed (portal)", "run", res.RunID, "error", err.Error())
			return err
		}
		log.Info("run done (portal)", "run", res.RunID, "duration", time.Since(start).Round(time.Millisecond), "reports", res.Reports)
		return nil
	}
	srv := portal.New(portal.Config{
		Data: o.dataDir(), Opts: opts, Settle: o.settle, Location: sched.loc, NextRun: sched.Next,
		RunNow: runNow, Status: gate.status, Annotate: annotate.Write,
		Secure: p.tlsCert != "", Log: log,
	})
	if err := srv.Open(ctx); err != nil {
		return nil, nil, err
	}
	ln, err := net.Listen("tcp", p.listen)
	if err != nil {
		srv.Close()
		return nil, nil, fmt.Errorf("portail : impossible d'écouter sur %s : %w", p.listen, err)
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
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
		srv.Close()
		log.Info("portal stopped")
	}
	return scheduled, stop, nil
}
