// Package aggregate turns the facts that count into Arrow tables: the fact
// table itself and every group-by the reports draw from. It knows nothing of
// files or PDFs. Rates are always computed from summed counts, never from
// averaged rates.
package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// Column names, shared by the schemas and the code that reads them.
const (
	ColYear         = "year"
	ColUAI          = "uai"
	ColInstitution  = "institution"
	ColAcademie     = "academie"
	ColTrack        = "track"
	ColTrackGroup   = "track_group"
	ColStudents     = "students"
	ColCerts        = "certificates"
	ColSubmitted    = "submitted_rate"
	ColSourceFile   = "source_file"
	ColSourceSheet  = "source_sheet"
	ColSourceCell   = "source_cell"
	ColInstitutions = "institutions"
	ColShare        = "share"
	ColRate         = "success_rate"
)

func field(name string, t arrow.DataType, nullable bool) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: nullable}
}

var (
	i32 = arrow.PrimitiveTypes.Int32
	i64 = arrow.PrimitiveTypes.Int64
	f64 = arrow.PrimitiveTypes.Float64
	str = arrow.BinaryTypes.String
)

// Schemas of the tables. Rates and shares are fractions (0.6462), null where
// the denominator is zero. Rows are sorted by year, then by the table's key
// (tracks and groups in dictionary order, institutions by UAI, académies by
// name).
var (
	// FactSchema: one row per institution, year and track. Its texts are
	// of TextType (a dictionary: each text once), read with TextsOf.
	FactSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColUAI, TextType, false), field(ColInstitution, TextType, false),
		field(ColAcademie, TextType, false), field(ColTrack, TextType, false), field(ColTrackGroup, TextType, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColSubmitted, f64, true),
		field(ColSourceFile, TextType, false), field(ColSourceSheet, TextType, false), field(ColSourceCell, TextType, false),
	}, nil)
	// NationalSchema: one row per year.
	NationalSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColInstitutions, i64, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColRate, f64, true),
	}, nil)
	// TrackSchema: one row per year and track; share is the track's part of
	// the year's certificates.
	TrackSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColTrack, str, false), field(ColTrackGroup, str, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColShare, f64, true), field(ColRate, f64, true),
	}, nil)
	// GroupSchema: one row per year and track group.
	GroupSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColTrackGroup, str, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColShare, f64, true), field(ColRate, f64, true),
	}, nil)
	// InstitutionSchema: one row per year and institution.
	InstitutionSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColUAI, str, false), field(ColInstitution, str, false), field(ColAcademie, str, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColRate, f64, true),
	}, nil)
	// AcademieSchema: one row per year and académie ("" when not given).
	AcademieSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColAcademie, str, false), field(ColInstitutions, i64, false),
		field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColRate, f64, true),
	}, nil)
)

// Tables holds every table as an Arrow record batch. Release frees them.
type Tables struct {
	Facts        arrow.RecordBatch
	National     arrow.RecordBatch
	Tracks       arrow.RecordBatch
	Groups       arrow.RecordBatch
	Institutions arrow.RecordBatch
	Academies    arrow.RecordBatch
	// Outliers are the figures for staff to check (OutlierSchema), built
	// by Build; never published as such.
	Outliers arrow.RecordBatch
}

// Release frees every table.
func (t *Tables) Release() {
	for _, r := range []arrow.RecordBatch{t.Facts, t.National, t.Tracks, t.Groups, t.Institutions, t.Academies, t.Outliers} {
		if r != nil {
			r.Release()
		}
	}
}
