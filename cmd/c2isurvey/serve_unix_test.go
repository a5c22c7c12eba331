//go:build !windows

package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

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
	lines := jsonLines(stderr)
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

// jsonLines sends each JSON line read from r (a service's log).
func jsonLines(r io.Reader) <-chan map[string]any {
	lines := make(chan map[string]any, 100)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				lines <- m
			}
		}
		close(lines)
	}()
	return lines
}

// waitLog waits for a log line of message msg.
func waitLog(t *testing.T, lines <-chan map[string]any, msg string, within time.Duration) {
	t.Helper()
	timeout := time.After(within)
	for {
		select {
		case m, ok := <-lines:
			if !ok {
				t.Fatalf("the log ended before %q", msg)
			}
			if m["msg"] == msg {
				return
			}
		case <-timeout:
			t.Fatalf("no %q in %v", msg, within)
		}
	}
}

// TestServeSecondSignal: a first SIGTERM asks the service to stop cleanly,
// and it waits (up to --grace, here a minute) for the run in progress, a
// run waiting for another's lock; a second SIGTERM ends it at once, as a
// user pressing Ctrl-C twice expects.
func TestServeSecondSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real service: skipped with -short")
	}
	bin := buildBinary(t)
	data := t.TempDir()
	startLockHolder(t, data)
	cmd := exec.Command(bin, "serve", "--data", data, "--schedule", "* * * * * *", "--tz", "UTC",
		"--log-format", "json", "--wait", "--grace", "1m")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := jsonLines(stderr)
	waitLog(t, lines, "run starting", 10*time.Second)
	exited := make(chan error, 1)
	go func() {
		for range lines {
		}
		exited <- cmd.Wait()
	}()

	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		t.Fatalf("the service ended on the first signal (%v), with a run in progress and a minute of grace", err)
	case <-time.After(time.Second):
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
			t.Errorf("after a second SIGTERM: %v, want ended by the signal", cmd.ProcessState)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the service still runs 5 s after a second SIGTERM")
	}
}
