package inbox

import (
	"fmt"
	"strings"

	"c2isurvey/ingest"
)

// reasons is the text written beside a refused original: what was refused,
// why (one line per problem, with its sheet and cell), and what to do.
func reasons(res ingest.FileResult, keptAs, lang string) string {
	var b strings.Builder
	if lang == "en" {
		fmt.Fprintf(&b, "File: %s\nKept as: %s\n\nThis file was refused for the following reasons:\n\n", res.File, keptAs)
	} else {
		fmt.Fprintf(&b, "Fichier\u00a0: %s\nConservé sous le nom\u00a0: %s\n\nCe fichier a été refusé pour les raisons suivantes\u00a0:\n\n", res.File, keptAs)
	}
	for _, p := range res.Refusals {
		b.WriteString("- ")
		b.WriteString(where(p.Location, lang))
		b.WriteString(p.Message)
		b.WriteString("\n")
	}
	if lang == "en" {
		b.WriteString("\nWhat to do: correct the file as these messages say, then drop it again in the inbox folder. " +
			"Nothing of this file was counted.\n")
	} else {
		b.WriteString("\nQue faire\u00a0: corrigez le fichier selon ces indications, puis déposez-le de nouveau dans le dossier inbox. " +
			"Rien de ce fichier n’a été compté.\n")
	}
	return b.String()
}

// where says which sheet and cell a problem concerns, as a prefix.
func where(l ingest.Location, lang string) string {
	var parts []string
	if l.Sheet != "" {
		if lang == "en" {
			parts = append(parts, fmt.Sprintf("sheet “%s”", l.Sheet))
		} else {
			parts = append(parts, fmt.Sprintf("feuille «\u00a0%s\u00a0»", l.Sheet))
		}
	}
	if l.Cell != "" {
		if strings.HasPrefix(l.Cell, "ligne") || strings.HasPrefix(l.Cell, "line") {
			parts = append(parts, l.Cell)
		} else if lang == "en" {
			parts = append(parts, "cell "+l.Cell)
		} else {
			parts = append(parts, "cellule "+l.Cell)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if lang == "en" {
		return strings.Join(parts, ", ") + ": "
	}
	return strings.Join(parts, ", ") + "\u00a0: "
}
