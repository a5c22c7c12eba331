package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// writeFacts writes every fact, one row each, through excelize's stream
// writer (streamSheet): the fact table can hold hundreds of thousands of
// rows.
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
	// forms, twice over (streamSheet sizes the columns, then writes).
	var show [9]lastShown
	var yearOf lastYear
	type trackTexts struct{ label, group string }
	tracks := map[[2]string]trackTexts{} // by track and group code
	row := func(i int) []any {
		key := [2]string{fc.track.Value(i), fc.group.Value(i)}
		tt, ok := tracks[key]
		if !ok {
			tt.label, tt.group = wb.trackLabels(key[0])
			if tt.group == "" {
				tt.group = wb.groupLabel(key[1])
			}
			tracks[key] = tt
		}
		var rate any
		if !fc.submitted.IsNull(i) {
			rate = excelize.Cell{StyleID: wb.styleRate, Value: fc.submitted.Value(i)}
		}
		return []any{
			yearOf.label(int(fc.year.Value(i))), show[0].show(fc.uai.Value(i)), show[1].show(fc.institution.Value(i)),
			show[2].show(wb.academieLabel(fc.academie.Value(i))), show[3].show(key[0]), show[4].show(tt.label), show[5].show(tt.group),
			excelize.Cell{StyleID: wb.styleCount, Value: fc.students.Value(i)},
			excelize.Cell{StyleID: wb.styleCount, Value: fc.certs.Value(i)},
			rate,
			show[6].show(fc.sourceFile.Value(i)), show[7].show(fc.sourceSheet.Value(i)), show[8].show(fc.sourceCell.Value(i)),
		}
	}
	return wb.streamSheet(sheet, "title.data", "Donnees", cols, fc.n, 0, row, wbT(wb.lang, "note.data"))
}

// streamSheet writes a sheet holding one table of n rows from A1 through
// excelize's stream writer, which writes each row as it comes instead of
// keeping a tree of cells (about 200 bytes a cell: 120 MB for the
// institutions of a table of half a million rows). row(i) gives the cells
// of the i-th row: strings already shown (wbText), which the stream writer
// stores as text, never as formulas, or excelize.Cell values with their
// style. The header row is frozen, with freezeCols columns; the filter
// buttons come from a table named table (the stream writer has no
// sheet-level autofilter).
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

func (wb *workbook) streamSheet(sheet, titleKey, table string, cols []wbColumn, n, freezeCols int, row func(i int) []any, notes ...string) error {
	// The stream writer needs the column widths before the first row: size
	// them in a first pass over the rows.
	l := &sheetLayout{name: sheet}
	for c, col := range cols {
		l.need(c, headerWidth(col.header))
	}
	// A column's text is often the one of the row above: its width is
	// not measured again.
	last := make([]string, len(cols))
	for i := 0; i < n; i++ {
		if err := wb.checkCtx(i); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for c, v := range row(i) {
			switch v := v.(type) {
			case string:
				if c < len(last) && v == last[c] {
					continue
				}
				if c < len(last) {
					last[c] = v
				}
				l.need(c, min(textWidth(v), maxColWidth))
			case excelize.Cell:
				switch x := v.Value.(type) {
				case int64:
					l.need(c, float64(len(FormatInt(x, "en"))))
				case string:
					l.need(c, min(textWidth(x), maxColWidth))
				default:
					l.need(c, 7) // "100.0%"
				}
			}
		}
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
	for i := 0; i < n; i++ {
		if err := wb.checkCtx(i); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := sw.SetRow(cellName(1, tableTop+1+i), row(i)); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", sheet, tableTop+1+i, err)
		}
	}
	// The notes below the table, then the pointer to the definitions.
	below := tableTop + n + 2
	for _, note := range append(notes, wbT(wb.lang, wb.definitionsNote())) {
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
