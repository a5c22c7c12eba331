package report

import "c2isurvey/ingest/texts"

// pdfText returns a text of the catalogue (c2isurvey/ingest/texts: the
// public report's own in texts_pdf.go, the quality report's in
// texts_quality.go) in lang. Keys with %s take already formatted values
// (numbers go through texts.Lang's Int and Percent, never %d). An unknown
// key comes back as itself.
func pdfText(lang, key string) string { return texts.Lang(lang).T(key) }

// frenchSpacing is the catalogue's rule, kept under this name for
// revisions_text.go until its texts join the catalogue.
func frenchSpacing(s string) string { return texts.FrenchSpacing(s) }
