package report

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/texts"
)

// The sections of the public report that say what the figures mean: « L'essentiel »,
// the comparison on the same institutions, académies, institutions grouped
// by académie and the year's data-quality summary. Every sentence is
// generated from the figures, in the catalogue's words (pdftext.go).

// Thresholds of the caveat under the changes: a constant panel that covers
// less than half the year's institutions, or a raw change that differs from
// the panel's by this many points, is said to the reader.
const (
	caveatGapPoints = 5.0
	// movedTracks is how many tracks « L'essentiel » names among those
	// whose rate moved most.
	movedTracks = 2
)

// keepNext is the room a section heading needs under it: the heading goes
// to the next page unless its first lines fit (keep-with-next).
const keepNext = 28.0

// pointsChange is the change from rate b to rate a, in points as a
// fraction, computed on the rates as printed (to one decimal): the reader
// who subtracts the two printed rates finds the printed change. The methods
// section says so.
func pointsChange(a, b float64) float64 { return RoundedDiff(a, b, 1) }

// coverSection draws page 1: title, year, certificate, edition and its date,
// publisher (ministry, service, contact) and the logo when there is one.
func (d *pdfDoc) coverSection(data *pdfData) {
	f := d.f
	f.AddPage()
	d.fill(colTitle)
	f.Rect(0, 0, pageW, 8, "F")
	if len(d.set.Logo) > 0 {
		// At most 45 × 30 mm, top right, its proportions kept.
		opts := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
		info := f.RegisterImageOptionsReader("logo", opts, bytes.NewReader(d.set.Logo))
		if info != nil && info.Width() > 0 && info.Height() > 0 {
			w, h := 45.0, 45.0*info.Height()/info.Width()
			if h > 30 {
				w, h = 30*info.Width()/info.Height(), 30
			}
			f.ImageOptions("logo", pageW-marginR-w, 18, w, h, false, opts, 0, "")
		}
	}
	d.coverTitle(colBar, d.p("report.title"))
	f.Ln(8)
	d.font("I", 13)
	d.color(colInk)
	d.lines(d.p("certificate.name"), 7)
	f.Ln(10)
	d.font("B", 12)
	d.color(colTitle)
	d.lines(d.editionText(data), 6.5)

	f.SetXY(marginL, 230)
	d.font("B", 11)
	d.color(colInk)
	d.lines(pdfShow(upperFirst(d.set.MinistryIn(d.lang))), 6)
	d.font("", 10.5)
	d.lines(pdfShow(upperFirst(d.set.ServiceIn(d.lang))), 5.5)
	if d.set.Contact != "" {
		d.font("", 9.5)
		d.color(colMuted)
		d.lines(fmt.Sprintf(d.p("cover.contact"), pdfShow(d.set.Contact)), 5)
	}
	d.color(colInk)
}

// coverTitle draws a cover's short bar in colour bar, its title (the
// document outline's cover entry) and the year, as the public and the
// quality covers both do.
func (d *pdfDoc) coverTitle(bar rgb, title string) {
	f := d.f
	d.fill(bar)
	f.Rect(marginL, 95, 40, 1.5, "F")

	d.color(colTitle)
	d.font("B", 26)
	f.SetXY(marginL, 100)
	// The cover's entry points at the title; the font above makes fpdf
	// write it as UTF-16.
	f.Bookmark(d.p("outline.cover"), 0, -1)
	d.lines(title, 12)
	f.Ln(3)
	d.font("B", 22)
	d.color(colBar)
	f.SetX(marginL)
	f.CellFormat(contentW, 11, YearLabel(d.year), "", 1, "L", false, 0, "")
}

// editionText names the edition: its number and date, or a provisional
// edition dated by its data, with the year's latest edition if it has one.
func (d *pdfDoc) editionText(data *pdfData) string {
	if d.edition != nil {
		return fmt.Sprintf(d.p("edition.n"), FormatInt(int64(d.edition.N), d.lang), FormatDate(d.edition.Date, d.lang))
	}
	// A provisional edition of a year already published names the latest
	// edition: a reader holding it learns this one may differ.
	if rev := d.in.Revisions[d.year]; rev != nil && rev.Edition > 0 {
		n, date := FormatInt(int64(rev.Edition), d.lang), FormatDate(rev.Published, d.lang)
		if data.asOf.IsZero() {
			return fmt.Sprintf(T(d.lang, "edition.provisional.last"), n, date)
		}
		return fmt.Sprintf(T(d.lang, "edition.provisional.asof.last"), FormatDate(data.asOf, d.lang), n, date)
	}
	if data.asOf.IsZero() {
		return d.p("edition.provisional")
	}
	return fmt.Sprintf(d.p("edition.provisional.asof"), FormatDate(data.asOf, d.lang))
}

// upperFirst capitalises a name for a line of its own (« ministère de … »
// reads inside a sentence, « Ministère de … » on the cover).
func upperFirst(s string) string {
	for i, r := range s {
		if i == 0 {
			return strings.ToUpper(string(r)) + s[len(string(r)):]
		}
	}
	return s
}

// essentials are the sentences of « L'essentiel », built from the figures.
func (d *pdfDoc) essentials(data *pdfData) []string {
	cur, prev := data.current, data.previous
	yl := YearLabel(cur.Year)
	n := func(v int64) string { return FormatInt(v, d.lang) }
	pc := func(v float64) string { return FormatPercent(v, 1, d.lang) }
	var out []string

	switch {
	case data.response.ok:
		out = append(out, fmt.Sprintf(d.p("ess.response"), yl, n(data.response.answered), n(data.response.expected), pc(data.response.rate)))
	case cur.Institutions == 1:
		out = append(out, fmt.Sprintf(d.p("ess.answered.one"), yl))
	default:
		out = append(out, fmt.Sprintf(d.p("ess.answered"), yl, n(cur.Institutions)))
	}
	out = append(out, fmt.Sprintf(d.p("ess.certs"), n(cur.Certs), n(cur.Students), pc(cur.Rate)))

	if prev == nil {
		out = append(out, fmt.Sprintf(d.p("ess.first"), yl))
	} else {
		pl := YearLabel(prev.Year)
		raw := pointsChange(cur.Rate, prev.Rate)
		out = append(out, fmt.Sprintf(d.p("ess.raw"), pl, d.countChange(cur.Certs, prev.Certs),
			FormatPoints(raw, 1, d.lang), pc(prev.Rate), pc(cur.Rate), n(prev.Institutions), n(cur.Institutions)))
		p := data.panel
		if p == nil || p.institutions == 0 {
			out = append(out, fmt.Sprintf(d.p("ess.nopanel"), pl, yl))
		} else {
			pp := pointsChange(p.rate, p.prevRate)
			out = append(out, fmt.Sprintf(d.p("ess.panel"), n(p.institutions), FormatPoints(pp, 1, d.lang),
				pc(p.prevRate), pc(p.rate), d.countChange(p.certs, p.prevCert)))
			if c := d.panelCaveat(data); c != "" {
				out = append(out, c)
			}
		}
	}
	out = append(out, d.trackEssentials(data)...)
	return out
}

// panelCaveat is the warning when the raw and the constant-panel changes
// disagree in sign or strongly, or when the panel covers few of the year's
// institutions; "" when they tell the same story.
func (d *pdfDoc) panelCaveat(data *pdfData) string {
	cur, prev, p := data.current, data.previous, data.panel
	raw := pointsChange(cur.Rate, prev.Rate)
	pp := pointsChange(p.rate, p.prevRate)
	var parts []string
	sgn := func(v float64) int {
		switch {
		case texts.Rounded(v*100, 1) == 0:
			return 0
		case v > 0:
			return 1
		}
		return -1
	}
	certSign := func(a, b int64) int { return cmp.Compare(a, b) }
	switch {
	case !math.IsNaN(raw) && !math.IsNaN(pp) && sgn(raw)*sgn(pp) < 0,
		certSign(cur.Certs, prev.Certs)*certSign(p.certs, p.prevCert) < 0:
		parts = append(parts, d.p("ess.caveat.sign"))
	case !math.IsNaN(raw) && !math.IsNaN(pp) && math.Abs(raw-pp)*100 >= caveatGapPoints:
		parts = append(parts, fmt.Sprintf(d.p("ess.caveat.gap"), FormatPointGap(raw-pp, 1, d.lang)))
	}
	if p.institutions*2 < cur.Institutions {
		parts = append(parts, fmt.Sprintf(d.p("ess.caveat.coverage"), FormatInt(p.institutions, d.lang), FormatInt(cur.Institutions, d.lang), YearLabel(cur.Year)))
	}
	return strings.Join(parts, " ")
}

// trackEssentials are the sentences on tracks: the largest, the best rate
// (not a fragile one) and the tracks whose rate moved most on the same
// institutions.
func (d *pdfDoc) trackEssentials(data *pdfData) []string {
	yl := YearLabel(data.year)
	if !hasBreakdown(data.tracks) {
		return []string{fmt.Sprintf(d.p("ess.tracks.none"), yl)}
	}
	var out []string
	top := topTrack(data.tracks)
	var best *trackRow
	for i, r := range data.tracks {
		if r.Code == nonVentile || math.IsNaN(r.Rate) || data.small.IsFragile(r.Students) {
			continue
		}
		if best == nil || r.Rate > best.Rate {
			best = &data.tracks[i]
		}
	}
	switch {
	case top != nil && best != nil && top.Code == best.Code:
		out = append(out, fmt.Sprintf(d.p("ess.tracks.same"), d.trackName(top.Code), FormatPercent(top.Share, 1, d.lang), FormatPercent(best.Rate, 1, d.lang)))
	case top != nil && best != nil:
		out = append(out, fmt.Sprintf(d.p("ess.tracks"), d.trackName(top.Code), FormatPercent(top.Share, 1, d.lang),
			d.trackName(best.Code), FormatPercent(best.Rate, 1, d.lang)))
	}
	if data.previous == nil {
		return out
	}
	var moved []trackChange
	comparable := false
	for _, c := range data.trackChanges {
		if math.IsNaN(c.Rate) || math.IsNaN(c.PrevRate) || c.Fragile || c.PrevFragile {
			continue
		}
		comparable = true
		// A rate that did not move at the printed precision did not move.
		if texts.Rounded(pointsChange(c.Rate, c.PrevRate)*100, 1) != 0 {
			moved = append(moved, c)
		}
	}
	switch {
	case !comparable:
		return append(out, fmt.Sprintf(d.p("ess.moved.none"), YearLabel(data.previous.Year)))
	case len(moved) == 0:
		return append(out, d.p("ess.moved.flat"))
	}
	// The largest changes first; on a tie, the dictionary's order.
	slices.SortStableFunc(moved, func(a, b trackChange) int {
		return cmp.Compare(math.Abs(pointsChange(b.Rate, b.PrevRate)), math.Abs(pointsChange(a.Rate, a.PrevRate)))
	})
	var names []string
	for _, c := range moved[:min(movedTracks, len(moved))] {
		names = append(names, d.trackName(c.Code)+" ("+FormatPoints(pointsChange(c.Rate, c.PrevRate), 1, d.lang)+")")
	}
	key := "ess.moved"
	if len(names) == 1 {
		key = "ess.moved.one"
	}
	return append(out, fmt.Sprintf(d.p(key), strings.Join(names, d.p("and"))))
}

// trackName is a track's label, quoted.
func (d *pdfDoc) trackName(code string) string {
	return Quote(pdfShow(trackLabel(d.in.Tracks, code, d.lang)), d.lang)
}

// countChange is a change in a count, with its relative change when there
// was something before: « +26 (+118,2 %) ».
func (d *pdfDoc) countChange(now, before int64) string {
	s := FormatSignedInt(now-before, d.lang)
	if before != 0 {
		s += " (" + texts.Lang(d.lang).SignedPercent(float64(now-before)/float64(before), 1) + ")"
	}
	return s
}

// hasBreakdown reports whether a year's tracks include any but the total
// without breakdown.
func hasBreakdown(rows []trackRow) bool {
	return slices.ContainsFunc(rows, func(r trackRow) bool { return r.Code != nonVentile })
}

// essentialSection draws « L'essentiel »: the sentences, each a short
// paragraph with a mark in the margin.
func (d *pdfDoc) essentialSection(data *pdfData) {
	d.heading(d.p("ess.title"))
	f := d.f
	for _, s := range d.essentials(data) {
		d.font("", 10.5)
		lines := d.wrap(s, contentW-6)
		lh := 5.3
		d.ensure(float64(len(lines)) * lh)
		y := f.GetY()
		d.fill(colBar)
		f.Rect(marginL, y+1.6, 1.6, 1.6, "F")
		d.color(colInk)
		for _, line := range lines {
			d.ensure(lh)
			f.SetX(marginL + 6)
			f.CellFormat(contentW-6, lh, line, "", 1, "L", false, 0, "")
		}
		f.Ln(1.8)
	}
	f.Ln(3)
}

// rateBar is one bar of the success-rate chart.
type rateBar struct {
	label    string
	rate     float64
	students int64
}

// rateChart draws success rates as horizontal bars on a 0–100 % scale, the
// fragile ones light and their value in parentheses, with the national rate
// as a line, so that a track's rate reads against the whole.
func (d *pdfDoc) rateChart(bars []rateBar, national float64, sc aggregate.SmallCounts, top float64) {
	f := d.f
	d.charts++
	const labelW = 62.0
	const rowH = 8.0
	x0 := marginL + labelW
	x1 := pageW - marginR - 20
	w := x1 - x0
	bottom := top + float64(len(bars))*rowH
	f.SetLineWidth(0.15)
	d.draw(colRule)
	d.font("", 7)
	d.color(colMuted)
	for p := 0; p <= 100; p += 25 {
		x := x0 + float64(p)/100*w
		f.Line(x, top, x, bottom)
		f.SetXY(x-8, bottom+0.8)
		f.CellFormat(16, 4, FormatPercent(float64(p)/100, 0, d.lang), "", 0, "C", false, 0, "")
	}
	y := top
	for _, b := range bars {
		d.font("", 8.5)
		d.color(colInk)
		lines := d.wrapMax(pdfShow(b.label), labelW-3, 2)
		lh := 3.8
		ty := y + rowH/2 - float64(len(lines))*lh/2
		for j, line := range lines {
			f.SetXY(marginL, ty+float64(j)*lh)
			f.CellFormat(labelW-3, lh, line, "", 0, "R", false, 0, "")
		}
		rate := b.rate
		if math.IsNaN(rate) {
			rate = 0
		}
		fragile := sc.IsFragile(b.students) && b.students > 0
		bw := rate * w
		label := FormatPercent(b.rate, 1, d.lang)
		if fragile {
			// Light, outlined and in parentheses: seen as uncertain at a
			// glance, and still readable in black and white.
			d.fill(colFragile)
			d.draw(colBar)
			f.SetLineWidth(0.3)
			if bw > 0 {
				f.Rect(x0, y+1.5, math.Max(bw, 0.4), rowH-3, "FD")
			}
			label = "(" + label + ")"
		} else {
			d.fill(colBar)
			if bw > 0 {
				f.Rect(x0, y+1.5, math.Max(bw, 0.4), rowH-3, "F")
			}
		}
		// The values in a column of their own, right of the scale: after
		// the bar they would run into the national line.
		d.font("B", 8)
		d.color(colBar)
		f.SetXY(x1+1, y+rowH/2-2)
		f.CellFormat(pageW-marginR-x1-1, 4, label, "", 0, "R", false, 0, "")
		y += rowH
	}
	d.draw(colInk)
	f.SetLineWidth(0.3)
	f.Line(x0, top, x0, bottom)
	if !math.IsNaN(national) {
		x := x0 + national*w
		d.draw(colLine)
		f.SetLineWidth(0.5)
		f.SetDashPattern([]float64{1.2, 0.8}, 0)
		f.Line(x, top-1, x, bottom)
		f.SetDashPattern([]float64{}, 0)
		d.font("", 7.5)
		d.color(colLine)
		lbl := fmt.Sprintf(d.p("chart.national"), FormatPercent(national, 1, d.lang))
		f.SetXY(x-30, bottom+5)
		f.CellFormat(60, 4, lbl, "", 0, "C", false, 0, "")
	}
	f.SetLineWidth(0.2)
	d.color(colInk)
	f.SetXY(marginL, bottom+11)
}

// groupSeriesSection draws masters against continuing education across
// the years that have a breakdown: students, certificates and rate of each.
func (d *pdfDoc) groupSeriesSection(data *pdfData) {
	const masters, fc = "masters", "formation-continue"
	type pair struct{ m, c *tabGroup }
	byYear := map[int]*pair{}
	var years []int
	for i, g := range data.groupSeries {
		if g.group != masters && g.group != fc {
			continue
		}
		p := byYear[g.year]
		if p == nil {
			p = &pair{}
			byYear[g.year] = p
			years = append(years, g.year)
		}
		if g.group == masters {
			p.m = &data.groupSeries[i]
		} else {
			p.c = &data.groupSeries[i]
		}
	}
	if len(years) == 0 {
		return
	}
	slices.Sort(years)
	mLabel, cLabel := groupLabel(d.in.Tracks, masters, d.lang), groupLabel(d.in.Tracks, fc, d.lang)
	title := fmt.Sprintf(d.p("series.title"), mLabel, cLabel)
	scope := fmt.Sprintf(d.p("scope.series.groups"), YearLabel(years[0]), YearLabel(years[len(years)-1]))
	if len(years) == 1 {
		d.subheadingKeep(title, 12+tableEstimate(8.5, 1, 3)+16)
		d.paragraph(fmt.Sprintf(d.p("series.one"), YearLabel(years[0])), 9.5)
		scope = fmt.Sprintf(d.p("scope.series.groups.one"), YearLabel(years[0]))
	} else {
		d.subheadingKeep(title, keepTable(tableEstimate(8.5, len(years), 3)+16))
	}
	cols := []tableCol{
		{d.p("year"), 23, "L"},
		{mLabel + " – " + d.p("col.students"), 25, "R"},
		{mLabel + " – " + d.p("col.certs"), 25, "R"},
		{mLabel + " – " + d.p("col.rate"), 22, "R"},
		{cLabel + " – " + d.p("col.students"), 25, "R"},
		{cLabel + " – " + d.p("col.certs"), 25, "R"},
		{cLabel + " – " + d.p("col.rate"), 25, "R"},
	}
	t := d.newTable(title, 8.5, cols)
	t.begin()
	cells := func(g *tabGroup) []string {
		if g == nil {
			na := texts.Lang(d.lang).NotAvailable()
			return []string{na, na, na}
		}
		return []string{FormatInt(g.students, d.lang), FormatInt(g.certs, d.lang), d.fragileRate(g.rate.orNaN(), g.students, data.small)}
	}
	last := byYear[years[len(years)-1]]
	source := d.sourceText(data.asOf, scope)
	reading := ""
	if last.m != nil && last.c != nil {
		reading = fmt.Sprintf(d.p("read.series"), YearLabel(years[len(years)-1]), Quote(mLabel, d.lang),
			d.fragileRate(last.m.rate.orNaN(), last.m.students, data.small), Quote(cLabel, d.lang), d.fragileRate(last.c.rate.orNaN(), last.c.students, data.small))
	}
	for i, y := range years {
		if i == len(years)-1 {
			t.keep(d.notesHeight(source, reading))
		}
		p := byYear[y]
		t.row(tableRow{cells: append(append([]string{YearLabel(y)}, cells(p.m)...), cells(p.c)...)})
	}
	t.endNotes(source, reading)
}

// fragileRate is a rate of a national table by track or group: in
// parentheses when computed on fewer students than the fragile threshold.
// National tables withhold nothing (docs/small-counts.md).
func (d *pdfDoc) fragileRate(rate float64, students int64, sc aggregate.SmallCounts) string {
	s := FormatPercent(rate, 1, d.lang)
	if students > 0 && sc.IsFragile(students) {
		return "(" + s + ")"
	}
	return s
}

// academiesSection draws the year's table by académie, with the
// small-count rule of the tables below the national level.
func (d *pdfDoc) academiesSection(data *pdfData) {
	d.headingKeep(d.p("acad.title"), keepTable(tableEstimate(8.5, len(data.academies)+1, 2)+20))
	if len(data.academies) == 0 {
		d.paragraph(d.p("acad.none"), 10)
		return
	}
	cols := []tableCol{
		{d.p("academie"), 54, "L"},
		{d.p("col.institutions"), 29, "R"},
		{d.p("students"), 29, "R"},
		{d.p("certificates"), 29, "R"},
		{d.p("success.rate"), 29, "R"},
	}
	t := d.newTable(d.p("acad.title"), 8.5, cols)
	t.begin()
	small := false
	for _, a := range data.academies {
		rate, flagged := d.institutionRate(data.small, a.Students, a.Rate)
		small = small || flagged
		t.row(tableRow{cells: []string{a.Academie, FormatInt(a.Institutions, d.lang), FormatInt(a.Students, d.lang), FormatInt(a.Certs, d.lang), rate}})
	}
	cur := data.current
	yl := YearLabel(data.year)
	source := d.sourceText(data.asOf, fmt.Sprintf(d.p("pdf.scope.year"), yl))
	first := data.academies[0]
	readKey := "read.acad"
	if first.Institutions == 1 {
		readKey = "read.acad.one"
	}
	reading := fmt.Sprintf(d.p(readKey), yl, d.academieOf(first.Academie), FormatInt(first.Institutions, d.lang),
		FormatInt(first.Certs, d.lang), FormatInt(first.Students, d.lang))
	t.keep(d.notesHeight(source, reading))
	t.row(tableRow{cells: []string{d.p("total.national"), FormatInt(cur.Institutions, d.lang), FormatInt(cur.Students, d.lang),
		FormatInt(cur.Certs, d.lang), FormatPercent(cur.Rate, 1, d.lang)}, kind: rowTotal})
	t.endNotes(source, reading)
	if small {
		d.paragraph(fmt.Sprintf(d.p("inst.small.note"), FormatInt(data.small.Fragile, d.lang), FormatInt(data.small.Suppress, d.lang)), 8.5)
	}
}

// academieOf names an académie after « l’académie »: « de Lyon »,
// « d’Aix-Marseille » (elided before a vowel), "of Lyon".
func (d *pdfDoc) academieOf(name string) string {
	name = pdfShow(name)
	key := "acad.of"
	if r, _ := utf8.DecodeRuneInString(name); strings.ContainsRune("AEIOUYÉÈÊÎÔaeiouyéèêîô", r) {
		key = "acad.of.vowel"
	}
	return fmt.Sprintf(d.p(key), name)
}

// qualitySummarySection is the year's data quality in one paragraph, for
// that year only: no file name, no path, nothing asked of institutions. The
// detail is in the service's internal quality report.
func (d *pdfDoc) qualitySummarySection(data *pdfData) {
	d.heading(d.p("qsum.title"))
	if d.in.Batch == nil {
		d.paragraph(d.p("qsum.nobatch"), 10)
		return
	}
	n := func(v int) string { return FormatInt(int64(v), d.lang) }
	fl := data.files
	d.paragraph(fmt.Sprintf(d.p("qsum.text"), YearLabel(data.year), n(fl.counted), n(fl.warned), n(fl.replaced), n(fl.duplicates))+" "+d.p("methods.files"), 10)
}
