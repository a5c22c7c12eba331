package registry

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"c2isurvey/ingest"
	"c2isurvey/ingest/academies"
	"c2isurvey/ingest/texts"
)

// Header is the first line of a registry file, exactly.
const Header = "uai;institution;academie;first_year;last_year;successor"

// columns are the header's names, in order; a problem names its column by
// number and by this name.
var columns = strings.Split(Header, ";")

// Column numbers (0-based) of the header.
const (
	colUAI = iota
	colInstitution
	colAcademie
	colFirstYear
	colLastYear
	colSuccessor
)

// MaxSize bounds a registry file: some thousands of institutions take a few
// hundred kilobytes, so anything past this is not a registry.
const MaxSize = 32 << 20

// Options are what reading a registry needs besides the file.
type Options struct {
	// Lang is the language of the problems: "en", or French otherwise.
	Lang string
	// File names the file in the problems' locations.
	File string
	// Academies is the académie dictionary; nil is the embedded one.
	Academies *academies.Dictionary
	// MaxYear is the latest plausible ending year, as for survey files
	// (ingest.Options.MaxYear); 0 leaves the years unbounded above.
	MaxYear int
}

// Result is the outcome of reading a registry: the registry, or, when any
// line is refused, no registry at all (a registry is taken whole or not at
// all: half a list of expected institutions would report every institution
// left out as not expected) and every refusal. Warnings concern lines taken
// as they are.
type Result struct {
	Registry *Registry // nil when refused
	Refusals []ingest.Problem
	Warnings []ingest.Problem
}

// Refused reports whether the registry was refused.
func (r Result) Refused() bool { return len(r.Refusals) > 0 }

// Load reads the registry file at path (see Parse); a file that cannot be
// read is refused, with the reason.
func Load(path string, opts Options) Result {
	if opts.File == "" {
		opts.File = path
	}
	f, err := os.Open(path)
	if err != nil {
		return refuseFile(opts, ingest.KindCannotOpen, err.Error())
	}
	defer f.Close()
	return Parse(f, opts)
}

// Parse reads a registry: UTF-8 (a byte-order mark is tolerated),
// ';'-separated, the header exactly Header, then one line per institution.
// Every line is checked and every fault reported with its line and column:
// the UAI well formed with its check letter (ingest.ParseUAI), the
// institution named, the académie known to the dictionary (an unknown one
// is refused: the registry is the ministry's own list, and a name no
// dictionary knows would be an académie of its own in every table; one that
// does not cover the UAI's département is a warning, as in survey files),
// the years ending years within 2000 and MaxYear (2011-2012 is read as
// 2012), last_year not before first_year, no UAI twice, a successor that is
// a valid UAI of the registry, not the institution itself, given with a
// last_year, and expected the year after that last year (which also rules
// out a chain of successors that loops). Lines left entirely empty (a
// spreadsheet's blank rows) are passed over.
func Parse(r io.Reader, opts Options) Result {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return refuseFile(opts, ingest.KindCannotOpen, err.Error())
	}
	if len(data) > MaxSize {
		return refuseFile(opts, ingest.KindRegistryTooLarge, MaxSize)
	}
	p := &parser{opts: opts, maxYear: opts.MaxYear, dict: opts.Academies, lines: map[string]int{}}
	if p.maxYear == 0 {
		p.maxYear = 9999
	}
	if p.dict == nil {
		p.dict = academies.Default()
	}
	p.parse(bytes.TrimPrefix(data, []byte("\ufeff")))
	res := Result{Refusals: p.refusals, Warnings: p.warnings}
	if len(res.Refusals) == 0 {
		res.Registry = &Registry{Entries: p.entries}
	}
	return res
}

func refuseFile(opts Options, kind string, args ...any) Result {
	return Result{Refusals: []ingest.Problem{{Location: ingest.Location{File: opts.File}, Kind: kind,
		Message: ingest.Message(opts.Lang, kind, args...)}}}
}

// parser holds the state of one Parse.
type parser struct {
	opts               Options
	maxYear            int
	dict               *academies.Dictionary
	entries            []Entry
	lines              map[string]int // UAI → line it was first given on
	successors         []successorRef
	refusals, warnings []ingest.Problem
	badEncoding        bool
}

// successorRef is a successor column to check once every line is read.
type successorRef struct {
	entry int // index in entries
	line  int
}

func (p *parser) parse(data []byte) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	header := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.refuse(pe.StartLine, 0, ingest.KindRegistryQuotes)
			if header {
				return
			}
			continue
		}
		if err != nil { // a bytes.Reader does not fail; kept for safety
			p.refuse(0, 0, ingest.KindCannotOpen, err.Error())
			return
		}
		line, _ := cr.FieldPos(0)
		if header {
			header = false
			if !p.header(line, rec) {
				return // the columns cannot be trusted
			}
			continue
		}
		p.line(line, rec)
	}
	if header {
		p.refuse(1, 0, ingest.KindRegistryHeader, ingest.Quote(p.opts.Lang, Header), ingest.Quote(p.opts.Lang, ""))
		return
	}
	p.checkSuccessors()
	if len(p.entries) == 0 && len(p.refusals) == 0 {
		p.refuse(0, 0, ingest.KindRegistryEmpty)
	}
}

// header checks the first line: the names exactly, spaces around them
// tolerated.
func (p *parser) header(line int, rec []string) bool {
	got := make([]string, len(rec))
	for i, f := range rec {
		got[i] = strings.TrimSpace(f)
	}
	if strings.Join(got, ";") == Header {
		return true
	}
	shown := strings.Join(rec, ";")
	if !utf8.ValidString(shown) {
		shown = strings.ToValidUTF8(shown, "\uFFFD")
	}
	p.refuse(line, 0, ingest.KindRegistryHeader, ingest.Quote(p.opts.Lang, Header), ingest.Quote(p.opts.Lang, shown))
	return false
}

// line checks one institution's line and, when it is sound, adds it.
func (p *parser) line(line int, rec []string) {
	blank := true
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			blank = false
		}
	}
	if blank {
		return
	}
	before := len(p.refusals)
	for i, f := range rec {
		if !utf8.ValidString(f) {
			// Told once: a file saved in the wrong encoding has the
			// fault on every line with an accent.
			if !p.badEncoding {
				p.badEncoding = true
				p.refuse(line, i+1, ingest.KindRegistryEncoding)
			}
			rec[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
	}
	if len(rec) != len(columns) {
		p.refuse(line, 0, ingest.KindRegistryFieldCount, len(rec), ingest.Quote(p.opts.Lang, strings.Join(rec, ";")))
		return
	}
	lang := p.opts.Lang
	value := func(col int) string { return strings.TrimSpace(rec[col]) }
	required := func(col int) (string, bool) {
		v := value(col)
		if v == "" {
			p.refuse(line, col+1, ingest.KindRegistryMissingValue, ingest.Quote(lang, columns[col]))
			return "", false
		}
		return v, true
	}
	var e Entry
	uaiOK := false
	if v, ok := required(colUAI); ok {
		if u, err := ingest.ParseUAI(v); err != nil {
			p.refuseValue(line, colUAI, err)
		} else if first, dup := p.lines[u]; dup {
			p.refuse(line, colUAI+1, ingest.KindRegistryDuplicateUAI, ingest.Quote(lang, u), first)
		} else {
			e.UAI, uaiOK = u, true
			p.lines[u] = line
		}
	}
	if v, ok := required(colInstitution); ok {
		e.Institution = ingest.CleanName(v)
	}
	if v, ok := required(colAcademie); ok {
		if a, known := p.dict.Lookup(v); !known {
			hint := ""
			if byUAI, ok := p.dict.ForUAI(e.UAI, 0); uaiOK && ok {
				hint = ingest.Message(lang, ingest.PhraseRegistryAcademieHint, ingest.Quote(lang, byUAI.Name))
			}
			p.refuse(line, colAcademie+1, ingest.KindRegistryUnknownAcademie, ingest.Quote(lang, v), hint)
		} else {
			e.Academie = a.Name
			if byUAI, ok := p.dict.ForUAI(e.UAI, 0); uaiOK && ok && !a.Covers(e.UAI) {
				p.warn(line, colAcademie+1, ingest.KindRegistryAcademieUAI, ingest.Quote(lang, a.Name), ingest.Quote(lang, e.UAI), ingest.Quote(lang, byUAI.Name))
			}
		}
	}
	if v, ok := required(colFirstYear); ok {
		e.FirstYear = p.year(line, colFirstYear, v)
	}
	if v := value(colLastYear); v != "" {
		e.LastYear = p.year(line, colLastYear, v)
		if e.FirstYear != 0 && e.LastYear != 0 && e.LastYear < e.FirstYear {
			p.refuse(line, colLastYear+1, ingest.KindRegistryYearsReversed, e.LastYear, e.FirstYear)
		}
	}
	succ := false
	if v := value(colSuccessor); v != "" {
		u, err := ingest.ParseUAI(v)
		switch {
		case err != nil:
			p.refuseValue(line, colSuccessor, err)
		case uaiOK && u == e.UAI:
			p.refuse(line, colSuccessor+1, ingest.KindRegistrySuccessorSelf, ingest.Quote(lang, u))
		case value(colLastYear) == "":
			p.refuse(line, colSuccessor+1, ingest.KindRegistrySuccessorOpen, ingest.Quote(lang, u))
		default:
			e.Successor, succ = u, true
		}
	}
	if len(p.refusals) > before {
		return
	}
	if succ {
		p.successors = append(p.successors, successorRef{entry: len(p.entries), line: line})
	}
	p.entries = append(p.entries, e)
}

// year reads an ending year; 0 when refused.
func (p *parser) year(line, col int, v string) int {
	y, err := ingest.ParseYear(v, p.maxYear)
	if err != nil {
		p.refuseValue(line, col, err)
		return 0
	}
	return y
}

// checkSuccessors checks, once every line is known, that each successor is
// in the registry and expected the year after its predecessor's last. A
// successor expected then has a last year (if any) later than the
// predecessor's, so following successors only goes forward in time and
// cannot loop.
func (p *parser) checkSuccessors() {
	lang := p.opts.Lang
	byUAI := make(map[string]int, len(p.entries))
	for i, e := range p.entries {
		byUAI[e.UAI] = i
	}
	for _, s := range p.successors {
		e := p.entries[s.entry]
		if _, listed := p.lines[e.Successor]; !listed {
			p.refuse(s.line, colSuccessor+1, ingest.KindRegistrySuccessorAbsent, ingest.Quote(lang, e.Successor))
			continue
		}
		i, sound := byUAI[e.Successor]
		if !sound {
			continue // its own line is refused, and says why
		}
		if next := e.LastYear + 1; !p.entries[i].Expected(next) {
			p.refuse(s.line, colSuccessor+1, ingest.KindRegistrySuccessorGap, ingest.Quote(lang, e.Successor), yearLabel(next))
		}
	}
}

func yearLabel(year int) string { return strconv.Itoa(year-1) + "-" + strconv.Itoa(year) }

func (p *parser) refuseValue(line, col int, err error) {
	kind, msg := ingest.ValueMessage(p.opts.Lang, err, p.maxYear)
	p.refusals = append(p.refusals, ingest.Problem{Location: p.loc(line, col+1), Kind: kind, Message: msg})
}

func (p *parser) refuse(line, col int, kind string, args ...any) {
	p.refusals = append(p.refusals, ingest.Problem{Location: p.loc(line, col), Kind: kind, Message: ingest.Message(p.opts.Lang, kind, args...)})
}

func (p *parser) warn(line, col int, kind string, args ...any) {
	p.warnings = append(p.warnings, ingest.Problem{Location: p.loc(line, col), Kind: kind, Message: ingest.Message(p.opts.Lang, kind, args...)})
}

// loc names a line and column (1-based, 0 for the whole line) in words,
// the column also by its header name: "ligne 4, colonne 1 (uai)".
func (p *parser) loc(line, col int) ingest.Location {
	l := ingest.Location{File: p.opts.File}
	switch {
	case line == 0:
	case col == 0:
		l.Cell = texts.Lang(p.opts.Lang).F("where.line", line)
	default:
		l.Cell = ingest.CSVCell(p.opts.Lang, line, col) + " (" + columns[col-1] + ")"
	}
	return l
}

// Write writes the registry in the file format Parse reads, lines in the
// registry's order: the same registry gives the same bytes.
func (r *Registry) Write(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(columns); err != nil {
		return err
	}
	for _, e := range r.Entries {
		last := ""
		if e.LastYear != 0 {
			last = strconv.Itoa(e.LastYear)
		}
		if err := cw.Write([]string{e.UAI, e.Institution, e.Academie, strconv.Itoa(e.FirstYear), last, e.Successor}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
