package report

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"

	"c2isurvey/ingest/textsafe"
)

// The CSV tables are for machines (other programs, open-data publication),
// not for people: headers are fixed English column names whatever the
// language, numbers are plain ("35604", "0.6462"), fractions have exactly
// four decimals with a '.' and null is an empty field.

// CSV file names written by WriteCSVs.
const (
	NationalCSV   = "national.csv"
	TracksCSV     = "tracks.csv"
	RejectionsCSV = "rejections.csv"
)

// WriteCSVs writes national.csv, tracks.csv and rejections.csv into dir
// (created if needed), each on its own as WriteAll does: a table that
// cannot be written does not keep the others from being written.
// rejections.csv is written even when nothing was refused (header only),
// and when in.Batch is nil.
func WriteCSVs(ctx context.Context, dir string, in Input) error {
	_, err := writeOutputs(ctx, dir, in, csvOutputs)
	return err
}

// csvOutputs are the three CSV tables.
func csvOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, errors.New("CSV tables: no aggregate tables")
	}
	return []output{
		{name: NationalCSV, write: func(_ context.Context, w io.Writer) error { return writeNationalCSV(w, in) }},
		{name: TracksCSV, write: func(_ context.Context, w io.Writer) error { return writeTracksCSV(w, in) }},
		{name: RejectionsCSV, write: func(ctx context.Context, w io.Writer) error { return writeRejectionsCSV(ctx, w, in) }},
	}, nil
}

func writeNationalCSV(w io.Writer, in Input) error {
	national, err := readTabNational(in.Tables.National)
	if err != nil {
		return err
	}
	nat := [][]string{{"year", "institutions", "students", "certificates", "success_rate"}}
	for _, r := range national {
		nat = append(nat, []string{
			strconv.Itoa(r.year), strconv.FormatInt(r.institutions, 10),
			strconv.FormatInt(r.students, 10), strconv.FormatInt(r.certs, 10), csvFraction(r.rate),
		})
	}
	return writeCSV(w, nat)
}

func writeTracksCSV(w io.Writer, in Input) error {
	trackRows, err := readTabTracks(in.Tables.Tracks)
	if err != nil {
		return err
	}
	trk := [][]string{{"year", "track", "students", "certificates", "share", "success_rate"}}
	for _, r := range trackRows {
		trk = append(trk, []string{
			strconv.Itoa(r.year), csvText(r.track), strconv.FormatInt(r.students, 10),
			strconv.FormatInt(r.certs, 10), csvFraction(r.share), csvFraction(r.rate),
		})
	}
	return writeCSV(w, trk)
}

func writeRejectionsCSV(ctx context.Context, w io.Writer, in Input) error {
	rej := [][]string{{"file", "sheet", "cell", "message"}}
	if in.Batch != nil {
		for _, fr := range in.Batch.Files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !fr.Refused() {
				continue
			}
			for _, p := range fr.Refusals {
				rej = append(rej, []string{csvText(fr.File), csvText(p.Sheet), csvText(p.Cell), csvText(p.Message)})
			}
		}
	}
	return writeCSV(w, rej)
}

// csvText returns a text cell as a CSV may hold it: the tables are opened
// in spreadsheets, which would run a file name such as =cmd|' calc'!A0.csv
// as a formula, and cut a cell at Excel's limit. Numbers the program writes
// are not passed through it: they are not text, and "-0.5" must stay a
// number.
func csvText(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.ExcelMax, Formula: true})
}

// csvFraction writes a fraction with exactly four decimals, empty for null.
func csvFraction(f optFloat) string {
	if !f.ok {
		return ""
	}
	return strconv.FormatFloat(f.v, 'f', 4, 64)
}

// writeCSV writes records with "\n" line ends (UseCRLF is false by
// default).
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	return cw.WriteAll(records)
}
