package report

import (
	"context"
	"io"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
)

// OutliersCSV is the file of figures for staff to check before
// publication (aggregate.Outliers). It is written beside the other tables
// but is not a publication: it names institutions whose figures look odd,
// which are not errors until someone has looked.
const OutliersCSV = "outliers.csv"

// outliersOutputs is outliers.csv. It is its own list, apart from
// csvOutputs, so that WriteCSVs keeps writing the published tables only.
func outliersOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, nil // csvOutputs already says there are no tables
	}
	// Weighed as the analysis tables are (analysisOutputs).
	return []output{{name: OutliersCSV, write: func(ctx context.Context, w io.Writer) error { return writeOutliersCSV(ctx, w, in) }, weight: 1}}, nil
}

// outlierColumns are the columns of aggregate's outliers table, read alike
// by the quality report and outliers.csv.
type outlierColumns struct {
	*tabColumns
	year                       *array.Int32
	uai, name, measure, track  *array.String
	value, expected, low, high *array.Float64
	file, sheet, cell          *array.String
}

func newOutlierColumns(rec arrow.RecordBatch) outlierColumns {
	c := newTabColumns(rec, "outliers")
	return outlierColumns{tabColumns: c,
		year:     tabColumn[*array.Int32](c, aggregate.ColYear),
		uai:      tabColumn[*array.String](c, aggregate.ColUAI),
		name:     tabColumn[*array.String](c, aggregate.ColInstitution),
		measure:  tabColumn[*array.String](c, aggregate.ColMeasure),
		track:    tabColumn[*array.String](c, aggregate.ColTrack),
		value:    tabColumn[*array.Float64](c, aggregate.ColValue),
		expected: tabColumn[*array.Float64](c, aggregate.ColExpected),
		low:      tabColumn[*array.Float64](c, aggregate.ColLow),
		high:     tabColumn[*array.Float64](c, aggregate.ColHigh),
		file:     tabColumn[*array.String](c, aggregate.ColSourceFile),
		sheet:    tabColumn[*array.String](c, aggregate.ColSourceSheet),
		cell:     tabColumn[*array.String](c, aggregate.ColSourceCell),
	}
}

// outliersRecords returns outliers.csv's rows: year,uai,institution,measure,value,expected,low,
// high,file,sheet,cell. For success_rate the four numbers are fractions
// with four decimals (the institution's rate, the national rate, the funnel
// limits); for students and certificates, the count, the previous answer's
// count, and that count halved and doubled (a ".5" where it is odd); for a
// track, value is empty (nothing reported), expected is the track's code,
// low and high are empty, and cell is empty (the track has no row).
func outliersRecords(ctx context.Context, in Input) ([][]string, error) {
	c := newOutlierColumns(in.Tables.Outliers)
	if c.err != nil {
		return nil, c.err
	}
	recs := [][]string{{"year", "uai", "institution", "measure", "value", "expected", "low", "high", "file", "sheet", "cell"}}
	for i := 0; i < c.rows(); i++ {
		if i%rowsBetweenChecks == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		m := c.measure.Value(i)
		num := func(a *array.Float64) string {
			f := tabFloatAt(a, i)
			switch {
			case !f.ok:
				return ""
			case m == aggregate.MeasureSuccessRate:
				return csvFraction(f)
			}
			return strconv.FormatFloat(f.v, 'f', -1, 64)
		}
		r := []string{
			strconv.Itoa(int(c.year.Value(i))), csvText(c.uai.Value(i)), csvText(c.name.Value(i)), m,
			num(c.value), num(c.expected), num(c.low), num(c.high),
			csvText(c.file.Value(i)), csvText(c.sheet.Value(i)), csvText(c.cell.Value(i)),
		}
		if m == aggregate.MeasureTrack {
			r[5] = csvText(c.track.Value(i))
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func writeOutliersCSV(ctx context.Context, w io.Writer, in Input) error {
	recs, err := outliersRecords(ctx, in)
	if err != nil {
		return err
	}
	return writeCSV(w, recs)
}
