package report

import (
	"context"
	"io"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
)

// The analysis tables as CSV: who should have answered and who did, the
// constant panel, the comparison of tracks and groups across years. They
// follow the rules of the other CSV tables (csv.go); a figure that does not
// exist (a response rate without a registry, a rate over nobody) is an
// empty field.

// Analysis CSV file names, written by WriteAll after the other CSV tables.
const (
	CompletenessCSV = "completeness.csv"
	MissingCSV      = "missing.csv"
	PanelCSV        = "panel.csv"
	CompareCSV      = "compare.csv"
)

// Headers of the analysis CSV tables, the columns the issue fixed.
var (
	completenessHeader = []string{"year", "expected", "answered", "unexpected", "response_rate"}
	missingHeader      = []string{"year", "uai", "institution", "academie", "last_answered"}
	panelHeader        = []string{"year", "previous_year", "group", "institutions", "students", "certificates",
		"success_rate", "previous_students", "previous_certificates", "previous_success_rate"}
	// CompareHeader is compare.csv's header, which `c2isurvey compare
	// --format csv` prints too.
	CompareHeader = []string{"year", "by", "key", "students", "certificates", "share", "success_rate", "fragile"}
)

// WriteAnalysisCSVs writes completeness.csv, missing.csv, panel.csv and
// compare.csv into dir, each on its own (see WriteAll).
func WriteAnalysisCSVs(ctx context.Context, dir string, in Input) error {
	_, err := writeOutputs(ctx, dir, in, analysisOutputs)
	return err
}

// analysisOutputs are the analysis CSV tables. Without aggregate tables
// there are none: csvOutputs already reports that.
func analysisOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, nil
	}
	// Each is a pass over every fact, some milliseconds for 5,000 forms
	// where the plain tables take less than one: weighed above them, so
	// that the last outputs started, while the other worker finishes its
	// own, are the lightest (startOrder).
	return []output{
		{name: CompletenessCSV, write: func(_ context.Context, w io.Writer) error { return writeCompletenessCSV(w, in) }, weight: 1},
		{name: MissingCSV, write: func(_ context.Context, w io.Writer) error { return writeMissingCSV(w, in) }, weight: 1},
		{name: PanelCSV, write: func(_ context.Context, w io.Writer) error { return writePanelCSV(w, in) }, weight: 1},
		{name: CompareCSV, write: func(_ context.Context, w io.Writer) error { return writeCompareCSV(w, in) }, weight: 1},
	}, nil
}

// completenessColumns are the columns of aggregate.Completeness's Years
// table, read alike by the report's analysis, the quality report and
// completeness.csv.
type completenessColumns struct {
	*tabColumns
	year                           *array.Int32
	expected, answered, unexpected *array.Int64
	rate                           *array.Float64
}

func newCompletenessColumns(rec arrow.RecordBatch) completenessColumns {
	t := newTabColumns(rec, "completeness")
	return completenessColumns{tabColumns: t,
		year:       tabColumn[*array.Int32](t, aggregate.ColYear),
		expected:   tabColumn[*array.Int64](t, aggregate.ColExpected),
		answered:   tabColumn[*array.Int64](t, aggregate.ColAnswered),
		unexpected: tabColumn[*array.Int64](t, aggregate.ColUnexpected),
		rate:       tabColumn[*array.Float64](t, aggregate.ColResponseRate),
	}
}

// missingColumns are the columns of aggregate.Completeness's Missing
// table, read alike by the quality report and missing.csv.
type missingColumns struct {
	*tabColumns
	year, last      *array.Int32
	uai, name, acad *array.String
}

func newMissingColumns(rec arrow.RecordBatch) missingColumns {
	t := newTabColumns(rec, "missing")
	return missingColumns{tabColumns: t,
		year: tabColumn[*array.Int32](t, aggregate.ColYear),
		uai:  tabColumn[*array.String](t, aggregate.ColUAI),
		name: tabColumn[*array.String](t, aggregate.ColInstitution),
		acad: tabColumn[*array.String](t, aggregate.ColAcademie),
		last: tabColumn[*array.Int32](t, aggregate.ColLastAnswered),
	}
}

func completenessRecords(in Input) ([][]string, error) {
	c, release, err := in.completeness()
	if err != nil {
		return nil, err
	}
	defer release()
	t := newCompletenessColumns(c.Years)
	if t.err != nil {
		return nil, t.err
	}
	recs := [][]string{completenessHeader}
	for i := range t.rows() {
		recs = append(recs, []string{
			csvInt32(t.year, i), csvInt64(t.expected, i), csvInt64(t.answered, i), csvInt64(t.unexpected, i), csvFraction(tabFloatAt(t.rate, i)),
		})
	}
	return recs, nil
}

func writeCompletenessCSV(w io.Writer, in Input) error {
	recs, err := completenessRecords(in)
	if err != nil {
		return err
	}
	return writeCSV(w, recs)
}

func missingRecords(in Input) ([][]string, error) {
	c, release, err := in.completeness()
	if err != nil {
		return nil, err
	}
	defer release()
	t := newMissingColumns(c.Missing)
	if t.err != nil {
		return nil, t.err
	}
	recs := [][]string{missingHeader}
	for i := range t.rows() {
		recs = append(recs, []string{
			csvInt32(t.year, i), csvText(t.uai.Value(i)), csvText(t.name.Value(i)), csvText(t.acad.Value(i)), csvInt32(t.last, i),
		})
	}
	return recs, nil
}

func writeMissingCSV(w io.Writer, in Input) error {
	recs, err := missingRecords(in)
	if err != nil {
		return err
	}
	return writeCSV(w, recs)
}

// panelColumns are the columns of aggregate.BuildPanel's table, read alike
// by the report's analysis and panel.csv.
type panelColumns struct {
	*tabColumns
	year, prev                                     *array.Int32
	group                                          *array.String
	inst, students, certs, prevStudents, prevCerts *array.Int64
	rate, prevRate                                 *array.Float64
}

func newPanelColumns(rec arrow.RecordBatch) panelColumns {
	t := newTabColumns(rec, "panel")
	return panelColumns{tabColumns: t,
		year:         tabColumn[*array.Int32](t, aggregate.ColYear),
		prev:         tabColumn[*array.Int32](t, aggregate.ColPreviousYear),
		group:        tabColumn[*array.String](t, aggregate.ColGroup),
		inst:         tabColumn[*array.Int64](t, aggregate.ColInstitutions),
		students:     tabColumn[*array.Int64](t, aggregate.ColStudents),
		certs:        tabColumn[*array.Int64](t, aggregate.ColCerts),
		rate:         tabColumn[*array.Float64](t, aggregate.ColRate),
		prevStudents: tabColumn[*array.Int64](t, aggregate.ColPrevStudents),
		prevCerts:    tabColumn[*array.Int64](t, aggregate.ColPrevCerts),
		prevRate:     tabColumn[*array.Float64](t, aggregate.ColPrevRate),
	}
}

func panelRecords(in Input) ([][]string, error) {
	p, release, err := in.panel()
	if err != nil {
		return nil, err
	}
	defer release()
	t := newPanelColumns(p)
	if t.err != nil {
		return nil, t.err
	}
	recs := [][]string{panelHeader}
	for i := range t.rows() {
		recs = append(recs, []string{
			csvInt32(t.year, i), csvInt32(t.prev, i), csvText(t.group.Value(i)), csvInt64(t.inst, i),
			csvInt64(t.students, i), csvInt64(t.certs, i), csvFraction(tabFloatAt(t.rate, i)),
			csvInt64(t.prevStudents, i), csvInt64(t.prevCerts, i), csvFraction(tabFloatAt(t.prevRate, i)),
		})
	}
	return recs, nil
}

func writePanelCSV(w io.Writer, in Input) error {
	recs, err := panelRecords(in)
	if err != nil {
		return err
	}
	return writeCSV(w, recs)
}

// writeCompareCSV writes the comparison by group, then by track, of every
// year and every key, on every institution that answered (the panel is in
// panel.csv), with the fragile threshold the institution tables use
// (report --fragile), so that a rate is judged alike in every table.
func compareRecords(in Input) ([][]string, error) {
	sc, err := in.smallCounts()
	if err != nil {
		return nil, err
	}
	fragile := sc.Fragile
	if fragile == 0 {
		// No threshold: CompareOptions reads 0 as its default, and no
		// count is below -1.
		fragile = -1
	}
	recs := [][]string{CompareHeader}
	for _, by := range []string{aggregate.ByGroup, aggregate.ByTrack} {
		rec, err := aggregate.BuildCompare(memory.DefaultAllocator, in.Tables.Facts, in.Registry, in.Tracks, aggregate.CompareOptions{By: by, Fragile: fragile})
		if err != nil {
			return nil, err
		}
		rows, err := CompareRecords(rec)
		rec.Release()
		if err != nil {
			return nil, err
		}
		recs = append(recs, rows...)
	}
	return recs, nil
}

func writeCompareCSV(w io.Writer, in Input) error {
	recs, err := compareRecords(in)
	if err != nil {
		return err
	}
	return writeCSV(w, recs)
}

// CompareRecords returns the rows of a comparison table (of
// aggregate.CompareSchema) as compare.csv's fields, without the header.
func CompareRecords(rec arrow.RecordBatch) ([][]string, error) {
	t := newTabColumns(rec, "compare")
	year := tabColumn[*array.Int32](t, aggregate.ColYear)
	by := tabColumn[*array.String](t, aggregate.ColBy)
	key := tabColumn[*array.String](t, aggregate.ColKey)
	students := tabColumn[*array.Int64](t, aggregate.ColStudents)
	certs := tabColumn[*array.Int64](t, aggregate.ColCerts)
	share := tabColumn[*array.Float64](t, aggregate.ColShare)
	rate := tabColumn[*array.Float64](t, aggregate.ColRate)
	fragile := tabColumn[*array.Boolean](t, aggregate.ColFragile)
	if t.err != nil {
		return nil, t.err
	}
	var recs [][]string
	for i := range t.rows() {
		recs = append(recs, []string{
			csvInt32(year, i), csvText(by.Value(i)), csvText(key.Value(i)), csvInt64(students, i), csvInt64(certs, i),
			csvFraction(tabFloatAt(share, i)), csvFraction(tabFloatAt(rate, i)), strconv.FormatBool(fragile.Value(i)),
		})
	}
	return recs, nil
}

// csvInt32 and csvInt64 write an integer cell, empty for null.
func csvInt32(a *array.Int32, i int) string {
	if a.IsNull(i) {
		return ""
	}
	return strconv.Itoa(int(a.Value(i)))
}

func csvInt64(a *array.Int64, i int) string {
	if a.IsNull(i) {
		return ""
	}
	return strconv.FormatInt(a.Value(i), 10)
}
