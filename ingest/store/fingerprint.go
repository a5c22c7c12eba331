package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strconv"
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
		// One row each: SQLite joins the rows itself, far cheaper than
		// scanning them one by one through database/sql.
		{`SELECT COUNT(*), group_concat(id || ',' || sha256 || ',' || status || ',' || layout || ',' || COALESCE(duplicate_of, 0), ';' ORDER BY id) FROM files`, 2},
		{`SELECT COUNT(*), group_concat(id || ',' || file_id || ',' || uai || ',' || year || ',' || COALESCE(replaced_by, 0), ';' ORDER BY id) FROM submissions`, 2},
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
	io.WriteString(h, query)
	buf := make([]byte, 0, 256)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		buf = buf[:0]
		for _, v := range vals {
			switch v := v.(type) {
			case nil:
			case int64:
				buf = strconv.AppendInt(buf, v, 10)
			case float64:
				buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			case string:
				buf = append(buf, v...)
			case []byte:
				buf = append(buf, v...)
			default:
				buf = fmt.Append(buf, v)
			}
			buf = append(buf, '\x1f') // values and rows delimited
		}
		buf = append(buf, '\x1e')
		h.Write(buf)
	}
	return rows.Err()
}
