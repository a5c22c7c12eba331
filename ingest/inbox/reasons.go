package inbox

import (
	"strings"

	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
)

// reasons is the text written beside a refused original: what was refused,
// why (one line per problem, with its sheet and cell), and what to do.
func reasons(res ingest.FileResult, keptAs, lang string) string {
	l := texts.Lang(lang)
	var b strings.Builder
	b.WriteString(l.F("inbox.reasons.file", res.File) + "\n")
	b.WriteString(l.F("inbox.reasons.kept", keptAs) + "\n\n")
	b.WriteString(l.T("inbox.reasons.intro") + "\n\n")
	for _, p := range res.Refusals {
		b.WriteString("- ")
		b.WriteString(where(p.Location, l))
		b.WriteString(p.Message)
		b.WriteString("\n")
	}
	b.WriteString("\n" + l.T("inbox.reasons.todo") + "\n")
	return b.String()
}

// where says which sheet and cell a problem concerns, as a prefix.
func where(loc ingest.Location, l texts.Lang) string {
	var parts []string
	if loc.Sheet != "" {
		parts = append(parts, l.F("where.sheet", texts.Quoted(loc.Sheet)))
	}
	if loc.Cell != "" {
		// A CSV's place is already worded (« ligne 3, colonne 2 »).
		if strings.HasPrefix(loc.Cell, "ligne") || strings.HasPrefix(loc.Cell, "line") {
			parts = append(parts, loc.Cell)
		} else {
			parts = append(parts, l.F("where.cell", loc.Cell))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return l.F("inbox.reasons.where", strings.Join(parts, ", "))
}
