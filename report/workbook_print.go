package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Print settings. Every sheet prints on A4, fitted to one page wide and as
// many pages down as it needs, with its sheet name and page numbers in the
// footer; a sheet holding a table repeats its header row on every page.
// Without them a spreadsheet prints a wide table in vertical strips of one
// or two columns: the workbook of the samples printed as 80 pages, 62 of
// them for the data sheet alone.
const (
	// paperA4 is the paper size code of A4 in SpreadsheetML (ECMA-376
	// 18.3.1.63).
	paperA4 = 9
	// portraitWidth is the total column width, in characters, above which
	// a table prints across the page: about what an A4 page holds upright
	// at the default font before the fit to width makes the print small.
	portraitWidth = 100
)

// printSetup sets a sheet's print layout: A4, landscape or portrait, fitted
// to one page wide and pagesDown pages high (0: as many as needed), the
// sheet name and page numbers in the footer, and, when headerRow is not 0,
// that row (a table's header) repeated at the top of every page (the print titles,
// which Excel and LibreOffice read from the sheet-scoped defined name
// _xlnm.Print_Titles). For a sheet written by the stream writer it must be
// called before the writer is made: the writer copies these settings from
// the sheet when it is created, and the sheet cannot be changed after.
func (wb *workbook) printSetup(sheet string, landscape bool, pagesDown, headerRow int) error {
	fit := true
	if err := wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	size, across := paperA4, 1
	err := wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &across, FitToHeight: &pagesDown,
	})
	if err != nil {
		return fmt.Errorf("sheet %s: page layout: %w", sheet, err)
	}
	// &A is the sheet's name, &P the page and &N the number of pages;
	// &L and &R align left and right. A literal & is written &&.
	page := strings.ReplaceAll(wbT(wb.lang, "print.page"), "&", "&&")
	page = strings.NewReplacer("{page}", "&P", "{pages}", "&N").Replace(page)
	err = wb.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L&A&R" + page,
	})
	if err != nil {
		return fmt.Errorf("sheet %s: footer: %w", sheet, err)
	}
	if headerRow > 0 {
		err := wb.f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), headerRow, headerRow),
			Scope:    sheet,
		})
		if err != nil {
			return fmt.Errorf("sheet %s: print titles: %w", sheet, err)
		}
	}
	return nil
}

// wide reports whether a table of these column widths prints across the
// page rather than upright.
func (l *sheetLayout) wide() bool {
	total := 0.0
	for i := range l.widths {
		total += l.width(i)
	}
	return total > portraitWidth
}
