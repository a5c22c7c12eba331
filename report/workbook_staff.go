package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/texts"
)

// StaffWorkbookName is the staff's working workbook: the analysis tables
// (completeness and non-respondents, the constant panel, the comparison of
// tracks and groups, the figures to check) with the public workbook's
// titles, scope, source and print settings. It is a file of its own, not a
// sheet of c2i2e.xlsx, so that publishing the public workbook can never
// carry the names of institutions to check or chase (docs/outputs.md).
const StaffWorkbookName = "c2i2e-interne.xlsx"

// staffOutputs is the staff workbook.
func staffOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, nil // csvOutputs already says there are no tables
	}
	return []output{{name: StaffWorkbookName, write: func(ctx context.Context, w io.Writer) error { return WriteStaffWorkbook(ctx, w, in) }, weight: in.facts()}}, nil
}

// WriteStaffWorkbook writes the staff workbook from the same tables as the
// analysis CSV files (their records, so that the two never disagree). The
// same input gives the same bytes.
func WriteStaffWorkbook(ctx context.Context, w io.Writer, in Input) error {
	return writeStaffWorkbook(ctx, w, in, false)
}

// writeStaffWorkbook is WriteStaffWorkbook, with the streamed tables' rows
// written by excelize when rowsByExcelize is set (workbook.rowsByExcelize).
func writeStaffWorkbook(ctx context.Context, w io.Writer, in Input, rowsByExcelize bool) error {
	if in.Tables == nil || in.Tracks == nil {
		return errors.New("write staff workbook: no aggregate tables or track dictionary")
	}
	national, err := readTabNational(in.Tables.National)
	if err != nil {
		return fmt.Errorf("write staff workbook: %w", err)
	}
	small, err := in.smallCounts()
	if err != nil {
		return fmt.Errorf("write staff workbook: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{ctx: ctx, f: f, lang: in.Lang, dict: in.Tracks, small: small, staff: true, rowsByExcelize: rowsByExcelize, keepCells: cellsToKeep(in)}
	if n := len(national); n > 0 {
		wb.firstYear, wb.lastYear = national[0].year, national[n-1].year
	}
	if err := wb.buildStaff(ctx, in); err != nil {
		return fmt.Errorf("write staff workbook: %w", err)
	}
	if err := saveWorkbook(w, f, workbookStamp(national), wb.rows...); err != nil {
		return fmt.Errorf("write staff workbook: %w", err)
	}
	return nil
}

// staffSheet is one sheet of the staff workbook: the records of an
// analysis CSV table (header first) and how each column is shown.
type staffSheet struct {
	sheetKey, titleKey, noteKey string
	// table names the sheet's table when it is streamed (streamSheet):
	// not shown as a label, it must be unique and without spaces.
	table   string
	records func() ([][]string, error)
}

func (wb *workbook) buildStaff(ctx context.Context, in Input) error {
	if err := wb.initStyles(); err != nil {
		return err
	}
	sheets := []staffSheet{
		{"staff.sheet.completeness", "staff.title.completeness", "staff.note.completeness", "Completude", func() ([][]string, error) { return completenessRecords(in) }},
		{"staff.sheet.missing", "staff.title.missing", "staff.note.missing", "NonRepondants", func() ([][]string, error) { return missingRecords(in) }},
		{"staff.sheet.panel", "staff.title.panel", "staff.note.panel", "Panel", func() ([][]string, error) { return panelRecords(in) }},
		{"staff.sheet.compare", "staff.title.compare", "staff.note.compare", "Comparaison", func() ([][]string, error) { return compareRecords(in) }},
		{"staff.sheet.outliers", "staff.title.outliers", "staff.note.outliers", "AVerifier", func() ([][]string, error) { return outliersRecords(ctx, in) }},
	}
	for i, s := range sheets {
		name := wbT(wb.lang, s.sheetKey)
		if i == 0 {
			if err := wb.f.SetSheetName(wb.f.GetSheetName(0), name); err != nil {
				return fmt.Errorf("sheet %s: %w", name, err)
			}
		} else if _, err := wb.f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		recs, err := s.records()
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		notes := []string{wbT(wb.lang, s.noteKey)}
		if s.sheetKey == "staff.sheet.completeness" && in.Registry == nil {
			notes = append(notes, wbT(wb.lang, "staff.note.noregistry"))
		}
		if len(recs) > 1 {
			// Every table with rows is streamed, its rows written by
			// rowsWriter: set cell by cell, excelize's tree of 60,000
			// outliers was 150 MB, the peak of a report of 60,000 forms,
			// and even the 5,000 figures to check of 5,000 forms cost
			// 0.15 s of CPU, excelize clearing its caches at each cell.
			// These are the staff's working sheets: a table (filter
			// buttons) rather than an autofilter, and no style on the
			// empty cells of a row, are all that differ. A table with no
			// row keeps the cell-by-cell sheet, its autofilter over the
			// header.
			cols := wb.staffColumns(recs[0])
			header, rows := recs[0], recs[1:]
			recs = nil
			err := wb.streamSheet(name, s.titleKey, s.table, cols, len(rows), 0, func(r int, cells []streamCell) {
				wb.staffStreamRow(cells, cols, header, rows[r])
			}, notes...)
			if err != nil {
				return err
			}
			continue
		}
		cols, cells := wb.staffCells(recs)
		if err := wb.simpleSheet(name, s.titleKey, cols, cells, 0, notes...); err != nil {
			return err
		}
	}
	wb.f.SetActiveSheet(0)
	return wb.f.SetDocProps(&excelize.DocProperties{
		Title:    wbT(wb.lang, "staff.workbook.title"),
		Subject:  wbT(wb.lang, "staff.workbook.title"),
		Creator:  T(wb.lang, "author"),
		Language: texts.Lang(wb.lang).Tag(),
	})
}

// staffCells turns an analysis table's records (as the CSV file holds
// them) into the workbook's columns and cells: years as « 2011-2012 »,
// counts and rates as numbers, codes as their labels in the workbook's
// language.
func (wb *workbook) staffCells(recs [][]string) ([]wbColumn, [][]any) {
	if len(recs) == 0 {
		return nil, nil
	}
	header := recs[0]
	cols := wb.staffColumns(header)
	cells := make([][]any, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make([]any, len(rec))
		for c, v := range rec {
			row[c] = wb.staffValue(header[c], v, rec, header, cols[c].kind)
		}
		cells = append(cells, row)
	}
	return cols, cells
}

// staffColumns are the workbook's columns of an analysis table's header.
func (wb *workbook) staffColumns(header []string) []wbColumn {
	l := texts.Lang(wb.lang)
	outliers := len(header) > 3 && header[3] == "measure"
	cols := make([]wbColumn, len(header))
	for c, h := range header {
		key := "staff.col." + h
		if outliers && h == "expected" {
			key = "staff.col.reference" // the national rate, the previous count or the track
		}
		cols[c] = wbColumn{l.T(key), staffKind(h, outliers)}
	}
	return cols
}

// staffStreamRow sets a record's cells for streamSheet: the values
// staffCells gives, each with its column's style, as simpleSheet sets it
// (an empty figure stays an empty cell).
func (wb *workbook) staffStreamRow(cells []streamCell, cols []wbColumn, header, rec []string) {
	for c, v := range rec {
		style := wb.styleText
		switch cols[c].kind {
		case kindCount:
			style = wb.styleCount
		case kindRate:
			style = wb.styleRate
		}
		switch x := wb.staffValue(header[c], v, rec, header, cols[c].kind).(type) {
		case string:
			cells[c] = textCell(style, wbText(x))
		case int64:
			cells[c] = intCell(style, x)
		case optFloat:
			if x.ok {
				cells[c] = floatCell(style, x.v)
			}
		}
	}
}

// staffKind is how a column of an analysis table is shown. The outliers'
// four figures mix rates and counts: they are shown as text, each in its
// measure's format.
func staffKind(h string, outliers bool) colKind {
	switch h {
	case "expected", "answered", "unexpected", "institutions", "students", "certificates", "previous_students", "previous_certificates":
		if outliers && h == "expected" {
			return kindText
		}
		return kindCount
	case "response_rate", "success_rate", "share", "previous_success_rate":
		return kindRate
	}
	return kindText
}

// staffValue is one cell's value, from its CSV field.
func (wb *workbook) staffValue(h, v string, rec, header []string, kind colKind) any {
	l := texts.Lang(wb.lang)
	field := func(name string) string {
		for i, n := range header {
			if n == name {
				return rec[i]
			}
		}
		return ""
	}
	switch {
	case kind == kindCount:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return optFloat{} // no figure (a response count without a registry)
		}
		return n
	case kind == kindRate:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return optFloat{}
		}
		return optFloat{f, true}
	case h == "year" || h == "previous_year" || h == "last_answered":
		if y, err := strconv.Atoi(v); err == nil {
			return YearLabel(y)
		}
		return v
	case h == "group" && v == aggregate.PanelAll:
		return l.T("staff.value.all")
	case h == "group":
		return wb.groupLabel(v)
	case h == "by":
		return l.T("staff.value.by." + v)
	case h == "key" && field("by") == aggregate.ByGroup:
		return wb.groupLabel(v)
	case h == "key":
		return wb.trackLabel(v)
	case h == "fragile":
		return l.T("staff.value." + v)
	case h == "measure":
		return l.T("staff.value.measure." + v)
	case h == "expected" && field("measure") == aggregate.MeasureTrack:
		return wb.trackLabel(v)
	case h == "value" || h == "expected" || h == "low" || h == "high":
		f, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil:
			return v
		case field("measure") == aggregate.MeasureSuccessRate:
			return l.Percent(f, 1)
		case f == float64(int64(f)):
			return l.Int(int64(f))
		}
		return l.Decimal(f, 1)
	}
	return v
}
