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
			d, err := drawPDF(t.Context(), in, year, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The first year (2006) has no chart: a chart of one bar.
			if d.tables == 0 || (d.charts == 0) != (year == 2006) {
				t.Errorf("%s %d: %d tables, %d charts drawn", lang, year, d.tables, d.charts)
			}
			if d.sources < d.tables+d.charts {
				t.Errorf("%s %d: %d source lines for %d tables and %d charts", lang, year, d.sources, d.tables, d.charts)
			}
			var buf bytes.Buffer
			if err := d.output(&buf); err != nil {
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
		if again := renderPDF(t, in, 2012); !bytes.Equal(pdf, again) {
			t.Errorf("%s: two renderings with a logo differ", tc.lang)
		}
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

// TestEssentialsHandFigures reads « L'essentiel » and the key figures of
// the hand-made analysis case (testdata/analysis-merger, whose panel.csv and
// completeness.csv are checked against figures worked out by hand): with
// the registry, 2 of the 4 institutions expected in 2012 answered; on the 2
// institutions of the panel the rate goes from 170/280 = 60,7 % to
// 221/332 = 66,6 %, +5,9 points on the printed rates; without it, no
// response rate is invented.
func TestEssentialsHandFigures(t *testing.T) {
	dir := filepath.Join("testdata", "analysis-merger")
	in := buildTestInput(t, dir, "fr")
	in.Registry = loadTestRegistry(t, filepath.Join(dir, "registry.csv"))
	flat := strings.Join(strings.Fields(strings.Join(pdfPages(t, renderPDF(t, in, 2012)), " ")), " ")
	for _, want := range []string{
		"En 2011-2012, 2 des 4 établissements attendus ont répondu à l’enquête, soit un taux de réponse de 50,0 %.",
		"À champ constant, sur les 2 établissements ayant répondu les deux années, le taux de réussite évolue de +5,9 points (de 60,7 % à 66,6 %)",
		"2 établissements sur 4 attendus",
		"Lecture : sur les 2 établissements ayant répondu en 2010-2011 et en 2011-2012, le taux de réussite passe de 60,7 % à 66,6 %.",
		"La liste des établissements attendus en compte 4 : le taux de réponse est de 50,0 %.",
		// The FC group's rate is on 15 students: fragile, in parentheses.
		"celui du groupe « Formation continue » de (60,0 %).",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the 2012 report lacks %q:\n%s", want, flat)
		}
	}
	in.Registry = nil
	flat = strings.Join(strings.Fields(strings.Join(pdfPages(t, renderPDF(t, in, 2012)), " ")), " ")
	if strings.Contains(flat, "taux de réponse de") || !strings.Contains(flat, "non calculé : aucune liste des") {
		t.Errorf("without a registry the report gives a response rate:\n%s", flat)
	}
}

// TestPanelCaveat: the caution under the changes, when the raw and the
// same-institution changes go opposite ways, differ by 5 points or more, or
// when the panel covers less than half the year's institutions.
func TestPanelCaveat(t *testing.T) {
	d := newPDFDoc(t.Context(), "fr", 2012, nil)
	for _, tc := range []struct {
		name              string
		rate, prevRate    float64 // raw
		pRate, pPrevRate  float64 // panel
		inst, panelInst   int64
		wantSign, wantGap bool
		wantCoverage      bool
	}{
		{"agree", 0.60, 0.55, 0.61, 0.57, 40, 30, false, false, false},
		{"opposite", 0.60, 0.55, 0.55, 0.58, 40, 30, true, false, false},
		{"gap", 0.646, 0.416, 0.635, 0.519, 40, 30, false, true, false}, // +23,0 against +11,6
		{"coverage", 0.60, 0.55, 0.61, 0.57, 48, 19, false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := &pdfData{
				current:  nationalRow{Year: 2012, Institutions: tc.inst, Rate: tc.rate, Certs: 100},
				previous: &nationalRow{Year: 2011, Rate: tc.prevRate, Certs: 90},
				panel:    &panelFigures{institutions: tc.panelInst, rate: tc.pRate, prevRate: tc.pPrevRate, certs: 80, prevCert: 70},
			}
			got := d.panelCaveat(data)
			for _, c := range []struct {
				key  string
				want bool
			}{{"sens contraire", tc.wantSign}, {"diffèrent de", tc.wantGap}, {"ne couvre que", tc.wantCoverage}} {
				if strings.Contains(got, c.key) != c.want {
					t.Errorf("caveat %q: %q present = %v, want %v", got, c.key, !c.want, c.want)
				}
			}
		})
	}
}
