package report

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Typography constants. The thousands separator is U+202F NARROW NO-BREAK
// SPACE, the one the Imprimerie nationale rules call for between digit groups;
// the PDF embeds a TrueType font that has it. Before "%" French uses a
// no-break space (U+00A0), the ordinary word width. A writer limited to
// cp1252 (core PDF fonts) has U+00A0 but not U+202F and must map one to the
// other.
const (
	ThinNBSP = "\u202f" // between digit groups in French
	NBSP     = "\u00a0" // before % and : in French
	Minus    = "\u2212" // true minus sign, for signed changes
)

// isEnglish reports whether lang asks for English; anything else is French,
// the default for ministry staff.
func isEnglish(lang string) bool { return lang == "en" }

// FormatInt writes n with digit groups: "35 604" (fr, U+202F between groups)
// or "35,604" (en). Negative numbers take an ASCII hyphen-minus so that a
// spreadsheet reading the text back still sees a number-like string; use
// FormatSignedInt for changes shown to readers.
func FormatInt(n int64, lang string) string {
	sep := ThinNBSP
	if isEnglish(lang) {
		sep = ","
	}
	neg := n < 0
	// Work on the decimal digits as text so that math.MinInt64 needs no
	// special case.
	digits := strconv.FormatInt(n, 10)
	if neg {
		digits = digits[1:]
	}
	s := groupDigits(digits, sep)
	if neg {
		return "-" + s
	}
	return s
}

// groupDigits inserts sep every three digits from the right.
func groupDigits(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// formatDecimal writes v with the given number of decimals, digit groups and
// the language's decimal mark, without sign (the caller adds it). Rounding is
// half away from zero on the decimal value, as readers expect (64,65 → 64,7),
// not the banker's rounding of binary floats.
func formatDecimal(v float64, decimals int, lang string) string {
	if decimals < 0 {
		decimals = 0
	}
	scale := math.Pow10(decimals)
	// The tiny nudge absorbs binary representation error (0.645*100 is
	// 64.49999…) before rounding half away from zero.
	r := math.Round(math.Abs(v)*scale*(1+1e-12)) / scale
	s := strconv.FormatFloat(r, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	sep, mark := ThinNBSP, ","
	if isEnglish(lang) {
		sep, mark = ",", "."
	}
	out := groupDigits(intPart, sep)
	if frac != "" {
		out += mark + frac
	}
	return out
}

// isZeroAt reports whether v rounds to zero at the given decimals, so that a
// tiny negative value is not shown as "-0,0".
func isZeroAt(v float64, decimals int) bool {
	return math.Round(math.Abs(v)*math.Pow10(max(decimals, 0))*(1+1e-12)) == 0
}

// NotAvailable is what a table shows for a value that does not exist (a rate
// whose denominator is zero, a change with no previous year).
func NotAvailable(lang string) string {
	if isEnglish(lang) {
		return "n/a"
	}
	return "n.d."
}

// FormatPercent writes a fraction as a percentage: 0.6462 → "64,6 %" (fr, a
// no-break space before %) or "64.6%" (en). NaN and infinities, which mean
// "no denominator", give NotAvailable.
func FormatPercent(f float64, decimals int, lang string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return NotAvailable(lang)
	}
	s := formatDecimal(f*100, decimals, lang)
	if f < 0 && !isZeroAt(f*100, decimals) {
		s = "-" + s
	}
	if isEnglish(lang) {
		return s + "%"
	}
	return s + NBSP + "%"
}

// sign returns the sign a change is printed with: "+", a true minus sign, or
// nothing for a change that rounds to zero.
func sign(v float64, decimals int) string {
	switch {
	case isZeroAt(v, decimals):
		return ""
	case v > 0:
		return "+"
	default:
		return Minus
	}
}

// FormatSignedInt writes a change in a count: "+1 234", "−56" (U+2212), "0".
func FormatSignedInt(n int64, lang string) string {
	switch {
	case n > 0:
		return "+" + FormatInt(n, lang)
	case n < 0:
		return Minus + strings.TrimPrefix(FormatInt(n, lang), "-")
	}
	return "0"
}

// FormatSignedPercent writes a relative change given as a fraction:
// 0.1234 → "+12,3 %" (fr) / "+12.3%" (en).
func FormatSignedPercent(f float64, decimals int, lang string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return NotAvailable(lang)
	}
	s := sign(f*100, decimals) + formatDecimal(f*100, decimals, lang)
	if isEnglish(lang) {
		return s + "%"
	}
	return s + NBSP + "%"
}

// FormatPoints writes the change between two rates given as fractions, in
// percentage points: 0.023 → "+2,3 points" (fr) / "+2.3 points" (en). A
// change of one point or less takes the singular in French ("+1,0 point").
func FormatPoints(diff float64, decimals int, lang string) string {
	if math.IsNaN(diff) || math.IsInf(diff, 0) {
		return NotAvailable(lang)
	}
	v := diff * 100
	s := sign(v, decimals) + formatDecimal(v, decimals, lang)
	unit := "points"
	rounded := math.Round(math.Abs(v)*math.Pow10(max(decimals, 0))*(1+1e-12)) / math.Pow10(max(decimals, 0))
	switch {
	case isEnglish(lang) && rounded == 1:
		unit = "point"
	case !isEnglish(lang) && rounded < 2:
		// French grammar: the plural starts at 2 ("0,5 point", "1,9 point").
		unit = "point"
	}
	return s + NBSP + unit
}

// RoundedDiff is a - b computed on the two fractions as FormatPercent
// prints them with decimals (64,6 % − 41,6 % = 23,0 points, where the
// unrounded rates give 23,1): a reader who subtracts the printed rates
// finds the printed change. NaN when either is NaN.
func RoundedDiff(a, b float64, decimals int) float64 {
	round := func(f float64) float64 {
		scale := math.Pow10(max(decimals, 0) + 2)
		r := math.Round(math.Abs(f)*scale*(1+1e-12)) / scale
		if f < 0 {
			return -r
		}
		return r
	}
	return round(a) - round(b)
}

// FormatPointGap writes a gap between two changes in points, without a
// sign: 0.125 → "12,5 points" (fr) / "12.5 points" (en).
func FormatPointGap(gap float64, decimals int, lang string) string {
	return strings.TrimPrefix(FormatPoints(math.Abs(gap), decimals, lang), "+")
}

// YearLabel names an academic year from its ending year: 2012 → "2011-2012".
func YearLabel(year int) string {
	return strconv.Itoa(year-1) + "-" + strconv.Itoa(year)
}

// Quote puts text between the language's quotation marks: « texte » with
// no-break spaces inside (fr), “text” (en).
func Quote(s, lang string) string {
	if isEnglish(lang) {
		return "\u201c" + s + "\u201d"
	}
	return "«" + NBSP + s + NBSP + "»"
}

// T returns the label for key in lang ("en" for English, French otherwise).
// An unknown key comes back as itself, visibly wrong in the output and caught
// by the tests, rather than as an empty cell. The catalogue is a switch, not a
// map, so that it is constant.
func T(lang, key string) string {
	fr, en := label(key)
	if fr == "" {
		return key
	}
	if isEnglish(lang) {
		return en
	}
	return fr
}

// label holds the shared labels of every output (PDF, workbook, CSV headers
// meant for people).
func label(key string) (fr, en string) {
	switch key {
	// Report and survey names.
	case "report.title":
		return "Enquête C2i2e — Rapport annuel", "C2i2e survey — Annual report"
	case "survey.short":
		return "Enquête C2i2e", "C2i2e survey"
	case "certificate.name":
		return "Certificat informatique et internet de niveau 2 " + Quote("enseignant", "fr"),
			"Certificate in IT and Internet skills, level 2 " + Quote("teacher", "en")
	case "author":
		return "Ministère de l’Éducation nationale — Service statistique",
			"Ministry of Education — Statistics department"
	case "academic.year":
		return "Année universitaire", "Academic year"
	case "year":
		return "Année", "Year"
	// Measures.
	case "institutions":
		return "Établissements ayant répondu", "Institutions that answered"
	case "students":
		return "Étudiants concernés", "Students concerned"
	case "certificates":
		return "Certificats délivrés", "Certificates delivered"
	case "success.rate":
		return "Taux de réussite", "Success rate"
	case "share":
		return "Part des certificats", "Share of certificates"
	// Dimensions.
	case "track":
		return "Parcours", "Track"
	case "track.group":
		return "Groupe de parcours", "Track group"
	case "uai":
		return "Code UAI", "UAI code"
	case "institution":
		return "Établissement", "Institution"
	case "academie":
		return "Académie", "Académie"
	case "total":
		return "Total", "Total"
	case "subtotal":
		return "Sous-total", "Subtotal"
	// Data quality.
	case "file":
		return "Fichier", "File"
	case "sheet":
		return "Feuille", "Sheet"
	case "cell":
		return "Cellule", "Cell"
	case "message":
		return "Message", "Message"
	case "kind":
		return "Nature", "Kind"
	case "replaced.file":
		return "Fichier remplacé", "Replaced file"
	case "replacing.file":
		return "Fichier retenu", "Replacing file"
	case "duplicate.file":
		return "Fichier en double", "Duplicate file"
	case "same.as":
		return "Identique à", "Same as"
	}
	return "", ""
}

// FormatDate writes a date as a reader expects it: « 2 décembre 2026 »
// (« 1er » for the first of the month) or "2 December 2026", with no-break
// spaces so that it never splits across lines. The date is taken in UTC,
// so that the same time gives the same text on every machine.
func FormatDate(t time.Time, lang string) string {
	t = t.UTC()
	french := [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	english := [...]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	day := strconv.Itoa(t.Day())
	month := french[t.Month()-1]
	if isEnglish(lang) {
		month = english[t.Month()-1]
	} else if t.Day() == 1 {
		day = "1er"
	}
	return day + NBSP + month + NBSP + strconv.Itoa(t.Year())
}
