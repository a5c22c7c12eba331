package store

import (
	"context"
	"fmt"
	"time"
)

// RegistryImport is one import of the registry of expected respondents
// (c2isurvey registry import): which file, when, its content's hash, how
// many institutions it listed, and where its copy is kept.
type RegistryImport struct {
	ID         int64
	ImportedAt time.Time
	Name       string // the file as the user gave it
	SHA256     string // hex SHA-256 of its bytes
	Entries    int
	StoredAs   string // the copy kept, relative to the data folder
}

// RecordRegistryImport records an import and returns its id.
func (s *Store) RecordRegistryImport(ctx context.Context, r RegistryImport) (int64, error) {
	rs, err := s.db.ExecContext(ctx, `INSERT INTO registry_imports (imported_at, name, sha256, entries, stored_as) VALUES (?, ?, ?, ?, ?)`,
		fmtTime(r.ImportedAt), r.Name, r.SHA256, r.Entries, r.StoredAs)
	if err != nil {
		return 0, fmt.Errorf("record registry import: %w", err)
	}
	id, err := rs.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("record registry import: %w", err)
	}
	return id, nil
}

// RegistryImports returns every import, oldest first (the last one is the
// registry in force, unless the data folder's file was changed since).
func (s *Store) RegistryImports(ctx context.Context) ([]RegistryImport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, imported_at, name, sha256, entries, stored_as FROM registry_imports ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list registry imports: %w", err)
	}
	defer rows.Close()
	var out []RegistryImport
	for rows.Next() {
		var r RegistryImport
		var at string
		if err := rows.Scan(&r.ID, &at, &r.Name, &r.SHA256, &r.Entries, &r.StoredAs); err != nil {
			return nil, fmt.Errorf("list registry imports: %w", err)
		}
		r.ImportedAt = parseTime(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list registry imports: %w", err)
	}
	return out, nil
}
