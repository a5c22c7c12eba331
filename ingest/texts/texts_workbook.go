package texts

// workbookText holds the workbook's own texts: sheet names, column and
// section titles, scope and source lines, notes and definitions. Sheet names
// must stay within Excel's rules (at most 31 characters, none of []:*?/\\);
// a test in report checks them.
func workbookText(key string) (fr, en string) {
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
		return "Qualité des données : fichiers lus et motifs de refus", "Data quality: files read and refusal reasons"
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
		return "Chiffres des graphiques : feuilles « National » et « Parcours » de ce classeur.",
			"The charts' figures: the “National” and “Tracks” sheets of this workbook."
	case "chart.nodata":
		return "Aucune donnée à représenter.", "No data to chart."
	case "chart.notracks":
		return "Aucune année n’a de ventilation par parcours.", "No year has a breakdown by track."
	// Sheet titles (row 1 of each sheet).
	case "title.national":
		return "Résultats nationaux par année universitaire", "National results by academic year"
	case "title.table":
		return "Tableau national : indicateurs par année universitaire", "National table: indicators by academic year"
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
		return "Données : une ligne par établissement, parcours et année, avec sa source",
			"Data: one row per institution, track and year, with where it was read"
	case "title.definitions":
		return "Définitions et seuils", "Definitions and thresholds"
	// Scope and source lines, under each sheet's title. %s are the first
	// and the last academic year.
	case "scope.years":
		return "Champ : établissements ayant répondu à l’enquête C2i2e, années universitaires %s à %s.",
			"Scope: institutions that answered the C2i2e survey, academic years %s to %s."
	case "scope.year":
		return "Champ : établissements ayant répondu à l’enquête C2i2e, année universitaire %s.",
			"Scope: institutions that answered the C2i2e survey, academic year %s."
	case "scope.none":
		return "Champ : établissements ayant répondu à l’enquête C2i2e.",
			"Scope: institutions that answered the C2i2e survey."
	case "scope.files":
		return "Champ : fichiers reçus et lus lors de ce traitement, toutes années universitaires.",
			"Scope: files received and read by this run, all academic years."
	case "scope.definitions":
		return "Champ : termes et seuils de toutes les feuilles de ce classeur.",
			"Scope: terms and thresholds of every sheet of this workbook."
	case "source":
		return "Source : enquête C2i2e, ministère de l’Éducation nationale.",
			"Source: C2i2e survey, Ministry of Education."
	// Notes under tables.
	case "note.definitions":
		return "Définitions des termes et seuils : feuille « Définitions ».",
			"Terms and thresholds are defined on the “Definitions” sheet."
	case "note.rate":
		return "Taux de réussite : certificats délivrés rapportés aux étudiants concernés, calculé sur les effectifs exacts puis arrondi.",
			"Success rate: certificates delivered over students concerned, computed on exact counts and then rounded."
	// %s: the year, institutions, certificates, students and rate.
	case "note.reading":
		return "Lecture : en %s, les %s établissements ayant répondu ont délivré %s certificats à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, the %s institutions that answered delivered %s certificates to %s students concerned, a success rate of %s."
	// %s: the year, certificates, students and rate.
	case "note.reading.one":
		return "Lecture : en %s, le seul établissement ayant répondu a délivré %s certificats à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, the one institution that answered delivered %s certificates to %s students concerned, a success rate of %s."
	case "note.data":
		return "Fichier, feuille et cellule : l’endroit où chaque chiffre a été lu dans le fichier reçu de l’établissement.",
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
		return "Total envoyé par un établissement sans répartition par parcours : compté dans les totaux, absent des résultats par parcours.",
			"A total sent by an institution without a breakdown by track: counted in the totals, not in the results by track."
	case "def.year":
		return "De septembre à août ; désignée par son année de fin (2012 pour 2011-2012) dans les fichiers de données.",
			"September to August; named by its ending year (2012 for 2011-2012) in the data files."
	case "term.responding":
		return "Établissement ayant répondu", "Institution that answered"
	case "def.responding":
		return "Établissement dont au moins un fichier a été accepté pour l’année universitaire. Un établissement qui n’a pas répondu est absent des chiffres, qui ne sont pas redressés.",
			"An institution with at least one file accepted for the academic year. An institution that did not answer is missing from the figures, which are not adjusted for it."
	case "term.fragile":
		return "Taux fragile", "Fragile rate"
	case "def.fragile":
		return "Taux calculé sur moins de %s étudiants concernés : montré entre parenthèses, il se lit avec prudence.",
			"A rate computed on fewer than %s students concerned: shown in parentheses, to be read with caution."
	case "term.withheld":
		return "Taux non diffusé", "Withheld rate"
	case "def.withheld":
		return "Taux d’un établissement ou d’une académie de moins de %s étudiants concernés : il n’est pas publié (« n.d. »), les effectifs restent donnés.",
			"The rate of an institution or académie of fewer than %s students concerned: it is not published (“n/a”); the counts are still given."
	// Print footer: {page} and {pages} become the page number and the
	// number of pages of the sheet.
	case "print.page":
		return "Page {page} sur {pages}", "Page {page} of {pages}"
	// Document properties.
	case "workbook.subject":
		return "Étudiants, certificats et taux de réussite par année et par parcours",
			"Students, certificates and success rates by year and track"
	// The staff workbook (c2i2e-interne.xlsx): the analysis tables.
	case "staff.workbook.title":
		return "Enquête C2i2e — tableaux de travail (usage interne)", "C2i2e survey — working tables (internal use)"
	case "staff.sheet.completeness":
		return "Complétude", "Completeness"
	case "staff.sheet.missing":
		return "Non-répondants", "Non-respondents"
	case "staff.sheet.panel":
		return "Panel", "Panel"
	case "staff.sheet.compare":
		return "Comparaison", "Comparison"
	case "staff.sheet.outliers":
		return "Chiffres à vérifier", "Figures to check"
	case "staff.title.completeness":
		return "Complétude : établissements attendus et répondants par année universitaire (usage interne)",
			"Completeness: institutions expected and answering by academic year (internal use)"
	case "staff.title.missing":
		return "Non-répondants : établissements attendus qui n’ont pas répondu (usage interne)",
			"Non-respondents: institutions expected that did not answer (internal use)"
	case "staff.title.panel":
		return "Panel : évolution sur les établissements ayant répondu les deux années (usage interne)",
			"Panel: change on the institutions that answered both years (internal use)"
	case "staff.title.compare":
		return "Comparaison des parcours et groupes de parcours d’une année à l’autre (usage interne)",
			"Comparison of tracks and track groups from year to year (internal use)"
	case "staff.title.outliers":
		return "Chiffres à vérifier avant publication (usage interne)", "Figures to check before publication (internal use)"
	case "staff.note.completeness":
		return "Taux de réponse : établissements attendus ayant répondu rapportés aux établissements attendus (liste des établissements attendus, registry.csv).",
			"Response rate: expected institutions that answered over institutions expected (list of expected institutions, registry.csv)."
	case "staff.note.noregistry":
		return "Sans liste des établissements attendus, ni établissements attendus ni taux de réponse : seuls les répondants sont comptés.",
			"Without a list of expected institutions, neither institutions expected nor a response rate: only those that answered are counted."
	case "staff.note.missing":
		return "Document de travail : ne pas diffuser. Dernière réponse : la dernière année universitaire où l’établissement a répondu.",
			"Working document: not for publication. Last answer: the last academic year the institution answered."
	case "staff.note.panel":
		return "Chaque ligne ne porte que sur les établissements ayant répondu l’année et l’année précédente : l’évolution ne doit rien aux établissements entrés ou sortis.",
			"Each row covers only the institutions that answered both the year and the year before: the change owes nothing to institutions that came or went."
	case "staff.note.compare":
		return "Taux fragile : calculé sur peu d’étudiants concernés (voir le classeur public, feuille « Définitions »), à lire avec prudence.",
			"Fragile rate: computed on few students concerned (see the public workbook, “Definitions” sheet), to be read with caution."
	case "staff.note.outliers":
		return "Document de travail : un chiffre listé ici n’est pas une erreur tant que personne ne l’a vérifié auprès de l’établissement. Bornes : taux hors de l’entonnoir autour du taux national, effectif moitié ou double de la réponse précédente, parcours déclaré l’année précédente et absent.",
			"Working document: a figure listed here is not an error until someone has checked it with the institution. Limits: a rate outside the funnel around the national rate, a count half or double the previous answer, a track reported the year before and missing."
	case "staff.note.definitions":
		return "Définitions des termes et seuils : classeur public c2i2e.xlsx, feuille « Définitions ».",
			"Terms and thresholds are defined on the “Definitions” sheet of the public workbook c2i2e.xlsx."
	case "staff.value.all":
		return "Tous parcours", "All tracks"
	case "staff.value.by.group":
		return "Groupe de parcours", "Track group"
	case "staff.value.by.track":
		return "Parcours", "Track"
	case "staff.value.true":
		return "Oui", "Yes"
	case "staff.value.false":
		return "Non", "No"
	case "staff.value.measure.success_rate":
		return "Taux de réussite", "Success rate"
	case "staff.value.measure.students":
		return "Étudiants concernés", "Students concerned"
	case "staff.value.measure.certificates":
		return "Certificats délivrés", "Certificates delivered"
	case "staff.value.measure.track":
		return "Parcours manquant", "Missing track"
	// Column titles of the staff workbook, keyed by the CSV tables' columns.
	case "staff.col.year":
		return "Année universitaire", "Academic year"
	case "staff.col.previous_year":
		return "Année précédente", "Previous year"
	case "staff.col.expected":
		return "Attendus", "Expected"
	case "staff.col.answered":
		return "Répondants", "Answered"
	case "staff.col.unexpected":
		return "Réponses non attendues", "Unexpected answers"
	case "staff.col.response_rate":
		return "Taux de réponse", "Response rate"
	case "staff.col.uai":
		return "Code UAI", "UAI code"
	case "staff.col.institution":
		return "Établissement", "Institution"
	case "staff.col.academie":
		return "Académie", "Académie"
	case "staff.col.last_answered":
		return "Dernière réponse", "Last answer"
	case "staff.col.group":
		return "Groupe de parcours", "Track group"
	case "staff.col.institutions":
		return "Établissements (les deux années)", "Institutions (both years)"
	case "staff.col.students":
		return "Étudiants concernés", "Students concerned"
	case "staff.col.certificates":
		return "Certificats délivrés", "Certificates delivered"
	case "staff.col.success_rate":
		return "Taux de réussite", "Success rate"
	case "staff.col.previous_students":
		return "Étudiants, année précédente", "Students, previous year"
	case "staff.col.previous_certificates":
		return "Certificats, année précédente", "Certificates, previous year"
	case "staff.col.previous_success_rate":
		return "Taux, année précédente", "Rate, previous year"
	case "staff.col.by":
		return "Comparaison par", "Compared by"
	case "staff.col.key":
		return "Parcours ou groupe", "Track or group"
	case "staff.col.share":
		return "Part des certificats", "Share of certificates"
	case "staff.col.fragile":
		return "Taux fragile", "Fragile rate"
	case "staff.col.measure":
		return "Chiffre", "Figure"
	case "staff.col.value":
		return "Valeur", "Value"
	case "staff.col.reference":
		return "Référence", "Reference"
	case "staff.col.low":
		return "Borne basse", "Low limit"
	case "staff.col.high":
		return "Borne haute", "High limit"
	case "staff.col.file":
		return "Fichier", "File"
	case "staff.col.sheet":
		return "Feuille", "Sheet"
	case "staff.col.cell":
		return "Cellule", "Cell"
	}
	return "", ""
}
