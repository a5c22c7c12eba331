package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// writeFacts writes every fact, one row each, as a streamed table
// (streamSheet): the fact table can hold hundreds of thousands of rows.
func (wb *workbook) writeFacts(sheet string, fc *factColumns) error {
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {T(wb.lang, "uai"), kindText},
		{T(wb.lang, "institution"), kindText}, {T(wb.lang, "academie"), kindText},
		{wbT(wb.lang, "col.track.code"), kindText}, {T(wb.lang, "track"), kindText},
		{T(wb.lang, "track.group"), kindText},
		{T(wb.lang, "students"), kindCount}, {T(wb.lang, "certificates"), kindCount},
		{wbT(wb.lang, "col.submitted"), kindRate},
		{T(wb.lang, "file"), kindText}, {T(wb.lang, "sheet"), kindText}, {T(wb.lang, "cell"), kindText},
	}
	// The facts come sorted by year, institution and track: most of a
	// row's texts are those of the row above (its year, institution and
	// file) or of a few tracks. Each column keeps its last text shown
	// (lastShown), which spares textsafe most of the 35,000 rows of 5,000
	// forms; a track's texts, which change at every row, are shown once
	// per track (half of writeFacts' calls to textsafe went to them).
	var show [6]lastShown
	var yearOf lastYear
	// A track's texts, shown (wbText), by track and group code.
	type trackTexts struct{ code, label, group string }
	tracks := map[[2]string]trackTexts{}
	row := func(i int, cells []streamCell) {
		key := [2]string{fc.track.Value(i), fc.group.Value(i)}
		tt, ok := tracks[key]
		if !ok {
			label, group := wb.trackLabels(key[0])
			if group == "" {
				group = wb.groupLabel(key[1])
			}
			tt = trackTexts{code: wbText(key[0]), label: wbText(label), group: wbText(group)}
			tracks[key] = tt
		}
		cells[0] = textCell(0, yearOf.label(int(fc.year.Value(i))))
		cells[1] = textCell(0, show[0].show(fc.uai.Value(i)))
		cells[2] = textCell(0, show[1].show(fc.institution.Value(i)))
		cells[3] = textCell(0, show[2].show(wb.academieLabel(fc.academie.Value(i))))
		cells[4] = textCell(0, tt.code)
		cells[5] = textCell(0, tt.label)
		cells[6] = textCell(0, tt.group)
		cells[7] = intCell(wb.styleCount, fc.students.Value(i))
		cells[8] = intCell(wb.styleCount, fc.certs.Value(i))
		if !fc.submitted.IsNull(i) {
			cells[9] = floatCell(wb.styleRate, fc.submitted.Value(i))
		}
		cells[10] = textCell(0, show[3].show(fc.sourceFile.Value(i)))
		cells[11] = textCell(0, show[4].show(fc.sourceSheet.Value(i)))
		cells[12] = textCell(0, show[5].show(fc.sourceCell.Value(i)))
	}
	return wb.streamSheet(sheet, "title.data", "Donnees", cols, fc.n, 0, row, wbT(wb.lang, "note.data"))
}

// lastShown is a column's last text and wbText of it: a column of sorted
// rows repeats its texts.
type lastShown struct {
	in, out string
	set     bool
}

func (m *lastShown) show(s string) string {
	if !m.set || s != m.in {
		// s may be a view of an Arrow column's buffer, alive while the
		// sheet is written.
		m.in, m.out, m.set = s, wbText(s), true
	}
	return m.out
}

// lastYear is a column's last year and its label.
type lastYear struct {
	year int
	text string
}

func (m *lastYear) label(year int) string {
	if m.text == "" || year != m.year {
		m.year, m.text = year, YearLabel(year)
	}
	return m.text
}

// addRows has the rows of a streamed table of cols columns, which write
// writes, go into sheet after its row header when the workbook is saved
// (tableRows).
func (wb *workbook) addRows(sheet string, header, cols int, write func(rw *rowsWriter) error) {
	wb.rows = append(wb.rows, tableRows{sheet: sheet, header: header, cols: cols, write: write})
}

// streamSheet writes a sheet holding one table of n rows from A1 through
// excelize's stream writer, which writes each row as it comes instead of
// keeping a tree of cells (about 200 bytes a cell: 120 MB for the
// institutions of a table of half a million rows). row(i, cells) sets the
// cells of the i-th row (cells come cleared: a cell not set is no cell):
// texts already shown (wbText), which are stored as text, never as
// formulas, numbers, each with its style. The header row is frozen, with
// freezeCols columns; the filter buttons come from a table named table
// (the stream writer has no sheet-level autofilter).
//
// The table's rows are not given to excelize: a first pass over them
// sizes the columns, and when the workbook is saved they are made again
// and written as excelize would write them (rowsWriter) into the sheet,
// after its header row (workbook.rows, normalizeZip). excelize writes the
// rest of the sheet: its columns, panes, title lines, header, notes and
// table.
func (wb *workbook) streamSheet(sheet, titleKey, table string, cols []wbColumn, n, freezeCols int, row func(i int, cells []streamCell), notes ...string) error {
	// The stream writer needs the column widths before the first row:
	// they are measured in a pass of their own.
	l := &sheetLayout{name: sheet}
	for c, col := range cols {
		l.need(c, headerWidth(col.header))
	}
	cells := make([]streamCell, len(cols))
	// A column's text is often the one of the row above: its width is
	// not measured again.
	measured := make([]string, len(cols))
	// The cells of a small table are kept from this pass for the rows
	// written at the save, within the workbook's keepCells: the staff
	// workbook's rows are made from CSV records, parsed and shown again
	// for each cell (twice the cost of keeping them); the data sheet's,
	// beyond the bound, are made again from its columns, for less.
	var kept []streamCell
	if k := n * len(cols); n > 0 && !wb.rowsByExcelize && wb.keptCells+k <= wb.keepCells {
		kept = make([]streamCell, 0, k)
		wb.keptCells += k
	}
	for i := 0; i < n; i++ {
		if err := wb.checkCtx(i); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		clear(cells)
		row(i, cells)
		if kept != nil {
			kept = append(kept, cells...)
		}
		for c := range cells {
			switch cell := &cells[c]; cell.kind {
			case cellText:
				if cell.text == measured[c] {
					continue
				}
				measured[c] = cell.text
				l.need(c, min(textWidth(cell.text), maxColWidth))
			case cellInt:
				l.need(c, float64(intWidth(cell.num)))
			case cellFloat:
				l.need(c, 7) // "100.0%"
			}
		}
	}
	if n > 0 && !wb.rowsByExcelize {
		wb.addRows(sheet, tableTop, len(cols), func(rw *rowsWriter) error {
			for i := 0; i < n; i++ {
				if err := wb.checkCtx(i); err != nil {
					return fmt.Errorf("sheet %s: %w", sheet, err)
				}
				rc := cells
				if kept != nil {
					rc = kept[i*len(cols) : (i+1)*len(cols)]
				} else {
					clear(cells)
					row(i, cells)
				}
				if err := rw.writeRow(tableTop+1+i, 0, rc); err != nil {
					return fmt.Errorf("sheet %s: row %d: %w", sheet, tableTop+1+i, err)
				}
			}
			return nil
		})
	}

	// The print layout is copied by the stream writer when it is made.
	if err := wb.printSetup(sheet, l.wide(), 0, tableTop); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for c, w := range l.widths {
		if err := sw.SetColWidth(c+1, c+1, min(w+2, maxColWidth)); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	topLeft := cellName(freezeCols+1, tableTop+1)
	pane := "bottomLeft"
	if freezeCols > 0 {
		pane = "bottomRight"
	}
	err = sw.SetPanes(&excelize.Panes{
		Freeze: true, XSplit: freezeCols, YSplit: tableTop, TopLeftCell: topLeft, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
	})
	if err != nil {
		return fmt.Errorf("sheet %s: freeze header: %w", sheet, err)
	}
	if err := wb.streamHead(sw, titleKey, wb.yearScope()); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	header := make([]any, len(cols))
	for c, col := range cols {
		header[c] = excelize.Cell{StyleID: wb.styleHeader, Value: col.header}
	}
	if err := sw.SetRow(cellName(1, tableTop), header, excelize.RowOpts{Height: headerHeight(l, cols)}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if wb.rowsByExcelize {
		values := make([]any, len(cols))
		for i := 0; i < n; i++ {
			if err := wb.checkCtx(i); err != nil {
				return fmt.Errorf("sheet %s: %w", sheet, err)
			}
			clear(cells)
			row(i, cells)
			for c := range cells {
				values[c] = cells[c].excelizeValue()
			}
			if err := sw.SetRow(cellName(1, tableTop+1+i), values); err != nil {
				return fmt.Errorf("sheet %s: row %d: %w", sheet, tableTop+1+i, err)
			}
		}
	}
	// The notes below the table that are not empty, one a row as
	// writeNotes writes them, then the pointer to the definitions.
	below := tableTop + n + 2
	for _, note := range append(notes, wbT(wb.lang, wb.definitionsNote())) {
		if note == "" {
			continue
		}
		if err := sw.SetRow(cellName(1, below), []any{excelize.Cell{StyleID: wb.styleNote, Value: note}}); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		below++
	}
	if n > 0 {
		stripes := false
		err := sw.AddTable(&excelize.Table{
			Range: cellName(1, tableTop) + ":" + cellName(len(cols), tableTop+n), Name: table,
			StyleName: "TableStyleLight1", ShowRowStripes: &stripes,
		})
		if err != nil {
			return fmt.Errorf("sheet %s: table: %w", sheet, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}
