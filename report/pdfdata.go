package report

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

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

// column returns the named column of rec as type A, or an error naming the
// table so that a schema mismatch is found at once.
func column[A arrow.Array](rec arrow.RecordBatch, table, name string) (A, error) {
	var zero A
	if rec == nil {
		return zero, fmt.Errorf("table %s is missing", table)
	}
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		return zero, fmt.Errorf("table %s: no column %q", table, name)
	}
	a, ok := rec.Column(idx[0]).(A)
	if !ok {
		return zero, fmt.Errorf("table %s: column %q is %s, not the expected type", table, name, rec.Column(idx[0]).DataType())
	}
	return a, nil
}

// float returns a nullable float column's value, NaN for null.
func float(a *array.Float64, i int) float64 {
	if a.IsNull(i) {
		return math.NaN()
	}
	return a.Value(i)
}

// readNational returns every year of the national table, in table order (by
// year).
func readNational(rec arrow.RecordBatch) ([]nationalRow, error) {
	const table = "national"
	years, err := column[*array.Int32](rec, table, aggregate.ColYear)
	if err != nil {
		return nil, err
	}
	insts, err := column[*array.Int64](rec, table, aggregate.ColInstitutions)
	if err != nil {
		return nil, err
	}
	students, err := column[*array.Int64](rec, table, aggregate.ColStudents)
	if err != nil {
		return nil, err
	}
	certs, err := column[*array.Int64](rec, table, aggregate.ColCerts)
	if err != nil {
		return nil, err
	}
	rates, err := column[*array.Float64](rec, table, aggregate.ColRate)
	if err != nil {
		return nil, err
	}
	rows := make([]nationalRow, rec.NumRows())
	for i := range rows {
		rows[i] = nationalRow{
			Year: int(years.Value(i)), Institutions: insts.Value(i),
			Students: students.Value(i), Certs: certs.Value(i), Rate: float(rates, i),
		}
	}
	return rows, nil
}

// readTracks returns the rows of the track table (or of the group table,
// whose key column is the group) for one year, in table order (dictionary
// order). For the group table Code holds the group code.
func readTracks(rec arrow.RecordBatch, table, keyCol string, year int) ([]trackRow, error) {
	years, err := column[*array.Int32](rec, table, aggregate.ColYear)
	if err != nil {
		return nil, err
	}
	keys, err := column[*array.String](rec, table, keyCol)
	if err != nil {
		return nil, err
	}
	groups, err := column[*array.String](rec, table, aggregate.ColTrackGroup)
	if err != nil {
		return nil, err
	}
	students, err := column[*array.Int64](rec, table, aggregate.ColStudents)
	if err != nil {
		return nil, err
	}
	certs, err := column[*array.Int64](rec, table, aggregate.ColCerts)
	if err != nil {
		return nil, err
	}
	shares, err := column[*array.Float64](rec, table, aggregate.ColShare)
	if err != nil {
		return nil, err
	}
	rates, err := column[*array.Float64](rec, table, aggregate.ColRate)
	if err != nil {
		return nil, err
	}
	var rows []trackRow
	for i := 0; i < int(rec.NumRows()); i++ {
		if int(years.Value(i)) != year {
			continue
		}
		rows = append(rows, trackRow{
			Code: keys.Value(i), Group: groups.Value(i),
			Students: students.Value(i), Certs: certs.Value(i),
			Share: float(shares, i), Rate: float(rates, i),
		})
	}
	return rows, nil
}

// readInstitutions returns one year's institutions in table order (by UAI).
func readInstitutions(rec arrow.RecordBatch, year int) ([]institutionRow, error) {
	const table = "institutions"
	years, err := column[*array.Int32](rec, table, aggregate.ColYear)
	if err != nil {
		return nil, err
	}
	uais, err := column[*array.String](rec, table, aggregate.ColUAI)
	if err != nil {
		return nil, err
	}
	names, err := column[*array.String](rec, table, aggregate.ColInstitution)
	if err != nil {
		return nil, err
	}
	acads, err := column[*array.String](rec, table, aggregate.ColAcademie)
	if err != nil {
		return nil, err
	}
	students, err := column[*array.Int64](rec, table, aggregate.ColStudents)
	if err != nil {
		return nil, err
	}
	certs, err := column[*array.Int64](rec, table, aggregate.ColCerts)
	if err != nil {
		return nil, err
	}
	rates, err := column[*array.Float64](rec, table, aggregate.ColRate)
	if err != nil {
		return nil, err
	}
	var rows []institutionRow
	for i := 0; i < int(rec.NumRows()); i++ {
		if int(years.Value(i)) != year {
			continue
		}
		// Value aliases the Arrow buffer; string concatenation in the
		// page code copies, and the rows do not outlive the tables.
		rows = append(rows, institutionRow{
			UAI: uais.Value(i), Name: names.Value(i), Academie: acads.Value(i),
			Students: students.Value(i), Certs: certs.Value(i), Rate: float(rates, i),
		})
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
}

func readPDFData(in Input, year int) (*pdfData, error) {
	if in.Tables == nil {
		return nil, fmt.Errorf("no tables to report on")
	}
	all, err := readNational(in.Tables.National)
	if err != nil {
		return nil, err
	}
	d := &pdfData{year: year}
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
	if d.tracks, err = readTracks(in.Tables.Tracks, "tracks", aggregate.ColTrack, year); err != nil {
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

// readGroups reads the group table, whose key is the group itself.
func readGroups(rec arrow.RecordBatch, year int) ([]trackRow, error) {
	return readTracks(rec, "groups", aggregate.ColTrackGroup, year)
}
