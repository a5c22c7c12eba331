package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// errLocked says another run holds the data folder.
var errLocked = errors.New("un autre passage est en cours sur ce dossier de données")

// runLock keeps two runs from working on one data folder at once. It is an
// flock on a file in the folder: the kernel releases it when the process
// ends, however it ends, so a killed run never leaves a stale lock.
type runLock struct{ f *os.File }

// acquireLock takes the lock; with wait it polls until the lock is free or
// ctx ends, else it fails at once with errLocked (naming the holder's pid).
func acquireLock(ctx context.Context, path string, wait bool) (*runLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !wait {
			holder, _ := os.ReadFile(path)
			f.Close()
			if pid := strings.TrimSpace(string(holder)); pid != "" {
				return nil, fmt.Errorf("%w (processus %s)", errLocked, pid)
			}
			return nil, errLocked
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	// Say who holds it, for the message a second run prints.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &runLock{f: f}, nil
}

// Release frees the lock.
func (l *runLock) Release() error {
	l.f.Truncate(0)
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}
