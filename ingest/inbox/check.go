package inbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/store"
)

// Kinds of StoreError.
const (
	StoreDamaged  = "damaged"  // cannot be opened as SQLite, or fails PRAGMA quick_check
	StoreMissing  = "missing"  // no store file, while files were taken
	StoreEmpty    = "empty"    // nothing on record (a zero-length file included), while files were taken
	StoreBehind   = "behind"   // fewer files on record than the manifest lists (an old copy, a lost end)
	StoreMismatch = "mismatch" // its last record is not the manifest's file of that id (another folder's store)
)

// StoreError says why a run must not use the store: reading it would
// publish reports that silently lack files, and recording into it would
// start a second, partial history. The caller words it for the user;
// Rebuild is the remedy.
type StoreError struct {
	Kind   string // StoreDamaged, StoreMissing, ...
	Path   string // the store file
	Detail string // for StoreDamaged: what SQLite said
	// Files is how many files were taken according to the manifest (or,
	// without one, how many originals archive/ and rejected/ keep); OnRecord
	// how many the store holds.
	Files, OnRecord int64
}

func (e *StoreError) Error() string {
	switch e.Kind {
	case StoreDamaged:
		return fmt.Sprintf("store %s is damaged: %s", e.Path, e.Detail)
	case StoreMissing:
		return fmt.Sprintf("store %s is missing while %d file(s) were taken", e.Path, e.Files)
	case StoreEmpty:
		return fmt.Sprintf("store %s is empty while %d file(s) were taken", e.Path, e.Files)
	case StoreBehind:
		return fmt.Sprintf("store %s holds %d file(s), the manifest lists %d", e.Path, e.OnRecord, e.Files)
	}
	return fmt.Sprintf("store %s does not match the manifest: %s", e.Path, e.Detail)
}

// CheckStore decides, before a run opens the store (which would create a
// missing one), whether the store can be trusted: it must pass SQLite's
// quick check, and hold every file the manifest says was taken. The
// manifest may list one file more than the store holds: a pass killed
// between the line and the record, whose original still waits in the
// inbox (see ManifestEntry). Without a manifest (a data folder of an
// earlier version, or a new one), a missing or empty store is refused if
// archive/ or rejected/ keep originals. It returns a *StoreError for a
// store not to use, another error if it could not look.
func CheckStore(ctx context.Context, d Dirs) error {
	h, err := store.Inspect(ctx, d.Store)
	if err != nil {
		return err
	}
	if !h.Sound() {
		return &StoreError{Kind: StoreDamaged, Path: d.Store, Detail: h.Damage}
	}
	refuse := func(kind string, files int64) error {
		if kind == StoreBehind {
			switch {
			case !h.Exists:
				kind = StoreMissing
			case h.Files == 0:
				kind = StoreEmpty
			}
		}
		return &StoreError{Kind: kind, Path: d.Store, Files: files, OnRecord: h.Files}
	}
	m, exists, err := ReadManifest(d.Manifest)
	if err != nil {
		return err
	}
	if !exists {
		if h.Files > 0 {
			return nil // an earlier version's folder: SyncManifest writes its lines
		}
		n, err := keptOriginals(d)
		if err != nil {
			return err
		}
		if n > 0 {
			return refuse(StoreBehind, int64(n))
		}
		return nil
	}
	if len(m.Entries) == 0 {
		return nil
	}
	// The lines past the store's highest id are those of a group of files
	// stopped before its record (inbox.go): consecutive ids after it, every
	// original still in the inbox.
	taken := int64(len(m.Entries))
	tail := unrecorded(m.Entries, h.MaxID)
	for k, e := range tail {
		if e.ID != h.MaxID+int64(k)+1 || !inFlight(d, e) {
			return refuse(StoreBehind, taken)
		}
	}
	taken -= int64(len(tail))
	// The store's last record must be the manifest's file of that id.
	for _, e := range m.Entries {
		if e.ID == h.MaxID && e.SHA256 != h.LastHash {
			return &StoreError{Kind: StoreMismatch, Path: d.Store, Files: taken, OnRecord: h.Files,
				Detail: fmt.Sprintf("record %d is not %s", h.MaxID, e.name())}
		}
	}
	return nil
}

// unrecorded returns the entries (sorted by id) of ids above maxID.
func unrecorded(entries []ManifestEntry, maxID int64) []ManifestEntry {
	i := len(entries)
	for i > 0 && entries[i-1].ID > maxID {
		i--
	}
	return entries[i:]
}

// inFlight reports whether the original of a manifest line still waits in
// the inbox, same name, same bytes: its pass was stopped before the record.
func inFlight(d Dirs, e ManifestEntry) bool {
	sum, err := ingest.HashFile(filepath.Join(d.Inbox, filepath.FromSlash(e.name())))
	return err == nil && sum == e.SHA256
}

// keptOriginals counts the originals kept in archive/ and rejected/ (not
// the .txt of reasons, not temporary files).
func keptOriginals(d Dirs) (int, error) {
	n := 0
	for _, dir := range []string{d.Archive, d.Rejected} {
		des, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("list %s: %w", dir, err)
		}
		for _, de := range des {
			name := de.Name()
			if de.IsDir() || atomicfile.IsTemp(name) || strings.HasPrefix(name, ".") ||
				(dir == d.Rejected && strings.HasSuffix(name, ".txt")) {
				continue
			}
			n++
		}
	}
	return n, nil
}
