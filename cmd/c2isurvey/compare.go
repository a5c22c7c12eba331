package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
)

// noBreakdown is the track and group code of a total without track
// breakdown: most institutions answered so before 2011-2012.
const noBreakdown = "non-ventile"

type compareOptions struct {
	commonOptions
	in       listFlag
	data     string
	by       string
	only     string
	from, to string
	panel    bool
	format   string
	registry string
	fragile  int64
}

func cmdCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o compareOptions
	fs := newFlagSet("compare", "cli.help.compare", args, stderr)
	o.register(fs)
	fs.Var(&o.in, "in", "cli.flag.in")
	fs.StringVar(&o.data, "data", "", "cli.flag.compare.data")
	fs.StringVar(&o.by, "by", aggregate.ByGroup, "cli.flag.by")
	fs.StringVar(&o.only, "only", "", "cli.flag.only")
	fs.StringVar(&o.from, "from", "", "cli.flag.from")
	fs.StringVar(&o.to, "to", "", "cli.flag.to")
	fs.BoolVar(&o.panel, "panel", false, "cli.flag.panel")
	fs.StringVar(&o.format, "format", "table", "cli.flag.format")
	fs.StringVar(&o.registry, "registry", "", "cli.flag.registry")
	fs.Int64Var(&o.fragile, "fragile", aggregate.DefaultFragile, "cli.flag.compare.fragile")
	if err := parse(fs, spreadList(args, "in")); err != nil {
		return err
	}
	o.in = append(o.in, fs.Args()...)
	switch {
	case len(o.in) == 0 && o.data == "":
		return usagef("cli.usage-error.no-input-or-data")
	case len(o.in) > 0 && o.data != "":
		return usagef("cli.usage-error.in-and-data")
	case o.by != aggregate.ByGroup && o.by != aggregate.ByTrack:
		return usagef("cli.usage-error.by", o.by)
	case o.format != "table" && o.format != "csv":
		return usagef("cli.usage-error.format", o.format)
	case o.fragile < 1:
		return usagef("cli.usage-error.fragile")
	}
	return runCompare(ctx, o, stdout, stderr)
}

// parseYear reads a year flag: an ending year (2012) or an academic year
// (2011-2012). Empty is 0, no bound.
func parseYear(name, v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	// The survey's own reading of a year (2012, 2011-2012, 2011/2012), the
	// one every file goes through; no upper bound beyond a plausible one.
	y, err := ingest.ParseYear(v, 9999)
	if err != nil {
		return 0, usagef("cli.usage-error.year", name, v)
	}
	return y, nil
}

// runCompare reads the facts (files or the data folder's store) and the
// registry, builds the comparison and prints it.
func runCompare(ctx context.Context, o compareOptions, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %s", shown(fmt.Sprint(r)))
		}
	}()
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	en := opts.Lang == "en"
	copts := aggregate.CompareOptions{By: o.by, Panel: o.panel, Fragile: o.fragile}
	if copts.From, err = parseYear("from", o.from); err != nil {
		return err
	}
	if copts.To, err = parseYear("to", o.to); err != nil {
		return err
	}
	if copts.From != 0 && copts.To != 0 && copts.From > copts.To {
		return usagef("cli.usage-error.from-after-to", o.from, o.to)
	}
	for c := range strings.SplitSeq(o.only, ",") {
		if c = strings.TrimSpace(c); c != "" {
			if !knownKey(opts.Tracks, o.by, c) {
				what := "groupe"
				if o.by == aggregate.ByTrack {
					what = "parcours"
				}
				return usagef("cli.usage-error.only", c, what)
			}
			copts.Only = append(copts.Only, c)
		}
	}

	var reg *registry.Registry
	if o.registry != "" {
		res := loadRegistry(o.registry, opts)
		if res.Refused() {
			fmt.Fprintf(stderr, langOf(en).T("cli.compare.registry-refused"), shown(o.registry))
			printProblems(stderr, texts.Lang(opts.Lang), res.Refusals, res.Warnings)
			return errRefused
		}
		printProblems(stderr, texts.Lang(opts.Lang), nil, res.Warnings)
		reg = res.Registry
	}

	mem := memory.NewGoAllocator()
	var factRec arrow.RecordBatch
	if o.data != "" {
		dirs := inbox.Layout(o.data)
		if _, err := os.Stat(dirs.Store); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf(langOf(en).T("cli.compare.has-no-store-nothing"), dirs.Root, dirs.Store, dirs.Root)
		}
		st, err := store.Open(dirs.Store)
		if err != nil {
			return err
		}
		// From the record straight into the fact table (store.Facts).
		fb := aggregate.NewFactBuilder(mem, opts.Tracks)
		err = st.Facts(ctx, fb.Reserve, fb.Add)
		st.Close()
		if err != nil {
			fb.Release()
			return err
		}
		factRec = fb.NewRecordBatch()
		if o.registry == "" {
			reg = runRegistry(dirs, opts, stderr)
		}
	} else {
		files, _, err := ingest.Collect(o.in)
		if err != nil {
			return err
		}
		bar := newProgress(stderr, len(files), texts.Lang(opts.Lang).T("cli.files"))
		batch, err := ingest.ReadAll(ctx, files, opts, bar.Set)
		bar.Done()
		if err != nil {
			return err
		}
		if n := refusedFiles(batch); n > 0 {
			fmt.Fprint(stderr, langOf(en).F("cli.compare.file-refused-left-out", texts.Count(n)))
		}
		factRec = aggregate.FactTable(mem, batch.Facts, opts.Tracks)
	}
	defer factRec.Release()
	cmpRec, err := aggregate.BuildCompare(mem, factRec, reg, opts.Tracks, copts)
	if err != nil {
		return err
	}
	defer cmpRec.Release()
	comp, err := aggregate.BuildCompleteness(mem, factRec, reg)
	if err != nil {
		return err
	}
	defer comp.Release()
	warnCompleteness(stderr, opts.Lang, comp, reg != nil)

	if o.format == "csv" {
		return printCompareCSV(stdout, cmpRec, o.panel)
	}
	rows, err := readCompareRows(cmpRec)
	if err != nil {
		return err
	}
	t := compareTable{lang: opts.Lang, dict: opts.Tracks, by: o.by, fragileBelow: o.fragile, rows: rows}
	t.years, t.answered = completenessByYear(comp.Years, copts.From, copts.To)
	if t.facts, err = yearFactsOf(factRec); err != nil {
		return err
	}
	if o.panel {
		p, err := aggregate.BuildPanel(mem, factRec, reg, opts.Tracks)
		if err != nil {
			return err
		}
		defer p.Release()
		t.panels = panelSizes(p)
		return t.printPanel(stdout)
	}
	return t.print(stdout)
}

func knownKey(dict *tracks.Dictionary, by, code string) bool {
	for _, t := range dict.Tracks() {
		if (by == aggregate.ByTrack && t.Code == code) || (by == aggregate.ByGroup && t.Group == code) {
			return true
		}
	}
	return false
}

func refusedFiles(b *ingest.Batch) int {
	n := 0
	for i := range b.Files {
		if b.Files[i].Refused() {
			n++
		}
	}
	return n
}

// warnCompleteness says on stderr what the registry tells about who
// answered: the answers it does not expect (counted all the same), or that
// without it no response rate exists.
func warnCompleteness(w io.Writer, lang string, c *aggregate.Completeness, haveRegistry bool) {
	en := lang == "en"
	if !haveRegistry {
		fmt.Fprintln(w, langOf(en).T("cli.compare.without-list-expected-institutions"))
		return
	}
	printUnexpected(w, lang, c.Unexpected)
}

// warnUnexpected prints, for report and run, the answers the registry does
// not expect (nothing without a registry: the outputs say there is none).
// They are counted in every table; staff should know of them, to correct
// the registry or ask who sent what.
func warnUnexpected(w io.Writer, lang string, facts arrow.RecordBatch, reg *registry.Registry) {
	if reg == nil || facts == nil {
		return
	}
	c, err := aggregate.BuildCompleteness(memory.NewGoAllocator(), facts, reg)
	if err != nil {
		fmt.Fprintln(w, shownError(err))
		return
	}
	defer c.Release()
	printUnexpected(w, lang, c.Unexpected)
}

// printUnexpected lists a table of aggregate.UnexpectedSchema.
func printUnexpected(w io.Writer, lang string, u arrow.RecordBatch) {
	en := lang == "en"
	if u.NumRows() == 0 {
		return
	}
	fmt.Fprint(w, langOf(en).F("cli.compare.warning-answer-from-institutions", texts.Count(u.NumRows())))
	year := u.Column(0).(*array.Int32)
	uai := u.Column(1).(*array.String)
	name := u.Column(2).(*array.String)
	reason := u.Column(4).(*array.String)
	for i := 0; i < int(u.NumRows()); i++ {
		why := reason.Value(i)
		switch why {
		case aggregate.ReasonUnknown:
			why = langOf(en).T("cli.compare.not-list")
		case aggregate.ReasonNotYet:
			why = langOf(en).T("cli.compare.before-its-first-expected")
		case aggregate.ReasonEnded:
			why = langOf(en).T("cli.compare.after-its-last-expected")
		}
		fmt.Fprintf(w, "  %s %s %s (%s)\n", report.YearLabel(int(year.Value(i))), shown(uai.Value(i)), shown(name.Value(i)), why)
	}
}

// printCompareCSV prints compare.csv's columns; with the panel, followed by
// the pair's previous year, the panel's institutions reporting the key and
// the previous year's figures on the same panel.
func printCompareCSV(w io.Writer, rec arrow.RecordBatch, panel bool) error {
	recs, err := report.CompareRecords(rec)
	if err != nil {
		return err
	}
	header := report.CompareHeader
	if panel {
		header = append(append([]string(nil), header...), "previous_year", "institutions", "previous_institutions", "previous_students",
			"previous_certificates", "previous_share", "previous_success_rate", "previous_fragile")
		rows, err := readCompareRows(rec)
		if err != nil {
			return err
		}
		for i, r := range rows {
			recs[i] = append(recs[i], strconv.Itoa(r.prevYear), strconv.FormatInt(r.institutions, 10), strconv.FormatInt(r.prevInstitutions, 10),
				strconv.FormatInt(r.prevStudents, 10), strconv.FormatInt(r.prevCerts, 10),
				csvFrac(r.prevShare), csvFrac(r.prevRate), strconv.FormatBool(r.prevFragile))
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	return cw.WriteAll(recs)
}

func csvFrac(f optRate) string {
	if !f.ok {
		return ""
	}
	return strconv.FormatFloat(f.v, 'f', 4, 64)
}

// optRate is a fraction that may not exist (a rate over nobody).
type optRate struct {
	v  float64
	ok bool
}

func rateAt(a *array.Float64, i int) optRate {
	if a.IsNull(i) {
		return optRate{}
	}
	return optRate{a.Value(i), true}
}

// compareRow is one row of the comparison table.
type compareRow struct {
	year, prevYear          int
	key                     string
	institutions            int64
	students, certs         int64
	share, rate             optRate
	fragile                 bool
	prevInstitutions        int64
	prevStudents, prevCerts int64
	prevShare, prevRate     optRate
	prevFragile             bool
}

func readCompareRows(rec arrow.RecordBatch) ([]compareRow, error) {
	if !rec.Schema().Equal(aggregate.CompareSchema) {
		return nil, fmt.Errorf("compare: table schema %s", rec.Schema())
	}
	col := func(name string) arrow.Array { return rec.Column(rec.Schema().FieldIndices(name)[0]) }
	year := col(aggregate.ColYear).(*array.Int32)
	prev := col(aggregate.ColPreviousYear).(*array.Int32)
	key := col(aggregate.ColKey).(*array.String)
	inst := col(aggregate.ColInstitutions).(*array.Int64)
	students := col(aggregate.ColStudents).(*array.Int64)
	certs := col(aggregate.ColCerts).(*array.Int64)
	share := col(aggregate.ColShare).(*array.Float64)
	rate := col(aggregate.ColRate).(*array.Float64)
	fragile := col(aggregate.ColFragile).(*array.Boolean)
	pInst := col(aggregate.ColPrevInstitutions).(*array.Int64)
	pStudents := col(aggregate.ColPrevStudents).(*array.Int64)
	pCerts := col(aggregate.ColPrevCerts).(*array.Int64)
	pShare := col(aggregate.ColPrevShare).(*array.Float64)
	pRate := col(aggregate.ColPrevRate).(*array.Float64)
	pFragile := col(aggregate.ColPrevFragile).(*array.Boolean)
	out := make([]compareRow, rec.NumRows())
	for i := range out {
		r := compareRow{
			year: int(year.Value(i)), key: key.Value(i), institutions: inst.Value(i),
			students: students.Value(i), certs: certs.Value(i), share: rateAt(share, i), rate: rateAt(rate, i),
			fragile: fragile.Value(i),
		}
		if !prev.IsNull(i) {
			r.prevYear = int(prev.Value(i))
			r.prevInstitutions = pInst.Value(i)
			r.prevStudents, r.prevCerts = pStudents.Value(i), pCerts.Value(i)
			r.prevShare, r.prevRate, r.prevFragile = rateAt(pShare, i), rateAt(pRate, i), pFragile.Value(i)
		}
		out[i] = r
	}
	return out, nil
}

// yearAnswers is a year's completeness, for the table's head.
type yearAnswers struct {
	answered int64
	expected int64 // -1 without a registry
	rate     optRate
}

// completenessByYear returns the years of the range present in the facts
// and who answered each.
func completenessByYear(rec arrow.RecordBatch, from, to int) ([]int, map[int]yearAnswers) {
	year := rec.Column(0).(*array.Int32)
	expected := rec.Column(1).(*array.Int64)
	answered := rec.Column(2).(*array.Int64)
	rate := rec.Column(4).(*array.Float64)
	var years []int
	m := map[int]yearAnswers{}
	for i := 0; i < int(rec.NumRows()); i++ {
		y := int(year.Value(i))
		if (from != 0 && y < from) || (to != 0 && y > to) {
			continue
		}
		years = append(years, y)
		a := yearAnswers{answered: answered.Value(i), expected: -1, rate: rateAt(rate, i)}
		if !expected.IsNull(i) {
			a.expected = expected.Value(i)
		}
		m[y] = a
	}
	return years, m
}

// yearFacts is what a year's facts say besides the comparison: who
// answered, and how many students were declared without track breakdown.
type yearFacts struct {
	institutions          int64
	noBreakdown, students int64
}

func yearFactsOf(facts arrow.RecordBatch) (map[int]yearFacts, error) {
	col := func(name string) arrow.Array { return facts.Column(facts.Schema().FieldIndices(name)[0]) }
	year := col(aggregate.ColYear).(*array.Int32)
	uai, err1 := aggregate.TextsOf(col(aggregate.ColUAI))
	track, err2 := aggregate.TextsOf(col(aggregate.ColTrack))
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("fact table: %w", err)
	}
	students := col(aggregate.ColStudents).(*array.Int64)
	m := map[int]yearFacts{}
	seen := map[[2]string]bool{}
	for i := 0; i < int(facts.NumRows()); i++ {
		y := int(year.Value(i))
		v := m[y]
		if k := [2]string{strconv.Itoa(y), uai.Value(i)}; !seen[k] {
			seen[k] = true
			v.institutions++
		}
		if track.Value(i) == noBreakdown {
			v.noBreakdown += students.Value(i)
		}
		v.students += students.Value(i)
		m[y] = v
	}
	return m, nil
}

// compareTable prints a comparison for people: years as columns.
type compareTable struct {
	lang         string
	dict         *tracks.Dictionary
	by           string
	fragileBelow int64
	rows         []compareRow
	years        []int
	answered     map[int]yearAnswers
	facts        map[int]yearFacts
	// panels[year]: the panel's institutions with the previous year, and
	// how many answered each of the two years.
	panels map[int]panelSize
}

type panelSize struct {
	panel, answered, prevAnswered                        int64
	students, certs, prevStudents, prevCerts             int64
	rawStudents, rawCerts, rawPrevStudents, rawPrevCerts int64
}

func ratio(num, den int64) optRate {
	if den == 0 {
		return optRate{}
	}
	return optRate{float64(num) / float64(den), true}
}

// panelSizes reads the "all" rows of a panel table.
func panelSizes(rec arrow.RecordBatch) map[int]panelSize {
	col := func(name string) arrow.Array { return rec.Column(rec.Schema().FieldIndices(name)[0]) }
	year := col(aggregate.ColYear).(*array.Int32)
	group := col(aggregate.ColGroup).(*array.String)
	inst := col(aggregate.ColInstitutions).(*array.Int64)
	raw := col(aggregate.ColRawInstitutions).(*array.Int64)
	rawPrev := col(aggregate.ColRawPrevInst).(*array.Int64)
	i64 := func(name string, i int) int64 { return col(name).(*array.Int64).Value(i) }
	m := map[int]panelSize{}
	for i := 0; i < int(rec.NumRows()); i++ {
		if group.Value(i) == aggregate.PanelAll {
			m[int(year.Value(i))] = panelSize{
				panel: inst.Value(i), answered: raw.Value(i), prevAnswered: rawPrev.Value(i),
				students: i64(aggregate.ColStudents, i), certs: i64(aggregate.ColCerts, i),
				prevStudents: i64(aggregate.ColPrevStudents, i), prevCerts: i64(aggregate.ColPrevCerts, i),
				rawStudents: i64(aggregate.ColRawStudents, i), rawCerts: i64(aggregate.ColRawCerts, i),
				rawPrevStudents: i64(aggregate.ColRawPrevStudents, i), rawPrevCerts: i64(aggregate.ColRawPrevCerts, i),
			}
		}
	}
	return m
}

func (t *compareTable) en() bool { return t.lang == "en" }

// keys returns the keys of the rows, in the table's order (the rows come
// in dictionary order within each year).
func (t *compareTable) keys() []string {
	var keys []string
	seen := map[string]bool{}
	rank := map[string]int{}
	for _, tr := range t.dict.Tracks() {
		k := tr.Group
		if t.by == aggregate.ByTrack {
			k = tr.Code
		}
		if _, ok := rank[k]; !ok {
			rank[k] = len(rank)
		}
	}
	for _, r := range t.rows {
		if !seen[r.key] {
			seen[r.key] = true
			keys = append(keys, r.key)
		}
	}
	order := func(k string) int {
		if r, ok := rank[k]; ok {
			return r
		}
		return len(rank)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && order(keys[j]) < order(keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func (t *compareTable) label(key string) string {
	for _, tr := range t.dict.Tracks() {
		if t.by == aggregate.ByTrack && tr.Code == key {
			return shown(tr.Label(t.lang))
		}
		if t.by == aggregate.ByGroup && tr.Group == key {
			return shown(tr.GroupLabel(t.lang))
		}
	}
	return shown(key)
}

// Cells: "—" where the key has no row that year (nothing declared for it),
// n.d. for a rate over nobody, a star after a fragile rate.
func (t *compareTable) none() string { return "—" }

func (t *compareTable) pct(f optRate) string {
	if !f.ok {
		return texts.Lang(t.lang).NotAvailable()
	}
	return report.FormatPercent(f.v, 1, t.lang)
}

func (t *compareTable) rateCell(f optRate, fragile bool) string {
	s := t.pct(f)
	if fragile {
		s += " *"
	}
	return s
}

func (t *compareTable) print(w io.Writer) error {
	en := t.en()
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
	title := langOf(en).T("cli.compare.comparison-by-track-group")
	if t.by == aggregate.ByTrack {
		title = langOf(en).T("cli.compare.comparison-by-track-every")
	}
	fmt.Fprintln(w, title)
	line := func(label string, cell func(y int) string) {
		fmt.Fprint(tw, padLabel(label)+"\t")
		for _, y := range t.years {
			fmt.Fprint(tw, cell(y)+"\t")
		}
		fmt.Fprintln(tw)
	}
	line("", func(y int) string { return report.YearLabel(y) })
	line(langOf(en).T("cli.compare.institutions-that-answered"), func(y int) string {
		return report.FormatInt(t.facts[y].institutions, t.lang)
	})
	if len(t.years) > 0 && t.answered[t.years[0]].expected >= 0 {
		line(langOf(en).T("cli.compare.which-expected"), func(y int) string { return report.FormatInt(t.answered[y].answered, t.lang) })
		line(langOf(en).T("cli.compare.expected"), func(y int) string { return report.FormatInt(t.answered[y].expected, t.lang) })
		line(langOf(en).T("cli.compare.response-rate"), func(y int) string { return t.pct(t.answered[y].rate) })
	}
	byYearKey := map[[2]string]compareRow{}
	for _, r := range t.rows {
		byYearKey[[2]string{strconv.Itoa(r.year), r.key}] = r
	}
	for _, k := range t.keys() {
		line(t.label(k), func(int) string { return "" })
		get := func(y int) (compareRow, bool) {
			r, ok := byYearKey[[2]string{strconv.Itoa(y), k}]
			return r, ok
		}
		cell := func(f func(compareRow) string) func(int) string {
			return func(y int) string {
				if r, ok := get(y); ok {
					return f(r)
				}
				return t.none()
			}
		}
		line(langOf(en).T("cli.compare.students"), cell(func(r compareRow) string { return report.FormatInt(r.students, t.lang) }))
		line(langOf(en).T("cli.compare.certificates"), cell(func(r compareRow) string { return report.FormatInt(r.certs, t.lang) }))
		line(langOf(en).T("cli.compare.share-certificates"), cell(func(r compareRow) string { return t.pct(r.share) }))
		line(langOf(en).T("cli.compare.success-rate"), cell(func(r compareRow) string { return t.rateCell(r.rate, r.fragile) }))
	}
	if t.showNoBreakdown() {
		line(langOf(en).T("cli.compare.no-track-breakdown-share"), func(y int) string {
			v := t.facts[y]
			if v.students == 0 {
				return texts.Lang(t.lang).NotAvailable()
			}
			return report.FormatPercent(float64(v.noBreakdown)/float64(v.students), 1, t.lang)
		})
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeTrimmed(w, buf.Bytes()); err != nil {
		return err
	}
	t.legend(w)
	return nil
}

// labelWidth is the width of the first column of a terminal table: labels
// are padded to it so that they stay left-aligned while the numbers are
// right-aligned.
const labelWidth = 52

func padLabel(s string) string {
	if n := utf8.RuneCountInString(s); n < labelWidth {
		return s + strings.Repeat(" ", labelWidth-n)
	}
	return s
}

// writeTrimmed writes a table without the spaces the empty cells leave at
// the end of lines.
func writeTrimmed(w io.Writer, b []byte) error {
	var out bytes.Buffer
	for line := range bytes.Lines(b) {
		out.Write(bytes.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	_, err := w.Write(out.Bytes())
	return err
}

// showNoBreakdown reports whether a year of the table has students declared
// without track breakdown: their tracks are unknown, and a table of tracks
// must say how much of the year it leaves out.
func (t *compareTable) showNoBreakdown() bool {
	for _, y := range t.years {
		if t.facts[y].noBreakdown > 0 {
			return true
		}
	}
	return false
}

func (t *compareTable) legend(w io.Writer) {
	en := t.en()
	what := langOf(en).T("cli.compare.group")
	if t.by == aggregate.ByTrack {
		what = langOf(en).T("cli.compare.track")
	}
	fmt.Fprint(w, langOf(en).F("cli.compare.nothing-declared-for-this",
		what, texts.Count(t.fragileBelow), texts.Lang(t.lang).NotAvailable()))
	var partial []string
	for _, y := range t.years {
		if v := t.facts[y]; v.noBreakdown > 0 {
			partial = append(partial, fmt.Sprintf("%s (%s)", report.YearLabel(y), report.FormatPercent(float64(v.noBreakdown)/float64(v.students), 0, t.lang)))
		}
	}
	if len(partial) > 0 {
		fmt.Fprintf(w, langOf(en).T("cli.compare.students-declared-without-track"),
			strings.Join(partial, ", "))
	}
}

// printPanel prints one block per year pair: the two years' figures on the
// institutions that answered both, and the change.
func (t *compareTable) printPanel(w io.Writer) error {
	en := t.en()
	fmt.Fprintln(w, langOf(en).T("cli.compare.comparison-on-constant-panel"))
	// The pairs are consecutive years of the range present in the facts,
	// as the comparison's: every pair is shown, with its whole, even when
	// no key kept by --only was declared in it.
	if len(t.years) < 2 {
		fmt.Fprintln(w, langOf(en).T("cli.compare.no-pair-years-compare"))
	}
	keys := t.keys()
	for i := 1; i < len(t.years); i++ {
		p, y := t.years[i-1], t.years[i]
		ps := t.panels[y]
		fmt.Fprintf(w, langOf(en).T("cli.compare.institution-answered-both-years"),
			report.YearLabel(p), report.YearLabel(y), report.FormatInt(ps.panel, t.lang),
			report.FormatInt(ps.prevAnswered, t.lang), report.YearLabel(p), report.FormatInt(ps.answered, t.lang), report.YearLabel(y))
		var buf bytes.Buffer
		tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(""), report.YearLabel(p), report.YearLabel(y), langOf(en).T("cli.compare.change"))
		for _, k := range keys {
			var r compareRow
			found := false
			for _, x := range t.rows {
				if x.year == y && x.key == k {
					r, found = x, true
				}
			}
			if !found {
				continue
			}
			// A side where no institution of the panel declared the key
			// shows "—": nothing declared is not zero students.
			prevOK, curOK := r.prevInstitutions > 0, r.institutions > 0
			side := func(ok bool, s string) string {
				if !ok {
					return t.none()
				}
				return s
			}
			both := func(s string) string { return side(prevOK && curOK, s) }
			fmt.Fprintf(tw, "%s\t\t\t\t\n", padLabel(t.label(k)))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.students")),
				side(prevOK, report.FormatInt(r.prevStudents, t.lang)), side(curOK, report.FormatInt(r.students, t.lang)), both(t.change(r.prevStudents, r.students)))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.certificates")),
				side(prevOK, report.FormatInt(r.prevCerts, t.lang)), side(curOK, report.FormatInt(r.certs, t.lang)), both(t.change(r.prevCerts, r.certs)))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.share-certificates")),
				side(prevOK, t.pct(r.prevShare)), side(curOK, t.pct(r.share)), both(t.points(r.prevShare, r.share)))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.success-rate")),
				side(prevOK, t.rateCell(r.prevRate, r.prevFragile)), side(curOK, t.rateCell(r.rate, r.fragile)), both(t.points(r.prevRate, r.rate)))
		}
		// The whole, on the panel and on every institution that answered:
		// the change on the same institutions beside the raw change.
		for _, whole := range []struct {
			label           string
			students, certs [2]int64
		}{
			{langOf(en).T("cli.compare.all-tracks-same-institutions"), [2]int64{ps.prevStudents, ps.students}, [2]int64{ps.prevCerts, ps.certs}},
			{langOf(en).T("cli.compare.all-tracks-every-respondent"), [2]int64{ps.rawPrevStudents, ps.rawStudents}, [2]int64{ps.rawPrevCerts, ps.rawCerts}},
		} {
			fmt.Fprintf(tw, "%s\t\t\t\t\n", padLabel(whole.label))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.students")),
				report.FormatInt(whole.students[0], t.lang), report.FormatInt(whole.students[1], t.lang), t.change(whole.students[0], whole.students[1]))
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.certificates")),
				report.FormatInt(whole.certs[0], t.lang), report.FormatInt(whole.certs[1], t.lang), t.change(whole.certs[0], whole.certs[1]))
			prevRate, rate := ratio(whole.certs[0], whole.students[0]), ratio(whole.certs[1], whole.students[1])
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", padLabel(langOf(en).T("cli.compare.success-rate")),
				t.pct(prevRate), t.pct(rate), t.points(prevRate, rate))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if err := writeTrimmed(w, buf.Bytes()); err != nil {
			return err
		}
	}
	t.legend(w)
	return nil
}

func (t *compareTable) change(prev, cur int64) string {
	if prev == 0 {
		return texts.Lang(t.lang).NotAvailable()
	}
	return texts.Lang(t.lang).SignedPercent(float64(cur-prev)/float64(prev), 1)
}

func (t *compareTable) points(prev, cur optRate) string {
	if !prev.ok || !cur.ok {
		return texts.Lang(t.lang).NotAvailable()
	}
	return report.FormatPoints(cur.v-prev.v, 1, t.lang)
}
