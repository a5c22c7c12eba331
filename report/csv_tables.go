package report

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
)

// This file reads the small aggregate tables into plain rows, once, so that
// the CSV and workbook writers share one place that knows the Arrow column
// names and types. The fact table, which can be large, is read column-wise by
// the workbook's data sheet instead (see factColumns).

// optFloat is a nullable fraction: ok is false where the table holds null
// (a rate or share whose denominator is zero).
type optFloat struct {
	v  float64
	ok bool
}

func tabFloatAt(a *array.Float64, i int) optFloat {
	if a.IsNull(i) {
		return optFloat{}
	}
	return optFloat{v: a.Value(i), ok: true}
}

type tabNational struct {
	year                          int
	institutions, students, certs int64
	rate                          optFloat
}

type tabTrack struct {
	year            int
	track, group    string
	students, certs int64
	share, rate     optFloat
}

type tabGroup struct {
	year            int
	group           string
	students, certs int64
	share, rate     optFloat
}

type tabInstitution struct {
	year                int
	uai, name, academie string
	students, certs     int64
	rate                optFloat
}

type tabAcademie struct {
	year                          int
	academie                      string
	institutions, students, certs int64
	rate                          optFloat
}

// tabColumns looks up tabColumns of one table by name, remembering the first
// error so that a reader can ask for every column it needs and check once.
type tabColumns struct {
	rec   arrow.RecordBatch
	table string
	err   error
}

func newTabColumns(rec arrow.RecordBatch, table string) *tabColumns {
	c := &tabColumns{rec: rec, table: table}
	if rec == nil {
		c.err = fmt.Errorf("table %s is missing", table)
	}
	return c
}

// rows is the number of rows of the table (0 when it is missing).
func (c *tabColumns) rows() int {
	if c.rec == nil {
		return 0
	}
	return int(c.rec.NumRows())
}

// column returns the named column as the array type T, or records an error
// (and returns the zero T) when the column is missing or of another type.
func tabColumn[T arrow.Array](c *tabColumns, name string) T {
	var zero T
	if c.err != nil {
		return zero
	}
	idx := c.rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		c.err = fmt.Errorf("table %s: want one column %q, found %d", c.table, name, len(idx))
		return zero
	}
	a, ok := c.rec.Column(idx[0]).(T)
	if !ok {
		c.err = fmt.Errorf("table %s: column %q has type %s, want %T", c.table, name, c.rec.Column(idx[0]).DataType(), zero)
		return zero
	}
	return a
}

// tabTexts returns the named text column of the fact table
// (aggregate.TextType), or records an error as tabColumn does.
func tabTexts(c *tabColumns, name string) aggregate.Texts {
	a := tabColumn[arrow.Array](c, name)
	if c.err != nil {
		return aggregate.Texts{}
	}
	t, err := aggregate.TextsOf(a)
	if err != nil {
		c.err = fmt.Errorf("table %s: column %q: %w", c.table, name, err)
	}
	return t
}

func readTabNational(rec arrow.RecordBatch) ([]tabNational, error) {
	c := newTabColumns(rec, "national")
	year := tabColumn[*array.Int32](c, aggregate.ColYear)
	inst := tabColumn[*array.Int64](c, aggregate.ColInstitutions)
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](c, aggregate.ColCerts)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]tabNational, c.rows())
	for i := range out {
		out[i] = tabNational{
			year: int(year.Value(i)), institutions: inst.Value(i),
			students: students.Value(i), certs: certs.Value(i), rate: tabFloatAt(rate, i),
		}
	}
	return out, nil
}

func readTabTracks(rec arrow.RecordBatch) ([]tabTrack, error) {
	c := newTabColumns(rec, "tracks")
	year := tabColumn[*array.Int32](c, aggregate.ColYear)
	track := tabColumn[*array.String](c, aggregate.ColTrack)
	group := tabColumn[*array.String](c, aggregate.ColTrackGroup)
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](c, aggregate.ColCerts)
	share := tabColumn[*array.Float64](c, aggregate.ColShare)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]tabTrack, c.rows())
	for i := range out {
		out[i] = tabTrack{
			year: int(year.Value(i)), track: track.Value(i), group: group.Value(i),
			students: students.Value(i), certs: certs.Value(i),
			share: tabFloatAt(share, i), rate: tabFloatAt(rate, i),
		}
	}
	return out, nil
}

func readTabGroups(rec arrow.RecordBatch) ([]tabGroup, error) {
	c := newTabColumns(rec, "groups")
	year := tabColumn[*array.Int32](c, aggregate.ColYear)
	group := tabColumn[*array.String](c, aggregate.ColTrackGroup)
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](c, aggregate.ColCerts)
	share := tabColumn[*array.Float64](c, aggregate.ColShare)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]tabGroup, c.rows())
	for i := range out {
		out[i] = tabGroup{
			year: int(year.Value(i)), group: group.Value(i),
			students: students.Value(i), certs: certs.Value(i),
			share: tabFloatAt(share, i), rate: tabFloatAt(rate, i),
		}
	}
	return out, nil
}

func readTabInstitutions(rec arrow.RecordBatch) ([]tabInstitution, error) {
	c := newTabColumns(rec, "institutions")
	year := tabColumn[*array.Int32](c, aggregate.ColYear)
	uai := tabColumn[*array.String](c, aggregate.ColUAI)
	name := tabColumn[*array.String](c, aggregate.ColInstitution)
	acad := tabColumn[*array.String](c, aggregate.ColAcademie)
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](c, aggregate.ColCerts)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]tabInstitution, c.rows())
	for i := range out {
		out[i] = tabInstitution{
			year: int(year.Value(i)), uai: uai.Value(i), name: name.Value(i), academie: acad.Value(i),
			students: students.Value(i), certs: certs.Value(i), rate: tabFloatAt(rate, i),
		}
	}
	return out, nil
}

func readTabAcademies(rec arrow.RecordBatch) ([]tabAcademie, error) {
	c := newTabColumns(rec, "academies")
	year := tabColumn[*array.Int32](c, aggregate.ColYear)
	acad := tabColumn[*array.String](c, aggregate.ColAcademie)
	inst := tabColumn[*array.Int64](c, aggregate.ColInstitutions)
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](c, aggregate.ColCerts)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	out := make([]tabAcademie, c.rows())
	for i := range out {
		out[i] = tabAcademie{
			year: int(year.Value(i)), academie: acad.Value(i), institutions: inst.Value(i),
			students: students.Value(i), certs: certs.Value(i), rate: tabFloatAt(rate, i),
		}
	}
	return out, nil
}

// factColumns are the tabColumns of the fact table, read without copying.
type factColumns struct {
	n                                   int
	year                                *array.Int32
	uai, institution, academie          aggregate.Texts
	track, group                        aggregate.Texts
	students, certs                     *array.Int64
	submitted                           *array.Float64
	sourceFile, sourceSheet, sourceCell aggregate.Texts
}

func readFactColumns(rec arrow.RecordBatch) (*factColumns, error) {
	c := newTabColumns(rec, "facts")
	fc := &factColumns{
		n:           c.rows(),
		year:        tabColumn[*array.Int32](c, aggregate.ColYear),
		uai:         tabTexts(c, aggregate.ColUAI),
		institution: tabTexts(c, aggregate.ColInstitution),
		academie:    tabTexts(c, aggregate.ColAcademie),
		track:       tabTexts(c, aggregate.ColTrack),
		group:       tabTexts(c, aggregate.ColTrackGroup),
		students:    tabColumn[*array.Int64](c, aggregate.ColStudents),
		certs:       tabColumn[*array.Int64](c, aggregate.ColCerts),
		submitted:   tabColumn[*array.Float64](c, aggregate.ColSubmitted),
		sourceFile:  tabTexts(c, aggregate.ColSourceFile),
		sourceSheet: tabTexts(c, aggregate.ColSourceSheet),
		sourceCell:  tabTexts(c, aggregate.ColSourceCell),
	}
	if c.err != nil {
		return nil, c.err
	}
	return fc, nil
}
