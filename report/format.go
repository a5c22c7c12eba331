package report

import (
	"time"

	"c2isurvey/ingest/texts"
)

// The number formatter, the quoting rule and the labels are the catalogue's
// (c2isurvey/ingest/texts): one for every output, the terminal included.
// These forwarders keep the report's files calling them as they did while
// the PDF's own texts (pdftext.go) are folded into the catalogue; new code
// calls texts.Lang directly.

// Typography constants, the catalogue's.
const (
	ThinNBSP = texts.ThinNBSP
	NBSP     = texts.NBSP
	Minus    = texts.Minus
)

// isEnglish reports whether lang asks for English; anything else is French.
func isEnglish(lang string) bool { return texts.Lang(lang).English() }

// FormatInt forwards to texts.Lang.Int.
func FormatInt(n int64, lang string) string { return texts.Lang(lang).Int(n) }

// NotAvailable forwards to texts.Lang.NotAvailable.
func NotAvailable(lang string) string { return texts.Lang(lang).NotAvailable() }

// FormatPercent forwards to texts.Lang.Percent.
func FormatPercent(f float64, decimals int, lang string) string {
	return texts.Lang(lang).Percent(f, decimals)
}

// FormatSignedInt forwards to texts.Lang.SignedInt.
func FormatSignedInt(n int64, lang string) string { return texts.Lang(lang).SignedInt(n) }

// FormatSignedPercent forwards to texts.Lang.SignedPercent.
func FormatSignedPercent(f float64, decimals int, lang string) string {
	return texts.Lang(lang).SignedPercent(f, decimals)
}

// FormatPoints forwards to texts.Lang.Points.
func FormatPoints(diff float64, decimals int, lang string) string {
	return texts.Lang(lang).Points(diff, decimals)
}

// YearLabel forwards to texts.YearLabel.
func YearLabel(year int) string { return texts.YearLabel(year) }

// Quote forwards to texts.Lang.Quote.
func Quote(s, lang string) string { return texts.Lang(lang).Quote(s) }

// T forwards to texts.Lang.T.
func T(lang, key string) string { return texts.Lang(lang).T(key) }

// FormatDate forwards to texts.Lang.Date.
func FormatDate(t time.Time, lang string) string { return texts.Lang(lang).Date(t) }
