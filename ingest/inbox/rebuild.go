package inbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

// ErrStoreSound is returned by Rebuild, without force, when the store is
// sound and holds files: a run can use it, and rebuilding would only
// replace it.
var ErrStoreSound = errors.New("the store is sound")

// ErrNoManifest is returned by Rebuild when the data folder has no
// manifest to rebuild from.
var ErrNoManifest = errors.New("no manifest")

// CopiesError lists the kept originals a rebuild cannot use: missing, or
// holding other bytes than the manifest's hash. Nothing is replaced: a
// store without those files would count less than was received.
type CopiesError struct {
	Missing, Altered []string // paths relative to the data folder
}

func (e *CopiesError) Error() string {
	return fmt.Sprintf("%d kept original(s) missing, %d altered: %s", len(e.Missing), len(e.Altered),
		strings.Join(append(slices.Clone(e.Missing), e.Altered...), ", "))
}

// RebuildSummary says what a rebuild did.
type RebuildSummary struct {
	Files, Accepted, Rejected, Duplicates int
	// Unreadable counts manifest lines skipped (writes cut by a crash).
	Unreadable int
	// Unlisted are kept originals no manifest line names, relative to the
	// data folder: copies made by a pass killed before its line (their
	// originals were still in the inbox), or files put there by hand. They
	// are not on record.
	Unlisted []string
	// FateChanged names the files whose fate differs from the one the
	// manifest records: read again with other reading rules or tracks.
	FateChanged []string
	// SetAside is where the store replaced was moved ("" if there was none).
	SetAside string
	// Accounts counts the portal's accounts, audit entries and uploads
	// carried over from the store replaced; AccountsError says why they
	// could not be (they stay in the store set aside). Not an error of the
	// rebuild: the survey's records are whole either way.
	Accounts      store.Carried
	AccountsError error
}

// Rebuild recreates the store from the manifest and the kept originals:
// each file of the manifest, in the order of receipt (ids), is read again
// from its kept copy with the reading options of its run (language, last
// plausible year; tracks from opts), checked against its hash, given the
// name, time and run of its line, and recorded under its id. The store so
// made holds what the lost one held, record for record (the runs are
// restored from the files, with their counts), so that reports drawn from
// it are the same bytes. It is written beside the store and moved in place
// only when whole; the store it replaces is set aside, not deleted.
//
// A sound store with files is replaced only with force. The caller holds
// the run lock.
func Rebuild(ctx context.Context, d Dirs, opts ingest.Options, force bool, now time.Time) (sum RebuildSummary, err error) {
	h, err := store.Inspect(ctx, d.Store)
	if err != nil {
		return sum, err
	}
	if !force && h.Sound() && h.Files > 0 {
		var se *StoreError
		if err := CheckStore(ctx, d); err == nil {
			return sum, ErrStoreSound
		} else if !errors.As(err, &se) {
			return sum, err
		}
	}
	m, exists, err := ReadManifest(d.Manifest)
	if err != nil {
		return sum, err
	}
	if !exists {
		return sum, ErrNoManifest
	}
	sum.Unreadable = m.Unreadable

	tmp := filepath.Join(d.Root, atomicfile.TempPrefix+"rebuild.db")
	if err := removeDB(tmp); err != nil {
		return sum, err
	}
	st, err := store.Open(tmp)
	if err != nil {
		return sum, err
	}
	defer func() {
		if st != nil {
			st.Close()
		}
		if err != nil {
			removeDB(tmp)
		}
	}()

	type span struct{ first, last time.Time }
	runs := map[int64]*span{}
	var copies CopiesError
	opts = opts.Prepared() // built once for all the files
	for _, e := range m.Entries {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("rebuild stopped: %w", err)
		}
		rel := e.storedAs()
		path := filepath.Join(d.Root, filepath.FromSlash(rel))
		o := opts
		if e.Lang != "" {
			o.Lang = e.Lang
		}
		if e.MaxYear != 0 {
			o.MaxYear = e.MaxYear
		}
		res := ingest.ReadFile(path, o)
		if res.Hash == "" {
			res.Hash, err = ingest.HashFile(path)
			if err != nil {
				copies.Missing = append(copies.Missing, rel)
				continue
			}
		}
		if res.Hash != e.SHA256 {
			copies.Altered = append(copies.Altered, rel)
			continue
		}
		relabel(&res, path, e.name())
		res.ModTime = e.ModTime
		if e.Run > 0 {
			r, ok := runs[e.Run]
			if !ok {
				r = &span{first: e.ReceivedAt}
				runs[e.Run] = r
				err := st.RestoreRun(ctx, store.Run{ID: e.Run, Started: e.ReceivedAt, Ended: e.ReceivedAt, Outcome: store.OutcomeOK})
				if err != nil {
					return sum, err
				}
			}
			r.last = e.ReceivedAt
		}
		rec, err := st.RecordFileAs(ctx, e.ID, e.Run, res, rel, e.ReceivedAt)
		if err != nil {
			return sum, err
		}
		sum.Files++
		switch rec.Status {
		case store.StatusAccepted:
			sum.Accepted++
		case store.StatusRejected:
			sum.Rejected++
		case store.StatusDuplicate:
			sum.Duplicates++
		}
		if e.Fate != "" && e.Fate != rec.Status {
			sum.FateChanged = append(sum.FateChanged, e.name())
		}
		// The last group of files taken may have been stopped before its
		// record, originals still in the inbox: left unplaced, the next
		// pass removes them (Recover) rather than take them a second
		// time. That group is of the last run, its ids the last.
		if e.Run == m.Entries[len(m.Entries)-1].Run && inFlight(d, e) {
			continue
		}
		if err := st.MarkPlaced(ctx, rec.ID); err != nil {
			return sum, err
		}
	}
	if len(copies.Missing)+len(copies.Altered) > 0 {
		return sum, &copies
	}

	// The runs, with what their files became; and the runs whose reports
	// were published but that took no file, so that the next run takes a
	// number after every reports/run-NNNNNN.
	message := texts.Lang(opts.Lang).T("inbox.rebuild.message")
	for id, r := range runs {
		run, err := st.RunCounts(ctx, id)
		if err != nil {
			return sum, err
		}
		run.Started, run.Ended, run.Outcome, run.Message = r.first, r.last, store.OutcomeOK, message
		if err := st.RestoreRun(ctx, run); err != nil {
			return sum, err
		}
	}
	published, err := publishedRuns(d.Reports)
	if err != nil {
		return sum, err
	}
	for id, at := range published {
		if _, ok := runs[id]; ok {
			continue
		}
		if err := st.RestoreRun(ctx, store.Run{ID: id, Started: at, Ended: at, Outcome: store.OutcomeOK, Message: message}); err != nil {
			return sum, err
		}
	}
	if sum.Unlisted, err = unlisted(d, m); err != nil {
		return sum, err
	}

	// The manifest lists survey files only: the portal's accounts, audit
	// log and uploads come from the old store, when it can be read.
	sum.Accounts, sum.AccountsError = st.CarryAccounts(ctx, d.Store)

	// Whole: move it in place, the old store (and its log) set aside.
	if err := st.Checkpoint(ctx); err != nil {
		return sum, err
	}
	cerr := st.Close()
	st = nil
	if cerr != nil {
		return sum, fmt.Errorf("close the rebuilt store: %w", cerr)
	}
	if info, err := os.Stat(tmp + "-wal"); err == nil && info.Size() > 0 {
		return sum, fmt.Errorf("the rebuilt store %s kept a write-ahead log", tmp)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(tmp + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return sum, fmt.Errorf("rebuild: %w", err)
		}
	}
	if sum.SetAside, err = setAside(d.Store, now); err != nil {
		return sum, err
	}
	if err := os.Rename(tmp, d.Store); err != nil {
		return sum, fmt.Errorf("put the rebuilt store in place: %w", err)
	}
	if err := atomicfile.SyncDir(d.Root); err != nil {
		return sum, fmt.Errorf("put the rebuilt store in place: %w", err)
	}
	return sum, nil
}

// removeDB removes an SQLite file and its write-ahead log and index.
func removeDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", p, err)
		}
	}
	return nil
}

// setAside moves the store at path, with its write-ahead log (which
// belongs to it: SQLite pairs path-wal with path), to
// path.before-rebuild-<time>, and returns that name ("" if there was no
// store). Its shared-memory index is only a cache and is removed.
func setAside(path string, now time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Lstat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
			if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("remove the old store's index: %w", err)
			}
			return "", nil
		}
	}
	aside := path + ".before-rebuild-" + now.UTC().Format("20060102T150405Z")
	for _, suffix := range []string{"", "-wal"} {
		if err := os.Rename(path+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("set the old store aside: %w", err)
		}
	}
	if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("set the old store aside: %w", err)
	}
	return aside, nil
}

var runFolder = regexp.MustCompile(`^run-(\d{6,})$`)

// publishedRuns lists the runs whose reports are in reports/, with the
// time of their folder.
func publishedRuns(reports string) (map[int64]time.Time, error) {
	des, err := os.ReadDir(reports)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", reports, err)
	}
	out := map[int64]time.Time{}
	for _, de := range des {
		sub := runFolder.FindStringSubmatch(de.Name())
		if sub == nil || !de.IsDir() {
			continue
		}
		id, err := strconv.ParseInt(sub[1], 10, 64)
		if err != nil {
			continue
		}
		var at time.Time
		if info, err := de.Info(); err == nil {
			at = info.ModTime()
		}
		out[id] = at
	}
	return out, nil
}

// unlisted lists the kept originals no manifest entry names.
func unlisted(d Dirs, m Manifest) ([]string, error) {
	named := map[string]bool{}
	for _, e := range m.Entries {
		named[e.storedAs()] = true
	}
	var out []string
	for _, sub := range []string{"archive", "rejected"} {
		des, err := os.ReadDir(filepath.Join(d.Root, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", sub, err)
		}
		for _, de := range des {
			rel := sub + "/" + de.Name()
			if de.IsDir() || atomicfile.IsTemp(de.Name()) || named[rel] ||
				(sub == "rejected" && strings.HasSuffix(rel, ".txt") && named[strings.TrimSuffix(rel, ".txt")]) {
				continue
			}
			out = append(out, rel)
		}
	}
	return out, nil
}
