package annotate

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
)

// kind of output expected for a fixture.
const (
	copyOut = "copy" // the institution's workbook, annotated
	csvOut  = "csv"  // a new workbook holding the CSV rows
	onlyOut = "only" // a new workbook with the problems sheet alone
	// gridOut is a new workbook holding the values the reader read, for a
	// workbook excelize cannot annotate (here, one with no stylesheet).
	gridOut = "grid"
)

// fixtures are survey files of ingest's tests and of the broken samples:
// every kind of refusal, a few warnings, and files that cannot be opened.
var fixtures = []struct {
	path, want string
}{
	{"ingest/testdata/bad-rate/input.xlsx", copyOut},
	{"ingest/testdata/negative-count/input.xlsx", copyOut},
	{"ingest/testdata/not-a-number/input.xlsx", copyOut},
	{"ingest/testdata/total-mismatch/input.xlsx", copyOut},
	{"ingest/testdata/subtotal-mismatch/input.xlsx", copyOut},
	{"ingest/testdata/ambiguous-thousands/input.xlsx", copyOut},
	{"ingest/testdata/duplicate-column/input.xlsx", copyOut},
	{"ingest/testdata/missing-column/input.xlsx", copyOut},
	{"ingest/testdata/missing-uai/input.xlsx", copyOut},
	{"ingest/testdata/header-not-found/input.xlsx", copyOut},
	{"ingest/testdata/formula-error/input.xlsx", copyOut},
	{"ingest/testdata/formula-not-computed/input.xlsx", copyOut},
	{"ingest/testdata/en-second-identification/input.xlsx", copyOut},
	{"ingest/testdata/l1-hidden-rows/input.xlsx", copyOut},
	{"ingest/testdata/l1-hidden-sheet/input.xlsx", copyOut},
	{"ingest/testdata/l2-xlsx/input.xlsx", copyOut},
	{"ingest/testdata/l1-form/input.xlsx", copyOut}, // accepted, no problem
	{"ingest/testdata/csv-not-a-number/input.csv", csvOut},
	{"ingest/testdata/csv-total-mismatch/input.csv", csvOut},
	{"ingest/testdata/csv-wrong-separator/input.csv", csvOut},
	{"ingest/testdata/csv-ambiguous-thousands/input.csv", csvOut},
	{"ingest/testdata/csv-inconsistent-name/input.csv", csvOut},
	{"ingest/testdata/csv-cp1252/input.csv", csvOut},
	{"ingest/testdata/csv-bom/input.csv", csvOut},
	{"ingest/testdata/more-problems/input.csv", csvOut},
	{"ingest/testdata/damaged/input.xlsx", onlyOut},
	{"ingest/testdata/encrypted/input.xlsx", onlyOut},
	{"ingest/testdata/legacy-xls/input.xls", onlyOut},
	{"ingest/testdata/empty-file/input.xlsx", onlyOut},
	{"ingest/testdata/not-spreadsheet/input.xlsx", onlyOut},
	{"ingest/testdata/ods/input.ods", onlyOut},
	{"ingest/sheet/testdata/xlsx-hidden-rows-cols/input.xlsx", gridOut},
	{"ingest/sheet/testdata/xlsx-other-software/input.xlsx", gridOut},
	{"samples/broken/01_ancien-format-excel-97.xls", onlyOut},
	{"samples/broken/02_fichier-tronque.xlsx", onlyOut},
	{"samples/broken/03_certificats-superieurs-aux-etudiants.xlsx", copyOut},
	{"samples/broken/04_parcours-inconnu.xlsx", copyOut},
	{"samples/broken/05_effectif-negatif.xlsx", copyOut},
	{"samples/broken/06_code-uai-manquant.xlsx", copyOut},
	{"samples/broken/07_erreur-de-formule-div0.xlsx", copyOut},
}

// root is the repository's root, where the fixtures' paths start.
const root = "../.."

func TestWrite(t *testing.T) {
	for _, fx := range fixtures {
		for _, lang := range []string{"fr", "en"} {
			t.Run(fx.path+"/"+lang, func(t *testing.T) {
				path := filepath.Join(root, fx.path)
				if _, err := os.Stat(path); err != nil {
					t.Fatalf("fixture missing: %v", err)
				}
				res := ingest.ReadFile(path, ingest.Options{Lang: lang})
				var buf bytes.Buffer
				if err := Write(&buf, path, res, lang); err != nil {
					t.Fatalf("Write: %v", err)
				}
				out, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
				if err != nil {
					t.Fatalf("the output does not open: %v", err)
				}
				defer out.Close()
				checkProblemsSheet(t, out, res, lang)
				switch fx.want {
				case copyOut:
					checkCopy(t, path, out, res)
				case csvOut, gridOut:
					checkGrid(t, path, out, res)
					rows, _ := out.GetRows(out.GetSheetName(0))
					rebuilt := false
					for _, r := range rows {
						rebuilt = rebuilt || (len(r) > 0 && r[0] == t1(lang, "annotate.intro.rebuilt"))
					}
					if rebuilt != (fx.want == gridOut) {
						t.Errorf("the problems sheet says the workbook was rebuilt: %v, want %v", rebuilt, fx.want == gridOut)
					}
				case onlyOut:
					if got := out.GetSheetList(); len(got) != 1 {
						t.Errorf("sheets %q, want the problems sheet alone", got)
					}
					if !res.Refused() {
						t.Errorf("fixture %s is not refused", fx.path)
					}
					if !strings.Contains(cellText(t, out, out.GetSheetList()[0], "A2"), t2(lang, "could not be opened", "n'a pas pu être ouvert")) {
						t.Errorf("the sheet does not say the file could not be opened: %q", cellText(t, out, out.GetSheetList()[0], "A2"))
					}
				}
				// Same input, same bytes.
				var again bytes.Buffer
				if err := Write(&again, path, res, lang); err != nil {
					t.Fatalf("Write again: %v", err)
				}
				if !bytes.Equal(buf.Bytes(), again.Bytes()) {
					t.Errorf("two writes differ (%d and %d bytes)", buf.Len(), again.Len())
				}
			})
		}
	}
}

// t1 is the package's label, as the workbook shows it.
func t1(lang, key string) string { return show(t(lang, key)) }

func t2(lang, en, fr string) string {
	if lang == "en" {
		return en
	}
	return fr
}

func cellText(t *testing.T, f *excelize.File, sheetName, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheetName, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheetName, cell, err)
	}
	return v
}

// checkProblemsSheet checks that the first sheet is the problems sheet, the
// one the workbook opens on, and that it lists every problem in order with
// its severity and, when the workbook has its cell, a link to it.
func checkProblemsSheet(t *testing.T, f *excelize.File, res ingest.FileResult, lang string) {
	t.Helper()
	first := f.GetSheetName(0)
	if want := t2(lang, "Problems", "Problèmes"); first != want {
		t.Fatalf("first sheet %q, want %q", first, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, not on the problems", f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(first)
	if err != nil {
		t.Fatal(err)
	}
	header := -1
	for i, r := range rows {
		if len(r) > 4 && r[4] == t2(lang, "Problem and correction", "Problème et correction") {
			header = i
		}
	}
	if header < 0 {
		t.Fatalf("no header row in the problems sheet: %q", rows)
	}
	var problems []ingest.Problem
	problems = append(problems, res.Refusals...)
	problems = append(problems, res.Warnings...)
	listed := rows[header+1:]
	if len(listed) != len(problems) {
		t.Fatalf("%d problems listed, want %d: %q", len(listed), len(problems), listed)
	}
	for i, p := range problems {
		r := listed[i]
		if len(r) < 5 || r[4] != show(p.Message) {
			t.Errorf("row %d: %q, want the message %q", header+2+i, r, p.Message)
			continue
		}
		sev := t2(lang, "Refusal", "Refus")
		if i >= len(res.Refusals) {
			sev = t2(lang, "Warning", "Avertissement")
		}
		if r[1] != sev {
			t.Errorf("row %d: severity %q, want %q", header+2+i, r[1], sev)
		}
		if p.Cell != "" && r[3] != p.Cell && !strings.HasPrefix(r[3], p.Cell+" (") {
			t.Errorf("row %d: cell %q, want %q", header+2+i, r[3], p.Cell)
		}
		ref, _ := excelize.CoordinatesToCellName(4, header+2+i)
		ok, target, err := f.GetCellHyperLink(first, ref)
		if err != nil {
			t.Fatal(err)
		}
		if p.Cell != "" && p.Sheet != "" && (!ok || target != quoteSheet(p.Sheet)+"!"+p.Cell) {
			t.Errorf("row %d: link %v %q, want one to %s!%s", header+2+i, ok, target, p.Sheet, p.Cell)
		}
	}
}

// checkCopy checks the annotated copy against the original workbook: the
// same sheets after the problems sheet; each cell at fault with a comment
// holding its messages and the fill of its severity over its own style;
// every other cell with its value, formula and style unchanged.
func checkCopy(t *testing.T, path string, out *excelize.File, res ingest.FileResult) {
	t.Helper()
	orig, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	if got, want := out.GetSheetList()[1:], orig.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets after the problems sheet %q, want %q", got, want)
	}
	type key struct{ sheet, cell string }
	fault := map[key][]ingest.Problem{}
	warnOnly := map[key]bool{}
	for i, p := range append(append([]ingest.Problem{}, res.Refusals...), res.Warnings...) {
		if p.Sheet == "" || p.Cell == "" {
			continue
		}
		k := key{p.Sheet, p.Cell}
		if _, seen := fault[k]; !seen {
			warnOnly[k] = true
		}
		fault[k] = append(fault[k], p)
		if i < len(res.Refusals) {
			warnOnly[k] = false
		}
	}
	for k, ps := range fault {
		cs, err := out.GetComments(k.sheet)
		if err != nil {
			t.Fatal(err)
		}
		var text string
		for _, c := range cs {
			if c.Cell == k.cell {
				text = fullText(c)
			}
		}
		for _, p := range ps {
			if !strings.Contains(text, show(p.Message)) {
				t.Errorf("%s!%s: comment %q lacks %q", k.sheet, k.cell, text, p.Message)
			}
		}
		newID, _ := out.GetCellStyle(k.sheet, k.cell)
		got, err := out.GetStyle(newID)
		if err != nil {
			t.Fatal(err)
		}
		color := fillRefusal
		if warnOnly[k] {
			color = fillWarning
		}
		if got.Fill.Pattern != 1 || len(got.Fill.Color) != 1 || got.Fill.Color[0] != color {
			t.Errorf("%s!%s: fill %+v, want %s", k.sheet, k.cell, got.Fill, color)
		}
		oldID, _ := orig.GetCellStyle(k.sheet, k.cell)
		want, err := orig.GetStyle(oldID)
		if err != nil {
			t.Fatal(err)
		}
		want.Fill, got.Fill = excelize.Fill{}, excelize.Fill{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s!%s: style besides the fill %+v, want %+v", k.sheet, k.cell, got, want)
		}
	}
	outRaw, err := excelize.OpenReader(mustOpen(t, out), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer outRaw.Close()
	for _, s := range orig.GetSheetList() {
		rows, err := orig.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if gv, wv := cellText(t, outRaw, s, ref), cellText(t, orig, s, ref); gv != wv {
					t.Errorf("%s!%s: value %q, want %q", s, ref, gv, wv)
				}
				gf, _ := outRaw.GetCellFormula(s, ref)
				wf, _ := orig.GetCellFormula(s, ref)
				if gf != wf {
					t.Errorf("%s!%s: formula %q, want %q", s, ref, gf, wf)
				}
				if _, isFault := fault[key{s, ref}]; isFault {
					continue
				}
				gs, _ := outRaw.GetCellStyle(s, ref)
				ws, _ := orig.GetCellStyle(s, ref)
				if gs != ws {
					t.Errorf("%s!%s: untouched cell's style %d, want %d", s, ref, gs, ws)
				}
			}
		}
	}
}

// fullText is the whole text of a comment: excelize returns its plain
// text and its formatted runs apart.
func fullText(c excelize.Comment) string {
	s := c.Text
	for _, p := range c.Paragraph {
		s += p.Text
	}
	return s
}

// mustOpen returns the bytes of a workbook as a reader.
func mustOpen(t *testing.T, f *excelize.File) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

// checkGrid checks a workbook made from the reader's grids (a CSV file, or
// a workbook that could not be annotated as it is): after the problems
// sheet, one sheet per sheet read, holding every cell the reader read,
// decoded (as text for a CSV file); each cell at fault has its comment and
// fill.
func checkGrid(t *testing.T, path string, out *excelize.File, res ingest.FileResult) {
	t.Helper()
	sheets := out.GetSheetList()
	wb, err := sheet.Read(path, sheet.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 1+len(wb.Sheets) {
		t.Fatalf("sheets %q, want the problems and %d read", sheets, len(wb.Sheets))
	}
	for k, s := range wb.Sheets {
		if wb.Format == sheet.XLSX && sheets[1+k] != s.Name {
			t.Errorf("sheet %d is %q, want %q", 1+k, sheets[1+k], s.Name)
		}
		for i, r := range s.Rows {
			for j, c := range r {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				got := cellText(t, out, sheets[1+k], ref)
				if c.Kind == sheet.Number {
					// Shown as Excel shows it, which the check leaves
					// to excelize: only its presence is checked.
					if got == "" {
						t.Errorf("%s!%s: empty, want %q", sheets[1+k], ref, c.Value)
					}
					continue
				}
				if got != show(c.Value) {
					t.Errorf("%s!%s: %q, want %q", sheets[1+k], ref, got, c.Value)
				}
			}
		}
	}
	if wb.Format != sheet.CSV {
		return
	}
	data := sheets[1]
	for i, p := range append(append([]ingest.Problem{}, res.Refusals...), res.Warnings...) {
		row, col, ok := parseCSVCell(p.Cell)
		if !ok {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(col, row)
		cs, _ := out.GetComments(data)
		found := false
		for _, c := range cs {
			found = found || (c.Cell == ref && strings.Contains(fullText(c), show(p.Message)))
		}
		if !found {
			t.Errorf("%s (%s): no comment with %q", ref, p.Cell, p.Message)
		}
		id, _ := out.GetCellStyle(data, ref)
		st, _ := out.GetStyle(id)
		if st == nil || len(st.Fill.Color) != 1 || (i < len(res.Refusals) && st.Fill.Color[0] != fillRefusal) {
			t.Errorf("%s: style %+v, want the refusal fill", ref, st)
		}
	}
}

// TestCP1252 checks that a Windows-1252 CSV file shows its accents, decoded
// by the project's reader.
func TestCP1252(t *testing.T) {
	path := filepath.Join(root, "ingest/testdata/csv-cp1252/input.csv")
	res := ingest.ReadFile(path, ingest.Options{})
	var buf bytes.Buffer
	if err := Write(&buf, path, res, "fr"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(1))
	var all string
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	if !strings.Contains(all, "Aix-Marseille Université") {
		t.Errorf("the accents are not decoded:\n%s", all)
	}
}

// TestExistingCommentAndNames annotates a workbook whose faulty cell already
// has a comment and whose sheet has a print area (a name local to the
// sheet, kept by position): the comment is kept below the problem, the
// print area still belongs to its sheet.
func TestExistingCommentAndNames(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join(root, "ingest/testdata/bad-rate/input.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	s := f.GetSheetName(0)
	if err := f.AddComment(s, excelize.Comment{Cell: "D9", Author: "Établissement", Text: "chiffre provisoire"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoteSheet(s) + "!$A$1:$E$20", Scope: s}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "commented.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()

	res := ingest.ReadFile(path, ingest.Options{})
	if !res.Refused() {
		t.Fatal("the fixture is not refused")
	}
	var buf bytes.Buffer
	if err := Write(&buf, path, res, "fr"); err != nil {
		t.Fatal(err)
	}
	out, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cs, _ := out.GetComments(s)
	if len(cs) != 1 || !strings.Contains(fullText(cs[0]), res.Refusals[0].Message) || !strings.Contains(fullText(cs[0]), "chiffre provisoire") {
		t.Errorf("comments %+v, want one with the problem and the original text", cs)
	}
	var scopes []string
	for _, n := range out.GetDefinedName() {
		scopes = append(scopes, n.Name+"@"+n.Scope)
	}
	if want := []string{"_xlnm.Print_Area@" + s}; !reflect.DeepEqual(scopes, want) {
		t.Errorf("defined names %q, want %q", scopes, want)
	}
}

// TestChanged refuses to annotate a file whose bytes are no longer those
// the problems were found in.
func TestChanged(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "ingest/testdata/csv-not-a-number/input.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := ingest.ReadFile(path, ingest.Options{})
	if err := os.WriteFile(path, append(src, "x;y\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = Write(&buf, path, res, "fr")
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), path) {
		t.Errorf("Write: %v, want ErrChanged naming the file", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written on failure", buf.Len())
	}
}

// TestHostile writes the annotated copy of every file of the reader's
// tests (damaged, hostile and foreign files among them, read as they come):
// each gives a workbook that opens, never an error or a panic.
func TestHostile(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(root, "ingest/sheet/testdata/*/*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range dirs {
		if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || strings.HasSuffix(path, ".txt") {
			continue
		}
		n++
		res := ingest.ReadFile(path, ingest.Options{})
		var buf bytes.Buffer
		if err := Write(&buf, path, res, "fr"); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Errorf("%s: the output does not open: %v", path, err)
			continue
		}
		if f.GetSheetName(0) != "Problèmes" {
			t.Errorf("%s: first sheet %q", path, f.GetSheetName(0))
		}
		f.Close()
	}
	if n < 20 {
		t.Fatalf("only %d files found", n)
	}
}

// TestLarge checks that a file over the cells returned annotated gets the
// list of its problems alone, saying why (the bound lowered for the test).
func TestLarge(t *testing.T) {
	path := filepath.Join(root, "ingest/testdata/csv-not-a-number/input.csv")
	res := ingest.ReadFile(path, ingest.Options{})
	for _, tc := range []struct {
		max    int
		sheets int
	}{{30, 2}, {29, 1}} { // the file has 30 cells
		var buf bytes.Buffer
		if err := build(&buf, path, res, "fr", tc.max); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(f.GetSheetList()); got != tc.sheets {
			t.Errorf("bound %d: %d sheets, want %d", tc.max, got, tc.sheets)
		}
		if intro := cellText(t, f, "Problèmes", "A2"); (tc.sheets == 1) != strings.Contains(intro, "trop grand") {
			t.Errorf("bound %d: intro %q", tc.max, intro)
		}
		checkProblemsSheet(t, f, res, "fr")
		f.Close()
	}
}

// TestSheetNames keeps the sheet names of the catalogue within Excel's
// rules.
func TestSheetNames(t *testing.T) {
	for _, k := range []string{"annotate.sheet.problems", "annotate.sheet.data"} {
		fr, en, _ := texts.Pair(k)
		for _, n := range []string{fr, en} {
			if len([]rune(n)) > 31 || strings.ContainsAny(n, `[]:*?/\`) || n == k {
				t.Errorf("sheet name %q breaks Excel's rules", n)
			}
		}
	}
	for _, tc := range []struct{ path, want string }{
		{"/x/academie-lille_tableau-consolide.csv", "academie-lille_tableau-consolid"},
		{"/x/a[1]:b.csv", "a_1__b"},
		{"/x/'.csv", "Contenu du fichier"},
	} {
		base := strings.TrimSuffix(filepath.Base(tc.path), filepath.Ext(tc.path))
		if got := sheetName(base, "fr"); got != tc.want {
			t.Errorf("sheetName(%q) = %q, want %q", base, got, tc.want)
		}
	}
}

// TestRender converts one annotated copy to PDF with LibreOffice and to PNG
// with pdftoppm, to look at (the PNG stays in $ANNOTATE_RENDER_DIR when
// set). Skipped when LibreOffice is absent.
func TestRender(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	dir := os.Getenv("ANNOTATE_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(root, "samples/broken/03_certificats-superieurs-aux-etudiants.xlsx")
	res := ingest.ReadFile(path, ingest.Options{})
	var buf bytes.Buffer
	if err := Write(&buf, path, res, "fr"); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "annote.xlsx")
	if err := os.WriteFile(xlsx, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo"), "--convert-to", "pdf", "--outdir", dir, xlsx)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "annote.pdf")
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("no PDF: %v", err)
	}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.Command(pdftoppm, "-png", "-r", "70", pdf, filepath.Join(dir, "annote")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
	}
}

// TestMutated annotates workbooks damaged at random (a fixed seed: the same
// files every run), as they could arrive: each gives a workbook that opens,
// never an error or a panic.
func TestMutated(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "samples/broken/05_effectif-negatif.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	n := 300
	if testing.Short() {
		n = 40
	}
	rng := rand.New(rand.NewPCG(9, 9))
	dir := t.TempDir()
	kinds := map[string]int{}
	for i := range n {
		data := bytes.Clone(src)
		switch i % 4 {
		case 3: // a part's XML changed, the zip sound: what excelize parses
			data = mutatePart(t, src, rng)
		case 0: // a few bytes changed anywhere
			for range 1 + rng.IntN(4) {
				data[rng.IntN(len(data))] = byte(rng.IntN(256))
			}
		case 1: // cut short
			data = data[:rng.IntN(len(data))]
		case 2: // a run of bytes overwritten
			at := rng.IntN(len(data))
			for j := at; j < min(len(data), at+1+rng.IntN(64)); j++ {
				data[j] = byte(rng.IntN(256))
			}
		}
		path := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res := ingest.ReadFile(path, ingest.Options{})
		var buf bytes.Buffer
		if err := Write(&buf, path, res, "fr"); err != nil {
			t.Fatalf("mutation %d: %v", i, err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("mutation %d: the output does not open: %v", i, err)
		}
		kinds[fmt.Sprint(len(f.GetSheetList()))]++
		f.Close()
	}
	t.Logf("outputs by number of sheets: %v", kinds)
}

// mutatePart returns the workbook src with a few bytes of one of its parts
// changed, rezipped with correct checksums.
func mutatePart(t *testing.T, src []byte, rng *rand.Rand) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	victim := rng.IntN(len(zr.File))
	const chars = "<>\"/= 0A9x\x00\xff"
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if i == victim && len(data) > 0 {
			for range 1 + rng.IntN(3) {
				data[rng.IntN(len(data))] = chars[rng.IntN(len(chars))]
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
