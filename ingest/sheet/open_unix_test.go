//go:build unix

package sheet

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadSwappedForPipe: a file found regular, then replaced by a named
// pipe before it is opened, is refused at once; opening the pipe to read
// would wait for a writer, and the reading worker with it.
func TestLoadSwappedForPipe(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "enquete.xlsx")
	if err := os.WriteFile(p, []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		var r Reader
		_, err := r.LoadStat(p, st, DefaultLimits())
		done <- err
	}()
	select {
	case err := <-done:
		var se *Error
		if !errors.As(err, &se) || se.Kind != ErrUnreadable {
			t.Errorf("LoadStat = %v, want an unreadable-file error", err)
		}
	case <-time.After(5 * time.Second):
		// Unblock the open so that the test process can end.
		if w, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("LoadStat blocked on a named pipe put in the file's place")
	}
}
