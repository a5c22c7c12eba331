package aggregate

import (
	"cmp"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest/tracks"
)

// What happened to a figure since an edition (the change column).
const (
	// ChangeAdded: the institution and track had no figure in the edition
	// (a late answer, or a track a correction added).
	ChangeAdded = "added"
	// ChangeRemoved: the edition had a figure that counts no more (a
	// correction without that track, a withdrawn answer).
	ChangeRemoved = "removed"
	// ChangeChanged: the students or certificates differ.
	ChangeChanged = "changed"
)

// Column names of the revision tables.
const (
	ColChange     = "change"
	ColPrevSource = "previous_source_file"
)

var (
	// RevisionSchema: one row per institution and track of the year whose
	// students or certificates are not those of the edition, sorted by UAI
	// then track (dictionary order). previous_* are null for an added row,
	// students and certificates null for a removed one. previous_source_file
	// is the file the edition's figure came from (empty when added);
	// source_file the file the figure comes from now, that is the file that
	// changed it; for a removed row, the file the institution's answer for
	// the year comes from now (it no longer has that track), empty when the
	// institution has no answer left for the year. Names and académies are
	// today's, else the edition's.
	RevisionSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColChange, str, false),
		field(ColUAI, str, false), field(ColInstitution, str, false), field(ColAcademie, str, false),
		field(ColTrack, str, false), field(ColTrackGroup, str, false),
		field(ColPrevStudents, i64, true), field(ColPrevCerts, i64, true),
		field(ColStudents, i64, true), field(ColCerts, i64, true),
		field(ColPrevSource, str, false), field(ColSourceFile, str, false),
	}, nil)
	// RevisionTrackSchema: one row per track of the year whose total
	// students or certificates changed, in dictionary order; previous_* null
	// when the edition had no figure for the track, students and
	// certificates null when it has none now.
	RevisionTrackSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColChange, str, false),
		field(ColTrack, str, false), field(ColTrackGroup, str, false),
		field(ColPrevStudents, i64, true), field(ColPrevCerts, i64, true),
		field(ColStudents, i64, true), field(ColCerts, i64, true),
	}, nil)
)

// RevisionTotals are a year's national figures.
type RevisionTotals struct {
	Institutions, Students, Certs int64
}

// Revisions is what changed in one year's figures since an edition of that
// year was published (c2isurvey publish): a late answer, a correction, a
// withdrawn answer. Release frees its tables.
type Revisions struct {
	// Year is the academic year's ending year.
	Year int
	// Edition is the number of the edition compared with, and Published the
	// time it was published; BuildRevisions leaves them to the caller, who
	// knows the edition.
	Edition   int
	Published time.Time
	// Before are the year's national figures in the edition, After today's.
	Before, After RevisionTotals
	// Facts are the institution and track figures that changed
	// (RevisionSchema); Tracks the tracks whose totals changed
	// (RevisionTrackSchema).
	Facts, Tracks arrow.RecordBatch
}

// Changed reports whether any figure of the year changed since the edition.
func (r *Revisions) Changed() bool {
	return r != nil && r.Facts != nil && r.Facts.NumRows() > 0
}

// Release frees the tables.
func (r *Revisions) Release() {
	if r == nil {
		return
	}
	for _, rec := range []arrow.RecordBatch{r.Facts, r.Tracks} {
		if rec != nil {
			rec.Release()
		}
	}
}

// BuildRevisions compares the facts of year in an edition's fact table
// with those of the current one (both of FactSchema; rows of other years
// are ignored, so either may be a whole fact table). Figures are compared
// by institution (UAI) and track: only students and certificates count as a
// change, not a name, an académie or a file sent again with the same
// figures; a figure absent on one side compares as zero, so that a track
// declared with no student and no certificate neither comes nor goes. The caller releases the result.
func BuildRevisions(mem memory.Allocator, edition, current arrow.RecordBatch, year int, dict *tracks.Dictionary) (*Revisions, error) {
	if dict == nil {
		return nil, fmt.Errorf("revisions %d: no track dictionary", year)
	}
	ed, err := readFactCols(edition)
	if err != nil {
		return nil, fmt.Errorf("revisions %d: edition: %w", year, err)
	}
	cur, err := readFactCols(current)
	if err != nil {
		return nil, fmt.Errorf("revisions %d: current: %w", year, err)
	}

	type key struct{ uai, track string }
	type side struct {
		counts
		present    bool
		name, acad string
		group      string
		file       string
	}
	type pair struct{ before, after side }
	pairs := map[key]*pair{}
	// The file each institution's answer for the year comes from now: the
	// one that removed a track it no longer declares.
	answerFile := map[string]string{}
	y := int32(year)
	read := func(fc *factCols, after bool, tot *RevisionTotals) {
		uais := map[string]bool{}
		for i := 0; i < fc.n; i++ {
			if fc.year.Value(i) != y {
				continue
			}
			// The map keys and texts are copied (string(...)): arrow's
			// Value aliases the table's buffers, which the caller may
			// release before these revisions.
			k := key{string([]byte(fc.uai.Value(i))), string([]byte(fc.track.Value(i)))}
			p := pairs[k]
			if p == nil {
				p = &pair{}
				pairs[k] = p
			}
			s := &p.before
			if after {
				s = &p.after
			}
			if !s.present {
				s.present = true
				s.name = string([]byte(fc.inst.Value(i)))
				s.acad = string([]byte(fc.acad.Value(i)))
				s.group = string([]byte(fc.group.Value(i)))
				s.file = string([]byte(fc.file.Value(i)))
			}
			s.add(fc.students.Value(i), fc.certs.Value(i))
			tot.Students += fc.students.Value(i)
			tot.Certs += fc.certs.Value(i)
			uais[k.uai] = true
			if after {
				if _, ok := answerFile[k.uai]; !ok {
					answerFile[k.uai] = s.file
				}
			}
		}
		tot.Institutions = int64(len(uais))
	}
	r := &Revisions{Year: year}
	read(ed, false, &r.Before)
	read(cur, true, &r.After)

	order := func(a, b key) int {
		return cmp.Or(cmp.Compare(a.uai, b.uai), cmp.Compare(dict.Order(a.track), dict.Order(b.track)), cmp.Compare(a.track, b.track))
	}
	fb := array.NewRecordBuilder(mem, RevisionSchema)
	defer fb.Release()
	type trackSum struct {
		before, after counts
		inBefore      bool
		inAfter       bool
		group         string
	}
	byTrack := map[string]*trackSum{}
	appendOpt := func(b array.Builder, present bool, v int64) {
		if present {
			b.(*array.Int64Builder).Append(v)
		} else {
			b.AppendNull()
		}
	}
	for _, k := range sortedKeys(pairs, order) {
		p := pairs[k]
		b, a := p.before, p.after
		t := byTrack[k.track]
		if t == nil {
			t = &trackSum{}
			byTrack[k.track] = t
		}
		if b.present {
			t.before.add(b.students, b.certs)
			t.inBefore = true
			t.group = b.group
		}
		if a.present {
			t.after.add(a.students, a.certs)
			t.inAfter = true
			t.group = a.group
		}
		// A track declared with no student and no certificate changes no
		// figure when it comes or goes (a correction written without the
		// empty rows of the form): an absent figure compares as zero.
		if b.counts == a.counts {
			continue
		}
		change := changeOf(b.present, a.present)
		now := a
		if !a.present {
			now = b
			now.file = answerFile[k.uai]
		}
		fb.Field(0).(*array.Int32Builder).Append(y)
		fb.Field(1).(*array.StringBuilder).Append(change)
		fb.Field(2).(*array.StringBuilder).Append(k.uai)
		fb.Field(3).(*array.StringBuilder).Append(now.name)
		fb.Field(4).(*array.StringBuilder).Append(now.acad)
		fb.Field(5).(*array.StringBuilder).Append(k.track)
		fb.Field(6).(*array.StringBuilder).Append(now.group)
		appendOpt(fb.Field(7), b.present, b.students)
		appendOpt(fb.Field(8), b.present, b.certs)
		appendOpt(fb.Field(9), a.present, a.students)
		appendOpt(fb.Field(10), a.present, a.certs)
		fb.Field(11).(*array.StringBuilder).Append(b.file)
		fb.Field(12).(*array.StringBuilder).Append(now.file)
	}
	r.Facts = fb.NewRecordBatch()

	tb := array.NewRecordBuilder(mem, RevisionTrackSchema)
	defer tb.Release()
	trackOrder := func(a, b string) int { return cmp.Or(cmp.Compare(dict.Order(a), dict.Order(b)), cmp.Compare(a, b)) }
	for _, code := range sortedKeys(byTrack, trackOrder) {
		t := byTrack[code]
		if t.before == t.after {
			continue
		}
		change := changeOf(t.inBefore, t.inAfter)
		tb.Field(0).(*array.Int32Builder).Append(y)
		tb.Field(1).(*array.StringBuilder).Append(change)
		tb.Field(2).(*array.StringBuilder).Append(code)
		tb.Field(3).(*array.StringBuilder).Append(t.group)
		appendOpt(tb.Field(4), t.inBefore, t.before.students)
		appendOpt(tb.Field(5), t.inBefore, t.before.certs)
		appendOpt(tb.Field(6), t.inAfter, t.after.students)
		appendOpt(tb.Field(7), t.inAfter, t.after.certs)
	}
	r.Tracks = tb.NewRecordBatch()
	return r, nil
}

// changeOf is the kind of a change between two editions, for a figure or a
// track's total alike: added when the edition had none, removed when the
// data has none any more, changed otherwise.
func changeOf(inBefore, inAfter bool) string {
	switch {
	case !inBefore:
		return ChangeAdded
	case !inAfter:
		return ChangeRemoved
	}
	return ChangeChanged
}
