// Package inbox is the ingest pass of the nightly service: it takes the
// files dropped in the data folder's inbox/, reads them, keeps each original
// in archive/ (accepted) or rejected/ (refused, with the reasons in a .txt
// beside it), logs it in the manifest, puts it on record in the store, and
// removes it from the inbox. It neither aggregates nor writes reports: the
// caller does, from the store.
//
// # The archive is the truth, the store its index
//
// The kept originals and the manifest (manifest.jsonl, one line per file
// taken, append-only) say everything the store holds: which bytes were
// received, under which name, in which order, in which run. The store can
// be lost or damaged; CheckStore refuses to go on with it, and Rebuild
// recreates it from the manifest and the kept originals, record for record.
// See manifest.go for why a line written for a file never recorded cannot
// make a rebuild count it twice or lose it.
//
// # Never lose, never count twice
//
// Files are taken in groups (up to groupFiles files, groupBytes bytes; a
// consolidated table alone), in the order of receipt, and each step is
// done for the whole group before the next: one manifest write, one store
// transaction, one sync of the inbox a group, instead of one each per file
// (issue 10: a transaction and its fsyncs per file made taking 10,000
// forms cost 31 s). A file of a group goes through these steps, in this
// order:
//
//  1. read it (ingest.ReadFile) from the inbox;
//  2. copy the original to archive/ or rejected/ under <sha256>-<name>,
//     bounded to the file system's name limit (keptName), with
//     atomicfile (a temporary file, fsynced, renamed, the folder fsynced),
//     and the .txt of reasons for a refused one, written the same way;
//  3. append its line to the manifest, fsynced, under the id the store
//     will give its record (store.NextFile);
//  4. record it in the store under that id, in one transaction
//     (store.RecordFileAs);
//  5. remove the original from the inbox (and fsync the inbox);
//  6. mark the record placed.
//
// A process killed (SIGKILL, power cut) between any two steps leaves, for
// each file of the group being taken (files of earlier groups are on record
// and placed):
//
//   - before 4: nothing on record, the original still in the inbox. The next
//     pass reads it again and redoes 2 under the same name (the name is a
//     function of the bytes and the name dropped), overwriting a copy that
//     may exist, and 3 under the same id (nothing took it), a line that
//     supersedes the first: the outcome is as if the killed pass had never
//     run. A half-written temporary copy is removed at the start of every
//     pass. The lines of a group written and not recorded are the last of
//     the manifest, of consecutive ids after the store's highest, their
//     originals in the inbox: CheckStore allows for them, and Rebuild
//     records them unplaced.
//   - after 4, before 6: the file on record but not placed. Every pass
//     first finishes that work (Recover): if the inbox still holds a file of
//     that name with the same bytes, it is removed (its copy exists, made
//     in 2 before the record); then the record is marked placed. Only then
//     are new files read, so the original is never recorded a second time
//     as a duplicate of itself. If a file of that name with other bytes was
//     dropped meanwhile, it is left: it is a new file.
//
// So every file is in the inbox or on record with its copy and its line,
// its bytes count once (the store refuses a second non-duplicate record of
// a content), and the store converges to what an uninterrupted pass would
// have recorded, in the same order, except the times of receipt and run
// numbers.
//
// A copy or a line that cannot be written (full disk, archive/ unwritable)
// stops the pass with an error before step 4: the store and the inbox are
// unchanged for that file, which stays in the inbox for the next run.
package inbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/store"
)

// Dirs are the places of a data folder.
type Dirs struct {
	Root     string
	Inbox    string // where files are dropped
	Archive  string // accepted originals (and duplicates), kept for good
	Rejected string // refused originals, each with a .txt of reasons
	Reports  string // outputs of the runs, written by the caller
	Store    string // the SQLite store file, an index of the archive
	Manifest string // the log of every file taken (manifest.go)
}

// Layout returns the places of the data folder root.
func Layout(root string) Dirs {
	return Dirs{
		Root:     root,
		Inbox:    filepath.Join(root, "inbox"),
		Archive:  filepath.Join(root, "archive"),
		Rejected: filepath.Join(root, "rejected"),
		Reports:  filepath.Join(root, "reports"),
		Store:    filepath.Join(root, "c2isurvey.db"),
		Manifest: filepath.Join(root, ManifestName),
	}
}

// EnsureDirs creates the folders of the data folder that do not exist.
func (d Dirs) EnsureDirs() error {
	for _, dir := range []string{d.Root, d.Inbox, d.Archive, d.Rejected, d.Reports} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create data folder: %w", err)
		}
	}
	return nil
}

// Summary says what a pass did.
type Summary struct {
	// Seen counts the files found in the inbox that were not ignored: those
	// taken and those left for later.
	Seen                                     int
	Accepted, Rejected, Duplicates, Replaced int // Replaced: earlier submissions replaced
	// Recovered counts files a killed pass had recorded, whose placing this
	// pass finished.
	Recovered int
	// Pending names the files left in the inbox for a later run: still being
	// written (modified less than the settle period ago, or changed while
	// read), or unreadable for now.
	Pending []string
	// Ignored names the files that are never taken and stay in the inbox:
	// office lock files, partial downloads, hidden files.
	Ignored []string
	// Files are the records this pass made, in order.
	Files []store.FileRecord
}

// Ignored reports whether a file dropped in the inbox is never taken: hidden
// files, office lock files and partial downloads. Unlike a folder scan
// (ingest.NotASurvey), a .go or .md file is not passed over: in an inbox it
// was dropped by someone, and is refused in plain words rather than left
// there forever.
func Ignored(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".part", ".tmp", ".crdownload":
		return true
	}
	return false
}

// Listing is what the inbox holds, as a pass would see it now.
type Listing struct {
	Ready   []string // settled: the next pass takes them, in this order
	Pending []string // modified less than the settle period ago
	Ignored []string // never taken
}

// List lists the inbox of d as a pass at now would: for the files command
// (pending files), without reading or moving anything.
func List(d Dirs, settle time.Duration, now time.Time) (Listing, error) {
	ready, pending, ignored, err := scan(d.Inbox, now, settle)
	l := Listing{Pending: pending, Ignored: ignored}
	for _, e := range ready {
		l.Ready = append(l.Ready, e.name)
	}
	return l, err
}

// entry is a file found in the inbox.
type entry struct {
	name    string // relative to the inbox, with forward slashes
	path    string
	size    int64
	modTime time.Time // as the file system gives it: to see a change
	at      time.Time // modTime clamped to the time of the listing: to order and record
}

// scan lists the inbox: the files settled (unmodified for settle), in the
// order ingest.Resolve takes files (modification time, then name), so that
// files dropped together count as in a stateless report over them; the
// files not settled; the ignored ones. Subfolders are walked, except hidden
// ones.
//
// File times are clamped to now, the time of receipt: a modification time
// in the future says nothing about when the file came (a wrong clock, a
// tool that restores the times of a copy, a hostile date). A file dated
// further ahead than the settle period is not being written either: a
// writer moves the time to its own now with every write, and a clock off
// by more than the settle period is not one to wait for. Such a file is
// taken and ordered as received now, after the files of this pass whose
// times are sound, and recorded with that time. Across passes the order is
// the order of receipt, whatever the dates: the store (and a rebuild, from
// the manifest) records files in the order they were taken, so a
// correction taken tonight replaces yesterday's original even if it claims
// to date from 1970.
//
// Settling: a file is taken if its modification time is older than now
// minus settle, and its size and time have not moved between this listing
// and the end of its copy (checked in take). A writer moves the
// modification time with every write, so a file untouched for the settle
// period is not being written; the second check catches a writer that
// resumes while the pass reads. This costs no waiting: a pass never sleeps
// for the settle period, a file too young is simply left for the next run.
func scan(inbox string, now time.Time, settle time.Duration) (ready []entry, pending, ignored []string, err error) {
	cutoff, ahead := now.Add(-settle), now.Add(settle)
	err = filepath.WalkDir(inbox, func(p string, de fs.DirEntry, err error) error {
		if p == inbox {
			if err != nil {
				return fmt.Errorf("list inbox: %w", err)
			}
			return nil
		}
		rel, rerr := filepath.Rel(inbox, p)
		if rerr != nil {
			return fmt.Errorf("list inbox: %w", rerr)
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			// A subfolder someone made unreadable, or a path past the
			// system's length limit: what is in it waits, named, for a
			// run that can list it. Failing the listing would stop every
			// night's publication because of one folder.
			if de != nil && de.IsDir() {
				rel += "/"
			}
			pending = append(pending, rel)
			if de != nil && de.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			if strings.HasPrefix(de.Name(), ".") {
				ignored = append(ignored, rel+"/")
				return filepath.SkipDir
			}
			return nil
		}
		if !de.Type().IsRegular() || Ignored(de.Name()) {
			ignored = append(ignored, rel)
			return nil
		}
		info, err := de.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while listed
		}
		if err != nil {
			pending = append(pending, rel) // unreadable for now: a later run
			return nil
		}
		mod := info.ModTime()
		if mod.After(cutoff) && !mod.After(ahead) {
			pending = append(pending, rel)
			return nil
		}
		at := mod
		if at.After(now) {
			at = now
		}
		ready = append(ready, entry{name: rel, path: p, size: info.Size(), modTime: mod, at: at})
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	slices.SortStableFunc(ready, func(a, b entry) int {
		return ingest.CompareReceipt(a.at, a.name, b.at, b.name)
	})
	return ready, pending, ignored, nil
}

// Take runs one ingest pass over the data folder d: it first finishes what
// a killed pass left (Recover), then takes every settled file of the inbox
// (see the package comment for the steps and why they are safe to kill).
// now gives the time of receipt and the settle cutoff; progress, if not
// nil, is called after each file taken with how many are done out of how
// many (after the group it is in: see takeGroup). A file already on record is never read again: it has left the
// inbox. An error stops the pass; what was recorded before it stays.
func Take(ctx context.Context, st *store.Store, d Dirs, runID int64, opts ingest.Options, settle time.Duration,
	now func() time.Time, progress func(done, total int)) (Summary, error) {
	var sum Summary
	if err := removeTemps(d); err != nil {
		return sum, err
	}
	n, err := Recover(ctx, st, d)
	sum.Recovered = n
	if err != nil {
		return sum, err
	}
	if err := SyncManifest(ctx, st, d); err != nil {
		return sum, err
	}
	ready, pending, ignored, err := scan(d.Inbox, now(), settle)
	if err != nil {
		return sum, err
	}
	sum.Pending, sum.Ignored = pending, ignored
	sum.Seen = len(ready) + len(pending)
	opts = opts.Prepared()
	for done := 0; done < len(ready); {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("ingest pass stopped: %w", err)
		}
		group := nextGroup(ready[done:])
		recs, left, err := takeGroup(ctx, st, d, runID, opts, group, now, allSteps)
		if err != nil {
			return sum, err
		}
		sum.Pending = append(sum.Pending, left...)
		for _, rec := range recs {
			sum.Files = append(sum.Files, rec)
			switch rec.Status {
			case store.StatusAccepted:
				sum.Accepted++
				sum.Replaced += rec.Replaces
			case store.StatusRejected:
				sum.Rejected++
			case store.StatusDuplicate:
				sum.Duplicates++
			}
		}
		for range group {
			done++
			if progress != nil {
				progress(done, len(ready))
			}
		}
	}
	slices.Sort(sum.Pending)
	return sum, nil
}

// allSteps is the number of steps of take (read, copy, log, record,
// remove, mark): tests stop after fewer, as a killed process would.
const allSteps = 6

// Files are taken in groups: each step below is done for every file of
// the group before the next step begins, so that a group costs one
// manifest write (fsync), one transaction and one sync of the inbox,
// whatever its size. A group holds up to groupFiles files and groupBytes
// bytes, so that what it holds in memory stays small and a kill loses
// little work.
const (
	groupFiles = 256
	groupBytes = 32 << 20
)

// nextGroup returns the first files of ready that make a group. A file of
// ingest's large size (a consolidated table) is a group of its own: the
// files of a group are read side by side, and two large ones at once would
// double what reading costs in memory.
func nextGroup(ready []entry) []entry {
	if len(ready) > 0 && ready[0].size >= ingest.LargeFile {
		return ready[:1]
	}
	n, size := 0, int64(0)
	for n < len(ready) && n < groupFiles && ready[n].size < ingest.LargeFile && size+ready[n].size <= groupBytes {
		size += ready[n].size
		n++
	}
	return ready[:n]
}

// take runs the steps of one file up to (not including) step number stop,
// as a group of one. ok is false when the file is left in the inbox for
// later: changed while read, or unreadable for now.
func take(ctx context.Context, st *store.Store, d Dirs, runID int64, opts ingest.Options, e entry,
	now func() time.Time, stop int) (rec store.FileRecord, ok bool, err error) {
	recs, _, err := takeGroup(ctx, st, d, runID, opts, []entry{e}, now, stop)
	if len(recs) == 1 {
		rec, ok = recs[0], true
	}
	return rec, ok, err
}

// taken is a file of a group as it goes through the steps.
type taken struct {
	e        entry
	res      ingest.FileResult
	storedAs string
	line     ManifestEntry
}

// takeGroup runs the steps of a group of files, in the order of receipt,
// up to (not including) step number stop: it returns the records made and
// the names of the files left in the inbox for later (changed while read,
// or unreadable for now).
func takeGroup(ctx context.Context, st *store.Store, d Dirs, runID int64, opts ingest.Options, group []entry,
	now func() time.Time, stop int) (recs []store.FileRecord, left []string, err error) {
	if stop <= 0 {
		return nil, nil, nil
	}
	// A group begun is finished: a stop signal is honoured between two
	// groups (Take checks ctx there). Cancelling the store's transaction
	// midway would roll the group back and fail the run with « transaction
	// has already been committed or rolled back » instead of ending it as
	// interrupted, with what was taken published.
	ctx = context.WithoutCancel(ctx)

	// 1. Read, on every core; results in the group's order.
	files := make([]taken, len(group))
	ok := make([]bool, len(group))
	// A Reader keeps its buffers and inflaters from one file to the next
	// (ingest.Reader); one reads at a time, so each worker takes one.
	var readers sync.Pool
	_ = parallel(len(group), runtime.GOMAXPROCS(0), func(i int) error {
		e := group[i]
		r, _ := readers.Get().(*ingest.Reader)
		if r == nil {
			r = new(ingest.Reader)
		}
		res := r.ReadFile(e.path, opts)
		readers.Put(r)
		relabel(&res, e.path, e.name)
		res.ModTime = e.at
		if res.Hash == "" {
			// Refused before it was hashed; the hash names its copy and its record.
			h, err := ingest.HashFile(e.path)
			if err != nil {
				return nil // unreadable for now: next run
			}
			res.Hash = h
		}
		files[i], ok[i] = taken{e: e, res: res}, true
		return nil
	})
	if stop <= 1 {
		return nil, nil, nil
	}

	// 2. Keep the copies (each durable on its own, written side by side
	// so that their fsyncs overlap).
	err = parallel(len(group), max(4, runtime.GOMAXPROCS(0)), func(i int) error {
		if !ok[i] {
			return nil
		}
		f := &files[i]
		dir, sub := d.Archive, "archive"
		if f.res.Refused() {
			dir, sub = d.Rejected, "rejected"
		}
		kept := keptName(f.res.Hash, f.e.name)
		hash, changed, err := keepCopy(f.e, filepath.Join(dir, kept))
		if err != nil {
			return err
		}
		if changed || hash != f.res.Hash {
			// Written to while we read it: next run, once it has settled.
			ok[i] = false
			return nil
		}
		if f.res.Refused() {
			if err := atomicfile.WriteBytes(filepath.Join(dir, kept+".txt"), []byte(reasons(f.res, sub+"/"+kept, opts.Lang))); err != nil {
				return fmt.Errorf("keep the reasons for %s in %s: %w", f.e.name, dir, err)
			}
		}
		f.storedAs = sub + "/" + kept
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var kept []*taken
	for i := range files {
		if ok[i] {
			kept = append(kept, &files[i])
		} else {
			left = append(left, group[i].name)
		}
	}
	if stop <= 2 || len(kept) == 0 {
		return nil, left, nil
	}

	// 3. The manifest's lines, under the ids the store will give, in one
	// write and one fsync.
	received := now()
	hashes, refused := make([]string, len(kept)), make([]bool, len(kept))
	for i, f := range kept {
		hashes[i], refused[i] = f.res.Hash, f.res.Refused()
	}
	ids, fates, err := st.NextFiles(ctx, hashes, refused)
	if err != nil {
		return nil, left, err
	}
	lines := make([]ManifestEntry, len(kept))
	for i, f := range kept {
		f.line = ManifestEntry{ID: ids[i], SHA256: f.res.Hash, Name: f.e.name, Size: f.res.Size, ModTime: f.res.ModTime.UTC(),
			ReceivedAt: received.UTC(), Run: runID, Fate: fates[i], StoredAs: f.storedAs,
			Lang: langOf(opts), MaxYear: opts.MaxYear}
		if !f.e.at.Equal(f.e.modTime) {
			f.line.FileTime = f.e.modTime.UTC()
		}
		lines[i] = f.line
	}
	if err := appendManifest(d.Manifest, lines...); err != nil {
		return nil, left, err
	}
	if stop <= 3 {
		return nil, left, nil
	}

	// 4. The records, in one transaction.
	in := make([]store.Incoming, len(kept))
	for i, f := range kept {
		in[i] = store.Incoming{ID: f.line.ID, Result: f.res, StoredAs: f.storedAs, ReceivedAt: received}
	}
	recs, err = st.RecordFilesAs(ctx, runID, in)
	if err != nil {
		return nil, left, err
	}
	if stop <= 4 {
		return recs, left, nil
	}

	// 5. The originals out of the inbox, each folder synced once.
	paths := make([]string, len(kept))
	for i, f := range kept {
		paths[i] = f.e.path
	}
	if err := removeOriginals(paths); err != nil {
		return recs, left, err
	}
	if stop <= 5 {
		return recs, left, nil
	}

	// 6. Placed.
	placed := make([]int64, len(recs))
	for i, r := range recs {
		placed[i] = r.ID
	}
	if err := st.MarkPlaced(ctx, placed...); err != nil {
		return recs, left, err
	}
	for i := range recs {
		recs[i].Placed = true
	}
	return recs, left, nil
}

// parallel runs f(0) … f(n-1) on up to workers goroutines (reading wants
// as many as there are cores; copying more, since copies wait on the disk),
// and returns the error of the lowest index that failed.
func parallel(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// langOf is the language the messages of a file are worded in, as
// ingest words them (anything but "en" is French).
func langOf(opts ingest.Options) string {
	if opts.Lang == "en" {
		return "en"
	}
	return "fr"
}

// relabel names the file as the user dropped it (relative to the inbox) in
// the result and everything that cites it.
func relabel(res *ingest.FileResult, path, name string) {
	res.File = name
	for _, ps := range [][]ingest.Problem{res.Refusals, res.Warnings} {
		for i := range ps {
			if ps[i].File == path {
				ps[i].File = name
			}
		}
	}
	for i := range res.Submissions {
		fs := res.Submissions[i].Facts
		for j := range fs {
			if fs[j].Source.File == path {
				fs[j].Source.File = name
			}
		}
	}
}

// Recover finishes what a killed pass left: files on record whose original
// was not yet removed from the inbox. It returns how many it finished.
func Recover(ctx context.Context, st *store.Store, d Dirs) (int, error) {
	recs, err := st.Unplaced(ctx)
	if err != nil {
		return 0, err
	}
	for _, r := range recs {
		p := filepath.Join(d.Inbox, filepath.FromSlash(r.Name))
		sum, err := ingest.HashFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Removed before the kill: only the mark is missing.
		case err != nil:
			return 0, fmt.Errorf("finish placing %s: %w", r.Name, err)
		case sum == r.SHA256:
			if _, err := os.Stat(filepath.Join(d.Root, filepath.FromSlash(r.StoredAs))); err != nil {
				// The copy was made before the record; without it, keep the original.
				return 0, fmt.Errorf("finish placing %s: its copy is missing: %w", r.Name, err)
			}
			if err := removeOriginal(d.Inbox, p); err != nil {
				return 0, err
			}
		default:
			// Another file dropped under the same name since: a new file, left.
		}
		if err := st.MarkPlaced(ctx, r.ID); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// errChanged aborts a copy whose original changed or could not be read.
var errChanged = errors.New("the original changed while it was copied")

// keepCopy copies the original e to path with atomicfile (the copy is
// whole or absent). It returns the hash of the bytes copied and whether the
// original changed (size or modification time) since it was listed, in
// which case nothing is left at path. An original that cannot be read is
// reported as changed (left for later); a copy that cannot be written is an
// error.
func keepCopy(e entry, path string) (hash string, changed bool, err error) {
	src, err := os.Open(e.path)
	if err != nil {
		return "", true, nil
	}
	defer src.Close()
	h := sha256.New()
	err = atomicfile.Write(path, func(w io.Writer) error {
		r := &sourceReader{r: src}
		if _, err := io.Copy(io.MultiWriter(w, h), r); err != nil {
			if r.err != nil {
				return errChanged // reading the original failed
			}
			return err
		}
		// Checked before the rename: a writer that resumed while we read
		// must not leave a copy of a half-written file behind.
		info, err := os.Stat(e.path)
		if err != nil || info.Size() != e.size || !info.ModTime().Equal(e.modTime) {
			return errChanged
		}
		return nil
	})
	switch {
	case errors.Is(err, errChanged):
		return "", true, nil
	case err != nil:
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, filepath.Dir(path), err)
	}
	return hex.EncodeToString(h.Sum(nil)), false, nil
}

// sourceReader remembers a read error of the original, to tell it from a
// write error of the copy.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// removeOriginals removes files from the inbox, durably: each folder they
// were in is synced once, after all are removed.
func removeOriginals(paths []string) error {
	var dirs []string
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s from the inbox: %w", p, err)
		}
		if dir := filepath.Dir(p); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	for _, dir := range dirs {
		if err := atomicfile.SyncDir(dir); err != nil {
			return fmt.Errorf("remove files from the inbox: %w", err)
		}
	}
	return nil
}

// removeOriginal removes a file from the inbox, durably.
func removeOriginal(inbox, path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s from the inbox: %w", path, err)
	}
	if err := atomicfile.SyncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("remove %s from the inbox: %w", path, err)
	}
	return nil
}

// removeTemps removes the temporary copies a killed pass left, and those of
// earlier versions (".<name>-<digits>.c2i-tmp").
func removeTemps(d Dirs) error {
	for _, dir := range []string{d.Archive, d.Rejected} {
		if err := atomicfile.RemoveTemps(dir); err != nil {
			return err
		}
		des, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("clean %s: %w", dir, err)
		}
		for _, de := range des {
			if strings.HasPrefix(de.Name(), ".") && strings.HasSuffix(de.Name(), atomicfile.TempSuffix) {
				if err := os.Remove(filepath.Join(dir, de.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("clean %s: %w", dir, err)
				}
			}
		}
	}
	return nil
}
