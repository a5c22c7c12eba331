// Package svgchart draws bar and line charts as SVG on the server, for web
// pages that must fetch nothing at run time (no chart library, no script).
// The colours are those of the PDF report; each chart is an accessible image
// (role="img", <title>, <desc>, a <title> on every bar and point giving its
// series, category and value); the same chart gives the same bytes.
package svgchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

// Unit says what the values are and how they are written.
type Unit int

const (
	// Count values are whole numbers of people: "1 234" ("1,234").
	Count Unit = iota
	// Rate values are fractions shown as percentages: 0.646 is "64,6 %"
	// ("64.6%"); the axis runs from 0 to 100 %.
	Rate
)

// Chart is what to draw.
type Chart struct {
	// ID prefixes the ids inside the SVG (its title, description and fill
	// patterns), which must be unique within the page that holds several
	// charts; "chart" when empty. Letters, digits, '-' and '_' only.
	ID string
	// Title is the chart's title, drawn on top and its accessible name.
	Title string
	// Desc is the accessible description; when empty, one is written
	// from the axis titles, the categories and the series.
	Desc           string
	XTitle, YTitle string
	Categories     []string
	Series         []Series
	Unit           Unit
	Lang           string // "fr" (default) or "en": numbers and default texts
	// Width and Height in pixels; 720 × 400 when zero.
	Width, Height int
	// FragileNote is the legend of the mark on fragile values (hatched
	// bars, hollow points), shown when one value is fragile; a default in
	// Lang when empty.
	FragileNote string
}

// Series is one named row of values, one per category.
type Series struct {
	Name string
	// Values has one value per category; NaN is a missing value (no bar,
	// a gap in the line).
	Values []float64
	// Fragile marks the values that rest on too few people to be read
	// without care; nil when none is, else one flag per category.
	Fragile []bool
}

// The palette: the PDF report's ink, rules and its two data colours first
// (report/pdf.go: colBar, colLine), then colours told apart from them and
// from each other by people with the common colour-vision deficiencies.
const (
	colInk   = "#212121"
	colMuted = "#696969"
	colTitle = "#003366"
	colRule  = "#bebebe"
)

var palette = [...]string{"#366092", "#d6601e", "#6a9e3f", "#8e5a9b", "#9c7a3c", "#5b9bd5", "#7f7f7f", "#003366"}

// color returns the colour of series i.
func color(i int) string { return palette[i%len(palette)] }

// Bars draws c as grouped bars: one group per category, one bar per series.
func Bars(w io.Writer, c Chart) error { return draw(w, c, false) }

// Lines draws c as lines: one line per series across the categories, a
// point on each value.
func Lines(w io.Writer, c Chart) error { return draw(w, c, true) }

// Layout, in pixels.
const (
	fontSize   = 12.0
	titleSize  = 15.0
	charWidth  = 0.6 // average glyph width of a sans-serif font, in font sizes
	marginSide = 12.0
	swatch     = 12.0
	maxLabel   = 28 // characters of a category label drawn; the full text is in its <title>
)

func draw(w io.Writer, c Chart, lines bool) error {
	if err := c.check(); err != nil {
		return err
	}
	var b bytes.Buffer
	d := &drawing{c: c, b: &b, lines: lines}
	d.layout()
	d.svg()
	_, err := b.WriteTo(w)
	if err != nil {
		return fmt.Errorf("svg chart %q: %w", c.Title, err)
	}
	return nil
}

func (c *Chart) check() error {
	if len(c.Categories) == 0 {
		return fmt.Errorf("svg chart %q: no category", c.Title)
	}
	if c.ID == "" {
		c.ID = "chart"
	}
	for _, r := range c.ID {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("svg chart %q: id %q: letters, digits, '-' and '_' only", c.Title, c.ID)
		}
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return fmt.Errorf("svg chart %q: series %q has %d values for %d categories", c.Title, s.Name, len(s.Values), len(c.Categories))
		}
		if s.Fragile != nil && len(s.Fragile) != len(c.Categories) {
			return fmt.Errorf("svg chart %q: series %q has %d fragile flags for %d categories", c.Title, s.Name, len(s.Fragile), len(c.Categories))
		}
		for _, v := range s.Values {
			if math.IsInf(v, 0) {
				return fmt.Errorf("svg chart %q: series %q: %w", c.Title, s.Name, errInfinite)
			}
		}
	}
	if c.Width <= 0 {
		c.Width = 720
	}
	if c.Height <= 0 {
		c.Height = 400
	}
	if c.Lang != "en" {
		c.Lang = "fr"
	}
	return nil
}

var errInfinite = errors.New("an infinite value (use NaN for a missing one)")

// drawing is one chart being drawn.
type drawing struct {
	c     Chart
	b     *bytes.Buffer
	lines bool

	// Plot area, scale and the rows below it.
	x0, x1, y0, y1 float64
	lo, hi, step   float64
	rotate         bool    // category labels drawn slanted
	labelsH        float64 // height of the category labels
	legend         []legendItem
	legendTop      float64
	fragile        bool // some value is fragile
}

type legendItem struct {
	x, y    float64
	text    string
	series  int // -1 for the fragile mark
	fragile bool
}

// textWidth estimates the width of s drawn at size.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * charWidth
}

// clean is a text from the data as a chart shows it: no control character
// (XML cannot hold most), no bidi override; long ones cut (textsafe.Show).
func clean(s string, max int) string {
	return textsafe.Show(s, textsafe.Options{Max: max, NFC: true})
}

func (d *drawing) layout() {
	c := &d.c
	W, H := float64(c.Width), float64(c.Height)

	// Scale: from 0 (or the lowest value, when negative) to the highest,
	// on round steps; a rate axis runs from 0 to 100 %, and beyond when
	// a value does.
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			if s.Fragile != nil && s.Fragile[i] {
				d.fragile = true
			}
		}
	}
	if c.Unit == Rate {
		hi = math.Max(hi, 1)
	}
	if hi == lo {
		hi = lo + 1
	}
	d.step = niceStep(hi-lo, 5, c.Unit)
	d.lo = d.step * math.Floor(lo/d.step)
	d.hi = d.step * math.Ceil(hi/d.step)

	// Legend: one item per series, then the fragile mark, in rows.
	items := make([]legendItem, 0, len(c.Series)+1)
	for i, s := range c.Series {
		items = append(items, legendItem{text: clean(s.Name, 40), series: i})
	}
	if d.fragile {
		note := c.FragileNote
		if note == "" {
			note = texts.Lang(c.Lang).T("svg.fragile")
		}
		items = append(items, legendItem{text: clean(note, 80), series: -1, fragile: true})
	}
	rows := 0
	x := marginSide
	for i := range items {
		wd := swatch + 6 + textWidth(items[i].text, fontSize) + 18
		if x+wd > W-marginSide && x > marginSide {
			rows++
			x = marginSide
		}
		items[i].x, items[i].y = x, float64(rows)
		x += wd
	}
	if len(items) > 0 {
		rows++
	}
	legendH := float64(rows) * 20

	// Left: the scale's labels and the y-axis title.
	labelW := 0.0
	for v := d.lo; v <= d.hi+d.step/2; v += d.step {
		labelW = math.Max(labelW, textWidth(d.format(v), fontSize))
	}
	d.x0 = marginSide + labelW + 8
	if c.YTitle != "" {
		d.x0 += fontSize + 8
	}
	d.x1 = W - marginSide - 8

	// Bottom: category labels, slanted when they do not fit their slot.
	slot := (d.x1 - d.x0) / float64(len(c.Categories))
	longest := 0.0
	for _, cat := range c.Categories {
		longest = math.Max(longest, textWidth(clean(cat, maxLabel), fontSize))
	}
	d.labelsH = fontSize + 8
	if longest > slot-4 {
		d.rotate = true
		// Slanted at 40°: the height a label takes below the axis.
		d.labelsH = longest*math.Sin(40*math.Pi/180) + fontSize + 6
	}
	xTitleH := 0.0
	if c.XTitle != "" {
		xTitleH = fontSize + 8
	}
	d.y0 = 12
	if c.Title != "" {
		d.y0 += titleSize + 12
	}
	d.y1 = H - 10 - legendH - xTitleH - d.labelsH
	if d.y1 < d.y0+40 {
		// Too small a height for the labels asked: the plot keeps 40
		// pixels and the picture grows.
		d.c.Height += int(math.Ceil(d.y0 + 40 - d.y1))
		d.y1 = d.y0 + 40
	}
	d.legendTop = d.y1 + d.labelsH + xTitleH + 6
	for i := range items {
		items[i].y = d.legendTop + items[i].y*20
	}
	d.legend = items
}

// niceStep returns a round step (1, 2, 2.5 or 5 times a power of ten) that
// divides span into about n intervals; a whole number for counts.
func niceStep(span float64, n int, u Unit) float64 {
	raw := span / float64(n)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * pow
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	if u == Count {
		step = math.Max(1, math.Round(step))
	}
	return step
}

// format writes a value as the reports do (texts.Lang's Int and Percent).
func (d *drawing) format(v float64) string {
	if d.c.Unit == Rate {
		decimals := 0
		if d.step < 0.01 {
			decimals = 1
		}
		return texts.Lang(d.c.Lang).Percent(v, decimals)
	}
	if v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return texts.Lang(d.c.Lang).Int(int64(v))
}

// valueText is a value as its <title> says it.
func (d *drawing) valueText(v float64) string {
	if d.c.Unit == Rate {
		return texts.Lang(d.c.Lang).Percent(v, 1)
	}
	return d.format(v)
}

func (d *drawing) yOf(v float64) float64 {
	return d.y1 - (v-d.lo)/(d.hi-d.lo)*(d.y1-d.y0)
}

func (d *drawing) slot() float64 { return (d.x1 - d.x0) / float64(len(d.c.Categories)) }

// num writes a coordinate: two decimals at most, no trailing zeros, so that
// the bytes depend on the value only.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes a text for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (d *drawing) p(format string, args ...any) { fmt.Fprintf(d.b, format, args...) }

func (d *drawing) svg() {
	c := &d.c
	id := c.ID
	desc := c.Desc
	if desc == "" {
		desc = d.describe()
	}
	d.p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif" font-size="%s">`+"\n",
		c.Width, c.Height, c.Width, c.Height, id, id, num(fontSize))
	d.p(`<title id="%s-title">%s</title>`+"\n", id, esc(clean(c.Title, 300)))
	d.p(`<desc id="%s-desc">%s</desc>`+"\n", id, esc(clean(desc, 4000)))
	if d.fragile && !d.lines {
		d.p("<defs>\n")
		for i := range c.Series {
			// Hatched: the series' colour, light, crossed by its stripes.
			d.p(`<pattern id="%s-hatch-%d" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s" fill-opacity="0.3"/><rect width="2.5" height="6" fill="%s"/></pattern>`+"\n",
				id, i, color(i), color(i))
		}
		d.p("</defs>\n")
	}
	d.p(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	if c.Title != "" {
		d.p(`<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s">%s</text>`+"\n",
			num(marginSide), num(12+titleSize), num(titleSize), colTitle, esc(clean(c.Title, 120)))
	}
	d.axes()
	if d.lines {
		d.drawLines()
	} else {
		d.drawBars()
	}
	d.drawLegend()
	d.p("</svg>\n")
}

// describe writes the accessible description when none is given.
func (d *drawing) describe() string {
	c := &d.c
	l := texts.Lang(c.Lang)
	s := l.T("svg.bars")
	if d.lines {
		s = l.T("svg.lines")
	}
	if c.YTitle != "" {
		s += " " + l.F("svg.of", c.YTitle)
	}
	if c.XTitle != "" {
		s += " " + l.F("svg.by", c.XTitle)
	}
	var names []string
	for _, se := range c.Series {
		names = append(names, se.Name)
	}
	span := c.Categories[0]
	if n := len(c.Categories); n > 1 {
		span += " → " + c.Categories[n-1]
	}
	return l.F("svg.desc", s, strings.Join(names, ", "), span)
}

func (d *drawing) axes() {
	c := &d.c
	d.p(`<g class="grid" stroke="%s" stroke-width="1">`+"\n", colRule)
	for v := d.lo; v <= d.hi+d.step/2; v += d.step {
		y := d.yOf(v)
		d.p(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(d.x0), num(y), num(d.x1), num(y))
	}
	d.p("</g>\n")
	d.p(`<g class="y-labels" fill="%s" text-anchor="end">`+"\n", colMuted)
	for v := d.lo; v <= d.hi+d.step/2; v += d.step {
		d.p(`<text x="%s" y="%s">%s</text>`+"\n", num(d.x0-6), num(d.yOf(v)+fontSize*0.35), esc(d.format(v)))
	}
	d.p("</g>\n")
	// The zero line, darker when the scale goes below it.
	d.p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`+"\n", num(d.x0), num(d.yOf(0)), num(d.x1), num(d.yOf(0)), colInk)
	slot := d.slot()
	d.p(`<g class="x-labels" fill="%s">`+"\n", colInk)
	for i, cat := range c.Categories {
		x := d.x0 + slot*(float64(i)+0.5)
		y := d.y1 + fontSize + 4
		label := esc(clean(cat, maxLabel))
		if d.rotate {
			d.p(`<text x="%s" y="%s" text-anchor="end" transform="rotate(-40 %s %s)">%s<title>%s</title></text>`+"\n",
				num(x), num(y), num(x), num(y), label, esc(clean(cat, 300)))
		} else {
			d.p(`<text x="%s" y="%s" text-anchor="middle">%s<title>%s</title></text>`+"\n", num(x), num(y), label, esc(clean(cat, 300)))
		}
	}
	d.p("</g>\n")
	if c.XTitle != "" {
		d.p(`<text class="x-title" x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`+"\n",
			num((d.x0+d.x1)/2), num(d.y1+d.labelsH+fontSize+2), colMuted, esc(clean(c.XTitle, 120)))
	}
	if c.YTitle != "" {
		x, y := marginSide+fontSize, (d.y0+d.y1)/2
		d.p(`<text class="y-title" x="%s" y="%s" text-anchor="middle" transform="rotate(-90 %s %s)" fill="%s">%s</text>`+"\n",
			num(x), num(y), num(x), num(y), colMuted, esc(clean(c.YTitle, 120)))
	}
}

// pointTitle is what a bar's or a point's <title> says.
func (d *drawing) pointTitle(s Series, i int) string {
	l := texts.Lang(d.c.Lang)
	t := l.F("svg.point", clean(s.Name, 200)+" — "+clean(d.c.Categories[i], 200), d.valueText(s.Values[i]))
	if s.Fragile != nil && s.Fragile[i] {
		t = l.F("svg.point.fragile", t)
	}
	return t
}

func (d *drawing) drawBars() {
	c := &d.c
	slot := d.slot()
	n := max(1, len(c.Series))
	group := slot * 0.8
	bw := group / float64(n)
	zero := d.yOf(0)
	for si, s := range c.Series {
		d.p(`<g class="series" data-series="%d" fill="%s">`+"\n", si, color(si))
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			x := d.x0 + slot*float64(i) + (slot-group)/2 + bw*float64(si)
			y := d.yOf(v)
			top, h := math.Min(y, zero), math.Abs(zero-y)
			fill, class := "", "bar"
			if s.Fragile != nil && s.Fragile[i] {
				fill = fmt.Sprintf(` fill="url(#%s-hatch-%d)" stroke="%s"`, c.ID, si, color(si))
				class = "bar fragile"
			}
			d.p(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"%s><title>%s</title></rect>`+"\n",
				class, num(x+0.5), num(top), num(math.Max(bw-1, 1)), num(h), fill, esc(d.pointTitle(s, i)))
		}
		d.p("</g>\n")
	}
}

func (d *drawing) drawLines() {
	c := &d.c
	slot := d.slot()
	for si, s := range c.Series {
		col := color(si)
		// The line, broken where a value is missing.
		var path strings.Builder
		pen := false
		for i, v := range s.Values {
			if math.IsNaN(v) {
				pen = false
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&path, "%s%s %s ", cmd, num(d.x0+slot*(float64(i)+0.5)), num(d.yOf(v)))
			pen = true
		}
		d.p(`<g class="series" data-series="%d">`+"\n", si)
		if p := strings.TrimSpace(path.String()); p != "" {
			d.p(`<path class="line" d="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", p, col, dash(si))
		}
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			fill, class := col, "point"
			if s.Fragile != nil && s.Fragile[i] {
				fill, class = "#ffffff", "point fragile"
			}
			d.p(`<circle class="%s" cx="%s" cy="%s" r="4" fill="%s" stroke="%s" stroke-width="2"><title>%s</title></circle>`+"\n",
				class, num(d.x0+slot*(float64(i)+0.5)), num(d.yOf(v)), fill, col, esc(d.pointTitle(s, i)))
		}
		d.p("</g>\n")
	}
}

// dash tells the lines apart without their colours: solid, dashed, dotted.
func dash(i int) string {
	switch i % 3 {
	case 1:
		return ` stroke-dasharray="6 3"`
	case 2:
		return ` stroke-dasharray="2 3"`
	}
	return ""
}

func (d *drawing) drawLegend() {
	if len(d.legend) == 0 {
		return
	}
	d.p(`<g class="legend" fill="%s">`+"\n", colInk)
	for _, it := range d.legend {
		y := it.y
		switch {
		case it.fragile && d.lines:
			d.p(`<circle cx="%s" cy="%s" r="4" fill="#ffffff" stroke="%s" stroke-width="2"/>`+"\n", num(it.x+swatch/2), num(y+swatch/2), colMuted)
		case it.fragile:
			d.p(`<rect x="%s" y="%s" width="%s" height="%s" fill="url(#%s-hatch-0)" stroke="%s"/>`+"\n", num(it.x), num(y), num(swatch), num(swatch), d.c.ID, color(0))
		case d.lines:
			d.p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", num(it.x-2), num(y+swatch/2), num(it.x+swatch+2), num(y+swatch/2), color(it.series), dash(it.series))
		default:
			d.p(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(it.x), num(y), num(swatch), num(swatch), color(it.series))
		}
		d.p(`<text x="%s" y="%s">%s</text>`+"\n", num(it.x+swatch+6), num(y+swatch-1), esc(it.text))
	}
	d.p("</g>\n")
}
