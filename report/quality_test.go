package report

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// samplesInput reads the bundled samples (their broken files included) and
// registry as report does, in lang.
func samplesInput(t testing.TB, lang string) Input {
	t.Helper()
	return folderInput(t, filepath.Join("..", "samples"), lang)
}

func renderQualityPDF(t *testing.T, in Input, year int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteQualityPDF(t.Context(), &buf, in, year); err != nil {
		t.Fatalf("WriteQualityPDF: %v", err)
	}
	return buf.Bytes()
}

// pdfText runs pdftotext with args on pdf (skipping the test, saying why,
// when poppler-utils is not installed).
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to read the quality reports' text")
	}
	path := filepath.Join(t.TempDir(), "q.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.NewReplacer(ThinNBSP, " ", NBSP, " ").Replace(string(out))
}

// TestQualityPDFYearOnly: each year's quality report names the files of
// that year and of no other; the refused files, which have no year, are in
// the latest year's report only; the counts printed are the batch's
// (ingest.Batch.Counts), and the years' reports, with the files of no
// year, account for every file of the samples once.
func TestQualityPDFYearOnly(t *testing.T) {
	in := samplesInput(t, "fr")
	years := []int{2006, 2007, 2008, 2009, 2010, 2011, 2012}
	folder := regexp.MustCompile(`(\d{4}-\d{4})/`)
	count := func(text, label string) int {
		re := regexp.MustCompile(regexp.QuoteMeta(label) + `\s+(\d[\d ]*)\n`)
		m := re.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("no count %q in:\n%s", label, text)
		}
		n, err := strconv.Atoi(strings.ReplaceAll(m[1], " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	received := 0
	for _, year := range years {
		t.Run(YearLabel(year), func(t *testing.T) {
			text := pdftotext(t, renderQualityPDF(t, in, year), "-layout")
			for _, m := range folder.FindAllStringSubmatch(text, -1) {
				if m[1] != YearLabel(year) {
					t.Errorf("the report of %s names a file of %s", YearLabel(year), m[1])
				}
			}
			latest := year == years[len(years)-1]
			if got := strings.Contains(text, "samples/broken/"); got != latest {
				t.Errorf("refused files listed: %v, want %v (latest year only)", got, latest)
			}
			c := in.Batch.Counts(year)
			for _, w := range []struct {
				label string
				n     int
			}{
				{"Fichiers reçus pour " + YearLabel(year), c.Received},
				{"acceptés : leurs chiffres comptent", c.Accepted},
				{"remplacés par un fichier plus récent", c.Replaced},
				{"doublons, comptés une fois", c.Duplicates},
				{"Fichiers acceptés ou remplacés portant un avertissement", c.Warned},
			} {
				if got := count(text, w.label); got != w.n {
					t.Errorf("%q: %d, want %d", w.label, got, w.n)
				}
			}
			received += c.Received
			if latest {
				received += count(text, "Fichiers refusés, sans année lisible (toute la collecte)")
			}
		})
	}
	if all := in.Batch.Counts(0); received != all.Received || all.Received != len(in.Batch.Files) {
		t.Errorf("the reports account for %d files, the batch counts %d of %d", received, all.Received, len(in.Batch.Files))
	}
	// The samples: 2011-2012 has the replaced form, 2010-2011 the copy.
	if c := in.Batch.Counts(2012); c.Replaced != 1 {
		t.Errorf("2011-2012: %d replaced, want 1", c.Replaced)
	}
	if c := in.Batch.Counts(2011); c.Duplicates != 1 {
		t.Errorf("2010-2011: %d duplicates, want 1", c.Duplicates)
	}
}

// TestQualityPDFSections: a section is drawn only when it has content,
// otherwise one sentence says so; a table that runs over a page continues
// with « (suite) » and its header; no title ends a page.
func TestQualityPDFSections(t *testing.T) {
	in := samplesInput(t, "fr")
	titles := []string{"Bilan des fichiers", "Avertissements", "Fichiers remplacés", "Doublons",
		"Établissements attendus sans réponse", "Réponses non attendues", "Chiffres à vérifier",
		"Fichiers refusés sans année lisible", "Fichiers acceptés"}
	cases := []struct {
		year          int
		want, without []string
	}{
		{2012, []string{"Fichiers remplacés", "0060931E_universite-nice-sophia-antipolis_corrige.xlsx",
			"Fichiers refusés sans année lisible", "Réponses non attendues", "Sans objet pour 2011-2012 : aucun avertissement et aucun doublon."},
			[]string{"Doublons\n"}},
		{2011, []string{"Doublons", "normandie - Copie.xlsx", "Sans objet pour 2010-2011 : aucun avertissement et aucun fichier remplacé.",
			"listés dans le rapport qualité de 2011-2012"},
			[]string{"Fichiers remplacés\n", "Fichiers refusés sans année lisible\n"}},
		{2007, []string{"Établissements attendus sans réponse", "Sans objet pour 2006-2007 : aucun avertissement, aucun fichier remplacé et aucun doublon."},
			[]string{"Doublons\n", "Fichiers remplacés\n"}},
	}
	for _, c := range cases {
		t.Run(YearLabel(c.year), func(t *testing.T) {
			text := pdftotext(t, renderQualityPDF(t, in, c.year), "-layout")
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range c.want {
				if !strings.Contains(text, w) && !strings.Contains(flat, w) {
					t.Errorf("%q not in the report", w)
				}
			}
			for _, w := range c.without {
				if strings.Contains(text, w) {
					t.Errorf("%q in the report", strings.TrimSpace(w))
				}
			}
			pages := strings.Split(text, "\f")
			for i, p := range pages {
				var lines []string
				for _, l := range strings.Split(p, "\n") {
					if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Rapport qualité — ") {
						lines = append(lines, l)
					}
				}
				if len(lines) == 0 {
					continue
				}
				if last := lines[len(lines)-1]; slices.Contains(titles, last) {
					t.Errorf("page %d ends with the title %q", i+1, last)
				}
				for _, l := range lines {
					if title, ok := strings.CutSuffix(l, " (suite)"); ok && slices.Contains(titles, title) && !strings.Contains(p, "Code UAI") && !strings.Contains(p, "Fichier") {
						t.Errorf("page %d: %q without its header", i+1, l)
					}
				}
			}
		})
	}
}

// TestWrapName: a file name breaks after '-', '_', '.', '/' or a space,
// never inside a run of letters unless that run alone is wider than the
// line; the lines put back together are the name.
func TestWrapName(t *testing.T) {
	d := newPDFDoc(t.Context(), "fr", 2012, nil)
	d.f.AddPage()
	d.font("", 8)
	long := strings.Repeat("universite-de-caen_", 13) + "fin.xlsx" // 255 bytes
	cases := []struct {
		name string
		text string
		w    float64
	}{
		{"samples", "samples/broken/02_fichier-tronque.xlsx", 30},
		{"copy", "samples/2010-2011/0141408E_universite-de-caen-basse-normandie - Copie.xlsx", 45},
		{"long", long, 50},
		{"no break", strings.Repeat("x", 200), 30},
		{"accents", "établissement-à-l’école-supérieure-du-professorat.xlsx", 20},
		{"fits", "a.xlsx", 50},
		{"fits, spaces", "a b.xlsx  ", 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := d.wrapName(c.text, c.w)
			if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(c.text, " ", "") {
				t.Errorf("lines %q do not make %q", lines, c.text)
			}
			for i, l := range lines {
				if w := d.width(l); w > c.w+0.01 {
					t.Errorf("line %q is %.1f mm wide, more than %.1f", l, w, c.w)
				}
				if i == len(lines)-1 || c.name == "no break" {
					continue
				}
				next := lines[i+1]
				if !strings.ContainsAny(l[len(l)-1:], nameBreakAfter) && !strings.HasPrefix(c.text[strings.Index(c.text, l)+len(l):], " ") {
					t.Errorf("line %q ends inside a word (next %q)", l, next)
				}
			}
			if strings.HasPrefix(c.name, "fits") && len(lines) != 1 {
				t.Errorf("a short name on %d lines", len(lines))
			}
		})
	}
}

// TestQualityPDFNames: a 250-byte name, one with an emoji and control
// characters, and a copy's, are shown whole (wrapped, never cut) in the
// quality report, as textsafe.Show makes them drawable.
func TestQualityPDFNames(t *testing.T) {
	dict := tracks.Default()
	long := "2013/" + strings.Repeat("universite-de-caen_", 12) + "0751717J_fin.xlsx" // 250 bytes
	if len(long) != 250 {
		t.Fatalf("the long name has %d bytes", len(long))
	}
	hostile := "2013/b 🎓\n\x1b[2J_retour.xlsx"
	facts := []ingest.Fact{{Year: 2013, UAI: "0751717J", Institution: "Université", Academie: "Paris", Track: "doctorats", TrackGroup: "doctorats",
		Students: 10, Certs: 5, Source: ingest.Location{File: long, Sheet: "Enquête", Cell: "C7"}}}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		tables.Release()
		mem.AssertSize(t, 0)
	}()
	t0 := time.Date(2013, 10, 1, 9, 0, 0, 0, time.UTC)
	batch := ingest.Resolve([]ingest.FileResult{
		{File: long, Hash: "a", ModTime: t0, Layout: 1, Submissions: []ingest.Submission{{UAI: "0751717J", Year: 2013}},
			Warnings: []ingest.Problem{{Location: ingest.Location{Sheet: "Enquête", Cell: "D9"}, Message: "Taux saisi différent."}}},
		{File: "2013/" + strings.Repeat("universite-de-caen_", 12) + "0751717J_fin - Copie.xlsx", Hash: "a", ModTime: t0},
		{File: hostile, Hash: "b", ModTime: t0, Refusals: []ingest.Problem{{Location: ingest.Location{Sheet: "🎓", Cell: "A1"}, Message: "Illisible."}}},
	})
	pdf := renderQualityPDF(t, Input{Tables: tables, Tracks: dict, Batch: batch, Lang: "fr"}, 2013)
	// In the content stream's order (-raw) a cell's lines follow one
	// another: put together, they must give each name whole.
	strip := pdftotext(t, pdf, "-raw")
	joined := strings.Join(strings.Fields(strip), "")
	for _, want := range []string{long, strings.TrimSuffix(long, ".xlsx") + "-Copie.xlsx", "2013/b??[2J_retour.xlsx"} {
		if !strings.Contains(joined, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("%q is not shown whole:\n%s", want, strip)
		}
	}
	// And each of the long name's lines but its last ends where a name
	// may break: after '-', '_', '.' or '/', never inside a word.
	lines := strings.Split(strip, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(long, l) || l == "" {
			continue
		}
		got := l
		for j := i + 1; j < len(lines) && len(got) < len(long) && strings.HasPrefix(long, got+lines[j]); j++ {
			if !strings.ContainsAny(got[len(got)-1:], "-_./") {
				t.Errorf("the long name is cut inside a word after %q", got)
			}
			got += lines[j]
		}
	}
	text := pdftotext(t, pdf)
	if strings.ContainsAny(text, "🎓\x1b") {
		t.Error("the PDF holds a raw emoji or escape character")
	}
	// The original is counted and the copy is its duplicate.
	if len(batch.Duplicates) != 1 || !strings.HasSuffix(batch.Duplicates[0].File, " - Copie.xlsx") {
		t.Errorf("duplicates %+v: the copy should be the duplicate", batch.Duplicates)
	}
}

// TestQualityPDFDeterministic: the same input gives the same bytes, in
// both languages, and the English report holds none of the French
// report's words.
func TestQualityPDFDeterministic(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := samplesInput(t, lang)
			a, b := renderQualityPDF(t, in, 2012), renderQualityPDF(t, in, 2012)
			if !bytes.Equal(a, b) {
				t.Fatal("two renderings differ")
			}
			if lang != "en" {
				return
			}
			text := pdftotext(t, a)
			for _, fr := range []string{"Fichier", "Bilan", "Doublon", "Avertissement", "Chiffres", "attendus", "jamais",
				"formulaire", "précédent", "limites", "Sans objet", "refusé", "Données au", "Rapport", "Établissement", "Dernière"} {
				if strings.Contains(text, fr) {
					t.Errorf("the English report holds %q", fr)
				}
			}
		})
	}
}

// TestQualityCountsAgree: the workbook's quality sheet counts the samples'
// files as the quality reports do (ingest.Batch.Counts): 169 accepted, the
// replaced form apart, the copy a duplicate and not accepted.
func TestQualityCountsAgree(t *testing.T) {
	in := samplesInput(t, "fr")
	c := in.Batch.Counts(0)
	if c.Received != c.Accepted+c.Replaced+c.Refused+c.Duplicates || c.Replaced != 1 || c.Duplicates != 1 || c.Refused != 7 {
		t.Errorf("samples counted %+v: want 1 replaced, 1 duplicate, 7 refused, the rest accepted", c)
	}
	var buf bytes.Buffer
	if err := WriteWorkbook(t.Context(), &buf, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(wbT("fr", "sheet.quality"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		if len(r) >= 4 && r[0] != "" {
			if _, ok := got[r[0]]; !ok {
				got[r[0]] = r[3]
			}
		}
	}
	for key, n := range map[string]int{
		"quality.files.read": c.Received, "quality.files.accepted": c.Accepted, "quality.files.replaced": c.Replaced,
		"quality.files.refused": c.Refused, "quality.duplicates": c.Duplicates, "quality.replacements": c.Replacements,
	} {
		if label := wbT("fr", key); got[label] != strconv.Itoa(n) {
			t.Errorf("workbook %q: %q, want %d", label, got[label], n)
		}
	}
}

// TestQualityPDFMetadata: the quality report has its own title and
// subject, the document language, and an outline entry for every section
// drawn, in order, each on the page its title is printed on.
func TestQualityPDFMetadata(t *testing.T) {
	in := samplesInput(t, "en")
	pdf := renderQualityPDF(t, in, 2012)
	objs := readPDFObjects(t, pdf)
	catalog := objs.dict(t, objs.trailer["Root"])
	info := objs.dict(t, objs.trailer["Info"])
	if got := string(catalog["Lang"].([]byte)); got != "en-GB" {
		t.Errorf("/Lang = %q, want en-GB", got)
	}
	if got := pdfTextString(t, info["Title"]); got != "Quality report — 2011-2012" {
		t.Errorf("/Title = %q", got)
	}
	pages, _ := objs.dict(t, catalog["Pages"])["Kids"].([]any)
	var got []string
	entries := readOutline(t, objs, catalog, pages)
	for _, e := range entries {
		got = append(got, e.title)
	}
	want := []string{"Cover", "Files received", "Replaced files", "Expected institutions that did not answer",
		"Answers not expected", "Figures to check", "Refused files with no readable year", "Accepted files"}
	if !slices.Equal(got, want) {
		t.Errorf("outline %q, want %q", got, want)
	}
	text := strings.Split(pdftotext(t, pdf, "-layout"), "\f")
	for _, e := range entries[1:] {
		if !strings.Contains(text[e.page-1], e.title) {
			t.Errorf("%v: title not on that page", e)
		}
	}
}

// TestQualityPDFCut: a year of more accepted files than qualityMaxRows
// lists the first of them and says where the others are.
func TestQualityPDFCut(t *testing.T) {
	dict := tracks.Default()
	const n = qualityMaxRows + 200
	var facts []ingest.Fact
	var results []ingest.FileResult
	for i := range n {
		uai := "0" + strconv.Itoa(1000000 + i)[1:] + "A"
		file := "2013/" + uai + ".xlsx"
		facts = append(facts, ingest.Fact{Year: 2013, UAI: uai, Institution: "Université " + uai, Track: "doctorats", TrackGroup: "doctorats",
			Students: 10, Certs: 5, Source: ingest.Location{File: file, Sheet: "Enquête", Cell: "C7"}})
		results = append(results, ingest.FileResult{File: file, Hash: uai, Layout: 1, Submissions: []ingest.Submission{{UAI: uai, Year: 2013}}})
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
	pdf := renderQualityPDF(t, Input{Tables: tables, Tracks: dict, Batch: ingest.Resolve(results), Lang: "fr"}, 2013)
	text := pdftotext(t, pdf, "-layout")
	if got := strings.Count(text, "2013/0"); got != qualityMaxRows {
		t.Errorf("%d files listed, want %d", got, qualityMaxRows)
	}
	if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, "Seules les 1 000 premières lignes sur 1 200 sont données ici") {
		t.Error("the cut is not said")
	}
}

// BenchmarkWriteQualityPDF writes the 2011-2012 quality report of
// benchInput: 9 pages for the samples (their largest), 86 for the 5,000
// generated forms, mostly the figures to check and the accepted files.
func BenchmarkWriteQualityPDF(b *testing.B) {
	in := benchInput(b, "fr")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteQualityPDF(b.Context(), io.Discard, in, 2012); err != nil {
			b.Fatal(err)
		}
	}
}

// TestQualityPDFRevisions: the quality report of a year with a published
// edition says what changed since, naming the files; a year without one
// has no such section.
func TestQualityPDFRevisions(t *testing.T) {
	in := testInput(t, "fr")
	in.Revisions = map[int]*aggregate.Revisions{2012: testRevisions(t, false)}
	for _, c := range []struct {
		year int
		want bool
	}{{2012, true}, {2011, false}} {
		text := strings.Join(strings.Fields(pdftotext(t, renderQualityPDF(t, in, c.year))), " ")
		if got := strings.Contains(text, "Révisions depuis l’édition") && strings.Contains(text, "bordeaux_corrige.xlsx"); got != c.want {
			t.Errorf("%s: revisions section %v, want %v", YearLabel(c.year), got, c.want)
		}
	}
}
