package report

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

// The report embeds Liberation Sans (SIL Open Font License 1.1, see
// fonts/LICENSE-LiberationSans.txt) rather than using the PDF core fonts:
// core fonts are limited to cp1252, which lacks the narrow no-break space
// French puts between digit groups and the true minus sign, and every string
// would need a translator, one forgotten call away from garbled accents.
// fpdf subsets the font, so a report carries only the glyphs it uses.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/LiberationSans-Italic.ttf
	fontItalic []byte
)

const (
	fontFamily = "LiberationSans"
	pageW      = 210.0 // A4 portrait, millimetres
	pageH      = 297.0
	marginL    = 20.0
	marginR    = 20.0
	marginT    = 22.0
	marginB    = 20.0
	contentW   = pageW - marginL - marginR
	// bottomLimit is the lowest a table row may end; below it the row goes
	// to the next page whole.
	bottomLimit = pageH - marginB
	// nbAlias is replaced by the page count when the document is closed.
	nbAlias = "{nb}"
)

// rgb is a colour of the report's palette.
type rgb struct{ r, g, b int }

var (
	colInk       = rgb{33, 33, 33}
	colMuted     = rgb{105, 105, 105}
	colTitle     = rgb{0, 51, 102}
	colBar       = rgb{54, 96, 146}
	colLine      = rgb{214, 96, 30}
	colHeadFill  = rgb{221, 230, 240}
	colZebra     = rgb{246, 246, 246}
	colTotalFill = rgb{232, 236, 242}
	colRule      = rgb{190, 190, 190}
	// colFragile fills the bar of a fragile rate: the bar colour, light.
	colFragile = rgb{196, 212, 232}
)

// pdfDoc is one report being drawn.
type pdfDoc struct {
	// ctx stops the long loops (a row per institution, per refusal): a
	// service stopping cannot wait for a thousand pages.
	ctx  context.Context
	f    *fpdf.Fpdf
	lang string
	year int
	// in is what the report is drawn from; set its publication settings
	// (never nil) and edition the edition it is published as (nil for a
	// provisional one).
	in      Input
	set     *settings.Settings
	edition *Edition
	// tables, charts and sources count what was drawn, for the tests'
	// check that every table and chart has its source line.
	tables, charts, sources int
	// shown remembers the table cells' texts shown (showCell).
	shown map[string]string
}

// Bounds of pdfDoc.shown: a quality report has some thousands of
// distinct names and file names; a longer text is shown, not kept.
const (
	shownMax     = 8192
	shownMaxText = 256
)

// showCell is pdfShow of a table cell's text, remembered for the document:
// a report lays out the same names, académies and file names row after
// row (and a row that moves to the next page twice), and a text that is
// not plain ASCII is composed, checked and measured rune by rune.
func (d *pdfDoc) showCell(s string) string {
	if len(s) <= pdfMaxText && textsafe.PrintableASCII(s) {
		return s
	}
	if v, ok := d.shown[s]; ok {
		return v
	}
	v := pdfShow(s)
	if len(s) <= shownMaxText && len(d.shown) < shownMax {
		if d.shown == nil {
			d.shown = make(map[string]string)
		}
		d.shown[s] = v
	}
	return v
}

// stopped reports whether the report should stop being drawn; WritePDF
// then returns ctx.Err().
func (d *pdfDoc) stopped() bool { return d.ctx.Err() != nil }

// WritePDF writes the annual report for one academic year (named by its
// ending year: 2012 for 2011-2012) in in.Lang. The bytes depend only on the
// input: the document dates derive from the year, not the clock. It stops
// with ctx.Err() when ctx is done.
func WritePDF(ctx context.Context, w io.Writer, in Input, year int) error {
	return writePDF(ctx, w, in, year, nil)
}

// writePDF is WritePDF with the analysis of every year, nil to build it.
func writePDF(ctx context.Context, w io.Writer, in Input, year int, an *pdfAnalysis) error {
	d, err := drawPDF(ctx, in, year, an)
	if err != nil {
		return err
	}
	if err := d.output(w); err != nil {
		return fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
	}
	return nil
}

// output writes the document, drawn uncompressed, with its streams
// deflated by packPDF.
func (d *pdfDoc) output(w io.Writer) error {
	doc, err := d.f.Bytes() // fpdf's buffer, not a copy (docs/fpdf.md)
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := packPDF(w, doc); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// drawPDF draws the public report of year, ready to be written.
func drawPDF(ctx context.Context, in Input, year int, an *pdfAnalysis) (*pdfDoc, error) {
	data, err := readPDFData(in, year, an)
	if err != nil {
		return nil, fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
	}
	d := newPDFDoc(ctx, in.Lang, year, in.fontCache())
	d.in, d.set, d.edition = in, in.settings(), in.Edition
	// The sections flow one after the other: each heading keeps its first
	// lines with it (keepNext), a table continues on the next page with
	// its caption marked « (suite) » and its header; only the cover and
	// the first section start a page of their own. The data-quality detail
	// (files, refusals, paths) is not here: it is the service's internal
	// report (quality.go, qualite-AAAA-AAAA.pdf); this report has the year's
	// summary.
	for _, section := range []func(){
		func() { d.coverSection(data) },
		func() { d.f.AddPage(); d.essentialSection(data) },
		func() { d.keyFiguresSection(data) },
		func() { d.nationalSection(data) },
		func() { d.tracksSection(data, in) },
		func() { d.academiesSection(data) },
		func() { d.institutionsSection(data) },
		func() { d.qualitySummarySection(data) },
		// Corrections since the year's latest edition (publish), if any.
		func() { d.revisionsSection(in.Revisions[year], in.Tracks, data.asOf) },
		func() { d.methodsSection(data) },
	} {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
		}
		section()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
	}
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
	}
	return d, nil
}

// PDFName is the file name of one year's report, the same in both languages.
func PDFName(year int) string { return "c2i2e-" + YearLabel(year) + ".pdf" }

// pdfOutputs are one report per academic year of the national table, in
// year order.
func pdfOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, errors.New("PDF reports: no tables to report on")
	}
	national, err := readNational(in.Tables.National)
	if err != nil {
		return nil, fmt.Errorf("PDF reports: %w", err)
	}
	// The analysis tables are built once, when the first report needs
	// them, for every year's report.
	var (
		once  sync.Once
		an    *pdfAnalysis
		anErr error
	)
	analysis := func() (*pdfAnalysis, error) {
		once.Do(func() {
			sc, err := in.smallCounts()
			if err != nil {
				anErr = err
				return
			}
			an, anErr = readAnalysis(in, sc)
		})
		return an, anErr
	}
	var outs []output
	for _, r := range national {
		year := r.Year
		outs = append(outs, output{name: PDFName(year), write: func(ctx context.Context, w io.Writer) error {
			an, err := analysis()
			if err != nil {
				return fmt.Errorf("PDF report %s: %w", YearLabel(year), err)
			}
			return writePDF(ctx, w, in, year, an)
		}, key: in.Reuse.yearKey(in, "public", PDFName(year), year), weight: r.Institutions})
	}
	return outs, nil
}

// fonts, when not nil, holds the fonts' definitions once a document has
// parsed them, for the other documents of the run (runShared.fonts).
func newPDFDoc(ctx context.Context, lang string, year int, fonts *fpdf.UTF8FontCache) *pdfDoc {
	if lang != "en" {
		lang = "fr"
	}
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{ctx: ctx, f: f, lang: lang, year: year, set: settings.Default()}
	f.SetUTF8FontCache(fonts)
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.AddUTF8FontFromBytes(fontFamily, "I", fontItalic)
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.AliasNbPages(nbAlias)
	// A fixed date derived from the year keeps the bytes reproducible: the
	// report describes that year, whenever it is printed.
	stamp := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true)
	// Compressed by output (packPDF), to the same bytes at less cost.
	f.SetCompression(false)
	// The document information a reader's viewer shows (and a search
	// engine indexes), in the report's language like its pages.
	yl := YearLabel(year)
	f.SetTitle(d.p("report.title")+" "+yl, true)
	f.SetAuthor(d.p("author"), true)
	f.SetSubject(fmt.Sprintf(d.p("pdf.subject"), yl), true)
	f.SetKeywords(fmt.Sprintf(d.p("pdf.keywords"), yl), true)
	f.SetCreator("c2isurvey", true)
	// A language with its region, as PDF/UA and screen readers expect: the
	// report is written for France, its English for a British reader.
	f.SetLang(texts.Lang(lang).Tag())
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	return d
}

// p returns the PDF text for key in the document's language.
func (d *pdfDoc) p(key string) string { return T(d.lang, key) }

// font, fill, draw and lineWidth set what the next text or shape is
// drawn with. fpdf writes the setting into the page at every call, even
// one that changes nothing: a table of 1,000 rows repeated its font twice
// a row (measured, then drawn), its fill colour for every cell and its
// rule's colour and width for every row, a fifth of a page's content
// (each font selection names the font by a 40-character hash). A call
// that would change nothing is not made: fpdf's current settings are
// those in force on the page, since it writes them again at the top of
// every page (AddPageFormat) and the report changes none of them inside a
// saved graphics state (q … Q) that would restore an older one.
func (d *pdfDoc) font(style string, size float64) {
	if pt, _ := d.f.GetFontSize(); pt == size && d.f.GetFontStyle() == style && strings.EqualFold(d.f.GetFontFamily(), fontFamily) {
		return
	}
	d.f.SetFont(fontFamily, style, size)
}

func (d *pdfDoc) fill(c rgb) {
	if r, g, b := d.f.GetFillColor(); r == c.r && g == c.g && b == c.b {
		return
	}
	d.f.SetFillColor(c.r, c.g, c.b)
}

func (d *pdfDoc) draw(c rgb) {
	if r, g, b := d.f.GetDrawColor(); r == c.r && g == c.g && b == c.b {
		return
	}
	d.f.SetDrawColor(c.r, c.g, c.b)
}

func (d *pdfDoc) lineWidth(w float64) {
	if d.f.GetLineWidth() == w {
		return
	}
	d.f.SetLineWidth(w)
}

func (d *pdfDoc) color(c rgb)            { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *pdfDoc) width(s string) float64 { return d.f.GetStringWidth(s) }

// header runs at the top of every page but the cover.
func (d *pdfDoc) header() { d.pageHeader(d.p("report.title")) }

// pageHeader draws the running header of every page but the cover: left
// names the document, the right side its year. The public report and the
// quality report share it so their pages look alike.
func (d *pdfDoc) pageHeader(left string) {
	if d.f.PageNo() == 1 {
		return
	}
	d.font("", 8)
	d.color(colMuted)
	d.f.SetXY(marginL, 10)
	d.f.CellFormat(contentW/2, 5, left, "", 0, "L", false, 0, "")
	d.f.CellFormat(contentW/2, 5, d.p("academic.year")+" "+YearLabel(d.year), "", 0, "R", false, 0, "")
	d.draw(colRule)
	d.lineWidth(0.2)
	d.f.Line(marginL, 15.5, pageW-marginR, 15.5)
	d.f.SetXY(marginL, marginT)
	d.color(colInk)
}

// footer runs at the bottom of every page, the cover included.
func (d *pdfDoc) footer() { d.pageFooter(d.p("report.title") + " " + YearLabel(d.year)) }

// pageFooter draws the running footer of every page, the cover included:
// a rule, left naming the document and the page number.
func (d *pdfDoc) pageFooter(left string) {
	y := pageH - 13
	d.draw(colRule)
	d.lineWidth(0.2)
	d.f.Line(marginL, y, pageW-marginR, y)
	d.font("", 8)
	d.color(colMuted)
	d.f.SetXY(marginL, y+1.5)
	d.f.CellFormat(contentW-30, 5, left, "", 0, "L", false, 0, "")
	// Left-aligned in a fixed slot: the page-count alias is wider than the
	// number it becomes, so right alignment would drift.
	label := fmt.Sprintf("page %d / %s", d.f.PageNo(), nbAlias)
	d.f.SetXY(pageW-marginR-22, y+1.5)
	d.f.CellFormat(22, 5, label, "", 0, "L", false, 0, "")
	d.color(colInk)
}

// outline adds an entry to the document outline (the viewer's bookmarks)
// pointing at the title of height h about to be drawn at the current
// position, on level 0 for a section and 1 for a part of one. The page
// break the title's cell would make is made first, with the same test, so
// that the entry points at the page the title lands on and nothing moves.
// The text is drawn text, so it is as safe as the page's: fpdf writes it
// as UTF-16 because the current font is a UTF-8 one, which must be set
// before the call.
func (d *pdfDoc) outline(text string, level int, h float64) {
	d.ensure(h)
	d.f.Bookmark(text, level, -1)
}

// heading starts a section: a title in the palette's colour and some air,
// and the section's entry in the outline. It goes to the next page unless
// keepNext millimetres of its content fit under it: a heading is never
// left alone at a page's foot.
func (d *pdfDoc) heading(text string) { d.headingKeep(text, keepNext) }

// headingKeep is heading keeping next millimetres under the title, for a
// section shorter than keepNext (a sentence).
func (d *pdfDoc) headingKeep(text string, next float64) {
	if d.f.GetY() > marginT+0.5 {
		d.f.Ln(2) // some air above, except at the top of a page
	}
	d.font("B", 15)
	d.outline(text, 0, 11+next)
	d.color(colTitle)
	d.f.SetX(marginL)
	d.f.CellFormat(contentW, 9, text, "", 1, "L", false, 0, "")
	d.f.Ln(2)
	d.color(colInk)
}

// subheading is a smaller title inside a section, with its entry one level
// down in the outline. Callers keep room for what follows (a table's begin
// or a chart's ensure); subheadingKeep keeps it here.
func (d *pdfDoc) subheading(text string) { d.subheadingKeep(text, 0) }

// subheadingKeep is subheading moving to the next page unless next
// millimetres fit under the title.
func (d *pdfDoc) subheadingKeep(text string, next float64) {
	d.font("B", 11.5)
	d.outline(text, 1, 8+next)
	d.subheadingText(text)
}

// subheadingText draws a subheading's title with no outline entry: a
// table's caption repeated on its continuation page is not a new part.
func (d *pdfDoc) subheadingText(text string) {
	d.font("B", 11.5)
	d.color(colTitle)
	d.f.SetX(marginL)
	d.f.CellFormat(contentW, 7, text, "", 1, "L", false, 0, "")
	d.f.Ln(1)
	d.color(colInk)
}

// paragraph writes wrapped text over the content width.
func (d *pdfDoc) paragraph(text string, size float64) {
	d.font("", size)
	d.color(colInk)
	lh := size * 0.5
	for _, line := range d.wrap(text, contentW) {
		if d.f.GetY()+lh > bottomLimit {
			d.f.AddPage()
		}
		d.f.SetX(marginL)
		d.f.CellFormat(contentW, lh, line, "", 1, "L", false, 0, "")
	}
	d.f.Ln(lh * 0.6)
}

// lines writes text wrapped over the content width from the left margin,
// h apart, without breaking the page: the covers place each block by hand.
func (d *pdfDoc) lines(text string, h float64) {
	for _, line := range d.wrap(text, contentW) {
		d.f.SetX(marginL)
		d.f.CellFormat(contentW, h, line, "", 1, "L", false, 0, "")
	}
}

// pdfMaxText is the longest input text a page shows, in characters: an
// institution name or a refusal message in full, and a bound on what a
// hostile file can make the layout do. The data keeps the full value.
const pdfMaxText = 500

// maxCellLines bounds the lines of one table cell, so that a row always
// fits on a page, whatever the width of its narrowest column.
const maxCellLines = 20

// pdfMark stands for a character the embedded font cannot draw: the font
// has no U+FFFD, and a glyph it lacks would print as a blank box, or, above
// U+FFFF, make fpdf panic.
const pdfMark = '?'

// pdfShow returns an input text (an institution name, a track label, a
// file or sheet name, a refusal) as the PDF can draw it: see textsafe.Show.
//
// A text of printable ASCII no longer than pdfMaxText is returned as it is
// without the walk: Show would return it unchanged (it is composed, holds
// no control, and the font draws every printable ASCII character,
// TestPDFShowASCII), and most table cells (codes, file names, small
// counts) are such texts.
func pdfShow(s string) string {
	if len(s) <= pdfMaxText && textsafe.PrintableASCII(s) {
		return s
	}
	return textsafe.Show(s, pdfShowOptions())
}

// pdfShowOptions are textsafe's options for the PDF: texts composed, cut
// at pdfMaxText, what the font cannot draw marked.
func pdfShowOptions() textsafe.Options {
	return textsafe.Options{Max: pdfMaxText, Drawable: fontCovers, Mark: pdfMark, NFC: true}
}

// fontCovers reports whether every style of the embedded font has a glyph
// for r.
func fontCovers(r rune) bool { return unicode.Is(fontCoverage, r) }

// wrap splits text into lines no wider than w with the current font. Only
// ordinary spaces break a line: fpdf's SplitText also breaks at no-break
// spaces, which would strand "%" or a digit group at the start of a line. A
// word wider than w (a long file path) is cut where it must be.
//
// Widths are sums of glyph widths in font units, kept as the text is
// walked, so that wrapping costs time linear in the text's length (measuring
// each longer candidate line again made it quadratic: 40 s for a million
// characters). fpdf measures a string the same way, as an integer sum scaled
// once, so the lines are those it would measure.
func (d *pdfDoc) wrap(text string, w float64) []string {
	_, size := d.f.GetFontSize()
	fits := func(units int) bool { return float64(units)*size/1000 <= w }
	// Most texts (a table cell) fit on one line: measured whole, the sum
	// of the words and spaces the walk below would make, they are that
	// line. Not a text starting with a space, which the walk drops.
	if !strings.HasPrefix(text, " ") && !strings.Contains(text, "\n") && fits(d.f.GetStringSymbolWidth(text)) {
		return []string{text}
	}
	space := d.f.GetStringSymbolWidth(" ")
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		// The line being filled is para[start:end], units wide.
		start, end, units := 0, 0, 0
		pos := 0
		for word := range strings.SplitSeq(para, " ") {
			ws, we := pos, pos+len(word)
			pos = we + 1
			wu := d.f.GetStringSymbolWidth(word)
			cand, candStart := wu, ws
			if end > start {
				cand, candStart = units+space+wu, start
			}
			if fits(cand) {
				start, end, units = candStart, we, cand
				continue
			}
			if end > start {
				lines = append(lines, para[start:end])
			}
			start, end, units = ws, we, wu
			// A word wider than the line: its longest prefix that fits,
			// whole runes and at least one, goes on a line of its own.
			for !fits(units) {
				cut, cutUnits := start, 0
				for i, r := range para[start:end] {
					ru := d.runeUnits(r)
					if cut > start && !fits(cutUnits+ru) {
						break
					}
					cut, cutUnits = start+i+utf8.RuneLen(r), cutUnits+ru
				}
				lines = append(lines, para[start:cut])
				start, units = cut, units-cutUnits
			}
		}
		lines = append(lines, para[start:end])
	}
	return lines
}

// runeUnits is the width of one rune in font units, as fpdf sums it.
func (d *pdfDoc) runeUnits(r rune) int {
	var buf [utf8.UTFMax]byte
	return d.f.GetStringSymbolWidth(string(utf8.AppendRune(buf[:0], r)))
}

// wrapMax wraps text as wrap does, in at most n lines: when there are more,
// the last one kept ends with an ellipsis.
func (d *pdfDoc) wrapMax(text string, w float64, n int) []string {
	return d.clip(d.wrap(text, w), w, n)
}

// clip keeps the first n of lines wrapped to width w; when there are more,
// the last one kept is shortened to end with an ellipsis within w.
func (d *pdfDoc) clip(lines []string, w float64, n int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	_, size := d.f.GetFontSize()
	last := lines[n-1]
	units := d.f.GetStringSymbolWidth(last) + d.f.GetStringSymbolWidth(textsafe.Ellipsis)
	for last != "" && float64(units)*size/1000 > w {
		r, sz := utf8.DecodeLastRuneInString(last)
		last, units = last[:len(last)-sz], units-d.runeUnits(r)
	}
	lines[n-1] = last + textsafe.Ellipsis
	return lines
}

// ensure moves to a new page unless h millimetres are left above the bottom
// margin, and reports whether it did.
func (d *pdfDoc) ensure(h float64) bool {
	if d.f.GetY()+h <= bottomLimit {
		return false
	}
	d.f.AddPage()
	return true
}
