package ingest

import (
	"errors"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"c2isurvey/ingest/academies"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

// Options say how to read and word a file.
type Options struct {
	// Lang is the language of messages: "fr" (the default) or "en".
	Lang string
	// Tracks is the track dictionary; nil means tracks.Default().
	Tracks *tracks.Dictionary
	// Academies is the académie dictionary, by which the académie written
	// in a file is normalised and checked against the UAI's département;
	// nil means academies.Default().
	Academies *academies.Dictionary
	// Limits bound what reading a file may cost; the zero value means
	// sheet.DefaultLimits().
	Limits sheet.Limits
	// MaxYear is the last plausible survey year (ending year); the caller
	// passes next year. Zero means the current year plus one.
	MaxYear int

	// vocab is what every file is interpreted with and that depends only
	// on Tracks: built once by withDefaults and shared by the files of a
	// batch (ReadAll), read-only. It was a fifth of a form's reading time
	// when every file built its own (issue 10).
	vocab *vocabulary
	// titles, when not nil, is the reading worker's memo of titles matched
	// (Reader): it is never shared between goroutines.
	titles *titleMemo
	// dropFacts lets a consolidated table's facts go as each submission
	// is built, once counted (CheckFile).
	dropFacts bool
}

// vocabulary is the field matcher and the groups of a track dictionary.
type vocabulary struct {
	dict   *tracks.Dictionary
	m      matcher
	groups map[string]string // group key → group code
}

func newVocabulary(dict *tracks.Dictionary) *vocabulary {
	v := &vocabulary{dict: dict, m: newMatcher(), groups: map[string]string{}}
	for _, t := range dict.Tracks() {
		for _, g := range []string{t.Group, t.GroupFR, t.GroupEN} {
			if k := LabelKey(g); k != "" {
				v.groups[k] = t.Group
			}
		}
	}
	return v
}

// Prepared returns o with its defaults filled in and what interpreting a
// file needs built once: a caller reading many files one by one passes the
// prepared options to each, rather than have each file build them again.
func (o Options) Prepared() Options { return o.withDefaults() }

func (o Options) withDefaults() Options {
	if o.Lang != "en" {
		o.Lang = "fr"
	}
	if o.Tracks == nil {
		o.Tracks = tracks.Default()
	}
	if o.Academies == nil {
		o.Academies = academies.Default()
	}
	if o.Limits == (sheet.Limits{}) {
		o.Limits = sheet.DefaultLimits()
	}
	if o.MaxYear == 0 {
		o.MaxYear = time.Now().Year() + 1
	}
	if o.vocab == nil || o.vocab.dict != o.Tracks {
		o.vocab = newVocabulary(o.Tracks)
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
	keys := [...]string{"field.year", "field.uai", "field.institution", "field.academie", "field.track", "field.students", "field.certificates", "field.rate"}
	return texts.Lang(lang).T(keys[f])
}

// matcher recognises field titles: an exact key, or a key that starts with a
// synonym's words ("Nombre d'étudiants concernés par le C2i2e"), the longest
// synonym winning.
type matcher struct {
	keys []matcherKey // longest first
}

type matcherKey struct {
	key   string
	keySp string // key and a space: a title that starts with the key's words
	f     field
}

func newMatcher() matcher {
	var m matcher
	for f := field(0); f < nFields; f++ {
		for _, s := range f.synonyms() {
			k := LabelKey(s)
			m.keys = append(m.keys, matcherKey{k, k + " ", f})
		}
	}
	sort.SliceStable(m.keys, func(i, j int) bool { return len(m.keys[i].key) > len(m.keys[j].key) })
	return m
}

func (m matcher) match(s string) (field, bool) {
	// The key in a buffer of the stack: every text cell of a sheet's first
	// rows is matched, and only compared.
	var buf [128]byte
	k := appendLabelKey(buf[:0], s)
	if len(k) == 0 {
		return 0, false
	}
	for _, mk := range m.keys {
		if string(k) == mk.key || len(k) >= len(mk.keySp) && string(k[:len(mk.keySp)]) == mk.keySp {
			return mk.f, true
		}
	}
	return 0, false
}

// titleMemo is what a reading worker has worked out of the texts it has
// met. The forms of one template repeat their titles and their labels, and
// working out a text's key (tracks.AppendKey) before comparing it was a
// tenth of interpreting a form; a worker now does it once a text. A
// title's or an identification label's answer depends on the text alone
// (the matcher is the same for every dictionary); a track cell's depends
// on the dictionary too, and is kept for vocab's only.
type titleMemo struct {
	found map[string]titleMatch // match: a column's title
	ids   map[string]titleMatch // idLabel: an identification label
	rows  map[string]rowLabel   // rowLabel: a track cell, for vocab
	vocab *vocabulary
}

// rowLabel is what rowLabel found of a track cell's text.
type rowLabel struct {
	label string
	ti    totalInfo
	t     tracks.Track
	known bool
}

type titleMatch struct {
	f  field
	ok bool
}

// titleMemoMax bounds each of a memo's maps: a batch of forms has some
// hundreds of distinct titles; a table of a million distinct names adds
// none past it.
const (
	titleMemoMax     = 4096
	titleMemoMaxText = 256 // bytes: a longer text is worked out, not kept
)

// remember returns what work gives of text, taken from memo when it holds
// it; otherwise worked out, and kept while memo is within its bounds. A
// copy of text is kept: a CSV row's texts are parts of its whole line.
func remember[V any](memo *map[string]V, text string, work func(string) V) V {
	if v, ok := (*memo)[text]; ok {
		return v
	}
	v := work(text)
	if len(text) <= titleMemoMaxText && len(*memo) < titleMemoMax {
		if *memo == nil {
			*memo = make(map[string]V)
		}
		(*memo)[strings.Clone(text)] = v
	}
	return v
}

// match is in.m.match through the worker's memo, when it has one.
func (in *interp) match(s string) (field, bool) {
	if in.opts.titles == nil {
		return in.m.match(s)
	}
	r := remember(&in.opts.titles.found, s, func(s string) titleMatch {
		f, ok := in.m.match(s)
		return titleMatch{f, ok}
	})
	return r.f, r.ok
}

// interp holds the state of interpreting one file.
type interp struct {
	opts     Options
	lang     string
	dict     *tracks.Dictionary
	acad     *academies.Dictionary
	groups   map[string]string // group key → group code
	file     string
	format   sheet.Format
	sep      rune // a CSV file's separator
	sheet    *sheet.Sheet
	m        matcher
	refusals []Problem
	warnings []Problem
	// dropped counts the facts of a table's submissions let go once
	// built (Options.dropFacts).
	dropped int
	// nRefusals and nWarnings count every problem found; only the first
	// maxProblems of each are kept (and worded): a table of a million bad
	// rows would otherwise hold a million messages.
	nRefusals, nWarnings int

	// disp is what became of each row of the chosen sheet; refusedRow marks
	// the rows a refusal names. Together they prove that no row is dropped
	// without a word (see dispositions).
	disp       []disposition
	refusedRow map[int]bool
	// acadWarned remembers the académie texts already warned about.
	acadWarned map[string]bool
	// totals and acads memoise totalRule and academie: a consolidated
	// table repeats the same labels on every row.
	totals map[string]totalInfo
	acads  map[string]string
	// trackRefs holds one copy of each track a row names, so that a row
	// keeps a pointer rather than a copy of the track's seven fields.
	trackRefs map[string]*tracks.Track
	labels    map[string]string // see intern
	// blanks marks the blank rows of the sheet, noted when the grid is
	// dropped (dropGrid) so that dispositions need it no more.
	blanks []bool
	// streamCells is the row being read by readStreamed, which holds no
	// grid: it stands for row streamRow (see cells).
	streamCells []sheet.Cell
	streamRow   int
	// slab is where a table's facts are carved from (newFacts): its facts
	// all live as long as the file's result, and one allocation per
	// submission of one fact cost an object header and a size class each.
	slab []Fact
}

// disposition is what became of a row of the table's sheet. Every non-blank
// row ends as exactly one of: a fact, a recognised row (title,
// identification, header, total, note, hidden), or a refused row named by a
// refusal. There is no fourth way.
type disposition uint8

const (
	dispNone    disposition = iota // blank, or not classified (a defect the tests look for)
	dispFact                       // read as one fact
	dispHeader                     // title, identification block, header row or a repeated header
	dispTotal                      // a total or subtotal row, checked
	dispNote                       // a note: text alone in the first or label column
	dispHidden                     // a hidden row, not read (a warning names it)
	dispRefused                    // named by a refusal
)

// Interpret reads the survey out of a workbook's grids: it finds the sheet
// and header row, tells the two layouts apart, reads and validates every
// value and returns a FileResult with File, Layout, Submissions, Refusals
// and Warnings set (ReadFile adds what comes from the file on disk). file is
// the path as the user gave it, used in locations. A file with any refusal
// has no submission: it is accepted or refused whole.
//
// Visible content counts: a visible sheet is read before a hidden one, and
// the hidden rows and columns of the sheet read are left out, each named by
// a warning.
func Interpret(wb *sheet.Workbook, file string, opts Options) FileResult {
	res, _ := interpret(wb, file, opts)
	return res
}

// interpret is Interpret, also returning what became of every row of the
// sheet read (nil when no table was found).
func interpret(wb *sheet.Workbook, file string, opts Options) (FileResult, []disposition) {
	opts = opts.withDefaults()
	in := newInterp(file, opts)
	res := FileResult{File: file}
	if wb == nil || len(wb.Sheets) == 0 {
		in.refuse(Location{File: file}, KindEmptyFile)
		res.Refusals = capProblems(in.lang, in.refusals, in.nRefusals)
		return res, nil
	}
	in.format, in.sep = wb.Format, wb.Separator

	// Headers are looked for in what a person sees: hidden rows and
	// columns blanked.
	views := make([]sheet.Sheet, len(wb.Sheets))
	for i := range wb.Sheets {
		views[i] = visible(&wb.Sheets[i])
	}
	order := sheetOrder(wb)
	chosen, hdr := -1, header{}
	for _, i := range order {
		if h, ok := in.findHeader(&views[i]); ok {
			chosen, hdr = i, h
			break
		}
	}
	if chosen < 0 {
		in.sheet = &wb.Sheets[order[0]]
		l1 := []string{fTrack.label(in.lang), fStudents.label(in.lang), fCerts.label(in.lang)}
		l2 := []string{fYear.label(in.lang), fUAI.label(in.lang), fInstitution.label(in.lang)}
		in.refuse(in.locSheet(), KindNoHeader, list(in.lang, l1), list(in.lang, l2))
		res.Refusals = capProblems(in.lang, in.refusals, in.nRefusals)
		return res, nil
	}
	in.sheet = &views[chosen]
	if wb.Sheets[chosen].Hidden {
		in.warn(in.locSheet(), KindHiddenSheetRead, quoted(in.sheet.Name))
	}
	for _, i := range order {
		if i == chosen {
			continue
		}
		if _, ok := in.findHeader(&views[i]); ok {
			l := Location{File: file, Sheet: wb.Sheets[i].Name}
			if wb.Sheets[i].Hidden {
				in.warn(l, KindHiddenSheet, quoted(wb.Sheets[i].Name), quoted(in.sheet.Name))
			} else {
				in.warn(l, KindOtherSheet, quoted(wb.Sheets[i].Name), quoted(in.sheet.Name))
			}
		}
	}
	in.disp = make([]disposition, len(in.sheet.Rows))
	in.hidden(&wb.Sheets[chosen])
	for r := 0; r < hdr.row; r++ {
		if in.disp[r] == dispNone {
			in.disp[r] = dispHeader
		}
	}
	in.disp[hdr.row] = dispHeader

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
		res.Submissions, res.dropped = subs, in.dropped
	}
	res.Refusals = capProblems(in.lang, in.refusals, in.nRefusals)
	res.Warnings = capProblems(in.lang, in.warnings, in.nWarnings)
	return res, in.dispositions()
}

// newInterp starts the interpretation of one file; opts has its defaults.
func newInterp(file string, opts Options) *interp {
	return &interp{opts: opts, lang: opts.Lang, dict: opts.Tracks, acad: opts.Academies, file: file, m: opts.vocab.m, groups: opts.vocab.groups,
		refusedRow: map[int]bool{}, acadWarned: map[string]bool{}, totals: map[string]totalInfo{}, acads: map[string]string{},
		trackRefs: map[string]*tracks.Track{}, labels: map[string]string{}}
}

// dispositions returns what became of each row: refused when a refusal
// names it, none when it is blank.
func (in *interp) dispositions() []disposition {
	out := make([]disposition, len(in.disp))
	for r, d := range in.disp {
		switch {
		case in.blankRow(r) && d != dispHidden:
			out[r] = dispNone
		case in.refusedRow[r]:
			out[r] = dispRefused
		default:
			out[r] = d
		}
	}
	return out
}

// visible returns the sheet as a person sees it: the cells of hidden rows
// and columns blanked. The sheet is shared when nothing is hidden.
func visible(s *sheet.Sheet) sheet.Sheet {
	if len(s.HiddenRows) == 0 && len(s.HiddenCols) == 0 {
		return *s
	}
	v := *s
	v.Rows = make([][]sheet.Cell, len(s.Rows))
	hiddenCol := map[int]bool{}
	for _, c := range s.HiddenCols {
		hiddenCol[c-1] = true
	}
	hiddenRow := map[int]bool{}
	for _, r := range s.HiddenRows {
		hiddenRow[r-1] = true
	}
	for r, row := range s.Rows {
		if hiddenRow[r] {
			continue
		}
		if len(hiddenCol) == 0 {
			v.Rows[r] = row
			continue
		}
		cp := append([]sheet.Cell(nil), row...)
		for c := range cp {
			if hiddenCol[c] {
				cp[c] = sheet.Cell{}
			}
		}
		v.Rows[r] = cp
	}
	return v
}

// hidden warns about the hidden rows and columns of the sheet read that
// hold something, and marks the hidden rows as such: their content was not
// read.
func (in *interp) hidden(orig *sheet.Sheet) {
	for _, c := range orig.HiddenCols {
		for r, row := range orig.Rows {
			if c-1 < len(row) && !blank(row[c-1]) {
				in.warn(Location{File: in.file, Sheet: in.sheet.Name, Cell: in.cellName(r, c-1)}, KindHiddenColumn, sheet.ColName(c))
				break
			}
		}
	}
	for _, r := range orig.HiddenRows {
		i := r - 1
		if i < 0 || i >= len(orig.Rows) {
			continue
		}
		for c, cell := range orig.Rows[i] {
			if !blank(cell) {
				in.disp[i] = dispHidden
				in.warn(Location{File: in.file, Sheet: in.sheet.Name, Cell: in.cellName(i, c)}, KindHiddenRow, r)
				break
			}
		}
	}
}

func (in *interp) blankRow(r int) bool {
	if in.blanks != nil {
		return r >= len(in.blanks) || in.blanks[r]
	}
	for _, c := range in.cells(r) {
		if !blank(c) {
			return false
		}
	}
	return true
}

// dropGrid lets the garbage collector take the grid once every row has
// been read, before the facts are built: a table of a million rows holds
// about 200 MB of cells, as much again as its facts. What is still needed
// of the grid is kept: which rows are blank (for dispositions) and the
// sheet's name (for locations). Nothing reads a cell after it.
func (in *interp) dropGrid() {
	blanks := make([]bool, len(in.sheet.Rows))
	for r := range blanks {
		blanks[r] = in.blankRow(r)
	}
	in.blanks = blanks
	in.sheet = &sheet.Sheet{Name: in.sheet.Name, Hidden: in.sheet.Hidden}
}

// sheetOrder puts the visible sheets first, then the hidden ones (a hidden
// sheet is read only when no visible one holds a table); within each, the
// sheets whose name says they hold the survey ("Enquête…", "Survey…") come
// first, then the others in workbook order, so that a first sheet of
// instructions does not hide the form.
func sheetOrder(wb *sheet.Workbook) []int {
	var out []int
	for _, hidden := range []bool{false, true} {
		var first, rest []int
		for i, s := range wb.Sheets {
			if s.Hidden != hidden {
				continue
			}
			k := LabelKey(s.Name)
			if strings.HasPrefix(k, "enquete") || strings.HasPrefix(k, "survey") {
				first = append(first, i)
			} else {
				rest = append(rest, i)
			}
		}
		out = append(append(out, first...), rest...)
	}
	return out
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
			f, ok := in.match(cell.Value)
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
		f, _ := in.match(in.at(h.row, d[0]).Value)
		in.refuseAt(h.row, d[1], KindDuplicateColumn, in.cellName(h.row, d[0]), in.cellName(h.row, d[1]), quoted(f.label(in.lang)))
		ok = false
	}
	if !slices.ContainsFunc(required, func(f field) bool { return h.col[f] < 0 }) {
		return ok // the titles named below are worded only when one is missing
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
			in.refuseAt(h.row, free, KindMissingColumn, h.row+1, quoted(f.label(in.lang)), list(in.lang, want))
			ok = false
		}
	}
	return ok
}

// --- cells and locations

func (in *interp) at(r, c int) sheet.Cell {
	row := in.cells(r)
	if c < 0 || c >= len(row) {
		return sheet.Cell{}
	}
	return row[c]
}

// cells returns row r of the sheet: the streamed row when r is the row
// being streamed, nil when there is no such row.
func (in *interp) cells(r int) []sheet.Cell {
	if in.streamCells != nil && r == in.streamRow {
		return in.streamCells
	}
	if r < 0 || r >= len(in.sheet.Rows) {
		return nil
	}
	return in.sheet.Rows[r]
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
	in.nRefusals++
	if len(in.refusals) < maxProblems {
		in.refusals = append(in.refusals, Problem{Location: l, Kind: kind, Message: msgf(in.lang, kind, args...)})
	}
}

// refuseAt refuses at a cell and remembers that its row is refused.
func (in *interp) refuseAt(r, c int, kind string, args ...any) {
	in.refusedRow[r] = true
	in.refuse(in.loc(r, c), kind, args...)
}

// refuseAtOrSheet refuses at a cell, or at the sheet when there is no cell
// (r < 0).
func (in *interp) refuseAtOrSheet(r, c int, kind string, args ...any) {
	if r < 0 || c < 0 {
		in.refuse(in.locSheet(), kind, args...)
		return
	}
	in.refuseAt(r, c, kind, args...)
}

func (in *interp) warn(l Location, kind string, args ...any) {
	in.nWarnings++
	if len(in.warnings) < maxProblems {
		in.warnings = append(in.warnings, Problem{Location: l, Kind: kind, Message: msgf(in.lang, kind, args...)})
	}
}

// capProblems closes a list of the first maxProblems of n problems with one
// that says how many more there were.
func capProblems(lang string, ps []Problem, n int) []Problem {
	if n <= len(ps) {
		return ps
	}
	out := append([]Problem(nil), ps...)
	return append(out, Problem{Location: Location{File: ps[0].File}, Kind: KindMoreProblems, Message: msgf(lang, KindMoreProblems, count(n-len(ps)))})
}

// --- values

// formulaProblem refuses a formula cell without a usable result and reports
// whether it did.
func (in *interp) formulaProblem(r, c int, f field) bool {
	cell := in.at(r, c)
	switch cell.Kind {
	case sheet.ErrorValue:
		in.refuseAt(r, c, KindFormulaError, quoted(f.label(in.lang)), cell.Value)
		return true
	case sheet.NoValue:
		in.refuseAt(r, c, KindFormulaNotComputed, quoted(f.label(in.lang)))
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
	if args, ok := valueArgs(kind, value, in.opts.MaxYear); ok {
		in.refuseAt(r, c, kind, args...)
		return
	}
	switch kind {
	case KindAmbiguousThousands:
		// "12,000": twelve, or 12 000? Both readings, and how to write each.
		t := stripSpaces(value)
		i := strings.IndexAny(t, ",.")
		small, _ := strconv.ParseInt(t[:i], 10, 64)
		big, _ := strconv.ParseInt(t[:i]+t[i+1:], 10, 64)
		in.refuseAt(r, c, kind, quoted(value), quoted(f.label(in.lang)), count(small), count(big),
			quoted(strconv.FormatInt(big, 10)), quoted(strings.ReplaceAll(formatCount("fr", big), texts.ThinNBSP, " ")), quoted(strconv.FormatInt(small, 10)))
	case KindBadRate:
		in.refuseAt(r, c, kind, quoted(value))
	default:
		in.refuseAt(r, c, kind, quoted(value), quoted(f.label(in.lang)))
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
		in.refuseAtOrSheet(r, c, KindMissingYear, missing)
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
		in.refuseAtOrSheet(r, c, KindMissingUAI, missing)
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
		in.refuseAtOrSheet(r, c, KindMissingInstitution, missing)
		return "", false
	}
	if in.formulaProblem(r, c, fInstitution) {
		return "", false
	}
	return name, true
}

// --- rows

// trackRow is one row of figures: a track, or a total.
type trackRow struct {
	row                    int
	track                  *tracks.Track // shared (trackRef): never nil, zero for a total or an unknown label
	label                  string
	total                  *totalInfo // for a total row: what it totals; nil for a track row
	students, certs        int64
	rate                   float64
	hasRate                bool
	trackCol, studCol, crt int
}

// subBuilder gathers the rows of one submission.
type subBuilder struct {
	uai, name, academie string
	year                int
	rows                []trackRow // one per known track at most: duplicates are refused
	totals              []trackRow
}

// index returns the position in rows of the row of a track, -1 when none.
// A linear search: rows holds at most one row per track of the dictionary,
// and a map per submission cost more than the rows themselves in a table
// of a hundred thousand institutions.
func (sb *subBuilder) index(code string) int {
	for i := range sb.rows {
		if sb.rows[i].track.Code == code {
			return i
		}
	}
	return -1
}

// rowKind classifies a row under the header.
type rowKind int

const (
	rowSkip  rowKind = iota // no figure, no known track, no total label: a note, or a row to refuse
	rowTrack                // a known track
	rowTotal                // a total row
	rowBad                  // figures under a missing or unknown label (refused)
)

// rowLabel classifies the text of a row's track cell: its label cleaned,
// the total it is by rule and the track it names, through the worker's
// memo when it has one. A total is recognised by rule before the
// dictionary is asked: « Ensemble » or « Tous parcours confondus » beside
// track rows total them (see finish for a total row alone).
func (in *interp) rowLabel(text string) (label string, ti totalInfo, t tracks.Track, known bool) {
	work := func(text string) rowLabel {
		r := rowLabel{label: CleanName(text)}
		r.ti = in.totalRule(r.label)
		r.t, r.known = in.dict.Lookup(r.label)
		return r
	}
	var r rowLabel
	if memo := in.opts.titles; memo == nil {
		r = work(text)
	} else {
		if memo.vocab != in.opts.vocab {
			// Another dictionary names other tracks and groups.
			memo.vocab, memo.rows = in.opts.vocab, nil
		}
		r = remember(&memo.rows, text, func(text string) rowLabel {
			r := work(text)
			r.label = strings.Clone(r.label) // kept: not a part of a CSV line
			return r
		})
	}
	return r.label, r.ti, r.t, r.known
}

// readFigures reads the label, counts and rate of a row under the header.
// It records refusals for bad values and returns the row and its kind;
// figures reports whether any count or rate cell was filled.
func (in *interp) readFigures(r int, h header) (tr trackRow, kind rowKind, figures bool) {
	tc, sc, cc, rc := h.col[fTrack], h.col[fStudents], h.col[fCerts], h.col[fRate]
	figures = !blank(in.at(r, sc)) || !blank(in.at(r, cc)) || (rc >= 0 && !blank(in.at(r, rc)))
	label, ti, t, known := in.rowLabel(in.at(r, tc).Value)
	switch {
	case ti.ok:
		kind = rowTotal
	case known:
		kind = rowTrack
	case !figures:
		return tr, rowSkip, false
	case label == "":
		in.refuseAt(r, tc, KindMissingTrack, list(in.lang, in.trackLabels()))
		kind = rowBad
	default:
		in.refuseAt(r, tc, KindUnknownTrack, quoted(label), list(in.lang, in.trackLabels()))
		kind = rowBad
	}
	tr = trackRow{row: r, track: in.trackRef(t), label: in.intern(label), trackCol: tc, studCol: sc, crt: cc}
	if ti.ok {
		// A total row is rare: a track row does not carry the 40 bytes,
		// nor allocates them (a copy of its own, not ti, escapes).
		total := ti
		tr.total = &total
	}
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
		in.refuseAt(r, cc, KindCertsAboveStudents, in.cellName(r, cc), count(c), in.cellName(r, sc), count(s), quoted(name))
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

// trackRef returns the one copy of a track that rows point to.
func (in *interp) trackRef(t tracks.Track) *tracks.Track {
	if p, ok := in.trackRefs[t.Code]; ok {
		return p
	}
	p := &t
	in.trackRefs[t.Code] = p
	return p
}

// intern returns a copy of a label that rows repeat ("Doctorats" on every
// institution's row) shared by the rows that give it, so that a row kept
// until the facts are built does not hold its whole line of the file. The
// memo is bounded like the others; past it a label is copied alone.
func (in *interp) intern(s string) string {
	if p, ok := in.labels[s]; ok {
		return p
	}
	c := strings.Clone(s)
	if len(in.labels) < maxCached {
		in.labels[s] = c
	}
	return c
}

func (in *interp) trackLabels() []string {
	var out []string
	for _, t := range in.dict.Tracks() {
		out = append(out, t.Label(in.lang))
	}
	return out
}

// --- rows that are neither tracks nor totals

// otherRow decides what a row with no figure, no known track and no total
// label is: a note, or a refusal naming the row and saying what to do. A
// note is strictly text alone in the first column or in the label column
// that is not a line of data written with another separator; anything else
// (text in several columns, a stray number, a line whose values all fell
// into one cell) is refused, so that no row is ever dropped without a word.
func (in *interp) otherRow(r, labelCol int) {
	row := in.cells(r)
	first, n := -1, 0
	for c, cell := range row {
		if !blank(cell) {
			if first < 0 {
				first = c
			}
			n++
		}
	}
	if first < 0 {
		return // blank
	}
	for c, cell := range row {
		if cell.Kind != sheet.Text {
			continue
		}
		if sep, ok := dataLine(cell.Value); ok {
			if in.format == sheet.CSV && in.sep != 0 && sep != in.sep {
				in.refuseAt(r, c, KindWrongSeparator, r+1, quoted(sepName(in.lang, sep)), quoted(sepName(in.lang, in.sep)))
			} else {
				in.refuseAt(r, c, KindValuesInOneCell, in.cellName(r, c), quoted(sepName(in.lang, sep)))
			}
			return
		}
	}
	cell := row[first]
	if n == 1 && (first == 0 || first == labelCol) && cell.Kind == sheet.Text && !numeric(cell.Value) {
		in.disp[r] = dispNote
		return
	}
	in.refuseAt(r, first, KindUnrecognisedRow, r+1)
}

// dataLine reports a text that is a line of data written with a separator
// the file does not use ("Doctorats,12,7", "2012;0751717J;…;12;7"): split
// by ',', ';', tab or '|', it gives at least three fields, two of them
// numbers (or a UAI) and one holding a letter. A sentence with commas is
// not one: its fields are words.
func dataLine(s string) (rune, bool) {
	for _, sep := range []rune{';', '\t', '|', ','} {
		parts := strings.Split(s, string(sep))
		if len(parts) < 3 {
			continue
		}
		num, word := 0, false
		for _, p := range parts {
			p = stripSpaces(p)
			switch {
			case allDigits(p):
				num++
			case len(p) == 8 && allDigits(p[:7]):
				num++ // a UAI
			case strings.IndexFunc(p, unicode.IsLetter) >= 0:
				word = true
			}
		}
		if num >= 2 && word {
			return sep, true
		}
	}
	return 0, false
}

// numeric reports a text that reads as a number (a count or a rate).
func numeric(s string) bool {
	if _, err := ParseCount(s); err == nil || kindOfErr(err) == KindFractionalCount || kindOfErr(err) == KindAmbiguousThousands || kindOfErr(err) == KindNegativeCount {
		return true
	}
	_, err := ParseRate(s)
	return err == nil
}

func kindOfErr(err error) string {
	var ve *ValueError
	if errors.As(err, &ve) {
		return ve.Kind
	}
	return ""
}

// sepName names a separator for a message.
func sepName(lang string, sep rune) string {
	if sep == '\t' {
		return texts.Lang(lang).T("word.tab")
	}
	return string(sep)
}

// headerLike reports a row that repeats the table's header (printed again
// on every page, or a second table's): every column of the header holds
// the title of the same field again.
func (in *interp) headerLike(r int, h header) bool {
	n := 0
	for f, c := range h.col {
		if c < 0 {
			continue
		}
		cell := in.at(r, c)
		if cell.Kind != sheet.Text {
			return false
		}
		// A title starts with a letter; a figure, the usual cell, does not.
		if i := strings.IndexFunc(cell.Value, func(r rune) bool { return !isSpace(r) }); i < 0 || !unicode.IsLetter(firstRune(cell.Value[i:])) {
			return false
		}
		if x, ok := in.match(cell.Value); !ok || x != field(f) {
			return false
		}
		n++
	}
	return n >= 2
}

// idLabelAt returns the column of a cell of row r that is an identification
// label (year, UAI or institution) written as a form writes it: the title
// alone, or followed by ':' and a value. It is how a second identification
// block is told (a note such as « Année de référence : … » is not one: its
// words are more than the title).
func (in *interp) idLabelAt(r int) (int, field, bool) {
	for c, cell := range in.cells(r) {
		if f, ok := in.idLabel(cell); ok {
			return c, f, true
		}
	}
	return -1, 0, false
}

// idLabel says which identification field (year, UAI, institution) a
// cell's text labels, « Code UAI : » or « Année universitaire », through the
// worker's memo when it has one (titleMemo).
func (in *interp) idLabel(cell sheet.Cell) (field, bool) {
	if cell.Kind != sheet.Text {
		return 0, false
	}
	if in.opts.titles == nil {
		return in.idLabelOf(cell.Value)
	}
	r := remember(&in.opts.titles.ids, cell.Value, func(s string) titleMatch {
		f, ok := in.idLabelOf(s)
		return titleMatch{f, ok}
	})
	return r.f, r.ok
}

// idLabelOf is idLabel of a text, without the worker's memo.
func (in *interp) idLabelOf(text string) (field, bool) {
	title, _, _ := strings.Cut(text, ":")
	var buf [128]byte // every cell of a form's first rows: compared only
	k := appendLabelKey(buf[:0], title)
	if len(k) == 0 {
		return 0, false
	}
	for _, mk := range in.m.keys {
		if mk.key == string(k) && (mk.f == fYear || mk.f == fUAI || mk.f == fInstitution) {
			return mk.f, true
		}
	}
	return 0, false
}

// --- totals

// totalInfo says what a total row totals.
type totalInfo struct {
	ok    bool
	sub   bool   // a subtotal: of a group when named, else of the rows since the previous subtotal
	group string // the track group it names ("Sous-total masters"), if any
	track string // the track it names ("Total doctorats"), if any
}

// totalHeads are the words a total row starts with, in the form LabelKey
// gives them (plurals dropped). A label is a total when its key is one of
// them or starts with one followed by a space: « Totalement » is not.
var totalHeads = keyedHeads(
	[]string{"Sous-total", "Sous-totaux", "Sub-total", "Subtotal"},
	[]string{"Grand total", "Grand totaux", "Total", "Totaux", "Ensemble", "Overall", "All tracks", "All programmes",
		"Tous parcours", "Toutes formations", "Tous établissements", "Somme", "Sum"},
)

type totalHeadKey struct {
	key, prefix string // prefix is key followed by a space
	sub         bool
}

// keyedHeads keys the total heads once, longest first so that « Grand
// total » wins over « Total ».
func keyedHeads(sub, total []string) []totalHeadKey {
	var out []totalHeadKey
	for _, s := range sub {
		out = append(out, totalHeadKey{LabelKey(s), LabelKey(s) + " ", true})
	}
	for _, s := range total {
		out = append(out, totalHeadKey{LabelKey(s), LabelKey(s) + " ", false})
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].key) > len(out[j].key) })
	return out
}

// nonVentileWords mark the dictionary's "no breakdown" track: « Total non
// ventilé » is a track, not a total.
var nonVentileWords = keyedWords("non ventilé", "sans ventilation", "no breakdown", "not broken down", "non réparti")

// fillerWords may follow a total's head without naming what it totals
// (« Total général », « Tous parcours confondus », « Ensemble des parcours »).
var fillerWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range keyedWords("de", "des", "du", "d", "la", "le", "les", "l", "of", "the", "for", "général", "générale", "généraux",
		"parcours", "confondus", "confondues", "tracks", "tous", "toutes", "all", "formations", "établissements", "institutions", "programmes") {
		m[w] = true
	}
	return m
}()

// articles are the fillers that never name anything.
var articles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range keyedWords("de", "des", "du", "d", "la", "le", "les", "l", "of", "the", "for") {
		m[w] = true
	}
	return m
}()

func keyedWords(ws ...string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = LabelKey(w)
	}
	return out
}

// totalHead reports whether a label key starts with a total's words, and
// returns the words after them.
func totalHead(k string) (sub bool, rest string, ok bool) {
	for _, h := range totalHeads {
		if k == h.key {
			return h.sub, "", true
		}
		if r, found := strings.CutPrefix(k, h.prefix); found {
			return h.sub, r, true
		}
	}
	return false, "", false
}

// nonVentileLabel reports the label of the no-breakdown track, parentheses
// included (« Total (no breakdown) »).
func nonVentileLabel(s string) bool {
	k := tracks.Key(s)
	for _, nv := range nonVentileWords {
		if strings.Contains(k, nv) {
			return true
		}
	}
	return false
}

// isTotalLabel reports a label that names a total row rather than a track,
// by rule: « Total », « Total général », « Totaux », « Grand total »,
// « Sous-total … », « Ensemble », « Tous parcours confondus », « All
// tracks », « Overall »… but not « Total non ventilé », the track of an
// institution that gives no breakdown.
func isTotalLabel(s string) bool {
	_, _, ok := totalHead(LabelKey(s))
	return ok && !nonVentileLabel(s)
}

// totalRule tells whether a label is a total and what it totals: a track
// group or a track when the words after the head name one, else everything
// (or, for a subtotal, the rows since the previous subtotal).
func (in *interp) totalRule(label string) totalInfo {
	// Every head's first letter is one of these: most cells (numbers,
	// codes, names) are told apart without computing their key.
	i := strings.IndexFunc(label, unicode.IsLetter)
	if i < 0 || !strings.ContainsRune("aegostAEGOST", rune(label[i])) {
		return totalInfo{}
	}
	if ti, ok := in.totals[label]; ok {
		return ti
	}
	ti := in.totalRuleUncached(label)
	if len(in.totals) < maxCached {
		in.totals[label] = ti
	}
	return ti
}

// maxCached bounds the memo of labels already classified: a table repeats
// the same few labels, a hostile one may not.
const maxCached = 4096

func (in *interp) totalRuleUncached(label string) totalInfo {
	sub, rest, ok := totalHead(LabelKey(label))
	if !ok || nonVentileLabel(label) {
		return totalInfo{}
	}
	if _, line := dataLine(label); line {
		// « Total,110,65 »: a total row written with another separator,
		// whose figures are in this cell, not in the table's columns.
		return totalInfo{}
	}
	ti := totalInfo{ok: true, sub: sub}
	var words, named []string
	for _, w := range strings.Fields(rest) {
		if !fillerWords[w] {
			words = append(words, w)
		}
		if !articles[w] {
			named = append(named, w)
		}
	}
	// « Total formation continue » names a group with a word that is
	// filler elsewhere: the words as written are tried first, then without
	// articles, then without any filler.
	for _, name := range []string{rest, strings.Join(named, " "), strings.Join(words, " ")} {
		if name == "" {
			continue
		}
		if g, found := in.groups[name]; found {
			ti.group = g
			return ti
		}
		if t, found := in.dict.Lookup(name); found {
			ti.track = t.Code
			return ti
		}
	}
	return ti
}

// generic reports a total of everything (not a subtotal, naming nothing).
func (t totalInfo) generic() bool { return !t.sub && t.group == "" && t.track == "" }

// add records a track row, refusing a track seen before in the submission.
func (in *interp) add(sb *subBuilder, tr trackRow) {
	if i := sb.index(tr.track.Code); i >= 0 {
		first := sb.rows[i]
		in.refuseAt(tr.row, tr.trackCol, KindDuplicateTrack, quoted(tr.track.Label(in.lang)), in.cellName(first.row, first.trackCol), in.cellName(tr.row, tr.trackCol))
		return
	}
	sb.rows = append(sb.rows, tr)
	in.disp[tr.row] = dispFact
}

// finish checks a submission's total rows and turns its rows into facts.
// A submission made of a total row alone is the "no breakdown" track: before
// 2011-2012 most institutions reported totals only.
func (in *interp) finish(sb *subBuilder) Submission {
	sub, later := in.build(sb)
	for _, p := range later {
		p()
	}
	return sub
}

// build is finish, the problems it finds returned rather than recorded:
// each records one, in the order finish records them. A table read as its
// rows come (table.grouped) builds a submission as soon as its rows are
// read, but records its problems once every row is read and the
// submissions are sorted, where and when finish would have: what they say,
// and whether a total is checked at all (checkTotal), depends on the
// refusals recorded before. Most submissions have none (nil).
func (in *interp) build(sb *subBuilder) (Submission, []func()) {
	var later []func()
	totals := sb.totals
	if len(sb.rows) == 0 && len(totals) > 0 {
		first := -1
		for i, t := range totals {
			if t.total.generic() {
				first = i
				break
			}
		}
		nv, ok := in.dict.ByCode(nonVentile)
		switch {
		case first >= 0 && ok:
			t := totals[first]
			t.track = in.trackRef(nv)
			sb.rows = append(sb.rows, t)
			in.disp[t.row] = dispFact
			totals = append(totals[:first:first], totals[first+1:]...)
		case first >= 0:
			t := totals[first]
			later = append(later, func() {
				in.refuseAt(t.row, t.trackCol, KindUnknownTrack, quoted(t.label), list(in.lang, in.trackLabels()))
			})
		}
	}
	if len(sb.rows) > 1 {
		if i := sb.index(nonVentile); i >= 0 {
			nv := sb.rows[i]
			var s, c int64
			for j, tr := range sb.rows {
				if j != i {
					s, c = s+tr.students, c+tr.certs
				}
			}
			if s > 0 && s == nv.students && c == nv.certs {
				later = append(later, func() {
					in.warn(in.loc(nv.row, nv.trackCol), KindNonVentileIsTotal, quoted(nv.label), in.cellName(nv.row, nv.trackCol))
				})
				sb.rows = append(sb.rows[:i:i], sb.rows[i+1:]...)
				in.disp[nv.row] = dispTotal
			}
		}
	}
	for _, t := range totals {
		sc := in.totalScope(t, sb.rows, totals)
		later = append(later, func() { in.checkTotal(t, sc) })
	}
	sub := Submission{UAI: sb.uai, Year: sb.year, Institution: sb.name, Academie: sb.academie}
	// The builder's rows are sorted in place: nothing reads them after,
	// and a reused builder (table.grouped) starts afresh.
	rows := sb.rows
	sort.SliceStable(rows, func(i, j int) bool { return in.dict.Order(rows[i].track.Code) < in.dict.Order(rows[j].track.Code) })
	if len(rows) > 0 {
		sub.Facts = in.newFacts(len(rows))
	}
	for _, tr := range rows {
		sub.Facts = append(sub.Facts, Fact{
			Year: sb.year, UAI: sb.uai, Institution: sb.name, Academie: sb.academie,
			Track: tr.track.Code, TrackGroup: tr.track.Group,
			Students: tr.students, Certs: tr.certs, SubmittedRate: tr.rate, HasRate: tr.hasRate,
			Source: in.loc(tr.row, tr.studCol),
		})
	}
	return sub, later
}

// slabFacts is how many facts a table's slab holds (about 700 KB).
const slabFacts = 4096

// newFacts returns an empty slice with room for n facts: carved from the
// slab when there is one (a table's), made alone otherwise. The slice's
// capacity is n, so that no append reaches a neighbour's facts.
func (in *interp) newFacts(n int) []Fact {
	if in.slab == nil || n > slabFacts/8 {
		return make([]Fact, 0, n)
	}
	if cap(in.slab)-len(in.slab) < n {
		in.slab = make([]Fact, 0, slabFacts)
	}
	l := len(in.slab)
	in.slab = in.slab[:l+n]
	return in.slab[l : l : l+n]
}

// scope is what a total row is compared with: the sums, and a phrase
// saying what was summed (empty for every track).
type scope struct {
	students, certs int64
	what            string
}

// totalScope sums the track rows a total row totals: every row for a total;
// the rows of a group or track it names; for an unnamed subtotal, the rows
// between the previous subtotal and itself.
func (in *interp) totalScope(t trackRow, rows, totals []trackRow) scope {
	var sc scope
	from := -1
	if t.total.sub && t.total.group == "" && t.total.track == "" {
		for _, o := range totals {
			if o.total.sub && o.row < t.row && o.row > from {
				from = o.row
			}
		}
		sc.what = msgf(in.lang, phraseSinceSubtotal)
	}
	for _, tr := range rows {
		switch {
		case t.total.group != "":
			if tr.track.Group != t.total.group {
				continue
			}
		case t.total.track != "":
			if tr.track.Code != t.total.track {
				continue
			}
		case t.total.sub:
			if tr.row <= from || tr.row >= t.row {
				continue
			}
		}
		sc.students, sc.certs = sc.students+tr.students, sc.certs+tr.certs
	}
	if t.total.group != "" {
		sc.what = msgf(in.lang, phraseOfGroup, quoted(in.groupLabel(t.total.group)))
	}
	if t.total.track != "" {
		if tk, ok := in.dict.ByCode(t.total.track); ok {
			sc.what = msgf(in.lang, phraseOfTrack, quoted(tk.Label(in.lang)))
		}
	}
	return sc
}

func (in *interp) groupLabel(code string) string {
	for _, t := range in.dict.Tracks() {
		if t.Group == code {
			return t.GroupLabel(in.lang)
		}
	}
	return code
}

func (in *interp) checkTotal(t trackRow, sc scope) {
	in.disp[t.row] = dispTotal
	if len(in.refusals) > 0 {
		// A refused row is missing from the sum: comparing the Total with
		// it would only pile a second, misleading message on the first.
		// The file is refused anyway; once corrected, the Total is checked.
		return
	}
	for _, x := range []struct {
		got, want int64
		col       int
		f         field
	}{{t.students, sc.students, t.studCol, fStudents}, {t.certs, sc.certs, t.crt, fCerts}} {
		if x.got == x.want {
			continue
		}
		if sc.what == "" {
			in.refuseAt(t.row, x.col, KindTotalMismatch, count(x.got), quoted(x.f.label(in.lang)), in.cellName(t.row, x.col), count(x.want))
		} else {
			in.refuseAt(t.row, x.col, KindSubtotalMismatch, count(x.got), quoted(x.f.label(in.lang)), in.cellName(t.row, x.col), count(x.want), sc.what)
		}
	}
}

// nonVentile is the dictionary code of the "no track breakdown" track.
const nonVentile = "non-ventile"

// --- académies

// academie normalises the académie written at (r, c) to the dictionary's
// canonical name for the survey year. An unknown académie is a warning and
// is replaced by the one the UAI's département implies (none when the
// département is unknown); one that contradicts the UAI's département is a
// warning and is kept as written (normalised): the file is accepted either
// way. A name given for a year it did not exist (Normandie in 2012) is read
// as the académie that covered the UAI's département that year (Caen).
func (in *interp) academie(raw, uai string, year, r, c int) string {
	if strings.TrimFunc(raw, isSpace) == "" {
		return ""
	}
	dept := uai
	if len(dept) > 3 {
		dept = dept[:3]
	}
	memo := raw + "\x00" + dept + "\x00" + strconv.Itoa(year)
	if a, ok := in.acads[memo]; ok {
		return a
	}
	a := in.academieUncached(CleanName(raw), uai, year, r, c)
	if len(in.acads) < maxCached {
		in.acads[memo] = a
	}
	return a
}

// academieUncached is academie without the memo. Its warnings are given
// once per text and département: a memo hit has nothing to add.
func (in *interp) academieUncached(raw, uai string, year, r, c int) string {
	implied, hasImplied := in.acad.ForUAI(uai, year)
	a, known := in.acad.Lookup(raw)
	warnOnce := func(key string, kind string, args ...any) {
		if !in.acadWarned[key] {
			in.acadWarned[key] = true
			in.warn(in.loc(r, c), kind, args...)
		}
	}
	switch {
	case !known:
		if hasImplied {
			warnOnce("u"+raw+"|"+implied.Code, KindUnknownAcademie, quoted(raw), msgf(in.lang, phraseAcademieFromUAI, quoted(implied.Name), uai))
			return implied.Name
		}
		warnOnce("u"+raw, KindUnknownAcademie, quoted(raw), msgf(in.lang, phraseNoAcademie))
		return ""
	case !hasImplied:
		return a.Name
	case a.Covers(uai):
		if a.Exists(year) {
			return a.Name
		}
		return implied.Name
	}
	warnOnce("m"+raw+"|"+uai, KindAcademieMismatch, quoted(raw), uai, quoted(implied.Name))
	return a.Name
}

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
		valueCol := -1 // the value of a label found to its left is no label
		for c, cell := range row {
			if cell.Kind != sheet.Text || c == valueCol {
				continue
			}
			f, ok := in.match(cell.Value)
			if !ok || f > fAcademie {
				continue
			}
			if first, seen := ids[f]; seen {
				// A second « Code UAI » (or year, or institution): two
				// identification blocks, and no telling which is right.
				if _, exact := in.idLabel(cell); exact {
					in.refuseAt(r, c, KindSecondIDBlock, quoted(CleanName(cell.Value)), in.cellName(first.r, first.c))
					for vc := c + 1; vc < len(row); vc++ {
						if !blank(row[vc]) {
							valueCol = vc
							break
						}
					}
				}
				continue
			}
			id := idLabel{r: r, c: c, vr: -1, vc: -1}
			for vc := c + 1; vc < len(row); vc++ {
				if !blank(row[vc]) {
					id.vr, id.vc = r, vc
					valueCol = vc
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

	// Room for a row of each track, the most a form may hold (add refuses
	// a second of one), rather than a slice grown row by row.
	sb := &subBuilder{rows: make([]trackRow, 0, in.dict.Len())}
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
		in.refuseAtOrSheet(r, c, kind, missing)
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
	if id, found := ids[fAcademie]; found {
		// The académie is optional: a label with nothing beside it is no
		// académie, not an académie named after the label.
		if v, yes := inline(fAcademie); yes {
			sb.academie = in.academie(v, sb.uai, sb.year, id.r, id.c)
		} else if id.vr >= 0 {
			sb.academie = in.academie(in.at(id.vr, id.vc).Value, sb.uai, sb.year, id.vr, id.vc)
		}
	}

	anyFigure, anyRow := false, false
	for r := h.row + 1; r < len(in.sheet.Rows); r++ {
		if in.disp[r] == dispHidden || in.blankRow(r) {
			continue
		}
		if c, f, found := in.idLabelAt(r); found && hasID(ids, f) {
			// An identification label under the table that is also above
			// it: a second form pasted below the first, or a block that
			// contradicts the one above. Which one counts cannot be told.
			// (A block only below the table is missing above: the
			// missing-label refusals say where it goes.)
			anyRow = true
			first := in.firstIDCell(ids)
			in.refuseAt(r, c, KindSecondIDBlock, quoted(CleanName(in.at(r, c).Value)), first)
			continue
		}
		if in.headerLike(r, h) {
			in.disp[r] = dispHeader
			continue
		}
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
		case rowSkip:
			in.otherRow(r, h.col[fTrack])
			anyRow = anyRow || in.refusedRow[r]
		}
	}
	if !anyFigure && (!anyRow || len(in.refusals) == 0) {
		in.noData(h)
		return nil
	}
	in.dropGrid()
	sub := in.finish(sb)
	if !ok {
		return nil
	}
	return []Submission{sub}
}

// noData refuses a table without a figure. The refusal is the table's:
// every row under the header not otherwise placed (a track or total label
// with empty cells) is one it names.
func (in *interp) noData(h header) {
	in.refuse(in.firstDataCell(h), KindNoData)
	for r := h.row + 1; r < len(in.disp); r++ {
		if in.disp[r] == dispNone || in.disp[r] == dispFact || in.disp[r] == dispTotal {
			in.refusedRow[r] = true
		}
	}
}

func hasID(ids map[field]idLabel, f field) bool {
	_, ok := ids[f]
	return ok
}

// firstIDCell names the cell of the first identification label found above
// the table (the block a second one contradicts), or the sheet's top.
func (in *interp) firstIDCell(ids map[field]idLabel) string {
	best := idLabel{r: -1}
	for _, f := range []field{fYear, fUAI, fInstitution} {
		if id, ok := ids[f]; ok && (best.r < 0 || id.r < best.r) {
			best = id
		}
	}
	if best.r < 0 {
		return in.cellName(0, 0)
	}
	return in.cellName(best.r, best.c)
}

// --- layout 2: a consolidated table

type subKey struct {
	uai  string
	year int
}

// seenName remembers the first name and académie given for a UAI; uai is
// the copy of the UAI that the map's key and the UAI's submissions share.
// The variants already warned about are in table.warned: most
// institutions have none, and the 48 bytes of a seenName, one per
// institution of a table of a million, would be 64 with a map of its own.
type seenName struct {
	uai, name, academie string
}

// tally is a running sum of students and certificates.
type tally struct{ s, c int64 }

func (t *tally) add(s, c int64) { t.s, t.c = t.s+s, t.c+c }

// tableSums are the sums a table-wide total row is checked against: since
// the previous total, since the previous subtotal, and over the whole table,
// each also by track group and by track.
type tableSums struct {
	all, sinceTotal, sinceSub tally
	allBy, sinceTotalBy       map[string]*tally // "g:"+group and "t:"+track
}

func (ts *tableSums) add(tr trackRow) {
	ts.all.add(tr.students, tr.certs)
	ts.sinceTotal.add(tr.students, tr.certs)
	ts.sinceSub.add(tr.students, tr.certs)
	for _, k := range []string{"g:" + tr.track.Group, "t:" + tr.track.Code} {
		for _, m := range []map[string]*tally{ts.allBy, ts.sinceTotalBy} {
			if m[k] == nil {
				m[k] = &tally{}
			}
			m[k].add(tr.students, tr.certs)
		}
	}
}

func (in *interp) layout2(h header) []Submission {
	t, ok := in.beginTable(h)
	if !ok {
		return nil
	}
	for r := h.row + 1; r < len(in.sheet.Rows); r++ {
		t.row(r)
	}
	return t.end()
}

// table is the reading of a consolidated table in progress: layout2 feeds
// it every row of a grid, readStreamed each row of a CSV as it is read.
//
// A grid's table gathers each submission's rows in a builder of its own
// (builders), whatever the order of the rows. A streamed table is read
// grouped: a table's rows come institution by institution in practice
// (not by contract), so one builder (cur) gathers the rows of one
// institution and year, and its facts are built (build) as soon as a row
// of another comes; the submissions, then their problems, are taken in the
// order of the keys at the end, as a grid's are. A builder per submission
// held to the last row cost a few hundred bytes per submission, as much as
// its facts. Should a submission's rows come back after another's
// (regroup), the reading is not that of the grid (a track given twice
// would not be seen): readStreamed reads the file again, not grouped.
type table struct {
	in        *interp
	h         header
	builders  map[subKey]*subBuilder
	keys      []subKey
	names     map[string]*seenName
	warned    map[string]bool // UAI, "\x00", "n" or "a", variant (checkName)
	sums      tableSums
	anyFigure bool
	emptyCell string

	grouped bool
	cur     *subBuilder // the builder of the rows being read (grouped)
	subs    []Submission
	later   map[subKey][]func() // the problems of built submissions (see build)
	regroup bool                // a submission's rows came back after another's
}

// built is a submission once built: its facts are counted and let go when
// the options say so (CheckFile).
func (t *table) built(sub Submission) Submission {
	if t.in.opts.dropFacts {
		t.in.dropped += len(sub.Facts)
		sub.Facts = nil
	}
	return sub
}

// beginTable checks the header of a consolidated table; it reports whether
// its rows can be read.
func (in *interp) beginTable(h header) (*table, bool) {
	if !in.checkHeader(h, []field{fYear, fUAI, fInstitution, fTrack, fStudents, fCerts}) {
		return nil, false
	}
	in.slab = make([]Fact, 0, slabFacts)
	return &table{in: in, h: h, builders: map[subKey]*subBuilder{}, names: map[string]*seenName{}, warned: map[string]bool{},
		sums:      tableSums{allBy: map[string]*tally{}, sinceTotalBy: map[string]*tally{}},
		emptyCell: msgf(in.lang, phraseEmptyCell), // worded once, not per row
		later:     map[subKey][]func(){},
	}, true
}

// row reads row r of the table (0-based), below its header.
func (t *table) row(r int) {
	in, h, names, emptyCell := t.in, t.h, t.names, t.emptyCell
	if in.disp[r] == dispHidden || in.blankRow(r) {
		return
	}
	if in.headerLike(r, h) {
		in.disp[r] = dispHeader
		return
	}
	uaiCell := in.at(r, h.col[fUAI])
	uai, uaiErr := ParseUAI(uaiCell.Value)
	if ti, ok := in.tableTotal(r, h, uai, uaiErr == nil); ok {
		st, _, sok := in.readCount(r, h.col[fStudents], fStudents)
		ct, _, cok := in.readCount(r, h.col[fCerts], fCerts)
		t.anyFigure = true
		in.disp[r] = dispTotal
		if sok && cok {
			in.checkTableTotal(trackRow{row: r, total: &ti, students: st, certs: ct, studCol: h.col[fStudents], crt: h.col[fCerts]}, &t.sums)
		}
		return
	}
	tr, kind, figures := in.readFigures(r, h)
	if kind == rowSkip && uaiErr != nil {
		// no figure, no track, no UAI: a note, or a row to refuse
		in.otherRow(r, h.col[fTrack])
		return
	}
	t.anyFigure = t.anyFigure || figures
	y, yok := in.readYear(r, h.col[fYear], emptyCell)
	u, uok := in.readUAI(r, h.col[fUAI], emptyCell)
	n, nok := in.readName(r, h.col[fInstitution], emptyCell)
	var aca string
	if h.col[fAcademie] >= 0 && uok {
		aca = in.academie(in.at(r, h.col[fAcademie]).Value, u, y, r, h.col[fAcademie])
	}
	if uok && nok {
		in.checkName(names, t.warned, u, n, aca, r, h)
	}
	if kind == rowSkip {
		// an institution's row with neither figures nor a known track
		if label := CleanName(in.at(r, h.col[fTrack]).Value); label != "" {
			in.refuseAt(r, h.col[fTrack], KindUnknownTrack, quoted(label), list(in.lang, in.trackLabels()))
		} else {
			in.refuseAt(r, h.col[fTrack], KindMissingTrack, list(in.lang, in.trackLabels()))
		}
		return
	}
	if !yok || !uok || !nok || kind == rowBad {
		return
	}
	sb := t.builder(subKey{u, y})
	if kind == rowTotal {
		sb.totals = append(sb.totals, tr)
		in.disp[r] = dispTotal
		return
	}
	in.add(sb, tr)
	t.sums.add(tr)
}

// builder returns the builder of a submission's rows. The UAI of k is
// the row's; the builder's is the copy its seenName holds (checkName).
func (t *table) builder(k subKey) *subBuilder {
	if t.grouped {
		if t.cur != nil && t.cur.uai == k.uai && t.cur.year == k.year {
			return t.cur
		}
		t.flush()
		first := t.names[k.uai]
		if t.cur == nil {
			t.cur = &subBuilder{}
		}
		// The builder is reused: build let go of its rows.
		*t.cur = subBuilder{uai: first.uai, year: k.year, name: first.name, academie: first.academie,
			rows: t.cur.rows[:0], totals: t.cur.totals[:0]}
		return t.cur
	}
	sb, found := t.builders[k]
	if !found {
		first := t.names[k.uai]
		k.uai = first.uai // not a part of the row's line (see checkName)
		sb = &subBuilder{uai: k.uai, year: k.year, name: first.name, academie: first.academie}
		t.builders[k] = sb
		t.keys = append(t.keys, k)
	}
	return sb
}

// flush builds the submission of the grouped rows read so far.
func (t *table) flush() {
	sb := t.cur
	if sb == nil || (len(sb.rows) == 0 && len(sb.totals) == 0) {
		return
	}
	sub, later := t.in.build(sb)
	t.subs = append(t.subs, t.built(sub))
	if later != nil {
		t.later[subKey{sb.uai, sb.year}] = later
	}
	sb.rows, sb.totals = sb.rows[:0], sb.totals[:0]
}

// end builds the submissions once every row is read.
func (t *table) end() []Submission {
	in, h, keys, builders := t.in, t.h, t.keys, t.builders
	// The names seen are needed while rows are read only: a table of a
	// million institutions holds a million of them, let go before the
	// submissions are built.
	t.names, t.warned = nil, nil
	if !t.anyFigure && len(in.refusals) == 0 {
		in.noData(h)
		return nil
	}
	if t.grouped {
		return t.endGrouped()
	}
	if in.blanks == nil {
		in.dropGrid()
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].year != keys[j].year {
			return keys[i].year < keys[j].year
		}
		return keys[i].uai < keys[j].uai
	})
	subs := make([]Submission, 0, len(keys))
	for _, k := range keys {
		subs = append(subs, t.built(in.finish(builders[k])))
		delete(builders, k) // its rows are facts now
	}
	return subs
}

// endGrouped is end for a grouped table: the submissions built as their
// rows came, in the order of their keys, then their problems in that
// order, as end records them. It sets regroup, and returns nil, when two
// submissions have the same key: their rows were not together.
func (t *table) endGrouped() []Submission {
	t.flush()
	t.cur = nil
	subs := t.subs
	t.subs = nil
	sort.Slice(subs, func(i, j int) bool {
		if subs[i].Year != subs[j].Year {
			return subs[i].Year < subs[j].Year
		}
		return subs[i].UAI < subs[j].UAI
	})
	for i := 1; i < len(subs); i++ {
		if subs[i].Year == subs[i-1].Year && subs[i].UAI == subs[i-1].UAI {
			t.regroup = true
			return nil
		}
	}
	if len(t.later) > 0 {
		for _, s := range subs {
			for _, p := range t.later[subKey{s.UAI, s.Year}] {
				p()
			}
		}
	}
	t.later = nil
	return subs
}

// tableTotal reports a row of a consolidated table that totals the table
// (or part of it) rather than one institution: a total label in its year,
// UAI, institution or académie column, whatever the UAI column holds (a placeholder
// such as 0000000A, whose letter happens to be right, is no institution);
// or in its track column when the UAI is not an institution's (empty,
// invalid, or in no académie's département). A total label in the track
// column beside a real UAI is that institution's total, checked in finish.
func (in *interp) tableTotal(r int, h header, uai string, uaiOK bool) (totalInfo, bool) {
	for _, f := range []field{fYear, fUAI, fInstitution, fAcademie} {
		if c := h.col[f]; c >= 0 {
			if ti := in.totalRule(in.at(r, c).Value); ti.ok {
				return in.withTrack(ti, r, h), true
			}
		}
	}
	if c := h.col[fTrack]; c >= 0 {
		if ti := in.totalRule(in.at(r, c).Value); ti.ok {
			if !uaiOK {
				return ti, true
			}
			if !in.anyDept(uai) {
				return ti, true
			}
		}
	}
	return totalInfo{}, false
}

// anyDept reports whether some académie, in some year, covers the UAI's
// département.
func (in *interp) anyDept(uai string) bool {
	for _, a := range in.acad.All() {
		if a.Covers(uai) {
			return true
		}
	}
	return false
}

// withTrack narrows a table total whose label names nothing to the track
// written in its track column (« TOTAL | … | Doctorats | 30 | 12 »).
func (in *interp) withTrack(ti totalInfo, r int, h header) totalInfo {
	if ti.group != "" || ti.track != "" {
		return ti
	}
	if t, ok := in.dict.Lookup(CleanName(in.at(r, h.col[fTrack]).Value)); ok && !in.totalRule(in.at(r, h.col[fTrack]).Value).ok {
		ti.track = t.Code
	}
	return ti
}

// checkTableTotal checks a table-wide total row: a total matches the rows
// since the previous total or the whole table (a grand total may follow
// subtotals); a subtotal the rows since the previous subtotal; a total
// naming a group or track that group's or track's rows, since the previous
// total or in the whole table.
func (in *interp) checkTableTotal(t trackRow, ts *tableSums) {
	var cands []tally
	var what string
	switch {
	case t.total.group != "" || t.total.track != "":
		k := "g:" + t.total.group
		what = msgf(in.lang, phraseOfGroup, quoted(in.groupLabel(t.total.group)))
		if t.total.track != "" {
			k = "t:" + t.total.track
			tk, _ := in.dict.ByCode(t.total.track)
			what = msgf(in.lang, phraseOfTrack, quoted(tk.Label(in.lang)))
		}
		for _, m := range []map[string]*tally{ts.sinceTotalBy, ts.allBy} {
			if m[k] != nil {
				cands = append(cands, *m[k])
			} else {
				cands = append(cands, tally{})
			}
		}
	case t.total.sub:
		cands = []tally{ts.sinceSub}
		what = msgf(in.lang, phraseSinceSubtotal)
		ts.sinceSub = tally{}
	default:
		cands = []tally{ts.sinceTotal, ts.all}
		ts.sinceTotal, ts.sinceSub = tally{}, tally{}
		ts.sinceTotalBy = map[string]*tally{}
	}
	for _, c := range cands {
		if c.s == t.students && c.c == t.certs {
			return
		}
	}
	in.checkTotal(t, scope{students: cands[0].s, certs: cands[0].c, what: what})
}

// checkName warns when one UAI is given different names or académies in one
// file; the first is kept. Differences of case, accents or spacing do not
// count.
func (in *interp) checkName(names map[string]*seenName, warned map[string]bool, uai, name, aca string, r int, h header) {
	first, ok := names[uai]
	if !ok {
		// Copies: the texts of a CSV row are parts of one string, its
		// whole line, which the submission's facts would otherwise keep
		// alive long after the grid is let go. The académie is the
		// dictionary's name (academie), shared already.
		u := strings.Clone(uai)
		names[u] = &seenName{uai: u, name: strings.Clone(name), academie: aca}
		return
	}
	// The same text, the usual case, needs no normalising.
	if name != first.name && LabelKey(name) != LabelKey(first.name) && !warned[uai+"\x00n"+name] {
		warned[uai+"\x00n"+name] = true
		in.warn(in.loc(r, h.col[fInstitution]), KindInconsistentName, uai, quoted(name), quoted(first.name))
	}
	if h.col[fAcademie] >= 0 && aca != first.academie && LabelKey(aca) != LabelKey(first.academie) && !warned[uai+"\x00a"+aca] {
		warned[uai+"\x00a"+aca] = true
		in.warn(in.loc(r, h.col[fAcademie]), KindInconsistentAcademy, uai, quoted(aca), quoted(first.academie))
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
