package report

// tableCol is one column of a drawn table.
type tableCol struct {
	head  string
	w     float64 // millimetres
	align string  // "L", "C" or "R"
}

// rowKind says how a row is set.
type rowKind int

const (
	rowPlain rowKind = iota
	rowSubtotal
	rowTotal
)

type tableRow struct {
	cells []string
	kind  rowKind
}

// pdfTable is a table drawn row by row: cells wrap inside their column, a row
// never splits across pages, and a row that does not fit starts a new page
// where the caption (marked as continued) and the column header are drawn
// again.
type pdfTable struct {
	d        *pdfDoc
	cols     []tableCol
	caption  string // shown with "(suite)" / "(continued)" on continuation pages
	size     float64
	zebra    bool
	rowIndex int
	// reserve is the height kept free under the next rows: set by keep
	// before the last row, so that the notes under the table stay on the
	// page of its last row instead of opening the next one alone.
	reserve float64
	// names marks the columns holding file names, wrapped after '-', '_',
	// '.', '/' and spaces rather than cut mid-word (wrapName).
	names []bool
	// groupLabel is the group the rows being drawn belong to, repeated
	// with « (suite) » at the top of a continuation page ("" for none).
	groupLabel string
}

// group starts a group of rows under a row naming it, kept with the row
// after it; "" ends the groups (the total row belongs to none).
func (t *pdfTable) group(label string) {
	t.groupLabel = label
	if label == "" {
		return
	}
	_, h := t.layout([]string{"x"}, "")
	// The group row and the first row under it move together.
	if t.d.f.GetY()+2*h+t.reserve > bottomLimit {
		t.d.f.AddPage()
		t.header(true)
	}
	t.drawGroup(label)
}

// drawGroup draws a group row across the table.
func (t *pdfTable) drawGroup(label string) {
	d := t.d
	total := 0.0
	for _, c := range t.cols {
		total += c.w
	}
	d.font("B", t.size)
	lines := d.wrapMax(pdfShow(label), total-2*cellPad, 3)
	h := float64(len(lines))*t.lineH() + 1.6
	y := d.f.GetY()
	d.fill(colTotalFill)
	d.f.Rect(marginL, y, total, h, "F")
	d.color(colTitle)
	for j, line := range lines {
		d.f.SetXY(marginL+cellPad, y+0.8+float64(j)*t.lineH())
		d.f.CellFormat(total-2*cellPad, t.lineH(), line, "", 0, "L", false, 0, "")
	}
	d.color(colInk)
	d.f.SetXY(marginL, y+h)
	t.rowIndex = 0
}

// keep makes the rows drawn from now on leave h millimetres under them on
// their page, or go to the next page.
func (t *pdfTable) keep(h float64) { t.reserve = h }

func (d *pdfDoc) newTable(caption string, size float64, cols []tableCol) *pdfTable {
	return &pdfTable{d: d, cols: cols, caption: caption, size: size, zebra: true}
}

func (t *pdfTable) lineH() float64 { return t.size * 0.45 }

const cellPad = 1.2 // horizontal padding inside a cell, millimetres

// layout wraps every cell and returns the lines and the row height. Every
// cell goes through pdfShow: a table is where input texts are drawn, and the
// report's own words pass unchanged.
func (t *pdfTable) layout(cells []string, style string) ([][]string, float64) {
	t.d.font(style, t.size)
	lines := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		text := ""
		if i < len(cells) {
			text = t.d.showCell(cells[i])
		}
		if i < len(t.names) && t.names[i] {
			lines[i] = t.d.wrapNameMax(text, c.w-2*cellPad, maxCellLines)
		} else {
			lines[i] = t.d.wrapMax(text, c.w-2*cellPad, maxCellLines)
		}
		n = max(n, len(lines[i]))
	}
	return lines, float64(n)*t.lineH() + 1.6
}

// header draws the caption, if any, and the column header; continued says
// whether this is a repeat on a new page.
func (t *pdfTable) header(continued bool) {
	d := t.d
	// The caller titles the table on its first page; a continuation page
	// says again what the table is.
	if continued && t.caption != "" {
		d.subheadingText(t.caption + " " + d.p("continued"))
	}
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = c.head
	}
	lines, h := t.layout(heads, "B")
	t.drawCells(lines, h, "B", colHeadFill, true)
	t.rowIndex = 0
}

// begin draws the table header, first moving to a new page unless the
// header and a few rows fit.
func (t *pdfTable) begin() {
	t.d.tables++
	_, h := t.layout([]string{}, "B")
	t.d.ensure(12 + 3*h)
	t.header(false)
}

// row draws one row, on a new page with the header repeated when it does
// not fit on this one.
func (t *pdfTable) row(r tableRow) {
	style := ""
	if r.kind != rowPlain {
		style = "B"
	}
	lines, h := t.layout(r.cells, style)
	if t.d.f.GetY()+h+t.reserve > bottomLimit {
		t.d.f.AddPage()
		t.header(true)
		if t.groupLabel != "" && r.kind == rowPlain {
			t.drawGroup(t.groupLabel + " " + t.d.p("continued"))
		}
		lines, h = t.layout(r.cells, style)
	}
	fill, filled := colZebra, t.zebra && t.rowIndex%2 == 1
	switch r.kind {
	case rowSubtotal:
		fill, filled = colTotalFill, true
	case rowTotal:
		fill, filled = colHeadFill, true
	}
	t.drawCells(lines, h, style, fill, filled)
	t.rowIndex++
}

func (t *pdfTable) drawCells(lines [][]string, h float64, style string, fill rgb, filled bool) {
	d := t.d
	f := d.f
	y := f.GetY()
	x := marginL
	d.font(style, t.size)
	d.color(colInk)
	for i, c := range t.cols {
		if filled {
			d.fill(fill)
			f.Rect(x, y, c.w, h, "F")
		}
		for j, line := range lines[i] {
			f.SetXY(x+cellPad, y+0.8+float64(j)*t.lineH())
			f.CellFormat(c.w-2*cellPad, t.lineH(), line, "", 0, c.align, false, 0, "")
		}
		x += c.w
	}
	d.draw(colRule)
	d.lineWidth(0.15)
	f.Line(marginL, y+h, x, y+h)
	f.SetXY(marginL, y+h)
}

// end leaves some air after the table.
func (t *pdfTable) end() { t.d.f.Ln(4) }

// endNotes draws the notes (source, reading) under the table instead of the
// air end leaves; keep should have kept their height under the last row.
func (t *pdfTable) endNotes(notes ...string) { t.d.notes(notes...) }
