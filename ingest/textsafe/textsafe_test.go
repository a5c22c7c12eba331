package textsafe

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// latin is a stand-in for a font's coverage: ASCII and Latin-1 letters.
func latin(r rune) bool { return r < 0x250 || r == '…' }

func TestShow(t *testing.T) {
	pdf := Options{Max: 20, Drawable: latin, Mark: '?', NFC: true}
	term := Options{Max: TerminalMax}
	csv := Options{Max: ExcelMax, Formula: true}
	for _, tc := range []struct {
		name string
		in   string
		o    Options
		want string
	}{
		{"plain text is kept", "Université de Caen", term, "Université de Caen"},
		{"empty", "", csv, ""},
		{"line breaks become spaces", "a\nb\r\nc\td\u2028e\u0085f", term, "a b  c d e f"},
		{"escape sequence is marked", "x\x1b[2Jy", term, "x\uFFFD[2Jy"},
		{"NUL, DEL and C1 are marked", "a\x00b\x7fc\u009bd", term, "a\uFFFDb\uFFFDc\uFFFDd"},
		{"bidi overrides are removed", "fac\u202Etxt.exe\u202C", term, "factxt.exe"},
		{"bidi isolates and marks are removed", "\u2066a\u2069\u200Eb\u200F\u061Cc", term, "abc"},
		{"byte order mark is removed", "\uFEFFnom", term, "nom"},
		{"invalid UTF-8 is marked", "a\xffb\xe2\x82", term, "a\uFFFDb\uFFFD\uFFFD"},
		{"noncharacters are marked", "a\uFFFEb\uFFFF", term, "a\uFFFDb\uFFFD"},
		{"emoji kept for the terminal", "École 🎓", term, "École 🎓"},
		{"emoji marked for the PDF", "École 🎓", pdf, "École ?"},
		{"glyph the font lacks is marked", "Ж中", pdf, "??"},
		{"decomposed accent composed for the PDF", "e\u0301cole", pdf, "école"},
		{"decomposed accent kept for a CSV", "e\u0301", csv, "e\u0301"},
		{"long text cut in the middle", strings.Repeat("a", 30) + ".xlsx", pdf, "aaaaaaaaaaaaa…a.xlsx"},
		{"length just at the limit", strings.Repeat("b", 20), pdf, strings.Repeat("b", 20)},
		{"formula", "=cmd|' calc'!A0.csv", csv, "'=cmd|' calc'!A0.csv"},
		{"plus", "+1", csv, "'+1"},
		{"minus", "-2", csv, "'-2"},
		{"at", "@x", csv, "'@x"},
		{"tab first", "\t=1", csv, "' =1"},
		{"carriage return first", "\r@x", csv, "' @x"},
		{"spaces then formula", "  =1", csv, "'  =1"},
		{"formula sign inside is kept", "a=1", csv, "a=1"},
		{"no formula check for the terminal", "=1", term, "=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Show(tc.in, tc.o)
			if got != tc.want {
				t.Errorf("Show(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestShowInvariants checks, over hostile texts, what every output relies
// on: no control or bidi character, valid UTF-8, every rune drawable, the
// length within Max, and Show applied twice changes nothing more.
func TestShowInvariants(t *testing.T) {
	hostile := []string{
		"", "a", "\x1b]0;title\x07\x1b[2J", strings.Repeat("🎓", 1000), strings.Repeat("é\u0301", 500),
		"\u202Egpj.exe", strings.Repeat("\n", 100), "\xff\xfe\xfd" + strings.Repeat("x", 40),
		strings.Repeat("\u202E", 50) + "ab", "🎓" + strings.Repeat("y", 18), strings.Repeat("a\u0000", 300),
	}
	opts := map[string]Options{
		"pdf":      {Max: 24, Drawable: latin, Mark: '?', NFC: true},
		"terminal": {Max: 30},
		"workbook": {Max: 40},
		"no limit": {},
		"tiny":     {Max: 1},
	}
	for name, o := range opts {
		for _, s := range hostile {
			got := Show(s, o)
			if !utf8.ValidString(got) {
				t.Errorf("%s: Show(%q) = %q is not UTF-8", name, s, got)
			}
			for _, r := range got {
				if unicode.IsControl(r) || isBidiControl(r) || (o.Drawable != nil && !o.Drawable(r)) {
					t.Errorf("%s: Show(%q) = %q holds %U", name, s, got, r)
				}
			}
			if n := len(utf16.Encode([]rune(got))); o.Max > 0 && n > o.Max {
				t.Errorf("%s: Show(%q) is %d units long, max %d", name, s, n, o.Max)
			}
			if again := Show(got, o); again != got {
				t.Errorf("%s: Show(Show(%q)) = %q, want %q", name, s, again, got)
			}
		}
	}
}

// TestShowExcelLimit checks the cut counts as Excel does: an emoji is two
// units, and a pair is never split.
func TestShowExcelLimit(t *testing.T) {
	s := strings.Repeat("🎓", ExcelMax)
	got := Show(s, Options{Max: ExcelMax})
	if n := len(utf16.Encode([]rune(got))); n > ExcelMax {
		t.Errorf("%d units, Excel takes %d", n, ExcelMax)
	}
	if !strings.Contains(got, Ellipsis) || strings.ContainsRune(got, utf8.RuneError) {
		t.Errorf("cut badly: %q…", got[:40])
	}
}

// TestShowNoAllocation: the common case, a text that needs no change, is
// returned as it is.
func TestShowNoAllocation(t *testing.T) {
	s := "Université de Caen Basse-Normandie"
	o := Options{Max: ExcelMax}
	if n := testing.AllocsPerRun(100, func() { _ = Show(s, o) }); n != 0 {
		t.Errorf("Show allocated %v times on a text needing no change", n)
	}
}

// BenchmarkShowLong measures a 10-megabyte value: the cut must keep Show
// linear (one pass to measure, only the kept ends mapped).
func BenchmarkShowLong(b *testing.B) {
	s := strings.Repeat("Université ", 1<<20)
	o := Options{Max: 500, Drawable: latin, Mark: '?', NFC: true}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Show(s, o)
	}
}

// TestShowPrintableASCII: Show's way for printable ASCII (no rune mapped)
// gives what mapping each rune gives (a Drawable accepting every rune
// takes that way), formulas quoted and long texts cut alike.
func TestShowPrintableASCII(t *testing.T) {
	texts := []string{"", " ", "a", "abc", "=1+2", "  -x", "+", "@a", "a=b", "~", "-", " = ",
		"Centre de formation des enseignants", strings.Repeat("x", 9), strings.Repeat("y", 10), strings.Repeat("z", 11)}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		b := make([]byte, rnd.IntN(14))
		for i := range b {
			b[i] = byte(' ' + rnd.IntN('~'-' '+1))
		}
		texts = append(texts, string(b))
	}
	every := func(rune) bool { return true }
	for _, s := range texts {
		if !PrintableASCII(s) {
			t.Fatalf("%q is not printable ASCII", s)
		}
		for _, max := range []int{0, 1, 2, 9, 10, 11, ExcelMax} {
			for _, formula := range []bool{false, true} {
				o := Options{Max: max, Formula: formula}
				slow := o
				slow.Drawable = every
				if got, want := Show(s, o), Show(s, slow); got != want {
					t.Errorf("Show(%q, max %d, formula %v) = %q, mapped rune by rune %q", s, max, formula, got, want)
				}
			}
		}
	}
	for _, s := range []string{"é", "a\tb", "\x7f", "\x00", "a\u202e"} {
		if PrintableASCII(s) {
			t.Errorf("PrintableASCII(%q) = true", s)
		}
	}
}
