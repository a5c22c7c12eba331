package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"c2isurvey/ingest"
)

// Batch returns the whole record as an ingest.Batch but its facts, so that
// reports are drawn from the store exactly as from a stateless run over
// the same files in the order they were received: its Facts is nil, and
// Facts reads the facts that count one at a time, into the fact table,
// never into one slice of them all. It is a function of what was recorded
// and in which order only: no time of receipt, no run or row number shows
// through, so two stores that received the same files in the same order
// give identical batches, whatever runs were interrupted on the way.
func (s *Store) Batch(ctx context.Context) (*ingest.Batch, error) {
	recs, err := s.files(ctx, ``)
	if err != nil {
		return nil, err
	}
	// The submissions' keys alone: Facts reads the names and facts of
	// those that count.
	subs, err := s.submissionKeys(ctx)
	if err != nil {
		return nil, err
	}
	// The submissions by file, as indexes into subs sorted by file then
	// id: one slice, not a copy of each submission nor a slice a file
	// (with the keys read alone, 138 -> 100 MB allocated for 50,000
	// forms: BenchmarkBatch50k).
	byFile := make([]int32, len(subs))
	for i := range byFile {
		byFile[i] = int32(i)
	}
	slices.SortStableFunc(byFile, func(i, j int32) int { return cmp.Compare(subs[i].fileID, subs[j].fileID) })
	// fileOf returns the file of a submission: subs is in id order.
	fileOf := func(id int64) int64 {
		i, ok := slices.BinarySearchFunc(subs, id, func(s subKey, id int64) int { return cmp.Compare(s.id, id) })
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
		// Files are in id order: their submissions are the next in byFile.
		for len(byFile) > 0 && subs[byFile[0]].fileID < r.ID {
			byFile = byFile[1:] // of no file on record (cannot be)
		}
		n := 0
		for n < len(byFile) && subs[byFile[n]].fileID == r.ID {
			n++
		}
		if n > 0 {
			// Their UAI and year alone, as ingest.Resolve gives them: the
			// facts that count, with their names, are read by Facts.
			fr.Submissions = make([]ingest.Submission, n)
			for k, i := range byFile[:n] {
				fr.Submissions[k] = ingest.Submission{UAI: subs[i].uai, Year: subs[i].year}
			}
			byFile = byFile[n:]
		}
		b.Files = append(b.Files, fr)
		if r.Status == StatusDuplicate {
			b.Duplicates = append(b.Duplicates, ingest.Duplicate{File: r.Name, SameAs: r.DuplicateOf})
		}
	}
	// Replacements in the order they happened: by the replacing submission.
	var replaced []subKey
	for _, sub := range subs {
		if sub.replacedBy != 0 {
			replaced = append(replaced, sub)
		}
	}
	sortBy(replaced, func(x subKey) int64 { return x.replacedBy })
	for _, old := range replaced {
		b.Replacements = append(b.Replacements, ingest.Replacement{
			UAI: old.uai, Year: old.year, Old: names[old.fileID], New: names[fileOf(old.replacedBy)],
		})
	}
	return b, nil
}

// subKey is what Batch reads of a submission: 48 bytes, not a
// storedSub's 120.
type subKey struct {
	id, fileID, replacedBy int64
	uai                    string
	year                   int
}

// submissionKeys reads every submission's id, file, replacement, UAI and
// year (no name, no académie), in id order.
func (s *Store) submissionKeys(ctx context.Context) ([]subKey, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM submissions`).Scan(&n); err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, file_id, COALESCE(replaced_by, 0), uai, year FROM submissions ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	defer rows.Close()
	subs := make([]subKey, 0, n) // a hint: a writer may add some meanwhile
	var x subKey                 // scanned into once, copied into subs
	for rows.Next() {
		if err := rows.Scan(&x.id, &x.fileID, &x.replacedBy, &x.uai, &x.year); err != nil {
			return nil, fmt.Errorf("read submissions: %w", err)
		}
		subs = append(subs, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	return subs, nil
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

// Facts reads the facts that count (of the submissions not replaced) in
// the order ingest.Resolve gives them: by year, UAI, then each
// submission's own order. It calls size once with their number, then add
// with each fact, one at a time, and returns add's first error; size may
// be nil. Nothing of the record is held but the submissions that count:
// the facts go straight from the rows to add (to an
// aggregate.FactBuilder; issue 10: the record of 50,000 forms read into
// one slice took 248 MB before the fact table was built beside it). All is
// read from one snapshot of the record, whatever a writer commits
// meanwhile.
func (s *Store) Facts(ctx context.Context, size func(n int), add func(ingest.Fact) error) error {
	// Read-only: a deferred BEGIN, a snapshot from its first read, where
	// the store's other transactions take the write lock (_txlock).
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read facts: %w", err)
	}
	defer tx.Rollback()
	subs, err := currentSubmissions(ctx, tx)
	if err != nil {
		return err
	}
	if size != nil {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM submissions s CROSS JOIN facts x ON x.submission_id = s.id
			WHERE s.replaced_by IS NULL`).Scan(&n)
		if err != nil {
			return fmt.Errorf("read facts: %w", err)
		}
		size(n)
	}
	// The submissions that count are put in order (a few thousand rows)
	// and their facts read through the facts' key (submission, seq):
	// SQLite sorts nothing else, not the facts (MATERIALIZED keeps the
	// order it was given). Each submission's facts come in seq order that
	// way, but SQL does not promise it: they are put in it below.
	rows, err := tx.QueryContext(ctx, `WITH cur AS MATERIALIZED (
			SELECT id, year, uai FROM submissions WHERE replaced_by IS NULL ORDER BY year, uai, id)
		SELECT cur.id, x.seq, x.track, x.track_group, x.students, x.certificates, x.submitted_rate, x.sheet, x.cell
		FROM cur CROSS JOIN facts x ON x.submission_id = cur.id
		ORDER BY cur.year, cur.uai, cur.id`)
	if err != nil {
		return fmt.Errorf("read facts: %w", err)
	}
	defer rows.Close()
	// A submission's facts, held until the next one's first (seven for a
	// form, a few for an institution of a consolidated table).
	type seqFact struct {
		seq int64
		f   ingest.Fact
	}
	var sub []seqFact
	emit := func() error {
		if !slices.IsSortedFunc(sub, func(a, b seqFact) int { return cmp.Compare(a.seq, b.seq) }) {
			slices.SortFunc(sub, func(a, b seqFact) int { return cmp.Compare(a.seq, b.seq) })
		}
		for i := range sub {
			if err := add(sub[i].f); err != nil {
				return err
			}
		}
		clear(sub) // their texts are the fact table's now, or garbage
		sub = sub[:0]
		return nil
	}
	// Scanned into strings, not sql.RawBytes: the driver makes a string
	// of each text, which a string takes as it is, where RawBytes would
	// copy it and a string of it be made again. The fact table keeps each
	// distinct text once; the others are garbage at once.
	var (
		x     seqFact
		subID int64
		rate  sql.NullFloat64
		cur   = -1 // subs' index of the row's submission
	)
	for rows.Next() {
		f := &x.f
		if err := rows.Scan(&subID, &x.seq, &f.Track, &f.TrackGroup, &f.Students, &f.Certs, &rate, &f.Source.Sheet, &f.Source.Cell); err != nil {
			return fmt.Errorf("read facts: %w", err)
		}
		if cur < 0 || subs[cur].id != subID {
			if err := emit(); err != nil {
				return err
			}
			i, ok := slices.BinarySearchFunc(subs, subID, func(s currentSub, id int64) int { return cmp.Compare(s.id, id) })
			if !ok {
				return fmt.Errorf("read facts: submission %d is not on record", subID) // cannot be: one snapshot
			}
			cur = i
			c := &subs[cur]
			f.Year, f.UAI, f.Institution, f.Academie, f.Source.File = c.year, c.uai, c.institution, c.academie, c.file
		}
		f.SubmittedRate, f.HasRate = rate.Float64, rate.Valid
		sub = append(sub, x)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read facts: %w", err)
	}
	return emit()
}

// currentSub is a submission that counts, as its facts carry it.
type currentSub struct {
	id                               int64
	year                             int
	uai, institution, academie, file string
}

// currentSubmissions reads the submissions that count, in id order.
func currentSubmissions(ctx context.Context, tx *sql.Tx) ([]currentSub, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.year, s.uai, s.institution, s.academie, f.name
		FROM submissions s JOIN files f ON f.id = s.file_id WHERE s.replaced_by IS NULL ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	defer rows.Close()
	var subs []currentSub
	var x currentSub
	for rows.Next() {
		if err := rows.Scan(&x.id, &x.year, &x.uai, &x.institution, &x.academie, &x.file); err != nil {
			return nil, fmt.Errorf("read submissions: %w", err)
		}
		subs = append(subs, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read submissions: %w", err)
	}
	return subs, nil
}
