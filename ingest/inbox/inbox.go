// Package inbox is the ingest pass of the nightly service: it takes the
// files dropped in the data folder's inbox/, reads them, keeps each original
// in archive/ (accepted) or rejected/ (refused, with the reasons in a .txt
// beside it), puts it on record in the store, and removes it from the inbox.
// It neither aggregates nor writes reports: the caller does, from the store.
//
// # Never lose, never count twice
//
// Each file goes through these steps, in this order:
//
//  1. read it (ingest.ReadFile) from the inbox;
//  2. copy the original to archive/ or rejected/ under <sha256[:12]>-<name>
//     (a temporary file, fsynced, renamed, the folder fsynced), and the .txt
//     of reasons for a refused one, written the same way;
//  3. record it in the store, in one transaction (store.RecordFile);
//  4. remove the original from the inbox (and fsync the inbox);
//  5. mark the record placed.
//
// A process killed (SIGKILL, power cut) between any two steps leaves:
//
//   - before 3: nothing on record, the original still in the inbox. The next
//     pass reads it again and redoes 2 under the same name (the name is a
//     function of the bytes and the name dropped), overwriting a copy that
//     may exist: the outcome is as if the killed pass had never run. A
//     half-written temporary copy is removed at the start of every pass.
//   - after 3, before 5: the file on record but not placed. Every pass
//     first finishes that work (Recover): if the inbox still holds a file of
//     that name with the same bytes, it is removed (its copy exists, made
//     in 2 before the record); then the record is marked placed. Only then
//     are new files read, so the original is never recorded a second time
//     as a duplicate of itself. If a file of that name with other bytes was
//     dropped meanwhile, it is left: it is a new file.
//
// So every file is in the inbox or on record with its copy, its bytes count
// once (the store refuses a second non-duplicate record of a content), and
// the store converges to what an uninterrupted pass would have recorded, in
// the same order, except the times of receipt and run numbers.
//
// A copy that cannot be written (full disk, archive/ unwritable) stops the
// pass with an error before step 3: the store and the inbox are unchanged
// for that file, which stays in the inbox for the next run.
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
	"slices"
	"strings"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
)

// Dirs are the places of a data folder.
type Dirs struct {
	Root     string
	Inbox    string // where files are dropped
	Archive  string // accepted originals (and duplicates), kept for good
	Rejected string // refused originals, each with a .txt of reasons
	Reports  string // outputs of the runs, written by the caller
	Store    string // the SQLite store file
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

// tempSuffix marks a copy being written into archive/ or rejected/; one
// left by a killed pass is removed by the next.
const tempSuffix = ".c2i-tmp"

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
	ready, pending, ignored, err := scan(d.Inbox, now.Add(-settle))
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
	modTime time.Time
}

// scan lists the inbox: the files settled (unmodified for settle), in the
// order ingest.Resolve takes files (modification time, then name), so that
// files dropped together count as in a stateless report over them; the
// files not settled; the ignored ones. Subfolders are walked, except hidden
// ones.
//
// Settling: a file is taken if its modification time is older than now
// minus settle, and its size and time have not moved between this listing
// and the end of its copy (checked in take). A writer moves the
// modification time with every write, so a file untouched for the settle
// period is not being written; the second check catches a writer that
// resumes while the pass reads. This costs no waiting: a pass never sleeps
// for the settle period, a file too young is simply left for the next run.
func scan(inbox string, cutoff time.Time) (ready []entry, pending, ignored []string, err error) {
	err = filepath.WalkDir(inbox, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("list inbox: %w", err)
		}
		if p == inbox {
			return nil
		}
		rel, err := filepath.Rel(inbox, p)
		if err != nil {
			return fmt.Errorf("list inbox: %w", err)
		}
		rel = filepath.ToSlash(rel)
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
			return fmt.Errorf("list inbox: %w", err)
		}
		if info.ModTime().After(cutoff) {
			pending = append(pending, rel)
			return nil
		}
		ready = append(ready, entry{name: rel, path: p, size: info.Size(), modTime: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	slices.SortStableFunc(ready, func(a, b entry) int {
		return ingest.CompareReceipt(a.modTime, a.name, b.modTime, b.name)
	})
	return ready, pending, ignored, nil
}

// Take runs one ingest pass over the data folder d: it first finishes what
// a killed pass left (Recover), then takes every settled file of the inbox
// (see the package comment for the steps and why they are safe to kill).
// now gives the time of receipt and the settle cutoff; progress, if not
// nil, is called after each file taken with how many are done out of how
// many. A file already on record is never read again: it has left the
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
	ready, pending, ignored, err := scan(d.Inbox, now().Add(-settle))
	if err != nil {
		return sum, err
	}
	sum.Pending, sum.Ignored = pending, ignored
	sum.Seen = len(ready) + len(pending)
	for i, e := range ready {
		if err := ctx.Err(); err != nil {
			return sum, fmt.Errorf("ingest pass stopped: %w", err)
		}
		rec, ok, err := take(ctx, st, d, runID, opts, e, now, allSteps)
		if err != nil {
			return sum, err
		}
		if !ok {
			sum.Pending = append(sum.Pending, e.name)
		} else {
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
		if progress != nil {
			progress(i+1, len(ready))
		}
	}
	slices.Sort(sum.Pending)
	return sum, nil
}

// allSteps is the number of steps of take (read, copy, record, remove,
// mark): tests stop after fewer, as a killed process would.
const allSteps = 5

// take runs the steps of one file up to (not including) step number stop.
// ok is false when the file is left in the inbox for later: changed while
// read, or unreadable for now.
func take(ctx context.Context, st *store.Store, d Dirs, runID int64, opts ingest.Options, e entry,
	now func() time.Time, stop int) (rec store.FileRecord, ok bool, err error) {
	if stop <= 0 {
		return rec, false, nil
	}
	res := ingest.ReadFile(e.path, opts)
	relabel(&res, e.path, e.name)
	if res.Hash == "" {
		// Refused before it was hashed; the hash names its copy and its record.
		if res.Hash, err = hashFile(e.path); err != nil {
			return rec, false, nil // unreadable for now: next run
		}
	}
	if stop <= 1 {
		return rec, false, nil
	}
	dir, sub := d.Archive, "archive"
	if res.Refused() {
		dir, sub = d.Rejected, "rejected"
	}
	kept := keptName(res.Hash, e.name)
	hash, changed, err := keepCopy(e, dir, kept)
	if err != nil {
		return rec, false, err
	}
	if changed || hash != res.Hash {
		// Written to while we read it: next run, once it has settled.
		return rec, false, nil
	}
	if res.Refused() {
		if err := writeFileSync(dir, kept+".txt", []byte(reasons(res, sub+"/"+kept, opts.Lang))); err != nil {
			return rec, false, err
		}
	}
	if stop <= 2 {
		return rec, false, nil
	}
	rec, err = st.RecordFile(ctx, runID, res, sub+"/"+kept, now())
	if err != nil {
		return rec, false, err
	}
	if stop <= 3 {
		return rec, true, nil
	}
	if err := removeOriginal(d.Inbox, e.path); err != nil {
		return rec, true, err
	}
	if stop <= 4 {
		return rec, true, nil
	}
	return rec, true, st.MarkPlaced(ctx, rec.ID)
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

// keptName is the name of a kept original: traceable to its record by the
// hash, recognisable by the name dropped, and the same if a killed pass is
// redone. Subfolders of the inbox are flattened into the name.
func keptName(hash, name string) string {
	short := hash
	if len(short) > 12 {
		short = short[:12]
	}
	if short == "" {
		short = "sans-empreinte"
	}
	return short + "-" + strings.ReplaceAll(name, "/", "_")
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
		sum, err := hashFile(p)
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

// keepCopy copies the original e into dir/name through a temporary file,
// fsynced, then renamed, then the folder fsynced: the copy is whole or
// absent. It returns the hash of the bytes copied and whether the original
// changed (size or modification time) since it was listed, in which case
// nothing is left in dir. An original that cannot be read is reported as
// changed (left for later); a copy that cannot be written is an error.
func keepCopy(e entry, dir, name string) (hash string, changed bool, err error) {
	src, err := os.Open(e.path)
	if err != nil {
		return "", true, nil
	}
	defer src.Close()
	tmp, err := os.CreateTemp(dir, "."+name+"-*"+tempSuffix)
	if err != nil {
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), src); err != nil {
		tmp.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == e.path {
			return "", true, nil // reading the original failed
		}
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	if err := tmp.Close(); err != nil {
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	info, err := os.Stat(e.path)
	if err != nil || info.Size() != e.size || !info.ModTime().Equal(e.modTime) {
		return "", true, nil
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	if err := syncDir(dir); err != nil {
		return "", false, fmt.Errorf("keep a copy of %s in %s: %w", e.name, dir, err)
	}
	return hex.EncodeToString(h.Sum(nil)), false, nil
}

// writeFileSync writes dir/name whole or not at all, durably.
func writeFileSync(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, "."+name+"-*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("write %s in %s: %w", name, dir, err)
	}
	return nil
}

// removeOriginal removes a file from the inbox, durably.
func removeOriginal(inbox, path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s from the inbox: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("remove %s from the inbox: %w", path, err)
	}
	return nil
}

// removeTemps removes the temporary copies a killed pass left.
func removeTemps(d Dirs) error {
	for _, dir := range []string{d.Archive, d.Rejected} {
		des, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("clean %s: %w", dir, err)
		}
		for _, de := range des {
			if strings.HasSuffix(de.Name(), tempSuffix) {
				if err := os.Remove(filepath.Join(dir, de.Name())); err != nil {
					return fmt.Errorf("clean %s: %w", dir, err)
				}
			}
		}
	}
	return nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
