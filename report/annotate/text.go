package annotate

import "c2isurvey/ingest/texts"

// t returns a text of the catalogue (c2isurvey/ingest/texts, this
// package's in texts_annotate.go) in lang ("en" for English, French
// otherwise).
func t(lang, key string) string { return texts.Lang(lang).T(key) }
