package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/inbox"
)

// lockHolderEnv makes the test binary a lock holder instead of running the
// tests (see TestMain): a real second process, as a run is.
const lockHolderEnv = "C2I_TEST_HOLD_LOCK"

func TestMain(m *testing.M) {
	if dir := os.Getenv(lockHolderEnv); dir != "" {
		os.Exit(holdLock(dir))
	}
	os.Exit(m.Run())
}

// holdLock takes the run lock of the data folder dir, says "locked PID" on
// stdout, and holds it until stdin closes.
func holdLock(dir string) int {
	lock, err := nightly.AcquireLock(context.Background(), inbox.Layout(dir), false, "fr")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("locked %d\n", os.Getpid())
	io.Copy(io.Discard, os.Stdin)
	if err := lock.Release(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// startLockHolder starts a process holding the lock of data; closing the
// returned writer makes it release the lock and exit.
func startLockHolder(t *testing.T, data string) (pid int, release func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockHolderEnv+"="+data)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "locked ") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("lock holder: %q, %v", line, err)
	}
	released := false
	release = func() {
		if released {
			return
		}
		released = true
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("lock holder: %v", err)
		}
	}
	t.Cleanup(release)
	return cmd.Process.Pid, release
}

// TestLockCannotBeStolen: while another process holds the data folder, a
// run is refused (exit 3, naming the holder), and still refused once every
// file of the lock's making is deleted, as a user cleaning up a "stale
// lock" would: nothing is taken. Once the holder is done, a run works.
func TestLockCannotBeStolen(t *testing.T) {
	data := t.TempDir()
	drop(t, data, sampleFiles(t, "2010-2011")[:3]...)
	pid, release := startLockHolder(t, data)

	code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s")
	if code != exitLocked || !strings.Contains(stderr, "un autre passage est en cours") ||
		!strings.Contains(stderr, "processus "+strconv.Itoa(pid)) || !strings.Contains(stderr, "--wait") {
		t.Errorf("run while locked: exit %d, stderr %q", code, stderr)
	}

	for _, name := range []string{nightly.LockFileName, nightly.HolderFileName} {
		err := os.Remove(filepath.Join(data, name))
		switch {
		case runtime.GOOS == "windows" && name == nightly.LockFileName:
			// The lock is this file, held open: Windows must refuse.
			if err == nil {
				t.Errorf("the held lock file %s could be deleted", name)
			}
		case err != nil && !errors.Is(err, os.ErrNotExist):
			t.Errorf("delete %s: %v", name, err)
		}
	}
	code, _, stderr = runCmd(t, "run", "--data", data, "--settle", "0s", "--lang", "en")
	if code != exitLocked || !strings.Contains(stderr, "another run is working on the data folder "+data) {
		t.Errorf("run after the lock files were deleted: exit %d, stderr %q", code, stderr)
	}
	if _, err := nightly.AcquireLock(context.Background(), inbox.Layout(data), false, "fr"); !errors.Is(err, nightly.ErrLocked) {
		t.Errorf("acquire after the lock files were deleted: %v, want errLocked", err)
	}
	if left, _ := os.ReadDir(filepath.Join(data, "inbox")); len(left) != 3 {
		t.Errorf("%d files in the inbox, want the 3 dropped: a run worked under another's lock", len(left))
	}

	release()
	if code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s"); code != exitOK {
		t.Fatalf("run once the holder is done: exit %d: %s", code, stderr)
	}
	if left, _ := os.ReadDir(filepath.Join(data, "inbox")); len(left) != 0 {
		t.Errorf("%d files left in the inbox", len(left))
	}
}

// TestLockWaitEndsWithContext: run --wait waits for the holder, and gives
// up when it is told to stop (a signal) rather than waiting forever.
func TestLockWaitEndsWithContext(t *testing.T) {
	data := t.TempDir()
	startLockHolder(t, data)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := nightly.AcquireLock(ctx, inbox.Layout(data), true, "fr")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("acquire --wait under a holder: %v, want the context's end", err)
	}
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Errorf("gave up after %v, before the context ended", took)
	}
}
