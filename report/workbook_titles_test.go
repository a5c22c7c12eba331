package report

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"c2isurvey/aggregate"
)

// TestWorkbookTitles reads every sheet's head back: its title in A1, the
// scope of the years it covers in A2, the source in A3, in the run's
// language and no other, and the table's header at row tableTop.
func TestWorkbookTitles(t *testing.T) {
	for _, c := range []struct {
		lang, scope, source, foreign, reading string
		titles                                map[string]string
		header                                map[string]string
	}{
		{"fr", "Champ\u00a0: établissements ayant répondu à l’enquête C2i2e, années universitaires 2009-2010 à 2011-2012.",
			"Source\u00a0: enquête C2i2e, ministère de l’Éducation nationale.", "Source:",
			"Lecture\u00a0: en 2011-2012, les 5 établissements ayant répondu ont délivré 22\u202f909 certificats à 35\u202f104 étudiants concernés, soit un taux de réussite de 65,3\u00a0%.",
			map[string]string{
				"National": "Résultats nationaux par année universitaire", "Parcours": "Résultats par parcours et par année universitaire",
				"Graphiques": "Certificats délivrés et taux de réussite", "Définitions": "Définitions et seuils",
				"Qualité des données": "Qualité des données\u00a0: fichiers lus et motifs de refus",
			},
			map[string]string{"National": "Année universitaire", "Données": "Année universitaire", "Définitions": "Terme"}},
		{"en", "Scope: institutions that answered the C2i2e survey, academic years 2009-2010 to 2011-2012.",
			"Source: C2i2e survey, Ministry of Education.", "Source\u00a0:",
			"How to read: in 2011-2012, the 5 institutions that answered delivered 22,909 certificates to 35,104 students concerned, a success rate of 65.3%.",
			map[string]string{
				"National": "National results by academic year", "Tracks": "Results by track and academic year",
				"Charts": "Certificates delivered and success rates", "Definitions": "Definitions and thresholds",
				"Data quality": "Data quality: files read and refusal reasons",
			},
			map[string]string{"National": "Academic year", "Data": "Academic year", "Definitions": "Term"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			f := openTestWorkbook(t, writeTestWorkbook(t, filepath.Join("testdata", "workbook-basic"), c.lang))
			seen := map[string]bool{}
			for _, sheet := range f.GetSheetList() {
				title, _ := f.GetCellValue(sheet, "A1")
				if title == "" || seen[title] {
					t.Errorf("%s: title %q, want one of its own", sheet, title)
				}
				seen[title] = true
				if want, ok := c.titles[sheet]; ok && title != want {
					t.Errorf("%s!A1 = %q, want %q", sheet, title, want)
				}
				scope, _ := f.GetCellValue(sheet, "A2")
				if !strings.HasPrefix(scope, strings.SplitN(c.scope, ":", 2)[0]) {
					t.Errorf("%s!A2 = %q, want a scope line", sheet, scope)
				}
				if source, _ := f.GetCellValue(sheet, "A3"); source != c.source {
					t.Errorf("%s!A3 = %q, want %q", sheet, source, c.source)
				}
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for _, v := range row {
						if strings.Contains(v, c.foreign) {
							t.Errorf("%s row %d: %q is in the other language", sheet, r+1, v)
						}
					}
				}
			}
			for _, sheet := range []string{wbT(c.lang, "sheet.national"), wbT(c.lang, "sheet.tracks"), wbT(c.lang, "sheet.data")} {
				if scope, _ := f.GetCellValue(sheet, "A2"); scope != c.scope {
					t.Errorf("%s!A2 = %q, want %q", sheet, scope, c.scope)
				}
			}
			// The national table is read out under it, from its last row.
			reading, _ := f.GetCellValue(wbT(c.lang, "sheet.national"), cellName(1, tableTop+3+2))
			if reading != c.reading {
				t.Errorf("the reading line under the national table is %q, want %q", reading, c.reading)
			}
			for sheet, want := range c.header {
				if got, _ := f.GetCellValue(sheet, cellName(1, tableTop)); got != want {
					t.Errorf("%s!A%d = %q, want the header %q", sheet, tableTop, got, want)
				}
			}
		})
	}
}

// TestWorkbookDefinitions reads the definitions sheet back in both
// languages: every term, each with a definition, and the small-count
// thresholds the run was given.
func TestWorkbookDefinitions(t *testing.T) {
	for _, c := range []struct {
		lang  string
		small *aggregate.SmallCounts
		terms []string
		want  []string // texts the definitions must hold
	}{
		{"fr", nil, []string{"Étudiants concernés", "Certificats délivrés", "Taux de réussite", "Part des certificats",
			"Candidats libres", "Formation continue", "Parcours non ventilé", "Année universitaire",
			"Établissement ayant répondu", "Taux fragile", "Taux non diffusé"},
			[]string{"moins de 30 étudiants", "moins de 10 étudiants", "2012 pour 2011-2012"}},
		{"en", nil, []string{"Students concerned", "Certificates delivered", "Success rate", "Share of certificates",
			"Independent candidates", "Continuing education", "No track breakdown", "Academic year",
			"Institution that answered", "Fragile rate", "Withheld rate"},
			[]string{"fewer than 30 students", "fewer than 10 students", "2012 for 2011-2012"}},
		{"fr", &aggregate.SmallCounts{Fragile: 50, Suppress: 5}, nil,
			[]string{"moins de 50 étudiants", "moins de 5 étudiants"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			in := buildTestInput(t, filepath.Join("testdata", "workbook-basic"), c.lang)
			in.SmallCounts = c.small
			var buf bytes.Buffer
			if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
				t.Fatal(err)
			}
			f := openTestWorkbook(t, buf.Bytes())
			sheet := wbT(c.lang, "sheet.definitions")
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			var terms, defs []string
			for _, row := range rows[tableTop:] {
				if len(row) < 2 || row[1] == "" {
					t.Errorf("%s: term %q without a definition", sheet, row)
					continue
				}
				terms = append(terms, row[0])
				defs = append(defs, row[1])
			}
			if c.terms != nil && !slices.Equal(terms, c.terms) {
				t.Errorf("%s lists %q, want %q", sheet, terms, c.terms)
			}
			all := strings.Join(defs, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("%s: no %q in the definitions:\n%s", sheet, w, all)
				}
			}
		})
	}
}

// TestReadingNoteOneInstitution: one institution gets a sentence of its own,
// not « les 1 établissements ».
func TestReadingNoteOneInstitution(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"fr", "le seul établissement ayant répondu a délivré"},
		{"en", "the one institution that answered delivered"},
	} {
		wb := &workbook{lang: tc.lang}
		got := wb.readingNote([]tabNational{{year: 2012, institutions: 1, students: 10, certs: 5, rate: optFloat{v: 0.5, ok: true}}})
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q in it", tc.lang, got, tc.want)
		}
	}
}
