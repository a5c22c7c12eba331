// Package store is the record of everything received: files (with their
// fate and every problem found), the submissions they carried, their facts,
// which submission replaced which, and the nightly runs. It is SQLite,
// embedded (modernc.org/sqlite: nothing to install or start), in WAL mode.
//
// A file, its problems, submissions and facts enter in one transaction: a
// process killed at any moment leaves either the whole file on record or
// none of it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// Status of a received file.
const (
	StatusAccepted  = "accepted"
	StatusRejected  = "rejected"
	StatusDuplicate = "duplicate"
)

// Store is an open record. It is safe for concurrent use, but one process
// writes at a time (SQLite's single writer; the busy timeout waits).
type Store struct {
	db *sql.DB
}

// Open opens (creating if needed) the store at path and brings its schema
// to the current version.
func Open(path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(5000)", "synchronous(FULL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// migrations are applied in order, each in its own transaction, and never
// edited once released: a change to the schema is a new step.
var migrations = []string{
	// 1: the first schema.
	`CREATE TABLE runs (
		id INTEGER PRIMARY KEY,
		started TEXT NOT NULL,
		ended TEXT,
		outcome TEXT,            -- ok | failed | interrupted; NULL while running
		message TEXT NOT NULL DEFAULT '',
		seen INTEGER NOT NULL DEFAULT 0,
		accepted INTEGER NOT NULL DEFAULT 0,
		rejected INTEGER NOT NULL DEFAULT 0,
		duplicates INTEGER NOT NULL DEFAULT 0,
		replaced INTEGER NOT NULL DEFAULT 0,
		pending INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE files (
		id INTEGER PRIMARY KEY,
		sha256 TEXT NOT NULL,
		name TEXT NOT NULL,          -- as dropped, relative to the inbox
		size INTEGER NOT NULL,
		mod_time TEXT NOT NULL,
		received_at TEXT NOT NULL,
		run_id INTEGER REFERENCES runs(id),
		status TEXT NOT NULL,        -- accepted | rejected | duplicate
		layout INTEGER NOT NULL DEFAULT 0,
		stored_as TEXT NOT NULL,     -- path of the kept original, relative to the data folder
		duplicate_of INTEGER REFERENCES files(id),
		placed INTEGER NOT NULL DEFAULT 0 -- the original has left the inbox
	);
	-- The same bytes count once: one non-duplicate record per content.
	CREATE UNIQUE INDEX files_content ON files(sha256) WHERE status != 'duplicate';
	CREATE INDEX files_unplaced ON files(placed) WHERE placed = 0;
	CREATE TABLE problems (
		file_id INTEGER NOT NULL REFERENCES files(id),
		seq INTEGER NOT NULL,
		severity TEXT NOT NULL,      -- refusal | warning
		sheet TEXT NOT NULL, cell TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL,
		PRIMARY KEY (file_id, seq)
	);
	CREATE TABLE submissions (
		id INTEGER PRIMARY KEY,
		file_id INTEGER NOT NULL REFERENCES files(id),
		uai TEXT NOT NULL, year INTEGER NOT NULL,
		institution TEXT NOT NULL, academie TEXT NOT NULL,
		replaced_by INTEGER REFERENCES submissions(id)
	);
	CREATE INDEX submissions_current ON submissions(uai, year) WHERE replaced_by IS NULL;
	CREATE INDEX submissions_file ON submissions(file_id);
	CREATE INDEX submissions_replaced_by ON submissions(replaced_by) WHERE replaced_by IS NOT NULL;
	CREATE TABLE facts (
		submission_id INTEGER NOT NULL REFERENCES submissions(id),
		seq INTEGER NOT NULL,
		track TEXT NOT NULL, track_group TEXT NOT NULL,
		students INTEGER NOT NULL, certificates INTEGER NOT NULL,
		submitted_rate REAL,
		sheet TEXT NOT NULL, cell TEXT NOT NULL,
		PRIMARY KEY (submission_id, seq)
	);`,
	// 2: the imports of the registry of expected respondents (issue 7),
	// so that the registry in force on a date can be known: each import's
	// file is kept under the data folder (stored_as).
	`CREATE TABLE registry_imports (
		id INTEGER PRIMARY KEY,
		imported_at TEXT NOT NULL,
		name TEXT NOT NULL,          -- the file as the user gave it
		sha256 TEXT NOT NULL,
		entries INTEGER NOT NULL,    -- institutions listed
		stored_as TEXT NOT NULL      -- the copy kept, relative to the data folder
	);`,
	// 3: the portal (issue 9): accounts, server-side sessions, the audit
	// log, failed logins (for throttling) and the files uploaded through
	// the portal, with the institution they were sent for. See users.go.
	`CREATE TABLE users (
		id INTEGER PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,  -- lower case
		role TEXT NOT NULL,          -- admin | staff | institution
		uai TEXT NOT NULL DEFAULT '', -- for an institution account
		password TEXT NOT NULL,      -- Argon2id, PHC string (salt and parameters inside)
		disabled INTEGER NOT NULL DEFAULT 0,
		created TEXT NOT NULL
	);
	CREATE TABLE sessions (
		token_sha256 TEXT PRIMARY KEY, -- the token itself is never stored
		user_id INTEGER NOT NULL REFERENCES users(id),
		created TEXT NOT NULL,
		expires TEXT NOT NULL,
		ended TEXT                   -- logout, password change, account disabled
	);
	CREATE INDEX sessions_user ON sessions(user_id);
	CREATE TABLE audit (
		id INTEGER PRIMARY KEY,
		at TEXT NOT NULL,
		actor TEXT NOT NULL,         -- e-mail of the account, or what was typed for a failed login
		address TEXT NOT NULL DEFAULT '',
		action TEXT NOT NULL,
		detail TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE login_failures (
		key TEXT NOT NULL,           -- account:<email> or address:<ip>
		at TEXT NOT NULL
	);
	CREATE INDEX login_failures_key ON login_failures(key, at);
	CREATE TABLE uploads (
		id INTEGER PRIMARY KEY,
		at TEXT NOT NULL,
		user_id INTEGER NOT NULL REFERENCES users(id),
		uai TEXT NOT NULL DEFAULT '', -- the institution it was sent for ('' : staff, consolidated)
		name TEXT NOT NULL,
		sha256 TEXT NOT NULL,
		size INTEGER NOT NULL,
		status TEXT NOT NULL,        -- accepted | rejected
		kept_as TEXT NOT NULL DEFAULT '', -- a refused file's bytes, relative to the data folder ('' once pruned)
		problems TEXT NOT NULL DEFAULT '' -- JSON: the refusals and warnings found at upload
	);
	CREATE INDEX uploads_uai ON uploads(uai);
	CREATE INDEX uploads_sha ON uploads(sha256);`,
}

// migrate applies the steps the store has not seen, recorded in
// PRAGMA user_version.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("the store has schema version %d, newer than this program's %d: use a newer c2isurvey", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
	}
	return nil
}

// SchemaVersion returns the store's schema version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
	return v, err
}

// tx runs fn in a transaction, committed if fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Times are stored as RFC 3339 text with nanoseconds, in UTC, so that they
// sort as text and read back exactly.
func fmtTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
