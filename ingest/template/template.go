// Package template writes the ministry's survey form (Layout 1 of the survey
// contract): one institution, one academic year, one row per track. The same
// writer produces the blank form sent to institutions and filled forms (test
// data, samples, a form pre-filled with last year's answers).
//
// The form carries no formulas: a workbook written by a program has no cached
// formula results, and the ingest reader would see empty cells where Excel
// would show numbers. A filled form therefore holds plain numbers, and the
// blank form leaves the rate and Total cells for the institution to type.
package template

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

// Form is what to write.
type Form struct {
	// Year is the academic year named by its ending year: 2012 is 2011-2012.
	Year     int
	UAI      string
	Name     string
	Academie string
	// Lang is "en" for English labels, French otherwise. The sheet name
	// starts with « Enquête » in both languages, as the contract requires.
	Lang   string
	Tracks *tracks.Dictionary
	// Values are the counts by track code; nil writes a blank form. A track
	// of the dictionary absent from a non-nil Values is written with empty
	// cells (which the contract reads as zero). A Values map holding the
	// code "non-ventile" writes that single row instead of the breakdown:
	// years before 2011-2012 were reported as totals only.
	Values map[string]Counts
	// Total adds a Total row under the tracks: the sums as plain numbers in
	// a filled form, empty cells marked optional in a blank one.
	Total bool
}

// Counts is one track's answer.
type Counts struct {
	Students, Certs int64
	// Rate is the success rate as a fraction, written as given (a sample
	// may need a rate that disagrees with its counts). Nil writes the rate
	// computed from the counts, or nothing when Students is zero.
	Rate *float64
}

// NonVentile is the dictionary code of the single row of a form without a
// track breakdown.
const NonVentile = "non-ventile"

// Sheet names. The survey sheet keeps its French name in English forms
// because the reader looks for the sheet whose name starts with "Enquête".
const (
	SurveySheet       = "Enquête C2i2e"
	InstructionsSheet = "Instructions"
)

// Positions of the form, 1-based. Tests and callers that post-process a form
// (the samples generator) use them rather than guessing.
const (
	TitleRow    = 1
	YearRow     = 2
	UAIRow      = 3
	NameRow     = 4
	AcademieRow = 5
	HeaderRow   = 7
	FirstRow    = 8 // first track row

	TrackCol    = 1 // A
	StudentsCol = 2 // B
	CertsCol    = 3 // C
	RateCol     = 4 // D
	NoteCol     = 5 // E
)

type labels struct {
	title                        string // with %s for the year label
	year, uai, name, academie    string
	track, students, certs, rate string
	total, totalNote             string
	toFill                       string
	countTitle, countMsg         string
	certsTitle, certsMsg         string
	uaiTitle, uaiMsg             string
	instructionsTitle            string
	instructions                 []string
}

func labelsFor(lang string) labels {
	l := texts.Lang(lang)
	var instructions []string
	for i := 1; texts.Has(fmt.Sprintf("form.instruction.%d", i)); i++ {
		instructions = append(instructions, l.T(fmt.Sprintf("form.instruction.%d", i)))
	}
	return labels{
		title:             l.T("form.title"),
		year:              l.T("form.year"),
		uai:               l.T("form.uai"),
		name:              l.T("form.name"),
		academie:          l.T("form.academie"),
		track:             l.T("form.track"),
		students:          l.T("form.students"),
		certs:             l.T("form.certs"),
		rate:              l.T("form.rate"),
		total:             l.T("form.total"),
		totalNote:         l.T("form.totalNote"),
		toFill:            l.T("form.toFill"),
		countTitle:        l.T("form.countTitle"),
		countMsg:          l.T("form.countMsg"),
		certsTitle:        l.T("form.certsTitle"),
		certsMsg:          l.T("form.certsMsg"),
		uaiTitle:          l.T("form.uaiTitle"),
		uaiMsg:            l.T("form.uaiMsg"),
		instructionsTitle: l.T("form.instructionsTitle"),
		instructions:      instructions,
	}
}

// YearLabel names an academic year by its two calendar years: 2012 →
// "2011-2012" (texts.YearLabel, the one formatter).
func YearLabel(year int) string { return texts.YearLabel(year) }

// Write writes the form as an .xlsx workbook. The bytes depend only on f: the
// document dates are derived from the year, and excelize writes zip entries
// in sorted order with no timestamps.
func Write(w io.Writer, f Form) error {
	rows, err := rowsOf(f)
	if err != nil {
		return err
	}
	x := excelize.NewFile()
	defer x.Close()
	if err := build(x, f, rows); err != nil {
		return fmt.Errorf("survey form %s %s: %w", YearLabel(f.Year), f.UAI, err)
	}
	if _, err := x.WriteTo(w); err != nil {
		return fmt.Errorf("write survey form %s %s: %w", YearLabel(f.Year), f.UAI, err)
	}
	return nil
}

// rowsOf checks the form and returns the tracks to write, in dictionary order.
func rowsOf(f Form) ([]tracks.Track, error) {
	if f.Tracks == nil {
		return nil, errors.New("survey form: no track dictionary")
	}
	// The form is sent for a given year; 1990-2999 catches a label passed
	// where an ending year was meant (2011 for 2011-2012 is still accepted:
	// it is a real year).
	if f.Year < 1990 || f.Year > 2999 {
		return nil, fmt.Errorf("survey form: year %d is not an academic year's ending year", f.Year)
	}
	for code := range f.Values {
		if _, ok := f.Tracks.ByCode(code); !ok {
			return nil, fmt.Errorf("survey form %s: track code %q is not in the dictionary", YearLabel(f.Year), code)
		}
	}
	if _, ok := f.Values[NonVentile]; ok {
		if len(f.Values) > 1 {
			return nil, fmt.Errorf("survey form %s: %q cannot be mixed with a track breakdown", YearLabel(f.Year), NonVentile)
		}
		t, _ := f.Tracks.ByCode(NonVentile)
		return []tracks.Track{t}, nil
	}
	var rows []tracks.Track
	for _, t := range f.Tracks.Tracks() {
		if t.Code != NonVentile {
			rows = append(rows, t)
		}
	}
	if len(rows) == 0 {
		return nil, errors.New("survey form: the track dictionary has no track besides non-ventile")
	}
	return rows, nil
}

// styles are the cell styles of the form.
type styles struct {
	title, label, toFill, header, trackLabel, count, countToFill, rate, rateToFill, total, totalCount, totalRate, note, text, bold int
}

func newStyles(x *excelize.File) (styles, error) {
	var s styles
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
	thin := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	rateFmt := "0.0%"
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.label, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.toFill, excelize.Style{Fill: yellow, Border: thin}},
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Border: thin,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}}},
		{&s.trackLabel, excelize.Style{Border: thin}},
		{&s.count, excelize.Style{NumFmt: 3, Border: thin}},
		{&s.countToFill, excelize.Style{NumFmt: 3, Border: thin, Fill: yellow}},
		{&s.rate, excelize.Style{CustomNumFmt: &rateFmt, Border: thin}},
		{&s.rateToFill, excelize.Style{CustomNumFmt: &rateFmt, Border: thin, Fill: yellow}},
		{&s.total, excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin}},
		{&s.totalCount, excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 3, Border: thin}},
		{&s.totalRate, excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &rateFmt, Border: thin}},
		{&s.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "7F7F7F"}}},
		{&s.text, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.bold, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
	}
	for _, d := range defs {
		id, err := x.NewStyle(&d.st)
		if err != nil {
			return s, fmt.Errorf("style: %w", err)
		}
		*d.dst = id
	}
	return s, nil
}

func build(x *excelize.File, f Form, rows []tracks.Track) error {
	l := labelsFor(f.Lang)
	st, err := newStyles(x)
	if err != nil {
		return err
	}
	if err := x.SetSheetName(x.GetSheetName(0), SurveySheet); err != nil {
		return fmt.Errorf("rename sheet: %w", err)
	}
	if _, err := x.NewSheet(InstructionsSheet); err != nil {
		return fmt.Errorf("add sheet %s: %w", InstructionsSheet, err)
	}
	// Errors of the cell setters below can only come from a bad reference
	// or sheet name, both fixed here; they are still checked, once, through
	// the first one met.
	var cellErr error
	keep := func(err error) {
		if err != nil && cellErr == nil {
			cellErr = err
		}
	}
	set := func(row, col int, v any, style int) {
		ref := cellRef(row, col)
		if v != nil {
			keep(x.SetCellValue(SurveySheet, ref, v))
		}
		keep(x.SetCellStyle(SurveySheet, ref, ref, style))
	}

	set(TitleRow, 1, fmt.Sprintf(l.title, YearLabel(f.Year)), st.title)
	ident := []struct {
		row          int
		label, value string
	}{
		{YearRow, l.year, YearLabel(f.Year)},
		{UAIRow, l.uai, f.UAI},
		{NameRow, l.name, f.Name},
		{AcademieRow, l.academie, f.Academie},
	}
	for _, id := range ident {
		set(id.row, 1, id.label, st.label)
		var v any
		if id.value != "" {
			v = id.value
		}
		style := st.toFill
		if id.row == YearRow {
			// The year is set by the ministry, not by the institution.
			style = st.trackLabel
		}
		set(id.row, 2, v, style)
	}
	for col, h := range []string{l.track, l.students, l.certs, l.rate} {
		set(HeaderRow, col+1, h, st.header)
	}

	blank := f.Values == nil
	var sumS, sumC int64
	for i, t := range rows {
		r := FirstRow + i
		set(r, TrackCol, t.Label(f.Lang), st.trackLabel)
		c, has := f.Values[t.Code]
		if blank {
			set(r, StudentsCol, nil, st.countToFill)
			set(r, CertsCol, nil, st.countToFill)
			set(r, RateCol, nil, st.rateToFill)
			continue
		}
		if !has {
			set(r, StudentsCol, nil, st.count)
			set(r, CertsCol, nil, st.count)
			set(r, RateCol, nil, st.rate)
			continue
		}
		sumS += c.Students
		sumC += c.Certs
		set(r, StudentsCol, c.Students, st.count)
		set(r, CertsCol, c.Certs, st.count)
		set(r, RateCol, rateValue(c), st.rate)
	}
	last := FirstRow + len(rows) - 1
	if f.Total {
		r := last + 1
		set(r, TrackCol, l.total, st.total)
		if blank {
			set(r, StudentsCol, nil, st.totalCount)
			set(r, CertsCol, nil, st.totalCount)
			set(r, RateCol, nil, st.totalRate)
			set(r, NoteCol, l.totalNote, st.note)
		} else {
			set(r, StudentsCol, sumS, st.totalCount)
			set(r, CertsCol, sumC, st.totalCount)
			set(r, RateCol, rateValue(Counts{Students: sumS, Certs: sumC}), st.totalRate)
		}
	}
	if cellErr != nil {
		return fmt.Errorf("fill sheet %s: %w", SurveySheet, cellErr)
	}

	for _, cw := range []struct {
		col   string
		width float64
	}{{"A", 44}, {"B", 22}, {"C", 22}, {"D", 18}, {"E", 30}} {
		if err := x.SetColWidth(SurveySheet, cw.col, cw.col, cw.width); err != nil {
			return fmt.Errorf("column width: %w", err)
		}
	}
	if err := x.SetRowHeight(SurveySheet, HeaderRow, 32); err != nil {
		return fmt.Errorf("row height: %w", err)
	}
	if err := addValidations(x, l, last, f.Total); err != nil {
		return err
	}
	if err := writeInstructions(x, l, st); err != nil {
		return err
	}
	x.SetActiveSheet(0)
	// Fixed dates make the bytes reproducible; the end of the academic year
	// is when such a form is filled in.
	date := fmt.Sprintf("%d-07-01T00:00:00Z", f.Year)
	lang := texts.Lang(f.Lang).Tag()
	if err := x.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf(l.title, YearLabel(f.Year)),
		Creator:        "c2isurvey",
		LastModifiedBy: "c2isurvey",
		Created:        date,
		Modified:       date,
		Language:       lang,
	}); err != nil {
		return fmt.Errorf("document properties: %w", err)
	}
	return nil
}

// rateValue is the rate cell's value: as given, else computed, else empty.
func rateValue(c Counts) any {
	if c.Rate != nil {
		return *c.Rate
	}
	if c.Students > 0 {
		return float64(c.Certs) / float64(c.Students)
	}
	return nil
}

// addValidations makes Excel refuse what the ingest reader would refuse,
// while the institution types: a count that is not a whole number ≥ 0,
// certificates above the students of the same row, a UAI that is not 8
// characters long.
func addValidations(x *excelize.File, l labels, last int, total bool) error {
	end := last
	if total {
		end++
	}
	students := excelize.NewDataValidation(true)
	students.Sqref = fmt.Sprintf("%s:%s", cellRef(FirstRow, StudentsCol), cellRef(end, StudentsCol))
	students.Type, students.Operator, students.Formula1 = "whole", "greaterThanOrEqual", "0"
	students.SetError(excelize.DataValidationErrorStyleStop, l.countTitle, l.countMsg)

	// The reference to column B is relative to the first cell of the range,
	// so each row compares with its own students.
	certs := excelize.NewDataValidation(true)
	certs.Sqref = fmt.Sprintf("%s:%s", cellRef(FirstRow, CertsCol), cellRef(end, CertsCol))
	certs.Type, certs.Operator = "whole", "between"
	certs.Formula1, certs.Formula2 = "0", cellRef(FirstRow, StudentsCol)
	certs.SetError(excelize.DataValidationErrorStyleStop, l.certsTitle, l.certsMsg)

	uai := excelize.NewDataValidation(true)
	uai.Sqref = cellRef(UAIRow, 2)
	uai.Type, uai.Operator, uai.Formula1 = "textLength", "equal", "8"
	uai.SetError(excelize.DataValidationErrorStyleStop, l.uaiTitle, l.uaiMsg)
	uai.SetInput(l.uaiTitle, l.uaiMsg)

	for _, dv := range []*excelize.DataValidation{students, certs, uai} {
		if err := x.AddDataValidation(SurveySheet, dv); err != nil {
			return fmt.Errorf("data validation %s: %w", dv.Sqref, err)
		}
	}
	return nil
}

func writeInstructions(x *excelize.File, l labels, st styles) error {
	if err := x.SetColWidth(InstructionsSheet, "A", "A", 110); err != nil {
		return fmt.Errorf("column width: %w", err)
	}
	if err := x.SetCellValue(InstructionsSheet, "A1", l.instructionsTitle); err != nil {
		return fmt.Errorf("sheet %s: %w", InstructionsSheet, err)
	}
	if err := x.SetCellStyle(InstructionsSheet, "A1", "A1", st.bold); err != nil {
		return fmt.Errorf("sheet %s: %w", InstructionsSheet, err)
	}
	for i, text := range l.instructions {
		ref := cellRef(i+3, 1)
		if err := x.SetCellValue(InstructionsSheet, ref, text); err != nil {
			return fmt.Errorf("sheet %s: %w", InstructionsSheet, err)
		}
		if err := x.SetCellStyle(InstructionsSheet, ref, ref, st.text); err != nil {
			return fmt.Errorf("sheet %s: %w", InstructionsSheet, err)
		}
		// Long instructions wrap onto two lines at this width; Excel does not
		// grow a row by itself for text written by a program.
		if err := x.SetRowHeight(InstructionsSheet, i+3, 32); err != nil {
			return fmt.Errorf("sheet %s: %w", InstructionsSheet, err)
		}
	}
	return nil
}

// cellRef returns the A1 reference of a 1-based row and column (columns of
// the form stay within A..Z).
func cellRef(row, col int) string { return fmt.Sprintf("%c%d", 'A'+col-1, row) }
