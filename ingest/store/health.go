package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// Health is what Inspect found of a store file, without changing it.
type Health struct {
	Exists bool  // the file is there
	Size   int64 // its size in bytes (0: an empty file, which SQLite takes as a new store)
	// Damage says why the store cannot be trusted: it cannot be opened as
	// SQLite, or PRAGMA quick_check found it inconsistent (its first line).
	// "" when sound.
	Damage string
	// Of a sound store: how many files it has on record, the highest id,
	// and the SHA-256 of that last record.
	Files    int64
	MaxID    int64
	LastHash string
}

// Sound reports whether the store can be opened and trusted.
func (h Health) Sound() bool { return h.Damage == "" }

// Inspect looks at the store at path before anything opens it for writing:
// Open would create a missing store, and would happily start a new record
// in an empty file (SQLite takes a zero-length file as an empty database),
// while a damaged one can read as if it held fewer files than it does. The
// caller decides what each means (inbox.CheckStore). The file is opened
// read-only and query-only: inspecting never creates or repairs anything.
// The error is for what prevents inspecting at all (the file cannot be
// looked at); damage is reported in Health.
func Inspect(ctx context.Context, path string) (Health, error) {
	var h Health
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return h, nil
	case err != nil:
		return h, fmt.Errorf("inspect store %s: %w", path, err)
	case !info.Mode().IsRegular():
		h.Exists, h.Damage = true, "not a regular file"
		return h, nil
	}
	h.Exists, h.Size = true, info.Size()
	if h.Size == 0 {
		return h, nil
	}
	db, err := openReadOnly(path) // the file was just seen
	if err != nil {
		return h, fmt.Errorf("inspect store %s: %w", path, err)
	}
	defer db.Close()
	var lines []string
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err == nil {
		for rows.Next() {
			var line string
			if err = rows.Scan(&line); err != nil {
				break
			}
			lines = append(lines, line)
		}
		err = errors.Join(err, rows.Err(), rows.Close())
	}
	switch {
	case err != nil:
		h.Damage = err.Error()
		return h, nil
	case len(lines) != 1 || lines[0] != "ok":
		// The first finding names the damage; the others are its echo.
		var found []string
		for _, l := range lines {
			for _, f := range strings.Split(l, "\n") {
				if f = strings.TrimSpace(f); f != "" && !strings.HasPrefix(f, "***") {
					found = append(found, f)
				}
			}
		}
		h.Damage = "PRAGMA quick_check"
		if len(found) > 0 {
			h.Damage += ": " + found[0]
		}
		if len(found) > 1 {
			h.Damage += fmt.Sprintf(" (+%d)", len(found)-1)
		}
		return h, nil
	}
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		h.Damage = err.Error()
		return h, nil
	}
	if version == 0 {
		return h, nil // a database without our schema yet: nothing on record
	}
	err = db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE((SELECT sha256 FROM files ORDER BY id DESC LIMIT 1), '')
		FROM files`).Scan(&h.Files, &h.MaxID, &h.LastHash)
	if err != nil {
		h.Damage = err.Error()
	}
	return h, nil
}

// openReadOnly opens the store file at path only to read it: never created
// (mode=rw: a missing file is an error, not a new empty store), query_only,
// and waiting out a writer's lock. The health check and CarryAccounts read
// an existing store this one way.
func openReadOnly(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "rw")
	for _, p := range []string{"busy_timeout(5000)", "query_only(1)"} {
		q.Add("_pragma", p)
	}
	return sql.Open("sqlite", "file:"+path+"?"+q.Encode())
}
