package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/settings"
)

// TestSmallCountsPDF: in the table by institution, a rate on fewer than 10
// students says why it is not published (the counts stay), one on fewer
// than 30 is in parentheses, the boundaries (9/10, 29/30) fall on the right
// side, a note under the table says what the marks mean, and the methods
// give the thresholds. Other thresholds change all of it; none at all
// leaves the table as it was before the rule.
func TestSmallCountsPDF(t *testing.T) {
	dir := filepath.Join("testdata", "small-counts")
	flatPDF := func(in Input, year int) string {
		pages := pdfPages(t, renderPDF(t, in, year))
		return strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
	}
	in := buildTestInput(t, dir, "fr")
	flat := flatPDF(in, 2012)
	for _, want := range []string{
		"Solo 0000001A Petit institut 9 4 n.d. (moins de 10 étudiants)",
		"Lyon 0000002B Institut moyen 10 7 (70,0 %)",
		"0000003C Grande université 29 12 (41,4 %)",
		"0000004D Autre université 30 15 50,0 %",
		"Taux entre parenthèses : calculé sur moins de 30 étudiants",
		"Un taux calculé sur moins de 30 étudiants est fragile",
		"Un taux calculé sur moins de 10 étudiants n’est pas publié",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the 2012 report lacks %q:\n%s", want, flat)
		}
	}
	// The national total is never withheld or marked.
	if !strings.Contains(flat, "Total national 78 38 48,7 %") {
		t.Errorf("the national total is not shown plainly:\n%s", flat)
	}

	en := buildTestInput(t, dir, "en")
	if flat := flatPDF(en, 2011); !strings.Contains(flat, "Solo 0000001A Petit institut 5 3 n/a (fewer than 10 students)") ||
		!strings.Contains(flat, "Lyon 0000002B Institut moyen 15 9 (60.0%)") ||
		!strings.Contains(flat, "A rate computed on fewer than 30 students is fragile") {
		t.Errorf("the English 2011 report does not apply the rule:\n%s", flat)
	}

	other := buildTestInput(t, dir, "fr")
	other.SmallCounts = &aggregate.SmallCounts{Fragile: 10, Suppress: 5}
	flat = flatPDF(other, 2012)
	for _, want := range []string{
		"Solo 0000001A Petit institut 9 4 (44,4 %)",
		"Lyon 0000002B Institut moyen 10 7 70,0 %",
		"Un taux calculé sur moins de 5 étudiants n’est pas publié",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("with thresholds 10/5 the report lacks %q:\n%s", want, flat)
		}
	}

	// The settings file's thresholds serve when none are given, and the
	// ones given (report --fragile/--suppress) win over them.
	set := settings.Default()
	set.Fragile, set.Suppress = 10, 5
	fromSettings := buildTestInput(t, dir, "fr")
	fromSettings.Settings = set
	if flat := flatPDF(fromSettings, 2012); !strings.Contains(flat, "Solo 0000001A Petit institut 9 4 (44,4 %)") {
		t.Errorf("the settings' thresholds 10/5 are not applied:\n%s", flat)
	}
	fromSettings.SmallCounts = &aggregate.SmallCounts{Fragile: 30, Suppress: 10}
	if flat := flatPDF(fromSettings, 2012); !strings.Contains(flat, "Solo 0000001A Petit institut 9 4 n.d. (moins de 10 étudiants)") {
		t.Errorf("the thresholds given do not win over the settings':\n%s", flat)
	}

	none := buildTestInput(t, dir, "fr")
	none.SmallCounts = &aggregate.SmallCounts{}
	flat = flatPDF(none, 2012)
	if strings.Contains(flat, "(44,4 %)") || strings.Contains(flat, "moins de 10 étudiants") ||
		strings.Contains(flat, "Taux entre parenthèses") || strings.Contains(flat, "est fragile") {
		t.Errorf("with no thresholds the report still marks small counts:\n%s", flat)
	}

	bad := buildTestInput(t, dir, "fr")
	bad.SmallCounts = &aggregate.SmallCounts{Fragile: 5, Suppress: 10}
	var buf bytes.Buffer
	if err := WritePDF(t.Context(), &buf, bad, 2012); err == nil || !strings.Contains(err.Error(), "small counts") {
		t.Errorf("WritePDF with suppression above fragility: err = %v", err)
	}
}

// TestSmallCountsWorkbook: the institution and académie sheets withhold
// the same rates as the PDF, in words, keep fragile ones as numbers shown in
// parentheses, and say so under the table.
func TestSmallCountsWorkbook(t *testing.T) {
	f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", "small-counts"), "fr"))
	// Établissements: rows by year then UAI, from row 6 (tableTop+1).
	wantInst := []struct {
		row     string
		rate    string
		fragile bool
	}{
		{"6", "n.d. (moins de 10 étudiants)", false}, // 2011, 5 students
		{"7", "0.6", true},                           // 2011, 15
		{"8", "0.6", false},                          // 2011, 200
		{"9", "n.d. (moins de 10 étudiants)", false}, // 2012, 9
		{"10", "0.7", true},                          // 2012, 10
		{"11", "0.413793103448275", true},            // 2012, 29 (Excel keeps 15 digits)
		{"12", "0.5", false},                         // 2012, 30
	}
	for _, w := range wantInst {
		checkRateCell(t, f, "Établissements", "G"+w.row, w.rate, w.fragile)
	}
	if v, _ := f.GetCellValue("Établissements", "E9"); v != "9" {
		t.Errorf("the withheld institution's students = %q, want 9 (counts stay)", v)
	}
	if v, _ := f.GetCellValue("Établissements", "A14"); !strings.HasPrefix(v, "Taux entre parenthèses") {
		t.Errorf("no note under the institution table: A14 = %q", v)
	}
	// Académies: Solo is the small institution alone; its rate is the one
	// the institution sheet withholds, so it is withheld too.
	checkRateCell(t, f, "Académies", "F7", "n.d. (moins de 10 étudiants)", false)
	checkRateCell(t, f, "Académies", "F9", "n.d. (moins de 10 étudiants)", false)
	checkRateCell(t, f, "Académies", "F8", "0.492753623188405", false)

	// Without small counts the sheets are as before: no note, no style.
	plain := buildTestInput(t, filepath.Join("testdata", "workbook-basic"), "fr")
	var buf bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, plain); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("(0.0%)")) {
		t.Error("a workbook without small counts carries the fragile style")
	}
}

// checkRateCell checks a rate cell's value (raw) and whether it has the
// fragile style, a number format in parentheses.
func checkRateCell(t *testing.T, f *excelize.File, sheet, cell, want string, fragile bool) {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if v != want {
		t.Errorf("%s!%s = %q, want %q", sheet, cell, v, want)
	}
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	isFragile := st.CustomNumFmt != nil && strings.HasPrefix(*st.CustomNumFmt, "(")
	if isFragile != fragile {
		t.Errorf("%s!%s fragile style %v, want %v", sheet, cell, isFragile, fragile)
	}
}
