package report

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// TestWorkbookPrintSettings reads the print settings of every sheet back:
// A4, fitted to one page wide, page numbers in the footer, the header row
// repeated on every page of each table, an autofilter on the data sheet
// (written by the stream writer, whose settings are copied when it is made).
func TestWorkbookPrintSettings(t *testing.T) {
	for _, c := range []struct {
		lang, footer string
	}{
		{"fr", "&L&A&RPage &P sur &N"},
		{"en", "&L&A&RPage &P of &N"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			data := writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), c.lang)
			f := openTestWorkbook(t, data)
			sheets := f.GetSheetList()
			chartsSheet, qualitySheet, dataSheet := wbT(c.lang, "sheet.charts"), wbT(c.lang, "sheet.quality"), wbT(c.lang, "sheet.data")
			titles := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" {
					titles[dn.Scope] = dn.RefersTo
				}
			}
			for _, sheet := range sheets {
				pl, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatalf("%s: %v", sheet, err)
				}
				if pl.Size == nil || *pl.Size != paperA4 {
					t.Errorf("%s: paper size %v, want A4 (%d)", sheet, deref(pl.Size), paperA4)
				}
				if pl.FitToWidth == nil || *pl.FitToWidth != 1 {
					t.Errorf("%s: fit to %v pages wide, want 1", sheet, deref(pl.FitToWidth))
				}
				wantDown := 0
				if sheet == chartsSheet {
					wantDown = 1 // the charts print together
				}
				if pl.FitToHeight == nil || *pl.FitToHeight != wantDown {
					t.Errorf("%s: fit to %v pages high, want %d", sheet, deref(pl.FitToHeight), wantDown)
				}
				props, err := f.GetSheetProps(sheet)
				if err != nil {
					t.Fatalf("%s: %v", sheet, err)
				}
				if props.FitToPage == nil || !*props.FitToPage {
					t.Errorf("%s: fit to page is off: the fit to width would be ignored", sheet)
				}
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil {
					t.Fatalf("%s: %v", sheet, err)
				}
				if hf == nil || hf.OddFooter != c.footer {
					t.Errorf("%s: footer %+v, want %q", sheet, hf, c.footer)
				}
				wantTitles := "'" + sheet + "'!$5:$5"
				if sheet == chartsSheet || sheet == qualitySheet {
					wantTitles = "" // no single header row
				}
				if got := titles[sheet]; got != wantTitles {
					t.Errorf("%s: print titles %q, want %q", sheet, got, wantTitles)
				}
			}
			// A table of five narrow columns prints upright, the data
			// sheet's thirteen across.
			for sheet, want := range map[string]string{wbT(c.lang, "sheet.national"): "portrait", dataSheet: "landscape"} {
				pl, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Orientation == nil || *pl.Orientation != want {
					t.Errorf("%s: orientation %v, want %s", sheet, deref(pl.Orientation), want)
				}
			}
			tables, err := f.GetTables(dataSheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(tables) != 1 || tables[0].Range != "A5:M19" {
				t.Errorf("%s: tables %+v, want one over A5:M19", dataSheet, tables)
			}
			// The same, as the XML parts say it.
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			sheet9 := readZipEntry(t, zr, "xl/worksheets/sheet9.xml")
			for _, want := range []string{`<pageSetUpPr fitToPage="true">`, `<pageSetup fitToHeight="0" fitToWidth="1" orientation="landscape" paperSize="9">`, `<tableParts count="1">`} {
				if !strings.Contains(sheet9, want) {
					t.Errorf("xl/worksheets/sheet9.xml has no %s", want)
				}
			}
			if table := readZipEntry(t, zr, "xl/tables/"+tableFile(t, zr, "Donnees")); !strings.Contains(table, `<autoFilter ref="A5:M19">`) {
				t.Errorf("the data table has no autofilter:\n%s", table)
			}
			if wbx := readZipEntry(t, zr, "xl/workbook.xml"); !strings.Contains(wbx, `localSheetId="8" name="_xlnm.Print_Titles"`) {
				t.Errorf("xl/workbook.xml: no print titles for the data sheet")
			}
		})
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// tableFile returns the name of the table part whose table has the given
// name.
func tableFile(t *testing.T, zr *zip.Reader, name string) string {
	t.Helper()
	for _, f := range zr.File {
		if dir, file := filepath.Split(f.Name); dir == "xl/tables/" {
			if strings.Contains(readZipEntry(t, zr, f.Name), ` name="`+name+`"`) {
				return file
			}
		}
	}
	t.Fatalf("no table named %s", name)
	return ""
}

// TestWorkbookChartStyle reads the charts' XML: the PDF's colours on the
// series, axis titles, labels in the PDF's ink colour rather than the
// spreadsheet's pale grey, and the values shown on bars and points.
func TestWorkbookChartStyle(t *testing.T) {
	data := writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), "fr")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	// excelize writes the chart namespace as the default one: no "c:".
	ink := `<a:solidFill><a:srgbClr val="` + colInk.hex() + `"></a:srgbClr></a:solidFill>`
	for _, c := range []struct {
		part, colour string
		axisTitles   []string
	}{
		{"xl/charts/chart1.xml", colBar.hex(), []string{T("fr", "academic.year"), T("fr", "certificates")}},
		{"xl/charts/chart2.xml", colLine.hex(), []string{T("fr", "academic.year"), T("fr", "success.rate")}},
		{"xl/charts/chart3.xml", colBar.hex(), []string{T("fr", "track"), T("fr", "certificates")}},
	} {
		x := readZipEntry(t, zr, c.part)
		if !strings.Contains(x, `<a:srgbClr val="`+c.colour+`">`) {
			t.Errorf("%s: the series is not in the PDF's colour %s", c.part, c.colour)
		}
		for _, ax := range []string{"catAx", "valAx"} {
			m := regexp.MustCompile(`(?s)<` + ax + `>.*?</` + ax + `>`).FindString(x)
			if !strings.Contains(m, "<title>") {
				t.Errorf("%s: %s has no title", c.part, ax)
			}
			// The tick labels, not the title, which has its own colour.
			if labels := regexp.MustCompile(`(?s)<title>.*?</title>`).ReplaceAllString(m, ""); !strings.Contains(labels, ink) {
				t.Errorf("%s: %s labels are not in the ink colour %s", c.part, ax, colInk.hex())
			}
		}
		for _, title := range c.axisTitles {
			if !strings.Contains(x, "<a:t>"+title+"</a:t>") {
				t.Errorf("%s: no axis title %q", c.part, title)
			}
		}
		if !strings.Contains(x, `<showVal val="1">`) {
			t.Errorf("%s: values are not shown on the chart", c.part)
		}
	}
}

// TestWorkbookPrintsLibreOffice prints the samples' workbook as a user
// would, through LibreOffice's PDF export, and counts the pages. Before
// the print settings it took 80 pages, 62 of them for the data sheet in
// strips of one or two columns; with them, 21, and 23 once every sheet
// had its title, scope and source and the definitions sheet was added.
func TestWorkbookPrintsLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("libreoffice not found: install libreoffice-calc-nogui to print the workbook to PDF")
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
	if err := WriteWorkbook(t.Context(), &buf, Input{Tables: tables, Tracks: dict, Batch: batch, Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "c2i2e.xlsx")
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
	pdf, err := os.ReadFile(filepath.Join(out, "c2i2e.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// Page objects, not the page tree ("/Type /Pages").
	pages := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
	t.Logf("the samples' workbook prints as %d pages", pages)
	// Ten sheets, the data sheet's 450 rows on about five pages and the
	// institutions' on about five: 23 measured; 80 before.
	if pages < 10 || pages > 30 {
		t.Errorf("the samples' workbook prints as %d pages, want 10 to 30 (80 before the print settings)", pages)
	}
	// Every printed page of the data sheet starts with its header row.
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command(pdftotext, "-layout", filepath.Join(out, "c2i2e.pdf"), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		// A page of the data sheet is one whose footer names it.
		footer := regexp.MustCompile(`(?m)^\s*Données\s+Page \d+ sur \d+\s*$`)
		dataPages := 0
		for page := range strings.SplitSeq(string(text), "\f") {
			if !footer.MatchString(page) {
				continue
			}
			dataPages++
			// The first page has the sheet's title, scope and source
			// above the header.
			lines := strings.SplitN(page, "\n", 10)
			head := strings.Join(lines[:min(len(lines), 9)], "\n")
			if !strings.Contains(head, "Code parcours") || !strings.Contains(head, "Cellule") {
				t.Errorf("a page of the data sheet does not start with its header row:\n%s", head)
			}
		}
		if dataPages < 2 {
			t.Errorf("%d pages of the data sheet found in the PDF's text, want several", dataPages)
		}
	}
	// LibreOffice reads the data sheet's table as a range with its filter
	// buttons.
	cmd = exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "fods", "--outdir", out, xlsx)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	fods, err := os.ReadFile(filepath.Join(out, "c2i2e.fods"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`<table:database-range table:name="Donnees" table:target-range-address="Données\.A5:Données\.M\d+" table:display-filter-buttons="true"/>`).Match(fods) {
		t.Error("LibreOffice sees no autofilter on the data sheet")
	}
}
