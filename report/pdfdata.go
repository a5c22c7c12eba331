package report

import (
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
)

// The PDF reads the Arrow tables once into these plain rows: the page code
// then deals with Go values, and a null rate becomes NaN, which the
// formatting functions print as "n.d." / "n/a".

type nationalRow struct {
	Year                          int
	Institutions, Students, Certs int64
	Rate                          float64
}

type trackRow struct {
	Code, Group     string
	Students, Certs int64
	Share, Rate     float64
}

type institutionRow struct {
	UAI, Name, Academie string
	Students, Certs     int64
	Rate                float64
}

// The rows are read through the readers the CSV tables and the workbook
// use (csv_tables.go), which alone know the Arrow column names and types.

// orNaN returns the fraction, NaN for null.
func (o optFloat) orNaN() float64 {
	if !o.ok {
		return math.NaN()
	}
	return o.v
}

// readNational returns every year of the national table, in table order (by
// year).
func readNational(rec arrow.RecordBatch) ([]nationalRow, error) {
	tab, err := readTabNational(rec)
	if err != nil {
		return nil, err
	}
	rows := make([]nationalRow, len(tab))
	for i, r := range tab {
		rows[i] = nationalRow{Year: r.year, Institutions: r.institutions, Students: r.students, Certs: r.certs, Rate: r.rate.orNaN()}
	}
	return rows, nil
}

// readTracks returns the rows of the track table for one year, in table
// order (dictionary order).
func readTracks(rec arrow.RecordBatch, year int) ([]trackRow, error) {
	tab, err := readTabTracks(rec)
	if err != nil {
		return nil, err
	}
	var rows []trackRow
	for _, r := range tab {
		if r.year == year {
			rows = append(rows, trackRow{Code: r.track, Group: r.group, Students: r.students, Certs: r.certs,
				Share: r.share.orNaN(), Rate: r.rate.orNaN()})
		}
	}
	return rows, nil
}

// readGroups returns the rows of the group table for one year; Code and
// Group both hold the group code.
func readGroups(rec arrow.RecordBatch, year int) ([]trackRow, error) {
	tab, err := readTabGroups(rec)
	if err != nil {
		return nil, err
	}
	var rows []trackRow
	for _, r := range tab {
		if r.year == year {
			rows = append(rows, trackRow{Code: r.group, Group: r.group, Students: r.students, Certs: r.certs,
				Share: r.share.orNaN(), Rate: r.rate.orNaN()})
		}
	}
	return rows, nil
}

// readInstitutions returns one year's institutions in table order (by UAI).
func readInstitutions(rec arrow.RecordBatch, year int) ([]institutionRow, error) {
	tab, err := readTabInstitutions(rec)
	if err != nil {
		return nil, err
	}
	var rows []institutionRow
	for _, r := range tab {
		if r.year == year {
			rows = append(rows, institutionRow{UAI: r.uai, Name: r.name, Academie: r.academie,
				Students: r.students, Certs: r.certs, Rate: r.rate.orNaN()})
		}
	}
	return rows, nil
}

// pdfData is everything one year's report shows, read from the tables.
type pdfData struct {
	year         int
	national     []nationalRow // every year up to and including year
	current      nationalRow
	previous     *nationalRow // the latest earlier year in the data, nil if none
	tracks       []trackRow
	groups       []trackRow
	institutions []institutionRow
	// small are the thresholds of fragile and withheld rates.
	small aggregate.SmallCounts
	// asOf is the date the data was taken (dataAsOf), zero if unknown.
	asOf time.Time
	// panel is the year against the previous one on the same
	// institutions, nil for the first year of the series.
	panel *panelFigures
	// response is the response rate, when a registry was given.
	response  responseFigures
	academies []academieRow
	// groupSeries is the group table up to the year, for masters against
	// continuing education across years.
	groupSeries []tabGroup
	// trackChanges are the tracks' rates on the panel, when both years
	// have a breakdown.
	trackChanges []trackChange
	files        yearFiles
	refused      int // refused files of the whole collection (no year)
}

// readPDFData reads one year's report data; an is the analysis of every
// year, nil to build it for this report alone.
func readPDFData(in Input, year int, an *pdfAnalysis) (*pdfData, error) {
	if in.Tables == nil {
		return nil, fmt.Errorf("no tables to report on")
	}
	all, err := readNational(in.Tables.National)
	if err != nil {
		return nil, err
	}
	d := &pdfData{year: year, asOf: dataAsOf(in.Batch, year)}
	if d.small, err = in.smallCounts(); err != nil {
		return nil, err
	}
	found := false
	for _, r := range all {
		if r.Year > year {
			continue
		}
		d.national = append(d.national, r)
		if r.Year == year {
			d.current, found = r, true
		}
	}
	if !found {
		return nil, fmt.Errorf("year %s is not in the national table", YearLabel(year))
	}
	if n := len(d.national); n >= 2 {
		prev := d.national[n-2]
		d.previous = &prev
	}
	if d.tracks, err = readTracks(in.Tables.Tracks, year); err != nil {
		return nil, err
	}
	if d.groups, err = readGroups(in.Tables.Groups, year); err != nil {
		return nil, err
	}
	if d.institutions, err = readInstitutions(in.Tables.Institutions, year); err != nil {
		return nil, err
	}
	if an == nil {
		if an, err = readAnalysis(in, d.small); err != nil {
			return nil, err
		}
	}
	d.panel, d.response, d.trackChanges = an.panel[year], an.response[year], an.trackChanges[year]
	if d.academies, err = readAcademies(in.Tables.Academies, year); err != nil {
		return nil, err
	}
	if d.groupSeries, err = readAllGroups(in.Tables.Groups, year); err != nil {
		return nil, err
	}
	d.files = countYearFiles(in.Batch, year)
	if in.Batch != nil {
		for _, r := range in.Batch.Files {
			if r.Refused() {
				d.refused++
			}
		}
	}
	return d, nil
}

// panelFigures are the year's figures on the constant panel (the
// institutions that answered both this year and the previous year present),
// beside the previous year's on the same institutions (aggregate.BuildPanel).
type panelFigures struct {
	prevYear               int
	institutions           int64
	students, certs        int64
	rate                   float64
	prevStudents, prevCert int64
	prevRate               float64
}

// responseFigures are the year's response to the survey; ok is false
// without a registry, and then no rate is invented.
type responseFigures struct {
	ok                 bool
	expected, answered int64
	rate               float64
}

// academieRow is one académie of the year.
type academieRow struct {
	Academie                      string
	Institutions, Students, Certs int64
	Rate                          float64
}

// trackChange is a track's success rate this year and the previous year on
// the same institutions (compare --panel by track).
type trackChange struct {
	Code                   string
	Students, PrevStudents int64
	Rate, PrevRate         float64
	Fragile, PrevFragile   bool
}

// pdfAnalysis is what the reports of every year read from the analysis
// tables (aggregate.BuildPanel, BuildCompleteness, BuildCompare), built once
// for all the years: each is a pass over every fact, which a report per
// year would otherwise repeat.
type pdfAnalysis struct {
	panel        map[int]*panelFigures // by year; absent for the first year
	response     map[int]responseFigures
	trackChanges map[int][]trackChange
}

// readAnalysis builds the analysis of every year, the small-count rule sc
// judging which track rates are fragile.
func readAnalysis(in Input, sc aggregate.SmallCounts) (*pdfAnalysis, error) {
	an := &pdfAnalysis{panel: map[int]*panelFigures{}, response: map[int]responseFigures{}, trackChanges: map[int][]trackChange{}}
	if in.Tables == nil || in.Tables.Facts == nil || in.Tracks == nil {
		return an, nil
	}
	if err := an.readPanel(in); err != nil {
		return nil, err
	}
	if err := an.readResponse(in); err != nil {
		return nil, err
	}
	if err := an.readTrackChanges(in, sc); err != nil {
		return nil, err
	}
	return an, nil
}

// readPanel reads the panel rows "all": each year against the previous
// one on the same institutions.
func (an *pdfAnalysis) readPanel(in Input) error {
	rec, release, err := in.panel()
	if err != nil {
		return err
	}
	defer release()
	t := newPanelColumns(rec)
	if t.err != nil {
		return t.err
	}
	for i := range t.rows() {
		if t.group.Value(i) != aggregate.PanelAll {
			continue
		}
		an.panel[int(t.year.Value(i))] = &panelFigures{prevYear: int(t.prev.Value(i)), institutions: t.inst.Value(i),
			students: t.students.Value(i), certs: t.certs.Value(i), rate: tabFloatAt(t.rate, i).orNaN(),
			prevStudents: t.prevStudents.Value(i), prevCert: t.prevCerts.Value(i), prevRate: tabFloatAt(t.prevRate, i).orNaN()}
	}
	return nil
}

// readResponse reads the response rates from the completeness table, only
// when a registry says who was expected.
func (an *pdfAnalysis) readResponse(in Input) error {
	if in.Registry == nil {
		return nil
	}
	c, release, err := in.completeness()
	if err != nil {
		return err
	}
	defer release()
	t := newCompletenessColumns(c.Years)
	if t.err != nil {
		return t.err
	}
	for i := range t.rows() {
		if !t.expected.IsNull(i) {
			an.response[int(t.year.Value(i))] = responseFigures{ok: true, expected: t.expected.Value(i), answered: t.answered.Value(i), rate: tabFloatAt(t.rate, i).orNaN()}
		}
	}
	return nil
}

// readAcademies returns the year's académies in table order.
func readAcademies(rec arrow.RecordBatch, year int) ([]academieRow, error) {
	if rec == nil {
		return nil, nil
	}
	tab, err := readTabAcademies(rec)
	if err != nil {
		return nil, err
	}
	var rows []academieRow
	for _, r := range tab {
		if r.year == year {
			rows = append(rows, academieRow{Academie: r.academie, Institutions: r.institutions, Students: r.students, Certs: r.certs, Rate: r.rate.orNaN()})
		}
	}
	return rows, nil
}

// readAllGroups returns the group table for every year up to year.
func readAllGroups(rec arrow.RecordBatch, year int) ([]tabGroup, error) {
	tab, err := readTabGroups(rec)
	if err != nil {
		return nil, err
	}
	var rows []tabGroup
	for _, r := range tab {
		if r.year <= year {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// readTrackChanges reads, for every year and the previous year present,
// each track's rate on the same institutions (compare --panel by track).
func (an *pdfAnalysis) readTrackChanges(in Input, sc aggregate.SmallCounts) error {
	rec, err := aggregate.BuildCompare(memory.DefaultAllocator, in.Tables.Facts, in.Registry, in.Tracks,
		aggregate.CompareOptions{By: aggregate.ByTrack, Panel: true, Fragile: max(sc.Fragile, 1)})
	if err != nil {
		return err
	}
	defer rec.Release()
	t := newTabColumns(rec, "compare")
	y := tabColumn[*array.Int32](t, aggregate.ColYear)
	key := tabColumn[*array.String](t, aggregate.ColKey)
	students := tabColumn[*array.Int64](t, aggregate.ColStudents)
	rate := tabColumn[*array.Float64](t, aggregate.ColRate)
	pStudents := tabColumn[*array.Int64](t, aggregate.ColPrevStudents)
	pRate := tabColumn[*array.Float64](t, aggregate.ColPrevRate)
	if t.err != nil {
		return t.err
	}
	for i := range t.rows() {
		if key.Value(i) == nonVentile {
			continue
		}
		c := trackChange{Code: key.Value(i), Students: students.Value(i), Rate: tabFloatAt(rate, i).orNaN(),
			PrevStudents: pStudents.Value(i), PrevRate: tabFloatAt(pRate, i).orNaN()}
		c.Fragile, c.PrevFragile = sc.IsFragile(c.Students), sc.IsFragile(c.PrevStudents)
		year := int(y.Value(i))
		an.trackChanges[year] = append(an.trackChanges[year], c)
	}
	return nil
}

// yearFiles counts the files of the data-quality summary for one year: the
// files whose data counts for it, those among them with a warning, the
// corrections that replaced a file for it, and the copies of its files that
// were ignored. Refused files could not be read and belong to no year: they
// are counted apart.
type yearFiles struct {
	counted, warned, replaced, duplicates int
}

func countYearFiles(batch *ingest.Batch, year int) yearFiles {
	var yf yearFiles
	if batch == nil {
		return yf
	}
	dup := map[string]bool{}
	for _, d := range batch.Duplicates {
		dup[d.File] = true
	}
	replaced := map[[2]string]bool{} // (file, UAI) replaced for the year
	for _, r := range batch.Replacements {
		if r.Year == year {
			yf.replaced++
			replaced[[2]string{r.Old, r.UAI}] = true
		}
	}
	forYear := map[string]bool{}
	for _, r := range batch.Files {
		if r.Refused() || dup[r.File] {
			continue
		}
		counts := false
		for _, s := range r.Submissions {
			if s.Year == year {
				forYear[r.File] = true
				if !replaced[[2]string{r.File, s.UAI}] {
					counts = true
				}
			}
		}
		if counts {
			yf.counted++
			if len(r.Warnings) > 0 {
				yf.warned++
			}
		}
	}
	for _, d := range batch.Duplicates {
		if forYear[d.SameAs] {
			yf.duplicates++
		}
	}
	return yf
}
