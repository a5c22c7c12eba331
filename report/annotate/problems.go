package annotate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Fills of the cells at fault, the colours spreadsheets use for "bad" and
// "neutral" cells: a refusal in light red, a warning in light yellow. The
// severity column of the problems sheet wears the same fill, as a legend.
const (
	fillRefusal = "FFC7CE"
	fillWarning = "FFEB9C"
)

// Columns of the problems sheet and their widths (in characters).
var problemCols = []struct {
	key   string
	width float64
}{
	{"annotate.col.number", 5},
	{"annotate.col.severity", 15},
	{"annotate.col.sheet", 24},
	{"annotate.col.cell", 20},
	{"annotate.col.message", 90},
}

// problemStyles are the styles of the problems sheet.
type problemStyles struct {
	title, intro, header, body, link, refusal, warning int
}

func newProblemStyles(f *excelize.File) (problemStyles, error) {
	var s problemStyles
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	border := []excelize.Border{
		{Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	defs := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.intro, &excelize.Style{Alignment: top}},
		{&s.header, &excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: top, Border: border,
		}},
		{&s.body, &excelize.Style{Alignment: top, Border: border}},
		{&s.link, &excelize.Style{
			Font:      &excelize.Font{Color: "0563C1", Underline: "single"},
			Alignment: top, Border: border,
		}},
		{&s.refusal, &excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillRefusal}},
			Alignment: top, Border: border,
		}},
		{&s.warning, &excelize.Style{
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillWarning}},
			Alignment: top, Border: border,
		}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.st)
		if err != nil {
			return s, fmt.Errorf("problems sheet style: %w", err)
		}
		*d.dst = id
	}
	return s, nil
}

// writeProblems fills the sheet name (already in f) with the list of
// problems: a title naming the file, the intro paragraphs, then one row per
// problem, its cell a link to the cell at fault when the workbook has it.
func writeProblems(f *excelize.File, name, file string, intro []string, es []entry, lang string) error {
	st, err := newProblemStyles(f)
	if err != nil {
		return err
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(name, cell, v); err != nil {
			return fmt.Errorf("problems sheet %s: %w", cell, err)
		}
		if err := f.SetCellStyle(name, cell, cell, style); err != nil {
			return fmt.Errorf("problems sheet %s: %w", cell, err)
		}
		return nil
	}
	for i, c := range problemCols {
		col := string(rune('A' + i))
		if err := f.SetColWidth(name, col, col, c.width); err != nil {
			return fmt.Errorf("problems sheet: %w", err)
		}
	}
	if err := set("A1", show(fmt.Sprintf(t(lang, "annotate.title"), file)), st.title); err != nil {
		return err
	}
	row := 2
	if len(es) == 0 {
		intro = append(intro, t(lang, "annotate.intro.none"))
	}
	for _, p := range intro {
		cell := fmt.Sprintf("A%d", row)
		if err := set(cell, show(p), st.intro); err != nil {
			return err
		}
		if err := f.MergeCell(name, cell, fmt.Sprintf("E%d", row)); err != nil {
			return fmt.Errorf("problems sheet: %w", err)
		}
		// Neither Excel nor LibreOffice sizes a merged row to its text.
		if err := f.SetRowHeight(name, row, rowHeight(p, 130)); err != nil {
			return fmt.Errorf("problems sheet: %w", err)
		}
		row++
	}
	row++
	header := row
	for i, c := range problemCols {
		if err := set(fmt.Sprintf("%c%d", 'A'+i, row), t(lang, c.key), st.header); err != nil {
			return err
		}
	}
	for i, e := range es {
		row++
		r := func(col byte) string { return fmt.Sprintf("%c%d", col, row) }
		sev, sevStyle := t(lang, "annotate.severity.refusal"), st.refusal
		if e.warning {
			sev, sevStyle = t(lang, "annotate.severity.warning"), st.warning
		}
		sheetName := e.Sheet
		if e.sheet != "" {
			sheetName = e.sheet
		}
		where := e.Cell
		if e.cell != "" && e.cell != e.Cell {
			// A CSV cell, named in words: its column letter too, as
			// the data sheet shows it.
			where += " (" + e.cell + ")"
		}
		switch {
		case where == "" && sheetName == "":
			where = t(lang, "annotate.whole.file")
		case where == "":
			where = t(lang, "annotate.whole.sheet")
		}
		for _, c := range []struct {
			ref   string
			v     any
			style int
		}{
			{r('A'), i + 1, st.body},
			{r('B'), sev, sevStyle},
			{r('C'), show(sheetName), st.body},
			{r('D'), show(where), st.body},
			{r('E'), show(e.Message), st.body},
		} {
			if err := set(c.ref, c.v, c.style); err != nil {
				return err
			}
		}
		if e.sheet != "" {
			target := e.cell
			if target == "" {
				target = "A1"
			}
			if err := f.SetCellHyperLink(name, r('D'), quoteSheet(e.sheet)+"!"+target, "Location"); err != nil {
				return fmt.Errorf("problems sheet %s: %w", r('D'), err)
			}
			if err := f.SetCellStyle(name, r('D'), r('D'), st.link); err != nil {
				return fmt.Errorf("problems sheet %s: %w", r('D'), err)
			}
		}
		if err := f.SetRowHeight(name, row, rowHeight(e.Message, 85)); err != nil {
			return fmt.Errorf("problems sheet: %w", err)
		}
	}
	// Printed, the list fits the width of a landscape page.
	landscape, one, any, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	if err := f.SetPanes(name, &excelize.Panes{
		Freeze: true, YSplit: header, TopLeftCell: fmt.Sprintf("A%d", header+1), ActivePane: "bottomLeft",
	}); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	return nil
}

// rowHeight estimates the height in points of a row whose wrapped text of
// perLine characters a line holds s: spreadsheets do not size a row to
// its text when they open a file.
func rowHeight(s string, perLine int) float64 {
	lines := 0
	for _, l := range strings.Split(s, "\n") {
		lines += max(1, (utf8.RuneCountInString(l)+perLine-1)/perLine)
	}
	return float64(min(lines, 25)) * 15
}

// quoteSheet quotes a sheet name for a reference to one of its cells, each
// quote it holds doubled, as formulas write it.
func quoteSheet(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// uniqueSheetName returns base, or base with a number, so that it differs
// from every name in taken (Excel compares sheet names without case).
func uniqueSheetName(base string, taken []string) string {
	name := base
	for n := 2; ; n++ {
		clash := false
		for _, s := range taken {
			if strings.EqualFold(s, name) {
				clash = true
				break
			}
		}
		if !clash {
			return name
		}
		name = fmt.Sprintf("%s (%d)", base, n)
	}
}
