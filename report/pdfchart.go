package report

import (
	"math"
)

// niceStep returns a round tick step (1, 2, 2.5 or 5 times a power of ten)
// that divides [0, max] into about n intervals.
func niceStep(max float64, n int) float64 {
	if max <= 0 || n <= 0 {
		return 1
	}
	raw := max / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= raw {
			// Counts are integers: a step below 1 would label 0.5 students.
			return math.Max(1, m*pow)
		}
	}
	return 10 * pow
}

// yearChart draws certificates by year as bars on the left scale and the
// success rate as a line on the right scale (0–100 %), with axes, values and
// a legend, in a box of contentW × h starting at top.
func (d *pdfDoc) yearChart(years []nationalRow, top, h float64) {
	f := d.f
	d.charts++
	if len(years) == 0 {
		return
	}
	const legendH = 10.0
	d.font("", 7)
	maxCerts := 0.0
	for _, r := range years {
		maxCerts = math.Max(maxCerts, float64(r.Certs))
	}
	step := niceStep(maxCerts, 5)
	axisMax := step * math.Max(1, math.Ceil(maxCerts/step))
	// Leave head room above the tallest bar for its value and the line's.
	if maxCerts > axisMax*0.9 {
		axisMax += step
	}

	leftW := math.Max(d.width(FormatInt(int64(axisMax), d.lang))+3, 12)
	x0 := marginL + leftW
	x1 := pageW - marginR - 12
	y0 := top + 3
	slot := (x1 - x0) / float64(len(years))
	xLabelW := d.width(YearLabel(years[0].Year))
	rotate := xLabelW > slot-1.5
	xLabelsH := 6.0
	if rotate {
		xLabelsH = xLabelW + 3
	}
	y1 := top + h - legendH - xLabelsH
	plotH := y1 - y0
	yOf := func(v float64) float64 { return y1 - v/axisMax*plotH }

	// Grid and left axis.
	f.SetLineWidth(0.15)
	d.draw(colRule)
	d.color(colMuted)
	for v := 0.0; v <= axisMax+step/2; v += step {
		y := yOf(v)
		f.Line(x0, y, x1, y)
		label := FormatInt(int64(v), d.lang)
		f.SetXY(x0-leftW, y-2)
		f.CellFormat(leftW-1.5, 4, label, "", 0, "R", false, 0, "")
	}
	// Right axis: 0 to 100 %.
	d.color(colLine)
	for p := 0; p <= 100; p += 20 {
		y := y1 - float64(p)/100*plotH
		d.draw(colLine)
		f.Line(x1, y, x1+1.2, y)
		f.SetXY(x1+1.5, y-2)
		f.CellFormat(10, 4, FormatPercent(float64(p)/100, 0, d.lang), "", 0, "L", false, 0, "")
	}
	d.draw(colInk)
	f.SetLineWidth(0.3)
	f.Line(x0, y1, x1, y1)
	d.draw(colLine)
	f.Line(x1, y0, x1, y1)

	// Bars with their values; valueBox keeps where each value was written
	// so that the rate labels can avoid it.
	type box struct{ top, bottom float64 }
	valueBox := make([]box, len(years))
	// A few years must not make bars a hand wide.
	barW := math.Min(slot*0.62, 22)
	for i, r := range years {
		cx := x0 + slot*(float64(i)+0.5)
		y := yOf(float64(r.Certs))
		d.fill(colBar)
		if r.Certs > 0 {
			f.Rect(cx-barW/2, y, barW, y1-y, "F")
		}
		label := FormatInt(r.Certs, d.lang)
		d.font("", 7)
		lw := d.width(label)
		switch {
		case lw <= barW-1 && y1-y > 6:
			// Inside the top of the bar, in white.
			f.SetTextColor(255, 255, 255)
			f.SetXY(cx-barW/2, y+0.8)
			f.CellFormat(barW, 3.5, label, "", 0, "C", false, 0, "")
			valueBox[i] = box{y, y + 4.5}
		case lw <= slot-0.5:
			d.color(colBar)
			f.SetXY(cx-slot/2, y-4)
			f.CellFormat(slot, 3.5, label, "", 0, "C", false, 0, "")
			valueBox[i] = box{y - 4.2, y}
		default:
			// Too narrow for a horizontal value: write it up the bar.
			f.SetTextColor(255, 255, 255)
			f.TransformBegin()
			f.TransformRotate(90, cx+1.2, y1-1)
			f.Text(cx+1.2, y1-1, label)
			f.TransformEnd()
		}
		// Year under the bar.
		d.color(colInk)
		if rotate {
			f.TransformBegin()
			lx := cx + 1.2
			ly := y1 + 1.5 + xLabelW
			f.TransformRotate(90, lx, ly)
			f.Text(lx, ly, YearLabel(r.Year))
			f.TransformEnd()
		} else {
			f.SetXY(cx-slot/2, y1+1)
			f.CellFormat(slot, 4, YearLabel(r.Year), "", 0, "C", false, 0, "")
		}
	}

	// The rate line; a year without a rate breaks it.
	d.draw(colLine)
	d.fill(colLine)
	f.SetLineWidth(0.6)
	prevX, prevY, have := 0.0, 0.0, false
	for i, r := range years {
		if math.IsNaN(r.Rate) {
			have = false
			continue
		}
		cx := x0 + slot*(float64(i)+0.5)
		y := y1 - r.Rate*plotH
		if have {
			f.Line(prevX, prevY, cx, y)
		}
		prevX, prevY, have = cx, y, true
	}
	d.font("B", 7)
	for i, r := range years {
		if math.IsNaN(r.Rate) {
			continue
		}
		cx := x0 + slot*(float64(i)+0.5)
		y := y1 - r.Rate*plotH
		d.fill(colLine)
		f.Circle(cx, y, 0.9, "F")
		label := FormatPercent(r.Rate, 1, d.lang)
		lw := d.width(label) + 1.2
		if lw > slot {
			// Too many years for a label each: they would overlap one
			// another; the national table above gives every rate.
			continue
		}
		// Above the point, unless the bar's value is there: then below it,
		// or failing that above the bar's value.
		const lh = 3.6
		// At a dip of the line the label goes below the point, elsewhere
		// above, so that it does not sit on the line itself.
		above, below := y-5.2, y+1.6
		if isDip(years, i) {
			above, below = below, above
		}
		vb := valueBox[i]
		overlaps := func(top float64) bool { return top < vb.bottom && top+lh > vb.top || top+lh > y1 }
		ly := above
		if overlaps(ly) {
			ly = below
			if overlaps(ly) {
				ly = vb.top - lh - 0.5
			}
		}
		// A white patch keeps the value readable over a bar or a line.
		f.SetFillColor(255, 255, 255)
		f.Rect(cx-lw/2, ly, lw, lh, "F")
		d.color(colLine)
		f.SetXY(cx-lw/2, ly)
		f.CellFormat(lw, lh, label, "", 0, "C", false, 0, "")
	}

	// Legend.
	ly := top + h - legendH + 4
	d.font("", 8)
	d.color(colInk)
	lx := x0
	d.fill(colBar)
	f.Rect(lx, ly-1.5, 4, 3, "F")
	f.SetXY(lx+5.5, ly-2)
	certs := d.p("pdf.chart.certs")
	f.CellFormat(d.width(certs)+1, 4, certs, "", 0, "L", false, 0, "")
	lx += 5.5 + d.width(certs) + 10
	d.draw(colLine)
	d.fill(colLine)
	f.SetLineWidth(0.6)
	f.Line(lx, ly, lx+6, ly)
	f.Circle(lx+3, ly, 0.9, "F")
	f.SetXY(lx+7.5, ly-2)
	f.CellFormat(80, 4, d.p("pdf.chart.rate"), "", 0, "L", false, 0, "")
	f.SetLineWidth(0.2)
	f.SetXY(marginL, top+h+2)
}

// isDip reports whether year i's rate is below those of both neighbours
// that have one (a first or last year compares with its only neighbour).
func isDip(years []nationalRow, i int) bool {
	r := years[i].Rate
	lower := 0
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(years) || math.IsNaN(years[j].Rate) {
			continue
		}
		if years[j].Rate <= r {
			return false
		}
		lower++
	}
	return lower > 0
}
