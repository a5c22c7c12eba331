// Package texts is the one catalogue of every text a user reads: the
// command line, the messages about files, the reports and the workbook, in
// French (the default, for ministry staff) and English. It also holds what
// makes a text read right in each language: the number formatter, the
// quotation marks and French typographic spacing.
//
// It sits in ingest because every stage reads it (ingest words refusals,
// report titles its tables, cmd prints summaries) and data flows one way:
// a package at the bottom of the flow can be imported by all of them.
//
// Texts are kept by area, one file each (texts_cli.go, texts_messages.go,
// texts_report.go, texts_pdf.go, texts_quality.go, texts_workbook.go,
// texts_portal.go…), as a function
//
//	func xxxText(key string) (fr, en string)
//
// that returns two empty strings for a key it does not hold. lookup chains
// them; a new area is one more file and one more line in lookup. The
// catalogue is made of switches, not maps, so that it is constant: no
// package-level mutable state, and the tests enumerate the keys from the
// source (every key has both texts, keys are unique across areas, every key
// the code names exists).
package texts

import (
	"errors"
	"fmt"
	"strings"
)

// Lang is the language of what a user reads. Any value other than English
// is French, the default, so that a zero Lang (or a Lang converted from an
// older "fr"/"en" string field) always means something.
type Lang string

// The two languages.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// ErrUnknownLang is wrapped by Parse's error for a language other than fr
// or en.
var ErrUnknownLang = errors.New("unknown language")

// Parse reads the value of --lang: "fr" or "en" (case and surrounding
// spaces aside; empty is French). Anything else is refused with a message in
// both languages, since which one the user reads is what is unknown.
func Parse(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "fr":
		return French, nil
	case "en":
		return English, nil
	}
	return French, &langError{s}
}

// langError is a --lang value refused: worded in both languages, and
// errors.Is(err, ErrUnknownLang).
type langError struct{ value string }

func (e *langError) Error() string {
	return French.F("lang.unknown", Quoted(e.value)) + " / " + English.F("lang.unknown", Quoted(e.value))
}

func (e *langError) Is(target error) bool { return target == ErrUnknownLang }

// English reports whether l asks for English.
func (l Lang) English() bool { return l == English }

// Code is the language's code as reports and documents declare it: "fr"
// or "en" (a Lang converted from any other string is French).
func (l Lang) Code() string {
	if l.English() {
		return "en"
	}
	return "fr"
}

// Tag is the language as documents declare it (BCP 47, the region of the
// ministry's publications): "fr-FR" or "en-GB", for the PDF's /Lang and
// the workbooks' and forms' properties.
func (l Lang) Tag() string {
	if l.English() {
		return "en-GB"
	}
	return "fr-FR"
}

// lookup finds key in the catalogue's areas.
func lookup(key string) (fr, en string, ok bool) {
	for _, area := range [...]func(string) (string, string){cliText, commandText, portalText, usageText, preflightText, helpText, formText, kindText, publishText, usersText, messageText, ingestText, inboxText, settingsText, reportText, pdfText, qualityText, annotateText, svgText, workbookText, editionsText} {
		if fr, en := area(key); fr != "" || en != "" {
			return fr, en, true
		}
	}
	return "", "", false
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, _, ok := lookup(key)
	return ok
}

// pick returns the text of key in l, French spacing applied. An unknown
// key comes back as itself: visibly wrong in an output, and caught by the
// tests, rather than an empty cell.
func (l Lang) pick(key string) string {
	fr, en, ok := lookup(key)
	switch {
	case !ok:
		return key
	case l.English():
		return en
	}
	return FrenchSpacing(fr)
}

// T returns the text of key in l.
func (l Lang) T(key string) string { return l.pick(key) }

// F returns the text of key in l with its blanks (fmt verbs, %[n]s to
// reorder) filled with args. Arguments of the types Count, Pct and Quoted
// take the language's number typography and quotation marks; any other
// argument is placed as it is (format numbers meant for readers with Int,
// Percent… or pass them as Count, never as a bare %d in French).
func (l Lang) F(key string, args ...any) string {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Count:
			out[i] = l.Int(int64(v))
		case Pct:
			out[i] = l.Percent(float64(v), 1)
		case Quoted:
			out[i] = l.Quote(string(v))
		default:
			out[i] = v
		}
	}
	return fmt.Sprintf(l.pick(key), out...)
}

// Count is a head count given to F: digit groups in the language's style.
type Count int64

// Pct is a fraction (0.646) given to F: a percentage with one decimal.
type Pct float64

// Quoted is a value from a file, a name or a label given to F: put in the
// language's quotation marks.
type Quoted string

// Pair returns both texts of key as the catalogue holds them (French
// before its spacing is applied), and whether it holds key: for the tests
// that compare the two languages' blanks, and for code that must show both.
func Pair(key string) (fr, en string, ok bool) { return lookup(key) }
