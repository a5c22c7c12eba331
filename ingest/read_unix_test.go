//go:build !windows

package ingest

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadFileNamedPipe: a named pipe given as a survey is refused at once,
// not opened (opening a pipe with no writer blocks forever).
func TestReadFileNamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "enquete.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan FileResult)
	go func() { done <- ReadFile(p, Options{MaxYear: 2030}) }()
	select {
	case r := <-done:
		if !r.Refused() || r.Refusals[0].Kind != KindCannotOpen {
			t.Errorf("refusals = %+v, want one %s", r.Refusals, KindCannotOpen)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile blocked on a named pipe")
	}
}
