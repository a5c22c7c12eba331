package sheet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOpenRegular: a regular file is opened, its stat the one os.Stat
// gives and its bytes those Load reads (within the same limits, in the
// same words); a link, a folder, a named pipe and a missing file are not
// (and nothing waits on the pipe), for their caller to look at by path.
func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "enquête.xlsx")
	content := bytes.Repeat([]byte("PK\x03\x04 form "), 100)
	if err := os.WriteFile(form, content, 0o640); err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2012, 6, 30, 12, 34, 56, 789_000_000, time.UTC)
	if err := os.Chtimes(form, mod, mod); err != nil {
		t.Fatal(err)
	}
	o, ok := OpenRegular(form)
	if !ok {
		t.Fatal("a regular file is not opened")
	}
	defer o.Close()
	st, err := os.Stat(form)
	if err != nil {
		t.Fatal(err)
	}
	got := o.Info()
	if got.Name() != st.Name() || got.Size() != st.Size() || got.Mode() != st.Mode() || !got.ModTime().Equal(st.ModTime()) || got.IsDir() {
		t.Errorf("Info = %s %d %v %v, os.Stat gives %s %d %v %v", got.Name(), got.Size(), got.Mode(), got.ModTime(), st.Name(), st.Size(), st.Mode(), st.ModTime())
	}
	var r Reader
	data, err := r.LoadOpened(o, form, DefaultLimits())
	if err != nil || !bytes.Equal(data, content) {
		t.Errorf("LoadOpened = %d bytes, %v; want the file's %d", len(data), err, len(content))
	}
	small := DefaultLimits()
	small.MaxFileBytes = 10
	o2, ok := OpenRegular(form)
	if !ok {
		t.Fatal("opened once, not twice")
	}
	_, errOpened := r.LoadOpened(o2, form, small)
	o2.Close()
	o2.Close() // twice: nothing
	_, errLoad := r.Load(form, small)
	var se *Error
	if !errors.As(errOpened, &se) || se.Kind != ErrTooLarge || errLoad == nil || errOpened.Error() != errLoad.Error() {
		t.Errorf("over the limit: LoadOpened %v, Load %v; want the same refusal", errOpened, errLoad)
	}

	link := filepath.Join(dir, "lien.xlsx")
	if err := os.Symlink(form, link); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "tube.xlsx")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{link, dir, pipe, filepath.Join(dir, "absent.xlsx")} {
		done := make(chan bool, 1)
		go func() {
			o, ok := OpenRegular(p)
			if ok {
				o.Close()
			}
			done <- ok
		}()
		select {
		case ok := <-done:
			if ok {
				t.Errorf("%s: opened, want it left to its caller", filepath.Base(p))
			}
		case <-time.After(5 * time.Second):
			if w, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			t.Fatalf("%s: OpenRegular waited", filepath.Base(p))
		}
	}
}
