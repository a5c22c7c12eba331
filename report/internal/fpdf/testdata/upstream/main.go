// Command upstream writes ../cells-v0.12.0.pdf: drawSample, the function
// of ../../fastfmt_test.go, drawn by fpdf v0.12.0 as published, for
// TestSameAsUpstream. Run it from this folder: go run .
package main

import (
	"fmt"
	"os"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Fpdf lets drawSample be the test's, word for word.
type Fpdf = fpdf.Fpdf

func main() {
	regular, err := os.ReadFile("../../../../fonts/LiberationSans-Regular.ttf")
	if err != nil {
		panic(err)
	}
	bold, err := os.ReadFile("../../../../fonts/LiberationSans-Bold.ttf")
	if err != nil {
		panic(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	drawSample(pdf, regular, bold)
	f, err := os.Create("../cells-v0.12.0.pdf")
	if err != nil {
		panic(err)
	}
	if err := pdf.Output(f); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
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
