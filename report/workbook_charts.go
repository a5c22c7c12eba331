package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Chart size in pixels, and the rows one chart covers at the default row
// height (20 px), so that the next chart starts below it.
const (
	chartWidth   = 760
	chartHeight  = 340
	chartRowSpan = 19
)

// latestBreakdown returns the first and last index, in the track table, of
// the latest year that has a breakdown by track (a track other than the
// "no breakdown" total), or ok false when no year has one. The table is
// sorted by year, so a year's rows are contiguous, which a chart's range
// needs.
func latestBreakdown(rows []tabTrack) (first, last int, ok bool) {
	year := 0
	for _, r := range rows {
		if r.track != noBreakdownTrack && r.year > year {
			year = r.year
		}
	}
	if year == 0 {
		return 0, 0, false
	}
	first, last = -1, -1
	for i, r := range rows {
		if r.year == year {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, true
}

// writeCharts draws native Excel charts from the ranges of the National and
// Parcours sheets (rows start under the header at tableTop): certificates by year
// (columns), success rate by year (line, 0–100 %), and certificates by track
// of the latest year with a breakdown (bars).
func (wb *workbook) writeCharts(sheet, nationalSheet, tracksSheet string, d *workbookData) error {
	if err := wb.writeHead(sheet, "title.charts", wb.yearScope()); err != nil {
		return err
	}
	n := len(d.national)
	if n == 0 {
		if err := wb.note(sheet, cellName(1, tableTop), wbT(wb.lang, "chart.nodata")); err != nil {
			return err
		}
		return wb.printSetup(sheet, false, 1, 0)
	}
	first, last := tableTop+1, tableTop+n
	years := absRange(nationalSheet, 1, first, 1, last)
	noLegend := excelize.ChartLegend{Position: "none"}
	zero, one := 0.0, 1.0
	yearAxis := wb.chartAxis(T(wb.lang, "academic.year"))
	charts := []*excelize.Chart{
		{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{
				Name: T(wb.lang, "certificates"), Categories: years,
				Values:    absRange(nationalSheet, 4, first, 4, last),
				Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colBar.hex()}},
				DataLabel: wb.chartDataLabel(),
			}},
			Title:     chartTitle(wbT(wb.lang, "chart.certs")),
			Legend:    noLegend,
			Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
			PlotArea:  valueLabels("#,##0"),
			XAxis:     yearAxis,
			YAxis:     wb.valueAxis(T(wb.lang, "certificates"), "#,##0"),
		},
		{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name: T(wb.lang, "success.rate"), Categories: years,
				Values: absRange(nationalSheet, 5, first, 5, last),
				Line:   excelize.LineOptions{Width: 2.25},
				// A line series takes its colour from its fill.
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colLine.hex()}},
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 6,
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colLine.hex()}}},
				DataLabel:         wb.chartDataLabel(),
				DataLabelPosition: excelize.ChartDataLabelsPositionAbove,
			}},
			Title:     chartTitle(wbT(wb.lang, "chart.rate")),
			Legend:    noLegend,
			Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
			PlotArea:  valueLabels("0.0%"),
			XAxis:     yearAxis,
			YAxis: func() excelize.ChartAxis {
				a := wb.valueAxis(T(wb.lang, "success.rate"), "0%")
				a.Minimum, a.Maximum, a.MajorUnit = &zero, &one, 0.2
				return a
			}(),
		},
	}
	if first, last, ok := latestBreakdown(d.tracks); ok {
		// Bars read top-down in the table's (dictionary) order.
		trackAxis := wb.chartAxis(T(wb.lang, "track"))
		trackAxis.ReverseOrder = true
		charts = append(charts, &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       T(wb.lang, "certificates"),
				Categories: absRange(tracksSheet, 2, tableTop+1+first, 2, tableTop+1+last),
				Values:     absRange(tracksSheet, 6, tableTop+1+first, 6, tableTop+1+last),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colBar.hex()}},
				DataLabel:  wb.chartDataLabel(),
			}},
			Title:     chartTitle(wbT(wb.lang, "chart.tracks") + YearLabel(d.tracks[first].year)),
			Legend:    noLegend,
			Dimension: excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
			PlotArea:  valueLabels("#,##0"),
			XAxis:     trackAxis,
			YAxis:     wb.valueAxis(T(wb.lang, "certificates"), "#,##0"),
		})
	}
	for i, c := range charts {
		if err := wb.f.AddChart(sheet, cellName(2, tableTop+i*chartRowSpan), c); err != nil {
			return fmt.Errorf("sheet %s: chart %d: %w", sheet, i+1, err)
		}
	}
	below := tableTop + len(charts)*chartRowSpan
	if len(charts) < 3 {
		if err := wb.note(sheet, cellName(2, below), wbT(wb.lang, "chart.notracks")); err != nil {
			return err
		}
		below++
	}
	// The notes also make the sheet's used range reach below the last
	// chart, which fitting the print to one page goes by.
	if err := wb.note(sheet, cellName(2, below+1), wbT(wb.lang, "chart.source")); err != nil {
		return err
	}
	if err := wb.note(sheet, cellName(2, below+2), wbT(wb.lang, "note.definitions")); err != nil {
		return err
	}
	// The charts print together on one page.
	return wb.printSetup(sheet, false, 1, 0)
}

func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 12, Color: colTitle.hex()}}}}
}

// hex is a colour of the PDF's palette as a workbook writes it, so that a
// chart has the same colours in both documents.
func (c rgb) hex() string {
	return fmt.Sprintf("%02X%02X%02X", c.r, c.g, c.b)
}

// chartAxis is an axis with a title, its labels in the PDF's ink colour:
// a spreadsheet's default labels are a pale grey that does not print.
func (wb *workbook) chartAxis(title string) excelize.ChartAxis {
	return excelize.ChartAxis{
		Font: excelize.Font{Color: colInk.hex(), Size: 9},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
			Text: title, Font: &excelize.Font{Bold: true, Size: 10, Color: colInk.hex()},
		}}},
	}
}

// valueAxis is the axis of a chart's values, with gridlines and a number
// format.
func (wb *workbook) valueAxis(title, numFmt string) excelize.ChartAxis {
	a := wb.chartAxis(title)
	a.MajorGridLines = true
	a.NumFmt = excelize.ChartNumFmt{CustomNumFmt: numFmt}
	return a
}

// chartDataLabel is the style of the values written on a chart's bars and
// points.
func (wb *workbook) chartDataLabel() excelize.ChartDataLabel {
	return excelize.ChartDataLabel{Font: excelize.Font{Color: colInk.hex(), Size: 9}}
}

// valueLabels shows each value on its bar or point, in the given number
// format: a reader of the printed page need not read it off the axis.
func valueLabels(numFmt string) excelize.ChartPlotArea {
	return excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: numFmt}}
}

// note writes an explanatory line in italics.
func (wb *workbook) note(sheet, cell, text string) error {
	if err := wb.f.SetCellStr(sheet, cell, text); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	if err := wb.f.SetCellStyle(sheet, cell, cell, wb.styleNote); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	return nil
}
