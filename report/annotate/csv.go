package annotate

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
)

// writeGrid writes a new workbook holding what the reader read: for a CSV
// file, its rows (its encoding decoded, its separator split), every cell as
// text exactly as written in the file (« 12.000 » stays « 12.000 », which
// is what the problem is about); for a workbook that could not be annotated
// as it is, its sheets' values, without their formatting and formulas.
// The problems sheet comes first, and the cells at fault are highlighted
// and commented as in a copy.
func writeGrid(w io.Writer, path string, res ingest.FileResult, wb *sheet.Workbook, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	problems := t(lang, "annotate.sheet.problems")
	if err := f.SetSheetName(f.GetSheetName(0), problems); err != nil {
		return fmt.Errorf("problems sheet: %w", err)
	}
	taken := []string{problems}
	names := map[string]string{} // the reader's sheet name → the workbook's
	for _, s := range wb.Sheets {
		name := sheetName(s.Name, lang)
		if wb.Format == sheet.CSV {
			name = sheetName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), lang)
		}
		name = uniqueSheetName(name, taken)
		taken = append(taken, name)
		names[s.Name] = name
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := writeRows(f, name, s.Rows); err != nil {
			return err
		}
	}
	es := entries(res)
	for i, e := range es {
		if wb.Format == sheet.CSV {
			es[i].sheet, es[i].cell = csvPlace(names[""], e.Problem)
			continue
		}
		if name, ok := names[e.Sheet]; ok && e.Sheet != "" {
			es[i].sheet, es[i].cell = xlsxPlace([]string{name}, ingest.Problem{Location: ingest.Location{Sheet: name, Cell: e.Cell}})
		}
	}
	if err := annotateCells(f, es, lang); err != nil {
		return err
	}
	var intro []string
	switch {
	case res.Refused():
		intro = append(intro, t(lang, "annotate.intro.refused"))
	case len(es) > 0:
		intro = append(intro, t(lang, "annotate.intro.warned"))
	}
	if wb.Format == sheet.CSV {
		intro = append(intro, fmt.Sprintf(t(lang, "annotate.intro.csv"), names[""], wb.Encoding, separatorName(wb.Separator, lang)))
	} else {
		intro = append(intro, t(lang, "annotate.intro.rebuilt"))
	}
	if err := writeProblems(f, problems, fileName(path), intro, es, lang); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := setDocProps(f, path, res, lang); err != nil {
		return err
	}
	return f.Write(w)
}

// writeRows writes the grid of a sheet: text cells as text, numbers and
// booleans as such, error values and formulas never computed as the text
// the reader kept; columns as wide as their longest value, within reason.
func writeRows(f *excelize.File, name string, rows [][]sheet.Cell) error {
	var widths []int
	for i, r := range rows {
		for j, c := range r {
			if c.Kind == sheet.Empty {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return fmt.Errorf("sheet %s: %w", name, err)
			}
			v := show(c.Value)
			switch c.Kind {
			case sheet.Number:
				if x, perr := strconv.ParseFloat(c.Value, 64); perr == nil {
					err = f.SetCellFloat(name, ref, x, -1, 64)
				} else {
					err = f.SetCellStr(name, ref, v)
				}
			case sheet.Bool:
				err = f.SetCellBool(name, ref, c.Value == "TRUE")
			default:
				err = f.SetCellStr(name, ref, v)
			}
			if err != nil {
				return fmt.Errorf("sheet %s, cell %s: %w", name, ref, err)
			}
			for len(widths) <= j {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(v))
		}
	}
	for j, wd := range widths {
		col, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := f.SetColWidth(name, col, col, float64(min(max(wd, 6), 60)+2)); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return nil
}

// csvPlace finds the cell of the data sheet a problem names: the reader
// words a CSV cell as "ligne 3, colonne 2" or "line 3, column 2", row
// numbers as a spreadsheet shows the file, which are the data sheet's.
func csvPlace(data string, p ingest.Problem) (sheetName, cell string) {
	row, col, ok := parseCSVCell(p.Cell)
	if !ok {
		return "", ""
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "", ""
	}
	return data, ref
}

func parseCSVCell(s string) (row, col int, ok bool) {
	for _, form := range []string{"ligne %d, colonne %d", "line %d, column %d"} {
		var r, c int
		if n, err := fmt.Sscanf(s, form, &r, &c); err == nil && n == 2 && fmt.Sprintf(form, r, c) == s && r > 0 && c > 0 {
			return r, c, true
		}
	}
	return 0, 0, false
}

// sheetName makes a name fit Excel's rules for sheet names: at most 31
// characters, none of []:*?/\, no quote at either end; the data sheet's
// name in lang when nothing is left. A CSV file's data sheet is named after
// the file; a sheet read from a hand-made workbook may break the rules.
func sheetName(name, lang string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, show(name))
	name = strings.Trim(name, "' ")
	if r := []rune(name); len(r) > 31 {
		name = strings.TrimRight(string(r[:31]), "' ")
	}
	if name == "" {
		return t(lang, "annotate.sheet.data")
	}
	return name
}

func separatorName(r rune, lang string) string {
	switch r {
	case ';', ',':
		return texts.Lang(lang).Quote(string(r))
	case '\t':
		return t(lang, "word.tab")
	}
	return string(r)
}
