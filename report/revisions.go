package report

import (
	"context"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
)

// RevisionsCSV is the table of what changed in each published year since
// its latest edition (c2isurvey publish, docs/editions.md).
const RevisionsCSV = "revisions.csv"

// Levels of a revisions.csv row.
const (
	revLevelNational    = "national"
	revLevelTrack       = "track"
	revLevelInstitution = "institution"
	revUnchanged        = "unchanged"
)

// revisionsOutputs is revisions.csv, written only when some year has an
// edition (in.Revisions not empty): a report with no edition behind it (a
// stateless report, a data folder never published) has nothing to revise,
// and its folder stays as it was before editions existed.
func revisionsOutputs(in Input) ([]output, error) {
	if len(in.Revisions) == 0 {
		return nil, nil
	}
	return []output{{name: RevisionsCSV, write: func(ctx context.Context, w io.Writer) error { return writeRevisionsCSV(ctx, w, in) }}}, nil
}

// revisionYears returns the years of in.Revisions in order.
func revisionYears(revs map[int]*aggregate.Revisions) []int {
	var ys []int
	for y, r := range revs {
		if r != nil {
			ys = append(ys, y)
		}
	}
	slices.Sort(ys)
	return ys
}

// writeRevisionsCSV writes year,edition,published,level,change,uai,
// institution,academie,track,previous_students,previous_certificates,
// students,certificates,previous_file,file: for each year with an edition,
// a national row (change "changed" or "unchanged", the year's totals in
// the edition and now), then a row per track whose totals changed, then a
// row per institution and track whose figures changed, naming the file of
// the edition's figure and the file of today's (the one that changed it).
// published is the edition's date (YYYY-MM-DD, UTC). An absent figure (an
// added or removed row) is an empty field.
func writeRevisionsCSV(ctx context.Context, w io.Writer, in Input) error {
	recs := [][]string{{"year", "edition", "published", "level", "change", "uai", "institution", "academie", "track",
		"previous_students", "previous_certificates", "students", "certificates", "previous_file", "file"}}
	for _, y := range revisionYears(in.Revisions) {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := in.Revisions[y]
		head := []string{strconv.Itoa(y), strconv.Itoa(r.Edition), r.Published.UTC().Format(time.DateOnly)}
		change := revUnchanged
		if r.Changed() {
			change = aggregate.ChangeChanged
		}
		recs = append(recs, append(slices.Clone(head), revLevelNational, change, "", "", "", "",
			strconv.FormatInt(r.Before.Students, 10), strconv.FormatInt(r.Before.Certs, 10),
			strconv.FormatInt(r.After.Students, 10), strconv.FormatInt(r.After.Certs, 10), "", ""))
		tracks, err := readRevisionTracks(r.Tracks)
		if err != nil {
			return err
		}
		for _, t := range tracks {
			recs = append(recs, append(slices.Clone(head), revLevelTrack, t.change, "", "", "", csvText(t.track),
				t.prevStudents.csv(), t.prevCerts.csv(), t.students.csv(), t.certs.csv(), "", ""))
		}
		facts, err := readRevisionFacts(r.Facts)
		if err != nil {
			return err
		}
		for i, f := range facts {
			if i%rowsBetweenChecks == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			recs = append(recs, append(slices.Clone(head), revLevelInstitution, f.change, csvText(f.uai), csvText(f.name),
				csvText(f.acad), csvText(f.track), f.prevStudents.csv(), f.prevCerts.csv(), f.students.csv(), f.certs.csv(),
				csvText(f.prevFile), csvText(f.file)))
		}
	}
	return writeCSV(w, recs)
}

// optInt is a nullable count: ok is false where the table holds null (a
// figure an added or removed row does not have).
type optInt struct {
	v  int64
	ok bool
}

func tabIntAt(a *array.Int64, i int) optInt {
	if a.IsNull(i) {
		return optInt{}
	}
	return optInt{v: a.Value(i), ok: true}
}

// csv writes the count, empty for null.
func (o optInt) csv() string {
	if !o.ok {
		return ""
	}
	return strconv.FormatInt(o.v, 10)
}

// revisionTrack is a row of aggregate.RevisionTrackSchema.
type revisionTrack struct {
	change, track, group                     string
	prevStudents, prevCerts, students, certs optInt
}

// revisionFact is a row of aggregate.RevisionSchema: a revisionTrack's
// columns, with the institution and the files.
type revisionFact struct {
	revisionTrack
	uai, name, acad string
	prevFile, file  string
}

// revisionCounts are the columns both revision tables share: the change,
// the track, its group and the counts before and after.
type revisionCounts struct {
	change, track, group *array.String
	ps, pc, s, k         *array.Int64
}

func newRevisionCounts(c *tabColumns) revisionCounts {
	return revisionCounts{
		change: tabColumn[*array.String](c, aggregate.ColChange),
		track:  tabColumn[*array.String](c, aggregate.ColTrack),
		group:  tabColumn[*array.String](c, aggregate.ColTrackGroup),
		ps:     tabColumn[*array.Int64](c, aggregate.ColPrevStudents),
		pc:     tabColumn[*array.Int64](c, aggregate.ColPrevCerts),
		s:      tabColumn[*array.Int64](c, aggregate.ColStudents),
		k:      tabColumn[*array.Int64](c, aggregate.ColCerts),
	}
}

func (r revisionCounts) at(i int) revisionTrack {
	return revisionTrack{change: r.change.Value(i), track: r.track.Value(i), group: r.group.Value(i),
		prevStudents: tabIntAt(r.ps, i), prevCerts: tabIntAt(r.pc, i), students: tabIntAt(r.s, i), certs: tabIntAt(r.k, i)}
}

func readRevisionTracks(rec arrow.RecordBatch) ([]revisionTrack, error) {
	c := newTabColumns(rec, "revision tracks")
	counts := newRevisionCounts(c)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]revisionTrack, c.rows())
	for i := range out {
		out[i] = counts.at(i)
	}
	return out, nil
}

func readRevisionFacts(rec arrow.RecordBatch) ([]revisionFact, error) {
	c := newTabColumns(rec, "revisions")
	counts := newRevisionCounts(c)
	uai := tabColumn[*array.String](c, aggregate.ColUAI)
	name := tabColumn[*array.String](c, aggregate.ColInstitution)
	acad := tabColumn[*array.String](c, aggregate.ColAcademie)
	pf := tabColumn[*array.String](c, aggregate.ColPrevSource)
	f := tabColumn[*array.String](c, aggregate.ColSourceFile)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]revisionFact, c.rows())
	for i := range out {
		out[i] = revisionFact{revisionTrack: counts.at(i), uai: uai.Value(i), name: name.Value(i), acad: acad.Value(i),
			prevFile: pf.Value(i), file: f.Value(i)}
	}
	return out, nil
}

// fileName is the name a report shows for a file on record: its last
// element, without the folders it was dropped in (a path says nothing to a
// reader and may name a person's folder).
func fileName(p string) string {
	if p == "" {
		return ""
	}
	return path.Base(strings.ReplaceAll(p, "\\", "/"))
}

// DataAsOf is the date the data of a year was taken: the latest
// modification time of the accepted files that gave data for that year or
// an earlier one (as the source line of the year's report says). publish
// records it in an edition.
func DataAsOf(batch *ingest.Batch, year int) time.Time { return dataAsOf(batch, year) }
