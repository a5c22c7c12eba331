package nightly

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/texts"
)

// spaceMargin is the free space a run needs beyond the copies of the files
// it takes: the store's growth and its WAL, the reports of the run, the
// .txt of reasons. The reports of a whole survey weigh a few megabytes.
const spaceMargin = 64 << 20

// preflightChecks are the questions the preflight asks the system. Tests
// give their own to make one fail where the system would not (as root, a
// folder's permissions do not bite).
type preflightChecks struct {
	// writable says whether files can be created in dir and removed from it.
	writable func(dir string) error
	// freeBytes is the space free on dir's disk for this user; an error
	// means the system gives no figure, and the check is passed over.
	freeBytes func(dir string) (uint64, error)
}

// systemChecks are the checks of a real run.
func systemChecks() preflightChecks {
	return preflightChecks{writable: probeWritable, freeBytes: freeBytes}
}

// preflight checks, before the store is opened and anything is taken, that
// the run can do what it will really do, so that a run that cannot finish
// does not start: the store and the inbox stay as they are. What a run
// does, and so what is checked:
//   - it removes each file it takes from the inbox or the inbox subfolder
//     holding it: each such folder must let files be removed (and, on unix,
//     a folder with the sticky bit lets only the owners remove them);
//   - it writes copies into archive/ and rejected/, the reports into
//     reports/, the store and its WAL into the data folder: each must be
//     writable, and the store's files modifiable;
//   - the copies of every settled file of the inbox, subfolders included,
//     plus spaceMargin, must fit on the disks of archive/ and rejected/.
//
// A folder is probed by creating and removing a file in it: permissions,
// ACLs, read-only mounts and immutable flags all answer the same way. The
// files still being written (pending) count too, for their folders: one may
// settle between this listing and the pass's own.
func preflight(d inbox.Dirs, settle time.Duration, now time.Time, lang string, c preflightChecks) error {
	l, err := inbox.List(d, settle, now)
	if err != nil {
		return preflightError(lang, []string{texts.Lang(lang).F("cli.preflight.inbox-unreadable", d.Inbox, reason(err))})
	}
	var problems []string
	removeFrom := map[string]bool{d.Inbox: true}
	var copies uint64
	for i, name := range slices.Concat(l.Ready, l.Pending) {
		p := filepath.Join(d.Inbox, filepath.FromSlash(name))
		removeFrom[filepath.Dir(p)] = true
		info, err := os.Stat(p)
		if err != nil {
			continue // gone since listed: nothing to take
		}
		if i >= len(l.Ready) {
			continue // not taken by this run
		}
		copies += uint64(info.Size())
		if err := removable(filepath.Dir(p), info); err != nil {
			problems = append(problems, texts.Lang(lang).F("cli.preflight.not-removable", p, reason(err)))
		}
	}
	for _, dir := range []string{d.Root, d.Archive, d.Rejected, d.Reports} {
		if err := c.writable(dir); err != nil {
			problems = append(problems, texts.Lang(lang).F("cli.preflight.not-writable", dir, reason(err)))
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(removeFrom)) {
		if err := c.writable(dir); err != nil {
			problems = append(problems, texts.Lang(lang).F("cli.preflight.folder-not-removable", dir, reason(err)))
		}
	}
	// The store's files, if they exist: opened for writing, not written.
	for _, f := range []string{d.Store, d.Store + "-wal", d.Store + "-shm"} {
		w, err := os.OpenFile(f, os.O_WRONLY, 0)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			problems = append(problems, texts.Lang(lang).F("cli.preflight.not-modifiable", f, reason(err)))
			continue
		}
		w.Close()
	}
	if len(problems) > 0 {
		return preflightError(lang, problems)
	}

	for _, s := range []struct {
		dir  string
		need uint64
	}{
		{d.Archive, copies + spaceMargin},
		{d.Rejected, copies + spaceMargin},
		{d.Root, spaceMargin},
		{d.Reports, spaceMargin},
	} {
		free, err := c.freeBytes(s.dir)
		if err != nil || free >= s.need {
			continue // no figure to check against: go on
		}
		return errors.New(texts.Lang(lang).F("cli.preflight.no-space",
			s.dir, texts.Count(free>>20), texts.Count(s.need>>20), texts.Count(len(l.Ready)), texts.Count(copies>>20), texts.Count(spaceMargin>>20)))
	}
	return nil
}

// preflightError says what stops the run, that nothing was taken, and what
// to do. At most a few problems are spelt out: they usually share a cause.
func preflightError(lng string, problems []string) error {
	const most = 5
	more := ""
	if n := len(problems) - most; n > 0 {
		problems = problems[:most]
		more = texts.Lang(lng).F("cli.preflight.more", texts.Count(n))
	}
	lang := texts.Lang(lng)
	return fmt.Errorf(lang.T("cli.preflight.refused"), strings.Join(problems, lang.T("cli.preflight.separator")), more)
}

// reason is the system's word for a failure, without the path the message
// already names.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// probeName is the file a probe creates; a probe left by a killed run is
// removed by the next (the name is fixed, and the lock is held). It is
// hidden, so an inbox scan passes over it.
const probeName = ".c2i-probe"

// probeWritable creates and removes a file in dir: what a run does there.
func probeWritable(dir string) error {
	p := filepath.Join(dir, probeName)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return err
	}
	return os.Remove(p)
}
