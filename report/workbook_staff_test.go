package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/tracks"
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

// TestStaffWorkbookPrintsLibreOffice prints the samples' staff workbook,
// with the samples' registry of expected institutions, through
// LibreOffice's PDF export: a sensible number of pages (15 measured: the
// non-respondents of seven years take eight), each sheet's first page
// opening with its title, and every page of a sheet with its header row.
func TestStaffWorkbookPrintsLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if soffice == "" || err != nil {
		t.Skip("libreoffice or pdftotext not found: install libreoffice-calc-nogui and poppler-utils")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds; skipped with -short")
	}
	dict := tracks.Default()
	files, _, err := ingest.Collect([]string{filepath.Join("..", "samples")})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := ingest.ReadAll(t.Context(), files, ingest.Options{Lang: "fr", Tracks: dict}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.Load(filepath.Join("..", "samples", "registry.csv"), registry.Options{Lang: "fr"})
	if reg.Refused() {
		t.Fatalf("samples' registry refused: %v", reg.Refusals)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.BuildBatch(mem, batch, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		tables.Release()
		mem.AssertSize(t, 0)
	}()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteStaffWorkbook(t.Context(), &buf, Input{Tables: tables, Tracks: dict, Batch: batch, Lang: "fr", Registry: reg.Registry}); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, StaffWorkbookName)
	if err := os.WriteFile(xlsx, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", out, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	pdf := filepath.Join(out, strings.TrimSuffix(StaffWorkbookName, ".xlsx")+".pdf")
	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(text), "\f"), "\f")
	t.Logf("the samples' staff workbook prints as %d pages", len(pages))
	if len(pages) < 5 || len(pages) > 30 {
		t.Errorf("the staff workbook prints as %d pages, want 5 to 30", len(pages))
	}
	// The footer names the sheet; a sheet's first page opens with its
	// title, and every page holds its header row.
	header := map[string]string{
		"Complétude": "Répondants", "Non-répondants": "Établissement", "Panel": "Groupe de parcours",
		"Comparaison": "Comparaison par", "Chiffres à vérifier": "Référence",
	}
	seen := map[string]int{}
	for _, page := range pages {
		var sheet string
		for name := range header {
			if regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `\s+Page \d+ sur \d+\s*$`).MatchString(page) {
				sheet = name
			}
		}
		if sheet == "" {
			t.Errorf("a page names no sheet in its footer:\n%.300s", page)
			continue
		}
		seen[sheet]++
		if seen[sheet] == 1 && !strings.Contains(page, "(usage interne)") {
			t.Errorf("%s: the first page has no title marked for internal use:\n%.300s", sheet, page)
		}
		if !strings.Contains(page, header[sheet]) {
			t.Errorf("%s: a page without the header row (%q):\n%.300s", sheet, header[sheet], page)
		}
	}
	if len(seen) != len(header) {
		t.Errorf("sheets printed: %v, want all of %v", seen, header)
	}
}

// TestStaffWorkbookStreamed checks a large staff sheet (more than
// largeTable rows, the figures to check of every institution),
// written through the stream writer: each record on its row, as the
// outliers CSV file has it, the staff workbook's notes below, the header
// frozen and filtered, the same bytes twice.
func TestStaffWorkbookStreamed(t *testing.T) {
	n := largeTable + 3
	var facts []ingest.Fact
	for i := range n {
		for y, students := range map[int]int64{2011: 100, 2012: 1000} {
			facts = append(facts, ingest.Fact{Year: y, UAI: fmt.Sprintf("U%07d", i), Institution: fmt.Sprintf("Établissement %d", i),
				Academie: "Lyon", Track: "doctorats", TrackGroup: "doctorats", Students: students, Certs: 50,
				Source: ingest.Location{File: fmt.Sprintf("f%d-%d.csv", i, y), Cell: "B9"}})
		}
	}
	dict := tracks.Default()
	tables, err := aggregate.Build(memory.NewGoAllocator(), facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tables.Release()
	in := Input{Tables: tables, Tracks: dict, Lang: "fr"}
	recs, err := outliersRecords(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n+1 {
		t.Fatalf("%d figures to check, want one per institution (%d)", len(recs)-1, n)
	}
	var buf, again bytes.Buffer
	if err := WriteStaffWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	if err := WriteStaffWorkbook(t.Context(), &again, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same input differ")
	}
	f := openTestWorkbook(t, buf.Bytes())
	sheet := wbT("fr", "staff.sheet.outliers")
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Title, scope, source, a blank row, the header, the records, a blank
	// row, the sheet's note and the pointer to the definitions.
	if len(rows) != tableTop+n+3 {
		t.Fatalf("%d rows, want %d lines above the table, a header, %d records and two notes", len(rows), tableTop-1, n)
	}
	cols := (&workbook{lang: "fr", dict: dict}).staffColumns(recs[0])
	for c, col := range cols {
		if got := rows[tableTop-1][c]; got != col.header {
			t.Errorf("header %d = %q, want %q", c, got, col.header)
		}
	}
	for _, r := range []int{1, n} {
		got, rec := rows[tableTop-1+r], recs[r]
		// Year, UAI, institution, measure; the file, sheet and cell.
		for c, want := range map[int]string{0: "2011-2012", 1: rec[1], 2: rec[2], 3: wbT("fr", "staff.value.measure.students"),
			8: rec[8], 10: rec[10]} {
			if got[c] != want {
				t.Errorf("record %d, column %d = %q, want %q", r, c, got[c], want)
			}
		}
	}
	if got, want := rows[len(rows)-1][0], wbT("fr", "staff.note.definitions"); got != want {
		t.Errorf("last note %q, want %q", got, want)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != tableTop {
		t.Errorf("panes %+v (%v): want the header row frozen", panes, err)
	}
	tbls, err := f.GetTables(sheet)
	if err != nil || len(tbls) != 1 || tbls[0].Range != fmt.Sprintf("A%d:%s", tableTop, cellName(len(cols), tableTop+n)) {
		t.Errorf("tables %+v (%v): want one over the whole table, for its filters", tbls, err)
	}
}
