package report

import "strings"

// pdfText returns the report's own sentences and titles in lang. Keys with
// %s take already formatted values (numbers go through FormatInt and
// FormatPercent, never %d). An unknown key comes back as itself.
func pdfText(lang, key string) string {
	fr, en := pdfLabel(key)
	if fr == "" {
		return key
	}
	if isEnglish(lang) {
		return en
	}
	return frenchSpacing(fr)
}

// frenchSpacing puts the no-break spaces French typography wants before
// high punctuation and inside guillemets, so that the catalogue can be typed
// with ordinary spaces and a line never starts with ":" or "»". A literal
// " %" is not rewritten here, since " %s" is a format verb: the catalogue
// writes its few percent signs with an explicit no-break space.
func frenchSpacing(s string) string {
	return strings.NewReplacer(
		" :", NBSP+":",
		" ;", ThinNBSP+";",
		" !", ThinNBSP+"!",
		" ?", ThinNBSP+"?",
		"« ", "«"+NBSP,
		" »", NBSP+"»",
	).Replace(s)
}

func pdfLabel(key string) (fr, en string) {
	switch key {
	// Document information and outline.
	case "pdf.subject":
		return "Certificats délivrés et taux de réussite du C2i2e en %s, au niveau national, par parcours et par établissement",
			"C2i2e certificates delivered and success rates in %s, nationally, by track and by institution"
	case "pdf.keywords":
		return "C2i2e, certificat informatique et internet, enquête annuelle, taux de réussite, %s",
			"C2i2e, IT and Internet certificate, annual survey, success rate, %s"
	case "outline.cover":
		return "Couverture", "Cover"

	// Source and reading lines under the tables and charts. The date and
	// numbers come formatted; a scope reads after « Champ : ».
	case "source":
		return "Source : enquête C2i2e, ministère de l’Éducation nationale, données au %s. Champ : %s.",
			"Source: C2i2e survey, French Ministry of Education, data as of %s. Scope: %s."
	case "source.nodate":
		return "Source : enquête C2i2e, ministère de l’Éducation nationale. Champ : %s.",
			"Source: C2i2e survey, French Ministry of Education. Scope: %s."
	case "scope.year":
		return "établissements ayant répondu à l’enquête pour l’année %s, tous parcours",
			"institutions that answered the survey for %s, all tracks"
	case "scope.key":
		return "établissements ayant répondu à l’enquête pour l’année %s et, pour la comparaison, pour l’année %s, tous parcours",
			"institutions that answered the survey for %s and, for the comparison, for %s, all tracks"
	case "scope.series":
		return "établissements ayant répondu à l’enquête, chaque année de %s à %s, tous parcours",
			"institutions that answered the survey, each year from %s to %s, all tracks"
	case "scope.tracks":
		return "établissements ayant répondu à l’enquête pour l’année %s, étudiants et certificats par parcours",
			"institutions that answered the survey for %s, students and certificates by track"
	case "scope.tracks.partial":
		return "établissements ayant répondu à l’enquête pour l’année %s, étudiants et certificats par parcours ; le total national compte aussi les effectifs déclarés sans ventilation",
			"institutions that answered the survey for %s, students and certificates by track; the national total also counts those reported with no breakdown"
	case "scope.tracks.chart":
		return "certificats délivrés en %s par les établissements ayant répondu à l’enquête, par parcours",
			"certificates delivered in %s by the institutions that answered the survey, by track"
	case "scope.inst.cut":
		return "les %s premiers, par code UAI, des établissements ayant répondu à l’enquête pour l’année %s, tous parcours",
			"the first %s, by UAI code, of the institutions that answered the survey for %s, all tracks"
	case "read.national":
		return "Lecture : en %s, %s certificats ont été délivrés à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, %s certificates were delivered to %s students concerned, a success rate of %s."
	case "read.chart":
		return "Lecture : en %s, %s certificats ont été délivrés (échelle de gauche), pour un taux de réussite de %s (échelle de droite).",
			"How to read: in %s, %s certificates were delivered (left scale), with a success rate of %s (right scale)."
	case "read.tracks":
		return "Lecture : en %s, le parcours %s compte %s étudiants concernés et %s certificats délivrés, soit %s des certificats de l’année et un taux de réussite de %s.",
			"How to read: in %s, the track %s has %s students concerned and %s certificates delivered, that is %s of the year's certificates and a success rate of %s."
	case "read.tracks.chart":
		return "Lecture : en %s, %s des certificats délivrés l’ont été dans le parcours %s.",
			"How to read: in %s, %s of the certificates delivered were in the track %s."
	case "read.inst":
		return "Lecture : en %s, l’établissement %s (%s) a délivré %s certificats à %s étudiants concernés.",
			"How to read: in %s, the institution %s (%s) delivered %s certificates to %s students concerned."

	case "continued":
		return "(suite)", "(continued)"
	case "nd":
		return "n.d.", "n/a"

	// Key figures.
	case "key.title":
		return "Chiffres clés", "Key figures"
	case "key.intro":
		return "Année universitaire %s, comparée à l’année %s, la précédente présente dans les données.",
			"Academic year %s, compared with %s, the previous year present in the data."
	case "key.intro.first":
		return "Année universitaire %s : première année de la série, sans comparaison possible.",
			"Academic year %s: first year of the series, with nothing to compare with."
	case "key.vs":
		return "par rapport à %s", "compared with %s"
	case "key.first":
		return "première année de la série", "first year of the series"
	case "key.rate.note":
		return "Le taux de réussite rapporte les certificats délivrés aux étudiants concernés, sommés sur tous les établissements.",
			"The success rate divides the certificates delivered by the students concerned, both summed over all institutions."

	// National table and chart.
	case "national.title":
		return "Évolution nationale", "National trend"
	case "national.table":
		return "Résultats nationaux par année universitaire", "National results by academic year"
	case "chart.title":
		return "Certificats délivrés et taux de réussite par année universitaire",
			"Certificates delivered and success rate by academic year"
	case "chart.certs":
		return "Certificats délivrés (échelle de gauche)", "Certificates delivered (left scale)"
	case "chart.rate":
		return "Taux de réussite (échelle de droite)", "Success rate (right scale)"

	// Tracks.
	case "tracks.title":
		return "Résultats par parcours", "Results by track"
	case "tracks.none":
		return "Pour l’année %s, les établissements n’ont déclaré que des totaux, sans ventilation par parcours : il n’y a pas de résultats par parcours à présenter. Les chiffres nationaux de l’année figurent dans le tableau d’évolution.",
			"For %s, institutions reported totals only, with no breakdown by track: there are no results by track to show. The year's national figures are in the national trend table."
	case "tracks.partial":
		return "%s étudiants et %s certificats ont été déclarés sans ventilation par parcours (ligne «\u00a0Total non ventilé\u00a0») : les parts des autres parcours sont donc des minimums.",
			"%s students and %s certificates were reported with no breakdown by track (row “Total, no track breakdown”): the other tracks' shares are therefore lower bounds."
	case "tracks.chart":
		return "Part des certificats délivrés par parcours", "Share of certificates delivered by track"
	case "tracks.subtotal":
		return "Sous-total %s", "Subtotal %s"
	case "total.national":
		return "Total national", "National total"

	// Institutions.
	case "inst.title":
		return "Résultats par établissement", "Results by institution"
	case "inst.intro":
		return "%s établissements ont répondu pour %s. Ils sont classés par code UAI\u202f; le taux de réussite est calculé sur les effectifs de chacun.",
			"%s institutions answered for %s. They are sorted by UAI code; each success rate is computed from the institution's own counts."
	case "inst.suppressed":
		return "n.d. (moins de %s étudiants)", "n/a (fewer than %s students)"
	case "inst.small.note":
		return "Taux entre parenthèses : calculé sur moins de %s étudiants, il est fragile et se lit avec prudence. « n.d. (moins de %s étudiants) » : le taux n’est pas publié, les effectifs de l’établissement restent donnés.",
			"Rates in parentheses are computed on fewer than %s students: they are fragile and to be read with caution. “n/a (fewer than %s students)”: the rate is not published; the institution's counts are still given."
	case "inst.cut":
		return "Seuls les %s premiers sont listés ici ; la liste complète est dans la feuille « %s » du classeur %s.",
			"Only the first %s are listed here; the full list is in the “%s” sheet of the workbook %s."
	case "inst.none":
		return "Aucun établissement n’a répondu pour cette année.", "No institution answered for this year."

	// Data quality.
	case "quality.title":
		return "Qualité des données", "Data quality"
	case "quality.summary":
		return "Bilan des fichiers reçus", "Files received"
	case "quality.nobatch":
		return "Le relevé des fichiers lus n’a pas été fourni à ce rapport : le bilan de la collecte n’est pas disponible.",
			"The record of the files read was not given to this report: the collection summary is not available."
	case "quality.files":
		return "Fichiers lus dans le lot (toutes années)", "Files read in the batch (all years)"
	case "quality.accepted":
		return "Fichiers acceptés ayant fourni des données pour %s", "Accepted files with data for %s"
	case "quality.refused":
		return "Fichiers refusés (toutes années)", "Refused files (all years)"
	case "quality.warned":
		return "Avertissements sur les fichiers de %s", "Warnings on the files for %s"
	case "quality.replaced":
		return "Fichiers remplacés par une version corrigée pour %s", "Files replaced by a corrected version for %s"
	case "quality.duplicates":
		return "Fichiers en double ignorés (toutes années)", "Duplicate files ignored (all years)"
	case "quality.refused.title":
		return "Fichiers refusés", "Refused files"
	case "quality.refused.intro":
		return "Un fichier refusé ne compte pour aucune année : la liste reprend tout le lot. Chaque motif désigne le fichier, la feuille et la cellule à corriger.",
			"A refused file counts for no year: the list covers the whole batch. Each reason names the file, sheet and cell to correct."
	case "quality.refused.none":
		return "Aucun fichier n’a été refusé.", "No file was refused."
	case "quality.warn.title":
		return "Avertissements", "Warnings"
	case "quality.warn.intro":
		return "Ces fichiers ont été acceptés ; les points signalés n’ont pas empêché leur prise en compte (par exemple un taux saisi qui ne correspond pas aux effectifs : le rapport utilise toujours les effectifs).",
			"These files were accepted; the points raised did not prevent them from counting (for instance a typed rate that disagrees with the counts: the report always uses the counts)."
	case "quality.warn.none":
		return "Aucun avertissement.", "No warning."
	case "quality.repl.title":
		return "Fichiers remplacés", "Replaced files"
	case "quality.repl.intro":
		return "Quand un établissement envoie plusieurs fichiers pour la même année, le plus récent remplace le précédent ; les deux restent archivés.",
			"When an institution sends several files for the same year, the latest replaces the earlier one; both remain on record."
	case "quality.repl.none":
		return "Aucun fichier remplacé.", "No file replaced."
	case "quality.dup.title":
		return "Doublons ignorés", "Duplicates ignored"
	case "quality.dup.intro":
		return "Ces fichiers ont exactement le même contenu qu’un fichier déjà lu : ils ne sont comptés qu’une fois.",
			"These files have exactly the same bytes as a file already read: they count once."
	case "quality.dup.none":
		return "Aucun doublon.", "No duplicate."
	case "quality.acc.title":
		return "Fichiers acceptés", "Accepted files"
	case "quality.layout":
		return "Présentation", "Layout"
	case "quality.layout.1":
		return "formulaire", "form"
	case "quality.layout.2":
		return "tableau consolidé", "consolidated table"
	case "quality.submissions":
		return "Établissements", "Institutions"

	// Methods.
	case "methods.title":
		return "Note méthodologique", "Methods"
	case "methods.year.h":
		return "Année universitaire", "Academic year"
	case "methods.year":
		return "Une année universitaire est désignée par ses deux années civiles (%s) et, dans les tableaux de données, par l’année où elle se termine (%d).",
			"An academic year is named by its two calendar years (%s) and, in the data tables, by the year it ends (%d)."
	case "methods.answering.h":
		return "Établissements ayant répondu", "Institutions that answered"
	case "methods.answering":
		return "Un établissement a répondu pour une année quand au moins un de ses fichiers a été accepté pour cette année, même si ses effectifs sont nuls. Il est identifié par son code UAI.",
			"An institution answered for a year when at least one of its files was accepted for that year, even with zero counts. It is identified by its UAI code."
	case "methods.rate.h":
		return "Taux de réussite", "Success rate"
	case "methods.rate":
		return "Le taux de réussite est le nombre de certificats délivrés divisé par le nombre d’étudiants concernés, chacun sommé sur les établissements (ou sur les parcours) : ce n’est jamais une moyenne des taux des établissements, qui donnerait le même poids à un petit et à un grand établissement. Pour %s\u00a0: %s / %s = %s. Il n’est pas calculé quand il n’y a aucun étudiant (n.d.).",
			"The success rate is the number of certificates delivered divided by the number of students concerned, each summed over institutions (or tracks): it is never an average of the institutions' rates, which would weigh a small institution like a large one. For %s: %s / %s = %s. It is not computed when there are no students (n/a)."
	case "methods.small.fragile":
		return "Un taux calculé sur moins de %s étudiants est fragile : dans les tableaux par établissement, il est donné entre parenthèses.",
			"A rate computed on fewer than %s students is fragile: in the tables by institution it is given in parentheses."
	case "methods.small.suppress":
		return "Un taux calculé sur moins de %s étudiants n’est pas publié dans les tableaux par établissement (n.d.) ; les effectifs y restent donnés.",
			"A rate computed on fewer than %s students is not published in the tables by institution (n/a); the counts still are."
	case "methods.share.h":
		return "Part des certificats", "Share of certificates"
	case "methods.share":
		return "La part d’un parcours est le nombre de certificats délivrés dans ce parcours divisé par le nombre total de certificats délivrés la même année. Les parts des parcours d’une année font 100\u00a0%, aux arrondis près.",
			"A track's share is its number of certificates delivered divided by all the certificates delivered the same year. A year's track shares add up to 100%, up to rounding."
	case "methods.files.h":
		return "Fichiers remplacés et doublons", "Replaced and duplicate files"
	case "methods.files":
		return "Quand un établissement envoie un fichier corrigé pour une année, seul le plus récent compte ; un fichier identique octet pour octet à un fichier déjà lu est ignoré. Un fichier refusé ne compte pas : ses motifs sont donnés à la page «\u00a0Qualité des données\u00a0».",
			"When an institution sends a corrected file for a year, only the latest counts; a file identical byte for byte to one already read is ignored. A refused file does not count: its reasons are listed on the “Data quality” page."
	case "methods.published.h":
		return "Écarts avec les chiffres publiés", "Differences from published figures"
	case "methods.published":
		return "Les chiffres de ce rapport sont recalculés à partir des effectifs transmis. Ils peuvent différer de ceux publiés antérieurement par le ministère : les taux publiés étaient arrondis à l’unité et ne correspondaient pas toujours aux effectifs publiés eux-mêmes (le ministère a publié 64\u00a0% pour 2011-2012, alors que 23\u202f009 / 35\u202f604 = 64,6\u00a0%) ; des fichiers corrigés ont pu arriver après la publication. Les taux saisis dans les fichiers qui ne correspondent pas aux effectifs sont signalés comme avertissements.",
			"The figures in this report are recomputed from the counts sent. They may differ from those the ministry published earlier: published rates were rounded to the unit and did not always match the published counts themselves (the ministry published 64% for 2011-2012, while 23,009 / 35,604 = 64.6%); corrected files may have arrived after publication. Rates typed in the files that disagree with the counts are reported as warnings."
	case "methods.rounding.h":
		return "Arrondis", "Rounding"
	case "methods.rounding":
		return "Les pourcentages sont arrondis au dixième, au plus proche ; les évolutions de taux sont exprimées en points de pourcentage.",
			"Percentages are rounded to one decimal, to the nearest; changes in rates are given in percentage points."
	}
	return "", ""
}
