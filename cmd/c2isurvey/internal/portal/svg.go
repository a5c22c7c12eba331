package portal

import (
	"bytes"
	"html/template"
	"math"
	"slices"

	"c2isurvey/ingest/texts"
	"c2isurvey/report"
	"c2isurvey/report/svgchart"
)

// rateChart draws the success rate of each key across the years as an SVG
// line chart (report/svgchart), on the server: nothing to load in the
// browser, readable without JavaScript, printable. A fragile rate is a
// hollow point.
func rateChart(rows []compareRow, lang, title string) (template.HTML, error) {
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
		return "", nil
	}
	c := svgchart.Chart{ID: "compare", Title: title, Unit: svgchart.Rate, Lang: lang, Width: 760, Height: 400,
		XTitle: texts.Lang(lang).T("portal.academic-year"), YTitle: texts.Lang(lang).T("portal.success-rate")}
	for _, y := range years {
		c.Categories = append(c.Categories, report.YearLabel(y))
	}
	for _, k := range keys {
		s := svgchart.Series{Name: labels[k], Values: make([]float64, len(years)), Fragile: make([]bool, len(years))}
		for i, y := range years {
			s.Values[i] = math.NaN()
			if j := slices.IndexFunc(rows, func(r compareRow) bool { return r.Key == k && r.Year == y }); j >= 0 {
				s.Values[i], s.Fragile[i] = rows[j].Rate, rows[j].Fragile
			}
		}
		c.Series = append(c.Series, s)
	}
	var b bytes.Buffer
	if err := svgchart.Lines(&b, c); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // svgchart escapes every text it writes
}
