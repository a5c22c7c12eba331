package report

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/texts"
)

// The quality report's checks of the figures: the expected institutions
// that did not answer (aggregate's completeness tables, from the registry)
// and the figures to check (aggregate's outliers), for one year.

// qualityMissing draws the year's response rate, the expected institutions
// that did not answer and the answers not expected, or says in one
// sentence why there is nothing to list.
func (d *pdfDoc) qualityMissing(in Input, year int) error {
	title := d.p("quality.missing.title")
	if in.Registry == nil || in.Tables.Facts == nil {
		d.qualitySection(title, "", nil, nil)
		d.paragraph(d.p("quality.missing.noregistry"), 9)
		return nil
	}
	c, release, err := in.completeness()
	if err != nil {
		return err
	}
	defer release()

	yt := newCompletenessColumns(c.Years)
	mt := newMissingColumns(c.Missing)
	ut := newTabColumns(c.Unexpected, "unexpected")
	uyear := tabColumn[*array.Int32](ut, aggregate.ColYear)
	uuai := tabColumn[*array.String](ut, aggregate.ColUAI)
	uname := tabColumn[*array.String](ut, aggregate.ColInstitution)
	uacad := tabColumn[*array.String](ut, aggregate.ColAcademie)
	ureason := tabColumn[*array.String](ut, aggregate.ColReason)
	for _, t := range []*tabColumns{yt.tabColumns, mt.tabColumns, ut} {
		if t.err != nil {
			return t.err
		}
	}

	intro := ""
	for i := range yt.rows() {
		if int(yt.year.Value(i)) != year || yt.expected.IsNull(i) {
			continue
		}
		r := texts.Lang(d.lang).NotAvailable()
		if f := tabFloatAt(yt.rate, i); f.ok {
			r = FormatPercent(f.v, 1, d.lang)
		}
		intro = fmt.Sprintf(d.p("quality.missing.intro"), FormatInt(yt.expected.Value(i), d.lang), YearLabel(year),
			FormatInt(yt.answered.Value(i), d.lang), r)
	}

	var missing [][]string
	for i := range mt.rows() {
		if int(mt.year.Value(i)) != year {
			continue
		}
		last := d.p("quality.missing.never")
		if !mt.last.IsNull(i) {
			last = YearLabel(int(mt.last.Value(i)))
		}
		missing = append(missing, []string{mt.uai.Value(i), mt.name.Value(i), mt.acad.Value(i), last})
	}
	if len(missing) == 0 {
		d.qualitySection(title, intro, nil, nil)
		d.paragraph(d.p("quality.missing.none"), 9)
	} else {
		t := d.newTable(title, 8, []tableCol{
			{d.p("uai"), 20, "L"}, {d.p("institution"), 85, "L"}, {d.p("academie"), 35, "L"}, {d.p("quality.missing.last"), 30, "L"},
		})
		d.qualityTable(title, intro, t, missing, MissingCSV)
	}

	var unexpected [][]string
	for i := range ut.rows() {
		if int(uyear.Value(i)) != year {
			continue
		}
		unexpected = append(unexpected, []string{uuai.Value(i), uname.Value(i), uacad.Value(i), d.unexpectedReason(ureason.Value(i))})
	}
	if len(unexpected) > 0 {
		t := d.newTable(d.p("quality.unexpected.title"), 8, []tableCol{
			{d.p("uai"), 20, "L"}, {d.p("institution"), 75, "L"}, {d.p("academie"), 30, "L"}, {d.p("quality.unexpected.reason"), 45, "L"},
		})
		intro := d.p("quality.unexpected.intro")
		d.keepWithNext(subheadingH + d.paragraphHeight(intro, 9) + t.startHeight(unexpected[0]))
		d.subheading(d.p("quality.unexpected.title"))
		d.paragraph(intro, 9)
		t.begin()
		for _, r := range unexpected[:min(len(unexpected), qualityMaxRows)] {
			t.row(tableRow{cells: r})
		}
		t.end()
		if len(unexpected) > qualityMaxRows {
			d.paragraph(fmt.Sprintf(d.p("quality.cut"), FormatInt(qualityMaxRows, d.lang), FormatInt(int64(len(unexpected)), d.lang), Quote("c2isurvey compare", d.lang)), 9)
		}
	}
	return nil
}

// unexpectedReason words why an answer was not expected.
func (d *pdfDoc) unexpectedReason(reason string) string {
	switch reason {
	case aggregate.ReasonUnknown:
		return d.p("quality.reason.unknown")
	case aggregate.ReasonNotYet:
		return d.p("quality.reason.notyet")
	case aggregate.ReasonEnded:
		return d.p("quality.reason.ended")
	}
	return reason
}

// qualityOutliers lists the year's figures to check (aggregate.Outliers),
// each with what was expected and the file and cell it came from.
func (d *pdfDoc) qualityOutliers(in Input, year int) error {
	title := d.p("quality.outliers.title")
	c := newOutlierColumns(in.Tables.Outliers)
	if in.Tables.Outliers != nil && c.err != nil {
		return c.err
	}
	intro := fmt.Sprintf(d.p("quality.outliers.intro"), YearLabel(year))
	var rows [][]string
	for i := range c.rows() {
		if int(c.year.Value(i)) != year {
			continue
		}
		m := c.measure.Value(i)
		num := func(a *array.Float64) string {
			f := tabFloatAt(a, i)
			switch {
			case !f.ok:
				return texts.Lang(d.lang).NotAvailable()
			case m == aggregate.MeasureSuccessRate:
				return FormatPercent(f.v, 1, d.lang)
			}
			// Halved or doubled counts may end in .5: one decimal then.
			if f.v == float64(int64(f.v)) {
				return FormatInt(int64(f.v), d.lang)
			}
			return texts.Lang(d.lang).Decimal(f.v, 1)
		}
		var what, val, exp string
		switch m {
		case aggregate.MeasureSuccessRate:
			what, val = d.p("quality.measure.success_rate"), num(c.value)
			exp = fmt.Sprintf(d.p("quality.outliers.rate.expected"), num(c.expected), num(c.low), num(c.high))
		case aggregate.MeasureStudents, aggregate.MeasureCerts:
			what, val = d.p("quality.measure."+m), num(c.value)
			exp = fmt.Sprintf(d.p("quality.outliers.count.expected"), num(c.expected), num(c.low), num(c.high))
		case aggregate.MeasureTrack:
			what = fmt.Sprintf(d.p("quality.measure.track"), trackLabel(in.Tracks, c.track.Value(i), d.lang))
			val, exp = "—", d.p("quality.outliers.track.expected")
		default:
			what, val = m, num(c.value)
		}
		src := c.file.Value(i)
		loc := c.sheet.Value(i)
		if c.cell.Value(i) != "" {
			loc = strings.TrimPrefix(loc+", "+c.cell.Value(i), ", ")
		}
		if loc != "" {
			src += " — " + loc
		}
		rows = append(rows, []string{c.uai.Value(i), c.name.Value(i), what, val, exp, src})
	}
	if len(rows) == 0 {
		d.qualitySection(title, intro, nil, nil)
		d.paragraph(d.p("quality.outliers.none"), 9)
		return nil
	}
	t := d.newTable(title, 8, []tableCol{
		{d.p("uai"), 18, "L"}, {d.p("institution"), 34, "L"}, {d.p("quality.outliers.measure"), 26, "L"},
		{d.p("quality.outliers.value"), 16, "R"}, {d.p("quality.outliers.expected"), 31, "L"}, {d.p("quality.outliers.source"), 45, "L"},
	})
	t.names = []bool{false, false, false, false, false, true}
	d.qualityTable(title, intro, t, rows, OutliersCSV)
	return nil
}
