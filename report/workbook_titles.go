package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// tableTop is the row of a sheet's table header. Above it every sheet has
// its title (row 1), its scope (« Champ : … », row 2) and its source (row
// 3), then a blank row: a sheet printed or copied alone still says what it
// shows, over what, and where it comes from. Charts' ranges, print titles,
// frozen panes and filters all start from this row.
const tableTop = 5

// headLine is one of the lines above a sheet's table.
type headLine struct {
	text  string
	style int
}

// head returns the title, scope and source lines of a sheet.
func (wb *workbook) head(titleKey, scope string) []headLine {
	return []headLine{
		{wbT(wb.lang, titleKey), wb.styleTitle},
		{scope, wb.styleNote},
		{wbT(wb.lang, "source"), wb.styleNote},
	}
}

// yearScope is the scope line of the sheets drawn from the answers: the
// responding institutions over the years the workbook covers.
func (wb *workbook) yearScope() string {
	switch {
	case wb.firstYear == 0:
		return wbT(wb.lang, "scope.none")
	case wb.firstYear == wb.lastYear:
		return fmt.Sprintf(wbT(wb.lang, "scope.year"), YearLabel(wb.firstYear))
	}
	return fmt.Sprintf(wbT(wb.lang, "scope.years"), YearLabel(wb.firstYear), YearLabel(wb.lastYear))
}

// writeHead writes a sheet's title, scope and source in rows 1 to 3 of
// column A. They are not noted in the column widths: a long line runs over
// the empty cells to its right rather than widening the first column.
func (wb *workbook) writeHead(sheet, titleKey, scope string) error {
	for i, line := range wb.head(titleKey, scope) {
		cell := cellName(1, i+1)
		if err := wb.f.SetCellStr(sheet, cell, line.text); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := wb.f.SetCellStyle(sheet, cell, cell, line.style); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return nil
}

// streamHead writes the same lines through a stream writer, which takes
// rows in order only: before the table's header.
func (wb *workbook) streamHead(sw *excelize.StreamWriter, titleKey, scope string) error {
	for i, line := range wb.head(titleKey, scope) {
		if err := sw.SetRow(cellName(1, i+1), []any{excelize.Cell{StyleID: line.style, Value: line.text}}); err != nil {
			return err
		}
	}
	return nil
}

// writeNotes writes notes in italics in column A, one a row from row.
func (wb *workbook) writeNotes(sheet string, row int, notes []string) error {
	for _, n := range notes {
		if n == "" {
			continue
		}
		if err := wb.note(sheet, cellName(1, row), n); err != nil {
			return err
		}
		row++
	}
	return nil
}

// writeDefinitions writes the terms every sheet uses and the small-count
// thresholds in force (Input.SmallCounts), in the workbook's language.
func (wb *workbook) writeDefinitions(sheet string) error {
	terms := []struct{ term, def string }{
		{T(wb.lang, "students"), wbT(wb.lang, "def.students")},
		{T(wb.lang, "certificates"), wbT(wb.lang, "def.certificates")},
		{T(wb.lang, "success.rate"), wbT(wb.lang, "def.rate")},
		{T(wb.lang, "share"), wbT(wb.lang, "def.share")},
		{wb.trackLabel("candidats-libres"), wbT(wb.lang, "def.independent")},
		{wb.groupLabel("formation-continue"), wbT(wb.lang, "def.continuing")},
		{wbT(wb.lang, "term.nobreakdown"), wbT(wb.lang, "def.nobreakdown")},
		{T(wb.lang, "academic.year"), wbT(wb.lang, "def.year")},
		{wbT(wb.lang, "term.responding"), wbT(wb.lang, "def.responding")},
		{wbT(wb.lang, "term.fragile"), fmt.Sprintf(wbT(wb.lang, "def.fragile"), FormatInt(wb.small.Fragile, wb.lang))},
		{wbT(wb.lang, "term.withheld"), fmt.Sprintf(wbT(wb.lang, "def.withheld"), FormatInt(wb.small.Suppress, wb.lang))},
	}
	cols := []wbColumn{{wbT(wb.lang, "col.term"), kindText}, {wbT(wb.lang, "col.definition"), kindWrap}}
	cells := make([][]any, len(terms))
	for i, t := range terms {
		cells[i] = []any{t.term, t.def}
	}
	if err := wb.writeHead(sheet, "title.definitions", wbT(wb.lang, "scope.definitions")); err != nil {
		return err
	}
	l := &sheetLayout{name: sheet}
	// The definitions wrap in a column of a readable width rather than
	// running to the widest one.
	l.need(1, maxColWidth)
	if _, err := wb.writeTable(l, tableTop, cols, cells); err != nil {
		return err
	}
	if err := l.apply(wb.f); err != nil {
		return err
	}
	if err := wb.setHeaderHeight(l, tableTop, cols); err != nil {
		return err
	}
	return wb.printSetup(sheet, false, 0, tableTop)
}

// trackLabel is a track's label in the workbook's language, or its code
// when the dictionary does not know it.
func (wb *workbook) trackLabel(code string) string {
	label, _ := wb.trackLabels(code)
	return label
}
