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
	// The submissions without their facts: the facts that count are read
	// straight into b.Facts, in their final order, below.
	subs, err := s.submissions(ctx, false, ``)
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
	names := make(map[int64]string, len(recs))
	b := &ingest.Batch{}
	if len(recs) > 0 { // an empty record has nil files
		b.Files = make([]ingest.FileResult, 0, len(recs))
	}
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
	if b.Facts, err = s.currentFacts(ctx, subs); err != nil {
		return nil, err
	}
	return b, nil
}

// Submissions returns every submission ever received for an institution
// and year, oldest first, the replaced ones and the current one; ReplacedBy
// names the file that replaced each.
func (s *Store) Submissions(ctx context.Context, uai string, year int) ([]HistoryEntry, error) {
	subs, err := s.submissions(ctx, true, `WHERE s.uai = ? AND s.year = ?`, uai, year)
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

// submissions reads submissions (matching a clause on submissions s), with
// their facts if withFacts, in the order they were recorded.
func (s *Store) submissions(ctx context.Context, withFacts bool, clause string, args ...any) ([]storedSub, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.file_id, COALESCE(s.replaced_by, 0), s.uai, s.year, s.institution, s.academie, f.name
		FROM submissions s JOIN files f ON f.id = s.file_id `+clause+` ORDER BY s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	var subs []storedSub
	index := map[int64]int{}
	var x storedSub // scanned into once, copied into subs
	for rows.Next() {
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
	if !withFacts {
		return subs, nil
	}
	// One query for all facts beats one per submission on large stores.
	factClause := `WHERE x.submission_id IN (SELECT s.id FROM submissions s ` + clause + `)`
	frows, err := s.db.QueryContext(ctx, `SELECT x.submission_id, x.track, x.track_group, x.students, x.certificates,
		x.submitted_rate, x.sheet, x.cell FROM facts x `+factClause+` ORDER BY x.submission_id, x.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	defer frows.Close()
	intern := newInterner()
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

// newInterner returns a function giving one string for equal bytes:
// tracks, groups, sheets and cells repeat across hundreds of thousands of
// facts (a third less memory for Batch on a 50,000-submission store).
func newInterner() func(sql.RawBytes) string {
	strs := map[string]string{}
	return func(b sql.RawBytes) string {
		if v, ok := strs[string(b)]; ok {
			return v
		}
		v := string(b)
		strs[v] = v
		return v
	}
}

// currentFacts reads the facts of the submissions that count (not
// replaced) into one slice of exactly their number, each at its place in
// the order ingest.Resolve gives (by year, UAI, then each submission's
// own order): the submissions are put in that order first, from their
// counts of facts, and the facts, read in the table's own order, land at
// their submission's offset. No copy per submission and no sort of the
// facts, by the database or after (issue 10: Batch of a 50,000-form store
// allocated half a gigabyte). subs are the submissions in id order.
func (s *Store) currentFacts(ctx context.Context, subs []storedSub) ([]ingest.Fact, error) {
	index := func(id int64) (int, bool) {
		return slices.BinarySearchFunc(subs, id, func(s storedSub, id int64) int { return cmp.Compare(s.id, id) })
	}
	counts := make([]int, len(subs))
	crows, err := s.db.QueryContext(ctx, `SELECT submission_id, COUNT(*) FROM facts GROUP BY submission_id`)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	for crows.Next() {
		var id int64
		var n int
		if err := crows.Scan(&id, &n); err != nil {
			crows.Close()
			return nil, fmt.Errorf("read facts: %w", err)
		}
		if i, ok := index(id); ok && subs[i].replacedBy == 0 {
			counts[i] = n
		}
	}
	crows.Close()
	if err := crows.Err(); err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	order := make([]int, 0, len(subs))
	for i := range subs {
		if counts[i] > 0 {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := &subs[a], &subs[b]
		return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.UAI, y.UAI), cmp.Compare(x.id, y.id))
	})
	offset := make([]int, len(subs))
	n := 0
	for _, i := range order {
		offset[i] = n
		n += counts[i]
	}
	if n == 0 {
		return nil, nil // an empty record has nil facts, as ingest.Resolve gives
	}
	rows, err := s.db.QueryContext(ctx, `SELECT submission_id, track, track_group, students, certificates,
		submitted_rate, sheet, cell FROM facts ORDER BY submission_id, seq`)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	defer rows.Close()
	facts := make([]ingest.Fact, n)
	placed := make([]int, len(subs)) // facts placed, by submission
	intern := newInterner()
	var track, group, sheet, cell sql.RawBytes
	var cur int
	var curID int64 = -1
	// Scanned into variables made once: a Fact per row passed to Scan
	// escapes to the heap, a third of what Batch allocated.
	var subID, students, certs int64
	var rate sql.NullFloat64
	for rows.Next() {
		if err := rows.Scan(&subID, &track, &group, &students, &certs, &rate, &sheet, &cell); err != nil {
			return nil, fmt.Errorf("read facts: %w", err)
		}
		if subID != curID {
			i, ok := index(subID)
			if !ok {
				i = -1
			}
			cur, curID = i, subID
		}
		if cur < 0 || counts[cur] == 0 || placed[cur] >= counts[cur] {
			continue // replaced, or (cannot be) more facts than counted
		}
		sub := &subs[cur]
		facts[offset[cur]+placed[cur]] = ingest.Fact{
			Year: sub.Year, UAI: sub.UAI, Institution: sub.Institution, Academie: sub.Academie,
			Track: intern(track), TrackGroup: intern(group), Students: students, Certs: certs,
			SubmittedRate: rate.Float64, HasRate: rate.Valid,
			Source: ingest.Location{File: sub.fileName, Sheet: intern(sheet), Cell: intern(cell)},
		}
		placed[cur]++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	for _, i := range order {
		if placed[i] != counts[i] {
			return nil, fmt.Errorf("read facts: submission %d has %d facts, %d counted", subs[i].id, placed[i], counts[i])
		}
	}
	return facts, nil
}
