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
	b := in.Batch
	if b == nil {
		b = &ingest.Batch{}
	}
	l := &sheetLayout{name: sheet}
	if err := wb.writeHead(sheet, "quality.title", wbT(wb.lang, "scope.files")); err != nil {
		return err
	}

	// Each file's status and the counts are ingest's (Batch.Fates, Counts):
	// one definition for the terminal, this sheet and the quality reports.
	ft := in.fateTable()
	if ft == nil {
		ft = b.FateTable()
	}
	fates := ft.Fates(0)
	counts := ft.Counts(0, fates)
	statusKey := map[ingest.Fate]string{
		ingest.FateAccepted: "status.accepted", ingest.FateReplaced: "status.replaced",
		ingest.FateRefused: "status.refused", ingest.FateDuplicate: "status.duplicate",
	}
	var refusals, warnings int64
	var files, problems, warns [][]any
	for i, fr := range b.Files {
		status := wbT(wb.lang, statusKey[fates[i]])
		refusals += int64(len(fr.Refusals))
		warnings += int64(len(fr.Warnings))
		files = append(files, []any{fr.File, status, int64(len(fr.Refusals)), int64(len(fr.Warnings))})
		for _, p := range fr.Refusals {
			problems = append(problems, []any{fr.File, p.Sheet, p.Cell, texts.Lang(wb.lang).KindLabel(p.Kind), p.Message})
		}
		for _, p := range fr.Warnings {
			warns = append(warns, []any{fr.File, p.Sheet, p.Cell, texts.Lang(wb.lang).KindLabel(p.Kind), p.Message})
		}
	}
	var replacements, duplicates [][]any
	for _, r := range b.Replacements {
		replacements = append(replacements, []any{r.UAI, YearLabel(r.Year), r.Old, r.New})
	}
	for _, d := range b.Duplicates {
		duplicates = append(duplicates, []any{d.File, d.SameAs})
	}

	row := tableTop
	if err := wb.section(sheet, row, "quality.summary"); err != nil {
		return err
	}
	summary := []struct {
		key string
		n   int64
	}{
		{"quality.files.read", int64(counts.Received)},
		{"quality.files.accepted", int64(counts.Accepted)},
		{"quality.files.replaced", int64(counts.Replaced)},
		{"quality.files.refused", int64(counts.Refused)},
		{"quality.duplicates", int64(counts.Duplicates)},
		{"quality.refusals", refusals},
		{"quality.warnings", warnings},
		{"quality.replacements", int64(counts.Replacements)},
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

	problemCols := []wbColumn{
		{T(wb.lang, "file"), kindText}, {T(wb.lang, "sheet"), kindText}, {T(wb.lang, "cell"), kindText},
		{T(wb.lang, "kind"), kindText}, {T(wb.lang, "message"), kindWrap},
	}
	sections := []struct {
		title, table string
		cols         []wbColumn
		rows         [][]any
	}{
		{"quality.files", "Fichiers", []wbColumn{
			{T(wb.lang, "file"), kindText}, {wbT(wb.lang, "col.status"), kindText},
			{wbT(wb.lang, "col.refusals"), kindCount}, {wbT(wb.lang, "col.warnings"), kindCount},
		}, files},
		{"quality.refusals", "MotifsDeRefus", problemCols, problems},
		{"quality.warnings", "Avertissements", problemCols, warns},
		{"quality.replacements", "Remplacements", []wbColumn{
			{T(wb.lang, "uai"), kindText}, {T(wb.lang, "academic.year"), kindText},
			{T(wb.lang, "replaced.file"), kindText}, {T(wb.lang, "replacing.file"), kindText},
		}, replacements},
		{"quality.duplicates", "Doublons", []wbColumn{
			{T(wb.lang, "duplicate.file"), kindText}, {T(wb.lang, "same.as"), kindText},
		}, duplicates},
	}
	for _, s := range sections {
		row += 2
		if err := wb.section(sheet, row, s.title); err != nil {
			return err
		}
		row++
		if len(s.rows) == 0 {
			if err := wb.note(sheet, cellName(1, row), wbT(wb.lang, "none")); err != nil {
				return err
			}
			continue
		}
		last, err := wb.writeTable(l, row, s.cols, s.rows)
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
