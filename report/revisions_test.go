package report

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// testRevisions builds the revisions of 2012 between an edition and a
// correction: Bordeaux's corrected file (dropped in a subfolder) raises
// teaching masters from 800/520 to 810/530, drops doctorates and adds
// fc-sup; Lyon sends nothing new; Nice answers late. With unchanged, the
// current facts are the edition's.
func testRevisions(t *testing.T, unchanged bool) *aggregate.Revisions {
	t.Helper()
	dict := tracks.Default()
	fact := func(uai, name, track string, s, c int64, file string) ingest.Fact {
		tr, ok := dict.ByCode(track)
		if !ok {
			t.Fatalf("track %s", track)
		}
		return ingest.Fact{Year: 2012, UAI: uai, Institution: name, Academie: "Bordeaux", Track: tr.Code, TrackGroup: tr.Group,
			Students: s, Certs: c, Source: ingest.Location{File: file, Sheet: "Enquête", Cell: "B9"}}
	}
	edition := []ingest.Fact{
		fact("0331764N", "Université de Bordeaux", "masters-enseignement", 800, 520, "bordeaux.xlsx"),
		fact("0331764N", "Université de Bordeaux", "doctorats", 12, 6, "bordeaux.xlsx"),
		fact("0691774D", "IUFM de Lyon", "non-ventile", 500, 300, "lyon.xlsx"),
	}
	current := []ingest.Fact{
		fact("0331764N", "Université de Bordeaux", "masters-enseignement", 810, 530, "corrections/bordeaux_corrige.xlsx"),
		fact("0331764N", "Université de Bordeaux", "fc-sup", 40, 20, "corrections/bordeaux_corrige.xlsx"),
		fact("0691774D", "IUFM de Lyon", "non-ventile", 500, 300, "lyon.xlsx"),
		fact("0060931E", "Université Nice Sophia Antipolis", "non-ventile", 90, 45, "nice-tardif.xlsx"),
	}
	if unchanged {
		current = edition
	}
	mem := memory.NewGoAllocator()
	ed := aggregate.FactTable(mem, edition, dict)
	defer ed.Release()
	cur := aggregate.FactTable(mem, current, dict)
	defer cur.Release()
	r, err := aggregate.BuildRevisions(mem, ed, cur, 2012, dict)
	if err != nil {
		t.Fatal(err)
	}
	r.Edition = 2
	r.Published = time.Date(2013, time.March, 1, 9, 30, 0, 0, time.UTC)
	t.Cleanup(r.Release)
	return r
}

// TestRevisionsCSV checks revisions.csv line by line against the hand-made
// correction: the national row, the tracks, and each institution's rows
// naming both files.
func TestRevisionsCSV(t *testing.T) {
	in := Input{Revisions: map[int]*aggregate.Revisions{2012: testRevisions(t, false), 2011: testRevisions(t, true)}}
	in.Revisions[2011].Year = 2011
	var buf bytes.Buffer
	if err := writeRevisionsCSV(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	want := `year,edition,published,level,change,uai,institution,academie,track,previous_students,previous_certificates,students,certificates,previous_file,file
2011,2,2013-03-01,national,unchanged,,,,,1312,826,1312,826,,
2012,2,2013-03-01,national,changed,,,,,1312,826,1440,895,,
2012,2,2013-03-01,track,changed,,,,masters-enseignement,800,520,810,530,,
2012,2,2013-03-01,track,removed,,,,doctorats,12,6,,,,
2012,2,2013-03-01,track,added,,,,fc-sup,,,40,20,,
2012,2,2013-03-01,track,changed,,,,non-ventile,500,300,590,345,,
2012,2,2013-03-01,institution,added,0060931E,Université Nice Sophia Antipolis,Bordeaux,non-ventile,,,90,45,,nice-tardif.xlsx
2012,2,2013-03-01,institution,changed,0331764N,Université de Bordeaux,Bordeaux,masters-enseignement,800,520,810,530,bordeaux.xlsx,corrections/bordeaux_corrige.xlsx
2012,2,2013-03-01,institution,removed,0331764N,Université de Bordeaux,Bordeaux,doctorats,12,6,,,bordeaux.xlsx,corrections/bordeaux_corrige.xlsx
2012,2,2013-03-01,institution,added,0331764N,Université de Bordeaux,Bordeaux,fc-sup,,,40,20,,corrections/bordeaux_corrige.xlsx
`
	if got := buf.String(); got != want {
		t.Errorf("revisions.csv:\n%s\nwant\n%s", got, want)
	}
	// Without an edition, no revisions.csv at all.
	outs, err := revisionsOutputs(Input{})
	if err != nil || len(outs) != 0 {
		t.Errorf("outputs without an edition: %v, %v", outs, err)
	}
	outs, err = revisionsOutputs(in)
	if err != nil || len(outs) != 1 || outs[0].name != RevisionsCSV {
		t.Errorf("outputs with an edition: %v, %v", outs, err)
	}
}

// drawRevisions draws the section alone in a test document and returns
// its pages' text.
func drawRevisions(t *testing.T, rev *aggregate.Revisions, lang string) string {
	t.Helper()
	d := newPDFDoc(context.Background(), lang, 2012, nil)
	d.f.AddPage()
	d.revisionsSection(rev, tracks.Default(), time.Date(2013, time.April, 2, 0, 0, 0, 0, time.UTC))
	var buf bytes.Buffer
	if err := d.output(&buf); err != nil {
		t.Fatal(err)
	}
	return strings.Join(pdfPages(t, buf.Bytes()), "\f")
}

// TestRevisionsSection draws the section in both languages, changed and
// unchanged, and reads it back with pdftotext (skipped without it).
func TestRevisionsSection(t *testing.T) {
	tests := []struct {
		name, lang string
		unchanged  bool
		want, not  []string
	}{
		{"fr", "fr", false, []string{
			"Révisions depuis l’édition 2 du 1er mars 2013",
			"Totaux nationaux", "Édition 2", "Révisé", "Écart",
			"1 312", "1 440", "+128", "63,0 %", "62,2 %", "−0,8 point",
			"Par parcours", "Masters enseignement", "Doctorats", "Formation continue du supérieur",
			"Par établissement et parcours", "Université de Bordeaux (0331764N)", "Correction", "Retrait", "Ajout",
			"800 → 810", "520 → 530", "12 → —", "— → 40", "bordeaux_corrige.xlsx", "nice-tardif.xlsx",
			"Source : enquête C2i2e", "données au 2 avril 2013",
			"Lecture : pour Université de Bordeaux (0331764N), parcours « Masters enseignement », l’édition 2 comptait 800",
		}, []string{"corrections/", "Revisions", "n.d."}},
		{"en", "en", false, []string{
			"Revisions since edition 2 of 1 March 2013", "National totals", "Edition 2", "Revised",
			"1,312", "1,440", "By track", "Teaching masters", "By institution and track",
			"Corrected", "Removed", "Added", "800 → 810", "bordeaux_corrige.xlsx", "data as of 2 April 2013",
		}, []string{"corrections/", "Révis", "Édition", "Ajout"}},
		{"fr unchanged", "fr", true, []string{
			"Révisions depuis l’édition 2 du 1er mars 2013",
			"Aucun chiffre de l’année 2011-2012 n’a changé depuis l’édition 2, publiée le 1er mars 2013.",
		}, []string{"Totaux nationaux", "Par parcours"}},
		{"en unchanged", "en", true, []string{
			"No figure for 2011-2012 has changed since edition 2, published on 1 March 2013.",
		}, []string{"Aucun"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := drawRevisions(t, testRevisions(t, tc.unchanged), tc.lang)
			// pdftotext -layout spaces table cells apart: squeeze runs of
			// spaces so that a phrase reads as written.
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(flat, w) {
					t.Errorf("unexpected %q in:\n%s", w, text)
				}
			}
		})
	}
	// No edition for the year: nothing drawn.
	d := newPDFDoc(context.Background(), "fr", 2012, nil)
	d.f.AddPage()
	y := d.f.GetY()
	d.revisionsSection(nil, tracks.Default(), time.Time{})
	if d.f.GetY() != y || d.f.PageNo() != 1 {
		t.Error("a section drawn without an edition")
	}
}

// TestRevisionsSectionLong: a correction touching many institutions
// continues over pages with the table's header, and the document stays
// byte-deterministic.
func TestRevisionsSectionLong(t *testing.T) {
	dict := tracks.Default()
	var edition, current []ingest.Fact
	for i := range 120 {
		uai := "0" + strings.Repeat("1", 6) + string(rune('A'+i%23))
		uai = uai[:1] + string(rune('0'+i/100)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)) + uai[4:]
		f := ingest.Fact{Year: 2012, UAI: uai, Institution: "Institut " + uai, Track: "non-ventile", TrackGroup: "non-ventile",
			Students: int64(100 + i), Certs: int64(50 + i), Source: ingest.Location{File: "a.xlsx"}}
		edition = append(edition, f)
		f.Students++
		f.Source.File = "b.xlsx"
		current = append(current, f)
	}
	mem := memory.NewGoAllocator()
	ed := aggregate.FactTable(mem, edition, dict)
	defer ed.Release()
	cur := aggregate.FactTable(mem, current, dict)
	defer cur.Release()
	rev, err := aggregate.BuildRevisions(mem, ed, cur, 2012, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer rev.Release()
	rev.Edition, rev.Published = 1, time.Date(2012, time.December, 2, 0, 0, 0, 0, time.UTC)
	draw := func() []byte {
		d := newPDFDoc(context.Background(), "fr", 2012, nil)
		d.f.AddPage()
		d.revisionsSection(rev, dict, time.Time{})
		var buf bytes.Buffer
		if err := d.output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := draw(), draw()
	if !bytes.Equal(a, b) {
		t.Error("the same revisions drew different bytes")
	}
	pages := pdfPages(t, a)
	if len(pages) < 3 {
		t.Fatalf("%d pages for 120 changed institutions", len(pages))
	}
	last := strings.Join(strings.Fields(pages[len(pages)-1]), " ")
	if !strings.Contains(last, "Par établissement et parcours (suite)") || !strings.Contains(last, "Établissement Parcours Nature") {
		t.Errorf("last page without the continued caption and header:\n%s", pages[len(pages)-1])
	}
	if !strings.Contains(last, "Source : enquête C2i2e") {
		t.Errorf("the source line is not under the table's last rows:\n%s", pages[len(pages)-1])
	}
}

// TestRevisionsSheet: with an edition, the workbook ends with a revisions
// sheet (title, scope naming the edition, the rows of revisions.csv with
// file names, never paths); without one, it has no such sheet.
func TestRevisionsSheet(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := testInput(t, lang)
			var plain bytes.Buffer
			if err := WriteWorkbook(t.Context(), &plain, in); err != nil {
				t.Fatal(err)
			}
			in.Revisions = map[int]*aggregate.Revisions{2012: testRevisions(t, false)}
			var buf bytes.Buffer
			if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
				t.Fatal(err)
			}
			sheet := T(lang, "rev.sheet")
			for i, b := range [][]byte{plain.Bytes(), buf.Bytes()} {
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				names := f.GetSheetList()
				has := slices.Contains(names, sheet)
				if has != (i == 1) {
					t.Errorf("sheets %v: revisions sheet present %v, want %v", names, has, i == 1)
				}
				if i == 0 {
					f.Close()
					continue
				}
				if names[len(names)-1] != sheet {
					t.Errorf("sheets %v: the revisions sheet is not last", names)
				}
				rows, err := f.GetRows(sheet)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				var text []string
				for _, r := range rows {
					text = append(text, strings.Join(r, "|"))
				}
				all := strings.Join(text, "\n")
				want := map[string][]string{
					"fr": {"Révisions depuis la dernière édition de chaque année publiée",
						"2011-2012 (édition 2 du 1er mars 2013)",
						"2011-2012|2|Total national|Correction|||||1,312|826|1,440|895",
						"2011-2012|2|Parcours|Retrait||||Doctorats|12|6\n",
						"2011-2012|2|Établissement|Correction|0331764N|Université de Bordeaux|Bordeaux|Masters enseignement|800|520|810|530|bordeaux.xlsx|bordeaux_corrige.xlsx",
						"2011-2012|2|Établissement|Ajout|0060931E|Université Nice Sophia Antipolis|Bordeaux|Total non ventilé|||90|45||nice-tardif.xlsx"},
					"en": {"Revisions since the latest edition of each published year",
						"2011-2012 (edition 2 of 1 March 2013)",
						"2011-2012|2|Institution|Corrected|0331764N|Université de Bordeaux|Bordeaux|Teaching masters|800|520|810|530|bordeaux.xlsx|bordeaux_corrige.xlsx"},
				}[lang]
				flat := strings.NewReplacer(NBSP, " ", ThinNBSP, "").Replace(all)
				for _, w := range want {
					if !strings.Contains(flat, strings.NewReplacer(NBSP, " ").Replace(w)) {
						t.Errorf("missing %q in the sheet:\n%s", w, all)
					}
				}
				if strings.Contains(all, "corrections/") {
					t.Errorf("a file path in the sheet:\n%s", all)
				}
			}
		})
	}
}

// TestRevisionsSectionKeepsTitles draws the section from every height of a
// page: a title (the section's or a part's) is always on the page of what
// it titles, never alone at a page's foot.
func TestRevisionsSectionKeepsTitles(t *testing.T) {
	rev := testRevisions(t, false)
	// Each title, and a text that must be on its page (the first thing under it).
	pairs := [][2]string{
		{"Révisions depuis l’édition 2", "Depuis l’édition 2, publiée"},
		{"Totaux nationaux", "Établissements ayant répondu"},
		{"Par parcours", "Masters enseignement"},
		{"Par établissement et parcours", "Université Nice Sophia Antipolis"},
	}
	for y := marginT; y < bottomLimit; y += 9 {
		d := newPDFDoc(context.Background(), "fr", 2012, nil)
		d.f.AddPage()
		d.f.SetY(y)
		d.revisionsSection(rev, tracks.Default(), time.Time{})
		var buf bytes.Buffer
		if err := d.output(&buf); err != nil {
			t.Fatal(err)
		}
		for i, page := range pdfPages(t, buf.Bytes()) {
			flat := strings.Join(strings.Fields(page), " ")
			for _, p := range pairs {
				if strings.Contains(flat, p[0]+" ") && !strings.Contains(flat, p[0]+" (suite)") && !strings.Contains(flat, p[1]) {
					t.Errorf("drawn from %.0f mm: %q on page %d without %q:\n%s", y, p[0], i+1, p[1], page)
				}
			}
		}
	}
}
