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
	case "status.replaced":
		return "Remplacé", "Replaced"
	case "status.duplicate":
		return "Doublon", "Duplicate"
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
	case "quality.files.replaced":
		return "Fichiers remplacés par un fichier plus récent", "Files replaced by a later file"
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
		return "Chiffres des graphiques" + NBSP + ": feuilles " + Quote("National", "fr") + " et " + Quote("Parcours", "fr") + " de ce classeur.",
			"The charts' figures: the " + Quote("National", "en") + " and " + Quote("Tracks", "en") + " sheets of this workbook."
	case "chart.nodata":
		return "Aucune donnée à représenter.", "No data to chart."
	case "chart.notracks":
		return "Aucune année n’a de ventilation par parcours.", "No year has a breakdown by track."
	// Sheet titles (row 1 of each sheet).
	case "title.national":
		return "Résultats nationaux par année universitaire", "National results by academic year"
	case "title.table":
		return "Tableau national" + NBSP + ": indicateurs par année universitaire", "National table: indicators by academic year"
	case "title.charts":
		return "Certificats délivrés et taux de réussite", "Certificates delivered and success rates"
	case "title.tracks":
		return "Résultats par parcours et par année universitaire", "Results by track and academic year"
	case "title.groups":
		return "Résultats par groupe de parcours et par année universitaire", "Results by track group and academic year"
	case "title.institutions":
		return "Résultats par établissement et par année universitaire", "Results by institution and academic year"
	case "title.academies":
		return "Résultats par académie et par année universitaire", "Results by académie and academic year"
	case "title.data":
		return "Données" + NBSP + ": une ligne par établissement, parcours et année, avec sa source",
			"Data: one row per institution, track and year, with where it was read"
	case "title.definitions":
		return "Définitions et seuils", "Definitions and thresholds"
	// Scope and source lines, under each sheet's title. %s are the first
	// and the last academic year.
	case "scope.years":
		return "Champ" + NBSP + ": établissements ayant répondu à l’enquête C2i2e, années universitaires %s à %s.",
			"Scope: institutions that answered the C2i2e survey, academic years %s to %s."
	case "scope.year":
		return "Champ" + NBSP + ": établissements ayant répondu à l’enquête C2i2e, année universitaire %s.",
			"Scope: institutions that answered the C2i2e survey, academic year %s."
	case "scope.none":
		return "Champ" + NBSP + ": établissements ayant répondu à l’enquête C2i2e.",
			"Scope: institutions that answered the C2i2e survey."
	case "scope.files":
		return "Champ" + NBSP + ": fichiers reçus et lus lors de ce traitement, toutes années universitaires.",
			"Scope: files received and read by this run, all academic years."
	case "scope.definitions":
		return "Champ" + NBSP + ": termes et seuils de toutes les feuilles de ce classeur.",
			"Scope: terms and thresholds of every sheet of this workbook."
	case "source":
		return "Source" + NBSP + ": enquête C2i2e, ministère de l’Éducation nationale.",
			"Source: C2i2e survey, Ministry of Education."
	// Notes under tables.
	case "note.definitions":
		return "Définitions des termes et seuils" + NBSP + ": feuille " + Quote("Définitions", "fr") + ".",
			"Terms and thresholds are defined on the " + Quote("Definitions", "en") + " sheet."
	case "note.rate":
		return "Taux de réussite" + NBSP + ": certificats délivrés rapportés aux étudiants concernés, calculé sur les effectifs exacts puis arrondi.",
			"Success rate: certificates delivered over students concerned, computed on exact counts and then rounded."
	// %s: the year, institutions, certificates, students and rate.
	case "note.reading":
		return "Lecture" + NBSP + ": en %s, les %s établissements ayant répondu ont délivré %s certificats à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, the %s institutions that answered delivered %s certificates to %s students concerned, a success rate of %s."
	// %s: the year, certificates, students and rate.
	case "note.reading.one":
		return "Lecture" + NBSP + ": en %s, le seul établissement ayant répondu a délivré %s certificats à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, the one institution that answered delivered %s certificates to %s students concerned, a success rate of %s."
	case "note.data":
		return "Fichier, feuille et cellule" + NBSP + ": l’endroit où chaque chiffre a été lu dans le fichier reçu de l’établissement.",
			"File, sheet and cell: where each figure was read in the file the institution sent."
	// The definitions sheet.
	case "sheet.definitions":
		return "Définitions", "Definitions"
	case "col.term":
		return "Terme", "Term"
	case "col.definition":
		return "Définition", "Definition"
	case "def.students":
		return "Étudiants inscrits dans une formation préparant au C2i2e pendant l’année universitaire, qu’ils se soient ou non présentés à la certification.",
			"Students enrolled in a course preparing for the C2i2e during the academic year, whether or not they sat the certification."
	case "def.certificates":
		return "Certificats C2i2e délivrés par l’établissement pendant l’année universitaire.",
			"C2i2e certificates delivered by the institution during the academic year."
	case "def.rate":
		return "Certificats délivrés rapportés aux étudiants concernés. Calculé sur les effectifs exacts, puis arrondi à un chiffre après la virgule ; une évolution en points se calcule sur les taux non arrondis.",
			"Certificates delivered over students concerned. Computed on exact counts, then rounded to one decimal place; a change in points is computed on unrounded rates."
	case "def.share":
		return "Certificats délivrés dans un parcours ou un groupe de parcours rapportés à l’ensemble des certificats délivrés la même année.",
			"Certificates delivered in a track or track group over all certificates delivered the same year."
	case "def.independent":
		return "Candidats qui se présentent à la certification sans suivre de formation dans l’établissement qui la délivre.",
			"Candidates who sit the certification without following a course at the institution that delivers it."
	case "def.continuing":
		return "Personnels déjà en poste (enseignement supérieur, enseignement scolaire, autres) préparant le C2i2e en formation continue.",
			"Staff already in post (higher education, schools, other) preparing for the C2i2e through continuing education."
	case "term.nobreakdown":
		return "Parcours non ventilé", "No track breakdown"
	case "def.nobreakdown":
		return "Total envoyé par un établissement sans répartition par parcours" + NBSP + ": compté dans les totaux, absent des résultats par parcours.",
			"A total sent by an institution without a breakdown by track: counted in the totals, not in the results by track."
	case "def.year":
		return "De septembre à août" + NBSP + "; désignée par son année de fin (2012 pour 2011-2012) dans les fichiers de données.",
			"September to August; named by its ending year (2012 for 2011-2012) in the data files."
	case "term.responding":
		return "Établissement ayant répondu", "Institution that answered"
	case "def.responding":
		return "Établissement dont au moins un fichier a été accepté pour l’année universitaire. Un établissement qui n’a pas répondu est absent des chiffres, qui ne sont pas redressés.",
			"An institution with at least one file accepted for the academic year. An institution that did not answer is missing from the figures, which are not adjusted for it."
	case "term.fragile":
		return "Taux fragile", "Fragile rate"
	case "def.fragile":
		return "Taux calculé sur moins de %s étudiants concernés" + NBSP + ": montré entre parenthèses, il se lit avec prudence.",
			"A rate computed on fewer than %s students concerned: shown in parentheses, to be read with caution."
	case "term.withheld":
		return "Taux non diffusé", "Withheld rate"
	case "def.withheld":
		return "Taux d’un établissement ou d’une académie de moins de %s étudiants concernés" + NBSP + ": il n’est pas publié (" + Quote("n.d.", "fr") + "), les effectifs restent donnés.",
			"The rate of an institution or académie of fewer than %s students concerned: it is not published (" + Quote("n/a", "en") + "); the counts are still given."
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
