package ingest

import (
	"errors"
	"fmt"
	"strings"

	"c2isurvey/ingest/texts"
)

// Kinds of problems. They are stable identifiers: tests, logs and the
// data-quality outputs use them; users read the worded Message.
const (
	// The file itself.
	KindCannotOpen     = "cannot-open"     // the path cannot be read (missing, a folder, no permission)
	KindEmptyFile      = "empty-file"      // zero bytes or no cell at all
	KindDamaged        = "damaged"         // truncated or corrupt
	KindNotSpreadsheet = "not-spreadsheet" // some other kind of file
	KindLegacyXLS      = "legacy-xls"      // Excel 97-2003
	KindODS            = "ods"             // OpenDocument spreadsheet
	KindEncrypted      = "encrypted"       // password-protected
	KindTooLarge       = "too-large"       // over the size limits (zip bomb or far too big)
	KindUnreadable     = "unreadable"      // any other failure to read, a crash of the reader included
	KindCellTooLong    = "cell-too-long"   // a cell holds more than a spreadsheet cell can (32,767 characters)

	// The layout of the table.
	KindNoHeader        = "header-not-found"  // no row with the expected column titles
	KindMissingColumn   = "missing-column"    // a required column is absent from the header row
	KindDuplicateColumn = "duplicate-column"  // two columns of the header row mean the same thing
	KindNoData          = "no-data"           // the table has no figure at all
	KindOtherSheet      = "other-sheet"       // warning: another sheet also holds a table and was not read
	KindHiddenSheet     = "hidden-sheet"      // warning: a hidden sheet also holds a table and was not read
	KindHiddenSheetRead = "hidden-sheet-read" // warning: the only table is on a hidden sheet, read all the same
	KindHiddenRow       = "hidden-row"        // warning: a hidden row was not read
	KindHiddenColumn    = "hidden-column"     // warning: a hidden column was not read

	// Rows that are neither tracks, totals nor notes.
	KindWrongSeparator  = "wrong-separator"       // a CSV line written with another separator
	KindValuesInOneCell = "values-in-one-cell"    // a whole line of values typed into one cell
	KindUnrecognisedRow = "unrecognised-row"      // text or numbers the table cannot place
	KindSecondIDBlock   = "second-identification" // a second year, UAI or institution label

	// Identification of the institution and year.
	KindMissingUAI          = "missing-uai"
	KindBadUAI              = "bad-uai"
	KindUAIKey              = "uai-check-letter" // the letter is not the one the number implies
	KindUAICorsica          = "uai-corsica"      // Corsica's département written 2A/2B instead of 620/720
	KindMissingYear         = "missing-year"
	KindBadYear             = "bad-year"
	KindYearNotConsecutive  = "year-not-consecutive"
	KindYearImplausible     = "year-implausible"
	KindMissingInstitution  = "missing-institution"
	KindInconsistentName    = "inconsistent-institution" // warning: one UAI, several names in one file
	KindInconsistentAcademy = "inconsistent-academie"    // warning: one UAI, several académies in one file
	KindUnknownAcademie     = "unknown-academie"         // warning: not in the académie dictionary
	KindAcademieMismatch    = "academie-uai-mismatch"    // warning: the UAI's département is in another académie

	// Values.
	KindNotANumber         = "not-a-number"
	KindNegativeCount      = "negative-count"
	KindFractionalCount    = "fractional-count"
	KindAmbiguousThousands = "ambiguous-thousands"  // 12,000 or 12.000: twelve, or twelve thousand?
	KindFormulaError       = "formula-error"        // a formula evaluated to #DIV/0!, #REF!…
	KindFormulaNotComputed = "formula-not-computed" // a formula with no stored result
	KindBadRate            = "bad-rate"
	KindCertsAboveStudents = "certs-above-students"
	KindMissingTrack       = "missing-track" // figures on a row without a track label
	KindUnknownTrack       = "unknown-track"
	KindDuplicateTrack     = "duplicate-track"
	KindTotalMismatch      = "total-mismatch"
	KindSubtotalMismatch   = "subtotal-mismatch" // a subtotal, or a total of a group or track, disagrees with its rows
	KindRateMismatch       = "rate-mismatch"     // warning: the submitted rate disagrees with the counts
	// KindNonVentileIsTotal is a warning: a "Total non ventilé" row (or a
	// synonym such as "Ensemble") that equals the sum of the other tracks is
	// a total row, and counting it as a track would count everyone twice.
	KindNonVentileIsTotal = "non-ventile-is-total"

	// KindMoreProblems closes a list cut at maxProblems.
	KindMoreProblems = "more-problems"

	// The registry of expected respondents (ingest/registry): a file the
	// ministry keeps, refused whole when one line is wrong. Its UAI and
	// year values are refused with the kinds above, in the same words.
	KindRegistryHeader          = "registry-header"           // the first line is not the expected header
	KindRegistryEmpty           = "registry-empty"            // a header and no institution
	KindRegistryTooLarge        = "registry-too-large"        // far larger than any list of institutions
	KindRegistryEncoding        = "registry-encoding"         // not UTF-8
	KindRegistryQuotes          = "registry-quotes"           // quotation marks not paired
	KindRegistryFieldCount      = "registry-field-count"      // not six columns
	KindRegistryMissingValue    = "registry-missing-value"    // a required column left empty
	KindRegistryUnknownAcademie = "registry-unknown-academie" // not in the académie dictionary
	KindRegistryAcademieUAI     = "registry-academie-uai"     // warning: the UAI's département is another académie's
	KindRegistryYearsReversed   = "registry-years-reversed"   // last_year before first_year
	KindRegistryDuplicateUAI    = "registry-duplicate-uai"    // a UAI on two lines
	KindRegistrySuccessorSelf   = "registry-successor-self"   // an institution its own successor
	KindRegistrySuccessorOpen   = "registry-successor-open"   // a successor, but no last_year
	KindRegistrySuccessorAbsent = "registry-successor-absent" // the successor is not in the registry
	KindRegistrySuccessorGap    = "registry-successor-gap"    // the successor is not expected the year after
)

// Phrases that fill a message's blanks; worded here with the messages.
const (
	phraseNoLabel   = "phrase-no-label"
	phraseNoValue   = "phrase-no-value"
	phraseEmptyCell = "phrase-empty-cell"

	phraseSinceSubtotal   = "phrase-since-subtotal"
	phraseOfGroup         = "phrase-of-group"
	phraseOfTrack         = "phrase-of-track"
	phraseAcademieFromUAI = "phrase-academie-from-uai"
	phraseNoAcademie      = "phrase-no-academie"

	// PhraseRegistryAcademieHint completes KindRegistryUnknownAcademie with
	// the académie of the UAI's département.
	PhraseRegistryAcademieHint = "phrase-registry-academie-hint"
)

// The blanks of a message take values of these types (texts.F formats them
// per language: a head count with the language's digit groups, a fraction
// as a percentage, a value from a file or a label in the language's
// quotation marks). The messages' wording is in the catalogue
// (ingest/texts, texts_messages.go), keyed by the kinds above.
type (
	count  = texts.Count
	pct    = texts.Pct
	quoted = texts.Quoted
)

// msgf words a problem in lang ("en", or French otherwise). A kind the
// catalogue does not hold (a bug, caught by the tests) still shows its
// identifier and values rather than nothing.
func msgf(lang, kind string, args ...any) string {
	if !texts.Has(kind) {
		return fmt.Sprint(append([]any{kind + " "}, args...)...)
	}
	return texts.Lang(lang).F(kind, args...)
}

// formatCount writes a head count as the messages show it.
func formatCount(lang string, n int64) string { return texts.Lang(lang).Int(n) }

// list joins quoted labels: « a », « b » et « c » / “a”, “b” and “c”.
func list(lang string, items []string) string { return texts.Lang(lang).List(items) }

// csvCell names a CSV position in words, since CSV has no A1 references.
func csvCell(lang string, row, col int) string {
	return texts.Lang(lang).F("where.csv.cell", row, col)
}

// valueArgs fills the blanks of the message of a value ParseUAI or ParseYear
// refused, so that such a value is told in the same words wherever it was
// written (a survey file, the registry); ok is false for other kinds.
func valueArgs(kind, value string, maxYear int) (args []any, ok bool) {
	switch kind {
	case KindUAIKey:
		t := strings.ToUpper(stripSpaces(value))
		return []any{quoted(value), t[:7], string(UAIKey(t[:7])), quoted(t[:7] + string(UAIKey(t[:7])))}, true
	case KindUAICorsica:
		fixed, _ := corsicanUAI(strings.ToUpper(stripSpaces(value)))
		return []any{quoted(value), quoted(fixed)}, true
	case KindYearImplausible:
		return []any{quoted(value), minYear, maxYear}, true
	case KindBadYear, KindYearNotConsecutive, KindBadUAI:
		return []any{quoted(value)}, true
	}
	return nil, false
}

// ValueMessage words why ParseUAI or ParseYear (with maxYear) refused a
// value: its kind and message, the words a survey file's refusal uses.
// Readers outside this package that share its vocabulary (the registry of
// expected respondents) word their problems through it and Message, so that
// every user text stays in this one catalogue.
func ValueMessage(lang string, err error, maxYear int) (kind, message string) {
	var ve *ValueError
	if !errors.As(err, &ve) {
		return KindUnreadable, err.Error()
	}
	args, ok := valueArgs(ve.Kind, ve.Value, maxYear)
	if !ok {
		args = []any{quoted(ve.Value)}
	}
	return ve.Kind, msgf(lang, ve.Kind, args...)
}

// Message words a problem of kind in lang ("en", or French otherwise), for
// readers outside this package (see ValueMessage). Arguments are placed as
// they are: a value from a file or a label is put in the language's
// quotation marks by Quote first; counts and years are plain integers.
func Message(lang, kind string, args ...any) string { return msgf(lang, kind, args...) }

// Quote puts a value from a file, or a label, in the language's quotation
// marks (« 0751717J » / "0751717J").
func Quote(lang, s string) string { return texts.Lang(lang).Quote(s) }

// CSVCell names a position in a CSV file in words ("ligne 3, colonne 2" /
// "line 3, column 2"), since CSV has no A1 references.
func CSVCell(lang string, line, column int) string { return csvCell(lang, line, column) }
