package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// (created if needed). Each file is written to a temporary file in dir and
// renamed, so a reader never sees a half-written table and a failed run
// leaves the previous file in place. rejections.csv is written even when
// nothing was refused (header only), and when in.Batch is nil.
func WriteCSVs(dir string, in Input) error {
	if in.Tables == nil {
		return errors.New("write CSV tables: no aggregate tables")
	}
	national, err := readTabNational(in.Tables.National)
	if err != nil {
		return fmt.Errorf("write %s: %w", NationalCSV, err)
	}
	trackRows, err := readTabTracks(in.Tables.Tracks)
	if err != nil {
		return fmt.Errorf("write %s: %w", TracksCSV, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write CSV tables: %w", err)
	}

	nat := [][]string{{"year", "institutions", "students", "certificates", "success_rate"}}
	for _, r := range national {
		nat = append(nat, []string{
			strconv.Itoa(r.year), strconv.FormatInt(r.institutions, 10),
			strconv.FormatInt(r.students, 10), strconv.FormatInt(r.certs, 10), csvFraction(r.rate),
		})
	}
	if err := writeCSVFile(dir, NationalCSV, nat); err != nil {
		return err
	}

	trk := [][]string{{"year", "track", "students", "certificates", "share", "success_rate"}}
	for _, r := range trackRows {
		trk = append(trk, []string{
			strconv.Itoa(r.year), csvText(r.track), strconv.FormatInt(r.students, 10),
			strconv.FormatInt(r.certs, 10), csvFraction(r.share), csvFraction(r.rate),
		})
	}
	if err := writeCSVFile(dir, TracksCSV, trk); err != nil {
		return err
	}

	rej := [][]string{{"file", "sheet", "cell", "message"}}
	if in.Batch != nil {
		for _, fr := range in.Batch.Files {
			if !fr.Refused() {
				continue
			}
			for _, p := range fr.Refusals {
				rej = append(rej, []string{csvText(fr.File), csvText(p.Sheet), csvText(p.Cell), csvText(p.Message)})
			}
		}
	}
	return writeCSVFile(dir, RejectionsCSV, rej)
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

// writeCSVFile writes records to dir/name, atomically.
func writeCSVFile(dir, name string, records [][]string) error {
	return writeFileAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		return csv.NewWriter(w).WriteAll(records) // "\n" line ends: UseCRLF is false by default
	})
}
