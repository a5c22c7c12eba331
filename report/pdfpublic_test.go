package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest/settings"
)

// TestPublicPDFSourcesAndNames draws every year of the test data in both
// languages: every table and chart drawn has its source line (counted as
// drawn, so the check does not depend on a text extractor), and no file
// name or path of the batch, refused or accepted, is in the text.
func TestPublicPDFSourcesAndNames(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		in := testInput(t, lang)
		for _, year := range []int{2006, 2008, 2011, 2012} {
			d, err := drawPDF(t.Context(), in, year)
			if err != nil {
				t.Fatal(err)
			}
			if d.tables == 0 || d.charts == 0 {
				t.Errorf("%s %d: %d tables, %d charts drawn", lang, year, d.tables, d.charts)
			}
			if d.sources < d.tables+d.charts {
				t.Errorf("%s %d: %d source lines for %d tables and %d charts", lang, year, d.sources, d.tables, d.charts)
			}
			var buf bytes.Buffer
			if err := d.f.Output(&buf); err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(strings.Join(pdfPages(t, buf.Bytes()), " ")), " ")
			for _, f := range in.Batch.Files {
				for _, name := range []string{f.File, filepath.Base(f.File), strings.TrimSuffix(filepath.Base(f.File), filepath.Ext(f.File))} {
					// A UAI is a file's base name in the test batch and
					// is rightly in the table by institution.
					if strings.Contains(flat, name) && !isUAI(name) {
						t.Errorf("%s %d: the public report names the file %q", lang, year, name)
					}
				}
			}
			if strings.Contains(flat, "/") && strings.Contains(flat, ".xls") {
				t.Errorf("%s %d: a path is in the report", lang, year)
			}
		}
	}
}

func isUAI(s string) bool { return len(s) == 8 && s[7] >= 'A' && s[7] <= 'Z' }

// TestPublicPDFCover: the cover names the edition (its number and date, or
// provisional with the data date), the ministry, service and contact of the
// settings, and carries the logo.
func TestPublicPDFCover(t *testing.T) {
	logo, err := os.ReadFile(filepath.Join("..", "ingest", "settings", "testdata", "full", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	set := settings.Default()
	set.Ministry, set.MinistryEN = "ministère de l’Enseignement supérieur", "Ministry of Higher Education"
	set.Service, set.ServiceEN = "sous-direction des études", "Studies department"
	set.Contact, set.Logo = "etudes@example.fr", logo
	for _, tc := range []struct {
		lang    string
		edition *Edition
		want    []string
	}{
		{"fr", nil, []string{"Édition provisoire", "Ministère de l’Enseignement supérieur", "Sous-direction des études", "Contact : etudes@example.fr"}},
		{"fr", &Edition{N: 2, Date: time.Date(2013, 3, 1, 0, 0, 0, 0, time.UTC)}, []string{"Édition n° 2 du 1er mars 2013"}},
		{"en", &Edition{N: 1, Date: time.Date(2013, 3, 4, 0, 0, 0, 0, time.UTC)}, []string{"Edition 1 of 4 March 2013", "Ministry of Higher Education", "Studies department"}},
	} {
		in := testInput(t, tc.lang)
		in.Settings, in.Edition = set, tc.edition
		pdf := renderPDF(t, in, 2012)
		if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Errorf("%s: no image in the PDF: the logo is not drawn", tc.lang)
		}
		pages := pdfPages(t, pdf)
		cover := strings.Join(strings.Fields(pages[0]), " ")
		for _, w := range tc.want {
			if !strings.Contains(cover, w) {
				t.Errorf("%s: the cover lacks %q:\n%s", tc.lang, w, cover)
			}
		}
		// The source lines name the publisher of the settings.
		if flat := strings.Join(strings.Fields(strings.Join(pages, " ")), " "); !strings.Contains(flat, set.MinistryIn(tc.lang)+", "+set.ServiceIn(tc.lang)) {
			t.Errorf("%s: the source lines do not name the settings' publisher", tc.lang)
		}
	}
}

// TestPointsOnPrintedRates: a change in points is the difference of the two
// rates as printed, not of the unrounded rates.
func TestPointsOnPrintedRates(t *testing.T) {
	for _, tc := range []struct {
		a, b float64
		want string
	}{
		{23009.0 / 35604, 5810.0 / 13978, "+23,0 points"}, // 64,6 % − 41,6 %; unrounded +23,1
		{0.6465, 0.6455, "+0,1 point"},                    // 64,7 % − 64,6 % (half away from zero)
		{0.5, 0.5, "0,0 point"},
		{0.1234, 0.9876, "−86,5 points"}, // 12,3 % − 98,8 %
	} {
		if got := FormatPoints(pointsChange(tc.a, tc.b), 1, "fr"); strings.ReplaceAll(got, NBSP, " ") != tc.want {
			t.Errorf("pointsChange(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSettingsThresholdsAgree: ingest/settings keeps its own copy of the
// default thresholds (ingest cannot import aggregate); they must agree.
func TestSettingsThresholdsAgree(t *testing.T) {
	in := Input{Settings: settings.Default()}
	got, err := in.smallCounts()
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := (Input{}).smallCounts(); got != want {
		t.Errorf("settings' default thresholds %+v, aggregate's %+v", got, want)
	}
}
