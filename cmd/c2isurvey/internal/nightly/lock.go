package nightly

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/texts"
)

// ErrLocked says another process's run holds the data folder (errors.Is
// matches the error AcquireLock returns then; it matches ErrBusy too).
var ErrLocked = errors.New("un autre passage est en cours sur ce dossier de données")

// LockFileName is the file locked where the folder itself cannot be (see
// lockCandidates); HolderFileName names the process holding the lock, for
// the message a second run prints. Deleting either does not free the lock.
const (
	LockFileName   = "c2isurvey.lock"
	HolderFileName = "c2isurvey.pid"
)

// lockedError is a second run's refusal, in the user's language, naming the
// holder when its note could be read.
type lockedError struct {
	lang, dir, holder string
}

func (e *lockedError) Error() string {
	l := texts.Lang(e.lang)
	if e.holder != "" {
		return l.F("cli.locked.holder", e.dir, e.holder)
	}
	return l.F("cli.locked", e.dir)
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked || target == ErrBusy }

// Lock keeps two runs from working on one data folder at once. It is a
// lock the system releases when the process ends, however it ends, so a
// killed run never leaves a stale lock; and it is held on something that
// cannot be deleted from under a run: the data folder itself on unix, a
// file held open on Windows (which refuses to delete an open file). A lock
// on a file a user can delete is not a lock: the next run creates a new
// file, locks it, and two runs take the same files at once.
type Lock struct {
	fl     *flock.Flock
	holder string // the note naming this process, removed on release
}

// AcquireLock takes the lock of the data folder d; with wait it polls until
// the lock is free or ctx ends, else it fails at once with an error that
// says so in lang (errors.Is(err, ErrLocked)). The commands that change the
// data folder (run, rebuild, registry import) all take it.
func AcquireLock(ctx context.Context, d inbox.Dirs, wait bool, lang string) (*Lock, error) {
	var fl *flock.Flock
	var ok bool
	var err error
	// The first candidate the system can lock is used; a system that cannot
	// lock a folder (some network file systems) says so with an error, not
	// with a lock held by another run.
	for _, fl = range lockCandidates(d.Root) {
		if ok, err = fl.TryLock(); err == nil {
			break
		}
	}
	if err == nil && !ok && wait {
		ok, err = fl.TryLockContext(ctx, 200*time.Millisecond)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("lock %s: %w", fl.Path(), err)
	}
	holder := filepath.Join(d.Root, HolderFileName)
	if !ok {
		b, _ := os.ReadFile(holder)
		return nil, &lockedError{lang: lang, dir: d.Root, holder: strings.TrimSpace(string(b))}
	}
	// Say who holds it. A note that cannot be written (a read-only data
	// folder, refused later by the preflight) only costs the pid in a
	// second run's message.
	os.WriteFile(holder, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	return &Lock{fl: fl, holder: holder}, nil
}

// Release frees the lock. The note goes first, while the lock is still
// held, so that it never names a process that no longer holds it.
func (l *Lock) Release() error {
	os.Remove(l.holder)
	return l.fl.Unlock()
}
