package report

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/tracks"
)

// keepTitled is the height a part's title needs under it on its page: the
// title, a table's two-line header and three rows.
const keepTitled = 40.0

// revisionsSection draws « Révisions depuis l'édition N du … »: what
// changed in the year's figures since its latest published edition (a late
// answer, a correction), as the national totals of the edition beside the
// revised ones, the tracks whose totals changed, and each institution and
// track that changed with the file that changed it (its name only, never a
// path). A year whose figures did not change gets the heading and one
// sentence saying so; rev nil (no edition of the year) draws nothing.
//
// It draws where the document stands, without a page of its own: the
// caller (the annual report, the quality report) places it. The heading is
// kept with the first lines under it. asOf is the date the revised data was
// taken, for the source lines (zero: no date).
func (d *pdfDoc) revisionsSection(rev *aggregate.Revisions, dict *tracks.Dictionary, asOf time.Time) {
	if rev == nil {
		return
	}
	r := func(key string) string { return T(d.lang, key) }
	n := strconv.Itoa(rev.Edition)
	published := FormatDate(rev.Published, d.lang)
	yl := YearLabel(rev.Year)
	// The heading, the paragraph under it and a table's header and first
	// rows go together: a heading is never left at a page's foot.
	d.ensure(60)
	d.heading(fmt.Sprintf(r("rev.title"), n, published))
	if !rev.Changed() {
		d.paragraph(fmt.Sprintf(r("rev.none"), yl, n, published), 10)
		return
	}
	d.paragraph(fmt.Sprintf(r("rev.intro"), n, published, yl), 10)
	source := d.sourceText(asOf, fmt.Sprintf(r("rev.scope"), yl, n, published))

	// National totals. Each part's title is kept with its table's header
	// and first rows (keepTitled), never left at a page's foot.
	d.ensure(keepTitled)
	d.subheading(r("rev.national"))
	nt := d.newTable(r("rev.national"), 9, []tableCol{
		{"", 62, "L"},
		{fmt.Sprintf(r("rev.col.edition"), n), 36, "R"},
		{r("rev.col.revised"), 36, "R"},
		{r("rev.col.diff"), 36, "R"},
	})
	nt.begin()
	count := func(label string, before, after int64) []string {
		return []string{label, FormatInt(before, d.lang), FormatInt(after, d.lang), FormatSignedInt(after-before, d.lang)}
	}
	rate := func(certs, students int64) float64 {
		if students == 0 {
			return math.NaN()
		}
		return float64(certs) / float64(students)
	}
	b, a := rev.Before, rev.After
	nt.row(tableRow{cells: count(d.p("institutions"), b.Institutions, a.Institutions)})
	nt.row(tableRow{cells: count(d.p("students"), b.Students, a.Students)})
	nt.row(tableRow{cells: count(d.p("certificates"), b.Certs, a.Certs)})
	nt.keep(d.notesHeight(source))
	rb, ra := rate(b.Certs, b.Students), rate(a.Certs, a.Students)
	nt.row(tableRow{cells: []string{d.p("success.rate"), FormatPercent(rb, 1, d.lang), FormatPercent(ra, 1, d.lang),
		FormatPoints(ra-rb, 1, d.lang)}})
	nt.endNotes(source)

	// By track.
	trackRows, err := readRevisionTracks(rev.Tracks)
	if err != nil {
		d.f.SetError(fmt.Errorf("revisions %s: %w", yl, err))
		return
	}
	absent := "—"
	opt := func(o optInt) string {
		if !o.ok {
			return absent
		}
		return FormatInt(o.v, d.lang)
	}
	diff := func(before, after optInt) string { return FormatSignedInt(after.v-before.v, d.lang) }
	if len(trackRows) > 0 {
		d.ensure(keepTitled)
		d.subheading(r("rev.by.track"))
		tt := d.newTable(r("rev.by.track"), 8.5, []tableCol{
			{d.p("track"), 46, "L"},
			{fmt.Sprintf(r("rev.col.students.edition"), n), 21, "R"},
			{r("rev.col.students.revised"), 21, "R"},
			{r("rev.col.diff"), 20, "R"},
			{fmt.Sprintf(r("rev.col.certs.edition"), n), 21, "R"},
			{r("rev.col.certs.revised"), 21, "R"},
			{r("rev.col.diff"), 20, "R"},
		})
		tt.begin()
		for i, t := range trackRows {
			if d.stopped() {
				return
			}
			if i == len(trackRows)-1 {
				tt.keep(d.notesHeight(source))
			}
			tt.row(tableRow{cells: []string{trackLabel(dict, t.track, d.lang),
				opt(t.prevStudents), opt(t.students), diff(t.prevStudents, t.students),
				opt(t.prevCerts), opt(t.certs), diff(t.prevCerts, t.certs)}})
		}
		tt.endNotes(source)
	}

	// By institution and track.
	facts, err := readRevisionFacts(rev.Facts)
	if err != nil {
		d.f.SetError(fmt.Errorf("revisions %s: %w", yl, err))
		return
	}
	d.ensure(keepTitled)
	d.subheading(r("rev.by.inst"))
	it := d.newTable(r("rev.by.inst"), 8, []tableCol{
		{d.p("institution"), 44, "L"},
		{d.p("track"), 30, "L"},
		{r("rev.col.change"), 18, "L"},
		{fmt.Sprintf(r("rev.col.students"), n), 23, "R"},
		{fmt.Sprintf(r("rev.col.certs"), n), 23, "R"},
		{r("rev.col.file"), 32, "L"},
	})
	it.begin()
	fromTo := func(before, after optInt) string { return opt(before) + " → " + opt(after) }
	// The reading line reads the first correction out (an added or removed
	// row has one figure only: its row reads plainly).
	reading := ""
	for _, f := range facts {
		if f.change == aggregate.ChangeChanged {
			reading = pdfShow(fmt.Sprintf(r("rev.read"), f.name+" ("+f.uai+")", Quote(trackLabel(dict, f.track, d.lang), d.lang), n,
				opt(f.prevStudents), Quote(fileName(f.file), d.lang), opt(f.students)))
			break
		}
	}
	for i, f := range facts {
		if i%64 == 0 && d.stopped() {
			return
		}
		file := fileName(f.file)
		if file == "" {
			file = "(" + r("rev.no.answer") + ")"
		}
		if i == len(facts)-1 {
			it.keep(d.notesHeight(source, reading))
		}
		it.row(tableRow{cells: []string{f.name + " (" + f.uai + ")", trackLabel(dict, f.track, d.lang), r("rev." + f.change),
			fromTo(f.prevStudents, f.students), fromTo(f.prevCerts, f.certs), file}})
	}
	it.endNotes(source, reading)
}
