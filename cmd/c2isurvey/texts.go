package main

// uiTexts are the few words the command line prints itself; the messages
// about files come worded from ingest.
type uiTexts struct {
	accepted, refused, warning, sheet, cell                                                               string
	validateSummaryOK, validateSummaryRefused                                                             string
	summary, summaryRefused, summaryDuplicates, summaryReplaced, summarySkipped, summaryWarnings, andMore string
	files, passSummary, passReports, sameAs                                                               string
}

func texts(lang string) uiTexts {
	if lang == "en" {
		return uiTexts{
			accepted: "accepted (%d submission(s), %d row(s))", refused: "REFUSED", warning: "warning:",
			sheet: "sheet", cell: "cell",
			validateSummaryOK:      "%d file(s) checked: all accepted.",
			validateSummaryRefused: "%d of %d file(s) refused: correct them and check again.",
			summary:                "%d file(s) read: %d accepted, %d replaced by a later file, %d refused, %d duplicate(s) ignored.",
			summaryRefused:         "Refused: %s: %s",
			summaryDuplicates:      "Duplicate: %s has the same content as %s (counted once).",
			summaryReplaced:        "Replaced: %s %s from %s by %s.",
			summarySkipped:         "%d file(s) passed over (hidden, lock, partial, source or documentation files, the list of expected institutions registry.csv, links to folders): %s",
			andMore:                " and %d more",
			files:                  "files",
			passSummary:            "Run %d: %d file(s) seen, %d accepted, %d refused, %d duplicate(s), %d submission(s) replaced, %d left for a later run.",
			passReports:            "Reports: %s",
			sameAs:                 "same content as %s, counted once",
			summaryWarnings:        "%d warning(s): see the data-quality page of the reports.",
		}
	}
	return uiTexts{
		accepted: "accepté (%d déclaration(s), %d ligne(s))", refused: "REFUSÉ", warning: "avertissement :",
		sheet: "feuille", cell: "cellule",
		validateSummaryOK:      "%d fichier(s) vérifié(s) : tous acceptés.",
		validateSummaryRefused: "%d fichier(s) refusé(s) sur %d : corrigez-les puis vérifiez à nouveau.",
		summary:                "%d fichier(s) lu(s) : %d accepté(s), %d remplacé(s) par un fichier plus récent, %d refusé(s), %d doublon(s) ignoré(s).",
		summaryRefused:         "Refusé : %s : %s",
		summaryDuplicates:      "Doublon : %s a le même contenu que %s (compté une fois).",
		summaryReplaced:        "Remplacé : %s %s de %s par %s.",
		summarySkipped:         "%d fichier(s) non lu(s) (cachés, verrous, téléchargements partiels, sources, documentation, liste des établissements attendus registry.csv, liens vers des dossiers) : %s",
		andMore:                " et %d autre(s)",
		files:                  "fichiers",
		passSummary:            "Passage %d : %d fichier(s) vu(s), %d accepté(s), %d refusé(s), %d doublon(s), %d déclaration(s) remplacée(s), %d laissé(s) pour un passage suivant.",
		passReports:            "Rapports : %s",
		sameAs:                 "même contenu que %s, compté une fois",
		summaryWarnings:        "%d avertissement(s) : voir la page qualité des données des rapports.",
	}
}
