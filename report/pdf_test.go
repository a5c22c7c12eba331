package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// seedYears are the ministry's published national counts before 2012, when
// institutions reported totals only.
var seedYears = []struct {
	year            int
	insts           int
	students, certs int64
}{
	{2006, 18, 6150, 3290},
	{2007, 23, 17671, 7263},
	{2008, 23, 19516, 12772},
	{2009, 22, 18378, 12635},
	{2010, 21, 13804, 10840},
	{2011, 22, 13978, 5810},
}

// tracks2012 are national track totals for 2011-2012 that add up to the
// published 35 604 students and 23 009 certificates.
var tracks2012 = []struct {
	code            string
	students, certs int64
}{
	{"masters-enseignement", 26384, 16751},
	{"autres-masters", 4262, 2600},
	{"doctorats", 39, 23},
	{"candidats-libres", 2034, 1749},
	{"fc-sup", 81, 46},
	{"fc-sco", 2230, 1427},
	{"fc-autres", 574, 413},
}

// share splits total over n parts as evenly as possible, the remainder going
// to the first parts, so that the parts add up exactly.
func share(total int64, n, i int) int64 {
	q, r := total/int64(n), total%int64(n)
	if int64(i) < r {
		return q + 1
	}
	return q
}

var academies = []string{"Aix-Marseille", "Bordeaux", "Créteil", "Grenoble", "Lille", "Lyon", "Montpellier", "Nancy-Metz", "Paris", "Rennes", "Toulouse", "Versailles"}

// testFacts builds facts for 2006-2012: totals only before 2012, then 120
// institutions broken down by track.
func testFacts(t *testing.T, dict *tracks.Dictionary) []ingest.Fact {
	t.Helper()
	mk := func(year int, uai, name, acad, track string, s, c int64) ingest.Fact {
		tr, ok := dict.ByCode(track)
		if !ok {
			t.Fatalf("unknown track %q", track)
		}
		return ingest.Fact{Year: year, UAI: uai, Institution: name, Academie: acad, Track: track, TrackGroup: tr.Group,
			Students: s, Certs: c, Source: ingest.Location{File: fmt.Sprintf("%d/%s.xlsx", year, uai), Sheet: "Enquête", Cell: "C7"}}
	}
	var facts []ingest.Fact
	for _, y := range seedYears {
		for i := range y.insts {
			uai := fmt.Sprintf("07510%02dA", i)
			facts = append(facts, mk(y.year, uai, "Université n° "+strconv.Itoa(i+1), academies[i%len(academies)], "non-ventile",
				share(y.students, y.insts, i), share(y.certs, y.insts, i)))
		}
	}
	const n = 120
	for i := range n {
		uai := fmt.Sprintf("0%03d%03dB", 100+i, i)
		name := "Université n° " + strconv.Itoa(i+1)
		if i == 7 {
			name = "École supérieure du professorat et de l’éducation de l’académie de Créteil — site de Bonneuil-sur-Marne"
		}
		for _, tr := range tracks2012 {
			s, c := share(tr.students, n, i), share(tr.certs, n, i)
			if s == 0 {
				continue
			}
			facts = append(facts, mk(2012, uai, name, academies[i%len(academies)], tr.code, s, c))
		}
	}
	return facts
}

// testBatch records the files: one per 2012 institution, one refused file
// with two problems, a warning, a replacement and a duplicate.
func testBatch() *ingest.Batch {
	b := &ingest.Batch{}
	for i := range 120 {
		uai := fmt.Sprintf("0%03d%03dB", 100+i, i)
		r := ingest.FileResult{File: "2012/" + uai + ".xlsx", Layout: 1, Submissions: []ingest.Submission{{UAI: uai, Year: 2012}}}
		if i == 3 {
			r.Warnings = []ingest.Problem{{Location: ingest.Location{File: r.File, Sheet: "Enquête", Cell: "D9"}, Kind: "rate-mismatch",
				Message: "Le taux de réussite saisi (70 %) ne correspond pas aux effectifs (64,6 %) : le rapport utilise les effectifs."}}
		}
		b.Files = append(b.Files, r)
	}
	b.Files = append(b.Files, ingest.FileResult{File: "2012/retour-académie-lille.xlsx", Refusals: []ingest.Problem{
		{Location: ingest.Location{File: "2012/retour-académie-lille.xlsx", Sheet: "Enquête", Cell: "C8"}, Kind: "certs-above-students",
			Message: "Plus de certificats délivrés (120) que d’étudiants concernés (95) pour le parcours « Masters enseignement »."},
		{Location: ingest.Location{File: "2012/retour-académie-lille.xlsx", Sheet: "Enquête", Cell: "B12"}, Kind: "unknown-track",
			Message: "Parcours inconnu « Licence pro » : corrigez le libellé ou ajoutez-le au dictionnaire des parcours."},
	}})
	b.Replacements = []ingest.Replacement{{UAI: "0105005B", Year: 2012, Old: "2012/0105005B-v1.xlsx", New: "2012/0105005B.xlsx"}}
	b.Duplicates = []ingest.Duplicate{{File: "copie/0100000B.xlsx", SameAs: "2012/0100000B.xlsx"}}
	return b
}

func testInput(t *testing.T, lang string) Input {
	t.Helper()
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, testFacts(t, dict), dict)
	if err != nil {
		t.Fatalf("aggregate.Build: %v", err)
	}
	t.Cleanup(func() {
		tables.Release()
		mem.AssertSize(t, 0)
	})
	return Input{Tables: tables, Tracks: dict, Batch: testBatch(), Lang: lang}
}

func renderPDF(t *testing.T, in Input, year int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(t.Context(), &buf, in, year); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

// pdfPages returns the text of every page, with the no-break spaces turned
// into ordinary ones so that checks read like the printed page.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.NewReplacer(ThinNBSP, " ", NBSP, " ", "\u2009", " ").Replace(string(out))
	pages := strings.Split(text, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func TestWritePDFText(t *testing.T) {
	tests := []struct {
		name string
		lang string
		year int
		// onPage: page number (1-based) → strings that must be on it.
		onPage map[int][]string
		// anywhere: strings that must appear somewhere (spaces collapsed).
		anywhere []string
		// nowhere: strings that must not appear.
		nowhere []string
		// instPages is the minimum number of pages of the institution table.
		instPages int
	}{
		{
			name: "fr 2012", lang: "fr", year: 2012,
			onPage: map[int][]string{
				1: {"Enquête C2i2e — Rapport annuel", "2011-2012", "Certificat informatique et internet de niveau 2 « enseignant »"},
				// Changes in points on the rates as printed: 64,6 % − 41,6 %.
				2: {"L’essentiel", "Chiffres clés", "35 604", "23 009", "64,6 %", "+21 626 (+154,7 %)", "+23,0 points", "par rapport à 2010-2011",
					"Évolution à champ constant", "Aucun établissement n’a répondu à la fois en 2010-2011 et en 2011-2012"},
				3: {"Évolution nationale", "2005-2006", "6 150", "Certificats délivrés (échelle de gauche)"},
				4: {"Résultats par parcours", "Masters enseignement", "Sous-total Masters", "72,8 %", "Total national", "Taux de réussite par parcours",
					"Masters et Formation continue, par année"},
			},
			anywhere: []string{"Résultats par académie", "Aix-Marseille", "Qualité des données", "Pour 2011-2012, 120 fichiers ont été pris en compte, dont 1 avec un avertissement",
				"Versions corrigées ayant remplacé un fichier antérieur du même établissement : 1", "Copies identiques d’un fichier déjà reçu, comptées une seule fois : 1",
				"Méthodes et définitions", "Candidats libres", "23 009 / 35 604 = 64,6 %. Il n’est pas calculé", "Ainsi 64,6 % − 41,6 % = +23,0 points"},
			// The public report names no file and asks nothing of anyone:
			// the refusals, their cells and the file names are the internal
			// quality report's.
			nowhere:   []string{"Fichiers refusés", "C8", "Licence pro", ".xlsx", "0105005B-v1", "copie/", "Ouvrez", "corrigez"},
			instPages: 3,
		},
		{
			name: "en 2012", lang: "en", year: 2012,
			onPage: map[int][]string{
				1: {"C2i2e survey — Annual report", "2011-2012"},
				2: {"Key figures", "35,604", "64.6%", "Success rate", "compared with 2010-2011"},
			},
			anywhere:  []string{"Key points", "Results by institution (continued)", "Results by académie", "Data quality", "Methods and definitions"},
			nowhere:   []string{"Refused files", ".xlsx", "Champ", "Lecture", "données", "Évolution", "établissement"},
			instPages: 3,
		},
		{
			name: "fr 2006 first year", lang: "fr", year: 2006,
			onPage: map[int][]string{
				2: {"première année de la série", "6 150", "53,5 %", "n’ont déclaré que des totaux"},
			},
			anywhere:  []string{"Résultats par parcours Pour l’année 2005-2006, les établissements n’ont déclaré que des totaux"},
			nowhere:   []string{"Taux de réussite par parcours", "Candidats libres", "2011-2012"},
			instPages: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pages := pdfPages(t, renderPDF(t, testInput(t, tc.lang), tc.year))
			n := len(pages)
			for i, p := range pages {
				want := fmt.Sprintf("page %d / %d", i+1, n)
				if !strings.Contains(p, want) {
					t.Errorf("page %d: no footer %q", i+1, want)
				}
			}
			for pg, wants := range tc.onPage {
				if pg > n {
					t.Errorf("page %d wanted, the report has %d", pg, n)
					continue
				}
				for _, w := range wants {
					if !strings.Contains(pages[pg-1], w) {
						t.Errorf("page %d: %q not found in:\n%s", pg, w, pages[pg-1])
					}
				}
			}
			all := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
			for _, w := range tc.anywhere {
				if !strings.Contains(all, w) {
					t.Errorf("%q not found in the report", w)
				}
			}
			for _, w := range tc.nowhere {
				if strings.Contains(all, w) {
					t.Errorf("%q found in the report", w)
				}
			}
			// The institution table: its first page, then continuation pages
			// that each repeat the column header.
			title, cont, uai := "Résultats par établissement", "Résultats par établissement (suite)", "Code UAI"
			if tc.lang == "en" {
				title, cont, uai = "Results by institution", "Results by institution (continued)", "UAI code"
			}
			instPages := 0
			for i, p := range pages {
				if !strings.Contains(p, title) {
					continue
				}
				instPages++
				if !strings.Contains(p, uai) {
					t.Errorf("page %d: institution table page without its header %q", i+1, uai)
				}
				if instPages > 1 && !strings.Contains(p, cont) {
					t.Errorf("page %d: continuation page without %q", i+1, cont)
				}
			}
			if instPages < tc.instPages {
				t.Errorf("institution table on %d pages, want at least %d", instPages, tc.instPages)
			}
			// Every institution of the year is listed exactly once.
			if tc.year == 2012 {
				re := regexp.MustCompile(`\b0\d{6}B\b`)
				seen := map[string]int{}
				for _, p := range pages {
					if strings.Contains(p, title) {
						for _, m := range re.FindAllString(p, -1) {
							seen[m]++
						}
					}
				}
				if len(seen) != 120 {
					t.Errorf("institution table lists %d distinct UAIs, want 120", len(seen))
				}
				// A page that breaks an académie's list repeats its name,
				// marked as continued, above the rows.
				cont := " (suite)"
				if tc.lang == "en" {
					cont = " (continued)"
				}
				repeated := 0
				for _, a := range academies {
					repeated += strings.Count(all, a+cont)
				}
				if repeated == 0 {
					t.Errorf("no académie is repeated %q on a continuation page", cont)
				}
			}
		})
	}
}

func TestWritePDFDeterministic(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		in := testInput(t, lang)
		a, b := renderPDF(t, in, 2012), renderPDF(t, in, 2012)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ (%d and %d bytes)", lang, len(a), len(b))
		}
		// A fresh aggregation must not change the bytes either.
		c := renderPDF(t, testInput(t, lang), 2012)
		if !bytes.Equal(a, c) {
			t.Errorf("%s: rendering from rebuilt tables differs", lang)
		}
	}
}

func TestWritePDFErrors(t *testing.T) {
	in := testInput(t, "fr")
	tests := []struct {
		name string
		in   Input
		year int
		want string
	}{
		{"year absent", in, 2015, "2014-2015 is not in the national table"},
		{"no tables", Input{Lang: "fr"}, 2012, "no tables"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := WritePDF(t.Context(), &bytes.Buffer{}, tc.in, tc.year)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("WritePDF error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestPDFHostileTexts draws a report whose track label (from a --tracks
// dictionary) is an emoji and 200,000 characters, whose institution and
// académie hold an emoji, escape sequences and a bidi override, and whose
// refused file has such a name (not shown in the public report). fpdf would panic on the emoji and wrap the
// label in quadratic time: the report must come out, with the font's mark
// where the emoji was and the long label cut.
func TestPDFHostileTexts(t *testing.T) {
	long := "🎓 Parcours " + strings.Repeat("interminable", 200_000/12)
	dictCSV := "code;label_fr;label_en;group;group_fr;group_en;synonyms\n" +
		"long;" + long + ";Long;g;Groupe \x1b[2J🎓;Group;\n" +
		"court;Court;Short;g;Groupe \x1b[2J🎓;Group;\n"
	dict, err := tracks.Parse(strings.NewReader(dictCSV))
	if err != nil {
		t.Fatal(err)
	}
	name := "Université 🎓 \u202Eesrever\u202C\x07"
	var facts []ingest.Fact
	for i, code := range []string{"long", "court"} {
		facts = append(facts, ingest.Fact{Year: 2013, UAI: "0751717J", Institution: name, Academie: "=1+2 🎓", Track: code, TrackGroup: "g",
			Students: int64(10 + i), Certs: 5, Source: ingest.Location{File: "a.xlsx", Sheet: "Enquête", Cell: "C7"}})
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		tables.Release()
		mem.AssertSize(t, 0)
	}()
	batch := &ingest.Batch{Files: []ingest.FileResult{
		{File: "a.xlsx", Layout: 1, Submissions: []ingest.Submission{{UAI: "0751717J", Year: 2013}}},
		{File: "b 🎓\n\x1b[2J.xlsx", Refusals: []ingest.Problem{{Location: ingest.Location{Sheet: "🎓", Cell: "A1"}, Message: long}}},
	}}
	pdf := renderPDF(t, Input{Tables: tables, Tracks: dict, Batch: batch, Lang: "fr"}, 2013)
	text := strings.Join(pdfPages(t, pdf), "\f")
	if strings.ContainsAny(text, "🎓\u202E\x1b\x07") {
		t.Error("the PDF holds a raw emoji, bidi or control character")
	}
	flat := strings.Join(strings.Fields(text), " ")
	// The refused file is not named in the public report (its name is
	// the internal quality report's to show).
	if strings.Contains(flat, "[2J.xlsx") {
		t.Error("the public report names a refused file")
	}
	for _, want := range []string{"Université ? esrever?", "=1+2 ?", "? Parcours interminable", "…"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if n := strings.Count(text, "interminable"); n > 200 {
		t.Errorf("the long label is drawn in full (%d times its word)", n)
	}
}

// TestPDFInstitutionsCut checks that a year of more institutions than
// pdfMaxInstitutions lists the first of them, by UAI, with a note sending
// the reader to the workbook, and keeps the national total; a year within
// the bound lists every institution without the note.
func TestPDFInstitutionsCut(t *testing.T) {
	dict := tracks.Default()
	for _, tt := range []struct {
		name string
		n    int
		cut  bool
	}{{"within", 3, false}, {"over", pdfMaxInstitutions + 5, true}} {
		t.Run(tt.name, func(t *testing.T) {
			var facts []ingest.Fact
			for i := range tt.n {
				facts = append(facts, ingest.Fact{Year: 2012, UAI: fmt.Sprintf("U%07d", i), Institution: fmt.Sprintf("Établissement n° %d", i),
					Academie: "Lyon", Track: "doctorats", TrackGroup: "doctorats", Students: 10, Certs: 5,
					Source: ingest.Location{File: "big.csv", Cell: "ligne 2, colonne 6"}})
			}
			tables, err := aggregate.Build(memory.NewGoAllocator(), facts, dict)
			if err != nil {
				t.Fatal(err)
			}
			defer tables.Release()
			pdf := renderPDF(t, Input{Tables: tables, Tracks: dict, Lang: "fr"}, 2012)
			flat := strings.Join(strings.Fields(strings.Join(pdfPages(t, pdf), " ")), " ")
			last := fmt.Sprintf("U%07d", tt.n-1)
			if tt.cut {
				// A row reads "U0000000 Établissement n° 0"; the Lecture line
				// under the table names the first one again, after its name.
				if n := len(regexp.MustCompile(`U\d{7} Établissement n° `).FindAllString(flat, -1)); n != pdfMaxInstitutions {
					t.Errorf("%d institutions listed, want %d", n, pdfMaxInstitutions)
				}
				if strings.Contains(flat, last) {
					t.Errorf("the PDF lists %s, past the first %d", last, pdfMaxInstitutions)
				}
				if !strings.Contains(flat, "Seuls les 1 000 premiers, par académie puis code UAI, sont listés ici") || !strings.Contains(flat, "c2i2e.xlsx") {
					t.Error("the PDF does not say where the full list is")
				}
			} else {
				if !strings.Contains(flat, last) || strings.Contains(flat, "Seuls les") {
					t.Errorf("a year of %d institutions is not listed whole, or says it is cut", tt.n)
				}
			}
			if !strings.Contains(flat, "Total national") {
				t.Error("the national total is missing")
			}
		})
	}
}

// BenchmarkWritePDF writes the 2011-2012 public report of benchInput (34
// pages for the 5,000 generated forms), its analysis built once as
// pdfOutputs builds it for every year.
func BenchmarkWritePDF(b *testing.B) {
	in := benchInput(b, "fr")
	sc, err := in.smallCounts()
	if err != nil {
		b.Fatal(err)
	}
	an, err := readAnalysis(in, sc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := writePDF(b.Context(), io.Discard, in, 2012, an); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPDFSettingsOnce: a long table selects its font, fill colour, rule
// colour and width when they change, not at every row and cell (fpdf
// writes each call into the page), and still at the top of every page.
func TestPDFSettingsOnce(t *testing.T) {
	d := newPDFDoc(t.Context(), "fr", 2012, nil)
	d.f.AddPage()
	tab := d.newTable("Tableau", 8, []tableCol{{"Code", 30, "L"}, {"Nom", 100, "L"}, {"Nombre", 40, "R"}})
	tab.begin()
	const rows = 300
	for i := range rows {
		tab.row(tableRow{cells: []string{strconv.Itoa(1000000 + i), "Université numéro " + strconv.Itoa(i), strconv.Itoa(i)}})
	}
	tab.end()
	var doc bytes.Buffer
	if err := d.f.Output(&doc); err != nil {
		t.Fatal(err)
	}
	pages := d.f.PageCount()
	if pages < 5 {
		t.Fatalf("%d pages: the table should fill several", pages)
	}
	for _, c := range []struct {
		what, op string
		most     int
	}{
		// Each page: fpdf's own at its top and after the running
		// header, the header's and the footer's, the table header's
		// bold and the rows' regular.
		{"font", " Tf ET\n", 8 * pages},
		// The header's fill, then the zebra rows', each one per row.
		{"fill", "0.965 g\n", rows/2 + pages},
		{"rule colour", "0.745 G\n", 3 * pages},
		{"rule width", "0.43 w\n", 2 * pages},
	} {
		got := bytes.Count(doc.Bytes(), []byte(c.op))
		if got > c.most {
			t.Errorf("%s set %d times over %d pages and %d rows, want at most %d", c.what, got, pages, rows, c.most)
		}
	}
	// Every page's content (fpdf starts it with the line cap style)
	// selects the font before it draws text.
	contents := 0
	for _, stream := range strings.Split(doc.String(), "\nstream\n")[1:] {
		content, _, _ := strings.Cut(stream, "\nendstream")
		if !strings.HasPrefix(content, "0 J\n") {
			continue
		}
		contents++
		if tf, tj := strings.Index(content, " Tf "), strings.Index(content, "Tj"); tj >= 0 && (tf < 0 || tf > tj) {
			t.Errorf("page content %d draws text before it selects a font", contents)
		}
	}
	if contents != pages {
		t.Errorf("%d page contents found, want %d", contents, pages)
	}
}
