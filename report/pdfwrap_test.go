package report

import (
	"context"
	"slices"
	"strings"
	"testing"

	"c2isurvey/ingest/textsafe"
)

// wrapReference is the wrapping the report used before it was made linear:
// it measures each candidate line with fpdf, which is quadratic in a long
// word but obviously right. wrap must give the same lines.
func wrapReference(d *pdfDoc, text string, w float64) []string {
	cut := func(s string) string {
		end := 0
		for i, r := range s {
			next := i + len(string(r))
			if end > 0 && d.width(s[:next]) > w {
				break
			}
			end = next
		}
		return s[:end]
	}
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		cur := ""
		for _, word := range strings.Split(para, " ") {
			cand := word
			if cur != "" {
				cand = cur + " " + word
			}
			if d.width(cand) <= w {
				cur = cand
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
			}
			cur = word
			for d.width(cur) > w {
				head := cut(cur)
				lines = append(lines, head)
				cur = cur[len(head):]
			}
		}
		lines = append(lines, cur)
	}
	return lines
}

func TestWrap(t *testing.T) {
	d := newPDFDoc(context.Background(), "fr", 2012, nil)
	d.f.AddPage()
	texts := []string{
		"",
		" ",
		"  deux  espaces  ",
		"deux  espaces  au bout  ",
		"a b",
		"Université de Caen Basse-Normandie",
		"École supérieure du professorat et de l’éducation de l’académie de Créteil — site de Bonneuil-sur-Marne",
		"2012/retour-académie-lille-version-corrigée-par-le-service-statistique.xlsx",
		"Plus de certificats délivrés (120) que d’étudiants concernés (95) pour le parcours « Masters enseignement ».\nDeuxième paragraphe.",
		strings.Repeat("W", 300),
		strings.Repeat("i", 300) + " " + strings.Repeat("m", 80) + " fin",
		"a\n\nb",
		"23\u202f009 étudiants\u00a0%",
	}
	for _, size := range []float64{7, 8, 9.5, 15} {
		d.font("", size)
		for _, w := range []float64{3, 19 - 2*cellPad, 47.6, contentW} {
			for _, text := range texts {
				got := d.wrap(text, w)
				want := wrapReference(d, text, w)
				if !slices.Equal(got, want) {
					t.Errorf("size %v, width %v, %q:\n got %q\nwant %q", size, w, text, got, want)
				}
				for _, line := range got {
					if d.width(line) > w && len([]rune(line)) > 1 {
						t.Errorf("line %q is %.1f mm wide, more than %v", line, d.width(line), w)
					}
				}
			}
		}
	}
}

func TestWrapMax(t *testing.T) {
	d := newPDFDoc(context.Background(), "fr", 2012, nil)
	d.f.AddPage()
	d.font("", 8)
	const w = 20.0
	lines := d.wrapMax(strings.Repeat("mot ", 200), w, 3)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	if last := lines[2]; !strings.HasSuffix(last, "…") || d.width(last) > w {
		t.Errorf("last line %q (%.1f mm): want an ellipsis within %v mm", last, d.width(last), w)
	}
	if got := d.wrapMax("court", w, 3); !slices.Equal(got, []string{"court"}) {
		t.Errorf("short text: %q", got)
	}
}

// BenchmarkWrap wraps a million characters: one word, then words. Before
// wrap was made linear the first took about 40 s.
func BenchmarkWrap(b *testing.B) {
	d := newPDFDoc(context.Background(), "fr", 2012, nil)
	d.f.AddPage()
	d.font("", 8)
	for _, c := range []struct{ name, text string }{
		{"one-word-1M", strings.Repeat("é", 1_000_000)},
		{"words-1M", strings.Repeat("Université ", 100_000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				d.wrap(c.text, 58)
			}
		})
	}
}

// TestPDFShowASCII: pdfShow returns printable ASCII as it is without
// asking textsafe, which must then agree; every other text goes through
// textsafe.
func TestPDFShowASCII(t *testing.T) {
	for r := rune(' '); r <= '~'; r++ {
		if !fontCovers(r) {
			t.Errorf("the font cannot draw %q: pdfShow may not pass it as it is", r)
		}
	}
	for _, s := range []string{
		"",
		"0141408E",
		"2012/0141408E_universite-de-caen - Copie.xlsx",
		strings.Repeat("a", pdfMaxText),
		strings.Repeat("a", pdfMaxText+1),
		"tab\there",
		"line\nbreak",
		"del\x7f",
		"nul\x00",
		"Université",
		"e\u0301cole",
		"23\u202f009",
		"\xff",
	} {
		if got, want := pdfShow(s), textsafe.Show(s, pdfShowOptions()); got != want {
			t.Errorf("pdfShow(%q) = %q, textsafe.Show %q", s, got, want)
		}
	}
}
