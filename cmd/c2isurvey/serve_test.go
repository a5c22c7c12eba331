package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestServeRecoversAndNeverOverlaps runs the service loop every second with
// a pass that panics once and is slow (2.5 s) once: the service logs the
// panic and goes on, a slow pass makes the next times skip rather than
// overlap, and a stop waits for the pass in progress.
func TestServeRecoversAndNeverOverlaps(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for real schedule times: skipped with -short")
	}
	sched, err := parseSchedule("* * * * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var calls, running, overlaps atomic.Int32
	pass := func(ctx context.Context) (passResult, error) {
		n := calls.Add(1)
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		switch n {
		case 1:
			panic("boom")
		case 2:
			time.Sleep(2500 * time.Millisecond)
		}
		return passResult{RunID: int64(n)}, nil
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	o := serveOptions{schedule: "* * * * * *", tz: "UTC", grace: 5 * time.Second}
	go func() { done <- runServe(ctx, o, sched, slog.New(slog.NewJSONHandler(&logs, nil)), pass) }()
	deadline := time.Now().Add(15 * time.Second)
	for calls.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if calls.Load() < 4 {
		t.Errorf("%d passes in 15 s on a one-second schedule", calls.Load())
	}
	if overlaps.Load() != 0 {
		t.Errorf("%d passes overlapped", overlaps.Load())
	}
	out := logs.String()
	for _, w := range []string{`"msg":"run failed"`, `panic: boom`, `"msg":"service stopped"`, `"msg":"run done"`} {
		if !strings.Contains(out, w) {
			t.Errorf("log lacks %s:\n%s", w, out)
		}
	}
}

// TestServeProcess starts the real service on a data folder with a
// per-second schedule, drops files, waits for a run to publish them, and
// stops it with SIGTERM: it must exit 0 within seconds.
func TestServeProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real service: skipped with -short")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2011-2012")...)
	cmd := exec.Command(bin, "serve", "--data", data, "--schedule", "*/2 * * * * *", "--tz", "Europe/Paris",
		"--log-format", "json", "--settle", "0s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan map[string]any, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				lines <- m
			}
		}
		close(lines)
	}()
	var runLog map[string]any
	timeout := time.After(20 * time.Second)
wait:
	for {
		select {
		case m := <-lines:
			if m["msg"] == "run done" {
				runLog = m
				break wait
			}
			if m["msg"] == "run failed" {
				t.Fatalf("run failed: %v", m)
			}
		case <-timeout:
			t.Fatal("no run in 20 s on a 2-second schedule")
		}
	}
	if runLog["accepted"] != float64(44) {
		t.Errorf("first run: %v", runLog)
	}
	if _, err := os.Stat(filepath.Join(data, "reports", "latest", "national.csv")); err != nil {
		t.Errorf("no report published: %v", err)
	}
	stopAt := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM", err)
		}
		if took := time.Since(stopAt); took > 5*time.Second {
			t.Errorf("serve took %v to stop", took)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not exit after SIGTERM")
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
