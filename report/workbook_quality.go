package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
)

// writeQuality writes the record of the files read: a summary, then one
// section per list (files, refusal reasons, warnings, replacements,
// duplicates). Excel allows one sheet-level autofilter per sheet, so each
// list is an Excel table, which has its own filter buttons.
func (wb *workbook) writeQuality(sheet string, in Input) error {
	summary, sections := wb.qualityLists(in)
	total := 0
	for _, s := range sections {
		total += s.n
	}
	if total > 0 {
		// A sheet with a row in its lists is streamed (streamQuality):
		// set cell by cell, the 5,000 files of 5,000 forms cost 0.1 s of
		// CPU (excelize clears its caches at every cell set, then
		// marshals its tree), and excelize's tree of 60,000 files 70 MB.
		// The same cells, styles and tables; its header rows are as tall
		// as their labels need at the sheet's final column widths (set
		// cell by cell, each was sized to the widths its section had
		// noted, two lines where one fits). A sheet of empty lists is
		// set cell by cell, its sections saying « none ».
		return wb.streamQuality(sheet, summary, sections)
	}
	return wb.cellQuality(sheet, summary, sections)
}

// qualityLists are the quality sheet's summary and lists.
func (wb *workbook) qualityLists(in Input) ([]summaryLine, []qualitySection) {
	b := in.Batch
	if b == nil {
		b = &ingest.Batch{}
	}
	// Each file's status and the counts are ingest's (Batch.Fates, Counts):
	// one definition for the terminal, this sheet and the quality reports.
	ft := in.fateTable()
	if ft == nil {
		ft = b.FateTable()
	}
	fates := ft.Fates(0)
	counts := ft.Counts(0, fates)
	// Each status in words, once rather than at every file's row.
	status := map[ingest.Fate]string{}
	for fate, key := range map[ingest.Fate]string{
		ingest.FateAccepted: "status.accepted", ingest.FateReplaced: "status.replaced",
		ingest.FateRefused: "status.refused", ingest.FateDuplicate: "status.duplicate",
	} {
		status[fate] = wbT(wb.lang, key)
	}
	// The lists' rows are made as they are written (section.row), not
	// held: at 60,000 forms the files alone are 60,000 rows.
	var refusals, warnings int64
	var problems, warns []problemRef
	for i := range b.Files {
		fr := &b.Files[i]
		refusals += int64(len(fr.Refusals))
		warnings += int64(len(fr.Warnings))
		for p := range fr.Refusals {
			problems = append(problems, problemRef{int32(i), int32(p)})
		}
		for p := range fr.Warnings {
			warns = append(warns, problemRef{int32(i), int32(p)})
		}
	}
	problemRow := func(r problemRef, p ingest.Problem) []any {
		return []any{b.Files[r.file].File, p.Sheet, p.Cell, texts.Lang(wb.lang).KindLabel(p.Kind), p.Message}
	}
	summary := []summaryLine{
		{"quality.files.read", int64(counts.Received)},
		{"quality.files.accepted", int64(counts.Accepted)},
		{"quality.files.replaced", int64(counts.Replaced)},
		{"quality.files.refused", int64(counts.Refused)},
		{"quality.duplicates", int64(counts.Duplicates)},
		{"quality.refusals", refusals},
		{"quality.warnings", warnings},
		{"quality.replacements", int64(counts.Replacements)},
	}
	problemCols := []wbColumn{
		{T(wb.lang, "file"), kindText}, {T(wb.lang, "sheet"), kindText}, {T(wb.lang, "cell"), kindText},
		{T(wb.lang, "kind"), kindText}, {T(wb.lang, "message"), kindWrap},
	}
	sections := []qualitySection{
		{"quality.files", "Fichiers", []wbColumn{
			{T(wb.lang, "file"), kindText}, {wbT(wb.lang, "col.status"), kindText},
			{wbT(wb.lang, "col.refusals"), kindCount}, {wbT(wb.lang, "col.warnings"), kindCount},
		}, len(b.Files), func(i int) []any {
			fr := &b.Files[i]
			return []any{fr.File, status[fates[i]], int64(len(fr.Refusals)), int64(len(fr.Warnings))}
		}},
		{"quality.refusals", "MotifsDeRefus", problemCols, len(problems), func(i int) []any {
			r := problems[i]
			return problemRow(r, b.Files[r.file].Refusals[r.problem])
		}},
		{"quality.warnings", "Avertissements", problemCols, len(warns), func(i int) []any {
			r := warns[i]
			return problemRow(r, b.Files[r.file].Warnings[r.problem])
		}},
		{"quality.replacements", "Remplacements", []wbColumn{
			{T(wb.lang, "uai"), kindText}, {T(wb.lang, "academic.year"), kindText},
			{T(wb.lang, "replaced.file"), kindText}, {T(wb.lang, "replacing.file"), kindText},
		}, len(b.Replacements), func(i int) []any {
			r := b.Replacements[i]
			return []any{r.UAI, YearLabel(r.Year), r.Old, r.New}
		}},
		{"quality.duplicates", "Doublons", []wbColumn{
			{T(wb.lang, "duplicate.file"), kindText}, {T(wb.lang, "same.as"), kindText},
		}, len(b.Duplicates), func(i int) []any {
			d := b.Duplicates[i]
			return []any{d.File, d.SameAs}
		}},
	}
	return summary, sections
}

// cellQuality writes the quality sheet cell by cell.
func (wb *workbook) cellQuality(sheet string, summary []summaryLine, sections []qualitySection) error {
	l := &sheetLayout{name: sheet}
	if err := wb.writeHead(sheet, "quality.title", wbT(wb.lang, "scope.files")); err != nil {
		return err
	}
	row := tableTop
	if err := wb.section(sheet, row, "quality.summary"); err != nil {
		return err
	}
	for _, s := range summary {
		row++
		// The summary's labels are long sentences; they overflow into the
		// next empty cells rather than widening the file column.
		if err := wb.f.SetCellStr(sheet, cellName(1, row), wbT(wb.lang, s.key)); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := wb.f.SetCellInt(sheet, cellName(4, row), s.n); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := wb.f.SetCellStyle(sheet, cellName(4, row), cellName(4, row), wb.styleCount); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}

	for _, s := range sections {
		row += 2
		if err := wb.section(sheet, row, s.title); err != nil {
			return err
		}
		row++
		if s.n == 0 {
			if err := wb.note(sheet, cellName(1, row), wbT(wb.lang, "none")); err != nil {
				return err
			}
			continue
		}
		rows := make([][]any, s.n)
		for i := range rows {
			rows[i] = s.row(i)
		}
		last, err := wb.writeTable(l, row, s.cols, rows)
		if err != nil {
			return err
		}
		stripes := true
		err = wb.f.AddTable(sheet, &excelize.Table{
			Range: cellName(1, row) + ":" + cellName(len(s.cols), last),
			// Table names are internal identifiers (no spaces, unique in
			// the workbook), not shown to readers.
			Name: "Qualite" + s.table, StyleName: "TableStyleLight1", ShowRowStripes: &stripes,
		})
		if err != nil {
			return fmt.Errorf("sheet %s: table %s: %w", sheet, s.table, err)
		}
		if err := wb.setHeaderHeight(l, row, s.cols); err != nil {
			return err
		}
		row = last
	}
	if err := l.apply(wb.f); err != nil {
		return err
	}
	return wb.printSetup(sheet, l.wide(), 0, 0)
}

// section writes a section title.
func (wb *workbook) section(sheet string, row int, key string) error {
	cell := cellName(1, row)
	if err := wb.f.SetCellStr(sheet, cell, wbT(wb.lang, key)); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := wb.f.SetCellStyle(sheet, cell, cell, wb.styleSection); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}

// summaryLine is a line of the quality sheet's summary: a label's key and
// its count.
type summaryLine struct {
	key string
	n   int64
}

// qualitySection is one list of the quality sheet: n rows, the i-th made
// by row(i) (strings as read, not yet shown, and int64 counts).
type qualitySection struct {
	title, table string
	cols         []wbColumn
	n            int
	row          func(i int) []any
}

// problemRef is a refusal or warning of the quality sheet: the indexes of
// its file in the batch and of the problem in the file's list.
type problemRef struct{ file, problem int32 }

// streamQuality writes the quality sheet through excelize's stream writer,
// as streamSheet does the tables, its lists' rows written by rowsWriter
// and spliced after their headers when the workbook is saved: the same
// lines, sections and tables as cellQuality's cells, for a batch with a
// row in its lists (writeQuality). The columns are sized in a first pass over every list; the
// header rows are given the height of the final widths. excelize's stream
// writer names only its last table in the sheet: normalizeZip lists the
// others (fixTableParts).
func (wb *workbook) streamQuality(sheet string, summary []summaryLine, sections []qualitySection) error {
	l := &sheetLayout{name: sheet}
	for _, s := range sections {
		if s.n == 0 {
			continue
		}
		for c, col := range s.cols {
			l.need(c, headerWidth(col.header))
		}
		for i := 0; i < s.n; i++ {
			if err := wb.checkCtx(i); err != nil {
				return fmt.Errorf("sheet %s: %w", sheet, err)
			}
			for c, v := range s.row(i) {
				switch v := v.(type) {
				case string:
					l.need(c, min(textWidth(wbText(v)), maxColWidth))
				case int64:
					l.need(c, float64(len(FormatInt(v, "en"))))
				}
			}
		}
	}
	// The print layout is copied by the stream writer when it is made.
	if err := wb.printSetup(sheet, l.wide(), 0, 0); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	for c := range l.widths {
		if err := sw.SetColWidth(c+1, c+1, l.width(c)); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	if err := wb.streamHead(sw, "quality.title", wbT(wb.lang, "scope.files")); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	setRow := func(row int, cells []any, opts ...excelize.RowOpts) error {
		if err := sw.SetRow(cellName(1, row), cells, opts...); err != nil {
			return fmt.Errorf("sheet %s: row %d: %w", sheet, row, err)
		}
		return nil
	}
	section := func(row int, key string) error {
		return setRow(row, []any{excelize.Cell{StyleID: wb.styleSection, Value: wbT(wb.lang, key)}})
	}
	row := tableTop
	if err := section(row, "quality.summary"); err != nil {
		return err
	}
	for _, s := range summary {
		row++
		if err := setRow(row, []any{wbT(wb.lang, s.key), nil, nil, excelize.Cell{StyleID: wb.styleCount, Value: s.n}}); err != nil {
			return err
		}
	}
	for _, s := range sections {
		row += 2
		if err := section(row, s.title); err != nil {
			return err
		}
		row++
		if s.n == 0 {
			if err := setRow(row, []any{excelize.Cell{StyleID: wb.styleNote, Value: wbT(wb.lang, "none")}}); err != nil {
				return err
			}
			continue
		}
		styles := make([]int, len(s.cols))
		header := make([]any, len(s.cols))
		for c, col := range s.cols {
			header[c] = excelize.Cell{StyleID: wb.styleHeader, Value: col.header}
			switch col.kind {
			case kindCount:
				styles[c] = wb.styleCount
			case kindRate:
				styles[c] = wb.styleRate
			case kindWrap:
				styles[c] = wb.styleWrap
			default:
				styles[c] = wb.styleText
			}
		}
		if err := setRow(row, header, excelize.RowOpts{Height: headerHeight(l, s.cols)}); err != nil {
			return err
		}
		// The list's rows are written by rowsWriter, as a streamed
		// table's (streamSheet), after their header when the workbook is
		// saved; through the stream writer with rowsByExcelize, which
		// tests hold to the same bytes. eachRow sets cells to each row of
		// the list below top in turn and gives emit its number and its
		// height (0: as tall as its cells need).
		cells := make([]streamCell, len(s.cols))
		eachRow := func(top int, emit func(r int, height float64) error) error {
			for i := 0; i < s.n; i++ {
				if err := wb.checkCtx(i); err != nil {
					return fmt.Errorf("sheet %s: %w", sheet, err)
				}
				lines := 1
				for c, v := range s.row(i) {
					switch v := v.(type) {
					case string:
						text := wbText(v)
						if s.cols[c].kind == kindWrap {
							lines = max(lines, wrapLines(text, int(l.width(c))))
						}
						cells[c] = textCell(styles[c], text)
					case int64:
						cells[c] = intCell(styles[c], v)
					default:
						return fmt.Errorf("sheet %s: row %d: unexpected value %T", sheet, top+1+i, v)
					}
				}
				height := 0.0
				if lines > 1 {
					// As sheetLayout.apply sets it on the sheet set cell by cell.
					height = min(15*float64(lines), excelize.MaxRowHeight)
				}
				if err := emit(top+1+i, height); err != nil {
					return err
				}
			}
			return nil
		}
		if !wb.rowsByExcelize {
			top := row
			wb.addRows(sheet, top, len(s.cols), func(rw *rowsWriter) error {
				return eachRow(top, func(r int, height float64) error {
					if err := rw.writeRow(r, height, cells); err != nil {
						return fmt.Errorf("sheet %s: row %d: %w", sheet, r, err)
					}
					return nil
				})
			})
		} else {
			var values []any
			err := eachRow(row, func(r int, height float64) error {
				values = values[:0]
				for _, cell := range cells {
					values = append(values, cell.excelizeValue())
				}
				var opts []excelize.RowOpts
				if height > 0 {
					opts = append(opts, excelize.RowOpts{Height: height})
				}
				return setRow(r, values, opts...)
			})
			if err != nil {
				return err
			}
		}
		last := row + s.n
		stripes := true
		err := sw.AddTable(&excelize.Table{
			Range: cellName(1, row) + ":" + cellName(len(s.cols), last),
			Name:  "Qualite" + s.table, StyleName: "TableStyleLight1", ShowRowStripes: &stripes,
		})
		if err != nil {
			return fmt.Errorf("sheet %s: table %s: %w", sheet, s.table, err)
		}
		row = last
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}
