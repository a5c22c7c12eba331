package report

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A table's cells are most of what the reports draw: some 80,000 lines of
// text for 5,000 forms, each through fpdf's CellFormat, which formats every
// number with fmt, converts and escapes the text in three or four passes
// and allocates a dozen times a line: a third of the objects the outputs
// allocate, a tenth of their time (docs/performance.md, "Table cells").
// cellText writes the same operators, to the same bytes, straight into the
// page (fpdf's RawWriteStr), when it can be sure they are the same: fpdf
// knows every character of the line (the font subset is made of the
// characters fpdf saw drawn, so a line with one it has not seen yet goes
// through CellFormat, which notes it), no page break can come, and nothing
// (underline, word spacing, a vertical alignment) changes what CellFormat
// would write. TestCellTextAsCellFormat draws the same cells both ways and
// compares the documents' bytes.

// textWriter is a document's state for cellText: the characters fpdf is
// known to have noted for each font, and a buffer used from line to line.
type textWriter struct {
	fonts []knownRunes
	buf   []byte
	// fast counts the lines written directly, for the tests.
	fast int
}

// knownRunes are the characters of the Basic Multilingual Plane that fpdf
// has noted as used in one font (family and style).
type knownRunes struct {
	family, style string
	bits          *[1 << 10]uint64
}

func (k *knownRunes) has(r rune) bool { return k.bits[r>>6]&(1<<(r&63)) != 0 }
func (k *knownRunes) add(r rune)      { k.bits[r>>6] |= 1 << (r & 63) }

// known returns the characters noted for the font in use.
func (t *textWriter) known(family, style string) *knownRunes {
	for i := range t.fonts {
		if k := &t.fonts[i]; k.family == family && k.style == style {
			return k
		}
	}
	t.fonts = append(t.fonts, knownRunes{family: family, style: style, bits: new([1 << 10]uint64)})
	return &t.fonts[len(t.fonts)-1]
}

// cellText draws line at (x, y) as fpdf's
// CellFormat(w, h, line, "", 0, align, false, 0, "") would after
// SetXY(x, y), in the current font and text colour. It leaves fpdf's
// current position where it was: the table sets it after its rows.
func (d *pdfDoc) cellText(x, y, w, h float64, line, align string) {
	if line == "" {
		return // CellFormat writes nothing for no text and no border
	}
	f := d.f
	t := &d.text
	style := f.GetFontStyle()
	k := t.known(f.GetFontFamily(), style)
	_, fontSize := f.GetFontSize()
	_, pageH := f.GetPageSize()
	auto, bottom := f.GetAutoPageBreak()
	fast := !f.Err() && w != 0 && f.GetWordSpacing() == 0 &&
		!strings.ContainsAny(style, "US") && (align == "L" || align == "R" || align == "C" || align == "") &&
		!(auto && y+h > pageH-bottom)
	if fast {
		for _, r := range line {
			if r >= 1<<16 || r == utf8.RuneError || !k.has(r) {
				fast = false
				break
			}
		}
	}
	if !fast {
		f.SetXY(x, y)
		f.CellFormat(w, h, line, "", 0, align, false, 0, "")
		for _, r := range line {
			if r < 1<<16 {
				k.add(r)
			}
		}
		return
	}
	t.fast++
	// As CellFormat: the text's start from the cell's edge, its baseline
	// from the cell's middle, in points.
	var dx float64
	switch align {
	case "R":
		dx = w - f.GetCellMargin() - f.GetStringWidth(line)
	case "C":
		dx = (w - f.GetStringWidth(line)) / 2
	default:
		dx = f.GetCellMargin()
	}
	dy := 0.0
	scale := f.GetConversionRatio()
	bt := (x + dx) * scale
	td := (pageH - (y + dy + .5*h + .3*fontSize)) * scale
	b := t.buf[:0]
	// fpdf wraps the text in its own colour when it differs from the
	// fill colour (its colorFlag).
	tr, tg, tb := f.GetTextColor()
	fr, fg, fb := f.GetFillColor()
	colour := tr != fr || tg != fg || tb != fb
	if colour {
		b = append(b, "q "...)
		b = appendColour(b, tr, tg, tb)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, bt, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, td, 'f', 2, 64)
	b = append(b, " Td ("...)
	// The text as UTF-16BE code units (fpdf's utf8toutf16, every
	// character here in the BMP), then PDF-escaped byte by byte.
	for _, r := range line {
		b = appendPDFEscaped(b, byte(r>>8))
		b = appendPDFEscaped(b, byte(r))
	}
	b = append(b, ")Tj ET"...)
	if colour {
		b = append(b, " Q"...)
	}
	t.buf = b
	f.RawWriteStr(string(b))
}

// appendPDFEscaped appends c as fpdf's escape writes it in a string.
func appendPDFEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// appendColour appends the non-stroking colour operator fpdf writes for
// an RGB colour: a grey level ("0.200 g") when the three are equal, else
// "r g b rg", each component over 255 with three decimals.
func appendColour(b []byte, r, g, bl int) []byte {
	comp := func(v int) float64 { return float64(min(max(v, 0), 255)) / 255.0 }
	if r == g && g == bl {
		b = strconv.AppendFloat(b, comp(r), 'f', 3, 64)
		return append(b, " g"...)
	}
	b = strconv.AppendFloat(b, comp(r), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(g), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(bl), 'f', 3, 64)
	return append(b, " rg"...)
}
