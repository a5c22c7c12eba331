package inbox

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unicode/utf8"

	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/store"
)

// ManifestName is the manifest's file name, at the root of the data folder,
// beside archive/ and rejected/.
const ManifestName = "manifest.jsonl"

// ManifestEntry is one line of the manifest: a file taken. The manifest is
// append-only, one JSON object a line, written and fsynced after the copy
// of the original and before the store records it.
//
// # Why a line never counts twice, and none is lost
//
// A line carries the id the store gives the file's record (store.NextFile:
// the id after the highest on record; one writer at a time, the run lock).
// A process killed after the line and before the record leaves a line
// whose id nothing took; the next pass gives the same id to the next file
// it takes (the same file, taken again, or another one), and writes its
// line: the later line of an id supersedes the earlier. Once a record is
// made, its id is never given again (ids only grow). So the last line of
// each id is exactly the record the store holds under that id, and ids in
// increasing order are the order of receipt. The one line that may have no
// record is the very last (id one above the store's highest), and only
// while its original still waits in the inbox: CheckStore allows for it,
// and Rebuild records it unplaced, so that the next pass finishes placing
// it (Recover) instead of taking it a second time.
//
// A line cut short by a crash is not JSON: it is never followed by a record
// (the record waits for the fsync of the whole line), and the next append
// starts on a new line. A reader skips it and counts it.
type ManifestEntry struct {
	ID     int64  `json:"id"` // the record's id in the store; the order of receipt
	SHA256 string `json:"sha256"`
	// Name is the file's name as dropped, relative to the inbox, in full.
	// A name that is not valid UTF-8 is also given byte for byte in
	// NameBytes (JSON would change its invalid bytes).
	Name      string `json:"name"`
	NameBytes []byte `json:"name_bytes,omitempty"`
	Size      int64  `json:"size"`
	// ModTime is the modification time as ordered and recorded (clamped to
	// the time of receipt); FileTime the file system's own, when it was
	// clamped (a date in the future).
	ModTime    time.Time `json:"mod_time"`
	FileTime   time.Time `json:"file_time,omitzero"`
	ReceivedAt time.Time `json:"received_at"`
	Run        int64     `json:"run"`
	// Fate is the status the record took: accepted, rejected or duplicate.
	Fate string `json:"fate"`
	// StoredAs is the kept original, relative to the data folder
	// (archive/… or rejected/…), with StoredAsBytes as NameBytes.
	StoredAs      string `json:"stored_as"`
	StoredAsBytes []byte `json:"stored_as_bytes,omitempty"`
	// Lang and MaxYear are the reading options the file was read with, so
	// that a rebuild words its refusals and judges its years as the run
	// did. Absent on lines written from an older store (SyncManifest).
	Lang    string `json:"lang,omitempty"`
	MaxYear int    `json:"max_year,omitempty"`
}

// name and storedAs return the names byte for byte.
func (e ManifestEntry) name() string {
	if e.NameBytes != nil {
		return string(e.NameBytes)
	}
	return e.Name
}

func (e ManifestEntry) storedAs() string {
	if e.StoredAsBytes != nil {
		return string(e.StoredAsBytes)
	}
	return e.StoredAs
}

// encode is the entry's line, newline included.
func (e ManifestEntry) encode() ([]byte, error) {
	if !utf8.ValidString(e.Name) {
		e.NameBytes = []byte(e.Name)
	}
	if !utf8.ValidString(e.StoredAs) {
		e.StoredAsBytes = []byte(e.StoredAs)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // one line, newline-terminated
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendManifest appends lines to the manifest at path and fsyncs it
// before returning; a manifest created by this call has its folder synced
// too. A last line left without its newline by a crash is ended first, so
// that it stays one unreadable line and spoils no other.
func appendManifest(path string, lines ...ManifestEntry) error {
	var buf []byte
	for _, l := range lines {
		b, err := l.encode()
		if err != nil {
			return fmt.Errorf("manifest line for %s: %w", l.Name, err)
		}
		buf = append(buf, b...)
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, atomicfile.Perm)
	if err != nil {
		return fmt.Errorf("write the manifest %s: %w", path, err)
	}
	info, err := f.Stat()
	if err == nil && info.Size() > 0 {
		last := make([]byte, 1)
		if _, err = f.ReadAt(last, info.Size()-1); err == nil && last[0] != '\n' {
			buf = append([]byte{'\n'}, buf...)
		}
	}
	if err == nil {
		_, err = f.Write(buf)
	}
	err = errors.Join(err, f.Sync(), f.Close())
	if err == nil && created {
		err = atomicfile.SyncDir(filepath.Dir(path))
	}
	if err != nil {
		return fmt.Errorf("write the manifest %s: %w", path, err)
	}
	return nil
}

// Manifest is what the manifest says.
type Manifest struct {
	// Entries are the last line of each id, by increasing id: the files
	// taken, in the order of receipt.
	Entries []ManifestEntry
	// Unreadable counts the lines that are not a manifest entry (a write
	// cut by a crash).
	Unreadable int
}

// ReadManifest reads the manifest at path; exists is false if there is
// none.
func ReadManifest(path string) (m Manifest, exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("read the manifest %s: %w", path, err)
	}
	defer f.Close()
	last := map[int64]int{}
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var e ManifestEntry
			if json.Unmarshal(line, &e) != nil || e.ID <= 0 || e.SHA256 == "" || e.storedAs() == "" {
				m.Unreadable++
			} else if i, ok := last[e.ID]; ok {
				m.Entries[i] = e // a later line of an id supersedes the earlier
			} else {
				last[e.ID] = len(m.Entries)
				m.Entries = append(m.Entries, e)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return m, true, fmt.Errorf("read the manifest %s: %w", path, err)
		}
	}
	slices.SortFunc(m.Entries, func(a, b ManifestEntry) int { return cmp.Compare(a.ID, b.ID) })
	return m, true, nil
}

// SyncManifest makes the manifest hold a line for every file on record:
// it creates an empty manifest in a new data folder, and writes the lines
// of files recorded before manifests existed (from the store, which is then
// sound: CheckStore ran first), so that a data folder of an earlier version
// can be rebuilt too. Lines written so carry no reading options: a rebuild
// reads those files with its own.
func SyncManifest(ctx context.Context, st *store.Store, d Dirs) error {
	m, exists, err := ReadManifest(d.Manifest)
	if err != nil {
		return err
	}
	ids, err := st.FileIDs(ctx)
	if err != nil {
		return err
	}
	have := make(map[int64]bool, len(m.Entries))
	for _, e := range m.Entries {
		have[e.ID] = true
	}
	var missing []int64
	for _, id := range ids {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		if !exists {
			if err := atomicfile.WriteBytes(d.Manifest, nil); err != nil {
				return fmt.Errorf("create the manifest: %w", err)
			}
		}
		return nil
	}
	recs, err := st.Files(ctx, "")
	if err != nil {
		return err
	}
	byID := make(map[int64]store.FileRecord, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	var lines []ManifestEntry
	for _, id := range missing {
		r := byID[id]
		lines = append(lines, ManifestEntry{ID: r.ID, SHA256: r.SHA256, Name: r.Name, Size: r.Size,
			ModTime: r.ModTime.UTC(), ReceivedAt: r.ReceivedAt.UTC(), Run: r.RunID, Fate: r.Status, StoredAs: r.StoredAs})
	}
	return appendManifest(d.Manifest, lines...)
}
