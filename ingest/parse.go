package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"c2isurvey/ingest/tracks"
)

// ValueError says why a value written in a file could not be read. Kind is
// one of the Kind* constants, so that the caller can word the refusal.
type ValueError struct {
	Kind  string
	Value string
}

func (e *ValueError) Error() string { return fmt.Sprintf("%s: %q", e.Kind, e.Value) }

func valueErr(kind, value string) error { return &ValueError{Kind: kind, Value: value} }

// isSpace reports the spaces people and spreadsheet software put inside or
// around numbers: ordinary, no-break (U+00A0), narrow no-break (U+202F), thin
// (U+2009) and the like.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007'
}

// stripSpaces removes every kind of space.
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// isDash reports a cell that holds only a dash, which French tables use for
// "nobody": it reads as an empty cell.
func isDash(s string) bool {
	switch strings.TrimFunc(s, isSpace) {
	case "-", "–", "—", "‒":
		return true
	}
	return false
}

// ParseCount reads a head count written as text or stored as a number:
// "17671", "17 671" (any space as thousands separator), "17 671,0",
// "17671.0", "1,234,567" or "1.234.567" (repeated groups of three). A single
// ',' or '.' is a decimal mark; one followed by exactly three digits after
// at most three ("12,000", "17.671") is refused as ambiguous
// (KindAmbiguousThousands) rather than guessed to be twelve or twelve
// thousand. Negative, fractional and non-numeric values are refused with a
// *ValueError whose Kind is KindNegativeCount, KindFractionalCount or
// KindNotANumber. An empty string is not a number:
// the caller decides what an empty cell means.
func ParseCount(s string) (int64, error) {
	t := stripSpaces(s)
	if t == "" {
		return 0, valueErr(KindNotANumber, s)
	}
	negative := false
	switch {
	case strings.HasPrefix(t, "-"):
		negative, t = true, t[1:]
	case strings.HasPrefix(t, "\u2212"): // the typographic minus sign
		negative, t = true, t[len("\u2212"):]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	t = normaliseGroups(t)
	if t == "" || strings.ContainsAny(t, "eE") {
		return 0, valueErr(KindNotANumber, s)
	}
	if !negative && ambiguousThousands(t) {
		return 0, valueErr(KindAmbiguousThousands, s)
	}
	// Only digits and at most one decimal mark may remain.
	intPart, frac, hasFrac := strings.Cut(strings.Replace(t, ",", ".", 1), ".")
	if intPart == "" || !allDigits(intPart) || (hasFrac && !allDigits(frac)) {
		return 0, valueErr(KindNotANumber, s)
	}
	if strings.Trim(frac, "0") != "" {
		if negative {
			return 0, valueErr(KindNegativeCount, s)
		}
		return 0, valueErr(KindFractionalCount, s)
	}
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil || n > maxCount {
		return 0, valueErr(KindNotANumber, s)
	}
	if negative && n != 0 {
		return 0, valueErr(KindNegativeCount, s)
	}
	return n, nil
}

// maxCount bounds a head count far above any real survey (France trains tens
// of thousands of teachers a year) so that sums cannot overflow.
const maxCount = 1_000_000_000

// ParseNumberCount reads a count from a cell stored as a number (Value uses
// '.' as decimal point and may use an exponent). Floating-point noise left by
// a formula (12.000000000000002) is rounded away; a real fraction is refused.
func ParseNumberCount(v string) (int64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, valueErr(KindNotANumber, v)
	}
	r := math.Round(f)
	if math.Abs(f-r) > 1e-9*math.Max(1, math.Abs(f)) {
		if f < 0 {
			return 0, valueErr(KindNegativeCount, v)
		}
		return 0, valueErr(KindFractionalCount, v)
	}
	if r < 0 {
		return 0, valueErr(KindNegativeCount, v)
	}
	if r > maxCount {
		return 0, valueErr(KindNotANumber, v)
	}
	return int64(r), nil
}

// ambiguousThousands reports a count written as one to three digits, a
// single ',' or '.', and exactly three digits ("12,000", "12.000"): twelve
// with a decimal mark, or twelve thousand with a thousands separator. Nobody
// can tell which, so it is refused rather than guessed. With four digits or
// more before the mark ("17671,000", "17 671,000") the mark can only be a
// decimal one.
func ambiguousThousands(t string) bool {
	i := strings.IndexAny(t, ",.")
	if i < 1 || i > 3 || len(t)-i-1 != 3 {
		return false
	}
	return allDigits(t[:i]) && allDigits(t[i+1:])
}

// normaliseGroups removes thousands separators written as repeated ',' or
// '.' between groups of three digits ("1,234,567", "1.234.567"). A single
// mark is left alone: it is a decimal mark.
func normaliseGroups(t string) string {
	for _, sep := range []string{",", "."} {
		parts := strings.Split(t, sep)
		if len(parts) < 3 {
			continue
		}
		ok := len(parts[0]) >= 1 && len(parts[0]) <= 3 && allDigits(parts[0])
		for _, p := range parts[1:] {
			ok = ok && len(p) == 3 && allDigits(p)
		}
		if ok {
			return strings.Join(parts, "")
		}
	}
	return t
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseRate reads a success rate and returns it as a fraction: "64%",
// "64 %", "72,8 %", "0,646", "0.646", "64,6", a stored number 0.646. Without
// a '%' sign a number above 1 is a percentage (64,6 means 64,6 %). A rate
// outside 0..100 % or that is not a number is refused with a *ValueError of
// Kind KindBadRate.
func ParseRate(s string) (float64, error) {
	t := stripSpaces(s)
	percent := false
	if strings.HasSuffix(t, "%") {
		percent, t = true, strings.TrimSuffix(t, "%")
	}
	t = strings.Replace(t, ",", ".", 1)
	if t == "" || strings.ContainsAny(t, "eEpPxX_") || strings.HasPrefix(t, "+") {
		return 0, valueErr(KindBadRate, s)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, valueErr(KindBadRate, s)
	}
	if percent || f > 1 {
		f /= 100
	}
	if f > 1+1e-9 {
		return 0, valueErr(KindBadRate, s)
	}
	return f, nil
}

// ParseYear reads an academic year and returns its ending year: "2011-2012",
// "2011/2012", "2011 - 2012", "2011–2012", "2011-12", "2012", or a stored
// number 2012 ("2012.0"). A range whose years are not consecutive is refused
// (Kind KindYearNotConsecutive); a year outside 2000..maxYear is refused as
// implausible (KindYearImplausible); anything else is KindBadYear.
func ParseYear(s string, maxYear int) (int, error) {
	t := stripSpaces(s)
	if t == "" {
		return 0, valueErr(KindBadYear, s)
	}
	var year int
	if i := strings.IndexAny(t, "-/–—"); i > 0 {
		first, second := t[:i], t[i:]
		_, w := utf8.DecodeRuneInString(second)
		second = second[w:]
		if len(first) != 4 || !allDigits(first) || !allDigits(second) || (len(second) != 4 && len(second) != 2) {
			return 0, valueErr(KindBadYear, s)
		}
		a, _ := strconv.Atoi(first)
		b, _ := strconv.Atoi(second)
		if len(second) == 2 {
			// "2011-12": the century is the first year's, or the next one
			// for "1999-00".
			b += a / 100 * 100
			if b < a {
				b += 100
			}
		}
		if b != a+1 {
			return 0, valueErr(KindYearNotConsecutive, s)
		}
		year = b
	} else {
		if n, ok := strings.CutSuffix(t, ".0"); ok {
			t = n
		}
		if len(t) != 4 || !allDigits(t) {
			return 0, valueErr(KindBadYear, s)
		}
		year, _ = strconv.Atoi(t)
	}
	if year < minYear || year > maxYear {
		return 0, valueErr(KindYearImplausible, s)
	}
	return year, nil
}

// minYear is the first plausible survey year: the C2i2e dates from 2006;
// 2000 leaves room for older archives without accepting typos like 1012.
const minYear = 2000

// ParseUAI reads an institution's national code (UAI, formerly RNE): seven
// digits and a check letter, spaces removed and upper-cased ("0751717j"
// gives "0751717J"). The letter must be the one the number implies (see
// UAIKey): a mistyped code would otherwise become a second institution.
// A code that writes Corsica's département as 2A or 2B is refused with Kind
// KindUAICorsica (the national directory writes those codes with digits);
// a wrong letter with KindUAIKey; anything else with KindBadUAI.
func ParseUAI(s string) (string, error) {
	t := strings.ToUpper(stripSpaces(s))
	if _, ok := corsicanUAI(t); ok {
		return "", valueErr(KindUAICorsica, s)
	}
	if len(t) != 8 || !allDigits(t[:7]) || t[7] < 'A' || t[7] > 'Z' {
		return "", valueErr(KindBadUAI, s)
	}
	if t[7] != UAIKey(t[:7]) {
		return "", valueErr(KindUAIKey, s)
	}
	return t, nil
}

// uaiKeyLetters are the check letters of a UAI: the alphabet without I, O
// and Q, which read like digits.
const uaiKeyLetters = "ABCDEFGHJKLMNPRSTUVWXYZ"

// UAIKey returns the check letter of a UAI's seven-digit number: the number
// modulo 23 indexing uaiKeyLetters (0751717 gives J). number must be seven
// digits.
func UAIKey(number string) byte {
	n, _ := strconv.Atoi(number)
	return uaiKeyLetters[n%23]
}

// corsicanUAI recognises a Corsican code written with the département's
// letters ("02B0664J", "2B0664J") and returns the code as the national
// directory writes it: the département as 620 (Corse-du-Sud, 2A) or 720
// (Haute-Corse, 2B), then the four-digit serial, then the check letter of
// that number ("7200664J").
func corsicanUAI(t string) (string, bool) {
	t = strings.TrimPrefix(t, "0")
	if len(t) != 7 || t[0] != '2' || (t[1] != 'A' && t[1] != 'B') || !allDigits(t[2:6]) || t[6] < 'A' || t[6] > 'Z' {
		return "", false
	}
	dept := "620"
	if t[1] == 'B' {
		dept = "720"
	}
	n := dept + t[2:6]
	return n + string(UAIKey(n)), true
}

// CleanName trims a name and collapses every run of spaces (line breaks and
// no-break spaces included) into one space.
func CleanName(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// appendLabelKey appends LabelKey(s) to dst, without an allocation when s
// has no parenthesis (nearly always).
func appendLabelKey(dst []byte, s string) []byte {
	if !strings.ContainsAny(s, "([") {
		return tracks.AppendKey(dst, s)
	}
	return append(dst, LabelKey(s)...)
}

// LabelKey reduces a header or label cell to the form under which it is
// compared: the track dictionary's key (case, accents, punctuation, spaces,
// plurals), after dropping parenthesised units ("Taux de réussite (%)") and
// trailing colons. A label that is nothing but a parenthesis keeps its
// content.
func LabelKey(s string) string {
	if !strings.ContainsAny(s, "([") {
		// Nothing to drop: the key of s itself (what the loop below
		// would give, at twice the cost).
		return tracks.Key(s)
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
			b.WriteByte(' ')
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if k := tracks.Key(b.String()); k != "" {
		return k
	}
	return tracks.Key(s)
}
