// Command mkfixtures writes the .xlsx and .csv inputs of package ingest's
// fixture tests (ingest/testdata/<case>/input.*). The generated files are
// committed; run it again only to change a fixture:
//
//	go run ./ingest/internal/mkfixtures -dir ingest/testdata
//
// then `go test ./ingest -update` to rewrite the expected outputs.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// grid is the content of one sheet, row by row; nil is an empty cell.
type grid [][]any

// book is the sheets of one workbook, in order.
type book []struct {
	name string
	rows grid
}

func one(name string, rows grid) book {
	return book{{name, rows}}
}

// form is a Layout 1 survey form: a title, the identification block (label
// and value pairs, in order) and the table.
func form(ids [][2]any, header []any, rows ...[]any) grid {
	g := grid{{"Enquête nationale C2i2e — certificat informatique et internet de niveau 2 « enseignant »"}, nil}
	for _, id := range ids {
		g = append(g, []any{id[0], id[1]})
	}
	g = append(g, nil, header)
	for _, r := range rows {
		g = append(g, r)
	}
	return g
}

var (
	stdIDs = [][2]any{{"Année universitaire", "2011-2012"}, {"Code UAI :", "0751717J"}, {"Établissement", "Université Paris Exemple"}, {"Académie", "Paris"}}
	stdHdr = []any{"Parcours", "Étudiants concernés", "Certificats délivrés", "Taux de réussite"}
)

func ids(year, uai, name any) [][2]any {
	return [][2]any{{"Année universitaire", year}, {"Code UAI", uai}, {"Établissement", name}, {"Académie", "Paris"}}
}

// hiding says what a case hides: sheets by name, and rows (1-based) and
// columns (letters) of the first sheet. The fixture test sets the same
// flags on the workbook it reads (hidden.txt), whatever the reader gives.
type hiding struct {
	sheets []string
	rows   []int
	cols   []string
}

var hidden = map[string]hiding{
	"l1-hidden-sheet": {sheets: []string{"Enquête 2012 (ancienne)"}},
	"l1-hidden-rows":  {rows: []int{10}, cols: []string{"E"}},
}

func main() {
	dir := flag.String("dir", "ingest/testdata", "fixture folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		log.Fatal(err)
	}
}

func run(dir string) error {
	xlsx := map[string]book{
		// Accepted forms.
		"l1-form": {
			{"Instructions", grid{{"Remplissez la feuille « Enquête 2011-2012 » et renvoyez le fichier au rectorat."}}},
			{"Enquête 2011-2012", form(stdIDs, []any{"Parcours", "Étudiants\nconcernés", "Certificats\ndélivrés", "Taux de réussite (%)"},
				[]any{"Masters enseignement", 1200, 800, "66,7 %"},
				[]any{"Autres masters", "1\u00a0671", "1\u202f000", "59,8 %"},
				[]any{"Doctorats", nil, nil, nil},
				[]any{"Candidats libres", 40, 35, 0.875},
				[]any{"FC scolaire", "12", "", ""},
				[]any{"Total", "2\u00a0923", 1835, nil},
			)},
		},
		"l1-english": one("Survey", form(
			[][2]any{{"Academic year", 2012}, {"UAI", "0751717j"}, {"Institution", "  University  of Example "}, {"Academy", "Paris"}},
			[]any{"Track", "Students", "Certificates", "Success rate"},
			[]any{"Teaching masters", 100, 64, "64%"},
			[]any{"PhD", 10, 5, 0.9},
			[]any{"Other continuing education", 7, 7, 1},
		)),
		"l1-no-accents": one("Feuil1", form(
			[][2]any{{"ANNEE UNIVERSITAIRE", "2011 - 2012"}, {"code rne", "0931827F"}, {"Etablissement :", "Universite Paris 8"}},
			[]any{"PARCOURS", "ETUDIANTS CONCERNES", "Certificats delivres"},
			[]any{"Formation continue du sco", "17 671", "17 671,0"},
			[]any{"fc sup", "-", "-"},
			nil,
			[]any{"Source : service de la formation continue"},
		)),
		"l1-totals-only": one("Enquête", form([][2]any{{"Année universitaire", "2009-2010"}, {"Code UAI", "0011293A"}, {"Établissement", "IUFM de Bourg"}, {"Académie", "Lyon"}}, stdHdr,
			[]any{"Total", 350, 280, "80 %"},
		)),
		"l1-ensemble-is-total": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Autres masters", 50, 30},
			[]any{"Ensemble", 150, 90},
		)),
		// Totals by rule: subtotals of a group, of the rows above, a total
		// of a group, a grand total; none is a track.
		"l1-subtotals": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Autres masters", 50, 30},
			[]any{"Sous-total masters", 150, 90},
			[]any{"Doctorats", 10, 5},
			[]any{"Candidats libres", 20, 15},
			[]any{"Sous-total", 30, 20},
			[]any{"FC scolaire", 7, 7},
			[]any{"FC sup", 3, 1},
			[]any{"Total formation continue", 10, 8},
			[]any{"Tous parcours confondus", 190, 118},
			[]any{"Total général", 190, 118},
		)),
		"subtotal-mismatch": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Autres masters", 50, 30},
			[]any{"Sous-total masters", 140, 90},
			[]any{"Doctorats", 10, 5},
			[]any{"Total", 160, 95},
		)),
		// « Total non ventilé » equal to the other tracks' sum is a total
		// (a warning says so); « Ensemble » is one by rule.
		"l1-nonventile-is-total": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Autres masters", 50, 30},
			[]any{"Total non ventilé", 150, 90},
		)),
		"uai-check-letter": one("Enquête", form(ids("2011-2012", "0751717K", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"uai-corsica":      one("Enquête", form(ids("2011-2012", "02B0664J", "Université de Corse"), stdHdr, []any{"Doctorats", 10, 3})),
		"l1-corsica": one("Enquête", form([][2]any{{"Année universitaire", "2011-2012"}, {"Code UAI", "7200664J"}, {"Établissement", "Université de Corse Pasquale Paoli"}, {"Académie", "Académie de Corse"}}, stdHdr,
			[]any{"Masters enseignement", 40, 25})),
		"ambiguous-thousands": one("Enquête", form(stdIDs, stdHdr, []any{"Masters enseignement", "12,000", 3}, []any{"Doctorats", "1.500", "12.000.000"})),
		"values-in-one-cell": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Doctorats;12;7"},
			[]any{"Source : scolarité, octobre 2012"},
		)),
		"unrecognised-row": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Remarque :", nil, nil, nil, nil, "chiffres provisoires"},
		)),
		// A second identification block above the table, and a second form
		// pasted below the first.
		"second-identification": one("Enquête", form(append(stdIDs, [2]any{"Code UAI", "0751718K"}), stdHdr,
			[]any{"Masters enseignement", 100, 60})),
		"en-second-identification": one("Survey", append(form(
			[][2]any{{"Academic year", "2011-2012"}, {"UAI code", "0751717J"}, {"Institution", "University of Example"}},
			[]any{"Track", "Students", "Certificates"},
			[]any{"Teaching masters", 120, 100}),
			append(grid{nil}, form(
				[][2]any{{"Academic year", "2011-2012"}, {"UAI code", "0751721N"}, {"Institution", "Université Paris Descartes"}},
				[]any{"Track", "Students", "Certificates"},
				[]any{"PhD", 12, 10})...)...)),
		// Académies: a synonym normalised, an unknown one replaced by the
		// UAI's, one that contradicts the UAI kept with a warning, Normandie
		// read as Caen in 2012.
		"l2-academies": one("Tableau", grid{
			{"Année", "UAI", "Établissement", "Académie", "Parcours", "Étudiants", "Certificats"},
			{2012, "0751717J", "Université Paris 1", "Académie de Paris", "Doctorats", 30, 10},
			{2012, "0593561A", "Université Lille 3", "=1+2", "Doctorats", 20, 10},
			{2012, "0691774D", "Université Lyon 1", "Créteil", "Doctorats", 10, 5},
			{2012, "0141408E", "Université de Caen", "Normandie", "Doctorats", 5, 5},
			{2012, "0761904G", "Université de Rouen", "Rouen", "Doctorats", 5, 4},
			{2012, "9740478B", "Université de La Réunion", "Réunion", "Doctorats", 5, 4},
		}),
		// A TOTAL row whose UAI is a placeholder with a valid letter, and
		// subtotals by académie: checked, never institutions.
		"l2-placeholder-total": one("Tableau", grid{
			{"Année", "UAI", "Établissement", "Académie", "Parcours", "Étudiants", "Certificats"},
			{2012, "0691774D", "Université Lyon 1", "Lyon", "Masters enseignement", 300, 210},
			{2012, "0692437Z", "Université Lyon 3", "Lyon", "Masters enseignement", 120, 90},
			{2012, nil, nil, nil, "Sous-total", 420, 300},
			{2012, "0593561A", "Université Lille 3", "Lille", "Doctorats", 20, 10},
			{2012, nil, nil, "Sous-total Lille", nil, 20, 10},
			{2012, "0751717J", "Université Paris 1", "Paris", "Doctorats", 5, 5},
			{2012, nil, "Sous-total Paris", nil, nil, 5, 5},
			{2012, "0000000A", "TOTAL", nil, "Tous parcours", 445, 315},
			{"Total général", nil, nil, nil, nil, 445, 315},
		}),
		"l1-hidden-sheet": {
			{"Formulaire", form(stdIDs, stdHdr, []any{"Masters enseignement", 100, 60})},
			{"Enquête 2012 (ancienne)", form(stdIDs, stdHdr, []any{"Masters enseignement", 999, 1})},
		},
		"l1-hidden-rows": one("Enquête", form(stdIDs, append(append([]any(nil), stdHdr...), "Étudiants concernés (ancienne saisie)"),
			[]any{"Masters enseignement", 100, 60, nil, 95},
			[]any{"Doctorats", 10, 5},
			[]any{"Total", 100, 60},
		)),
		"l2-xlsx": one("Académie de Lyon", grid{
			{"Tableau consolidé — académie de Lyon"},
			nil,
			{"Année", "UAI", "Établissement", "Académie", "Parcours", "Étudiants", "Certificats", "Taux"},
			{2012, "0691774D", "Université Lyon 1", "Lyon", "Masters enseignement", 300, 210, 0.7},
			{2012, "0691774D", "Université Lyon 1", "Lyon", "Doctorats", 20, 10, 0.6},
			{2012, "0692437Z", "Université Lyon 3", "Lyon", "Masters enseignement", 120, 90, 0.75},
			{2011, "0691774D", "Univ. Lyon 1", "Lyon", "Masters enseignement", 250, 150, 0.6},
			{"Total", nil, nil, nil, nil, 690, 460, nil},
		}),

		// Refused forms: one kind of refusal each.
		"certs-above-students": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 120, 130},
			[]any{"Doctorats", 10, 5},
		)),
		"negative-count":   one("Enquête", form(stdIDs, stdHdr, []any{"Masters enseignement", -5, 0})),
		"fractional-count": one("Enquête", form(stdIDs, stdHdr, []any{"Masters enseignement", "12,5", 3})),
		"not-a-number":     one("Enquête", form(stdIDs, stdHdr, []any{"Masters enseignement", "environ 100", 3})),
		"unknown-track":    one("Enquête", form(stdIDs, stdHdr, []any{"Licence professionnelle", 10, 3})),
		"duplicate-track": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 10, 3},
			[]any{"Master MEEF", 20, 4},
		)),
		"missing-track": one("Enquête", form(stdIDs, stdHdr, []any{"Masters enseignement", 10, 3}, []any{nil, 20, 4})),
		"missing-uai": one("Enquête", form([][2]any{{"Année universitaire", "2011-2012"}, {"Établissement", "Université Paris Exemple"}}, stdHdr,
			[]any{"Masters enseignement", 10, 3})),
		"bad-uai":              one("Enquête", form(ids("2011-2012", "751717J", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"missing-year":         one("Enquête", form(ids(nil, "0751717J", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"bad-year":             one("Enquête", form(ids("l'an dernier", "0751717J", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"year-not-consecutive": one("Enquête", form(ids("2011-2013", "0751717J", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"year-implausible":     one("Enquête", form(ids("2030-2031", "0751717J", "Université X"), stdHdr, []any{"Doctorats", 10, 3})),
		"missing-institution":  one("Enquête", form(ids("2011-2012", "0751717J", nil), stdHdr, []any{"Doctorats", 10, 3})),
		"bad-rate":             one("Enquête", form(stdIDs, stdHdr, []any{"Doctorats", 10, 3, "élevé"})),
		"total-mismatch": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement", 100, 60},
			[]any{"Autres masters", 50, 30},
			[]any{"Total général", 160, 90},
		)),
		"missing-column":   one("Enquête", form(stdIDs, []any{"Parcours", "Étudiants concernés", "Observations"}, []any{"Doctorats", 10, "RAS"})),
		"duplicate-column": one("Enquête", form(stdIDs, []any{"Parcours", "Étudiants concernés", "Certificats délivrés", "Nombre de certificats"}, []any{"Doctorats", 10, 3, 3})),
		"header-not-found": one("Feuil1", grid{{"Bonjour, voici nos chiffres :"}, {"Masters", 120, 80}}),
		"no-data": one("Enquête", form(stdIDs, stdHdr,
			[]any{"Masters enseignement"}, []any{"Autres masters"}, []any{"Doctorats"},
		)),
		"formula-not-computed": one("Enquête", form(stdIDs, stdHdr, []any{"Doctorats", 10, 3})),
		"formula-error":        one("Enquête", form(stdIDs, stdHdr, []any{"Doctorats", 10, 3})),
		"en-certs-above-students": one("Survey", form(
			[][2]any{{"Academic year", "2011-2012"}, {"UAI code", "0751717J"}, {"Institution", "University of Example"}},
			[]any{"Track", "Students", "Certificates"},
			[]any{"Teaching masters", 1200, 1300},
		)),
	}
	for name, b := range xlsx {
		path := filepath.Join(dir, name, "input.xlsx")
		if err := writeBook(path, b, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	for name, h := range hidden {
		var b strings.Builder
		fmt.Fprintf(&b, "sheets=%s\n", strings.Join(h.sheets, "|"))
		var rows []string
		for _, r := range h.rows {
			rows = append(rows, fmt.Sprint(r))
		}
		fmt.Fprintf(&b, "rows=%s\ncols=%s\n", strings.Join(rows, ","), strings.Join(h.cols, ","))
		if err := os.WriteFile(filepath.Join(dir, name, "hidden.txt"), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}

	csvs := map[string]string{
		// A per-institution Total row repeats the track row's figures: the
		// refusal names the track row only, never « Total » as a parcours.
		"csv-certs-above-students": "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2011-2012;0751717J;Université Paris Exemple;Masters enseignement;120;130\n" +
			"2011-2012;0751717J;Université Paris Exemple;Total;120;130\n",
		"csv-cp1252": "Ann\xe9e;Code UAI;\xc9tablissement;Acad\xe9mie;Parcours;\xc9tudiants concern\xe9s;Certificats d\xe9livr\xe9s;Taux de r\xe9ussite\r\n" +
			"2011-2012;0130221V;Aix-Marseille Universit\xe9;Aix-Marseille;Masters enseignement;1\xa0250;808;64,6 %\r\n" +
			"2011-2012;0130221V;Aix-Marseille Universit\xe9;Aix-Marseille;Formation continue du sup;10;;\r\n",
		"csv-bom": "\ufeffAnnée;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;0060931E;Université Côte d'Azur;Doctorats;12;7\n" +
			"2012;0060931E;Université Côte d'Azur;Candidats libres;30;29\n",
		"csv-comma": "Year,UAI,Institution,Academy,Track,Students,Certificates,Success rate\n" +
			"2011-2012,0333298F,Université de Bordeaux,Bordeaux,Teaching masters,400,256,64%\n" +
			"2011-2012,0333298F,\"Université de Bordeaux \",Bordeaux,Total,400,256,\n",
		// A ';' file whose third line was written with ','.
		"csv-wrong-separator": "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;0060931E;Université Côte d'Azur;Doctorats;12;7\n" +
			"2012,0060931E,Université Côte d'Azur,Candidats libres,30,29\n" +
			"Source : rectorat de Nice\n",
		"csv-ambiguous-thousands": "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés;Taux de réussite\n" +
			"2012;0060931E;Université Côte d'Azur;Doctorats;12.000;7;0,646\n",
		"csv-total-mismatch": "Année universitaire;2011-2012\nCode UAI;0751717J\nÉtablissement;Université Paris Exemple\n\n" +
			"Parcours;Étudiants concernés;Certificats délivrés\n" +
			"Masters enseignement;100;60\nDoctorats;10;5\nTous parcours confondus;100;65\n",
		"csv-missing-uai": "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;;Université sans code;Doctorats;12;7\n",
		"csv-duplicate-track": "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;0060931E;Université Côte d'Azur;Doctorats;12;7\n" +
			"2012;0751717J;Université Paris Exemple;Doctorats;12;7\n" +
			"2012;0060931E;Université Côte d'Azur;Doctorat;3;1\n",
		"csv-inconsistent-name": "Année;Code UAI;Établissement;Académie;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;0060931E;Université Côte d'Azur;Nice;Doctorats;12;7\n" +
			"2012;0060931E;Université de Nice;Nice;Candidats libres;30;29\n",
		"csv-missing-column": "Année;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n" +
			"2012;Université Côte d'Azur;Doctorats;12;7\n",
		"more-problems": manyBadRows(),
	}
	for name, content := range csvs {
		path := filepath.Join(dir, name, "input.csv")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// manyBadRows is a consolidated table with 60 refused rows, past the cap of
// problems listed for one file.
func manyBadRows() string {
	var b strings.Builder
	b.WriteString("Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "2012;0060931E;Université Côte d'Azur;Doctorats %d;12;7\n", i)
	}
	return b.String()
}

func writeBook(path string, b book, name string) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range b {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for r, row := range s.rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				return err
			}
		}
	}
	if h, ok := hidden[name]; ok {
		for _, s := range h.sheets {
			if err := f.SetSheetVisible(s, false); err != nil {
				return err
			}
		}
		for _, r := range h.rows {
			if err := f.SetRowVisible(b[0].name, r, false); err != nil {
				return err
			}
		}
		for _, c := range h.cols {
			if err := f.SetColVisible(b[0].name, c, false); err != nil {
				return err
			}
		}
	}
	last := len(b[0].rows)
	ref := fmt.Sprintf("C%d", last)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	data := buf.Bytes()
	// Formula cases: the certificates of the last row become a formula,
	// written into the XML since excelize cannot store a cached error and
	// keeps the previous value as the cached result of a formula.
	var cellXML string
	switch name {
	case "formula-error":
		cellXML = fmt.Sprintf(`<c r="%s" t="e"><f>B%d/0</f><v>#DIV/0!</v></c>`, ref, last)
	case "formula-not-computed":
		// no <v>: what a program that writes formulas without computing
		// them produces
		cellXML = fmt.Sprintf(`<c r="%s"><f>B%d*0.3</f></c>`, ref, last)
	}
	if cellXML != "" {
		var err error
		if data, err = patchCell(data, "xl/worksheets/sheet1.xml", ref, cellXML); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// patchCell replaces one cell's XML in a worksheet: excelize cannot write a
// cached error value, which is what Excel stores for a formula giving #DIV/0!.
func patchCell(data []byte, part, ref, cellXML string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*>.*?</c>`)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == part {
			if !re.Match(content) {
				return nil, fmt.Errorf("cell %s not found in %s", ref, part)
			}
			content = re.ReplaceAll(content, []byte(cellXML))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
