package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Fingerprint is a digest of everything on record that the reports are
// drawn from: each file's content hash, status, layout and what it
// duplicates, each submission and what replaced it, and the count and
// totals of the facts and problems. Two stores with the same fingerprint
// give the same batch; taking a file, a replacement or a rebuild that
// reads a file otherwise changes it. The nightly service compares it with
// the one of the last published reports to skip a redraw that would give
// the same bytes (docs/service.md). It reads rows, not files: a few tens of
// milliseconds for tens of thousands of files, a small part of a redraw.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	h := sha256.New()
	for _, q := range []struct {
		sql  string
		cols int
	}{
		{`SELECT id, sha256, status, layout, COALESCE(duplicate_of, 0) FROM files ORDER BY id`, 5},
		{`SELECT id, file_id, uai, year, COALESCE(replaced_by, 0) FROM submissions ORDER BY id`, 5},
		{`SELECT COUNT(*), COALESCE(MAX(submission_id), 0), TOTAL(students), TOTAL(certificates), TOTAL(submitted_rate) FROM facts`, 5},
		{`SELECT COUNT(*), COALESCE(MAX(file_id), 0) FROM problems`, 2},
	} {
		if err := hashRows(ctx, s, h, q.sql, q.cols); err != nil {
			return "", fmt.Errorf("store fingerprint: %w", err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashRows writes every row of query into h, each value as text, fields and
// rows delimited so that no two results write the same bytes.
func hashRows(ctx context.Context, s *Store, h hash.Hash, query string, cols int) error {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, cols)
	ptrs := make([]any, cols)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	fmt.Fprintf(h, "%s\n", query)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for _, v := range vals {
			fmt.Fprintf(h, "%v\x1f", v)
		}
		h.Write([]byte{'\x1e'})
	}
	return rows.Err()
}
