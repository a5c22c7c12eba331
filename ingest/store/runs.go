package store

import (
	"context"
	"fmt"
	"time"
)

// Outcome of a run.
const (
	OutcomeOK          = "ok"
	OutcomeFailed      = "failed"
	OutcomeInterrupted = "interrupted"
)

// Counts are what a run did with the files it found: the one definition
// of the figures a run reports, on the terminal, in the runs table and on
// the portal.
type Counts struct {
	// Seen counts the files found in the inbox that were not ignored: those
	// taken and those left for later (Pending).
	Seen, Accepted, Rejected, Duplicates int
	Replaced                             int // earlier submissions replaced
	Pending                              int // left in the inbox for a later run
}

// Run is one pass of the nightly service (or of a run command).
type Run struct {
	ID      int64
	Started time.Time
	Ended   time.Time // zero while running, or if the process died
	Outcome string    // ok | failed | interrupted; "" while running
	Message string
	Counts
}

// BeginRun records the start of a run and returns its id.
func (s *Store) BeginRun(ctx context.Context, started time.Time) (int64, error) {
	rs, err := s.db.ExecContext(ctx, `INSERT INTO runs (started) VALUES (?)`, fmtTime(started))
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	id, err := rs.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	return id, nil
}

// FinishRun records the end of run id: r's end time, outcome, message and
// counts (r.ID and r.Started are not used).
func (s *Store) FinishRun(ctx context.Context, id int64, r Run) error {
	switch r.Outcome {
	case OutcomeOK, OutcomeFailed, OutcomeInterrupted:
	default:
		return fmt.Errorf("finish run %d: unknown outcome %q", id, r.Outcome)
	}
	rs, err := s.db.ExecContext(ctx, `UPDATE runs SET ended = ?, outcome = ?, message = ?,
		seen = ?, accepted = ?, rejected = ?, duplicates = ?, replaced = ?, pending = ? WHERE id = ?`,
		fmtTime(r.Ended), r.Outcome, r.Message, r.Seen, r.Accepted, r.Rejected, r.Duplicates, r.Replaced, r.Pending, id)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if n, err := rs.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("finish run %d: no such run", id)
	}
	return nil
}

// MarkInterrupted closes the runs that never ended: their process died (a
// run holds the run lock, so at start-up no other run can be in progress).
// It returns how many runs it closed.
func (s *Store) MarkInterrupted(ctx context.Context) (int, error) {
	rs, err := s.db.ExecContext(ctx, `UPDATE runs SET outcome = ?,
		message = 'le processus s''est arrêté avant la fin de la passe' WHERE outcome IS NULL`, OutcomeInterrupted)
	if err != nil {
		return 0, fmt.Errorf("mark interrupted runs: %w", err)
	}
	n, err := rs.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("mark interrupted runs: %w", err)
	}
	return int(n), nil
}

// Runs returns the latest runs, newest first; limit <= 0 means all.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, started, COALESCE(ended, ''), COALESCE(outcome, ''), message,
		seen, accepted, rejected, duplicates, replaced, pending FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var started, ended string
		if err := rows.Scan(&r.ID, &started, &ended, &r.Outcome, &r.Message,
			&r.Seen, &r.Accepted, &r.Rejected, &r.Duplicates, &r.Replaced, &r.Pending); err != nil {
			return nil, fmt.Errorf("read runs: %w", err)
		}
		r.Started = parseTime(started)
		if ended != "" {
			r.Ended = parseTime(ended)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	return out, nil
}

// RestoreRun puts a run back on record under its own id, as a rebuild
// does: the files of a run refer to it, and the next run must take a number
// after every run whose reports are published (reports/run-NNNNNN). An
// existing run of that id is replaced.
func (s *Store) RestoreRun(ctx context.Context, r Run) error {
	switch r.Outcome {
	case OutcomeOK, OutcomeFailed, OutcomeInterrupted:
	default:
		return fmt.Errorf("restore run %d: unknown outcome %q", r.ID, r.Outcome)
	}
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO runs
		(id, started, ended, outcome, message, seen, accepted, rejected, duplicates, replaced, pending)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, fmtTime(r.Started), fmtTime(r.Ended), r.Outcome, r.Message,
		r.Seen, r.Accepted, r.Rejected, r.Duplicates, r.Replaced, r.Pending)
	if err != nil {
		return fmt.Errorf("restore run %d: %w", r.ID, err)
	}
	return nil
}

// RunCounts counts what the files on record of run id became: received
// (seen), accepted, rejected, duplicates, and earlier submissions they
// replaced. A rebuild gives them to the runs it restores.
func (s *Store) RunCounts(ctx context.Context, id int64) (Run, error) {
	r := Run{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(status = 'accepted'), 0), COALESCE(SUM(status = 'rejected'), 0), COALESCE(SUM(status = 'duplicate'), 0),
		(SELECT COUNT(*) FROM submissions o JOIN submissions n ON o.replaced_by = n.id JOIN files f ON f.id = n.file_id WHERE f.run_id = ?)
		FROM files WHERE run_id = ?`, id, id).Scan(&r.Seen, &r.Accepted, &r.Rejected, &r.Duplicates, &r.Replaced)
	if err != nil {
		return r, fmt.Errorf("count run %d: %w", id, err)
	}
	return r, nil
}

// Checkpoint writes the whole write-ahead log into the store file and
// empties it, so that the file alone holds the record (before it is moved).
func (s *Store) Checkpoint(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint store: %w", err)
	}
	return nil
}
