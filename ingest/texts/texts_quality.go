package texts

// qualityText holds the internal quality report's own sentences and titles,
// its keys under quality. (the workbook's data-quality sheet has its own,
// in workbookText). The texts it shares with the public report (continued,
// and, outline.cover, qsum.nobatch) and the survey's name (survey.short)
// are not repeated here.
func qualityText(key string) (fr, en string) {
	switch key {
	// Document, cover, running head.
	case "quality.name":
		return "Rapport qualité", "Quality report"
	case "quality.name.year":
		return "Rapport qualité — %s", "Quality report — %s"
	case "quality.internal":
		return "Document interne, pour le service statistique : ne pas diffuser.",
			"Internal document, for the statistics department: not for publication."
	case "quality.internal.short":
		return "document interne, ne pas diffuser", "internal, not for publication"
	case "quality.cover.what":
		return "Ce rapport accompagne la collecte de l’année %s et elle seule : fichiers reçus, refusés avec leurs motifs, avertissements, fichiers remplacés et doublons, établissements attendus qui n’ont pas répondu, chiffres à vérifier avant publication. Les chiffres publiés sont dans le rapport annuel.",
			"This report follows the collection of %s and of that year only: files received, refused with their reasons, warnings, replaced and duplicate files, expected institutions that did not answer, figures to check before publication. The published figures are in the annual report."
	case "quality.cover.asof":
		return "Données au %s.", "Data as of %s."
	case "quality.subject":
		return "Contrôle de la collecte de l’enquête C2i2e pour %s : fichiers reçus et refusés, avertissements, remplacements, doublons, établissements sans réponse, chiffres à vérifier (document interne)",
			"Checks of the C2i2e survey collection for %s: files received and refused, warnings, replacements, duplicates, institutions that did not answer, figures to check (internal document)"
	case "quality.keywords":
		return "C2i2e, enquête annuelle, qualité des données, fichiers refusés, document interne, %s",
			"C2i2e, annual survey, data quality, refused files, internal document, %s"
	// Summary of the files.
	case "quality.summary.title":
		return "Bilan des fichiers", "Files received"
	case "quality.summary.intro":
		return "Chaque fichier a un seul sort. Accepté : ses chiffres comptent. Remplacé : accepté, mais chacune de ses déclarations pour %s a été remplacée depuis par un fichier plus récent du même établissement. Refusé : il ne compte pas, ses motifs sont donnés. Doublon : le même contenu qu’un fichier reçu avant lui, compté une fois. Le bilan affiché par la commande et la feuille « Qualité des données » du classeur comptent de la même façon.",
			"Each file has one fate. Accepted: its figures count. Replaced: accepted, but each of its submissions for %s was since replaced by a later file of the same institution. Refused: it does not count; its reasons are given. Duplicate: the same bytes as a file received before it, counted once. The summary the command prints and the workbook's “Data quality” sheet count the same way."
	case "quality.summary.received":
		return "Fichiers reçus pour %s", "Files received for %s"
	case "quality.summary.accepted":
		return "acceptés : leurs chiffres comptent", "accepted: their figures count"
	case "quality.summary.replaced":
		return "remplacés par un fichier plus récent", "replaced by a later file"
	case "quality.summary.duplicates":
		return "doublons, comptés une fois", "duplicates, counted once"
	case "quality.summary.warned":
		return "Fichiers acceptés ou remplacés portant un avertissement", "Accepted or replaced files with a warning"
	case "quality.summary.replacements":
		return "Déclarations (établissement et année) remplacées", "Submissions (institution and year) replaced"
	case "quality.summary.noyear":
		return "Fichiers refusés, sans année lisible (toute la collecte)", "Refused files, with no readable year (the whole collection)"
	case "quality.summary.refused.elsewhere":
		return "Un fichier refusé ne compte pour aucune année, et son année n’est pas gardée : les fichiers refusés de la collecte sont listés dans le rapport qualité de %s, dernière année des données (section « Fichiers refusés sans année lisible »).",
			"A refused file counts for no year, and its year is not kept: the refused files of the collection are listed in the quality report of %s, the latest year of the data (section “Refused files with no readable year”)."
	case "quality.summary.refused.none":
		return "Aucun fichier de la collecte n’a été refusé.", "No file of the collection was refused."
	case "quality.summary.empty":
		return "Sans objet pour %s : %s.", "Nothing to report for %s: %s."
	case "quality.empty.warn":
		return "aucun avertissement", "no warning"
	case "quality.empty.repl":
		return "aucun fichier remplacé", "no replaced file"
	case "quality.empty.dup":
		return "aucun doublon", "no duplicate"
	case "quality.empty.acc":
		return "aucun fichier accepté", "no accepted file"
	case "quality.cut":
		return "Seules les %s premières lignes sur %s sont données ici ; la liste complète est dans %s.",
			"Only the first %s rows of %s are given here; the full list is in %s."
	// Warnings.
	case "quality.warn.title":
		return "Avertissements", "Warnings"
	case "quality.warn.intro":
		return "Ces fichiers de %s ont été acceptés : le point signalé n’a pas empêché leur prise en compte (un taux saisi qui ne correspond pas aux effectifs, par exemple : les chiffres publiés partent toujours des effectifs). À voir avec l’établissement si besoin.",
			"These files for %s were accepted: the point raised did not keep them from counting (a typed rate that disagrees with the counts, for instance: the published figures always start from the counts). To be raised with the institution if needed."

	// Replacements.
	case "quality.repl.title":
		return "Fichiers remplacés", "Replaced files"
	case "quality.repl.intro":
		return "Pour chaque établissement, le fichier le plus récent reçu pour %s compte ; le fichier qu’il remplace reste archivé mais ne compte plus.",
			"For each institution, the latest file received for %s counts; the file it replaces stays on record but no longer counts."
	case "quality.repl.old":
		return "Fichier remplacé (ne compte plus)", "Replaced file (no longer counts)"
	case "quality.repl.new":
		return "Remplacé par (compte)", "Replaced by (counts)"

	// Duplicates.
	case "quality.dup.title":
		return "Doublons", "Duplicates"
	case "quality.dup.intro":
		return "Un doublon a exactement le même contenu qu’un fichier reçu avant lui, le seul compté. Entre deux fichiers reçus à la même seconde, la copie (« - Copie », « (1) », « Copie de ») est le doublon.",
			"A duplicate has exactly the same bytes as a file received before it, the only one counted. Between two files received within the same second, the copy (“ - Copy”, “ (1)”, “Copy of”) is the duplicate."
	case "quality.dup.file":
		return "Doublon ignoré", "Duplicate ignored"
	case "quality.dup.original":
		return "Même contenu que (compté)", "Same bytes as (counted)"
	case "quality.dup.refused":
		return "Même contenu que %s, refusé : voir ses motifs.", "Same bytes as %s, refused: see its reasons."

	// Missing institutions.
	case "quality.missing.title":
		return "Établissements attendus sans réponse", "Expected institutions that did not answer"
	case "quality.missing.intro":
		return "D’après la liste des établissements attendus, %s étaient attendus pour %s et %s ont répondu, soit un taux de réponse de %s.",
			"According to the list of expected institutions, %s were expected for %s and %s answered: a response rate of %s."
	case "quality.missing.none":
		return "Tous les établissements attendus ont répondu.", "Every expected institution answered."
	case "quality.missing.noregistry":
		return "Aucune liste des établissements attendus n’a été donnée à ce traitement (--registry, ou registry.csv du dossier de données) : les établissements qui n’ont pas répondu ne peuvent pas être nommés.",
			"No list of expected institutions was given to this run (--registry, or the data folder's registry.csv): the institutions that did not answer cannot be named."
	case "quality.missing.last":
		return "Dernière réponse", "Last answer"
	case "quality.missing.never":
		return "jamais", "never"
	case "quality.unexpected.title":
		return "Réponses non attendues", "Answers not expected"
	case "quality.unexpected.intro":
		return "Ces établissements ont répondu sans être attendus cette année-là d’après la liste : leurs chiffres comptent, la liste est peut-être à compléter.",
			"These institutions answered without being expected that year according to the list: their figures count; the list may need updating."
	case "quality.unexpected.reason":
		return "Motif", "Reason"
	case "quality.reason.unknown":
		return "absent de la liste", "not in the list"
	case "quality.reason.notyet":
		return "attendu à partir d’une année suivante", "expected from a later year"
	case "quality.reason.ended":
		return "n’est plus attendu", "no longer expected"

	// Outliers.
	case "quality.outliers.title":
		return "Chiffres à vérifier", "Figures to check"
	case "quality.outliers.intro":
		return "Chiffres inhabituels de %s : un taux de réussite hors des limites attendues autour du taux national, un effectif plus que doublé ou divisé par plus de deux depuis la réponse précédente, un parcours toujours déclaré jusque-là et absent. Ils ne sont pas faux pour autant : à vérifier avec l’établissement avant publication.",
			"Unusual figures of %s: a success rate outside the limits expected around the national rate, a count more than doubled or halved since the previous answer, a track always reported so far and now missing. They are not wrong for that: to check with the institution before publication."
	case "quality.outliers.none":
		return "Aucun chiffre inhabituel.", "No unusual figure."
	case "quality.outliers.measure":
		return "Chiffre", "Figure"
	case "quality.outliers.value":
		return "Valeur", "Value"
	case "quality.outliers.expected":
		return "Attendu", "Expected"
	case "quality.outliers.source":
		return "Fichier, feuille et cellule", "File, sheet and cell"
	case "quality.outliers.rate.expected":
		return "national %s, limites %s à %s", "national %s, limits %s to %s"
	case "quality.outliers.count.expected":
		return "précédent %s, limites %s à %s", "previous %s, limits %s to %s"
	case "quality.outliers.track.expected":
		return "déclaré les années précédentes", "reported in the previous years"
	case "quality.measure.success_rate":
		return "Taux de réussite", "Success rate"
	case "quality.measure.students":
		return "Étudiants concernés", "Students concerned"
	case "quality.measure.certificates":
		return "Certificats délivrés", "Certificates delivered"
	case "quality.measure.track":
		return "Parcours absent : %s", "Track missing: %s"

	// Accepted files.
	case "quality.acc.title":
		return "Fichiers acceptés", "Accepted files"
	case "quality.acc.intro":
		return "Les fichiers dont les chiffres comptent pour %s.", "The files whose figures count for %s."
	case "quality.acc.layout":
		return "Présentation", "Layout"
	case "quality.acc.layout.1":
		return "formulaire", "form"
	case "quality.acc.layout.2":
		return "tableau consolidé", "consolidated table"
	case "quality.acc.submissions":
		return "Établissements", "Institutions"

	// Files with no year.
	case "quality.noyear.title":
		return "Fichiers refusés sans année lisible", "Refused files with no readable year"
	case "quality.noyear.intro":
		return "Un fichier refusé ne compte pour aucune année : ni ses chiffres ni son année ne sont gardés. Tous les fichiers refusés de la collecte sont donc listés ici, dans le rapport de la dernière année des données, chacun avec tous ses motifs : le fichier, la feuille et la cellule à corriger.",
			"A refused file counts for no year: neither its figures nor its year are kept. Every refused file of the collection is therefore listed here, in the report of the latest year of the data, each with all its reasons: the file, sheet and cell to correct."
	case "quality.noyear.reason":
		return "Motif", "Reason"
	}
	return "", ""
}
