// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md). It
// runs in c2isurvey's CI (.ci/run), from this folder.

package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// TestAppendFormat compares appendFormat with fmt.Sprintf: the same bytes
// whenever it formats, and a refusal for what it does not format.
func TestAppendFormat(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.005, 0.015, 0.025, 1.005, 2.675, -2.675, 0.125, 0.375,
		1e-9, -1e-9, 123456.789, 1e21, 1e300, -1e300, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), 841.89, 595.28, 28.35 * 7.5}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		floats = append(floats, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(12)-4)))
	}
	for _, v := range floats {
		for _, f := range []string{"%.2f", "%.3f", "%.0f", "%.5f", "%.9f"} {
			check(t, f, v)
		}
	}
	check(t, "%.2f %.2f %.2f %.2f re %s ", 1.0, 2.5, -3.25, 4.125, "f")
	check(t, "BT %.2f %.2f Td (%s)Tj ET", 12.3456, 700.004, `a\(b\)`)
	check(t, "%s %d 0 R 100%% %.3f", "x", 42, 1.0/3)
	check(t, "%d", -7)
	check(t, "")
	check(t, "no verbs")
	// What appendFormat leaves to fmt, and gives back dst untouched.
	for _, tc := range []struct {
		format string
		args   []any
	}{
		{"%.2f", []any{1}},          // an int for %f
		{"%.2f", []any{float32(1)}}, // a float32
		{"%5.2f", []any{1.0}},       // a width
		{"%.12f", []any{1.0}},       // two digits of precision
		{"%f", []any{1.0}},          // no precision
		{"%s", []any{[]byte("x")}},  // bytes for %s
		{"%d", []any{int64(1)}},     // an int64
		{"%v", []any{1}},            // another verb
		{"%s %s", []any{"a"}},       // too few arguments
		{"%s", []any{"a", "b"}},     // too many
		{"trailing %", nil},         // a lone %
		{"%.", []any{1.0}},          // cut short
		{"%.2", []any{1.0}},
	} {
		got, ok := appendFormat([]byte("keep"), tc.format, tc.args)
		if ok || string(got) != "keep" {
			t.Errorf("appendFormat(%q, %v) = %q, %v; want it left to fmt", tc.format, tc.args, got, ok)
		}
	}
}

func check(t *testing.T, format string, args ...any) {
	t.Helper()
	want := fmt.Sprintf(format, args...)
	got, ok := appendFormat([]byte("pre "), format, args)
	if !ok || string(got) != "pre "+want {
		t.Errorf("appendFormat(%q, %v) = %q, %v; fmt.Sprintf gives %q", format, args, got, ok, want)
	}
}

// TestAppendUTF16Escaped compares appendUTF16Escaped with what
// CellFormat wrote before, f.escape(utf8toutf16(s, false)), on texts
// plainUTF8 accepts, and checks what plainUTF8 refuses.
func TestAppendUTF16Escaped(t *testing.T) {
	var f Fpdf
	texts := []string{"", "a", `\`, "()", "\r\n", "Établissement n° 12 (Île-de-France) ", "Ĩ", "\u5c28\u2829", "\u0d5c\u5c5c",
		"\u00a0\u202f€—«»", "\uffff\ufffd\ufeff", "Ωμέγα Кириллица עברית"}
	r := rand.New(rand.NewPCG(3, 4))
	pick := []rune{'\\', '(', ')', '\r', 'a', 'é', 0x0128, 0x0129, 0x015C, 0x280D, 0x5C00, 0x0D0D, 0x7FF, 0x800, 0xFFFF, 0xD7FF, 0xE000}
	for range 5000 {
		var b []rune
		for range r.IntN(12) {
			if r.IntN(2) == 0 {
				b = append(b, pick[r.IntN(len(pick))])
			} else {
				c := rune(r.IntN(0x10000))
				if c >= 0xD800 && c <= 0xDFFF {
					c = 'x' // surrogates are not runes of a valid string
				}
				b = append(b, c)
			}
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if !plainUTF8(s) {
			t.Fatalf("plainUTF8(%q) = false", s)
		}
		want := f.escape(utf8toutf16(s, false))
		if got := appendUTF16Escaped([]byte("x"), s); string(got) != "x"+want {
			t.Fatalf("appendUTF16Escaped(%q) = %q, want %q", s, got[1:], want)
		}
	}
	for _, s := range []string{"🎓", "a😀b", "\xff", "ab\xc3", "\xed\xa0\x80"} {
		if plainUTF8(s) {
			t.Errorf("plainUTF8(%q) = true, want the text left to utf8toutf16", s)
		}
	}
}

// TestSameAsUpstream draws drawSample with this copy, with and without a
// font cache, and compares the document with the one fpdf v0.12.0 draws:
// testdata/cells-v0.12.0.pdf, written by testdata/upstream (go run . from
// there), whose drawSample must be this file's, word for word.
func TestSameAsUpstream(t *testing.T) {
	regular, err := os.ReadFile("../../fonts/LiberationSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../../fonts/LiberationSans-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/cells-v0.12.0.pdf")
	if err != nil {
		t.Fatal(err)
	}
	cache := NewUTF8FontCache()
	for _, c := range []*UTF8FontCache{nil, cache, cache} {
		pdf := New("P", "mm", "A4", "")
		pdf.SetUTF8FontCache(c)
		drawSample(pdf, regular, bold)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("cache %v: the document differs from fpdf v0.12.0's (%d bytes, want %d)", c != nil, buf.Len(), len(want))
		}
	}
	if cache.Len() != 2 {
		t.Errorf("the cache holds %d fonts, want 2", cache.Len())
	}
	// Bytes gives what Output writes.
	pdf := New("P", "mm", "A4", "")
	drawSample(pdf, regular, bold)
	if b, err := pdf.Bytes(); err != nil || !bytes.Equal(b, want) {
		t.Errorf("Bytes: %d bytes, %v; want the %d bytes of fpdf v0.12.0's document", len(b), err, len(want))
	}
	// The generator draws with the same function.
	self, err := os.ReadFile("fastfmt_test.go")
	if err != nil {
		t.Fatal(err)
	}
	gen, err := os.ReadFile("testdata/upstream/main.go")
	if err != nil {
		t.Fatal(err)
	}
	fn := func(src []byte) string {
		s := string(src)
		i := strings.Index(s, "\n// drawSample draws")
		if i < 0 {
			return ""
		}
		j := strings.Index(s[i:], "\n}\n")
		return s[i : i+j]
	}
	if a, b := fn(self), fn(gen); a == "" || a != b {
		t.Errorf("testdata/upstream/main.go's drawSample is not this file's: write it again and run it")
	}
}

// drawSample draws cells of every kind CellFormat draws (alignments,
// borders, fills, colours, justified text, escapes, the last runes of
// the plane, page breaks) in a UTF-8 font and in a core font. (fpdf panics
// on invalid UTF-8 in a justified line and on a rune beyond U+FFFF: the
// report never gives it either, textsafe marks them.)
func drawSample(pdf *Fpdf, regular, bold []byte) {
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true) // else the fonts are listed in a map's order
	pdf.SetCreationDate(time.Date(2012, 12, 31, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2012, 12, 31, 0, 0, 0, 0, time.UTC))
	pdf.AddUTF8FontFromBytes("Sans", "", regular)
	pdf.AddUTF8FontFromBytes("Sans", "B", bold)
	pdf.AliasNbPages("")
	pdf.SetHeaderFunc(func() {
		pdf.SetFont("Sans", "B", 9)
		pdf.CellFormat(0, 6, "En-tête (page) \\ é", "B", 1, "C", false, 0, "")
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Sans", "", 8)
		pdf.CellFormat(0, 5, fmt.Sprintf("page %d / {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	texts := []string{"", "a", "Établissement n° 12 (Île-de-France)", `back\slash`, "tab\tcr\rlf", "Ĩĩ Ŝ \u5c28 \u2829",
		"12\u202f345,6 € — « guillemets »", "Ωμέγα Кириллица", "edge \uffff of the plane", "replacement \ufffd char", "  spaces  around  "}
	aligns := []string{"L", "C", "R", "LT", "CB", "RA", "J"}
	borders := []string{"", "1", "LR", "TB", "LTRB"}
	for i := range 120 {
		txt := texts[i%len(texts)]
		style := ""
		if i%5 == 0 {
			style = "B"
		}
		pdf.SetFont("Sans", style, 8+float64(i%4))
		if i%7 == 3 {
			pdf.SetTextColor(200, 30, 30)
		} else {
			pdf.SetTextColor(0, 0, 0)
		}
		pdf.SetFillColor(230, 240, 250)
		w := []float64{0, 30, 60.5, 90.25}[i%4]
		pdf.CellFormat(w, 5+float64(i%3), txt, borders[i%len(borders)], i%3, aligns[i%len(aligns)], i%2 == 0, 0, "")
		if i%11 == 0 {
			pdf.SetWordSpacing(0.5)
		} else {
			pdf.SetWordSpacing(0)
		}
	}
	pdf.SetFont("Helvetica", "", 10)
	pdf.CellFormat(50, 6, "core (font) \\ text", "1", 1, "R", true, 0, "")
	pdf.SetFont("Sans", "", 10)
	pdf.CellFormat(50, 6, "after the core font", "", 1, "L", false, 0, "")
	pdf.Line(10, 280, 200.333, 280.5)
	pdf.Rect(20, 250, 30.25, 10.125, "FD")
	pdf.Rect(-1.005, 0, 0.004, -2.5, "D")
}
