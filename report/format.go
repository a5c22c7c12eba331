package report

import (
	"math"
	"strings"
	"time"

	"c2isurvey/ingest/texts"
)

// The number formatter, the quoting rule and every text are the
// catalogue's (c2isurvey/ingest/texts): one for every output, the terminal
// included. New code calls texts.Lang directly; the forwarders below are
// what files still name (the workbook's, the revisions', the portal's),
// to go as those files are next edited.

// Typography constants, the catalogue's.
const (
	ThinNBSP = texts.ThinNBSP
	NBSP     = texts.NBSP
)

// FormatInt forwards to texts.Lang.Int.
func FormatInt(n int64, lang string) string { return texts.Lang(lang).Int(n) }

// FormatPercent forwards to texts.Lang.Percent.
func FormatPercent(f float64, decimals int, lang string) string {
	return texts.Lang(lang).Percent(f, decimals)
}

// FormatSignedInt forwards to texts.Lang.SignedInt.
func FormatSignedInt(n int64, lang string) string { return texts.Lang(lang).SignedInt(n) }

// FormatPoints forwards to texts.Lang.Points.
func FormatPoints(diff float64, decimals int, lang string) string {
	return texts.Lang(lang).Points(diff, decimals)
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

// YearLabel forwards to texts.YearLabel.
func YearLabel(year int) string { return texts.YearLabel(year) }

// Quote forwards to texts.Lang.Quote.
func Quote(s, lang string) string { return texts.Lang(lang).Quote(s) }

// T forwards to texts.Lang.T.
func T(lang, key string) string { return texts.Lang(lang).T(key) }

// FormatDate forwards to texts.Lang.Date.
func FormatDate(t time.Time, lang string) string { return texts.Lang(lang).Date(t) }
