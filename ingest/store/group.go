package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"c2isurvey/ingest"
)

// Taking files in is bounded by the disk, not by the work: a transaction
// per file costs a commit (an fsync of the write-ahead log) and the
// inbox's steps around it as many more, milliseconds a file however small
// (issue 10: 31 s for 10,000 forms). NextFiles and RecordFilesAs do for
// a group of files what NextFile and RecordFileAs do for one, in one query
// round and one transaction, under the same rule (nextFile): the inbox
// groups the files it takes, with one manifest write and one commit a
// group (see inbox's package comment for why a group killed midway is
// safe).

// Incoming is a file to record with RecordFilesAs.
type Incoming struct {
	ID         int64 // the id NextFiles announced (0: the next one)
	Result     ingest.FileResult
	StoredAs   string
	ReceivedAt time.Time
}

// NextFiles says what RecordFilesAs would do now with files of these
// hashes, refused or not, recorded together in this order: their ids (one
// after another from the next) and statuses. A file whose bytes an earlier
// file of the group carries (and which is not itself a duplicate) is a
// duplicate, as it will be once that one is recorded.
func (s *Store) NextFiles(ctx context.Context, hashes []string, refused []bool) (ids []int64, statuses []string, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("next files: %w", err)
	}
	defer conn.Close()
	first := map[string]bool{} // hashes of the group's non-duplicates so far
	for i, h := range hashes {
		id, status, _, err := nextFile(ctx, conn, h, refused[i])
		if err != nil {
			return nil, nil, fmt.Errorf("next files: %w", err)
		}
		if status != StatusDuplicate && first[h] {
			status = StatusDuplicate
		}
		if status != StatusDuplicate {
			first[h] = true
		}
		ids = append(ids, id+int64(i))
		statuses = append(statuses, status)
	}
	return ids, statuses, nil
}

// RecordFilesAs is RecordFileAs for files taken together, in order, in one
// transaction: all are recorded or none.
func (s *Store) RecordFilesAs(ctx context.Context, runID int64, files []Incoming) ([]FileRecord, error) {
	if len(files) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(files))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for i, f := range files {
			if f.Result.Hash == "" {
				return fmt.Errorf("record %s: no SHA-256: the file must be hashed before it is recorded", f.Result.File)
			}
			id, err := recordTx(ctx, tx, f.ID, runID, f.Result, f.StoredAs, f.ReceivedAt)
			if err != nil {
				return fmt.Errorf("record %s: %w", f.Result.File, err)
			}
			ids[i] = id
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	recs, err := s.files(ctx, `WHERE f.id >= ? AND f.id <= ?`, ids[0], ids[len(ids)-1])
	if err != nil {
		return nil, fmt.Errorf("record files: read back: %w", err)
	}
	byID := make(map[int64]FileRecord, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	out := make([]FileRecord, len(files))
	for i, id := range ids {
		r, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("record %s: read back: %w", files[i].Result.File, sql.ErrNoRows)
		}
		out[i] = r
	}
	return out, nil
}
