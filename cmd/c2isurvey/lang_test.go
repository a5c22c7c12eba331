package main

import (
	"archive/zip"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"c2isurvey/ingest"
)

// Marker words: a word of the other language that no text of this one
// should hold. Matched whole (case aside) once the values that come from
// the inputs (paths, sheet and institution names) are removed: those are
// data, shown as they were written.
var (
	// Words are bounded by any non-letter (\b is ASCII only, and would
	// never see « établissements » or « Édition » start).
	frenchMarkers = regexp.MustCompile(`(?i)((^|[^\pL\pN_])(fichiers?|feuilles?|cellules?|lignes?|colonnes?|refusée?s?|acceptée?s?|année|données|parcours|établissements?|étudiants|certificats|avertissements?|taux|réussite|doublons?|remplacée?s?|voir|aucun|édition|chiffres|évolution|lecture|champ|suite|méthodes|définitions|essentiel|qualité|résultats|rapport)([^\pL\pN_]|$)|[«»]|[ \x{00a0}\x{202f}][:;!?](\s|$))`)
	// Kind identifiers (unknown-track) are English words joined by hyphens:
	// a French text showing one instead of its name is caught by its words.
	englishMarkers = regexp.MustCompile(`(?i)\b(files?|sheets?|cells?|rows?|lines?|columns?|warnings?|refused|accepted|students|certificates|tracks?|the|and|with|see|read|year|data|success|rate|unknown|above)\b|[\x{201c}\x{201d}]`)
)

// inputValues lists the texts that come from the inputs, longest first.
func inputValues(t *testing.T, paths ...string) []string {
	t.Helper()
	files, skipped, err := ingest.Collect(paths)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			seen[s] = true
		}
	}
	for _, f := range append(files, skipped...) {
		add(f)
		add(filepath.Base(f))
		res := ingest.ReadFile(f, ingest.Options{})
		for _, p := range append(res.Refusals, res.Warnings...) {
			add(p.Sheet)
		}
		for _, s := range res.Submissions {
			add(s.Institution)
			add(s.Academie)
			for _, fc := range s.Facts {
				add(fc.Source.Sheet)
			}
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// paths matches what is left of a path once the known ones are removed
// (a temporary folder, a name under the inbox).
var paths = regexp.MustCompile(`\S*[/\\]\S*|\S+\.(xlsx|xls|csv|pdf|md|go|txt|parquet)\b`)

// identifiers are what a user types or a script reads, the same in both
// languages: a command line's optional parts, flags, lists of CSV columns
// or of a flag's values, a value the user gave (quoted by %q), command
// names; and, on a line naming a flag or describing one, the values it
// takes.
var (
	identifiers  = regexp.MustCompile(`\[[^\]]*\]|--[a-z][a-z-]*|\b[a-z_]+(?:[,|][a-z_]+)+\b|"[^"]*"|c2isurvey [a-z]+|^  [a-z]+ {2,}`)
	optionValues = regexp.MustCompile(`\b(group|track|table|csv|text|json|accepted|rejected|replaced|duplicate|pending)\b`)
)

// leaks returns the lines of text holding a marker word of the other
// language, input values and paths removed.
func leaks(text string, markers *regexp.Regexp, values []string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		clean := line
		for _, v := range values {
			clean = strings.ReplaceAll(clean, v, "X")
		}
		if strings.Contains(clean, "--") || strings.HasPrefix(strings.TrimLeft(clean, " "), "\t") {
			clean = optionValues.ReplaceAllString(clean, "X")
		}
		clean = paths.ReplaceAllString(clean, "X")
		clean = identifiers.ReplaceAllString(clean, "X")
		if m := markers.FindAllString(clean, -1); len(m) > 0 {
			out = append(out, strings.Join(m, ",")+" ⟵ "+line)
		}
	}
	return out
}

// outputTexts gathers what a user reads in an output folder: every CSV
// cell with a space in it (the free texts; the others are codes and
// numbers, and the header row is the tables' column identifiers), the
// workbook's strings, sheet names and chart texts, and the text of every
// PDF (public and quality reports) as pdftotext reads it, when pdftotext
// is given.
func outputTexts(t *testing.T, dir, pdftotext string) string {
	t.Helper()
	var b strings.Builder
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if pdftotext != "" {
		if len(pdfs) < 2 {
			t.Fatalf("%d PDF in %s", len(pdfs), dir)
		}
		for _, name := range pdfs {
			out, err := exec.Command(pdftotext, "-enc", "UTF-8", name, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", name, err)
			}
			b.Write(out)
			b.WriteString("\n")
			// The document's properties, which a reader sees in the
			// viewer's title bar and properties (pdfinfo is poppler's too).
			info, err := exec.Command(filepath.Join(filepath.Dir(pdftotext), "pdfinfo"), "-enc", "UTF-8", name).Output()
			if err != nil {
				t.Fatalf("pdfinfo %s: %v", name, err)
			}
			for _, line := range strings.Split(string(info), "\n") {
				for _, field := range []string{"Title:", "Subject:", "Keywords:", "Author:"} {
					if v, ok := strings.CutPrefix(line, field); ok {
						b.WriteString(strings.TrimSpace(v) + "\n")
					}
				}
			}
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, name := range csvs {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows[min(1, len(rows)):] {
			for _, c := range row {
				if strings.Contains(c, " ") {
					b.WriteString(c + "\n")
				}
			}
		}
	}
	books, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(csvs) == 0 || len(books) == 0 {
		t.Fatalf("no CSV or workbook in %s", dir)
	}
	for _, name := range books {
		zr, err := zip.OpenReader(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") || strings.Contains(f.Name, "styles") || strings.Contains(f.Name, "theme") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			xmlTexts(t, rc, &b)
			rc.Close()
		}
		zr.Close()
	}
	return b.String()
}

// xmlTexts writes the character data and the name and title attributes of
// an XML part, one per line.
func xmlTexts(t *testing.T, r io.Reader, b *strings.Builder) {
	t.Helper()
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		switch v := tok.(type) {
		case xml.CharData:
			if s := strings.TrimSpace(string(v)); s != "" {
				b.WriteString(s + "\n")
			}
		case xml.StartElement:
			for _, a := range v.Attr {
				if a.Name.Local == "name" && v.Name.Local == "sheet" {
					b.WriteString(a.Value + "\n")
				}
			}
		}
	}
}

// TestOneLanguage runs report, validate and run over the samples (broken
// files included) in each language, then runs, files, registry, compare,
// rebuild, usage errors and every command's help, and wants no word of the
// other language in the terminal, the CSV tables, the workbooks or the PDFs
// (public and quality reports, read by pdftotext).
func TestOneLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every sample several times")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		// The rest is still checked; the PDFs' subtest says why they are not.
		pdftotext = ""
		t.Run("pdf", func(t *testing.T) {
			t.Skip("pdftotext not found (install poppler-utils): the PDFs' texts are not checked")
		})
	}
	values := inputValues(t, samplesDir)
	for _, tc := range []struct {
		lang    string
		markers *regexp.Regexp
	}{
		{"en", frenchMarkers},
		{"fr", englishMarkers},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			var texts strings.Builder
			out := t.TempDir()
			code, stdout, stderr := runCmd(t, "report", "--in", samplesDir, "--out", out, "--lang", tc.lang)
			if code != exitOK {
				t.Fatalf("report exited %d: %s", code, stderr)
			}
			texts.WriteString(stdout + stderr)
			texts.WriteString(outputTexts(t, out, pdftotext))

			broken := sampleFiles(t, "broken")
			args := append([]string{"validate", "--lang", tc.lang}, broken...)
			_, stdout, stderr = runCmd(t, append(args, sampleFiles(t, "2011-2012")...)...)
			texts.WriteString(stdout + stderr)

			data := t.TempDir()
			drop(t, data, append(broken, sampleFiles(t, "2011-2012")...)...)
			code, stdout, stderr = runCmd(t, "run", "--data", data, "--settle", "0s", "--lang", tc.lang)
			if code != exitOK {
				t.Fatalf("run exited %d: %s", code, stderr)
			}
			texts.WriteString(stdout + stderr)
			texts.WriteString(outputTexts(t, filepath.Join(data, "reports", "latest"), pdftotext))

			registry := filepath.Join(samplesDir, "registry.csv")
			for _, args := range [][]string{
				{"runs", "--data", data}, {"files", "--data", data}, {"files", "--status", "rejected", "--data", data},
				{"registry", "import", "--data", data, registry}, {"registry", "show", "--data", data},
				{"compare", "--data", data}, {"compare", "--data", data, "--panel", "--by", "track"},
				{"rebuild", "--data", data},
				// Usage errors and the help of every command.
				{"report", "--in", samplesDir}, {"report", "--nope"}, {"template", "--year", "2013", "--out", "x.xls"},
				{"compare", "--by", "x", "--in", samplesDir}, {"serve", "--schedule", "TZ=UTC 1 2 * * *"},
				{"report", "--help"}, {"validate", "--help"}, {"template", "--help"}, {"run", "--help"},
				{"serve", "--help"}, {"runs", "--help"}, {"files", "--help"}, {"rebuild", "--help"},
				{"compare", "--help"}, {"registry", "show", "--help"}, {"help"},
			} {
				_, stdout, stderr = runCmd(t, append(args, "--lang", tc.lang)...)
				texts.WriteString(stdout + stderr)
			}

			all := texts.String()
			if len(all) < 10000 {
				t.Fatalf("only %d bytes of text gathered", len(all))
			}
			for _, l := range leaks(all, tc.markers, values) {
				t.Errorf("%s run, a word of the other language: %s", tc.lang, l)
			}
		})
	}
}

// TestLeaks: the marker words catch the other language and pass over the
// input values, paths and kind codes.
func TestLeaks(t *testing.T) {
	values := []string{"Enquête C2i2e", "Université de Caen"}
	tests := []struct {
		text    string
		markers *regexp.Regexp
		want    int
	}{
		{"Refused: /x/02_fichier-tronque.xlsx: [sheet Enquête C2i2e, cell C8] bad", frenchMarkers, 0},
		{"/x/a.xlsx : REFUSED", frenchMarkers, 1},
		{"Track « Doctorats » unknown", frenchMarkers, 1},
		{"3 fichier(s) lu(s)", frenchMarkers, 1},
		{"unknown-track", englishMarkers, 1}, // a kind identifier shown as is
		{"Refusé : a.xlsx : [feuille Enquête C2i2e] Université de Caen", englishMarkers, 0},
		{"avertissement : see the data-quality page", englishMarkers, 1},
		{"Fichier \u201ca\u201d", englishMarkers, 1},
		{"Utilisation : c2isurvey files [--status accepted|rejected] FICHIER", englishMarkers, 0},
		{"c2isurvey compare : --by doit valoir group ou track, pas \"x\"", englishMarkers, 0},
		{"  national.csv  year,institutions,students : le tableau", englishMarkers, 0},
		{"les fichiers lus et the files read", englishMarkers, 1},
		{"Options : --lang", frenchMarkers, 1},
	}
	for _, tc := range tests {
		if got := leaks(tc.text, tc.markers, values); len(got) != tc.want {
			t.Errorf("leaks(%q) = %q, want %d", tc.text, got, tc.want)
		}
	}
}
