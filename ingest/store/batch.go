package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"c2isurvey/ingest"
)

// Batch returns the whole record as an ingest.Batch, so that reports are
// drawn from the store exactly as from a stateless run over the same files
// in the order they were received. It is a function of what was recorded
// and in which order only: no time of receipt, no run or row number shows
// through, so two stores that received the same files in the same order
// give identical batches, whatever runs were interrupted on the way.
func (s *Store) Batch(ctx context.Context) (*ingest.Batch, error) {
	recs, err := s.files(ctx, ``)
	if err != nil {
		return nil, err
	}
	subs, err := s.submissions(ctx, ``)
	if err != nil {
		return nil, err
	}
	// Indexes into subs, not copies: a storedSub is 130 bytes, and a copy
	// per file and per id cost 200 MB for a table of 400,000 institutions.
	byFile := map[int64][]int{}
	for i, sub := range subs {
		byFile[sub.fileID] = append(byFile[sub.fileID], i)
	}
	// fileOf returns the file of a submission: subs is in id order.
	fileOf := func(id int64) int64 {
		i, ok := slices.BinarySearchFunc(subs, id, func(s storedSub, id int64) int { return cmp.Compare(s.id, id) })
		if !ok {
			return 0
		}
		return subs[i].fileID
	}
	names := map[int64]string{}
	b := &ingest.Batch{}
	for _, r := range recs {
		names[r.ID] = r.Name
		fr := ingest.FileResult{
			File: r.Name, Hash: r.SHA256, Size: r.Size, ModTime: r.ModTime, Layout: r.Layout,
			Refusals: r.Refusals, Warnings: r.Warnings,
		}
		for _, i := range byFile[r.ID] {
			// Its UAI and year alone, as ingest.Resolve gives them: the
			// facts that count, with their names, are in b.Facts, once.
			fr.Submissions = append(fr.Submissions, ingest.Submission{UAI: subs[i].UAI, Year: subs[i].Year})
		}
		b.Files = append(b.Files, fr)
		if r.Status == StatusDuplicate {
			b.Duplicates = append(b.Duplicates, ingest.Duplicate{File: r.Name, SameAs: r.DuplicateOf})
		}
	}
	// Replacements in the order they happened: by the replacing submission.
	var replaced []storedSub
	for _, sub := range subs {
		if sub.replacedBy != 0 {
			replaced = append(replaced, sub)
		}
	}
	sortBy(replaced, func(x storedSub) int64 { return x.replacedBy })
	for _, old := range replaced {
		b.Replacements = append(b.Replacements, ingest.Replacement{
			UAI: old.UAI, Year: old.Year, Old: names[old.fileID], New: names[fileOf(old.replacedBy)],
		})
	}
	n := 0
	for _, sub := range subs {
		if sub.replacedBy == 0 {
			n += len(sub.Facts)
		}
	}
	if n > 0 { // an empty record has nil facts, as ingest.Resolve gives
		b.Facts = make([]ingest.Fact, 0, n)
	}
	for _, sub := range subs {
		if sub.replacedBy == 0 {
			b.Facts = append(b.Facts, sub.Facts...)
		}
	}
	sortFacts(b.Facts)
	return b, nil
}

// Submissions returns every submission ever received for an institution
// and year, oldest first, the replaced ones and the current one; ReplacedBy
// names the file that replaced each.
func (s *Store) Submissions(ctx context.Context, uai string, year int) ([]HistoryEntry, error) {
	subs, err := s.submissions(ctx, `WHERE s.uai = ? AND s.year = ?`, uai, year)
	if err != nil {
		return nil, err
	}
	var out []HistoryEntry
	for _, sub := range subs {
		h := HistoryEntry{Submission: sub.Submission, File: sub.fileName}
		if sub.replacedBy != 0 {
			err := s.db.QueryRowContext(ctx, `SELECT f.name FROM submissions s JOIN files f ON f.id = s.file_id WHERE s.id = ?`,
				sub.replacedBy).Scan(&h.ReplacedBy)
			if err != nil {
				return nil, fmt.Errorf("history of %s %d: %w", uai, year, err)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// HistoryEntry is one submission for an institution and year.
type HistoryEntry struct {
	ingest.Submission
	File       string // the file it came in
	ReplacedBy string // the file that replaced it; "" if it counts
}

type storedSub struct {
	ingest.Submission
	id, fileID, replacedBy int64
	fileName               string
}

// submissions reads submissions (matching a clause on submissions s) with
// their facts, in the order they were recorded.
func (s *Store) submissions(ctx context.Context, clause string, args ...any) ([]storedSub, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.file_id, COALESCE(s.replaced_by, 0), s.uai, s.year, s.institution, s.academie, f.name
		FROM submissions s JOIN files f ON f.id = s.file_id `+clause+` ORDER BY s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	var subs []storedSub
	index := map[int64]int{}
	for rows.Next() {
		var x storedSub
		if err := rows.Scan(&x.id, &x.fileID, &x.replacedBy, &x.UAI, &x.Year, &x.Institution, &x.Academie, &x.fileName); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read submissions: %w", err)
		}
		index[x.id] = len(subs)
		subs = append(subs, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	if len(subs) == 0 {
		return nil, nil
	}
	// One query for all facts beats one per submission on large stores.
	factClause := `WHERE x.submission_id IN (SELECT s.id FROM submissions s ` + clause + `)`
	frows, err := s.db.QueryContext(ctx, `SELECT x.submission_id, x.track, x.track_group, x.students, x.certificates,
		x.submitted_rate, x.sheet, x.cell FROM facts x `+factClause+` ORDER BY x.submission_id, x.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	defer frows.Close()
	// Tracks, groups, sheets and cells repeat across hundreds of thousands
	// of facts: one string each, not one per fact (a third less memory
	// for Batch on a 50,000-submission store).
	strs := map[string]string{}
	intern := func(b sql.RawBytes) string {
		if v, ok := strs[string(b)]; ok {
			return v
		}
		v := string(b)
		strs[v] = v
		return v
	}
	var track, group, sheet, cell sql.RawBytes
	for frows.Next() {
		var subID int64
		var f ingest.Fact
		var rate sql.NullFloat64
		if err := frows.Scan(&subID, &track, &group, &f.Students, &f.Certs, &rate, &sheet, &cell); err != nil {
			return nil, fmt.Errorf("read facts: %w", err)
		}
		f.Track, f.TrackGroup, f.Source.Sheet, f.Source.Cell = intern(track), intern(group), intern(sheet), intern(cell)
		i, ok := index[subID]
		if !ok {
			continue
		}
		sub := &subs[i]
		f.Year, f.UAI, f.Institution, f.Academie = sub.Year, sub.UAI, sub.Institution, sub.Academie
		f.SubmittedRate, f.HasRate = rate.Float64, rate.Valid
		f.Source.File = sub.fileName
		sub.Facts = append(sub.Facts, f)
	}
	return subs, frows.Err()
}
