package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"c2isurvey/ingest"
)

// FileRecord is one received file as recorded.
type FileRecord struct {
	ID          int64
	SHA256      string
	Name        string
	Size        int64
	ModTime     time.Time
	ReceivedAt  time.Time
	RunID       int64
	Status      string // accepted | rejected | duplicate
	Replaced    bool   // accepted, but every submission it carried was replaced by a later file
	Replaces    int    // how many earlier submissions this file's replaced
	Layout      int
	StoredAs    string
	DuplicateOf string // for a duplicate: the name of the first file with these bytes
	Placed      bool
	Refusals    []ingest.Problem
	Warnings    []ingest.Problem
}

// RecordFile puts a file on record in one transaction: the file, its
// problems, its submissions and facts, and the replacement of earlier
// submissions for the same institution and year. Bytes already on record
// make a duplicate record, with no submission and no warning, as in
// ingest.Resolve: the first copy carries them. A duplicate keeps its
// refusals, so that every refused file is listed with its reasons.
//
// res.File is the name the user dropped (relative to the inbox); storedAs
// is where the original is kept, relative to the data folder (archive/… or
// rejected/…). The order of calls is the order of receipt: a file recorded
// later replaces the submissions of earlier ones.
func (s *Store) RecordFile(ctx context.Context, runID int64, res ingest.FileResult, storedAs string, receivedAt time.Time) (FileRecord, error) {
	return s.RecordFileAs(ctx, 0, runID, res, storedAs, receivedAt)
}

// RecordFileAs is RecordFile under a chosen id: the one NextFile announced,
// written in the manifest before the record (0: the next one). An id not
// above every id on record is an error: ids only grow, so that a manifest
// line whose id was later given to another file is known never to have
// been recorded (see inbox's manifest). An id further on is accepted: a
// rebuild skips the ids of manifest lines it could not read.
func (s *Store) RecordFileAs(ctx context.Context, id, runID int64, res ingest.FileResult, storedAs string, receivedAt time.Time) (FileRecord, error) {
	if res.Hash == "" {
		return FileRecord{}, fmt.Errorf("record %s: no SHA-256: the file must be hashed before it is recorded", res.File)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = recordTx(ctx, tx, id, runID, res, storedAs, receivedAt)
		return err
	})
	if err != nil {
		return FileRecord{}, fmt.Errorf("record %s: %w", res.File, err)
	}
	recs, err := s.files(ctx, `WHERE f.id = ?`, id)
	if err != nil || len(recs) == 0 {
		return FileRecord{}, fmt.Errorf("record %s: read back: %w", res.File, errors.Join(err, sql.ErrNoRows))
	}
	return recs[0], nil
}

// recordTx records one file in tx under id (0: the next one), as
// RecordFileAs says, and returns its id.
func recordTx(ctx context.Context, tx *sql.Tx, id, runID int64, res ingest.FileResult, storedAs string, receivedAt time.Time) (int64, error) {
	next, status, first, err := nextFile(ctx, tx, res.Hash, res.Refused())
	if err != nil {
		return 0, err
	}
	switch {
	case id == 0:
		id = next
	case id < next:
		return 0, fmt.Errorf("file id %d is already taken (next is %d): the store changed since the id was chosen", id, next)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO files
		(id, sha256, name, size, mod_time, received_at, run_id, status, layout, stored_as, duplicate_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, res.Hash, res.File, res.Size, fmtTime(res.ModTime), fmtTime(receivedAt), nullID(runID),
		status, res.Layout, storedAs, first); err != nil {
		return 0, err
	}
	warnings := res.Warnings
	if status == StatusDuplicate {
		warnings = nil // counted once: the first copy carries them
	}
	seq := 0
	for _, group := range []struct {
		severity string
		ps       []ingest.Problem
	}{{"refusal", res.Refusals}, {"warning", warnings}} {
		for _, p := range group.ps {
			seq++
			if _, err := tx.ExecContext(ctx, `INSERT INTO problems (file_id, seq, severity, sheet, cell, kind, message)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, seq, group.severity, p.Sheet, p.Cell, p.Kind, p.Message); err != nil {
				return 0, err
			}
		}
	}
	if status != StatusAccepted {
		return id, nil // a refused file has no submission
	}
	ins, err := prepareInserts(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer ins.close()
	for _, sub := range res.Submissions {
		if err := ins.submission(ctx, id, sub); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// NextFile says what RecordFile would do now with a file of this hash,
// refused or not: the id the record takes and its status (accepted,
// rejected, duplicate). The caller holds the run lock, so nothing else
// records in between: the manifest line written from this answer is
// exactly what RecordFileAs then records.
func (s *Store) NextFile(ctx context.Context, hash string, refused bool) (id int64, status string, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, "", fmt.Errorf("next file: %w", err)
	}
	defer conn.Close()
	id, status, _, err = nextFile(ctx, conn, hash, refused)
	if err != nil {
		return 0, "", fmt.Errorf("next file: %w", err)
	}
	return id, status, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// nextFile is the one rule for a new record's id and status: the id after
// the highest on record; a duplicate if a non-duplicate record has these
// bytes (first is that record), else rejected if refused, else accepted.
func nextFile(ctx context.Context, q querier, hash string, refused bool) (id int64, status string, first sql.NullInt64, err error) {
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM files`).Scan(&id); err != nil {
		return 0, "", first, err
	}
	err = q.QueryRowContext(ctx, `SELECT id FROM files WHERE sha256 = ? AND status != 'duplicate'`, hash).Scan(&first)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", first, err
	}
	status = StatusAccepted
	switch {
	case first.Valid:
		status = StatusDuplicate
	case refused:
		status = StatusRejected
	}
	return id, status, first, nil
}

// inserts are the statements that record submissions, prepared once per
// file: a consolidated table gives one submission per institution and year,
// and preparing them for each of 400,000 took longer than the inserts.
type inserts struct {
	sub, replace, fact *sql.Stmt
}

func prepareInserts(ctx context.Context, tx *sql.Tx) (*inserts, error) {
	var ins inserts
	for _, x := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&ins.sub, `INSERT INTO submissions (file_id, uai, year, institution, academie) VALUES (?, ?, ?, ?, ?)`},
		{&ins.replace, `UPDATE submissions SET replaced_by = ?
		WHERE uai = ? AND year = ? AND replaced_by IS NULL AND id != ?`},
		{&ins.fact, `INSERT INTO facts
		(submission_id, seq, track, track_group, students, certificates, submitted_rate, sheet, cell)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, x.query)
		if err != nil {
			ins.close()
			return nil, err
		}
		*x.dst = st
	}
	return &ins, nil
}

func (ins *inserts) close() {
	for _, st := range []*sql.Stmt{ins.sub, ins.replace, ins.fact} {
		if st != nil {
			st.Close()
		}
	}
}

// submission records one submission and its facts, and marks the
// submission it replaces, if any.
func (ins *inserts) submission(ctx context.Context, fileID int64, sub ingest.Submission) error {
	rs, err := ins.sub.ExecContext(ctx, fileID, sub.UAI, sub.Year, sub.Institution, sub.Academie)
	if err != nil {
		return err
	}
	subID, err := rs.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := ins.replace.ExecContext(ctx, subID, sub.UAI, sub.Year, subID); err != nil {
		return err
	}
	for i, f := range sub.Facts {
		var rate sql.NullFloat64
		if f.HasRate {
			rate = sql.NullFloat64{Float64: f.SubmittedRate, Valid: true}
		}
		if _, err := ins.fact.ExecContext(ctx, subID, i, f.Track, f.TrackGroup, f.Students, f.Certs, rate, f.Source.Sheet, f.Source.Cell); err != nil {
			return err
		}
	}
	return nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id > 0} }

// MarkPlaced records that the originals of files have left the inbox, in
// one transaction.
func (s *Store) MarkPlaced(ctx context.Context, fileIDs ...int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE files SET placed = 1 WHERE id = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, id := range fileIDs {
			if _, err := st.ExecContext(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark files %v placed: %w", fileIDs, err)
	}
	return nil
}

// Unplaced returns the files on record whose original may still be in the
// inbox: a run was stopped between recording a file and removing it.
func (s *Store) Unplaced(ctx context.Context) ([]FileRecord, error) {
	return s.files(ctx, `WHERE f.placed = 0`)
}

// Files lists received files in the order they were received, all of them
// ("") or those with one status: accepted (and still counting), rejected,
// duplicate, or replaced (accepted, but all its submissions were replaced).
func (s *Store) Files(ctx context.Context, status string) ([]FileRecord, error) {
	var where string
	var args []any
	switch status {
	case "":
	case StatusAccepted, StatusRejected, StatusDuplicate:
		where, args = `WHERE f.status = ?`, []any{status}
	case "replaced":
		where = `WHERE f.status = 'accepted' AND ` + replacedExpr
	default:
		return nil, fmt.Errorf("unknown status %q", status)
	}
	if status == StatusAccepted {
		where += ` AND NOT ` + replacedExpr
	}
	return s.files(ctx, where, args...)
}

// replacedExpr is true for a file that carried submissions, all replaced.
const replacedExpr = `(EXISTS (SELECT 1 FROM submissions s WHERE s.file_id = f.id)
	AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.file_id = f.id AND s.replaced_by IS NULL))`

// files reads file records matching a clause on files f, with problems.
func (s *Store) files(ctx context.Context, clause string, args ...any) ([]FileRecord, error) {
	q := `SELECT f.id, f.sha256, f.name, f.size, f.mod_time, f.received_at, COALESCE(f.run_id, 0), f.status,
		f.layout, f.stored_as, COALESCE(d.name, ''), f.placed, ` + replacedExpr + `,
		(SELECT COUNT(*) FROM submissions n JOIN submissions o ON o.replaced_by = n.id WHERE n.file_id = f.id)
		FROM files f LEFT JOIN files d ON d.id = f.duplicate_of ` + clause + ` ORDER BY f.id`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read files: %w", err)
	}
	defer rows.Close()
	var out []FileRecord
	// Scanned into variables made once (one per row escaped to the heap).
	var r FileRecord
	var mod, recv string
	for rows.Next() {
		r = FileRecord{}
		if err := rows.Scan(&r.ID, &r.SHA256, &r.Name, &r.Size, &mod, &recv, &r.RunID, &r.Status,
			&r.Layout, &r.StoredAs, &r.DuplicateOf, &r.Placed, &r.Replaced, &r.Replaces); err != nil {
			return nil, fmt.Errorf("read files: %w", err)
		}
		r.ModTime, r.ReceivedAt = parseTime(mod), parseTime(recv)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read files: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := s.problems(ctx, out, clause, args); err != nil {
		return nil, err
	}
	return out, nil
}

// problems fills the refusals and warnings of recs, read with the same
// clause: one query for all, not one per file, as Batch reads every file.
func (s *Store) problems(ctx context.Context, recs []FileRecord, clause string, args []any) error {
	index := make(map[int64]int, len(recs))
	for i, r := range recs {
		index[r.ID] = i
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.file_id, p.severity, p.sheet, p.cell, p.kind, p.message FROM problems p
		WHERE p.file_id IN (SELECT f.id FROM files f `+clause+`) ORDER BY p.file_id, p.seq`, args...)
	if err != nil {
		return fmt.Errorf("read problems: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sev string
		var p ingest.Problem
		if err := rows.Scan(&id, &sev, &p.Sheet, &p.Cell, &p.Kind, &p.Message); err != nil {
			return fmt.Errorf("read problems: %w", err)
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		r := &recs[i]
		p.File = r.Name
		if sev == "refusal" {
			r.Refusals = append(r.Refusals, p)
		} else {
			r.Warnings = append(r.Warnings, p)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read problems: %w", err)
	}
	return nil
}

// FileIDs returns the ids of every file on record, in order.
func (s *Store) FileIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM files ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read file ids: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read file ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read file ids: %w", err)
	}
	return ids, nil
}
