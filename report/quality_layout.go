package report

import (
	"strings"
	"unicode/utf8"
)

// Layout helpers of the quality report: file names wrapped where a reader
// expects them to break, and titles kept with what follows them. They sit
// apart from pdf.go so that the annual report's layout can change beside
// them.

// nameBreakAfter are the characters after which a file name may break: the
// places a person reading « 2011-2012/0141408E_universite-de-caen.xlsx »
// would split it, so that no part of a word is cut.
const nameBreakAfter = "-_./\\ "

// wrapName splits a file name (or any text without sentences) into lines
// no wider than w with the current font, breaking after '-', '_', '.', '/',
// '\' or a space (the space is not carried to the next line). Only a run
// with no such character wider than the whole line is cut, as wrap cuts a
// word: between two characters, never inside one. Widths are summed in font
// units as wrap does, so the cost is linear in the name's length.
func (d *pdfDoc) wrapName(text string, w float64) []string {
	_, size := d.f.GetFontSize()
	fits := func(units int) bool { return float64(units)*size/1000 <= w }
	// A name that fits whole is one line, as the walk below would make it
	// (its widths only grow along the name).
	if fits(d.f.GetStringSymbolWidth(text)) {
		return []string{strings.TrimRight(text, " ")}
	}
	var lines []string
	// The line being filled is text[start:end], units wide; the last break
	// opportunity inside it is at brk (an index just after a break
	// character), with brkUnits the width of text[start:brk].
	start, units := 0, 0
	brk, brkUnits := -1, 0
	for i, r := range text {
		ru := d.runeUnits(r)
		for i > start && !fits(units+ru) {
			if brk > start {
				// Break after the last break character: text[brk:i]
				// holds none, and goes on to the next line.
				lines = append(lines, strings.TrimRight(text[start:brk], " "))
				start, units = brk, units-brkUnits
				for start < i && text[start] == ' ' {
					start++
					units -= d.runeUnits(' ')
				}
			} else {
				// A run with no break wider than the line: cut it here.
				lines = append(lines, text[start:i])
				start, units = i, 0
			}
			brk = -1
		}
		units += ru
		if strings.ContainsRune(nameBreakAfter, r) {
			brk, brkUnits = i+utf8.RuneLen(r), units
		}
	}
	if start < len(text) || len(lines) == 0 {
		lines = append(lines, strings.TrimRight(text[start:], " "))
	}
	return lines
}

// wrapNameMax is wrapName in at most n lines, the last one kept ending
// with an ellipsis when there are more (as wrapMax does for other text).
func (d *pdfDoc) wrapNameMax(text string, w float64, n int) []string {
	return d.clip(d.wrapName(text, w), w, n)
}

// keepWithNext moves to a new page unless h millimetres are left, h being
// the height of a title and of what must follow it on the same page (its
// introduction, a table's header and first row): a title never ends a page.
func (d *pdfDoc) keepWithNext(h float64) { d.ensure(h) }

// paragraphHeight is the height paragraph(text, size) takes.
func (d *pdfDoc) paragraphHeight(text string, size float64) float64 {
	d.font("", size)
	lh := size * 0.5
	return float64(len(d.wrap(text, contentW)))*lh + lh*0.6
}

// Heights of the titles as pdf.go draws them (cell and air after).
const (
	headingH    = 9.0 + 2
	subheadingH = 7.0 + 1
)

// tableStartHeight is what a table needs on its first page: what begin
// asks for (the header and a few rows), or its header and first row if
// they are taller.
func (t *pdfTable) startHeight(first []string) float64 {
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	_, hEmpty := t.layout([]string{}, "B")
	_, hHead := t.layout(heads, "B")
	_, hRow := t.layout(first, "")
	return max(12+3*hEmpty, hHead+hRow)
}
