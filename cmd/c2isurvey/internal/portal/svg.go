package portal

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"

	"c2isurvey/report"
)

// palette: the PDF's colours, distinguishable in grey too by the markers.
var palette = [...]string{"#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a50021", "#7f7f7f"}

// rateChart draws the success rate of each key across the years as an SVG
// line chart, on the server: nothing to load in the browser, readable
// without JavaScript, printable. A point whose rate is fragile is hollow.
func rateChart(rows []compareRow, lang, title string) template.HTML {
	var years []int
	var keys []string
	labels := map[string]string{}
	for _, r := range rows {
		if !slices.Contains(years, r.Year) {
			years = append(years, r.Year)
		}
		if !slices.Contains(keys, r.Key) {
			keys = append(keys, r.Key)
			labels[r.Key] = r.Label
		}
	}
	slices.Sort(years)
	if len(years) == 0 {
		return ""
	}
	const (
		width, height            = 760, 360
		left, right, top, bottom = 56, 240, 36, 44
	)
	plotW, plotH := float64(width-left-right), float64(height-top-bottom)
	x := func(i int) float64 {
		if len(years) == 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(len(years)-1)
	}
	y := func(rate float64) float64 { return top + plotH*(1-rate) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-title">`, width, height)
	fmt.Fprintf(&b, `<title id="chart-title">%s</title>`, html.EscapeString(title))
	fmt.Fprintf(&b, `<text x="%d" y="20" class="chart-title">%s</text>`, left, html.EscapeString(title))
	for _, tick := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line x1="%d" x2="%.1f" y1="%.1f" y2="%.1f" class="grid"/>`, left, left+plotW, y(tick), y(tick))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" class="axis" text-anchor="end">%s</text>`, left-6, y(tick)+4, html.EscapeString(report.FormatPercent(tick, 0, lang)))
	}
	for i, yr := range years {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">%s</text>`, x(i), height-bottom+18, report.YearLabel(yr))
	}
	for k, key := range keys {
		colour := palette[k%len(palette)]
		var pts []string
		var marks strings.Builder
		for i, yr := range years {
			j := slices.IndexFunc(rows, func(r compareRow) bool { return r.Key == key && r.Year == yr })
			if j < 0 || math.IsNaN(rows[j].Rate) {
				if len(pts) > 1 {
					fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), colour)
				}
				pts = nil
				continue
			}
			px, py := x(i), y(rows[j].Rate)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
			fill := colour
			if rows[j].Fragile {
				fill = "#fff"
			}
			fmt.Fprintf(&marks, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="%s" stroke-width="2"><title>%s, %s : %s</title></circle>`,
				px, py, fill, colour, html.EscapeString(labels[key]), report.YearLabel(yr), html.EscapeString(report.FormatPercent(rows[j].Rate, 1, lang)))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), colour)
		}
		b.WriteString(marks.String())
		ly := top + 8 + 20*k
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="14" height="4" fill="%s"/>`, width-right+40, ly-4, colour)
		label := labels[key]
		if r := []rune(label); len(r) > 28 {
			label = string(r[:27]) + "…"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="legend">%s</text>`, width-right+60, ly+2, html.EscapeString(label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}
