package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
)

// The quality report, one per academic year, is the staff's working
// document: what came in for that year, what was refused and why, what was
// replaced or received twice, who did not answer and which figures to check
// before the annual report is signed off. It is not for publication (the
// cover and every page say so), and it holds what the annual report must
// not: file names, cells, instructions. Design notes: docs/outputs.md.

// QualityPDFName is the file name of one year's quality report, the same in
// both languages.
func QualityPDFName(year int) string { return "qualite-" + YearLabel(year) + ".pdf" }

// qualityOutputs are one quality report per academic year of the national
// table, in year order, each written on its own as the annual reports are.
func qualityOutputs(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, errors.New("quality reports: no tables to report on")
	}
	national, err := readNational(in.Tables.National)
	if err != nil {
		return nil, fmt.Errorf("quality reports: %w", err)
	}
	var outs []output
	for _, r := range national {
		year := r.Year
		outs = append(outs, output{name: QualityPDFName(year), write: func(ctx context.Context, w io.Writer) error {
			return WriteQualityPDF(ctx, w, in, year)
			// Twice its year's institutions: a quality report lists the
			// files and figures to check, and took twice the time of
			// the public report of the same year.
		}, key: in.Reuse.yearKey(in, "quality", QualityPDFName(year), year), weight: 2 * r.Institutions})
	}
	return outs, nil
}

// qualityData is what one year's quality report is drawn from.
type qualityData struct {
	year   int
	latest int // the latest year of the data: its report lists the files of no year
	batch  *ingest.Batch
	fates  []ingest.Fate // of batch.Files, for year
	all    []ingest.Fate // of batch.Files, over every year
	counts ingest.FileCounts
	noYear []int // indexes in batch.Files of the files of no year, in the latest year's report only
	asOf   time.Time
}

// WriteQualityPDF writes the quality report of one academic year (named by
// its ending year) in in.Lang: that year's files only, counted as
// ingest.Batch.Counts counts them; the files that belong to no year (the
// refused ones) in the report of the latest year. The bytes depend only on
// the input. It stops with ctx.Err() when ctx is done.
func WriteQualityPDF(ctx context.Context, w io.Writer, in Input, year int) error {
	d, err := drawQualityPDF(ctx, in, year)
	if err == nil {
		err = d.output(w)
	}
	if err != nil {
		return fmt.Errorf("quality report %s: %w", YearLabel(year), err)
	}
	return nil
}

// drawQualityPDF draws the quality report of year, ready to be written.
func drawQualityPDF(ctx context.Context, in Input, year int) (*pdfDoc, error) {
	fail := func(err error) (*pdfDoc, error) { return nil, err }
	if in.Tables == nil {
		return fail(errors.New("no tables to report on"))
	}
	national, err := readNational(in.Tables.National)
	if err != nil {
		return fail(err)
	}
	if len(national) == 0 {
		return fail(errors.New("no year in the data"))
	}
	qd := &qualityData{year: year, latest: national[len(national)-1].Year, batch: in.Batch}
	if qd.batch != nil {
		// One resolution of the batch's fates for every year's report.
		ft := in.fateTable()
		qd.fates = ft.Fates(year)
		qd.all = ft.Fates(0)
		qd.counts = ft.Counts(year, qd.fates)
		if year == qd.latest {
			qd.noYear = ft.NoYear()
		}
		qd.asOf = dataAsOf(qd.batch, year)
	}
	d := newQualityDoc(ctx, in.Lang, year, in.fontCache())
	d.edition = in.Edition
	for _, part := range []func() error{
		func() error { d.qualityCover(qd); return nil },
		func() error { d.qualitySummary(qd); return nil },
		// What changed since the year's latest published edition, and
		// which file changed it; nothing when the year has no edition.
		func() error { d.revisionsSection(in.Revisions[year], in.Tracks, qd.asOf); return nil },
		func() error { d.qualityWarnings(qd); return nil },
		func() error { d.qualityReplacements(qd); return nil },
		func() error { d.qualityDuplicates(qd); return nil },
		func() error { return d.qualityMissing(in, year) },
		func() error { return d.qualityOutliers(in, year) },
		func() error { d.qualityNoYear(qd); return nil },
		func() error { d.qualityAccepted(qd); return nil },
	} {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if err := part(); err != nil {
			return fail(err)
		}
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if err := d.f.Error(); err != nil {
		return fail(err)
	}
	return d, nil
}

// newQualityDoc is a report document (fonts, margins, fixed dates, /Lang,
// outline) whose information, running head and foot name the quality
// report and say it is internal.
func newQualityDoc(ctx context.Context, lang string, year int, fonts *fpdf.UTF8FontCache) *pdfDoc {
	d := newPDFDoc(ctx, lang, year, fonts)
	yl := YearLabel(year)
	d.f.SetTitle(fmt.Sprintf(d.p("quality.name.year"), yl), true)
	d.f.SetSubject(fmt.Sprintf(d.p("quality.subject"), yl), true)
	d.f.SetKeywords(fmt.Sprintf(d.p("quality.keywords"), yl), true)
	d.f.SetHeaderFunc(d.qualityHeader)
	d.f.SetFooterFunc(d.qualityFooter)
	return d
}

// qualityHeader runs at the top of every page but the cover.
func (d *pdfDoc) qualityHeader() {
	d.pageHeader(d.p("quality.name") + " — " + d.p("quality.internal.short"))
}

// qualityFooter runs at the bottom of every page, the cover included.
func (d *pdfDoc) qualityFooter() {
	d.pageFooter(fmt.Sprintf(d.p("quality.name.year"), YearLabel(d.year)) + " — " + d.p("quality.internal.short"))
}

// qualityCover draws page 1: title, year, that the document is internal,
// what it covers and the date of the data.
func (d *pdfDoc) qualityCover(qd *qualityData) {
	f := d.f
	f.AddPage()
	d.fill(colLine)
	f.Rect(0, 0, pageW, 8, "F")
	d.coverTitle(colLine, d.p("quality.name"))
	f.Ln(4)
	d.font("I", 13)
	d.color(colInk)
	d.lines(d.p("survey.short")+" — "+d.p("certificate.name"), 7)
	f.Ln(8)
	d.font("B", 12)
	d.color(colLine)
	d.lines(d.p("quality.internal"), 7)
	// Drawn again by publish, it says which edition it goes with.
	if d.edition != nil {
		d.lines(fmt.Sprintf(T(d.lang, "edition.quality"), FormatInt(int64(d.edition.N), d.lang), FormatDate(d.edition.Date, d.lang)), 7)
	}
	f.Ln(4)
	d.font("", 10.5)
	d.color(colInk)
	d.lines(fmt.Sprintf(d.p("quality.cover.what"), YearLabel(d.year)), 5.5)
	if !qd.asOf.IsZero() {
		f.Ln(3)
		f.SetX(marginL)
		f.CellFormat(contentW, 5.5, fmt.Sprintf(d.p("quality.cover.asof"), FormatDate(qd.asOf, d.lang)), "", 1, "L", false, 0, "")
	}
	d.font("", 11)
	d.color(colMuted)
	f.SetXY(marginL, 245)
	f.CellFormat(contentW, 6, d.p("author"), "", 1, "L", false, 0, "")
	d.color(colInk)
}

// qualitySection starts a section: its title, its introduction and, when
// t is given, its table's header, kept on one page with the table's first
// row (first), so that no title or introduction ends a page alone.
func (d *pdfDoc) qualitySection(title, intro string, t *pdfTable, first []string) {
	need := float64(headingH)
	if intro != "" {
		need += d.paragraphHeight(intro, 9)
	}
	if t != nil {
		need += t.startHeight(first)
	}
	d.keepWithNext(need)
	d.heading(title)
	if intro != "" {
		d.paragraph(intro, 9)
	}
	if t != nil {
		t.begin()
	}
}

// qualityMaxRows is the most rows a table of the quality report lists:
// a consolidated table of tens of thousands of institutions could give as
// many figures to check or institutions missing, hundreds of pages nobody
// reads; the CSV files and the workbook have them all.
const qualityMaxRows = 1000

// qualityTable draws a section whose table has rows (at least one): its
// title, introduction and table, then, when the rows were more than
// qualityMaxRows, a sentence saying where the full list is (full).
func (d *pdfDoc) qualityTable(title, intro string, t *pdfTable, rows [][]string, full string) {
	d.qualitySection(title, intro, t, rows[0])
	for i, r := range rows {
		if i == qualityMaxRows || d.stopped() {
			break
		}
		t.row(tableRow{cells: r})
	}
	t.end()
	if len(rows) > qualityMaxRows {
		d.paragraph(fmt.Sprintf(d.p("quality.cut"), FormatInt(qualityMaxRows, d.lang), FormatInt(int64(len(rows)), d.lang), full), 9)
	}
}

// qualitySummary draws the counts of the year's files, then says in one
// sentence which kinds have nothing to report and where refused files are.
func (d *pdfDoc) qualitySummary(qd *qualityData) {
	d.f.AddPage()
	yl := YearLabel(qd.year)
	if qd.batch == nil {
		d.qualitySection(d.p("quality.summary.title"), "", nil, nil)
		d.paragraph(d.p("qsum.nobatch"), 10)
		return
	}
	c := qd.counts
	n := func(v int) string { return FormatInt(int64(v), d.lang) }
	indent := NBSP + NBSP + NBSP
	rows := []tableRow{
		{cells: []string{fmt.Sprintf(d.p("quality.summary.received"), yl), n(c.Received)}, kind: rowSubtotal},
		{cells: []string{indent + d.p("quality.summary.accepted"), n(c.Accepted)}},
		{cells: []string{indent + d.p("quality.summary.replaced"), n(c.Replaced)}},
		{cells: []string{indent + d.p("quality.summary.duplicates"), n(c.Duplicates)}},
		{cells: []string{d.p("quality.summary.warned"), n(c.Warned)}},
		{cells: []string{d.p("quality.summary.replacements"), n(c.Replacements)}},
	}
	if qd.year == qd.latest {
		rows = append(rows, tableRow{cells: []string{d.p("quality.summary.noyear"), n(len(qd.noYear))}})
	}
	t := d.newTable(d.p("quality.summary.title"), 9.5, []tableCol{{"", 140, "L"}, {"", 30, "R"}})
	t.zebra = false
	intro := fmt.Sprintf(d.p("quality.summary.intro"), yl)
	d.keepWithNext(headingH + d.paragraphHeight(intro, 9))
	d.heading(d.p("quality.summary.title"))
	d.paragraph(intro, 9)
	for _, r := range rows {
		t.row(r)
	}
	t.end()

	var empty []string
	if !qd.has(func(i int) bool { return qd.counted(i) && len(qd.batch.Files[i].Warnings) > 0 }) {
		empty = append(empty, d.p("quality.empty.warn"))
	}
	if len(qd.replacements()) == 0 {
		empty = append(empty, d.p("quality.empty.repl"))
	}
	if c.Duplicates == 0 {
		empty = append(empty, d.p("quality.empty.dup"))
	}
	if c.Accepted == 0 {
		empty = append(empty, d.p("quality.empty.acc"))
	}
	if len(empty) > 0 {
		list := strings.Join(empty, ", ")
		if len(empty) > 1 {
			list = strings.Join(empty[:len(empty)-1], ", ") + d.p("and") + empty[len(empty)-1]
		}
		d.paragraph(fmt.Sprintf(d.p("quality.summary.empty"), yl, list), 10)
	}
	switch {
	case qd.year != qd.latest:
		d.paragraph(fmt.Sprintf(d.p("quality.summary.refused.elsewhere"), YearLabel(qd.latest)), 10)
	case len(qd.noYear) == 0:
		d.paragraph(d.p("quality.summary.refused.none"), 10)
	}
}

// has reports whether a file of the batch satisfies ok.
func (qd *qualityData) has(ok func(i int) bool) bool {
	if qd.batch == nil {
		return false
	}
	for i := range qd.batch.Files {
		if ok(i) {
			return true
		}
	}
	return false
}

// counted reports whether file i was accepted for the year, or replaced
// since: the files whose warnings concern the year.
func (qd *qualityData) counted(i int) bool {
	return qd.fates[i] == ingest.FateAccepted || qd.fates[i] == ingest.FateReplaced
}

// replacements are the year's replaced declarations, in the order they
// happened.
func (qd *qualityData) replacements() []ingest.Replacement {
	if qd.batch == nil {
		return nil
	}
	var out []ingest.Replacement
	for _, r := range qd.batch.Replacements {
		if r.Year == qd.year {
			out = append(out, r)
		}
	}
	return out
}

// problemCols are the columns of a list of refusals or warnings; the file
// column holds names.
func (d *pdfDoc) problemTable(title string) *pdfTable {
	t := d.newTable(title, 8, []tableCol{
		{d.p("file"), 52, "L"},
		{d.p("sheet"), 24, "L"},
		{d.p("cell"), 18, "L"},
		{d.p("quality.noyear.reason"), 76, "L"},
	})
	t.names = []bool{true, true}
	return t
}

// problemCells is one row of a problem table.
func (d *pdfDoc) problemCells(file string, p ingest.Problem) []string {
	if p.File != "" {
		file = p.File
	}
	msg := p.Message
	if !texts.Lang(d.lang).English() {
		// Messages come worded by ingest: a « or a colon never starts a
		// line here.
		msg = texts.FrenchSpacing(msg)
	}
	return []string{file, p.Sheet, p.Cell, msg}
}

// qualityWarnings lists the warnings of the year's files.
func (d *pdfDoc) qualityWarnings(qd *qualityData) {
	var files []int
	for i := range qd.fates {
		if qd.counted(i) && len(qd.batch.Files[i].Warnings) > 0 {
			files = append(files, i)
		}
	}
	if len(files) == 0 {
		return
	}
	var rows [][]string
	for _, i := range files {
		r := qd.batch.Files[i]
		for _, p := range r.Warnings {
			rows = append(rows, d.problemCells(r.File, p))
		}
	}
	d.qualityTable(d.p("quality.warn.title"), fmt.Sprintf(d.p("quality.warn.intro"), YearLabel(qd.year)), d.problemTable(d.p("quality.warn.title")), rows,
		Quote(wbT(d.lang, "sheet.quality"), d.lang)+" ("+WorkbookName+")")
}

// qualityReplacements lists the year's replaced declarations: the file
// that no longer counts, and the one that replaced it.
func (d *pdfDoc) qualityReplacements(qd *qualityData) {
	repl := qd.replacements()
	if len(repl) == 0 {
		return
	}
	t := d.newTable(d.p("quality.repl.title"), 8, []tableCol{
		{d.p("uai"), 20, "L"}, {d.p("quality.repl.old"), 75, "L"}, {d.p("quality.repl.new"), 75, "L"},
	})
	t.names = []bool{false, true, true}
	var rows [][]string
	for _, r := range repl {
		rows = append(rows, []string{r.UAI, r.Old, r.New})
	}
	d.qualityTable(d.p("quality.repl.title"), fmt.Sprintf(d.p("quality.repl.intro"), YearLabel(qd.year)), t, rows,
		Quote(wbT(d.lang, "sheet.quality"), d.lang)+" ("+WorkbookName+")")
}

// qualityDuplicates lists the year's duplicates, each beside the file it
// copies, the one counted.
func (d *pdfDoc) qualityDuplicates(qd *qualityData) {
	var rows [][]string
	for _, dup := range qd.duplicates() {
		rows = append(rows, []string{dup.File, dup.SameAs})
	}
	if len(rows) == 0 {
		return
	}
	t := d.newTable(d.p("quality.dup.title"), 8, []tableCol{{d.p("quality.dup.file"), 85, "L"}, {d.p("quality.dup.original"), 85, "L"}})
	t.names = []bool{true, true}
	d.qualityTable(d.p("quality.dup.title"), d.p("quality.dup.intro"), t, rows, Quote(wbT(d.lang, "sheet.quality"), d.lang)+" ("+WorkbookName+")")
}

// duplicates are the batch's duplicates whose file concerns the year.
func (qd *qualityData) duplicates() []ingest.Duplicate {
	var out []ingest.Duplicate
	for _, dr := range qd.duplicateRows() {
		if qd.fates[dr.i] == ingest.FateDuplicate {
			out = append(out, dr.Duplicate)
		}
	}
	return out
}

// dupRow is a duplicate with the index of its file in the batch.
type dupRow struct {
	i int
	ingest.Duplicate
}

// duplicateRows pairs the batch's Duplicates with the files Fates calls
// duplicates, in order: a name may come back in a later run, so the nth
// record of a name is its nth file marked duplicate.
func (qd *qualityData) duplicateRows() []dupRow {
	if qd.batch == nil {
		return nil
	}
	// The files marked duplicate, by name, in order: one pass over each
	// list, whatever their lengths.
	byName := map[string][]int{}
	for i, fate := range qd.all {
		if fate == ingest.FateDuplicate {
			name := qd.batch.Files[i].File
			byName[name] = append(byName[name], i)
		}
	}
	var out []dupRow
	for _, dup := range qd.batch.Duplicates {
		if idx := byName[dup.File]; len(idx) > 0 {
			out = append(out, dupRow{idx[0], dup})
			byName[dup.File] = idx[1:]
		}
	}
	return out
}

// qualityNoYear lists, in the latest year's report, the files of no year:
// each refused file with all its reasons, and the copies of refused files.
func (d *pdfDoc) qualityNoYear(qd *qualityData) {
	if len(qd.noYear) == 0 {
		return
	}
	sameAs := map[int]string{}
	for _, dr := range qd.duplicateRows() {
		sameAs[dr.i] = dr.SameAs
	}
	all := qd.all
	rowsOf := func(i int) [][]string {
		r := qd.batch.Files[i]
		if all[i] == ingest.FateDuplicate {
			return [][]string{{r.File, "", "", fmt.Sprintf(d.p("quality.dup.refused"), Quote(sameAs[i], d.lang))}}
		}
		var rows [][]string
		for _, p := range r.Refusals {
			rows = append(rows, d.problemCells(r.File, p))
		}
		return rows
	}
	var rows [][]string
	for _, i := range qd.noYear {
		rows = append(rows, rowsOf(i)...)
	}
	if len(rows) == 0 {
		return
	}
	d.qualityTable(d.p("quality.noyear.title"), d.p("quality.noyear.intro"), d.problemTable(d.p("quality.noyear.title")), rows, RejectionsCSV)
}

// qualityAccepted lists the files whose figures count for the year, with
// their layout and the number of institutions each gave for it.
func (d *pdfDoc) qualityAccepted(qd *qualityData) {
	var files []int
	for i, fate := range qd.fates {
		if fate == ingest.FateAccepted {
			files = append(files, i)
		}
	}
	if len(files) == 0 {
		return
	}
	t := d.newTable(d.p("quality.acc.title"), 8, []tableCol{
		{d.p("file"), 115, "L"}, {d.p("quality.acc.layout"), 30, "L"}, {d.p("quality.acc.submissions"), 25, "R"},
	})
	t.names = []bool{true}
	cells := func(i int) []string {
		r := qd.batch.Files[i]
		layout := ""
		if r.Layout == 1 || r.Layout == 2 {
			layout = d.p("quality.acc.layout." + strconv.Itoa(r.Layout))
		}
		n := 0
		for _, s := range r.Submissions {
			if s.Year == qd.year {
				n++
			}
		}
		return []string{r.File, layout, FormatInt(int64(n), d.lang)}
	}
	rows := make([][]string, 0, len(files))
	for _, i := range files {
		rows = append(rows, cells(i))
	}
	d.qualityTable(d.p("quality.acc.title"), fmt.Sprintf(d.p("quality.acc.intro"), YearLabel(qd.year)), t, rows,
		Quote(wbT(d.lang, "sheet.quality"), d.lang)+" ("+WorkbookName+")")
}
