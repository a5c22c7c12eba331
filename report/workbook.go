package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/ingest/tracks"
)

// noBreakdownTrack is the survey contract's track code for totals sent
// without a breakdown by track (survey-format.md). A year whose only track
// is this one has nothing to show on a chart by track.
const noBreakdownTrack = "non-ventile"

// Number formats. Counts and fractions are stored as numbers, so that staff
// can compute with them; the format only changes how they are shown (Excel
// applies the reader's locale separators, "35 604" in French).
const (
	numFmtCount = 3 // built-in "#,##0"
	numFmtRate  = "0.0%"
)

// Column widths, in characters, between which a column is sized to its
// content.
const (
	minColWidth = 8
	maxColWidth = 60
)

// workbookOutputs is the workbook.
func workbookOutputs(in Input) ([]output, error) {
	// Weighed by its data sheet, a row a fact: the heaviest output.
	return []output{{name: WorkbookName, write: func(ctx context.Context, w io.Writer) error { return WriteWorkbook(ctx, w, in) }, weight: in.facts()}}, nil
}

// WriteWorkbook writes the Excel workbook: one sheet per aggregate table, the
// national table laid out as published (years as columns), charts, the data
// quality record and every fact. The same input gives the same bytes. It
// stops with ctx.Err() when ctx is done.
func WriteWorkbook(ctx context.Context, w io.Writer, in Input) error {
	return writeWorkbook(ctx, w, in, false)
}

// writeWorkbook is WriteWorkbook, with the streamed tables' rows written
// by excelize when rowsByExcelize is set (workbook.rowsByExcelize).
func writeWorkbook(ctx context.Context, w io.Writer, in Input, rowsByExcelize bool) error {
	if in.Tables == nil {
		return errors.New("write workbook: no aggregate tables")
	}
	if in.Tracks == nil {
		return errors.New("write workbook: no track dictionary")
	}
	data, err := readWorkbookData(in)
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	small, err := in.smallCounts()
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{ctx: ctx, f: f, lang: in.Lang, dict: in.Tracks, small: small, rowsByExcelize: rowsByExcelize, keepCells: cellsToKeep(in)}
	if err := wb.build(in, data); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := saveWorkbook(w, f, data.stamp, wb.rows...); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// saveWorkbook writes f to w with deterministic bytes (see normalizeZip),
// dated stamp, with the rows of its streamed tables (streamSheet).
func saveWorkbook(w io.Writer, f *excelize.File, stamp time.Time, rows ...tableRows) error {
	// excelize's zip goes to a scratch file, as its stream writer's sheets
	// already do, rather than to memory: for a table of 400,000 rows it is
	// some 50 MB, which a growing buffer held twice over at the
	// publication's peak. excelize always builds its zip in a buffer of
	// its own (File.WriteToBuffer) and hands that buffer to the zip writer
	// it is given: the zip writer given here writes to the scratch file
	// instead, and the buffer stays empty. normalizeZip reads it back.
	tmp, err := os.CreateTemp("", "c2isurvey-workbook-*.xlsx")
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newWorkbookZip(tmp) })
	if n, err := f.WriteTo(io.Discard); err != nil {
		return err
	} else if n != 0 {
		return fmt.Errorf("excelize wrote %d bytes beside its zip writer", n)
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	return normalizeZip(w, tmp, size, stamp, rows)
}

// workbookData is the aggregate tables read into rows, plus the time stamped
// on the file.
type workbookData struct {
	national     []tabNational
	tracks       []tabTrack
	groups       []tabGroup
	institutions []tabInstitution
	academies    []tabAcademie
	facts        *factColumns
	// stamp is the creation and modification time written into the file.
	// It is derived from the data (1 September after the latest academic
	// year), never from the clock, so that the same data gives the same
	// bytes.
	stamp time.Time
}

func readWorkbookData(in Input) (*workbookData, error) {
	var d workbookData
	var err error
	if d.national, err = readTabNational(in.Tables.National); err != nil {
		return nil, err
	}
	if d.tracks, err = readTabTracks(in.Tables.Tracks); err != nil {
		return nil, err
	}
	if d.groups, err = readTabGroups(in.Tables.Groups); err != nil {
		return nil, err
	}
	if d.institutions, err = readTabInstitutions(in.Tables.Institutions); err != nil {
		return nil, err
	}
	if d.academies, err = readTabAcademies(in.Tables.Academies); err != nil {
		return nil, err
	}
	if d.facts, err = readFactColumns(in.Tables.Facts); err != nil {
		return nil, err
	}
	d.stamp = workbookStamp(d.national)
	return &d, nil
}

// workbookStamp is the date written into a workbook: 1 September after the
// latest academic year, never the clock, so that the same data gives the
// same bytes. The zip format cannot date a file before 1980.
func workbookStamp(national []tabNational) time.Time {
	if n := len(national); n > 0 {
		if y := national[n-1].year; y > 1980 {
			return time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
}

// workbook holds the file being built and its shared styles.
type workbook struct {
	// ctx is checked every rowsBetweenChecks rows: the data sheet of a
	// large archive takes seconds, and a service stopping cannot wait.
	ctx  context.Context
	f    *excelize.File
	lang string
	dict *tracks.Dictionary

	styleHeader, styleText, styleCount, styleRate, styleWrap, styleTitle, styleSection, styleNote int
	// styleFragile is made the first time a fragile rate is written (0
	// until then), so that a workbook without one has the same bytes as
	// before the small-count rule.
	styleFragile int
	// small are the thresholds of fragile and withheld rates.
	small aggregate.SmallCounts
	// staff is set in the staff workbook, whose terms are defined in the
	// public one.
	staff bool
	// firstYear and lastYear are the academic years the workbook covers
	// (ending years, 0 without data), for the sheets' scope line.
	firstYear, lastYear int
	// rows are the streamed tables' rows, written into their sheets when
	// the workbook is saved (streamSheet, saveWorkbook); keptCells are the
	// cells they keep from the pass that sized them, at most keepCells
	// (keptCellsMax in a small publication, Input.small; none in a larger
	// one, whose peak is the one to keep down).
	rows                 []tableRows
	keptCells, keepCells int
	// rowsByExcelize has the streamed tables' rows written by excelize's
	// stream writer, as they were before rowsWriter: tests hold the two
	// to the same bytes.
	rowsByExcelize bool
}

// keptCellsMax bounds the cells a workbook's streamed tables keep between
// the pass that sizes their columns and the save (streamSheet): some 10 MB
// (a cell is 48 bytes), the staff workbook's tables of 5,000 forms; the
// larger tables are made again at the save.
const keptCellsMax = 200_000

// cellsToKeep is the cells a workbook of in may keep (workbook.keepCells).
func cellsToKeep(in Input) int {
	if in.small() {
		return keptCellsMax
	}
	return 0
}

// rowsBetweenChecks is how many rows a long loop writes between two looks
// at the context.
const rowsBetweenChecks = 1024

// checkCtx returns ctx.Err() every rowsBetweenChecks rows.
func (wb *workbook) checkCtx(row int) error {
	if row%rowsBetweenChecks != 0 {
		return nil
	}
	return wb.ctx.Err()
}

// colKind says how a column's cells are written and formatted.
type colKind int

const (
	kindText  colKind = iota // a string cell, never a formula
	kindWrap                 // a long string cell, wrapped
	kindCount                // an int64, "#,##0"
	kindRate                 // an optFloat fraction, "0.0%", empty when null
)

// fragileRate is a rate on few students (aggregate.SmallCounts): a number
// still, shown in parentheses.
type fragileRate optFloat

type wbColumn struct {
	header string
	kind   colKind
}

// sheetLayout collects the width each column needs while a sheet is written.
type sheetLayout struct {
	name   string
	widths []float64
	// wrapped are the cells whose text wraps: their rows are made tall
	// enough once the widths are known, since a spreadsheet does not grow a
	// row for wrapped text when it opens a file.
	wrapped []wrappedCell
	// fragile are the cells holding a fragile rate, styled once the
	// column styles are set.
	fragile []string
}

type wrappedCell struct {
	col, row int // 0-based column, 1-based row
	text     string
}

func (l *sheetLayout) need(col int, width float64) {
	for len(l.widths) <= col {
		l.widths = append(l.widths, minColWidth)
	}
	if width > l.widths[col] {
		l.widths[col] = width
	}
}

// width is the width a column is given, in characters.
func (l *sheetLayout) width(col int) float64 {
	if col >= len(l.widths) {
		return maxColWidth
	}
	return min(l.widths[col]+2, maxColWidth)
}

// apply sets the column widths, then the heights of rows with wrapped text.
func (l *sheetLayout) apply(f *excelize.File) error {
	for i := range l.widths {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(l.name, name, name, l.width(i)); err != nil {
			return fmt.Errorf("sheet %s: %w", l.name, err)
		}
	}
	lines := map[int]int{}
	var rows []int
	for _, c := range l.wrapped {
		if _, seen := lines[c.row]; !seen {
			rows = append(rows, c.row)
		}
		lines[c.row] = max(lines[c.row], wrapLines(c.text, int(l.width(c.col))))
	}
	for _, row := range rows {
		if n := lines[row]; n > 1 {
			// Excel refuses a row taller than 409 points; a longer text
			// scrolls inside its cell.
			if err := f.SetRowHeight(l.name, row, min(15*float64(n), excelize.MaxRowHeight)); err != nil {
				return fmt.Errorf("sheet %s: %w", l.name, err)
			}
		}
	}
	return nil
}

// wrapLines estimates the lines a text takes once wrapped at spaces in a
// column of the given width (in characters, one kept as margin).
func wrapLines(text string, width int) int {
	width = max(width-1, 1)
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		n++
		used := 0
		for word := range strings.FieldsSeq(line) {
			wl := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = wl
			case used+1+wl <= width:
				used += 1 + wl
			default:
				n, used = n+1, wl
			}
		}
	}
	return max(n, 1)
}

// textWidth is the width a text needs: its longest line, in characters.
func textWidth(s string) float64 {
	w := 0
	for line := range strings.SplitSeq(s, "\n") {
		w = max(w, utf8.RuneCountInString(line))
	}
	return float64(w)
}

// headerWidth is the width a wrapped header needs: its longest word, and
// enough that it takes no more than three lines.
func headerWidth(s string) float64 {
	w := 0
	for word := range strings.FieldsSeq(s) {
		w = max(w, utf8.RuneCountInString(word))
	}
	return max(float64(w), float64(utf8.RuneCountInString(s))/3)
}

func (wb *workbook) initStyles() error {
	border := []excelize.Border{
		{Type: "left", Color: "8EA9C1", Style: 1}, {Type: "right", Color: "8EA9C1", Style: 1},
		{Type: "top", Color: "8EA9C1", Style: 1}, {Type: "bottom", Color: "8EA9C1", Style: 1},
	}
	rateFmt := numFmtRate
	styles := []struct {
		dst   *int
		style excelize.Style
	}{
		{&wb.styleHeader, excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "1F3864"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border:    border,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		}},
		// Body cells align to the top, so that a row made tall by a wrapped
		// message reads as one line.
		{&wb.styleText, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.styleCount, excelize.Style{NumFmt: numFmtCount, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.styleRate, excelize.Style{CustomNumFmt: &rateFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.styleWrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&wb.styleTitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}}},
		{&wb.styleSection, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "1F3864"}}},
		{&wb.styleNote, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
	}
	for _, s := range styles {
		id, err := wb.f.NewStyle(&s.style)
		if err != nil {
			return fmt.Errorf("style: %w", err)
		}
		*s.dst = id
	}
	return nil
}

// build fills the workbook. Sheets are created first, in the order the
// reader sees them, then filled.
func (wb *workbook) build(in Input, d *workbookData) error {
	if err := wb.initStyles(); err != nil {
		return err
	}
	names := []string{
		wbT(wb.lang, "sheet.national"), wbT(wb.lang, "sheet.table"), wbT(wb.lang, "sheet.charts"),
		wbT(wb.lang, "sheet.tracks"), wbT(wb.lang, "sheet.groups"), wbT(wb.lang, "sheet.institutions"),
		wbT(wb.lang, "sheet.academies"), wbT(wb.lang, "sheet.quality"), wbT(wb.lang, "sheet.data"),
		wbT(wb.lang, "sheet.definitions"),
	}
	if n := len(d.national); n > 0 {
		wb.firstYear, wb.lastYear = d.national[0].year, d.national[n-1].year
	}
	if err := wb.f.SetSheetName(wb.f.GetSheetName(0), names[0]); err != nil {
		return fmt.Errorf("sheet %s: %w", names[0], err)
	}
	for _, n := range names[1:] {
		if _, err := wb.f.NewSheet(n); err != nil {
			return fmt.Errorf("sheet %s: %w", n, err)
		}
	}
	wb.f.SetActiveSheet(0)

	steps := []func() error{
		func() error { return wb.writeNational(names[0], d.national) },
		func() error { return wb.writePublishedTable(names[1], d.national) },
		func() error { return wb.writeTracks(names[3], d.tracks) },
		func() error { return wb.writeGroups(names[4], d.groups) },
		func() error { return wb.writeInstitutions(names[5], d.institutions) },
		func() error { return wb.writeAcademies(names[6], d.academies) },
		func() error { return wb.writeCharts(names[2], names[0], names[3], d) },
		func() error { return wb.writeQuality(names[7], in) },
		func() error { return wb.writeFacts(names[8], d.facts) },
		func() error { return wb.writeDefinitions(names[9]) },
		func() error { return wb.writeRevisions(in) }, // a last sheet, only once a year has an edition
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return wb.setDocProps(d)
}

func (wb *workbook) setDocProps(d *workbookData) error {
	stamp := d.stamp.Format(time.RFC3339)
	title := T(wb.lang, "survey.short")
	if n := len(d.national); n > 0 {
		title += " — " + YearLabel(d.national[0].year)
		if n > 1 {
			title += " → " + YearLabel(d.national[n-1].year)
		}
	}
	language := texts.Lang(wb.lang).Tag()
	err := wb.f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        wbT(wb.lang, "workbook.subject"),
		Creator:        T(wb.lang, "author"),
		LastModifiedBy: T(wb.lang, "author"),
		Created:        stamp,
		Modified:       stamp,
		Language:       language,
	})
	if err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// wbText returns a text as a workbook cell shows it (see textsafe.Show):
// no control character, which XML cannot hold and which would forge a line,
// and at most Excel's 32,767 characters, cut visibly rather than by
// excelize without a mark. Text cells of a workbook are never evaluated, so
// a text that looks like a formula stays as it is.
func wbText(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.ExcelMax})
}

// cellName returns the A1 name of a cell from 1-based column and row.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		// Coordinates come from loops over tables far below Excel's limits;
		// reaching them is a programming error.
		panic(err)
	}
	return name
}

// absRange returns an absolute reference to a range of one sheet, as charts
// need: 'Sheet name'!$A$2:$A$8.
func absRange(sheet string, col1, row1, col2, row2 int) string {
	c1, _ := excelize.ColumnNumberToName(col1)
	c2, _ := excelize.ColumnNumberToName(col2)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c1, row1, c2, row2)
}

// writeTable writes a header row at row top and the rows below it, column
// by column typed as cols says, and notes the widths. It returns the last
// row written. Strings are always written with SetCellStr: a name such as
// "=1+1" from an input file stays text and never becomes a formula.
func (wb *workbook) writeTable(l *sheetLayout, top int, cols []wbColumn, rows [][]any) (int, error) {
	sheet := l.name
	for c, col := range cols {
		if err := wb.f.SetCellStr(sheet, cellName(c+1, top), col.header); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", sheet, err)
		}
		l.need(c, headerWidth(col.header))
	}
	if err := wb.f.SetCellStyle(sheet, cellName(1, top), cellName(len(cols), top), wb.styleHeader); err != nil {
		return 0, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for r, row := range rows {
		if err := wb.checkCtx(r); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if len(row) != len(cols) {
			return 0, fmt.Errorf("sheet %s: row %d has %d cells for %d columns", sheet, r+1, len(row), len(cols))
		}
		for c, v := range row {
			if err := wb.setCell(l, c, top+1+r, cols[c].kind, v); err != nil {
				return 0, fmt.Errorf("sheet %s: %w", sheet, err)
			}
		}
	}
	last := top + len(rows)
	if len(rows) > 0 {
		for c, col := range cols {
			style := wb.styleText
			switch col.kind {
			case kindCount:
				style = wb.styleCount
			case kindRate:
				style = wb.styleRate
			case kindWrap:
				style = wb.styleWrap
			}
			if err := wb.f.SetCellStyle(sheet, cellName(c+1, top+1), cellName(c+1, last), style); err != nil {
				return 0, fmt.Errorf("sheet %s: %w", sheet, err)
			}
		}
	}
	if len(l.fragile) > 0 {
		if _, err := wb.fragileStyle(); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	for _, cell := range l.fragile {
		if err := wb.f.SetCellStyle(sheet, cell, cell, wb.styleFragile); err != nil {
			return 0, fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return last, nil
}

// fragileStyle is the style of a fragile rate, made the first time a sheet
// needs it (a workbook without one does not hold it).
func (wb *workbook) fragileStyle() (int, error) {
	if wb.styleFragile != 0 {
		return wb.styleFragile, nil
	}
	fmtFragile := "(" + numFmtRate + ")"
	id, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: &fmtFragile, Font: &excelize.Font{Italic: true},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return 0, fmt.Errorf("style: %w", err)
	}
	wb.styleFragile = id
	return id, nil
}

// setCell writes one value: a string, an int64 count or an optFloat
// fraction (nothing for null).
func (wb *workbook) setCell(l *sheetLayout, col, row int, kind colKind, v any) error {
	cell := cellName(col+1, row)
	switch v := v.(type) {
	case string:
		v = wbText(v)
		l.need(col, min(textWidth(v), maxColWidth))
		if kind == kindWrap {
			l.wrapped = append(l.wrapped, wrappedCell{col: col, row: row, text: v})
		}
		return wb.f.SetCellStr(l.name, cell, v)
	case int64:
		l.need(col, float64(len(FormatInt(v, "en"))))
		return wb.f.SetCellInt(l.name, cell, v)
	case optFloat:
		if !v.ok {
			return nil
		}
		l.need(col, 7) // "100.0%"
		return wb.f.SetCellFloat(l.name, cell, v.v, -1, 64)
	case fragileRate:
		if !v.ok {
			return nil
		}
		l.need(col, 9) // "(100.0%)"
		l.fragile = append(l.fragile, cell)
		return wb.f.SetCellFloat(l.name, cell, v.v, -1, 64)
	}
	return fmt.Errorf("cell %s: unexpected value %T for column kind %d", cell, v, kind)
}

// finishTable freezes the header row, puts an autofilter on the table and
// sets the column widths and the header's height.
func (wb *workbook) finishTable(l *sheetLayout, cols []wbColumn, last int, freezeCols int) error {
	topLeft := cellName(freezeCols+1, tableTop+1)
	pane := "bottomLeft"
	if freezeCols > 0 {
		pane = "bottomRight"
	}
	err := wb.f.SetPanes(l.name, &excelize.Panes{
		Freeze: true, XSplit: freezeCols, YSplit: tableTop, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
	})
	if err != nil {
		return fmt.Errorf("sheet %s: freeze header: %w", l.name, err)
	}
	if err := wb.f.AutoFilter(l.name, cellName(1, tableTop)+":"+cellName(len(cols), max(last, tableTop+1)), nil); err != nil {
		return fmt.Errorf("sheet %s: autofilter: %w", l.name, err)
	}
	if err := l.apply(wb.f); err != nil {
		return err
	}
	return wb.setHeaderHeight(l, tableTop, cols)
}

// setHeaderHeight makes the header row tall enough for its wrapped labels:
// a spreadsheet does not grow a row for wrapped text on opening.
func (wb *workbook) setHeaderHeight(l *sheetLayout, row int, cols []wbColumn) error {
	if err := wb.f.SetRowHeight(l.name, row, headerHeight(l, cols)); err != nil {
		return fmt.Errorf("sheet %s: %w", l.name, err)
	}
	return nil
}

// headerHeight is the height in points of a header row whose labels wrap
// within the column widths noted so far.
func headerHeight(l *sheetLayout, cols []wbColumn) float64 {
	lines := 1
	for c, col := range cols {
		lines = max(lines, wrapLines(col.header, int(l.width(c))))
	}
	return 15*float64(lines) + 3
}

func (wb *workbook) writeNational(sheet string, rows []tabNational) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "institutions"), kindCount},
		{T(wb.lang, "students"), kindCount}, {T(wb.lang, "certificates"), kindCount},
		{T(wb.lang, "success.rate"), kindRate},
	}
	cells := make([][]any, len(rows))
	for i, r := range rows {
		cells[i] = []any{YearLabel(r.year), r.institutions, r.students, r.certs, r.rate}
	}
	return wb.simpleSheet(sheet, "title.national", cols, cells, 1, wb.readingNote(rows), wbT(wb.lang, "note.rate"))
}

// readingNote is the « Lecture » line under the national table: its latest
// year read out in words, empty without a year or a rate.
func (wb *workbook) readingNote(rows []tabNational) string {
	if len(rows) == 0 || !rows[len(rows)-1].rate.ok {
		return ""
	}
	r := rows[len(rows)-1]
	if r.institutions == 1 {
		// « les 1 établissements » reads wrong: one institution has its own sentence.
		return fmt.Sprintf(wbT(wb.lang, "note.reading.one"), YearLabel(r.year),
			FormatInt(r.certs, wb.lang), FormatInt(r.students, wb.lang), FormatPercent(r.rate.v, 1, wb.lang))
	}
	return fmt.Sprintf(wbT(wb.lang, "note.reading"), YearLabel(r.year), FormatInt(r.institutions, wb.lang),
		FormatInt(r.certs, wb.lang), FormatInt(r.students, wb.lang), FormatPercent(r.rate.v, 1, wb.lang))
}

// simpleSheet writes a sheet that holds its title, scope and source, one
// table from row tableTop and the notes that are not empty, one a row
// from one row below the table (outside the filtered range, and not
// counted in the column widths), then the pointer to the definitions.
func (wb *workbook) simpleSheet(sheet, titleKey string, cols []wbColumn, cells [][]any, freezeCols int, notes ...string) error {
	if err := wb.writeHead(sheet, titleKey, wb.yearScope()); err != nil {
		return err
	}
	l := &sheetLayout{name: sheet}
	last, err := wb.writeTable(l, tableTop, cols, cells)
	if err != nil {
		return err
	}
	if err := wb.writeNotes(sheet, last+2, append(notes, wbT(wb.lang, wb.definitionsNote()))); err != nil {
		return err
	}
	if err := wb.finishTable(l, cols, last, freezeCols); err != nil {
		return err
	}
	return wb.printSetup(sheet, l.wide(), 0, tableTop)
}

// definitionsNote is the key of the note that says where the terms are
// defined: this workbook's definitions sheet, or the public workbook's.
func (wb *workbook) definitionsNote() string {
	if wb.staff {
		return "staff.note.definitions"
	}
	return "note.definitions"
}

// writePublishedTable lays the national table out as the ministry publishes
// it: one column per academic year, one row per measure.
func (wb *workbook) writePublishedTable(sheet string, rows []tabNational) error {
	cols := []wbColumn{{wbT(wb.lang, "col.indicator"), kindText}}
	for _, r := range rows {
		cols = append(cols, wbColumn{YearLabel(r.year), kindText})
	}
	measures := []struct {
		label string
		style int
		value func(tabNational) any
	}{
		{T(wb.lang, "institutions"), wb.styleCount, func(r tabNational) any { return r.institutions }},
		{T(wb.lang, "students"), wb.styleCount, func(r tabNational) any { return r.students }},
		{T(wb.lang, "certificates"), wb.styleCount, func(r tabNational) any { return r.certs }},
		{T(wb.lang, "success.rate"), wb.styleRate, func(r tabNational) any { return r.rate }},
	}
	if err := wb.writeHead(sheet, "title.table", wb.yearScope()); err != nil {
		return err
	}
	l := &sheetLayout{name: sheet}
	if _, err := wb.writeTable(l, tableTop, cols, nil); err != nil {
		return err
	}
	for m, measure := range measures {
		row := tableTop + 1 + m
		if err := wb.setCell(l, 0, row, kindText, measure.label); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for i, r := range rows {
			if err := wb.setCell(l, i+1, row, kindCount, measure.value(r)); err != nil {
				return fmt.Errorf("sheet %s: %w", sheet, err)
			}
		}
		if len(rows) > 0 {
			if err := wb.f.SetCellStyle(sheet, cellName(2, row), cellName(len(rows)+1, row), measure.style); err != nil {
				return fmt.Errorf("sheet %s: %w", sheet, err)
			}
		}
	}
	// Years are short labels: give every year column the same width.
	for i := 1; i < len(cols); i++ {
		l.need(i, 11)
	}
	last := tableTop + len(measures)
	if err := wb.writeNotes(sheet, last+2, []string{wbT(wb.lang, "note.rate"), wbT(wb.lang, "note.definitions")}); err != nil {
		return err
	}
	if err := wb.finishTable(l, cols, last, 1); err != nil {
		return err
	}
	return wb.printSetup(sheet, l.wide(), 0, tableTop)
}

func (wb *workbook) trackLabels(code string) (label, group string) {
	if t, ok := wb.dict.ByCode(code); ok {
		return t.Label(wb.lang), t.GroupLabel(wb.lang)
	}
	// A code the dictionary does not know (an older dictionary than the
	// data's) is shown as is rather than dropped.
	return code, ""
}

func (wb *workbook) groupLabel(group string) string {
	for _, t := range wb.dict.Tracks() {
		if t.Group == group {
			return t.GroupLabel(wb.lang)
		}
	}
	return group
}

func (wb *workbook) writeTracks(sheet string, rows []tabTrack) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "track"), kindText},
		{wbT(wb.lang, "col.track.code"), kindText}, {T(wb.lang, "track.group"), kindText},
		{T(wb.lang, "students"), kindCount}, {T(wb.lang, "certificates"), kindCount},
		{T(wb.lang, "share"), kindRate}, {T(wb.lang, "success.rate"), kindRate},
	}
	cells := make([][]any, len(rows))
	for i, r := range rows {
		label, _ := wb.trackLabels(r.track)
		cells[i] = []any{YearLabel(r.year), label, r.track, wb.groupLabel(r.group), r.students, r.certs, r.share, r.rate}
	}
	return wb.simpleSheet(sheet, "title.tracks", cols, cells, 2)
}

func (wb *workbook) writeGroups(sheet string, rows []tabGroup) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "track.group"), kindText},
		{wbT(wb.lang, "col.group.code"), kindText},
		{T(wb.lang, "students"), kindCount}, {T(wb.lang, "certificates"), kindCount},
		{T(wb.lang, "share"), kindRate}, {T(wb.lang, "success.rate"), kindRate},
	}
	cells := make([][]any, len(rows))
	for i, r := range rows {
		cells[i] = []any{YearLabel(r.year), wb.groupLabel(r.group), r.group, r.students, r.certs, r.share, r.rate}
	}
	return wb.simpleSheet(sheet, "title.groups", cols, cells, 2)
}

func (wb *workbook) academieLabel(a string) string {
	if a == "" {
		return wbT(wb.lang, "academie.none")
	}
	return a
}

func (wb *workbook) writeInstitutions(sheet string, rows []tabInstitution) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "uai"), kindText},
		{T(wb.lang, "institution"), kindText}, {T(wb.lang, "academie"), kindText},
		{T(wb.lang, "students"), kindCount}, {T(wb.lang, "certificates"), kindCount},
		{T(wb.lang, "success.rate"), kindRate},
	}
	if len(rows) > 0 {
		// Every institutions sheet with rows is streamed (streamSheet),
		// its rows written by rowsWriter, as the data sheet's: set cell
		// by cell, the 5,000 institutions of 5,000 forms cost 0.1 s of
		// CPU (excelize clears its caches at every cell set, then
		// marshals its tree with encoding/xml), and excelize's tree of
		// half a million institutions 120 MB. The cells are the same;
		// the sheet filters through a table instead of an autofilter,
		// and an empty cell of a row (a rate not given) carries no
		// style. A sheet with no institution keeps the sheet set cell
		// by cell, its autofilter over the header.
		//
		// The small-count rule applies here as on the sheet set cell by
		// cell: a withheld rate in words, a fragile one in parentheses.
		small, fragileStyle := false, 0
		for _, r := range rows {
			v, flagged := wb.smallRate(r.students, r.rate)
			small = small || flagged
			if _, ok := v.(fragileRate); ok && fragileStyle == 0 {
				var err error
				if fragileStyle, err = wb.fragileStyle(); err != nil {
					return fmt.Errorf("sheet %s: %w", sheet, err)
				}
			}
		}
		return wb.streamSheet(sheet, "title.institutions", "Etablissements", cols, len(rows), 3, func(i int, cells []streamCell) {
			r := rows[i]
			switch v, _ := wb.smallRate(r.students, r.rate); v := v.(type) {
			case string:
				cells[6] = textCell(wb.styleRate, wbText(v))
			case fragileRate:
				if v.ok {
					cells[6] = floatCell(fragileStyle, v.v)
				}
			case optFloat:
				if v.ok {
					cells[6] = floatCell(wb.styleRate, v.v)
				}
			}
			cells[0] = textCell(wb.styleText, YearLabel(r.year))
			cells[1] = textCell(wb.styleText, wbText(r.uai))
			cells[2] = textCell(wb.styleText, wbText(r.name))
			cells[3] = textCell(wb.styleText, wbText(wb.academieLabel(r.academie)))
			cells[4] = intCell(wb.styleCount, r.students)
			cells[5] = intCell(wb.styleCount, r.certs)
		}, wb.smallNote(small))
	}
	cells := make([][]any, len(rows))
	small := false
	for i, r := range rows {
		rate, flagged := wb.smallRate(r.students, r.rate)
		small = small || flagged
		cells[i] = []any{YearLabel(r.year), r.uai, r.name, wb.academieLabel(r.academie), r.students, r.certs, rate}
	}
	return wb.simpleSheet(sheet, "title.institutions", cols, cells, 3, wb.smallNote(small))
}

// smallRate returns a rate cell under the small-count rule
// (aggregate.SmallCounts), and whether it is a small count: a fragileRate,
// shown in parentheses, or the reason it is withheld, in words (the counts
// stay in the row). The académie sheet applies it too: an académie of one
// small institution would otherwise show the rate its row withholds.
func (wb *workbook) smallRate(students int64, rate optFloat) (any, bool) {
	switch wb.small.Status(students) {
	case aggregate.RateSuppressed:
		return fmt.Sprintf(T(wb.lang, "inst.suppressed"), FormatInt(wb.small.Suppress, wb.lang)), true
	case aggregate.RateFragile:
		return fragileRate(rate), true
	}
	return rate, false
}

// smallNote is the note under a table with small counts, empty without.
func (wb *workbook) smallNote(small bool) string {
	if !small {
		return ""
	}
	return fmt.Sprintf(T(wb.lang, "inst.small.note"), FormatInt(wb.small.Fragile, wb.lang), FormatInt(wb.small.Suppress, wb.lang))
}

func (wb *workbook) writeAcademies(sheet string, rows []tabAcademie) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "academie"), kindText},
		{T(wb.lang, "institutions"), kindCount}, {T(wb.lang, "students"), kindCount},
		{T(wb.lang, "certificates"), kindCount}, {T(wb.lang, "success.rate"), kindRate},
	}
	cells := make([][]any, len(rows))
	small := false
	for i, r := range rows {
		rate, flagged := wb.smallRate(r.students, r.rate)
		small = small || flagged
		cells[i] = []any{YearLabel(r.year), wb.academieLabel(r.academie), r.institutions, r.students, r.certs, rate}
	}
	return wb.simpleSheet(sheet, "title.academies", cols, cells, 2, wb.smallNote(small))
}
