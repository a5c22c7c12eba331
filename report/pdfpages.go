package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

// keyFiguresSection draws six figures: the year's institutions, response
// rate, students, certificates and success rate with their raw change from
// the previous year present in the data, and the change of the success rate
// on the same institutions (the constant panel) beside it.
func (d *pdfDoc) keyFiguresSection(data *pdfData) {
	f := d.f
	d.heading(d.p("key.title"))
	cur, prev := data.current, data.previous
	if prev != nil {
		d.paragraph(fmt.Sprintf(d.p("key.intro"), YearLabel(cur.Year), YearLabel(prev.Year)), 9.5)
	} else {
		d.paragraph(fmt.Sprintf(d.p("key.intro.first"), YearLabel(cur.Year)), 9.5)
	}

	type card struct {
		label, value, change, sub string
	}
	vs := ""
	if prev != nil {
		vs = fmt.Sprintf(d.p("key.vs"), YearLabel(prev.Year))
	}
	first := d.p("key.first")
	cards := []card{
		{d.p("institutions"), FormatInt(cur.Institutions, d.lang), "", ""},
		{d.p("key.response"), texts.Lang(d.lang).NotAvailable(), "", d.p("key.response.none")},
		{d.p("students"), FormatInt(cur.Students, d.lang), "", ""},
		{d.p("certificates"), FormatInt(cur.Certs, d.lang), "", ""},
		{d.p("success.rate"), FormatPercent(cur.Rate, 1, d.lang), "", ""},
		{d.p("key.panel"), texts.Lang(d.lang).NotAvailable(), "", first},
	}
	if data.response.ok {
		cards[1].value = FormatPercent(data.response.rate, 1, d.lang)
		cards[1].sub = fmt.Sprintf(d.p("key.response.of"), FormatInt(data.response.answered, d.lang), FormatInt(data.response.expected, d.lang))
	}
	if prev != nil {
		cards[0].change, cards[0].sub = d.countChange(cur.Institutions, prev.Institutions), vs
		cards[2].change, cards[2].sub = d.countChange(cur.Students, prev.Students), vs
		cards[3].change, cards[3].sub = d.countChange(cur.Certs, prev.Certs), vs
		cards[4].change, cards[4].sub = FormatPoints(pointsChange(cur.Rate, prev.Rate), 1, d.lang), vs
		if p := data.panel; p != nil && p.institutions > 0 {
			cards[5].value = FormatPoints(pointsChange(p.rate, p.prevRate), 1, d.lang)
			cards[5].change = fmt.Sprintf(d.p("key.panel.rates"), FormatPercent(p.prevRate, 1, d.lang), FormatPercent(p.rate, 1, d.lang))
			cards[5].sub = fmt.Sprintf(d.p("key.panel.of"), FormatInt(p.institutions, d.lang))
		} else {
			cards[5].sub = d.p("key.panel.none")
		}
	} else {
		for i := range cards {
			if i != 1 {
				cards[i].sub = first
			}
		}
	}

	const gap = 4.0
	const cols = 3
	w := (contentW - gap*(cols-1)) / cols
	h := 36.0
	d.ensure(2*h + gap + 20)
	top := f.GetY() + 1
	for i, c := range cards {
		x := marginL + float64(i%cols)*(w+gap)
		y := top + float64(i/cols)*(h+gap)
		d.fill(colHeadFill)
		f.Rect(x, y, w, h, "F")
		d.fill(colTitle)
		f.Rect(x, y, 1.5, h, "F")

		d.font("", 9)
		d.color(colMuted)
		f.SetXY(x+4.5, y+3)
		f.CellFormat(w-6, 5, d.wrapMax(c.label, w-6, 1)[0], "", 0, "L", false, 0, "")
		d.font("B", 19)
		d.color(colTitle)
		f.SetXY(x+4.5, y+9.5)
		f.CellFormat(w-6, 10, c.value, "", 0, "L", false, 0, "")
		d.font("B", 9)
		d.color(colInk)
		f.SetXY(x+4.5, y+21)
		f.CellFormat(w-6, 5, c.change, "", 0, "L", false, 0, "")
		d.font("", 8)
		d.color(colMuted)
		for j, line := range d.wrapMax(c.sub, w-6, 2) {
			f.SetXY(x+4.5, y+26.5+float64(j)*3.6)
			f.CellFormat(w-6, 3.6, line, "", 0, "L", false, 0, "")
		}
	}
	f.SetXY(marginL, top+2*h+gap+3)
	d.color(colInk)
	scope := fmt.Sprintf(d.p("pdf.scope.year"), YearLabel(cur.Year))
	if prev != nil {
		scope = fmt.Sprintf(d.p("scope.key"), YearLabel(cur.Year), YearLabel(prev.Year))
	}
	reading := ""
	if p := data.panel; prev != nil && p != nil && p.institutions > 0 {
		reading = fmt.Sprintf(d.p("read.key.panel"), FormatInt(p.institutions, d.lang), YearLabel(prev.Year), YearLabel(cur.Year),
			FormatPercent(p.prevRate, 1, d.lang), FormatPercent(p.rate, 1, d.lang))
	}
	d.notes(d.sourceText(data.asOf, scope), reading)
}

// nationalSection draws the national table over every year up to the
// report's (years as columns, split into blocks when there are many), then
// the chart.
func (d *pdfDoc) nationalSection(data *pdfData) {
	f := d.f
	// The heading, the table's title, the table (a block of four rows a
	// few years wide) and its notes move together.
	d.headingKeep(d.p("national.title"), 8+tableEstimate(8.5, 4, 1)+18)
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
		colW := math.Min(24, (contentW-labelW)/float64(len(chunk)))
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
			cells := []string{d.p(row.key)}
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

	if len(years) < 2 {
		// The first year of a series: the table says it all, a chart of
		// one bar would say nothing more.
		return
	}
	const chartH = 100.0
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

// tracksSection draws the year's table by track, with group subtotals
// where a group has several tracks, the success rates by track charted
// (fragile ones marked), and masters against continuing education across
// the years. A year reported in totals only says so in one sentence.
func (d *pdfDoc) tracksSection(data *pdfData, in Input) {
	f := d.f
	var unbroken *trackRow
	for i, t := range data.tracks {
		if t.Code == nonVentile {
			unbroken = &data.tracks[i]
		}
	}
	if !hasBreakdown(data.tracks) {
		d.headingKeep(d.p("tracks.title"), 16)
		d.paragraph(fmt.Sprintf(d.p("tracks.none"), YearLabel(data.year)), 10)
		return
	}
	// A short table keeps with its heading whole rather than leave a row
	// or two for the next page.
	nRows := len(data.tracks) + 1
	for _, g := range data.groups {
		if countGroup(data.tracks, g.Code) > 1 {
			nRows++ // its subtotal
		}
	}
	d.headingKeep(d.p("tracks.title"), keepTable(tableEstimate(9, nRows, 2)+20))

	cols := []tableCol{
		{d.p("track"), 62, "L"},
		{d.p("students"), 26, "R"},
		{d.p("certificates"), 26, "R"},
		{d.p("share"), 28, "R"},
		{d.p("success.rate"), 28, "R"},
	}
	t := d.newTable(d.p("tracks.title"), 9, cols)
	t.begin()
	cells := func(label string, r trackRow) []string {
		return []string{label, FormatInt(r.Students, d.lang), FormatInt(r.Certs, d.lang),
			FormatPercent(r.Share, 1, d.lang), d.fragileRate(r.Rate, r.Students, data.small)}
	}
	fragile := false
	for _, g := range data.groups {
		var members []trackRow
		for _, tr := range data.tracks {
			if tr.Group == g.Code {
				members = append(members, tr)
				fragile = fragile || (tr.Students > 0 && data.small.IsFragile(tr.Students))
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
	reading := ""
	if top != nil {
		name := Quote(pdfShow(trackLabel(in.Tracks, top.Code, d.lang)), d.lang)
		reading = fmt.Sprintf(d.p("read.tracks"), yl, name, FormatInt(top.Students, d.lang), FormatInt(top.Certs, d.lang),
			FormatPercent(top.Share, 1, d.lang), FormatPercent(top.Rate, 1, d.lang))
	}
	t.keep(d.notesHeight(source, reading))
	t.row(tableRow{cells: cells(d.p("total.national"), trackRow{Students: cur.Students, Certs: cur.Certs, Share: share, Rate: cur.Rate}), kind: rowTotal})
	t.endNotes(source, reading)
	if unbroken != nil {
		d.paragraph(fmt.Sprintf(d.p("tracks.partial"), FormatInt(unbroken.Students, d.lang), FormatInt(unbroken.Certs, d.lang)), 9)
	}
	if fragile {
		d.paragraph(fmt.Sprintf(d.p("tracks.fragile.note"), FormatInt(data.small.Fragile, d.lang)), 8.5)
	}

	// The rates by track, the total without breakdown left out: it is not
	// a track.
	var bars []rateBar
	var best *rateBar
	for _, tr := range data.tracks {
		if tr.Code == nonVentile {
			continue
		}
		bars = append(bars, rateBar{label: trackLabel(in.Tracks, tr.Code, d.lang), rate: tr.Rate, students: tr.Students})
	}
	for i, b := range bars {
		if !math.IsNaN(b.rate) && !data.small.IsFragile(b.students) && (best == nil || b.rate > best.rate) {
			best = &bars[i]
		}
	}
	chartSource := d.sourceText(data.asOf, fmt.Sprintf(d.p("scope.tracks.rate"), yl))
	chartReading := ""
	if best != nil {
		chartReading = fmt.Sprintf(d.p("read.tracks.rate"), yl, Quote(pdfShow(best.label), d.lang), FormatPercent(best.rate, 1, d.lang), FormatPercent(cur.Rate, 1, d.lang))
	}
	// The legend of the light bars, only where there is one.
	legend := ""
	if slices.ContainsFunc(bars, func(b rateBar) bool { return b.students > 0 && data.small.IsFragile(b.students) }) {
		legend = fmt.Sprintf(d.p("chart.fragile"), FormatInt(data.small.Fragile, d.lang))
	}
	h := 16 + float64(len(bars))*8
	d.ensure(h + 12 + d.notesHeight(legend, chartSource, chartReading))
	d.subheading(d.p("tracks.chart"))
	d.rateChart(bars, cur.Rate, data.small, f.GetY()+2)
	d.notes(legend, chartSource, chartReading)

	d.groupSeriesSection(data)
}

// countGroup is the number of tracks of a group.
func countGroup(rows []trackRow, group string) int {
	n := 0
	for _, r := range rows {
		if r.Group == group {
			n++
		}
	}
	return n
}

// tableEstimate is the height of a table of rows one-line rows at size
// points under a header of headLines lines, for keeping a short table
// with its heading.
func tableEstimate(size float64, rows, headLines int) float64 {
	lh := size * 0.45
	return float64(headLines)*lh + 1.6 + float64(rows)*(lh+1.6)
}

// keepTable is the room to keep under a heading for a table of height h:
// all of it when it is short, else keepNext (a long table starts where it
// is and continues on the next pages).
func keepTable(h float64) float64 {
	// Past a third of a page, a table splits (continued « (suite) » with
	// its header) rather than leave half a page blank above it.
	if h > 90 {
		return keepNext
	}
	return max(h, keepNext)
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

// institutionsSection draws the year's institutions grouped by académie
// (académies in the order of their table, institutions by UAI within each), a
// row naming each académie; it runs over as many pages as needed, the
// header and the académie repeated on each.
func (d *pdfDoc) institutionsSection(data *pdfData) {
	// A short list keeps with its heading whole (the rows, a row per
	// académie, the total and the notes).
	nAcad := max(len(data.academies), 1)
	d.headingKeep(d.p("inst.title"), keepTable(12+tableEstimate(8, len(data.institutions)+nAcad+1, 2)+16))
	if len(data.institutions) == 0 {
		d.paragraph(d.p("inst.none"), 10)
		return
	}
	d.paragraph(fmt.Sprintf(d.p("inst.intro"), FormatInt(int64(len(data.institutions)), d.lang), YearLabel(data.year)), 9.5)
	// The académies in the order of their table above, so that the two
	// read alike; one the table lacks (none) goes last.
	rank := map[string]int{}
	for i, a := range data.academies {
		rank[a.Academie] = i + 1
	}
	order := func(a string) int {
		if r, ok := rank[a]; ok && a != "" {
			return r
		}
		return len(rank) + 1
	}
	rows := slices.Clone(data.institutions)
	slices.SortStableFunc(rows, func(a, b institutionRow) int {
		return cmp.Or(cmp.Compare(order(a.Academie), order(b.Academie)), strings.Compare(a.Academie, b.Academie))
	})
	if len(rows) > pdfMaxInstitutions {
		rows = rows[:pdfMaxInstitutions]
		d.paragraph(fmt.Sprintf(d.p("inst.cut"), FormatInt(pdfMaxInstitutions, d.lang), wbT(d.lang, "sheet.institutions"), WorkbookName), 9.5)
	}
	cols := []tableCol{
		{d.p("uai"), 20, "L"},
		{d.p("institution"), 78, "L"},
		{d.p("students"), 24, "R"},
		{d.p("certificates"), 24, "R"},
		{d.p("success.rate"), 24, "R"},
	}
	t := d.newTable(d.p("inst.title"), 8, cols)
	cur := data.current
	yl := YearLabel(data.year)
	scope := fmt.Sprintf(d.p("pdf.scope.year"), yl)
	if len(rows) < len(data.institutions) {
		scope = fmt.Sprintf(d.p("scope.inst.cut"), FormatInt(int64(len(rows)), d.lang), yl)
	}
	source := d.sourceText(data.asOf, scope)
	// The reading takes the first institution listed, the row under the
	// reader's eye.
	first := rows[0]
	reading := fmt.Sprintf(d.p("read.inst"), yl, pdfShow(first.Name), pdfShow(first.UAI),
		FormatInt(first.Certs, d.lang), FormatInt(first.Students, d.lang))
	notesH := d.notesHeight(source, reading)
	t.begin()
	small := false
	acad := "\x00"
	for i, r := range rows {
		if d.stopped() {
			return
		}
		if r.Academie != acad {
			acad = r.Academie
			label := r.Academie
			if label == "" {
				label = d.p("inst.noacad")
			}
			t.group(label)
		}
		if i == len(rows)-2 {
			// The last two rows go with the total and its notes: a
			// continuation page never holds the total alone.
			t.keep(t.lineH() + 1.6 + notesH)
		}
		rate, flagged := d.institutionRate(data.small, r.Students, r.Rate)
		small = small || flagged
		t.row(tableRow{cells: []string{r.UAI, r.Name, FormatInt(r.Students, d.lang), FormatInt(r.Certs, d.lang), rate}})
	}
	t.group("")
	t.keep(notesH)
	// The total's label goes in the wide name column: the UAI column is too
	// narrow for it.
	t.row(tableRow{cells: []string{"", d.p("total.national"), FormatInt(cur.Students, d.lang), FormatInt(cur.Certs, d.lang),
		FormatPercent(cur.Rate, 1, d.lang)}, kind: rowTotal})
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

// methodsSection draws the definitions and how the figures are made, with
// the year's own figures as the worked examples. It quotes no other
// publication: each year's report speaks of its own year.
func (d *pdfDoc) methodsSection(data *pdfData) {
	d.heading(d.p("methods.title"))
	cur := data.current
	yl := YearLabel(data.year)
	scope := fmt.Sprintf(d.p("methods.scope"), yl, FormatInt(cur.Institutions, d.lang)) + " " + d.p("methods.answering")
	if data.response.ok {
		scope += " " + fmt.Sprintf(d.p("methods.scope.registry"), FormatInt(data.response.expected, d.lang), FormatPercent(data.response.rate, 1, d.lang))
	} else {
		scope += " " + d.p("methods.scope.noregistry")
	}
	changes := d.p("methods.changes")
	if prev := data.previous; prev != nil {
		changes += " " + fmt.Sprintf(d.p("methods.changes.example"), FormatPercent(cur.Rate, 1, d.lang), FormatPercent(prev.Rate, 1, d.lang),
			FormatPoints(pointsChange(cur.Rate, prev.Rate), 1, d.lang))
	}
	asOf := d.p("methods.asof.none")
	if !data.asOf.IsZero() {
		asOf = fmt.Sprintf(d.p("methods.asof"), FormatDate(data.asOf, d.lang))
	}
	if d.edition != nil {
		asOf += " " + fmt.Sprintf(d.p("methods.edition.n"), FormatInt(int64(d.edition.N), d.lang), FormatDate(d.edition.Date, d.lang))
	} else {
		asOf += " " + d.p("methods.edition.provisional")
	}
	// Tracks, their shares and the independent candidates' track are
	// defined only where the year has a breakdown to show them.
	broken := hasBreakdown(data.tracks)
	ifBroken := func(s string) string {
		if broken {
			return s
		}
		return ""
	}
	sections := []struct{ head, body string }{
		{d.p("methods.scope.h"), scope},
		{d.p("methods.year.h"), fmt.Sprintf(d.p("methods.year"), yl, strconv.Itoa(data.year))},
		{d.p("methods.students.h"), d.p("methods.students")},
		{d.p("methods.free.h"), ifBroken(d.p("methods.free"))},
		{d.p("methods.certs.h"), d.p("methods.certs")},
		{d.p("methods.rate.h"), fmt.Sprintf(d.p("methods.rate"), YearLabel(cur.Year),
			FormatInt(cur.Certs, d.lang), FormatInt(cur.Students, d.lang), FormatPercent(cur.Rate, 1, d.lang)) + " " + d.p("methods.rounding")},
		{d.p("methods.share.h"), ifBroken(d.p("methods.share"))},
		{d.p("methods.small.h"), d.smallCountsNote(data.small)},
		{d.p("methods.changes.h"), changes},
		{d.p("methods.asof.h"), asOf},
		{d.p("methods.published.h"), d.p("methods.published")},
	}
	// The methods end the report: set a little tighter when that keeps
	// the last page from holding only a few lines.
	size := 9.5
	for _, sz := range []float64{9.5, 9, 8.5, 8} {
		if rest := d.methodsTail(sections, sz); rest == 0 || rest >= lastPageMin {
			size = sz
			break
		}
	}
	for _, s := range sections {
		if s.body == "" {
			continue
		}
		d.font("", size)
		d.subheadingKeep(s.head, float64(min(len(d.wrap(s.body, contentW)), 3))*size*0.5+2)
		d.paragraph(s.body, size)
	}
}

// lastPageMin is the least a last page should hold, in millimetres of
// content, when the methods can be set so that it does.
const lastPageMin = 60.0

// methodsTail returns how far down a new last page the methods would end
// if set at size points, 0 when they end on the current page. It follows
// subheadingKeep and paragraph without drawing.
func (d *pdfDoc) methodsTail(sections []struct{ head, body string }, size float64) float64 {
	y := d.f.GetY()
	newPage := false
	top := marginT
	lh := size * 0.5
	for _, s := range sections {
		if s.body == "" {
			continue
		}
		d.font("", size)
		lines := d.wrap(s.body, contentW)
		if y+8+float64(min(len(lines), 3))*lh+2 > bottomLimit {
			y, newPage = top, true
		}
		y += 8
		for range lines {
			if y+lh > bottomLimit {
				y, newPage = top, true
			}
			y += lh
		}
		y += lh * 0.6
	}
	if !newPage {
		return 0
	}
	return y - top
}

// smallCountsNote is the methods' text on small counts, with the
// thresholds in force, or a sentence saying the rule is off.
func (d *pdfDoc) smallCountsNote(sc aggregate.SmallCounts) string {
	var s string
	if sc.Fragile > 0 {
		s += fmt.Sprintf(d.p("methods.small.fragile"), FormatInt(sc.Fragile, d.lang))
	}
	if sc.Suppress > 0 {
		if s != "" {
			s += " "
		}
		s += fmt.Sprintf(d.p("methods.small.suppress"), FormatInt(sc.Suppress, d.lang))
	}
	if s == "" {
		return d.p("methods.small.off")
	}
	return s
}
