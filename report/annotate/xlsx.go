package annotate

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest"
)

// annotateCopy annotates the institution's workbook in place: every cell at
// fault highlighted and commented, and the problems sheet added first and
// made the one the workbook opens on. Nothing else is written: the values,
// formulas and formatting stay as they are (excelize rewrites the parts it
// touched, the sheets with a cell at fault and the workbook part; see
// docs/annotate.md for what that may lose).
func annotateCopy(f *excelize.File, path string, res ingest.FileResult, lang string) error {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return fmt.Errorf("the workbook has no sheet")
	}
	es := entries(res)
	for i := range es {
		es[i].sheet, es[i].cell = xlsxPlace(sheets, es[i].Problem)
	}
	if err := annotateCells(f, es, lang); err != nil {
		return err
	}
	name := uniqueSheetName(t(lang, "annotate.sheet.problems"), sheets)
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	if err := f.MoveSheet(name, sheets[0]); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	shiftLocalNames(f)
	intro := t(lang, "annotate.intro.refused")
	if !res.Refused() {
		intro = t(lang, "annotate.intro.warned")
	}
	if len(es) == 0 {
		intro = ""
	}
	var paras []string
	if intro != "" {
		paras = append(paras, intro)
	}
	if err := writeProblems(f, name, fileName(path), paras, es, lang); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if wb := f.WorkBook; wb != nil && wb.BookViews != nil && len(wb.BookViews.WorkBookView) > 0 {
		// The tab bar starts at the first sheet, where the list is.
		wb.BookViews.WorkBookView[0].FirstSheet = 0
	}
	return nil
}

// xlsxPlace finds the sheet and cell of the workbook a problem names: the
// sheet by its name (the reader took it from the same workbook part), the
// cell by its A1 reference. A problem about a sheet the workbook does not
// have, or with a cell that is not a reference, stays on the list only.
func xlsxPlace(sheets []string, p ingest.Problem) (sheetName, cell string) {
	found := false
	for _, s := range sheets {
		if s == p.Sheet {
			found = true
			break
		}
	}
	if !found || p.Sheet == "" {
		return "", ""
	}
	if p.Cell == "" {
		return p.Sheet, ""
	}
	col, row, err := excelize.CellNameToCoordinates(p.Cell)
	if err != nil {
		return p.Sheet, ""
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return p.Sheet, ""
	}
	return p.Sheet, ref
}

// shiftLocalNames follows the sheets moved one place to the right by the
// problems sheet inserted before them: a name defined for one sheet (its
// print area, its print titles, its filter) points to it by position, and
// excelize's MoveSheet does not renumber those positions.
func shiftLocalNames(f *excelize.File) {
	wb := f.WorkBook
	if wb == nil || wb.DefinedNames == nil {
		return
	}
	for i := range wb.DefinedNames.DefinedName {
		if id := wb.DefinedNames.DefinedName[i].LocalSheetID; id != nil {
			n := *id + 1
			wb.DefinedNames.DefinedName[i].LocalSheetID = &n
		}
	}
}
