// Package annotate gives an institution back its own file with the problems
// found in it written on it: for a workbook, a copy of that very workbook
// with each faulty cell highlighted and commented, and a first sheet listing
// every problem with a link to its cell; for a CSV file, a small workbook
// holding the rows as they were read, annotated the same way; for a file
// that cannot be opened, a workbook with the list alone, saying why.
//
// docs/annotate.md gives the reasons behind the choices made here.
package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/report"
)

// Write writes to w the annotated copy of the file at path, whose reading
// gave res (ingest.ReadFile), in lang ("fr" or "en"; the problems' own
// messages are in the language they were read in).
//
// The file is read again, within the reader's limits (sheet.DefaultLimits),
// and must be the one res describes: when res carries a hash and the bytes
// no longer match it, Write fails rather than annotate a file with another
// file's problems. A file that cannot be opened is not an error: it gets a
// workbook with the list of problems alone. Nothing is written to w when
// Write fails, a recovered panic included.
func Write(w io.Writer, path string, res ingest.FileResult, lang string) (err error) {
	if lang != "en" {
		lang = "fr"
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("annotate %s: internal error: %v\n%s", path, r, debug.Stack())
		}
	}()
	var buf bytes.Buffer
	if err := build(&buf, path, res, lang, maxCells); err != nil {
		return fmt.Errorf("annotate %s: %w", path, err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("annotate %s: write: %w", path, err)
	}
	return nil
}

// ErrChanged is returned (wrapped) when the file's bytes are no longer those
// of the reading the problems come from.
var ErrChanged = errors.New("the file changed since it was read (its hash differs)")

// entry is one problem, with where it lands in the output workbook.
type entry struct {
	ingest.Problem
	warning bool
	// sheet is the sheet of the output workbook the problem concerns, ""
	// when it concerns the whole file or a sheet the workbook does not
	// have; cell is the A1 reference of its cell there, "" when none.
	sheet, cell string
}

func entries(res ingest.FileResult) []entry {
	out := make([]entry, 0, len(res.Refusals)+len(res.Warnings))
	for _, p := range res.Refusals {
		out = append(out, entry{Problem: p})
	}
	for _, p := range res.Warnings {
		out = append(out, entry{Problem: p, warning: true})
	}
	return out
}

func build(w io.Writer, path string, res ingest.FileResult, lang string, maxCells int) error {
	lim := sheet.DefaultLimits()
	// The same reading as ingest.ReadFile: the bytes within the size
	// limit, then the reader, which verifies every zip entry (a damaged
	// workbook that excelize would open and read in part), refuses a zip
	// bomb and a grid over the budgets before excelize sees the file.
	data, err := sheet.Load(path, lim)
	if err != nil {
		reason := t(lang, "annotate.reason.missing")
		if se := (*sheet.Error)(nil); errors.As(err, &se) && se.Kind == sheet.ErrTooLarge {
			reason = t(lang, "annotate.reason.too-large")
		}
		return problemsOnly(w, path, res, lang, unopened(lang, reason))
	}
	if res.Hash != "" {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != res.Hash {
			return ErrChanged
		}
	}
	wb, err := sheet.ReadBytes(path, data, lim)
	if err != nil {
		return problemsOnly(w, path, res, lang, unopened(lang, unopenedReason(lang, err)))
	}
	if n := cells(wb); n > maxCells {
		return problemsOnly(w, path, res, lang, fmt.Sprintf(t(lang, "annotate.intro.large"),
			report.FormatInt(int64(n), lang), report.FormatInt(int64(maxCells), lang)))
	}
	if wb.Format == sheet.CSV {
		return writeGrid(w, path, res, wb, lang)
	}
	var out bytes.Buffer
	if err := annotateXLSX(&out, data, path, res, lang, lim); err != nil {
		// A workbook excelize cannot open or annotate (a producer's
		// stylesheet it does not expect, say): the values the reader read
		// still go back, annotated, in a new workbook.
		return writeGrid(w, path, res, wb, lang)
	}
	_, err = out.WriteTo(w)
	return err
}

// annotateXLSX writes the annotated copy of the workbook in data. A panic
// of excelize on a workbook it does not expect is an error here, so that
// the caller can fall back.
func annotateXLSX(w io.Writer, data []byte, path string, res ingest.FileResult, lang string, lim sheet.Limits) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("excelize: internal error: %v", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxUnzippedBytes,
		// excelize spills a part bigger than this to a temporary file;
		// Close removes it.
		UnzipXMLSizeLimit: excelize.StreamChunkSize,
	})
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	if err := annotateCopy(f, path, res, lang); err != nil {
		return err
	}
	return f.Write(w)
}

// maxCells bounds the cells of a file returned annotated. excelize holds a
// workbook's cells as structures of a few hundred bytes each, on top of what
// the reader read: 280,000 cells (40,000 rows of a consolidated table of
// seven columns) cost about 330 MB at the peak, 700,000 over 800 MB
// (docs/annotate.md). A form is a hundred cells; a larger file gets the
// list of its problems alone, each with its sheet and cell.
const maxCells = 300_000

// cells counts the cells of a workbook's grids.
func cells(wb *sheet.Workbook) int {
	n := 0
	for _, s := range wb.Sheets {
		for _, r := range s.Rows {
			n += len(r)
		}
	}
	return n
}

func unopened(lang, reason string) string {
	return fmt.Sprintf(t(lang, "annotate.intro.unopened"), reason)
}

// unopenedReason words why the reader refused the file's bytes.
func unopenedReason(lang string, err error) string {
	var se *sheet.Error
	if !errors.As(err, &se) {
		return t(lang, "annotate.reason.missing")
	}
	switch se.Kind {
	case sheet.ErrEmpty, sheet.ErrDamaged, sheet.ErrNotSpreadsheet, sheet.ErrLegacyXLS, sheet.ErrODS,
		sheet.ErrEncrypted, sheet.ErrTooLarge, sheet.ErrCellTooLong:
		return t(lang, "annotate.reason."+string(se.Kind))
	}
	return t(lang, "annotate.reason.unreadable")
}

// problemsOnly writes a new workbook with the problems sheet alone, intro
// saying why.
func problemsOnly(w io.Writer, path string, res ingest.FileResult, lang, intro string) error {
	f := excelize.NewFile()
	defer f.Close()
	name := t(lang, "annotate.sheet.problems")
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	if err := writeProblems(f, name, fileName(path), []string{intro}, entries(res), lang); err != nil {
		return err
	}
	if err := setDocProps(f, path, res, lang); err != nil {
		return err
	}
	return f.Write(w)
}

// setDocProps dates a workbook made here by the file's own modification
// time (excelize would write its template's): the same file and problems
// give the same bytes.
func setDocProps(f *excelize.File, path string, res ingest.FileResult, lang string) error {
	stamp := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if !res.ModTime.IsZero() {
		stamp = res.ModTime.UTC().Truncate(time.Second)
	}
	err := f.SetDocProps(&excelize.DocProperties{
		Title:          show(fmt.Sprintf(t(lang, "annotate.title"), fileName(path))),
		Subject:        t(lang, "annotate.doc.subject"),
		Creator:        t(lang, "annotate.comment.author"),
		LastModifiedBy: t(lang, "annotate.comment.author"),
		Created:        stamp.Format(time.RFC3339),
		Modified:       stamp.Format(time.RFC3339),
		Language:       texts.Lang(lang).Tag(),
	})
	if err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// fileName is the file's name as shown in the workbook.
func fileName(path string) string {
	return show(filepath.Base(path))
}

// show returns a text that comes from an input (a message quoting a cell,
// a sheet or file name) as a workbook cell shows it: see textsafe.Show.
func show(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.ExcelMax})
}
