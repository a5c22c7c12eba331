package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/testutil"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureOptions reads a case's optional options.txt (lines key=value:
// lang, maxfilebytes).
func fixtureOptions(t *testing.T, dir string) Options {
	opts := Options{MaxYear: 2027}
	data, err := os.ReadFile(filepath.Join(dir, "options.txt"))
	if os.IsNotExist(err) {
		return opts
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "lang":
			opts.Lang = v
		case "maxfilebytes":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("options.txt: %v", err)
			}
			opts.Limits = sheet.DefaultLimits()
			opts.Limits.MaxFileBytes = n
		default:
			t.Fatalf("options.txt: unknown option %q", k)
		}
	}
	return opts
}

// dump writes a result in the golden format: refusals as
// sheet|cell|kind|message, then warnings, then the submissions and facts.
func dump(r FileResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "layout: %d\n", r.Layout)
	for _, p := range r.Refusals {
		fmt.Fprintf(&b, "%s|%s|%s|%s\n", p.Sheet, p.Cell, p.Kind, p.Message)
	}
	for _, p := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s|%s|%s|%s\n", p.Sheet, p.Cell, p.Kind, p.Message)
	}
	for _, s := range r.Submissions {
		fmt.Fprintf(&b, "submission: %s|%d|%s|%s\n", s.UAI, s.Year, s.Institution, s.Academie)
		for _, f := range s.Facts {
			rate := "-"
			if f.HasRate {
				rate = strconv.FormatFloat(f.SubmittedRate, 'f', 4, 64)
			}
			fmt.Fprintf(&b, "  fact: %s|%s|%d|%d|%s|%s|%s\n", f.Track, f.TrackGroup, f.Students, f.Certs, rate, f.Source.Sheet, f.Source.Cell)
			if f.Year != s.Year || f.UAI != s.UAI || f.Institution != s.Institution || f.Academie != s.Academie {
				fmt.Fprintf(&b, "  MISMATCH between fact and submission: %+v\n", f)
			}
		}
	}
	return b.String()
}

func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		inputs, _ := filepath.Glob(filepath.Join(dir, "input.*"))
		if len(inputs) != 1 {
			continue // testdata/fuzz and the like
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			input := inputs[0]
			opts := fixtureOptions(t, dir)
			r := ReadFile(input, opts)
			if wb := hiddenWorkbook(t, dir, input, opts); wb != nil {
				ir := Interpret(wb, input, opts)
				r.Layout, r.Submissions, r.Refusals, r.Warnings = ir.Layout, ir.Submissions, ir.Refusals, ir.Warnings
			}
			if r.File != input {
				t.Errorf("File = %q, want %q", r.File, input)
			}
			for _, p := range append(r.Refusals, r.Warnings...) {
				if p.File != input {
					t.Errorf("problem %s names file %q, want %q", p.Kind, p.File, input)
				}
			}
			if r.Refused() && len(r.Submissions) > 0 {
				t.Errorf("refused file has %d submissions", len(r.Submissions))
			}
			if fi, err := os.Stat(input); err == nil && fi.Size() != r.Size {
				t.Errorf("Size = %d, want %d", r.Size, fi.Size())
			}
			if len(r.Hash) != 64 {
				t.Errorf("Hash = %q, want 64 hex digits", r.Hash)
			}
			got := dump(r)
			testutil.Golden(t, filepath.Join(dir, "want.txt"), []byte(got), *update)
			if *update {
				return
			}
			// A refusal case is named after the kind it is about.
			base := strings.TrimPrefix(filepath.Base(dir), "en-")
			base = strings.TrimPrefix(base, "csv-")
			if r.Refused() && !hasKind(r.Refusals, base) {
				t.Errorf("case %s: no refusal of kind %q", dir, base)
			}
		})
	}
	if n < 30 {
		t.Errorf("only %d fixture cases found", n)
	}
}

// hiddenWorkbook reads a case whose hidden.txt says what Excel hides in it
// (sheets=a|b, rows=1,2 and cols=E of the first sheet), with those flags
// set, so that the case tests how hidden content is interpreted whatever
// the reader reports. nil when the case has no hidden.txt.
func hiddenWorkbook(t *testing.T, dir, input string, opts Options) *sheet.Workbook {
	t.Helper()
	spec, err := os.ReadFile(filepath.Join(dir, "hidden.txt"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := sheet.ReadBytes(input, data, sheet.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	first := &wb.Sheets[0]
	first.HiddenRows, first.HiddenCols = nil, nil
	for _, line := range strings.Split(strings.TrimSpace(string(spec)), "\n") {
		k, v, _ := strings.Cut(line, "=")
		if v == "" {
			continue
		}
		switch k {
		case "sheets":
			for _, name := range strings.Split(v, "|") {
				for i := range wb.Sheets {
					if wb.Sheets[i].Name == name {
						wb.Sheets[i].Hidden = true
					}
				}
			}
		case "rows":
			for _, x := range strings.Split(v, ",") {
				n, _ := strconv.Atoi(x)
				first.HiddenRows = append(first.HiddenRows, n)
			}
		case "cols":
			for _, x := range strings.Split(v, ",") {
				n := 0
				for _, ch := range x {
					n = n*26 + int(ch-'A'+1)
				}
				first.HiddenCols = append(first.HiddenCols, n)
			}
		default:
			t.Fatalf("hidden.txt: unknown key %q", k)
		}
	}
	return wb
}

func hasKind(ps []Problem, kind string) bool {
	for _, p := range ps {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// TestInterpretHiddenAndAcademie works on grids built in code: which sheet
// is read when some are hidden, and how a form's académie is normalised.
func TestInterpretHiddenAndAcademie(t *testing.T) {
	txt := func(s string) sheet.Cell { return sheet.Cell{Kind: sheet.Text, Value: s} }
	num := func(n int) sheet.Cell { return sheet.Cell{Kind: sheet.Number, Value: strconv.Itoa(n)} }
	form := func(name, uai, academie string, students int) sheet.Sheet {
		return sheet.Sheet{Name: name, Rows: [][]sheet.Cell{
			{txt("Année"), txt("2011-2012")},
			{txt("Code UAI"), txt(uai)},
			{txt("Établissement"), txt("Université")},
			{txt("Académie"), txt(academie)},
			{txt("Parcours"), txt("Étudiants concernés"), txt("Certificats délivrés")},
			{txt("Doctorats"), num(students), num(1)},
		}}
	}
	hide := func(s sheet.Sheet) sheet.Sheet { s.Hidden = true; return s }
	tests := []struct {
		name     string
		sheets   []sheet.Sheet
		students int64
		academie string
		warnings []string
	}{
		{"visible form before a hidden Enquête", []sheet.Sheet{form("Formulaire", "0751717J", "Paris", 10), hide(form("Enquête 2012", "0751717J", "Paris", 99))},
			10, "Paris", []string{KindHiddenSheet}},
		{"only a hidden sheet holds a table", []sheet.Sheet{{Name: "Lisez-moi", Rows: [][]sheet.Cell{{txt("Merci")}}}, hide(form("Données", "0751717J", "Paris", 7))},
			7, "Paris", []string{KindHiddenSheetRead}},
		{"Normandie in 2012 is Caen", []sheet.Sheet{form("Enquête", "0141408E", "Normandie", 5)}, 5, "Caen", nil},
		{"académie with its prefix", []sheet.Sheet{form("Enquête", "0141408E", "Académie de Caen", 5)}, 5, "Caen", nil},
		{"unknown académie: the UAI's", []sheet.Sheet{form("Enquête", "0593561A", "=1+2", 5)}, 5, "Lille", []string{KindUnknownAcademie}},
		{"unknown académie, unknown département: none", []sheet.Sheet{form("Enquête", "0000000A", "Atlantide", 5)}, 5, "", []string{KindUnknownAcademie}},
		{"académie against the UAI: kept, warned", []sheet.Sheet{form("Enquête", "0691774D", "Créteil", 5)}, 5, "Créteil", []string{KindAcademieMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Interpret(&sheet.Workbook{Format: sheet.XLSX, Sheets: tt.sheets}, "f.xlsx", Options{MaxYear: 2027})
			if r.Refused() || len(r.Submissions) != 1 || len(r.Submissions[0].Facts) != 1 {
				t.Fatalf("refusals %v, submissions %+v", r.Refusals, r.Submissions)
			}
			s := r.Submissions[0]
			if s.Facts[0].Students != tt.students || s.Academie != tt.academie || s.Facts[0].Academie != tt.academie {
				t.Errorf("students %d, académie %q; want %d, %q", s.Facts[0].Students, s.Academie, tt.students, tt.academie)
			}
			var kinds []string
			for _, w := range r.Warnings {
				kinds = append(kinds, w.Kind)
				if w.Message == "" || w.File != "f.xlsx" {
					t.Errorf("warning %+v", w)
				}
			}
			if strings.Join(kinds, ",") != strings.Join(tt.warnings, ",") {
				t.Errorf("warnings %v, want %v", r.Warnings, tt.warnings)
			}
		})
	}
}

// TestTableTotals: the total rows of a consolidated table are checked
// against what they total, and never become institutions.
func TestTableTotals(t *testing.T) {
	txt := func(s string) sheet.Cell { return sheet.Cell{Kind: sheet.Text, Value: s} }
	num := func(n int) sheet.Cell { return sheet.Cell{Kind: sheet.Number, Value: strconv.Itoa(n)} }
	hdr := []sheet.Cell{txt("Année"), txt("UAI"), txt("Établissement"), txt("Académie"), txt("Parcours"), txt("Étudiants"), txt("Certificats")}
	row := func(uai, name, aca, track string, s, c int) []sheet.Cell {
		return []sheet.Cell{txt("2012"), txt(uai), txt(name), txt(aca), txt(track), num(s), num(c)}
	}
	body := [][]sheet.Cell{
		row("0691774D", "Université Lyon 1", "Lyon", "Masters enseignement", 300, 210),
		row("0691774D", "Université Lyon 1", "Lyon", "Autres masters", 100, 50),
		row("0692437Z", "Université Lyon 3", "Lyon", "Doctorats", 20, 10),
	}
	tests := []struct {
		name  string
		extra [][]sheet.Cell
		kinds string // refusal kinds
	}{
		{"placeholder TOTAL right", [][]sheet.Cell{row("0000000A", "TOTAL", "", "", 420, 270)}, ""},
		{"placeholder TOTAL wrong", [][]sheet.Cell{row("0000000A", "TOTAL", "", "", 421, 270)}, KindTotalMismatch},
		{"TOTAL in the track column with a placeholder UAI", [][]sheet.Cell{row("0000000A", "Académie", "", "Total", 420, 270)}, ""},
		{"group subtotal right", [][]sheet.Cell{row("", "", "", "Sous-total masters", 400, 260)}, ""},
		{"group subtotal wrong", [][]sheet.Cell{row("", "", "", "Sous-total masters", 420, 270)}, KindSubtotalMismatch + "," + KindSubtotalMismatch},
		{"subtotal in the académie column", [][]sheet.Cell{row("", "", "Sous-total Lyon", "", 420, 270)}, ""},
		{"subtotal in the académie column, wrong", [][]sheet.Cell{row("", "", "Sous-total Lyon", "", 420, 271)}, KindSubtotalMismatch},
		{"an institution's Ensemble row", [][]sheet.Cell{row("0691774D", "Université Lyon 1", "Lyon", "Ensemble", 400, 260)}, ""},
		{"an institution's Ensemble row, wrong", [][]sheet.Cell{row("0691774D", "Université Lyon 1", "Lyon", "Ensemble", 420, 270)}, KindTotalMismatch + "," + KindTotalMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := append([][]sheet.Cell{hdr}, body...)
			rows = append(rows, tt.extra...)
			r := Interpret(&sheet.Workbook{Format: sheet.XLSX, Sheets: []sheet.Sheet{{Name: "T", Rows: rows}}}, "t.xlsx", Options{MaxYear: 2027})
			var kinds []string
			for _, p := range r.Refusals {
				kinds = append(kinds, p.Kind)
			}
			if strings.Join(kinds, ",") != tt.kinds {
				t.Fatalf("refusals %v, want %q", r.Refusals, tt.kinds)
			}
			if tt.kinds != "" {
				return
			}
			var s, c int64
			for _, sub := range r.Submissions {
				if sub.UAI == "0000000A" {
					t.Errorf("a total row became institution %s", sub.UAI)
				}
				for _, f := range sub.Facts {
					s, c = s+f.Students, c+f.Certs
				}
			}
			if s != 420 || c != 270 {
				t.Errorf("facts add up to %d, %d; want 420, 270", s, c)
			}
		})
	}
}

// TestTitleMemo matches titles through a worker's memo, the first time
// (worked out and kept) and the second (taken from the memo): the answers
// are the matcher's own, and the memo stops growing at titleMemoMax.
func TestTitleMemo(t *testing.T) {
	m := newMatcher()
	var texts []string
	for f := field(0); f < nFields; f++ {
		for _, s := range f.synonyms() {
			texts = append(texts, s, strings.ToUpper(s), "  "+s+" (en euros)", s+" 2011", "Total "+s)
		}
	}
	texts = append(texts, "", "   ", "Université de Lyon", "0011861T", strings.Repeat("Année ", 60))
	texts = append(texts, "Code UAI : 0011861T", "Année universitaire :", "Établissement: Université de Lyon", "UAI")
	in := &interp{m: m, opts: Options{titles: &titleMemo{}}}
	alone := &interp{m: m}
	for round := range 2 {
		for _, s := range texts {
			wantF, wantOK := m.match(s)
			if f, ok := in.match(s); f != wantF || ok != wantOK {
				t.Errorf("round %d: match(%q) = %v, %v through the memo, want %v, %v", round, s, f, ok, wantF, wantOK)
			}
			cell := sheet.Cell{Kind: sheet.Text, Value: s}
			wantF, wantOK = alone.idLabel(cell)
			if f, ok := in.idLabel(cell); f != wantF || ok != wantOK {
				t.Errorf("round %d: idLabel(%q) = %v, %v through the memo, want %v, %v", round, s, f, ok, wantF, wantOK)
			}
		}
	}
	if len(in.opts.titles.ids) == 0 {
		t.Error("no identification label kept")
	}
	if _, kept := in.opts.titles.found[strings.Repeat("Année ", 60)]; kept {
		t.Errorf("a text of more than %d bytes was kept", titleMemoMaxText)
	}
	for i := range 2 * titleMemoMax {
		in.match(fmt.Sprintf("Établissement n° %d", i))
	}
	if n := len(in.opts.titles.found); n != titleMemoMax {
		t.Errorf("memo holds %d texts, want the bound %d", n, titleMemoMax)
	}
}
