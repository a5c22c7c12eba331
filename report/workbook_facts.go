package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// writeFacts writes every fact, one row each, through excelize's stream
// writer: the fact table can hold tens of thousands of rows and the stream
// writer does not keep a cell tree in memory. Text goes in as Go strings,
// which the stream writer stores as text, never as formulas.
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
	// The stream writer needs the column widths before the first row: size
	// them in a first pass over the columns.
	l := &sheetLayout{name: sheet}
	for c, col := range cols {
		l.need(c, headerWidth(col.header))
	}
	row := func(i int) []any {
		label, group := wb.trackLabels(fc.track.Value(i))
		if group == "" {
			group = wb.groupLabel(fc.group.Value(i))
		}
		var rate any
		if !fc.submitted.IsNull(i) {
			rate = excelize.Cell{StyleID: wb.styleRate, Value: fc.submitted.Value(i)}
		}
		return []any{
			YearLabel(int(fc.year.Value(i))), wbText(fc.uai.Value(i)), wbText(fc.institution.Value(i)),
			wbText(wb.academieLabel(fc.academie.Value(i))), wbText(fc.track.Value(i)), wbText(label), wbText(group),
			excelize.Cell{StyleID: wb.styleCount, Value: fc.students.Value(i)},
			excelize.Cell{StyleID: wb.styleCount, Value: fc.certs.Value(i)},
			rate,
			wbText(fc.sourceFile.Value(i)), wbText(fc.sourceSheet.Value(i)), wbText(fc.sourceCell.Value(i)),
		}
	}
	for i := 0; i < fc.n; i++ {
		if err := wb.checkCtx(i); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for c, v := range row(i) {
			switch v := v.(type) {
			case string:
				l.need(c, min(textWidth(v), maxColWidth))
			case excelize.Cell:
				if n, ok := v.Value.(int64); ok {
					l.need(c, float64(len(FormatInt(n, "en"))))
				} else {
					l.need(c, 7)
				}
			}
		}
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
	err = sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
	if err != nil {
		return fmt.Errorf("sheet %s: freeze header: %w", sheet, err)
	}
	header := make([]any, len(cols))
	for c, col := range cols {
		header[c] = excelize.Cell{StyleID: wb.styleHeader, Value: col.header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: headerHeight(l, cols)}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for i := 0; i < fc.n; i++ {
		if err := wb.checkCtx(i); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := sw.SetRow(cellName(1, i+2), row(i)); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", sheet, i+2, err)
		}
	}
	if fc.n > 0 {
		// A table gives the filter buttons: the stream writer has no
		// sheet-level autofilter.
		stripes := false
		err := sw.AddTable(&excelize.Table{
			Range: "A1:" + cellName(len(cols), fc.n+1), Name: "Donnees",
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
