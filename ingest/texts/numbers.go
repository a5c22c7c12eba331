package texts

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// This file is the one number formatter: every count, rate and change a
// user reads (terminal, messages, PDF, workbook text) is written here.

// Int writes n with digit groups: "35 604" (French, U+202F between groups)
// or "35,604" (English). A negative number takes an ASCII hyphen-minus so
// that a spreadsheet reading the text back still sees a number-like string;
// use SignedInt for changes shown to readers.
func (l Lang) Int(n int64) string {
	sep := ThinNBSP
	if l.English() {
		sep = ","
	}
	// Work on the decimal digits as text so that math.MinInt64 needs no
	// special case.
	digits := strconv.FormatInt(n, 10)
	neg := n < 0
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

// decimal writes v with the given number of decimals, digit groups and the
// language's decimal mark, without sign (the caller adds it). Rounding is
// half away from zero on the decimal value, as readers expect (64,65 →
// 64,7), not the banker's rounding of binary floats.
func (l Lang) decimal(v float64, decimals int) string {
	decimals = max(decimals, 0)
	scale := math.Pow10(decimals)
	// The tiny nudge absorbs binary representation error (0.645*100 is
	// 64.49999…) before rounding half away from zero.
	r := math.Round(math.Abs(v)*scale*(1+1e-12)) / scale
	s := strconv.FormatFloat(r, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	sep, mark := ThinNBSP, ","
	if l.English() {
		sep, mark = ",", "."
	}
	out := groupDigits(intPart, sep)
	if frac != "" {
		out += mark + frac
	}
	return out
}

// Rounded is |v| rounded at decimals, the way the formatters round it:
// a value whose Rounded is 0 is printed without a sign.
func Rounded(v float64, decimals int) float64 {
	scale := math.Pow10(max(decimals, 0))
	return math.Round(math.Abs(v)*scale*(1+1e-12)) / scale
}

// NotAvailable is what a table shows for a value that does not exist (a
// rate whose denominator is zero, a change with no previous year).
func (l Lang) NotAvailable() string { return l.T("value.na") }

// percentSign appends the language's percent sign.
func (l Lang) percentSign(s string) string {
	if l.English() {
		return s + "%"
	}
	return s + NBSP + "%"
}

// Percent writes a fraction as a percentage: 0.6462 → "64,6 %" (French, a
// no-break space before %) or "64.6%" (English). NaN and infinities, which
// mean "no denominator", give NotAvailable.
func (l Lang) Percent(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return l.NotAvailable()
	}
	s := l.decimal(f*100, decimals)
	if f < 0 && Rounded(f*100, decimals) != 0 {
		s = "-" + s
	}
	return l.percentSign(s)
}

// sign returns the sign a change is printed with: "+", a true minus sign,
// or nothing for a change that rounds to zero.
func sign(v float64, decimals int) string {
	switch {
	case Rounded(v, decimals) == 0:
		return ""
	case v > 0:
		return "+"
	default:
		return Minus
	}
}

// SignedInt writes a change in a count: "+1 234", "−56" (U+2212), "0".
func (l Lang) SignedInt(n int64) string {
	switch {
	case n > 0:
		return "+" + l.Int(n)
	case n < 0:
		return Minus + strings.TrimPrefix(l.Int(n), "-")
	}
	return "0"
}

// SignedPercent writes a relative change given as a fraction: 0.1234 →
// "+12,3 %" (French) / "+12.3%" (English).
func (l Lang) SignedPercent(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return l.NotAvailable()
	}
	return l.percentSign(sign(f*100, decimals) + l.decimal(f*100, decimals))
}

// Points writes the change between two rates given as fractions, in
// percentage points: 0.023 → "+2,3 points" / "+2.3 points". French takes
// the singular below 2 ("1,9 point"), English for exactly 1.
func (l Lang) Points(diff float64, decimals int) string {
	if math.IsNaN(diff) || math.IsInf(diff, 0) {
		return l.NotAvailable()
	}
	v := diff * 100
	r := Rounded(v, decimals)
	unit := l.T("unit.points")
	if (l.English() && r == 1) || (!l.English() && r < 2) {
		unit = l.T("unit.point")
	}
	return sign(v, decimals) + l.decimal(v, decimals) + NBSP + unit
}

// YearLabel names an academic year from its ending year: 2012 →
// "2011-2012", the same in both languages.
func YearLabel(year int) string {
	return strconv.Itoa(year-1) + "-" + strconv.Itoa(year)
}

// Date writes a date as a reader expects it: « 2 décembre 2026 » (« 1er »
// for the first of the month) or "2 December 2026", with no-break spaces so
// that it never splits across lines. The date is taken in UTC, so that the
// same time gives the same text on every machine.
func (l Lang) Date(t time.Time) string {
	t = t.UTC()
	day := strconv.Itoa(t.Day())
	if !l.English() && t.Day() == 1 {
		day = l.T("date.first")
	}
	month := l.T("month." + strconv.Itoa(int(t.Month())))
	return day + NBSP + month + NBSP + strconv.Itoa(t.Year())
}

// Decimal writes v with the given number of decimals, digit groups and the
// language's decimal mark: 12.5 → "12,5" / "12.5".
func (l Lang) Decimal(v float64, decimals int) string {
	if v < 0 && Rounded(v, decimals) != 0 {
		return "-" + l.decimal(v, decimals)
	}
	return l.decimal(v, decimals)
}
