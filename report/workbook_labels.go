package report

// wbT returns a label of the workbook in lang: first the workbook's own
// labels (sheet names, column and section titles that only the workbook
// uses), then the shared catalogue of format.go.
func wbT(lang, key string) string {
	fr, en := wbLabel(key)
	if fr == "" {
		return T(lang, key)
	}
	if isEnglish(lang) {
		return en
	}
	return fr
}

// wbLabel is the workbook's catalogue. Sheet names must stay within Excel's
// rules (at most 31 characters, none of []:*?/\); a test checks them.
func wbLabel(key string) (fr, en string) {
	switch key {
	// Sheet names.
	case "sheet.national":
		return "National", "National"
	case "sheet.table":
		return "Tableau national", "National table"
	case "sheet.charts":
		return "Graphiques", "Charts"
	case "sheet.tracks":
		return "Parcours", "Tracks"
	case "sheet.groups":
		return "Groupes de parcours", "Track groups"
	case "sheet.institutions":
		return "Établissements", "Institutions"
	case "sheet.academies":
		return "Académies", "Académies"
	case "sheet.quality":
		return "Qualité des données", "Data quality"
	case "sheet.data":
		return "Données", "Data"
	// Columns.
	case "col.track.code":
		return "Code parcours", "Track code"
	case "col.group.code":
		return "Code groupe", "Group code"
	case "col.submitted":
		return "Taux déclaré", "Submitted rate"
	case "col.indicator":
		return "Indicateur", "Indicator"
	case "col.status":
		return "Statut", "Status"
	case "col.refusals":
		return "Motifs de refus", "Refusal reasons"
	case "col.warnings":
		return "Avertissements", "Warnings"
	case "col.count":
		return "Nombre", "Count"
	// Values.
	case "status.accepted":
		return "Accepté", "Accepted"
	case "status.refused":
		return "Refusé", "Refused"
	case "academie.none":
		return "(non renseignée)", "(not given)"
	case "none":
		return "Aucun.", "None."
	// Data quality sections.
	case "quality.title":
		return "Qualité des données" + NBSP + ": fichiers lus et motifs de refus", "Data quality: files read and refusal reasons"
	case "quality.summary":
		return "Synthèse", "Summary"
	case "quality.files.read":
		return "Fichiers lus", "Files read"
	case "quality.files.accepted":
		return "Fichiers acceptés", "Files accepted"
	case "quality.files.refused":
		return "Fichiers refusés", "Files refused"
	case "quality.refusals":
		return "Motifs de refus", "Refusal reasons"
	case "quality.warnings":
		return "Avertissements", "Warnings"
	case "quality.replacements":
		return "Remplacements (un fichier plus récent remplace le précédent)", "Replacements (a later file replaces the earlier one)"
	case "quality.duplicates":
		return "Doublons (fichiers identiques, comptés une seule fois)", "Duplicates (identical files, counted once)"
	case "quality.files":
		return "Fichiers", "Files"
	// Charts.
	case "chart.certs":
		return "Certificats délivrés par année universitaire", "Certificates delivered by academic year"
	case "chart.rate":
		return "Taux de réussite par année universitaire", "Success rate by academic year"
	case "chart.tracks":
		return "Certificats délivrés par parcours, ", "Certificates delivered by track, "
	case "chart.source":
		return "Source" + NBSP + ": enquête annuelle C2i2e, feuilles " + Quote("National", "fr") + " et " + Quote("Parcours", "fr") + " de ce classeur.",
			"Source: annual C2i2e survey, the " + Quote("National", "en") + " and " + Quote("Tracks", "en") + " sheets of this workbook."
	case "chart.nodata":
		return "Aucune donnée à représenter.", "No data to chart."
	case "chart.notracks":
		return "Aucune année n’a de ventilation par parcours.", "No year has a breakdown by track."
	// Print footer: {page} and {pages} become the page number and the
	// number of pages of the sheet.
	case "print.page":
		return "Page {page} sur {pages}", "Page {page} of {pages}"
	// Document properties.
	case "workbook.subject":
		return "Étudiants, certificats et taux de réussite par année et par parcours",
			"Students, certificates and success rates by year and track"
	}
	return "", ""
}
