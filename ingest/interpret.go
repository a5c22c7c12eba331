package ingest

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/tracks"
)

// Options say how to read and word a file.
type Options struct {
	// Lang is the language of messages: "fr" (the default) or "en".
	Lang string
	// Tracks is the track dictionary; nil means tracks.Default().
	Tracks *tracks.Dictionary
	// Limits bound what reading a file may cost; the zero value means
	// sheet.DefaultLimits().
	Limits sheet.Limits
	// MaxYear is the last plausible survey year (ending year); the caller
	// passes next year. Zero means the current year plus one.
	MaxYear int
}

func (o Options) withDefaults() Options {
	if o.Lang != "en" {
		o.Lang = "fr"
	}
	if o.Tracks == nil {
		o.Tracks = tracks.Default()
	}
	if o.Limits == (sheet.Limits{}) {
		o.Limits = sheet.DefaultLimits()
	}
	if o.MaxYear == 0 {
		o.MaxYear = time.Now().Year() + 1
	}
	return o
}

// maxProblems caps the refusals (and warnings) listed for one file: past
// that, the file is plainly not what was expected and a longer list helps
// nobody.
const maxProblems = 50

// headerScanRows is how far down a sheet the header row is looked for: a form
// has a title and an identification block above its table.
const headerScanRows = 40

// field is a column (or identification label) the survey knows.
type field int

const (
	fYear field = iota
	fUAI
	fInstitution
	fAcademie
	fTrack
	fStudents
	fCerts
	fRate
	nFields
)

// synonyms lists the titles a field is written under, in French and English.
// They are compared by LabelKey, so case, accents, spaces, plurals, colons
// and parenthesised units do not matter.
func (f field) synonyms() []string {
	switch f {
	case fYear:
		return []string{"Année universitaire", "Année", "Année scolaire", "Année de l'enquête", "Academic year", "Year", "Session"}
	case fUAI:
		return []string{"Code UAI", "UAI", "Numéro UAI", "N° UAI", "Code RNE", "RNE", "UAI code", "UAI number"}
	case fInstitution:
		return []string{"Établissement", "Nom de l'établissement", "Nom établissement", "Établissement d'enseignement supérieur", "Institution", "Institution name", "Name of institution", "University", "Université"}
	case fAcademie:
		return []string{"Académie", "Académie de rattachement", "Academy", "Académie / région", "Region"}
	case fTrack:
		return []string{"Parcours", "Parcours de formation", "Formation", "Filière", "Track", "Programme", "Program"}
	case fStudents:
		return []string{"Étudiants concernés", "Étudiants", "Nombre d'étudiants", "Nombre d'étudiants concernés", "Effectif", "Effectifs concernés", "Inscrits", "Nombre d'inscrits", "Students", "Students concerned", "Number of students", "Enrolled"}
	case fCerts:
		return []string{"Certificats délivrés", "Certificats", "Certifiés", "Nombre de certificats", "Nombre de certificats délivrés", "Nombre de certifiés", "Certificates", "Certificates delivered", "Certificates awarded", "Number of certificates", "Certified"}
	case fRate:
		return []string{"Taux de réussite", "Taux", "Réussite", "Taux de certification", "Success rate", "Pass rate", "Rate"}
	}
	return nil
}

// label is the field's canonical title in lang, as messages show it.
func (f field) label(lang string) string {
	fr := [...]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés", "Taux de réussite"}
	en := [...]string{"Year", "UAI code", "Institution", "Académie", "Track", "Students", "Certificates", "Success rate"}
	if lang == "en" {
		return en[f]
	}
	return fr[f]
}

// matcher recognises field titles: an exact key, or a key that starts with a
// synonym's words ("Nombre d'étudiants concernés par le C2i2e"), the longest
// synonym winning.
type matcher struct {
	keys []matcherKey // longest first
}

type matcherKey struct {
	key string
	f   field
}

func newMatcher() matcher {
	var m matcher
	for f := field(0); f < nFields; f++ {
		for _, s := range f.synonyms() {
			m.keys = append(m.keys, matcherKey{LabelKey(s), f})
		}
	}
	sort.SliceStable(m.keys, func(i, j int) bool { return len(m.keys[i].key) > len(m.keys[j].key) })
	return m
}

func (m matcher) match(s string) (field, bool) {
	k := LabelKey(s)
	if k == "" {
		return 0, false
	}
	for _, mk := range m.keys {
		if k == mk.key || strings.HasPrefix(k, mk.key+" ") {
			return mk.f, true
		}
	}
	return 0, false
}

// isTotalLabel reports a label that names a total row rather than a track.
// The dictionary is asked first: "Total non ventilé" is a track.
func isTotalLabel(s string) bool {
	k := LabelKey(s)
	return k == "total" || strings.HasPrefix(k, "total ") || k == "totau" || k == "grand total" || k == "sous total" || k == "overall"
}

// interp holds the state of interpreting one file.
type interp struct {
	opts     Options
	lang     string
	dict     *tracks.Dictionary
	file     string
	format   sheet.Format
	sheet    *sheet.Sheet
	m        matcher
	refusals []Problem
	warnings []Problem
}

// Interpret reads the survey out of a workbook's grids: it finds the sheet
// and header row, tells the two layouts apart, reads and validates every
// value and returns a FileResult with File, Layout, Submissions, Refusals
// and Warnings set (ReadFile adds what comes from the file on disk). file is
// the path as the user gave it, used in locations. A file with any refusal
// has no submission: it is accepted or refused whole.
func Interpret(wb *sheet.Workbook, file string, opts Options) FileResult {
	opts = opts.withDefaults()
	in := &interp{opts: opts, lang: opts.Lang, dict: opts.Tracks, file: file, m: newMatcher()}
	res := FileResult{File: file}
	if wb == nil || len(wb.Sheets) == 0 {
		in.refuse(Location{File: file}, KindEmptyFile)
		res.Refusals = capProblems(in.lang, in.refusals)
		return res
	}
	in.format = wb.Format

	order := sheetOrder(wb)
	chosen, hdr := -1, header{}
	for _, i := range order {
		if h, ok := in.findHeader(&wb.Sheets[i]); ok {
			chosen, hdr = i, h
			break
		}
	}
	if chosen < 0 {
		in.sheet = &wb.Sheets[order[0]]
		l1 := []string{fTrack.label(in.lang), fStudents.label(in.lang), fCerts.label(in.lang)}
		l2 := []string{fYear.label(in.lang), fUAI.label(in.lang), fInstitution.label(in.lang)}
		in.refuse(in.locSheet(), KindNoHeader, list(in.lang, l1), list(in.lang, l2))
		res.Refusals = capProblems(in.lang, in.refusals)
		return res
	}
	in.sheet = &wb.Sheets[chosen]
	for _, i := range order {
		if i != chosen {
			if _, ok := in.findHeader(&wb.Sheets[i]); ok {
				in.warn(Location{File: file, Sheet: wb.Sheets[i].Name}, KindOtherSheet, quoted(wb.Sheets[i].Name), quoted(in.sheet.Name))
			}
		}
	}

	// The header tells the layout, whatever the file format: a table with
	// a year or UAI column is a consolidated table; without, the year and
	// UAI are in the identification block above it (a form, even one an
	// institution saved as CSV).
	var subs []Submission
	if hdr.col[fYear] >= 0 || hdr.col[fUAI] >= 0 {
		res.Layout = 2
		subs = in.layout2(hdr)
	} else {
		res.Layout = 1
		subs = in.layout1(hdr)
	}
	if len(in.refusals) == 0 {
		res.Submissions = subs
	}
	res.Refusals = capProblems(in.lang, in.refusals)
	res.Warnings = capProblems(in.lang, in.warnings)
	return res
}

// sheetOrder puts first the sheets whose name says they hold the survey
// ("Enquête…", "Survey…"), then the others in workbook order, so that a
// first sheet of instructions does not hide the form.
func sheetOrder(wb *sheet.Workbook) []int {
	var first, rest []int
	for i, s := range wb.Sheets {
		k := LabelKey(s.Name)
		if strings.HasPrefix(k, "enquete") || strings.HasPrefix(k, "survey") {
			first = append(first, i)
		} else {
			rest = append(rest, i)
		}
	}
	return append(first, rest...)
}

// header is a found header row: its 0-based row and the 0-based column of
// each field, -1 when absent.
type header struct {
	row  int
	col  [nFields]int
	dups [][2]int // pairs of columns that mean the same field
}

// findHeader looks for the first row, among the first headerScanRows, whose
// cells name at least two fields, one of them track, students or
// certificates (an identification row such as "Établissement | Académie"
// does not qualify).
func (in *interp) findHeader(s *sheet.Sheet) (header, bool) {
	for r := 0; r < len(s.Rows) && r < headerScanRows; r++ {
		h := header{row: r}
		for i := range h.col {
			h.col[i] = -1
		}
		n := 0
		for c, cell := range s.Rows[r] {
			if cell.Kind != sheet.Text {
				continue
			}
			f, ok := in.m.match(cell.Value)
			if !ok {
				continue
			}
			if h.col[f] >= 0 {
				h.dups = append(h.dups, [2]int{h.col[f], c})
				continue
			}
			h.col[f] = c
			n++
		}
		if n >= 2 && (h.col[fTrack] >= 0 || h.col[fStudents] >= 0 || h.col[fCerts] >= 0) {
			return h, true
		}
	}
	return header{}, false
}

// checkHeader refuses duplicate and missing required columns; it reports
// whether the rows can be read.
func (in *interp) checkHeader(h header, required []field) bool {
	ok := true
	for _, d := range h.dups {
		f, _ := in.m.match(in.at(h.row, d[0]).Value)
		in.refuse(in.loc(h.row, d[1]), KindDuplicateColumn, in.cellName(h.row, d[0]), in.cellName(h.row, d[1]), quoted(f.label(in.lang)))
		ok = false
	}
	var want []string
	for _, f := range required {
		want = append(want, f.label(in.lang))
	}
	// A missing column is pointed at where it could go: the first free
	// cell after the header's last title.
	free := 0
	if h.row < len(in.sheet.Rows) {
		for c, cell := range in.sheet.Rows[h.row] {
			if !blank(cell) {
				free = c + 1
			}
		}
	}
	for _, f := range required {
		if h.col[f] < 0 {
			in.refuse(in.loc(h.row, free), KindMissingColumn, h.row+1, quoted(f.label(in.lang)), list(in.lang, want))
			ok = false
		}
	}
	return ok
}

// --- cells and locations

func (in *interp) at(r, c int) sheet.Cell {
	if r < 0 || c < 0 || r >= len(in.sheet.Rows) || c >= len(in.sheet.Rows[r]) {
		return sheet.Cell{}
	}
	return in.sheet.Rows[r][c]
}

// blank reports a cell with nothing in it that counts: empty, spaces only,
// or a lone dash.
func blank(c sheet.Cell) bool {
	switch c.Kind {
	case sheet.Empty:
		return true
	case sheet.Text:
		return strings.TrimFunc(c.Value, isSpace) == "" || isDash(c.Value)
	}
	return false
}

func (in *interp) cellName(r, c int) string {
	if in.format == sheet.CSV {
		return csvCell(in.lang, r+1, c+1)
	}
	return sheet.CellRef(r+1, c+1)
}

func (in *interp) loc(r, c int) Location {
	return Location{File: in.file, Sheet: in.sheet.Name, Cell: in.cellName(r, c)}
}

func (in *interp) locSheet() Location { return Location{File: in.file, Sheet: in.sheet.Name} }

// firstDataCell is where the first figure of a table should be: under the
// header, in the students column.
func (in *interp) firstDataCell(h header) Location {
	return in.loc(h.row+1, max(h.col[fStudents], 0))
}

func (in *interp) refuse(l Location, kind string, args ...any) {
	in.refusals = append(in.refusals, Problem{Location: l, Kind: kind, Message: msgf(in.lang, kind, args...)})
}

func (in *interp) warn(l Location, kind string, args ...any) {
	in.warnings = append(in.warnings, Problem{Location: l, Kind: kind, Message: msgf(in.lang, kind, args...)})
}

func capProblems(lang string, ps []Problem) []Problem {
	if len(ps) <= maxProblems {
		return ps
	}
	out := append([]Problem(nil), ps[:maxProblems]...)
	return append(out, Problem{Location: Location{File: ps[0].File}, Kind: KindMoreProblems, Message: msgf(lang, KindMoreProblems, count(len(ps)-maxProblems))})
}

// --- values

// formulaProblem refuses a formula cell without a usable result and reports
// whether it did.
func (in *interp) formulaProblem(r, c int, f field) bool {
	cell := in.at(r, c)
	switch cell.Kind {
	case sheet.ErrorValue:
		in.refuse(in.loc(r, c), KindFormulaError, quoted(f.label(in.lang)), cell.Value)
		return true
	case sheet.NoValue:
		in.refuse(in.loc(r, c), KindFormulaNotComputed, quoted(f.label(in.lang)))
		return true
	}
	return false
}

// readCount reads a count cell. present is false for a blank cell (which
// means nobody); ok is false when a refusal was recorded.
func (in *interp) readCount(r, c int, f field) (n int64, present, ok bool) {
	cell := in.at(r, c)
	if blank(cell) {
		return 0, false, true
	}
	if in.formulaProblem(r, c, f) {
		return 0, true, false
	}
	var err error
	if cell.Kind == sheet.Number {
		n, err = ParseNumberCount(cell.Value)
	} else {
		n, err = ParseCount(cell.Value)
	}
	if err != nil {
		in.refuseValue(r, c, f, cell.Value, err)
		return 0, true, false
	}
	return n, true, true
}

func (in *interp) refuseValue(r, c int, f field, value string, err error) {
	kind := KindNotANumber
	var ve *ValueError
	if errors.As(err, &ve) {
		kind = ve.Kind
	}
	switch kind {
	case KindUAIKey:
		t := strings.ToUpper(stripSpaces(value))
		in.refuse(in.loc(r, c), kind, quoted(value), t[:7], string(UAIKey(t[:7])), quoted(t[:7]+string(UAIKey(t[:7]))))
	case KindUAICorsica:
		fixed, _ := corsicanUAI(strings.ToUpper(stripSpaces(value)))
		in.refuse(in.loc(r, c), kind, quoted(value), quoted(fixed))
	case KindAmbiguousThousands:
		// "12,000": twelve, or 12 000? Both readings, and how to write each.
		t := stripSpaces(value)
		i := strings.IndexAny(t, ",.")
		small, _ := strconv.ParseInt(t[:i], 10, 64)
		big, _ := strconv.ParseInt(t[:i]+t[i+1:], 10, 64)
		in.refuse(in.loc(r, c), kind, quoted(value), quoted(f.label(in.lang)), count(small), count(big),
			quoted(strconv.FormatInt(big, 10)), quoted(strings.ReplaceAll(formatCount("fr", big), nnbsp, " ")), quoted(strconv.FormatInt(small, 10)))
	case KindYearImplausible:
		in.refuse(in.loc(r, c), kind, quoted(value), minYear, in.opts.MaxYear)
	case KindBadRate, KindBadYear, KindYearNotConsecutive, KindBadUAI:
		in.refuse(in.loc(r, c), kind, quoted(value))
	default:
		in.refuse(in.loc(r, c), kind, quoted(value), quoted(f.label(in.lang)))
	}
}

// readRate reads a submitted success rate. A #DIV/0! on a row with no
// students is what a rate formula gives there: it means no rate, not a
// fault in the file. A rate formula that was never computed (a file written
// by a program, not saved by a spreadsheet) is no rate either: the rate is
// optional and always recomputed from the counts, so refusing the file for
// it would only make the institution send it again for nothing.
func (in *interp) readRate(r, c int, students int64) (rate float64, present, ok bool) {
	cell := in.at(r, c)
	if blank(cell) || cell.Kind == sheet.NoValue {
		return 0, false, true
	}
	if cell.Kind == sheet.ErrorValue && students == 0 && strings.EqualFold(strings.TrimSpace(cell.Value), "#DIV/0!") {
		return 0, false, true
	}
	if in.formulaProblem(r, c, fRate) {
		return 0, true, false
	}
	rate, err := ParseRate(cell.Value)
	if err != nil {
		in.refuseValue(r, c, fRate, cell.Value, err)
		return 0, true, false
	}
	return rate, true, true
}

// readYear reads a year cell; missing says where the year should have been
// (a phrase for the message).
func (in *interp) readYear(r, c int, missing string) (int, bool) {
	cell := in.at(r, c)
	if blank(cell) {
		in.refuse(in.locOrSheet(r, c), KindMissingYear, missing)
		return 0, false
	}
	if in.formulaProblem(r, c, fYear) {
		return 0, false
	}
	y, err := ParseYear(cell.Value, in.opts.MaxYear)
	if err != nil {
		in.refuseValue(r, c, fYear, cell.Value, err)
		return 0, false
	}
	return y, true
}

func (in *interp) readUAI(r, c int, missing string) (string, bool) {
	cell := in.at(r, c)
	if blank(cell) {
		in.refuse(in.locOrSheet(r, c), KindMissingUAI, missing)
		return "", false
	}
	if in.formulaProblem(r, c, fUAI) {
		return "", false
	}
	u, err := ParseUAI(cell.Value)
	if err != nil {
		in.refuseValue(r, c, fUAI, cell.Value, err)
		return "", false
	}
	return u, true
}

func (in *interp) readName(r, c int, missing string) (string, bool) {
	name := CleanName(in.at(r, c).Value)
	if blank(in.at(r, c)) || name == "" {
		in.refuse(in.locOrSheet(r, c), KindMissingInstitution, missing)
		return "", false
	}
	if in.formulaProblem(r, c, fInstitution) {
		return "", false
	}
	return name, true
}

// locOrSheet is the cell's location, or the sheet's when there is no cell
// (r < 0: a label that was not found at all).
func (in *interp) locOrSheet(r, c int) Location {
	if r < 0 || c < 0 {
		return in.locSheet()
	}
	return in.loc(r, c)
}

// --- rows

// trackRow is one row of figures: a track, or a total.
type trackRow struct {
	row                    int
	track                  tracks.Track
	label                  string
	students, certs        int64
	rate                   float64
	hasRate                bool
	trackCol, studCol, crt int
}

// subBuilder gathers the rows of one submission.
type subBuilder struct {
	uai, name, academie string
	year                int
	rows                []trackRow
	totals              []trackRow
	seen                map[string]int // track code → index in rows
}

// rowKind classifies a row under the header.
type rowKind int

const (
	rowSkip  rowKind = iota // blank, or a note with no figure
	rowTrack                // a known track
	rowTotal                // a total row
	rowBad                  // figures under a missing or unknown label (refused)
)

// readFigures reads the label, counts and rate of a row under the header.
// It records refusals for bad values and returns the row and its kind;
// figures reports whether any count or rate cell was filled.
func (in *interp) readFigures(r int, h header) (tr trackRow, kind rowKind, figures bool) {
	tc, sc, cc, rc := h.col[fTrack], h.col[fStudents], h.col[fCerts], h.col[fRate]
	figures = !blank(in.at(r, sc)) || !blank(in.at(r, cc)) || (rc >= 0 && !blank(in.at(r, rc)))
	label := CleanName(in.at(r, tc).Value)
	t, known := in.dict.Lookup(label)
	total := !known && isTotalLabel(label)
	switch {
	case known:
		kind = rowTrack
	case total:
		kind = rowTotal
	case !figures:
		return tr, rowSkip, false
	case label == "":
		in.refuse(in.loc(r, tc), KindMissingTrack, list(in.lang, in.trackLabels()))
		kind = rowBad
	default:
		in.refuse(in.loc(r, tc), KindUnknownTrack, quoted(label), list(in.lang, in.trackLabels()))
		kind = rowBad
	}
	tr = trackRow{row: r, track: t, label: label, trackCol: tc, studCol: sc, crt: cc}
	s, _, sok := in.readCount(r, sc, fStudents)
	c, _, cok := in.readCount(r, cc, fCerts)
	tr.students, tr.certs = s, c
	if !sok || !cok {
		return tr, rowBad, figures
	}
	// A total row is not a track: certificates above students there is
	// either the rows' own fault (already refused on the track row) or a
	// total that disagrees with the rows (refused by checkTotal), and a
	// message naming « Total » as a parcours would only confuse.
	if c > s && kind != rowTotal {
		name := label
		if known {
			name = t.Label(in.lang)
		}
		in.refuse(in.loc(r, cc), KindCertsAboveStudents, in.cellName(r, cc), count(c), in.cellName(r, sc), count(s), quoted(name))
		kind = rowBad
	}
	if rc >= 0 {
		rate, present, ok := in.readRate(r, rc, s)
		if !ok {
			return tr, rowBad, figures
		}
		if present {
			tr.rate, tr.hasRate = rate, true
			if s > 0 && kind != rowBad {
				if computed := float64(c) / float64(s); math.Abs(rate-computed) > 0.01+1e-9 {
					in.warn(in.loc(r, rc), KindRateMismatch, pct(rate), count(c), count(s), pct(computed))
				}
			}
		}
	}
	return tr, kind, figures
}

func (in *interp) trackLabels() []string {
	var out []string
	for _, t := range in.dict.Tracks() {
		out = append(out, t.Label(in.lang))
	}
	return out
}

// add records a track row, refusing a track seen before in the submission.
func (in *interp) add(sb *subBuilder, tr trackRow) {
	if sb.seen == nil {
		sb.seen = map[string]int{}
	}
	if i, dup := sb.seen[tr.track.Code]; dup {
		first := sb.rows[i]
		in.refuse(in.loc(tr.row, tr.trackCol), KindDuplicateTrack, quoted(tr.track.Label(in.lang)), in.cellName(first.row, first.trackCol), in.cellName(tr.row, tr.trackCol))
		return
	}
	sb.seen[tr.track.Code] = len(sb.rows)
	sb.rows = append(sb.rows, tr)
}

// finish checks a submission's total rows and turns its rows into facts.
// A submission made of a total row alone is the "no breakdown" track: before
// 2011-2012 most institutions reported totals only.
func (in *interp) finish(sb *subBuilder) Submission {
	totals := sb.totals
	if len(sb.rows) == 0 && len(totals) > 0 {
		if nv, ok := in.dict.ByCode(nonVentile); ok {
			first := totals[0]
			first.track = nv
			sb.rows = append(sb.rows, first)
			totals = totals[1:]
		} else {
			in.refuse(in.loc(totals[0].row, totals[0].trackCol), KindUnknownTrack, quoted(totals[0].label), list(in.lang, in.trackLabels()))
		}
	}
	if len(sb.rows) > 1 {
		if i, ok := sb.seen[nonVentile]; ok {
			nv := sb.rows[i]
			var s, c int64
			for j, tr := range sb.rows {
				if j != i {
					s, c = s+tr.students, c+tr.certs
				}
			}
			if s > 0 && s == nv.students && c == nv.certs {
				in.warn(in.loc(nv.row, nv.trackCol), KindNonVentileIsTotal, quoted(nv.label), in.cellName(nv.row, nv.trackCol))
				sb.rows = append(sb.rows[:i:i], sb.rows[i+1:]...)
			}
		}
	}
	var sumS, sumC int64
	for _, tr := range sb.rows {
		sumS, sumC = sumS+tr.students, sumC+tr.certs
	}
	for _, t := range totals {
		in.checkTotal(t, sumS, sumC)
	}
	sub := Submission{UAI: sb.uai, Year: sb.year, Institution: sb.name, Academie: sb.academie}
	rows := append([]trackRow(nil), sb.rows...)
	sort.SliceStable(rows, func(i, j int) bool { return in.dict.Order(rows[i].track.Code) < in.dict.Order(rows[j].track.Code) })
	for _, tr := range rows {
		sub.Facts = append(sub.Facts, Fact{
			Year: sb.year, UAI: sb.uai, Institution: sb.name, Academie: sb.academie,
			Track: tr.track.Code, TrackGroup: tr.track.Group,
			Students: tr.students, Certs: tr.certs, SubmittedRate: tr.rate, HasRate: tr.hasRate,
			Source: in.loc(tr.row, tr.studCol),
		})
	}
	return sub
}

func (in *interp) checkTotal(t trackRow, sumS, sumC int64) {
	if len(in.refusals) > 0 {
		// A refused row is missing from the sum: comparing the Total with
		// it would only pile a second, misleading message on the first.
		// The file is refused anyway; once corrected, the Total is checked.
		return
	}
	if t.students != sumS {
		in.refuse(in.loc(t.row, t.studCol), KindTotalMismatch, count(t.students), quoted(fStudents.label(in.lang)), in.cellName(t.row, t.studCol), count(sumS))
	}
	if t.certs != sumC {
		in.refuse(in.loc(t.row, t.crt), KindTotalMismatch, count(t.certs), quoted(fCerts.label(in.lang)), in.cellName(t.row, t.crt), count(sumC))
	}
}

// nonVentile is the dictionary code of the "no track breakdown" track.
const nonVentile = "non-ventile"

// --- layout 1: one institution's form

// idLabel is an identification label found above the table: where it is and
// the cell of its value (vr < 0 when nothing is written to its right).
type idLabel struct {
	r, c, vr, vc int
	inline       string // a value written in the label cell itself ("UAI : 0751717J")
}

func (in *interp) layout1(h header) []Submission {
	if !in.checkHeader(h, []field{fTrack, fStudents, fCerts}) {
		return nil
	}
	ids := map[field]idLabel{}
	for r := 0; r < h.row; r++ {
		row := in.sheet.Rows[r]
		for c, cell := range row {
			if cell.Kind != sheet.Text {
				continue
			}
			f, ok := in.m.match(cell.Value)
			if !ok || f > fAcademie {
				continue
			}
			if _, seen := ids[f]; seen {
				continue
			}
			id := idLabel{r: r, c: c, vr: -1, vc: -1}
			for vc := c + 1; vc < len(row); vc++ {
				if !blank(row[vc]) {
					id.vr, id.vc = r, vc
					break
				}
			}
			if id.vr < 0 {
				if _, after, ok := strings.Cut(cell.Value, ":"); ok {
					id.inline = CleanName(after)
				}
			}
			ids[f] = id
		}
	}

	sb := &subBuilder{}
	ok := true
	valueAt := func(f field) (r, c int, missing string) {
		id, found := ids[f]
		switch {
		case !found:
			return -1, -1, msgf(in.lang, phraseNoLabel, quoted(f.label(in.lang)))
		case id.vr < 0:
			return id.r, id.c, msgf(in.lang, phraseNoValue, quoted(CleanName(in.at(id.r, id.c).Value)))
		}
		return id.vr, id.vc, ""
	}
	// absent refuses a label with no value (r, c is then the label cell, or
	// -1 when the label itself is missing) and reports whether it did.
	absent := func(kind string, r, c int, missing string) bool {
		if missing == "" {
			return false
		}
		in.refuse(in.locOrSheet(r, c), kind, missing)
		ok = false
		return true
	}
	// A value written in the label cell itself is read as if it were the
	// cell to the right.
	inline := func(f field) (string, bool) {
		id, found := ids[f]
		return id.inline, found && id.vr < 0 && id.inline != ""
	}

	if v, yes := inline(fYear); yes {
		y, err := ParseYear(v, in.opts.MaxYear)
		if err != nil {
			in.refuseValue(ids[fYear].r, ids[fYear].c, fYear, v, err)
			ok = false
		}
		sb.year = y
	} else {
		if r, c, missing := valueAt(fYear); !absent(KindMissingYear, r, c, missing) {
			y, yok := in.readYear(r, c, missing)
			sb.year, ok = y, ok && yok
		}
	}
	if v, yes := inline(fUAI); yes {
		u, err := ParseUAI(v)
		if err != nil {
			in.refuseValue(ids[fUAI].r, ids[fUAI].c, fUAI, v, err)
			ok = false
		}
		sb.uai = u
	} else {
		if r, c, missing := valueAt(fUAI); !absent(KindMissingUAI, r, c, missing) {
			u, uok := in.readUAI(r, c, missing)
			sb.uai, ok = u, ok && uok
		}
	}
	if v, yes := inline(fInstitution); yes {
		sb.name = v
	} else {
		if r, c, missing := valueAt(fInstitution); !absent(KindMissingInstitution, r, c, missing) {
			n, nok := in.readName(r, c, missing)
			sb.name, ok = n, ok && nok
		}
	}
	if v, yes := inline(fAcademie); yes {
		sb.academie = v
	} else if r, c, missing := valueAt(fAcademie); missing == "" && r >= 0 && c >= 0 {
		// The académie is optional: a label with nothing beside it is no
		// académie, not an académie named after the label.
		sb.academie = CleanName(in.at(r, c).Value)
	}

	anyFigure, anyRow := false, false
	for r := h.row + 1; r < len(in.sheet.Rows); r++ {
		tr, kind, figures := in.readFigures(r, h)
		anyFigure = anyFigure || figures
		switch kind {
		case rowTrack:
			anyRow = true
			in.add(sb, tr)
		case rowTotal:
			anyRow = true
			sb.totals = append(sb.totals, tr)
		case rowBad:
			anyRow = true
		}
	}
	if !anyFigure && (!anyRow || len(in.refusals) == 0) {
		in.refuse(in.firstDataCell(h), KindNoData)
		return nil
	}
	sub := in.finish(sb)
	if !ok {
		return nil
	}
	return []Submission{sub}
}

// --- layout 2: a consolidated table

type subKey struct {
	uai  string
	year int
}

// seenName remembers the first name and académie given for a UAI, and the
// variants already warned about.
type seenName struct {
	name, academie string
	warned         map[string]bool
}

func (in *interp) layout2(h header) []Submission {
	if !in.checkHeader(h, []field{fYear, fUAI, fInstitution, fTrack, fStudents, fCerts}) {
		return nil
	}
	builders := map[subKey]*subBuilder{}
	var keys []subKey
	names := map[string]*seenName{}
	var runS, runC, allS, allC int64 // sums since the last grand total, and overall
	anyFigure := false

	emptyCell := msgf(in.lang, phraseEmptyCell) // worded once, not per row
	for r := h.row + 1; r < len(in.sheet.Rows); r++ {
		uaiCell := in.at(r, h.col[fUAI])
		_, uaiErr := ParseUAI(uaiCell.Value)
		if uaiErr != nil && in.grandTotalRow(r, h) {
			st, _, sok := in.readCount(r, h.col[fStudents], fStudents)
			ct, _, cok := in.readCount(r, h.col[fCerts], fCerts)
			anyFigure = true
			// A grand total may follow subtotals: it must match either the
			// rows since the previous grand total or the whole table.
			if sok && cok && !(st == allS && ct == allC) {
				in.checkTotal(trackRow{row: r, students: st, certs: ct, studCol: h.col[fStudents], crt: h.col[fCerts]}, runS, runC)
			}
			runS, runC = 0, 0
			continue
		}
		tr, kind, figures := in.readFigures(r, h)
		if kind == rowSkip && uaiErr != nil {
			continue // a blank line or a note: no figure, no track, no UAI
		}
		anyFigure = anyFigure || figures
		y, yok := in.readYear(r, h.col[fYear], emptyCell)
		u, uok := in.readUAI(r, h.col[fUAI], emptyCell)
		n, nok := in.readName(r, h.col[fInstitution], emptyCell)
		var aca string
		if h.col[fAcademie] >= 0 {
			aca = CleanName(in.at(r, h.col[fAcademie]).Value)
		}
		if uok && nok {
			in.checkName(names, u, n, aca, r, h)
		}
		if kind == rowSkip {
			// an institution's row with neither figures nor a known track
			if label := CleanName(in.at(r, h.col[fTrack]).Value); label != "" {
				in.refuse(in.loc(r, h.col[fTrack]), KindUnknownTrack, quoted(label), list(in.lang, in.trackLabels()))
			} else {
				in.refuse(in.loc(r, h.col[fTrack]), KindMissingTrack, list(in.lang, in.trackLabels()))
			}
			continue
		}
		if !yok || !uok || !nok || kind == rowBad {
			continue
		}
		k := subKey{u, y}
		sb, found := builders[k]
		if !found {
			first := names[u]
			sb = &subBuilder{uai: u, year: y, name: first.name, academie: first.academie}
			builders[k] = sb
			keys = append(keys, k)
		}
		if kind == rowTotal {
			sb.totals = append(sb.totals, tr)
			continue
		}
		in.add(sb, tr)
		runS, runC = runS+tr.students, runC+tr.certs
		allS, allC = allS+tr.students, allC+tr.certs
	}
	if !anyFigure && len(in.refusals) == 0 {
		in.refuse(in.firstDataCell(h), KindNoData)
		return nil
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].year != keys[j].year {
			return keys[i].year < keys[j].year
		}
		return keys[i].uai < keys[j].uai
	})
	var subs []Submission
	for _, k := range keys {
		subs = append(subs, in.finish(builders[k]))
	}
	return subs
}

// grandTotalRow reports a row of a consolidated table that totals the whole
// table: a total label in its year, UAI, institution or track column.
func (in *interp) grandTotalRow(r int, h header) bool {
	for _, f := range []field{fYear, fUAI, fInstitution, fTrack} {
		if c := h.col[f]; c >= 0 && isTotalLabel(in.at(r, c).Value) {
			if _, known := in.dict.Lookup(in.at(r, c).Value); !known {
				return true
			}
		}
	}
	return false
}

// checkName warns when one UAI is given different names or académies in one
// file; the first is kept. Differences of case, accents or spacing do not
// count.
func (in *interp) checkName(names map[string]*seenName, uai, name, aca string, r int, h header) {
	first, ok := names[uai]
	if !ok {
		names[uai] = &seenName{name: name, academie: aca, warned: map[string]bool{}}
		return
	}
	// The same text, the usual case, needs no normalising.
	if name != first.name && LabelKey(name) != LabelKey(first.name) && !first.warned["n"+name] {
		first.warned["n"+name] = true
		in.warn(in.loc(r, h.col[fInstitution]), KindInconsistentName, uai, quoted(name), quoted(first.name))
	}
	if h.col[fAcademie] >= 0 && aca != first.academie && LabelKey(aca) != LabelKey(first.academie) && !first.warned["a"+aca] {
		first.warned["a"+aca] = true
		in.warn(in.loc(r, h.col[fAcademie]), KindInconsistentAcademy, uai, quoted(aca), quoted(first.academie))
	}
}
