package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

// writeTestWorkbook builds a case's input and returns the workbook bytes.
func writeTestWorkbook(t *testing.T, dir, lang string) []byte {
	t.Helper()
	in := buildTestInput(t, dir, lang)
	var buf bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	return buf.Bytes()
}

func openTestWorkbook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open the workbook written: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestWorkbookDeterministic writes the same input several times: the bytes
// must not change, and nothing in the file may come from the clock.
func TestWorkbookDeterministic(t *testing.T) {
	dir := filepath.Join("testdata", "workbook-basic")
	first := writeTestWorkbook(t, dir, "fr")
	for i := range 3 {
		if again := writeTestWorkbook(t, dir, "fr"); !bytes.Equal(first, again) {
			t.Fatalf("write %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	// The latest year of the case is 2011-2012: the stamp is 1 Sept. 2012.
	want := time.Date(2012, time.September, 1, 0, 0, 0, 0, time.UTC)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(want) {
			t.Errorf("zip entry %s dated %v, want %v", f.Name, f.Modified, want)
		}
	}
	if !slices.IsSorted(names) || names[0] != "[Content_Types].xml" {
		t.Errorf("zip entries not in name order: %v", names)
	}
	core := readZipEntry(t, zr, "docProps/core.xml")
	for _, s := range []string{
		`<dcterms:created xsi:type="dcterms:W3CDTF">2012-09-01T00:00:00Z</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2012-09-01T00:00:00Z</dcterms:modified>`,
	} {
		if !strings.Contains(core, s) {
			t.Errorf("docProps/core.xml lacks %s:\n%s", s, core)
		}
	}
	for i := 1; i <= 3; i++ {
		if !slices.Contains(names, "xl/charts/chart"+strconv.Itoa(i)+".xml") {
			t.Errorf("chart %d missing: %v", i, names)
		}
	}
}

func readZipEntry(t *testing.T, zr *zip.Reader, name string) string {
	t.Helper()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWorkbookSheets(t *testing.T) {
	cases := []struct {
		lang string
		want []string
	}{
		{"fr", []string{"National", "Tableau national", "Graphiques", "Parcours", "Groupes de parcours",
			"Établissements", "Académies", "Qualité des données", "Données", "Définitions"}},
		{"en", []string{"National", "National table", "Charts", "Tracks", "Track groups",
			"Institutions", "Académies", "Data quality", "Data", "Definitions"}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), c.lang))
			got := f.GetSheetList()
			if !slices.Equal(got, c.want) {
				t.Errorf("sheets %q, want %q", got, c.want)
			}
			for _, name := range got {
				if n := len([]rune(name)); n > 31 || strings.ContainsAny(name, `[]:*?/\`) {
					t.Errorf("sheet name %q breaks Excel's rules", name)
				}
			}
		})
	}
}

// TestWorkbookValues reads cells back: numbers stored as numbers (fractions
// for rates), with the number formats asked for, labels in the language.
func TestWorkbookValues(t *testing.T) {
	f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), "fr"))
	cases := []struct {
		sheet, cell, want string
	}{
		{"National", "A5", "Année universitaire"},
		{"National", "A8", "2011-2012"},
		{"National", "B8", "5"},
		{"National", "C8", "35104"},
		{"National", "D8", "22909"},
		{"Tableau national", "D5", "2011-2012"},
		{"Tableau national", "A7", "Étudiants concernés"},
		{"Tableau national", "D7", "35104"},
		{"Tableau national", "B8", "1040"},
		{"Parcours", "B8", "Masters enseignement"},
		{"Parcours", "C8", "masters-enseignement"},
		{"Parcours", "D8", "Masters"},
		{"Parcours", "G10", "0"}, // doctorats: no certificate, share 0
		{"Parcours", "H10", ""},  // doctorats: no student, rate null
		{"Académies", "B6", "Bordeaux"},
		{"Données", "C17", "=1+1"},
		{"Données", "D17", "@x"},
		{"Données", "J17", "0.86"},
		{"Données", "K17", "in/0692437Z.xlsx"},
	}
	for _, c := range cases {
		got, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil {
			t.Fatalf("%s!%s: %v", c.sheet, c.cell, err)
		}
		if got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}
	// Rates are stored as fractions, to the precision excelize keeps.
	rate, err := f.GetCellValue("National", "E8")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := strconv.ParseFloat(rate, 64); err != nil || math.Abs(v-22909.0/35104.0) > 1e-12 {
		t.Errorf("National!E8 = %q, want the fraction %v", rate, 22909.0/35104.0)
	}
	// Number formats: counts "#,##0" and rates "0.0%".
	for _, c := range []struct{ sheet, cell, want string }{
		{"National", "C8", "35,104"}, {"National", "E8", "65.3%"}, {"Données", "H17", "2,000"},
	} {
		shown, err := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: false})
		if err != nil {
			t.Fatal(err)
		}
		if shown != c.want {
			t.Errorf("%s!%s shows %q, want %q", c.sheet, c.cell, shown, c.want)
		}
	}
}

// TestWorkbookNoFormulaInjection checks that text from an input file that
// looks like a formula ("=1+1", "+33…", "-x", "@x") is stored as text on
// every sheet where it appears, including the streamed data sheet.
func TestWorkbookNoFormulaInjection(t *testing.T) {
	f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), "fr"))
	wanted := map[string]bool{"=1+1": false, "+33 1 23 45 67 89": false, "-x": false, "@x": false}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if _, ok := wanted[v]; !ok {
					continue
				}
				wanted[v] = true
				cell := cellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if formula != "" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					t.Errorf("%s!%s %q: formula %q, type %v: want a text cell", sheet, cell, v, formula, typ)
				}
			}
		}
	}
	for v, seen := range wanted {
		if !seen {
			t.Errorf("%q not found in the workbook", v)
		}
	}
	// The refusal whose message is "=1+1" is on the data-quality sheet too.
	rows, err := f.GetRows("Qualité des données")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		if len(row) >= 5 && row[0] == "in/regional.csv" && row[4] == "=1+1" {
			found = true
		}
	}
	if !found {
		t.Errorf("refusal of in/regional.csv not on the data-quality sheet: %q", rows)
	}
}

// TestWorkbookQuality checks that every refusal and warning is listed with
// its file, sheet, cell and message.
func TestWorkbookQuality(t *testing.T) {
	dir := filepath.Join("testdata", "workbook-basic")
	f := openTestWorkbook(t, writeTestWorkbook(t, dir, "fr"))
	rows, err := f.GetRows("Qualité des données")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, row := range rows {
		lines = append(lines, strings.Join(row, "|"))
	}
	text := strings.Join(lines, "\n")
	batch := loadTestBatch(t, filepath.Join(dir, "batch.csv"))
	for _, fr := range batch.Files {
		for _, p := range append(slices.Clone(fr.Refusals), fr.Warnings...) {
			want := strings.Join([]string{fr.File, p.Sheet, p.Cell, texts.French.KindLabel(p.Kind), p.Message}, "|")
			if !strings.Contains(text, want) {
				t.Errorf("data-quality sheet lacks %q", want)
			}
		}
	}
	for _, want := range []string{"Fichiers lus|||5", "Fichiers refusés|||3", "in/vieux.xls|Refusé|1|0", "in/bordeaux.xlsx|Accepté|0|0"} {
		if !strings.Contains(text, want) {
			t.Errorf("data-quality sheet lacks %q:\n%s", want, text)
		}
	}
}

// TestWorkbookEmpty writes a workbook from no facts and no batch: every
// sheet is there with its headers, and no chart is drawn from empty ranges.
func TestWorkbookEmpty(t *testing.T) {
	in := buildTestInput(t, filepath.Join("testdata", "csv-empty"), "en")
	in.Batch = nil
	var buf bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	f := openTestWorkbook(t, buf.Bytes())
	if got := len(f.GetSheetList()); got != 10 {
		t.Errorf("%d sheets, want 10", got)
	}
	if v, _ := f.GetCellValue("Data", "C5"); v != "Institution" {
		t.Errorf("Data!C5 = %q", v)
	}
	if v, _ := f.GetCellValue("Charts", "A5"); v != "No data to chart." {
		t.Errorf("Charts!A5 = %q", v)
	}
	if v, _ := f.GetCellValue("Charts", "A2"); v != "Scope: institutions that answered the C2i2e survey." {
		t.Errorf("Charts!A2 = %q, want the scope without years", v)
	}
}

// TestWorkbookLibreOffice has LibreOffice read the workbook and export every
// sheet as CSV: an independent reader must see the same numbers, and the
// "=1+1" institution as text, not 2.
func TestWorkbookLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("libreoffice not found: install libreoffice-calc-nogui")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds; skipped with -short")
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "c2i2e.xlsx")
	if err := os.WriteFile(xlsx, writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), "fr"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	// A private profile, so that parallel runs do not share LibreOffice's
	// lock; sheet parameter -1 exports every sheet (LibreOffice ≥ 7.2).
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1`,
		"--outdir", out, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	read := func(sheet string) [][]string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, "c2i2e-"+sheet+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(out)
			t.Fatalf("%v (files: %v)", err, entries)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		return recs
	}
	// Cells are exported as shown (the ninth option, "true"): counts with
	// the format's digit groups and rates as percentages, in the locale of
	// the machine, whose separators are dropped before comparing.
	national := read("National")
	unlocal := strings.NewReplacer(",", "", ".", "", " ", "", "\u00a0", "", "\u202f", "")
	if got := unlocal.Replace(strings.Join(national[tableTop+2], "|")); got != "2011-2012|5|35104|22909|653%" {
		t.Errorf("National row 2011-2012 read by LibreOffice: %q (separators removed)", got)
	}
	found := false
	for _, row := range read("Établissements") {
		if len(row) > 2 && row[1] == "0692437Z" {
			found = true
			if row[2] != "=1+1" || row[3] != "@x" {
				t.Errorf("institution read by LibreOffice as %q: want the text =1+1", row)
			}
		}
	}
	if !found {
		t.Error("institution 0692437Z not found by LibreOffice")
	}
	data := read("Données")
	// Title, scope, source and a blank row, the header, 14 facts, a blank
	// row and two notes.
	if len(data) != tableTop+14+3 {
		t.Errorf("LibreOffice reads %d rows on the data sheet, want %d", len(data), tableTop+14+3)
	}
}

// TestWorkbookHostileTexts writes a refusal whose message quotes 100,000
// words, with an emoji, an escape sequence and a bidi override: the
// workbook is written, the cell is cut visibly within Excel's limit, holds
// no control character, and its row is no taller than Excel allows.
func TestWorkbookHostileTexts(t *testing.T) {
	in := buildTestInput(t, filepath.Join("testdata", "workbook-basic"), "fr")
	msg := "Le parcours « 🎓\x1b[2J\u202E" + strings.Repeat("mot ", 100_000) + "» est inconnu : corrigez le libellé."
	in.Batch.Files = append(in.Batch.Files, ingest.FileResult{File: "in/long\nfaux.xlsx", Refusals: []ingest.Problem{
		{Location: ingest.Location{Sheet: "Enquête", Cell: "A9"}, Kind: "unknown-track", Message: msg},
	}})
	var buf bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	f := openTestWorkbook(t, buf.Bytes())
	const sheet = "Qualité des données"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for r, row := range rows {
		if len(row) < 5 || row[0] != "in/long faux.xlsx" {
			continue
		}
		found = true
		got := row[4]
		if n := len(utf16.Encode([]rune(got))); n > 32767 {
			t.Errorf("message cell holds %d units, Excel takes 32,767", n)
		}
		if !strings.HasPrefix(got, "Le parcours « 🎓\uFFFD[2J") || !strings.Contains(got, "…") || !strings.HasSuffix(got, "corrigez le libellé.") {
			t.Errorf("message cell %.60q…%.60q: want its start, an ellipsis and its end", got, got[len(got)-60:])
		}
		if strings.ContainsAny(got, "\x1b\u202E\n") {
			t.Error("message cell holds a control character")
		}
		h, err := f.GetRowHeight(sheet, r+1)
		if err != nil || h > excelize.MaxRowHeight {
			t.Errorf("row %d is %v points high (%v)", r+1, h, err)
		}
	}
	if !found {
		t.Error("the refusal is not on the data-quality sheet")
	}
}

// TestWorkbookInstitutionsStreamed checks the institutions sheet of a large
// table (more than 10,000 institutions), streamed as every institutions
// sheet with rows is: every institution on its row with its counts, text that looks
// like a formula kept as text, the small-count rule applied (a withheld
// rate in words, a fragile one in parentheses, the note below), the header
// frozen and filtered, the same bytes twice.
func TestWorkbookInstitutionsStreamed(t *testing.T) {
	n := largeTable + 7
	var facts []ingest.Fact
	for i := range n {
		name := fmt.Sprintf("Établissement %d", i)
		if i == 5 {
			name = "=1+1"
		}
		students := int64(10 + i)
		if i == 1 {
			students = 6 // under the default threshold of publication
		}
		facts = append(facts, ingest.Fact{Year: 2012, UAI: fmt.Sprintf("U%07d", i), Institution: name, Academie: "Lyon",
			Track: "doctorats", TrackGroup: "doctorats", Students: students, Certs: 5,
			Source: ingest.Location{File: "big.csv", Cell: fmt.Sprintf("ligne %d, colonne 6", i+2)}})
	}
	dict := tracks.Default()
	tables, err := aggregate.Build(memory.NewGoAllocator(), facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tables.Release()
	in := Input{Tables: tables, Tracks: dict, Lang: "fr"}
	var buf, again bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	if err := WriteWorkbook(t.Context(), &again, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same input differ")
	}
	f := openTestWorkbook(t, buf.Bytes())
	rows, err := f.GetRows("Établissements")
	if err != nil {
		t.Fatal(err)
	}
	// Title, scope, source, a blank row, the header, the institutions, a
	// blank row, the small-count note and the pointer to the definitions.
	if len(rows) != tableTop+n+3 {
		t.Fatalf("%d rows, want %d lines above the table, a header, %d institutions and two notes", len(rows), tableTop-1, n)
	}
	sc := aggregate.DefaultSmallCounts()
	for _, c := range []struct{ cell, want string }{
		{"G6", "0.5"}, // 10 students: fragile, in parentheses (below)
		{"G7", fmt.Sprintf(T("fr", "inst.suppressed"), FormatInt(sc.Suppress, "fr"))},
		{"G26", "0.166666666666666"}, // 30 students: shown
		{fmt.Sprintf("A%d", n+7), fmt.Sprintf(T("fr", "inst.small.note"), FormatInt(sc.Fragile, "fr"), FormatInt(sc.Suppress, "fr"))},
	} {
		if got, err := f.GetCellValue("Établissements", c.cell); err != nil || got != c.want {
			t.Errorf("Établissements!%s = %q (%v), want %q", c.cell, got, err, c.want)
		}
	}
	for cell, want := range map[string]string{"G6": "(" + numFmtRate + ")", "G26": numFmtRate} {
		id, err := f.GetCellStyle("Établissements", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("Établissements!%s has style %+v (%v), want the format %q", cell, st, err, want)
		}
	}
	for _, c := range []struct{ cell, want string }{
		{"A1", wbT("fr", "title.institutions")}, {"A2", "Champ\u00a0: établissements ayant répondu à l’enquête C2i2e, année universitaire 2011-2012."},
		{"A3", wbT("fr", "source")},
		{"A5", "Année universitaire"}, {"A6", "2011-2012"}, {"B6", "U0000000"}, {"C6", "Établissement 0"},
		{"E6", "10"}, {"F6", "5"}, {"C11", "=1+1"},
		{fmt.Sprintf("B%d", n+5), fmt.Sprintf("U%07d", n-1)}, {fmt.Sprintf("E%d", n+5), strconv.Itoa(10 + n - 1)},
		{fmt.Sprintf("A%d", n+8), wbT("fr", "note.definitions")},
	} {
		got, err := f.GetCellValue("Établissements", c.cell)
		if err != nil || got != c.want {
			t.Errorf("Établissements!%s = %q (%v), want %q", c.cell, got, err, c.want)
		}
	}
	if formula, _ := f.GetCellFormula("Établissements", "C11"); formula != "" {
		t.Errorf("C11 holds the formula %q", formula)
	}
	panes, err := f.GetPanes("Établissements")
	if err != nil || !panes.Freeze || panes.YSplit != tableTop || panes.XSplit != 3 {
		t.Errorf("panes %+v (%v): want the header row and three columns frozen", panes, err)
	}
	tbls, err := f.GetTables("Établissements")
	if err != nil || len(tbls) != 1 || tbls[0].Range != fmt.Sprintf("A5:G%d", n+5) {
		t.Errorf("tables %+v (%v): want one over the whole sheet, for its filters", tbls, err)
	}
}

// TestWorkbookInstitutionsTable checks the institutions sheet, streamed
// whatever its size: its rows in a table over the header and every
// institution, no autofilter, and below it, after one blank row, the
// notes that are not empty, one a row, the pointer to the definitions
// last (as simpleSheet writes them on a sheet set cell by cell).
func TestWorkbookInstitutionsTable(t *testing.T) {
	sc := aggregate.DefaultSmallCounts()
	cases := []struct {
		dir   string
		notes []string
	}{
		{"workbook-basic", []string{wbT("fr", "note.definitions")}},
		{"small-counts", []string{fmt.Sprintf(T("fr", "inst.small.note"), FormatInt(sc.Fragile, "fr"), FormatInt(sc.Suppress, "fr")), wbT("fr", "note.definitions")}},
	}
	const sheet = "Établissements"
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", c.dir), "fr"))
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			last := len(rows) - len(c.notes) - 1 // the table's last row
			if last <= tableTop {
				t.Fatalf("%d rows: no institution", len(rows))
			}
			tbls, err := f.GetTables(sheet)
			if err != nil || len(tbls) != 1 || tbls[0].Range != fmt.Sprintf("A%d:G%d", tableTop, last) {
				t.Errorf("tables %+v (%v): want one over A%d:G%d", tbls, err, tableTop, last)
			}
			if af := f.GetDefinedName(); slices.ContainsFunc(af, func(d excelize.DefinedName) bool {
				return d.Name == "_xlnm._FilterDatabase" && d.Scope == sheet
			}) {
				t.Error("the sheet has an autofilter besides its table")
			}
			if len(rows[last]) != 0 {
				t.Errorf("row %d, below the table: %q, want it blank", last+1, rows[last])
			}
			for i, want := range c.notes {
				if got := rows[last+1+i]; len(got) != 1 || got[0] != want {
					t.Errorf("row %d: %q, want the note %q", last+2+i, got, want)
				}
			}
		})
	}
}
