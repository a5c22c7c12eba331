package report

import (
	"fmt"
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"c2isurvey/aggregate"
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
}

func readPDFData(in Input, year int) (*pdfData, error) {
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
	return d, nil
}
