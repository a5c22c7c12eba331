package ingest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet"

	"github.com/xuri/excelize/v2"
)

func TestReadFileCannotOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, lang, want string
	}{
		{"missing", filepath.Join(dir, "absent.xlsx"), "fr", "fichier introuvable"},
		{"folder", dir, "en", "it is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ReadFile(tt.path, Options{Lang: tt.lang})
			if len(r.Refusals) != 1 || r.Refusals[0].Kind != KindCannotOpen || !strings.Contains(r.Refusals[0].Message, tt.want) {
				t.Fatalf("refusals = %+v, want one %s saying %q", r.Refusals, KindCannotOpen, tt.want)
			}
			if r.Refusals[0].File != tt.path {
				t.Errorf("File = %q, want %q", r.Refusals[0].File, tt.path)
			}
		})
	}
}

// Reading the same file twice gives the same result, and a copy under
// another name the same hash.
func TestReadFileDeterministic(t *testing.T) {
	src := filepath.Join("testdata", "l1-form", "input.xlsx")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copie.xlsx")
	if err := os.WriteFile(cp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a, b := ReadFile(src, Options{MaxYear: 2027}), ReadFile(cp, Options{MaxYear: 2027})
	if a.Hash != b.Hash || a.Refused() || len(a.Submissions) != 1 {
		t.Fatalf("hash %s vs %s, refused %v, %d submissions", a.Hash, b.Hash, a.Refused(), len(a.Submissions))
	}
	if dump(ReadFile(src, Options{MaxYear: 2027})) != dump(a) {
		t.Error("two reads of the same file differ")
	}
}

// Interpret works on grids built in code: a workbook with no sheet, and a
// form whose figures sit on the first sheet after an instructions sheet.
func TestInterpretGrids(t *testing.T) {
	txt := func(s string) sheet.Cell { return sheet.Cell{Kind: sheet.Text, Value: s} }
	num := func(n int) sheet.Cell { return sheet.Cell{Kind: sheet.Number, Value: strconv.Itoa(n)} }
	form := sheet.Sheet{Name: "Données", Rows: [][]sheet.Cell{
		{txt("Année"), txt("2012")},
		{txt("UAI"), {}, txt("0751717J")}, // the value is the next non-empty cell
		{txt("Établissement : Université Paris Exemple")},
		{txt("Parcours"), txt("Étudiants concernés"), txt("Certificats délivrés"), txt("Taux")},
		{txt("Doctorats"), num(10), num(4), {Kind: sheet.Number, Value: "0.4"}},
		{txt("Candidats libres"), num(0), num(0), {Kind: sheet.ErrorValue, Value: "#DIV/0!", Formula: true}},
	}}
	tests := []struct {
		name  string
		wb    *sheet.Workbook
		kinds []string
		facts int
	}{
		{"nil workbook", nil, []string{KindEmptyFile}, 0},
		{"no sheet", &sheet.Workbook{Format: sheet.XLSX}, []string{KindEmptyFile}, 0},
		{"form after instructions", &sheet.Workbook{Format: sheet.XLSX, Sheets: []sheet.Sheet{
			{Name: "Lisez-moi", Rows: [][]sheet.Cell{{txt("Remplissez la feuille suivante.")}}},
			form,
		}}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Interpret(tt.wb, "f.xlsx", Options{MaxYear: 2027})
			var kinds []string
			for _, p := range r.Refusals {
				kinds = append(kinds, p.Kind)
			}
			if strings.Join(kinds, ",") != strings.Join(tt.kinds, ",") {
				t.Errorf("refusals %v, want %v", r.Refusals, tt.kinds)
			}
			n := 0
			for _, s := range r.Submissions {
				n += len(s.Facts)
				if s.UAI != "0751717J" || s.Year != 2012 || s.Institution != "Université Paris Exemple" {
					t.Errorf("submission %+v", s)
				}
			}
			if n != tt.facts {
				t.Errorf("%d facts, want %d", n, tt.facts)
			}
		})
	}
}

// TestReadFileOverSizeLimit: a file over the size limit is refused without
// being read into memory, and still hashed, so that a copy counts once.
func TestReadFileOverSizeLimit(t *testing.T) {
	path := filepath.Join("testdata", "l1-form", "input.xlsx")
	r := ReadFile(path, Options{MaxYear: 2030, Limits: sheet.Limits{MaxFileBytes: 100}})
	if !r.Refused() || r.Refusals[0].Kind != KindTooLarge {
		t.Fatalf("refusals = %+v, want %s", r.Refusals, KindTooLarge)
	}
	whole := ReadFile(path, Options{MaxYear: 2030})
	if r.Hash == "" || r.Hash != whole.Hash {
		t.Errorf("hash %q, want the file's %q", r.Hash, whole.Hash)
	}
}

// TestReadFileCellTooLong: a cell holding more than a spreadsheet cell can
// is refused at that cell, in the user's words, whatever the file format.
func TestReadFileCellTooLong(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Université ", 30_000) // 330,000 bytes
	csvPath := filepath.Join(dir, "form.csv")
	csvText := "Année universitaire;2011-2012\nCode UAI;0751717J\nÉtablissement;" + long + "\nParcours;Étudiants concernés;Certificats délivrés\nDoctorats;10;5\n"
	if err := os.WriteFile(csvPath, []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Établissement")
	if err := f.SetCellStr("Sheet1", "B1", strings.Repeat("x", 32_767)); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "form.xlsx")
	if err := f.SaveAs(xlsxPath); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, lang, cell string
	}{
		{csvPath, "fr", "ligne 3, colonne 2"},
		{csvPath, "en", "line 3, column 2"},
	} {
		r := ReadFile(tc.path, Options{Lang: tc.lang, MaxYear: 2030})
		if !r.Refused() || r.Refusals[0].Kind != KindCellTooLong || r.Refusals[0].Cell != tc.cell {
			t.Errorf("%s (%s): refusals %+v, want %s at %s", tc.path, tc.lang, r.Refusals, KindCellTooLong, tc.cell)
		}
	}
	// Excel's own limit is within the reader's: such a cell is read (and
	// the outputs cut it for display).
	if r := ReadFile(xlsxPath, Options{MaxYear: 2030}); len(r.Refusals) > 0 && r.Refusals[0].Kind == KindCellTooLong {
		t.Errorf("a cell of 32,767 characters was refused as too long: %+v", r.Refusals)
	}
}
