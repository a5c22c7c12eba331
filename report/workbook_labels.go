package report

import "c2isurvey/ingest/texts"

// wbT returns a text of the workbook in lang, from the catalogue
// (texts_workbook.go holds the workbook's own).
func wbT(lang, key string) string { return texts.Lang(lang).T(key) }
