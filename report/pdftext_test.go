package report

import (
	"bytes"
	"context"
	"testing"
)

// cellText writes what CellFormat writes: the same cells drawn both ways
// give documents of the same bytes, and most were written by cellText
// itself (the others are the lines with a character fpdf had not yet seen
// in that font, and those where a page break comes).
func TestCellTextAsCellFormat(t *testing.T) {
	texts := []string{
		"0011861T", "Université de Bourg-en-Bresse (site « Œuvre »)",
		`C:\forms\a) b( c\`, "12" + ThinNBSP + "345", "45,2" + NBSP + "%", "—", "ligne\rsuivante",
		"Ελληνικά ΑΒΓ", "x",
	}
	aligns := []string{"L", "R", "C", ""}
	colours := []struct{ text, fill rgb }{
		{colInk, colZebra}, // different: the text is wrapped in its colour
		{rgb{51, 51, 51}, rgb{250, 250, 250}},
		{colInk, colInk}, // the same: it is not
		{rgb{0, 0, 0}, rgb{255, 255, 255}},
	}
	draw := func(direct bool) (*pdfDoc, []byte) {
		d := newPDFDoc(context.Background(), "fr", 2012)
		d.f.AddPage()
		y := 240.0
		for pass := range 2 {
			for i, text := range texts {
				for j, align := range aligns {
					c := colours[(i+j+pass)%len(colours)]
					d.fill(c.fill)
					d.color(c.text)
					d.font([]string{"", "B", "I"}[(i+pass)%3], 8+float64(j))
					x, w := marginL+float64(j)*40, 38.0
					if direct {
						d.cellText(x, y, w, 4.2, text, align)
					} else {
						d.f.SetXY(x, y)
						d.f.CellFormat(w, 4.2, text, "", 0, align, false, 0, "")
					}
				}
				y += 4.5
				if y > 285 { // rows from 273 on pass the bottom margin: CellFormat breaks the page
					y = 30
				}
			}
		}
		var b bytes.Buffer
		if err := d.f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return d, b.Bytes()
	}
	_, want := draw(false)
	d, got := draw(true)
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the documents differ from byte %d:\ncellText:   %q\nCellFormat: %q", i, got[max(i-80, 0):min(i+80, len(got))], want[max(i-80, 0):min(i+80, len(want))])
	}
	lines := 2 * len(texts) * len(aligns)
	if d.text.fast < lines/2 {
		t.Errorf("cellText wrote %d of %d lines itself, want most", d.text.fast, lines)
	}
	if p := d.f.PageNo(); p < 2 {
		t.Errorf("%d page(s): no page break tried", p)
	}
}
