package nightly

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
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
	sched, err := ParseSchedule("* * * * * *", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var calls, running, overlaps atomic.Int32
	pass := func(ctx context.Context) (Result, error) {
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
		return Result{RunID: int64(n)}, nil
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	s := New(Config{Dir: t.TempDir(), Schedule: sched, Grace: 5 * time.Second, Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	go func() { done <- s.serve(ctx, pass) }()
	deadline := time.Now().Add(15 * time.Second)
	for calls.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	// While serving, the status gives the next time (within the second).
	if next := s.Status().Next; next.IsZero() || next.Before(time.Now().Add(-time.Second)) || next.After(time.Now().Add(2*time.Second)) {
		t.Errorf("next run at %v while serving every second", next)
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
	if next := s.Status().Next; !next.IsZero() {
		t.Errorf("next run at %v once the service stopped", next)
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
