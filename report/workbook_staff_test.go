package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestStaffWorkbook reads the staff workbook back: one sheet per analysis
// table, each with its title, scope and source above the table, its header
// at row tableTop in the run's language, as many rows as the CSV table,
// counts and rates as numbers, the header repeated on every printed page;
// and the same input gives the same bytes.
func TestStaffWorkbook(t *testing.T) {
	for _, c := range []struct {
		lang   string
		sheets []string
		source string
		header map[string]string // sheet → its first column's title
		value  map[string]string // sheet!cell → value
	}{
		{"fr", []string{"Complétude", "Non-répondants", "Panel", "Comparaison", "Chiffres à vérifier"},
			"Source\u00a0: enquête C2i2e, ministère de l’Éducation nationale.",
			map[string]string{"Complétude": "Année universitaire", "Comparaison": "Année universitaire"},
			map[string]string{"Comparaison!B6": "Groupe de parcours"}},
		{"en", []string{"Completeness", "Non-respondents", "Panel", "Comparison", "Figures to check"},
			"Source: C2i2e survey, Ministry of Education.",
			map[string]string{"Completeness": "Academic year", "Comparison": "Academic year"},
			map[string]string{"Comparison!B6": "Track group"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			in := buildTestInput(t, filepath.Join("testdata", "workbook-basic"), c.lang)
			var a, b bytes.Buffer
			if err := WriteStaffWorkbook(t.Context(), &a, in); err != nil {
				t.Fatal(err)
			}
			if err := WriteStaffWorkbook(t.Context(), &b, in); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes of the same input differ")
			}
			f := openTestWorkbook(t, a.Bytes())
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(c.sheets, "|") {
				t.Fatalf("sheets %q, want %q", got, c.sheets)
			}
			records := map[string]func() ([][]string, error){
				c.sheets[0]: func() ([][]string, error) { return completenessRecords(in) },
				c.sheets[1]: func() ([][]string, error) { return missingRecords(in) },
				c.sheets[2]: func() ([][]string, error) { return panelRecords(in) },
				c.sheets[3]: func() ([][]string, error) { return compareRecords(in) },
				c.sheets[4]: func() ([][]string, error) { return outliersRecords(t.Context(), in) },
			}
			titles := map[string]bool{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" {
					titles[dn.Scope] = true
				}
			}
			for _, sheet := range c.sheets {
				title, _ := f.GetCellValue(sheet, "A1")
				if !strings.Contains(title, map[string]string{"fr": "usage interne", "en": "internal use"}[c.lang]) {
					t.Errorf("%s!A1 = %q, want a title marked for internal use", sheet, title)
				}
				if src, _ := f.GetCellValue(sheet, "A3"); src != c.source {
					t.Errorf("%s!A3 = %q, want %q", sheet, src, c.source)
				}
				if want, ok := c.header[sheet]; ok {
					if got, _ := f.GetCellValue(sheet, cellName(1, tableTop)); got != want {
						t.Errorf("%s header = %q, want %q", sheet, got, want)
					}
				}
				recs, err := records[sheet]()
				if err != nil {
					t.Fatal(err)
				}
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				// The table's rows, then a blank row and the notes.
				data := 0
				for _, r := range rows[tableTop:] {
					if len(r) == 0 {
						break
					}
					data++
				}
				if data != len(recs)-1 {
					t.Errorf("%s: %d rows, want the %d of the CSV table", sheet, data, len(recs)-1)
				}
				if !titles[sheet] {
					t.Errorf("%s: no header row repeated on printed pages", sheet)
				}
			}
			for ref, want := range c.value {
				sheet, cell, _ := strings.Cut(ref, "!")
				if got, _ := f.GetCellValue(sheet, cell); got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}
			// A count is a number, not text.
			if typ, err := f.GetCellType(c.sheets[3], "D6"); err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
				t.Errorf("%s!D6 is of type %v (%v), want a number", c.sheets[3], typ, err)
			}
		})
	}
}
