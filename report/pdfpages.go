package report

import (
	"fmt"
	"math"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/tracks"
)

// coverPage draws page 1: title, year, certificate name and author line. It
// carries no date: the report describes the year, whenever it is printed.
func (d *pdfDoc) coverPage() {
	f := d.f
	f.AddPage()
	d.fill(colTitle)
	f.Rect(0, 0, pageW, 8, "F")
	d.fill(colBar)
	f.Rect(marginL, 95, 40, 1.5, "F")

	d.color(colTitle)
	d.font("B", 26)
	f.SetXY(marginL, 100)
	// The cover's entry points at the title; the font above makes fpdf
	// write it as UTF-16.
	f.Bookmark(d.p("outline.cover"), 0, -1)
	for _, line := range d.wrap(d.t("report.title"), contentW) {
		f.SetX(marginL)
		f.CellFormat(contentW, 12, line, "", 1, "L", false, 0, "")
	}
	f.Ln(3)
	d.font("B", 22)
	d.color(colBar)
	f.SetX(marginL)
	f.CellFormat(contentW, 11, YearLabel(d.year), "", 1, "L", false, 0, "")
	f.Ln(8)
	d.font("I", 13)
	d.color(colInk)
	for _, line := range d.wrap(d.t("certificate.name"), contentW) {
		f.SetX(marginL)
		f.CellFormat(contentW, 7, line, "", 1, "L", false, 0, "")
	}

	d.font("", 11)
	d.color(colMuted)
	f.SetXY(marginL, 245)
	f.CellFormat(contentW, 6, d.t("author"), "", 1, "L", false, 0, "")
	d.color(colInk)
}

// keyFiguresPage draws page 2: four figures with their change from the
// previous year present in the data.
func (d *pdfDoc) keyFiguresPage(data *pdfData) {
	f := d.f
	f.AddPage()
	d.heading(d.p("key.title"))
	cur, prev := data.current, data.previous
	if prev != nil {
		d.paragraph(fmt.Sprintf(d.p("key.intro"), YearLabel(cur.Year), YearLabel(prev.Year)), 10)
	} else {
		d.paragraph(fmt.Sprintf(d.p("key.intro.first"), YearLabel(cur.Year)), 10)
	}
	f.Ln(3)

	type card struct {
		label, value, change string
	}
	countChange := func(now, before int64) string {
		s := FormatSignedInt(now-before, d.lang)
		if before != 0 {
			s += " (" + FormatSignedPercent(float64(now-before)/float64(before), 1, d.lang) + ")"
		}
		return s
	}
	cards := []card{
		{d.t("institutions"), FormatInt(cur.Institutions, d.lang), ""},
		{d.t("students"), FormatInt(cur.Students, d.lang), ""},
		{d.t("certificates"), FormatInt(cur.Certs, d.lang), ""},
		{d.t("success.rate"), FormatPercent(cur.Rate, 1, d.lang), ""},
	}
	if prev != nil {
		cards[0].change = countChange(cur.Institutions, prev.Institutions)
		cards[1].change = countChange(cur.Students, prev.Students)
		cards[2].change = countChange(cur.Certs, prev.Certs)
		cards[3].change = FormatPoints(cur.Rate-prev.Rate, 1, d.lang)
	}

	const gap = 6.0
	w := (contentW - gap) / 2
	h := 44.0
	top := f.GetY()
	for i, c := range cards {
		x := marginL + float64(i%2)*(w+gap)
		y := top + float64(i/2)*(h+gap)
		d.fill(colHeadFill)
		f.Rect(x, y, w, h, "F")
		d.fill(colTitle)
		f.Rect(x, y, 1.5, h, "F")

		d.font("", 10.5)
		d.color(colMuted)
		f.SetXY(x+6, y+5)
		f.CellFormat(w-10, 6, c.label, "", 0, "L", false, 0, "")
		d.font("B", 24)
		d.color(colTitle)
		f.SetXY(x+6, y+13)
		f.CellFormat(w-10, 12, c.value, "", 0, "L", false, 0, "")
		d.font("", 10)
		d.color(colInk)
		f.SetXY(x+6, y+28)
		if prev != nil {
			d.font("B", 10.5)
			f.CellFormat(w-10, 5.5, c.change, "", 0, "L", false, 0, "")
			d.font("", 9)
			d.color(colMuted)
			f.SetXY(x+6, y+34)
			f.CellFormat(w-10, 5, fmt.Sprintf(d.p("key.vs"), YearLabel(prev.Year)), "", 0, "L", false, 0, "")
		} else {
			d.font("I", 10)
			d.color(colMuted)
			f.CellFormat(w-10, 5.5, d.p("key.first"), "", 0, "L", false, 0, "")
		}
	}
	f.SetXY(marginL, top+2*h+gap+6)
	d.font("I", 9)
	d.color(colMuted)
	for _, line := range d.wrap(d.p("key.rate.note"), contentW) {
		f.SetX(marginL)
		f.CellFormat(contentW, 4.5, line, "", 1, "L", false, 0, "")
	}
	d.color(colInk)
	scope := fmt.Sprintf(d.p("scope.year"), YearLabel(cur.Year))
	if prev != nil {
		scope = fmt.Sprintf(d.p("scope.key"), YearLabel(cur.Year), YearLabel(prev.Year))
	}
	d.notes(d.sourceText(data.asOf, scope))
}

// nationalPage draws the national table over every year up to the report's
// (years as columns, split into blocks when there are many), then the chart.
func (d *pdfDoc) nationalPage(data *pdfData) {
	f := d.f
	f.AddPage()
	d.heading(d.p("national.title"))
	d.subheading(d.p("national.table"))

	const labelW = 50.0
	const minColW = 17.0 // fits "2011-2012" in bold 8 pt
	perBlock := int(math.Floor((contentW - labelW) / minColW))
	years := data.national
	cur := data.current
	source := d.sourceText(data.asOf, fmt.Sprintf(d.p("scope.series"), YearLabel(years[0].Year), YearLabel(cur.Year)))
	reading := fmt.Sprintf(d.p("read.national"), YearLabel(cur.Year), FormatInt(cur.Certs, d.lang), FormatInt(cur.Students, d.lang), FormatPercent(cur.Rate, 1, d.lang))
	blocks := (len(years) + perBlock - 1) / perBlock
	// Balanced blocks read better than a full block and a stub.
	size := (len(years) + blocks - 1) / blocks
	for start := 0; start < len(years); start += size {
		chunk := years[start:min(start+size, len(years))]
		colW := min(24.0, (contentW-labelW)/float64(len(chunk)))
		cols := []tableCol{{"", labelW, "L"}}
		for _, r := range chunk {
			cols = append(cols, tableCol{YearLabel(r.Year), colW, "R"})
		}
		t := d.newTable(d.p("national.table"), 8.5, cols)
		t.begin()
		rows := []struct {
			key string
			val func(nationalRow) string
		}{
			{"institutions", func(r nationalRow) string { return FormatInt(r.Institutions, d.lang) }},
			{"students", func(r nationalRow) string { return FormatInt(r.Students, d.lang) }},
			{"certificates", func(r nationalRow) string { return FormatInt(r.Certs, d.lang) }},
			{"success.rate", func(r nationalRow) string { return FormatPercent(r.Rate, 1, d.lang) }},
		}
		last := start+size >= len(years)
		for i, row := range rows {
			cells := []string{d.t(row.key)}
			for _, r := range chunk {
				cells = append(cells, row.val(r))
			}
			if last && i == len(rows)-1 {
				t.keep(d.notesHeight(source, reading))
			}
			t.row(tableRow{cells: cells})
		}
		if last {
			t.endNotes(source, reading)
		} else {
			t.end()
		}
	}

	const chartH = 105.0
	chartReading := fmt.Sprintf(d.p("read.chart"), YearLabel(cur.Year), FormatInt(cur.Certs, d.lang), FormatPercent(cur.Rate, 1, d.lang))
	d.ensure(chartH + 12 + d.notesHeight(source, chartReading))
	d.subheading(d.p("chart.title"))
	d.yearChart(years, f.GetY()+2, chartH)
	d.notes(source, chartReading)
}

// groupLabel returns the label of a track group from the dictionary.
func groupLabel(dict *tracks.Dictionary, group, lang string) string {
	if dict != nil {
		for _, t := range dict.Tracks() {
			if t.Group == group {
				return t.GroupLabel(lang)
			}
		}
	}
	return group
}

// trackLabel returns a track's label from the dictionary, or its code.
func trackLabel(dict *tracks.Dictionary, code, lang string) string {
	if dict != nil {
		if t, ok := dict.ByCode(code); ok {
			return t.Label(lang)
		}
	}
	return code
}

// nonVentile is the code of the "no breakdown" track.
const nonVentile = "non-ventile"

// tracksPage draws the year's table by track, with group subtotals where a
// group has several tracks, and a chart of the shares of certificates.
func (d *pdfDoc) tracksPage(data *pdfData, in Input) {
	f := d.f
	f.AddPage()
	d.heading(d.p("tracks.title"))
	broken := false
	var unbroken *trackRow
	for i, t := range data.tracks {
		if t.Code == nonVentile {
			unbroken = &data.tracks[i]
		} else {
			broken = true
		}
	}
	if !broken {
		d.paragraph(fmt.Sprintf(d.p("tracks.none"), YearLabel(data.year)), 10.5)
		return
	}

	cols := []tableCol{
		{d.t("track"), 62, "L"},
		{d.t("students"), 26, "R"},
		{d.t("certificates"), 26, "R"},
		{d.t("share"), 28, "R"},
		{d.t("success.rate"), 28, "R"},
	}
	t := d.newTable(d.p("tracks.title"), 9, cols)
	t.begin()
	cells := func(label string, r trackRow) []string {
		return []string{label, FormatInt(r.Students, d.lang), FormatInt(r.Certs, d.lang),
			FormatPercent(r.Share, 1, d.lang), FormatPercent(r.Rate, 1, d.lang)}
	}
	for _, g := range data.groups {
		var members []trackRow
		for _, tr := range data.tracks {
			if tr.Group == g.Code {
				members = append(members, tr)
			}
		}
		if len(members) == 1 {
			t.row(tableRow{cells: cells(trackLabel(in.Tracks, members[0].Code, d.lang), members[0])})
			continue
		}
		for _, m := range members {
			// The indent (two em spaces' worth of no-break spaces) shows
			// the tracks belong to the subtotal below them.
			t.row(tableRow{cells: cells(NBSP+NBSP+NBSP+trackLabel(in.Tracks, m.Code, d.lang), m)})
		}
		label := fmt.Sprintf(d.p("tracks.subtotal"), groupLabel(in.Tracks, g.Code, d.lang))
		t.row(tableRow{cells: cells(label, g), kind: rowSubtotal})
	}
	cur := data.current
	share := math.NaN()
	if cur.Certs > 0 {
		share = 1
	}
	yl := YearLabel(data.year)
	scopeKey := "scope.tracks"
	if unbroken != nil {
		scopeKey = "scope.tracks.partial"
	}
	source := d.sourceText(data.asOf, fmt.Sprintf(d.p(scopeKey), yl))
	// The reading takes the track that delivered the most certificates
	// (the first in the dictionary's order on a tie), the one a reader
	// looks at first.
	top := topTrack(data.tracks)
	reading, chartReading := "", ""
	if top != nil {
		name := Quote(pdfShow(trackLabel(in.Tracks, top.Code, d.lang)), d.lang)
		reading = fmt.Sprintf(d.p("read.tracks"), yl, name, FormatInt(top.Students, d.lang), FormatInt(top.Certs, d.lang),
			FormatPercent(top.Share, 1, d.lang), FormatPercent(top.Rate, 1, d.lang))
		chartReading = fmt.Sprintf(d.p("read.tracks.chart"), yl, FormatPercent(top.Share, 1, d.lang), name)
	}
	t.keep(d.notesHeight(source, reading))
	t.row(tableRow{cells: cells(d.p("total.national"), trackRow{Students: cur.Students, Certs: cur.Certs, Share: share, Rate: cur.Rate}), kind: rowTotal})
	t.endNotes(source, reading)
	if unbroken != nil {
		d.paragraph(fmt.Sprintf(d.p("tracks.partial"), FormatInt(unbroken.Students, d.lang), FormatInt(unbroken.Certs, d.lang)), 9)
	}

	bars := make([]shareBar, 0, len(data.tracks))
	for _, tr := range data.tracks {
		bars = append(bars, shareBar{label: trackLabel(in.Tracks, tr.Code, d.lang), share: tr.Share})
	}
	chartSource := d.sourceText(data.asOf, fmt.Sprintf(d.p("scope.tracks.chart"), yl))
	h := 12 + float64(len(bars))*9
	d.ensure(h + 12 + d.notesHeight(chartSource, chartReading))
	d.subheading(d.p("tracks.chart"))
	d.shareChart(bars, f.GetY()+2)
	d.notes(chartSource, chartReading)
}

// topTrack is the track with the most certificates, the first on a tie;
// nil when no track delivered any.
func topTrack(rows []trackRow) *trackRow {
	var top *trackRow
	for i, r := range rows {
		if r.Code == nonVentile || r.Certs <= 0 {
			continue
		}
		if top == nil || r.Certs > top.Certs {
			top = &rows[i]
		}
	}
	return top
}

// institutionsPages draws the year's table by institution; it runs over as
// many pages as needed, the header repeated on each.
func (d *pdfDoc) institutionsPages(data *pdfData) {
	f := d.f
	f.AddPage()
	d.heading(d.p("inst.title"))
	if len(data.institutions) == 0 {
		d.paragraph(d.p("inst.none"), 10.5)
		return
	}
	d.paragraph(fmt.Sprintf(d.p("inst.intro"), FormatInt(int64(len(data.institutions)), d.lang), YearLabel(data.year)), 9.5)
	rows := data.institutions
	if len(rows) > pdfMaxInstitutions {
		rows = rows[:pdfMaxInstitutions]
		d.paragraph(fmt.Sprintf(d.p("inst.cut"), FormatInt(pdfMaxInstitutions, d.lang), wbT(d.lang, "sheet.institutions"), WorkbookName), 9.5)
	}
	cols := []tableCol{
		{d.t("uai"), 19, "L"},
		{d.t("institution"), 62, "L"},
		{d.t("academie"), 29, "L"},
		{d.t("students"), 21, "R"},
		{d.t("certificates"), 21, "R"},
		{d.t("success.rate"), 18, "R"},
	}
	t := d.newTable(d.p("inst.title"), 8, cols)
	t.begin()
	small := false
	for _, r := range rows {
		if d.stopped() {
			return
		}
		rate, flagged := d.institutionRate(data.small, r.Students, r.Rate)
		small = small || flagged
		t.row(tableRow{cells: []string{r.UAI, r.Name, r.Academie,
			FormatInt(r.Students, d.lang), FormatInt(r.Certs, d.lang), rate}})
	}
	cur := data.current
	yl := YearLabel(data.year)
	scope := fmt.Sprintf(d.p("scope.year"), yl)
	if len(rows) < len(data.institutions) {
		scope = fmt.Sprintf(d.p("scope.inst.cut"), FormatInt(int64(len(rows)), d.lang), yl)
	}
	source := d.sourceText(data.asOf, scope)
	// The reading takes the first institution listed, the row under the
	// reader's eye.
	first := rows[0]
	reading := fmt.Sprintf(d.p("read.inst"), yl, pdfShow(first.Name), pdfShow(first.UAI),
		FormatInt(first.Certs, d.lang), FormatInt(first.Students, d.lang))
	t.keep(d.notesHeight(source, reading))
	// The total's label goes in the wide name column: the UAI column is too
	// narrow for it.
	t.row(tableRow{cells: []string{"", d.p("total.national"), "",
		FormatInt(cur.Students, d.lang), FormatInt(cur.Certs, d.lang), FormatPercent(cur.Rate, 1, d.lang)}, kind: rowTotal})
	t.endNotes(source, reading)
	if small {
		// Said under the table only where a small count occurs, so that a
		// year without one reads as it always did.
		d.paragraph(fmt.Sprintf(d.p("inst.small.note"), FormatInt(data.small.Fragile, d.lang), FormatInt(data.small.Suppress, d.lang)), 8.5)
	}
}

// institutionRate returns how an institution's rate is shown, and whether
// it is a small count: in parentheses when fragile, "n.d. (fewer than N
// students)" when withheld (the counts stay in the row). The rule is
// aggregate.SmallCounts, the one every table applies.
func (d *pdfDoc) institutionRate(sc aggregate.SmallCounts, students int64, rate float64) (string, bool) {
	switch sc.Status(students) {
	case aggregate.RateSuppressed:
		return fmt.Sprintf(d.p("inst.suppressed"), FormatInt(sc.Suppress, d.lang)), true
	case aggregate.RateFragile:
		return "(" + FormatPercent(rate, 1, d.lang) + ")", true
	}
	return FormatPercent(rate, 1, d.lang), false
}

// pdfMaxInstitutions is the most institutions a year's report lists. A year
// has about a hundred; a consolidated table may give tens of thousands,
// whose list would run to hundreds of pages nobody reads, take most of the
// time and memory of the publication, and belongs in the workbook, which
// has it whole (sheet « Établissements ») and can sort and filter it.
const pdfMaxInstitutions = 1000

// methodsPage draws the definitions, with the year's own figures as the
// worked example of the success rate.
func (d *pdfDoc) methodsPage(data *pdfData) {
	d.f.AddPage()
	d.heading(d.p("methods.title"))
	cur := data.current
	sections := []struct{ head, body string }{
		{d.p("methods.year.h"), fmt.Sprintf(d.p("methods.year"), YearLabel(data.year), data.year)},
		{d.p("methods.answering.h"), d.p("methods.answering")},
		{d.p("methods.rate.h"), fmt.Sprintf(d.p("methods.rate"), YearLabel(cur.Year),
			FormatInt(cur.Certs, d.lang), FormatInt(cur.Students, d.lang), FormatPercent(cur.Rate, 1, d.lang)) + d.smallCountsNote(data.small)},
		{d.p("methods.share.h"), d.p("methods.share")},
		{d.p("methods.files.h"), d.p("methods.files")},
		{d.p("methods.published.h"), d.p("methods.published")},
		{d.p("methods.rounding.h"), d.p("methods.rounding")},
	}
	for _, s := range sections {
		d.ensure(20)
		d.subheading(s.head)
		d.paragraph(s.body, 10)
	}
}

// smallCountsNote is the methods' sentence on small counts, with the
// thresholds in force, or nothing when they are off.
func (d *pdfDoc) smallCountsNote(sc aggregate.SmallCounts) string {
	var s string
	if sc.Fragile > 0 {
		s += " " + fmt.Sprintf(d.p("methods.small.fragile"), FormatInt(sc.Fragile, d.lang))
	}
	if sc.Suppress > 0 {
		s += " " + fmt.Sprintf(d.p("methods.small.suppress"), FormatInt(sc.Suppress, d.lang))
	}
	return s
}
