// Package textsafe decides how a text read from an input file is shown in
// every output: the PDF report, the workbook, the CSV tables and the
// terminal. An institution name, a track label, a file or sheet name, a
// value quoted in a refusal: all come from files nobody here wrote, and
// any of them may hold what an output cannot take (an emoji the PDF font
// cannot draw, an escape sequence that clears a terminal, a bidi override
// that reverses a line, a formula a spreadsheet would run, 200,000
// characters). Show is the one place that turns such a text into one an
// output can show; the outputs differ only by their Options.
//
// The full value stays in the data (the store, the facts, the Arrow
// tables): Show is for display only.
package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Ellipsis marks where a long text was cut.
const Ellipsis = "…"

// Limits, in UTF-16 code units (see Options.Max).
const (
	// ExcelMax is the most a spreadsheet cell holds: Excel refuses a
	// longer cell and excelize cuts it without a mark.
	ExcelMax = 32767
	// TerminalMax keeps one refusal or file name on a few lines of a
	// terminal.
	TerminalMax = 500
)

// Options say what an output can show.
type Options struct {
	// Max is the longest text shown, in UTF-16 code units, Excel's measure
	// (the same as runes for the Basic Multilingual Plane). A longer text
	// keeps its beginning and its end around an Ellipsis: the end of a
	// file name carries its extension, the end of a refusal says what to
	// do. 0 means no limit.
	Max int
	// Drawable reports whether the output can draw a rune (for the PDF,
	// whether its embedded font has a glyph for it). A rune it refuses
	// becomes Mark. nil accepts every rune that is not a control.
	Drawable func(rune) bool
	// Mark stands for a control character, a byte that is not UTF-8 and a
	// rune Drawable refuses. It must itself be drawable. 0 means U+FFFD,
	// the replacement character.
	Mark rune
	// Formula neutralises a text a spreadsheet would read as a formula
	// (one starting with =, +, -, @, or with spaces and then one of
	// these; tab and carriage return are spaces by then): it is prefixed
	// with a single quote, as OWASP advises for CSV files. A workbook
	// written by excelize does not need it (its text cells are never
	// evaluated); a CSV opened in a spreadsheet does.
	Formula bool
	// NFC composes letters and their accents (e + U+0301 into é): the PDF
	// draws each code point on its own, so a decomposed accent would
	// float beside its letter. Off where a text must keep its bytes as a
	// machine reads them (a file name in a CSV).
	NFC bool
}

// Show returns s as an output with options o can show it:
//   - line breaks, tabs and the other whitespace controls (\t \n \v \f \r,
//     U+0085, U+2028, U+2029) become a space, so that a name cannot forge a
//     line of a listing or a CSV row;
//   - the bidi controls (U+200E, U+200F, U+061C, U+202A–U+202E,
//     U+2066–U+2069) and the byte order mark U+FEFF are removed: a text
//     reads in the order it was typed, and a right-to-left override cannot
//     disguise a file name;
//   - every other control character (C0, DEL, C1: an ESC starting a
//     terminal sequence, a NUL), each byte that is not UTF-8, the
//     noncharacters U+FFFE and U+FFFF (forbidden in XML) and each rune
//     o.Drawable refuses becomes o.Mark, visibly;
//   - a text longer than o.Max is cut in its middle with an Ellipsis;
//   - with o.Formula, a text that would start a formula gets a leading '.
//
// Show costs time linear in len(s), and allocates nothing when s needs no
// change. Without Formula, Show(Show(s, o), o) == Show(s, o).
func Show(s string, o Options) string {
	mark := o.Mark
	if mark == 0 {
		mark = utf8.RuneError
	}
	max := o.Max
	if o.Formula && max > 0 {
		max-- // room for the quote
	}
	// Printable ASCII, most of what a table shows, needs no change when
	// no font decides what is drawn: checked a byte at a time rather
	// than mapped a rune at a time (it is composed already).
	if o.Drawable == nil && (max <= 0 || len(s) <= max) && PrintableASCII(s) {
		if o.Formula && startsFormula(s) {
			return "'" + s
		}
		return s
	}
	// Accents are composed first: the font may draw é but not the lone
	// combining accent of a decomposed e\u0301.
	if o.NFC && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	// First pass: the length once mapped, and whether anything changes (a
	// RuneError may stand for a byte that is not UTF-8).
	units, changed := 0, false
	for i, r := range s {
		m, keep := mapRune(s, i, r, o.Drawable, mark)
		if !keep {
			changed = true
			continue
		}
		if m != r || r == utf8.RuneError {
			changed = true
		}
		units += utf16Len(m)
	}
	var out string
	switch {
	case max > 0 && units > max:
		out = cut(s, max, o.Drawable, mark)
	case changed:
		var b strings.Builder
		b.Grow(len(s))
		appendMapped(&b, s, o.Drawable, mark)
		out = b.String()
	default:
		out = s
	}
	if o.Formula && startsFormula(out) {
		out = "'" + out
	}
	return out
}

// PrintableASCII reports whether every byte of s is a printable ASCII
// character, from the space to the tilde: a text every output shows as it
// is, but for a formula's quote (Show).
func PrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// mapRune maps the rune r found at byte i of s: the rune shown, or keep
// false when it is removed.
func mapRune(s string, i int, r rune, drawable func(rune) bool, mark rune) (rune, bool) {
	switch {
	case r == utf8.RuneError:
		if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
			return mark, true // a byte that is not UTF-8
		}
		if drawable != nil && !drawable(r) {
			return mark, true
		}
		return r, true
	case isSpaceControl(r):
		return ' ', true
	case isBidiControl(r) || r == '\uFEFF':
		return 0, false
	case unicode.IsControl(r) || r == '\uFFFE' || r == '\uFFFF':
		return mark, true
	case drawable != nil && !drawable(r):
		return mark, true
	}
	return r, true
}

// isSpaceControl reports whether r is a control or separator that breaks
// or spaces a line.
func isSpaceControl(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// isBidiControl reports whether r is one of the invisible characters that
// change the direction in which the following text is laid out.
func isBidiControl(r rune) bool {
	switch {
	case r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	case r >= '\u202A' && r <= '\u202E':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// appendMapped writes every rune of s, mapped, to b.
func appendMapped(b *strings.Builder, s string, drawable func(rune) bool, mark rune) {
	for i, r := range s {
		if m, keep := mapRune(s, i, r, drawable, mark); keep {
			b.WriteRune(m)
		}
	}
}

// cut returns the mapped s, longer than max units, shortened to max units:
// its first two thirds, the Ellipsis, its last third. Only the kept runes
// are mapped, from each end, so that a text of megabytes costs no more
// than a pass to measure it.
func cut(s string, max int, drawable func(rune) bool, mark rune) string {
	if max < 2 {
		return Ellipsis
	}
	room := max - 1 // the Ellipsis is one unit
	headRoom := room - room/3
	tailRoom := room - headRoom
	var b strings.Builder
	b.Grow(4 * max)
	used := 0
	for i, r := range s {
		m, keep := mapRune(s, i, r, drawable, mark)
		if !keep {
			continue
		}
		n := utf16Len(m)
		if used+n > headRoom {
			break
		}
		b.WriteRune(m)
		used += n
	}
	b.WriteString(Ellipsis)
	// The tail, mapped from the end backwards, then written in order.
	var tail []rune
	used = 0
	for end := len(s); end > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		end -= size
		m, keep := mapRune(s, end, r, drawable, mark)
		if !keep {
			continue
		}
		n := utf16Len(m)
		if used+n > tailRoom {
			break
		}
		tail = append(tail, m)
		used += n
	}
	for i := len(tail) - 1; i >= 0; i-- {
		b.WriteRune(tail[i])
	}
	return b.String()
}

// startsFormula reports whether a spreadsheet opening s from a CSV file
// would read it as a formula: its first character, spaces aside, is one
// of = + - @.
func startsFormula(s string) bool {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@':
		return true
	}
	return false
}
