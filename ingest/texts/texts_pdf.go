package texts

// pdfText holds the public annual report's own sentences and titles (the
// labels it shares with the workbook are reportText's). Texts with %s take
// values already formatted (Int, Percent…), never a bare %d.
func pdfText(key string) (fr, en string) {
	switch key {
	// Document information and outline.
	case "pdf.subject":
		return "Certificats délivrés et taux de réussite du C2i2e en %s, au niveau national, par parcours, par académie et par établissement",
			"C2i2e certificates delivered and success rates in %s, nationally, by track, by académie and by institution"
	case "pdf.keywords":
		return "C2i2e, certificat informatique et internet, enquête annuelle, taux de réussite, %s",
			"C2i2e, IT and Internet certificate, annual survey, success rate, %s"
	case "outline.cover":
		return "Couverture", "Cover"

	// Source and reading lines under the tables and charts. The date and
	// numbers come formatted; a scope reads after « Champ : ».
	case "pdf.source":
		return "Source : enquête C2i2e, %s, données au %s. Champ : %s.",
			"Source: C2i2e survey, %s, data as of %s. Scope: %s."
	case "source.nodate":
		return "Source : enquête C2i2e, %s. Champ : %s.",
			"Source: C2i2e survey, %s. Scope: %s."
	case "pdf.scope.year":
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
	case "scope.inst.cut":
		return "les %s premiers, par académie puis code UAI, des établissements ayant répondu à l’enquête pour l’année %s, tous parcours",
			"the first %s, by académie then UAI code, of the institutions that answered the survey for %s, all tracks"
	case "scope.tracks.rate":
		return "étudiants concernés et certificats délivrés en %s dans les établissements ayant répondu à l’enquête, par parcours",
			"students concerned and certificates delivered in %s in the institutions that answered the survey, by track"
	case "scope.series.groups":
		return "établissements ayant répondu à l’enquête avec une ventilation par parcours, de %s à %s",
			"institutions that answered the survey with a breakdown by track, from %s to %s"
	case "scope.series.groups.one":
		return "établissements ayant répondu à l’enquête pour l’année %s, par groupe de parcours",
			"institutions that answered the survey for %s, by track group"
	case "read.key.panel":
		return "Lecture : sur les %s établissements ayant répondu en %s et en %s, le taux de réussite passe de %s à %s.",
			"How to read: in the %s institutions that answered in both %s and %s, the success rate goes from %s to %s."
	case "read.tracks.rate":
		return "Lecture : en %s, le taux de réussite le plus élevé, hors taux fragiles, est celui du parcours %s (%s), pour %s sur l’ensemble des parcours (trait pointillé).",
			"How to read: in %s, the highest success rate, fragile rates aside, is that of the track %s (%s), against %s for all tracks (dotted line)."
	case "read.series":
		return "Lecture : en %s, le taux de réussite du groupe %s est de %s, celui du groupe %s de %s.",
			"How to read: in %s, the success rate of the group %s is %s, that of the group %s %s."
	case "read.acad":
		return "Lecture : en %s, dans l’académie %s, les %s établissements ayant répondu ont délivré %s certificats à %s étudiants concernés.",
			"How to read: in %s, in the académie %s, the %s institutions that answered delivered %s certificates to %s students concerned."
	case "read.acad.one":
		// The count (1) is not said: « le seul établissement ».
		return "Lecture : en %s, dans l’académie %s, le seul établissement ayant répondu%.0s a délivré %s certificats à %s étudiants concernés.",
			"How to read: in %s, in the académie %s, the only institution that answered%.0s delivered %s certificates to %s students concerned."
	case "acad.of":
		return "de %s", "of %s"
	case "acad.of.vowel":
		return "d’%s", "of %s"
	case "read.national":
		return "Lecture : en %s, %s certificats ont été délivrés à %s étudiants concernés, soit un taux de réussite de %s.",
			"How to read: in %s, %s certificates were delivered to %s students concerned, a success rate of %s."
	case "read.chart":
		return "Lecture : en %s, %s certificats ont été délivrés (échelle de gauche), pour un taux de réussite de %s (échelle de droite).",
			"How to read: in %s, %s certificates were delivered (left scale), with a success rate of %s (right scale)."
	case "read.tracks":
		return "Lecture : en %s, le parcours %s compte %s étudiants concernés et %s certificats délivrés, soit %s des certificats de l’année et un taux de réussite de %s.",
			"How to read: in %s, the track %s has %s students concerned and %s certificates delivered, that is %s of the year's certificates and a success rate of %s."
	case "read.inst":
		return "Lecture : en %s, l’établissement %s (%s) a délivré %s certificats à %s étudiants concernés.",
			"How to read: in %s, the institution %s (%s) delivered %s certificates to %s students concerned."

	case "continued":
		return "(suite)", "(continued)"
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
	case "key.response":
		return "Taux de réponse", "Response rate"
	case "key.response.none":
		return "non calculé : aucune liste des établissements attendus", "not computed: no list of expected institutions"
	case "key.response.of":
		return "%s établissements sur %s attendus", "%s institutions of %s expected"
	case "key.panel":
		return "Évolution à champ constant", "Change, same institutions"
	case "key.panel.rates":
		return "de %s à %s", "from %s to %s"
	case "key.panel.of":
		return "sur les %s établissements ayant répondu les deux années", "in the %s institutions that answered both years"
	case "key.panel.none":
		return "aucun établissement n’a répondu les deux années", "no institution answered both years"

	// Cover and edition.
	case "cover.contact":
		return "Contact : %s", "Contact: %s"
	case "edition.n":
		return "Édition n° %s du %s", "Edition %s of %s"
	case "edition.provisional":
		return "Édition provisoire", "Provisional edition"
	case "edition.provisional.asof":
		return "Édition provisoire, données au %s", "Provisional edition, data as of %s"

	// « L'essentiel ».
	case "ess.title":
		return "L’essentiel", "Key points"
	case "ess.response":
		return "En %s, %s des %s établissements attendus ont répondu à l’enquête, soit un taux de réponse de %s.",
			"In %s, %s of the %s institutions expected answered the survey, a response rate of %s."
	case "ess.answered":
		return "En %s, %s établissements ont répondu à l’enquête ; sans liste des établissements attendus, le taux de réponse n’est pas calculé.",
			"In %s, %s institutions answered the survey; with no list of the institutions expected, the response rate is not computed."
	case "ess.answered.one":
		return "En %s, un seul établissement a répondu à l’enquête ; sans liste des établissements attendus, le taux de réponse n’est pas calculé.",
			"In %s, a single institution answered the survey; with no list of the institutions expected, the response rate is not computed."
	case "ess.certs":
		return "%s certificats ont été délivrés à %s étudiants concernés : le taux de réussite est de %s.",
			"%s certificates were delivered to %s students concerned: the success rate is %s."
	case "ess.first":
		return "%s est la première année de la série : aucune évolution n’est calculée.",
			"%s is the first year of the series: no change is computed."
	case "ess.raw":
		return "Par rapport à %s, sur l’ensemble des établissements ayant répondu chaque année, le nombre de certificats évolue de %s et le taux de réussite de %s (de %s à %s) ; %s établissements avaient répondu, %s cette année.",
			"Compared with %s, over all the institutions that answered each year, the number of certificates changes by %s and the success rate by %s (from %s to %s); %s institutions had answered, %s this year."
	case "ess.panel":
		return "À champ constant, sur les %s établissements ayant répondu les deux années, le taux de réussite évolue de %s (de %s à %s) et le nombre de certificats de %s.",
			"On the same institutions, the %s that answered both years, the success rate changes by %s (from %s to %s) and the number of certificates by %s."
	case "ess.nopanel":
		return "Aucun établissement n’a répondu à la fois en %s et en %s : l’évolution à champ constant ne peut pas être calculée, et l’évolution brute compare des établissements différents.",
			"No institution answered both in %s and in %s: the change on the same institutions cannot be computed, and the raw change compares different institutions."
	case "ess.caveat.sign":
		return "Attention : les deux évolutions sont de sens contraire. L’évolution brute tient aux changements dans la liste des établissements ayant répondu ; seule l’évolution à champ constant compare les mêmes établissements.",
			"Caution: the two changes go in opposite directions. The raw change reflects changes in the list of institutions that answered; only the change on the same institutions compares like with like."
	case "ess.caveat.gap":
		return "Attention : les deux évolutions du taux diffèrent de %s ; une grande part de l’évolution brute tient aux changements dans la liste des établissements ayant répondu.",
			"Caution: the two changes in the rate differ by %s; much of the raw change reflects changes in the list of institutions that answered."
	case "ess.caveat.coverage":
		return "Le champ constant ne couvre que %s des %s établissements ayant répondu en %s.",
			"The same-institution comparison covers only %s of the %s institutions that answered in %s."
	case "ess.tracks":
		return "Le parcours %s délivre le plus de certificats (%s du total) ; le taux de réussite le plus élevé, hors taux fragiles, est celui du parcours %s (%s).",
			"The track %s delivers the most certificates (%s of the total); the highest success rate, fragile rates aside, is that of the track %s (%s)."
	case "ess.tracks.same":
		return "Le parcours %s délivre le plus de certificats (%s du total) et a aussi le taux de réussite le plus élevé, hors taux fragiles (%s).",
			"The track %s delivers the most certificates (%s of the total) and also has the highest success rate, fragile rates aside (%s)."
	case "ess.tracks.none":
		return "Pour %s, les établissements n’ont déclaré que des totaux, sans ventilation par parcours.",
			"For %s, institutions reported totals only, with no breakdown by track."
	case "ess.moved":
		return "À champ constant, les taux de réussite qui ont le plus évolué sont ceux des parcours %s.",
			"On the same institutions, the success rates that moved most are those of the tracks %s."
	case "ess.moved.one":
		return "À champ constant, le taux de réussite qui a le plus évolué est celui du parcours %s.",
			"On the same institutions, the success rate that moved most is that of the track %s."
	case "ess.moved.flat":
		return "À champ constant, aucun taux de réussite par parcours (hors taux fragiles) n’a évolué au dixième de point près.",
			"On the same institutions, no success rate by track (fragile rates aside) moved by a tenth of a point or more."
	case "ess.moved.none":
		return "Les résultats de %s n’étaient pas ventilés par parcours (ou sur trop peu d’étudiants) : aucune évolution par parcours n’est calculée.",
			"The results of %s were not broken down by track (or on too few students): no change by track is computed."
	case "and":
		return " et ", " and "

	// Tables' short column heads.
	case "col.students":
		return "étudiants", "students"
	case "col.certs":
		return "certificats", "certificates"
	case "col.rate":
		return "taux de réussite", "success rate"
	case "col.institutions":
		return "Établissements", "Institutions"

	// National table and chart.
	case "national.title":
		return "Évolution nationale", "National trend"
	case "national.table":
		return "Résultats nationaux par année universitaire", "National results by academic year"
	case "chart.title":
		return "Certificats délivrés et taux de réussite par année universitaire",
			"Certificates delivered and success rate by academic year"
	case "pdf.chart.certs":
		return "Certificats délivrés (échelle de gauche)", "Certificates delivered (left scale)"
	case "pdf.chart.rate":
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
		return "Taux de réussite par parcours", "Success rate by track"
	case "tracks.fragile.note":
		return "Taux entre parenthèses : calculé sur moins de %s étudiants, il est fragile et se lit avec prudence.",
			"Rates in parentheses are computed on fewer than %s students: they are fragile and to be read with caution."
	case "chart.fragile":
		return "Barre claire et taux entre parenthèses : taux fragile, calculé sur moins de %s étudiants.",
			"Light bar and rate in parentheses: a fragile rate, computed on fewer than %s students."
	case "chart.national":
		return "ensemble des parcours : %s", "all tracks: %s"
	case "series.title":
		return "%s et %s, par année", "%s and %s, by year"
	case "series.one":
		return "Seule l’année %s a une ventilation par parcours dans les données : il n’y a pas encore d’évolution à comparer.",
			"Only %s has a breakdown by track in the data: there is no change to compare yet."

	// Académies.
	case "acad.title":
		return "Résultats par académie", "Results by académie"
	case "acad.none":
		return "Aucune académie n’est renseignée pour cette année.", "No académie is given for this year."

	// Data-quality summary.
	case "qsum.title":
		return "Qualité des données", "Data quality"
	case "qsum.text":
		return "Pour %s, %s fichiers ont été pris en compte, dont %s avec un avertissement sans effet sur les chiffres (un taux saisi qui ne correspond pas aux effectifs, par exemple : le rapport utilise toujours les effectifs). Versions corrigées ayant remplacé un fichier antérieur du même établissement : %s. Copies identiques d’un fichier déjà reçu, comptées une seule fois : %s. Les fichiers qui n’ont pas pu être lus ne sont comptés pour aucune année ; le service statistique les suit avec les établissements.",
			"For %s, %s files were taken into account, of which %s with a warning that does not affect the figures (a typed rate that disagrees with the counts, for instance: the report always uses the counts). Corrected versions that replaced an earlier file of the same institution: %s. Identical copies of a file already received, counted once: %s. Files that could not be read count for no year; the statistics department follows them up with the institutions."
	case "qsum.nobatch":
		return "Le relevé des fichiers lus n’a pas été fourni à ce rapport : le bilan de la collecte n’est pas disponible.",
			"The record of the files read was not given to this report: the collection summary is not available."
	case "tracks.subtotal":
		return "Sous-total %s", "Subtotal %s"
	case "total.national":
		return "Total national", "National total"

	// Institutions.
	case "inst.title":
		return "Résultats par établissement", "Results by institution"
	case "inst.intro":
		return "%s établissements ont répondu pour %s. Ils sont regroupés par académie et classés par code UAI\u202f; le taux de réussite est calculé sur les effectifs de chacun.",
			"%s institutions answered for %s. They are grouped by académie and sorted by UAI code; each success rate is computed from the institution's own counts."
	case "inst.noacad":
		return "Académie non renseignée", "Académie not given"
	case "inst.suppressed":
		return "n.d. (moins de %s étudiants)", "n/a (fewer than %s students)"
	case "inst.small.note":
		return "Taux entre parenthèses : calculé sur moins de %s étudiants, il est fragile et se lit avec prudence. « n.d. (moins de %s étudiants) » : le taux n’est pas publié, les effectifs de l’établissement restent donnés.",
			"Rates in parentheses are computed on fewer than %s students: they are fragile and to be read with caution. “n/a (fewer than %s students)”: the rate is not published; the institution's counts are still given."
	case "inst.cut":
		return "Seuls les %s premiers, par académie puis code UAI, sont listés ici ; la liste complète est dans la feuille « %s » du classeur %s publié avec ce rapport.",
			"Only the first %s, by académie then UAI code, are listed here; the full list is in the “%s” sheet of the workbook %s published with this report."
	case "inst.none":
		return "Aucun établissement n’a répondu pour cette année.", "No institution answered for this year."

	// Methods.
	case "methods.title":
		return "Méthodes et définitions", "Methods and definitions"
	case "methods.scope.h":
		return "Champ", "Scope"
	case "methods.scope":
		return "Les chiffres de %s portent sur les établissements qui ont répondu à l’enquête pour cette année (%s établissements), tous parcours de préparation au C2i2e confondus.",
			"The figures for %s cover the institutions that answered the survey for that year (%s institutions), all tracks preparing for the C2i2e together."
	case "methods.scope.registry":
		return "La liste des établissements attendus en compte %s : le taux de réponse est de %s. Un établissement qui n’a pas répondu n’est compté dans aucun chiffre ; rien n’est estimé à sa place.",
			"The list of institutions expected has %s: the response rate is %s. An institution that did not answer counts in no figure; nothing is estimated in its place."
	case "methods.scope.noregistry":
		return "Aucune liste des établissements attendus n’a été fournie à ce rapport : le taux de réponse n’est pas calculé, et un établissement qui n’a pas répondu n’est compté dans aucun chiffre.",
			"No list of the institutions expected was given to this report: the response rate is not computed, and an institution that did not answer counts in no figure."
	case "methods.year.h":
		return "Année universitaire", "Academic year"
	case "methods.year":
		return "Une année universitaire est désignée par ses deux années civiles (%s) et, dans les tableaux de données, par l’année où elle se termine (%s).",
			"An academic year is named by its two calendar years (%s) and, in the data tables, by the year it ends (%s)."
	case "methods.students.h":
		return "Étudiants concernés", "Students concerned"
	case "methods.students":
		return "Les étudiants concernés sont ceux qu’un établissement déclare inscrits, pendant l’année universitaire, dans une formation ou une session préparant au C2i2e, qu’ils aient obtenu le certificat ou non.",
			"The students concerned are those an institution reports as enrolled, during the academic year, in a course or session preparing for the C2i2e, whether or not they obtained the certificate."
	case "methods.free.h":
		return "Candidats libres", "Independent candidates"
	case "methods.free":
		return "Les candidats libres se présentent à la certification sans suivre de formation de l’établissement qui les certifie (des enseignants en poste, par exemple). Ils forment un parcours à part ; leur taux de réussite, plus élevé, ne se compare pas à celui des étudiants en formation.",
			"Independent candidates sit the certification without following a course of the institution that certifies them (serving teachers, for instance). They form a track of their own; their higher success rate does not compare with that of students in a course."
	case "methods.certs.h":
		return "Certificats délivrés", "Certificates delivered"
	case "methods.certs":
		return "Les certificats délivrés sont les C2i2e attribués par l’établissement pendant l’année universitaire, un par personne certifiée, dans le parcours où elle était inscrite.",
			"The certificates delivered are the C2i2e awarded by the institution during the academic year, one per person certified, in the track the person was enrolled in."
	case "methods.answering":
		return "Un établissement, identifié par son code UAI, a répondu pour une année quand au moins un de ses fichiers a été accepté pour cette année, même si ses effectifs sont nuls.",
			"An institution, identified by its UAI code, answered for a year when at least one of its files was accepted for that year, even with zero counts."
	case "methods.rate.h":
		return "Taux de réussite", "Success rate"
	case "methods.rate":
		return "Le taux de réussite est le nombre de certificats délivrés divisé par le nombre d’étudiants concernés, chacun sommé sur les établissements (ou sur les parcours) : ce n’est jamais une moyenne des taux des établissements, qui donnerait le même poids à un petit et à un grand établissement. Pour %s\u00a0: %s / %s = %s. Il n’est pas calculé quand il n’y a aucun étudiant (n.d.).",
			"The success rate is the number of certificates delivered divided by the number of students concerned, each summed over institutions (or tracks): it is never an average of the institutions' rates, which would weigh a small institution like a large one. For %s: %s / %s = %s. It is not computed when there are no students (n/a)."
	case "methods.small.h":
		return "Petits effectifs", "Small counts"
	case "methods.small.fragile":
		return "Un taux calculé sur moins de %s étudiants est fragile : un seul certificat de plus ou de moins le déplace de plusieurs points. Il est donné entre parenthèses dans les tableaux et en barre claire dans les graphiques, et n’est pas retenu dans « L’essentiel ».",
			"A rate computed on fewer than %s students is fragile: one certificate more or less moves it by several points. It is given in parentheses in the tables and as a light bar in the charts, and is left out of the key points."
	case "methods.small.suppress":
		return "Un taux calculé sur moins de %s étudiants n’est pas publié dans les tableaux par académie et par établissement (n.d.) ; les effectifs y restent donnés.",
			"A rate computed on fewer than %s students is not published in the tables by académie and by institution (n/a); the counts still are."
	case "methods.small.off":
		return "Aucun seuil de petits effectifs n’est appliqué à ce rapport : tous les taux sont publiés tels quels.",
			"No small-count threshold applies to this report: every rate is published as it is."
	case "methods.share.h":
		return "Part des certificats", "Share of certificates"
	case "methods.share":
		return "La part d’un parcours est le nombre de certificats délivrés dans ce parcours divisé par le nombre total de certificats délivrés la même année. Les parts des parcours d’une année font 100\u00a0%, aux arrondis près.",
			"A track's share is its number of certificates delivered divided by all the certificates delivered the same year. A year's track shares add up to 100%, up to rounding."
	case "methods.changes.h":
		return "Évolutions", "Changes"
	case "methods.changes":
		return "Une année est comparée à la précédente présente dans les données. L’évolution brute compare tous les établissements ayant répondu chaque année : elle change quand la liste des répondants change. L’évolution à champ constant ne compare que les établissements ayant répondu les deux années ; c’est elle qui mesure l’évolution des établissements eux-mêmes. Les évolutions de taux sont en points de pourcentage, calculées sur les taux arrondis au dixième tels qu’ils sont imprimés, de sorte que la différence des deux taux imprimés donne l’évolution imprimée.",
			"A year is compared with the previous year present in the data. The raw change compares all the institutions that answered each year: it moves when the list of respondents changes. The change on the same institutions compares only the institutions that answered both years; it measures how the institutions themselves changed. Changes in rates are in percentage points, computed on the rates rounded to one decimal as printed, so that the difference of the two printed rates gives the printed change."
	case "methods.changes.example":
		return "Ainsi %s − %s = %s.", "Thus %s − %s = %s."
	case "methods.asof.h":
		return "Date des données", "Date of the data"
	case "methods.asof":
		return "Les données sont celles reçues au %s, date du dernier fichier pris en compte pour cette année ou une année antérieure.",
			"The data are those received by %s, the date of the latest file taken into account for this year or an earlier one."
	case "methods.asof.none":
		return "La date des fichiers reçus n’est pas connue de ce rapport.", "The date of the files received is not known to this report."
	case "methods.edition.provisional":
		return "Cette édition est provisoire : ses chiffres changent si des fichiers arrivent ou sont corrigés avant la publication.",
			"This edition is provisional: its figures change if files arrive or are corrected before publication."
	case "methods.edition.n":
		return "Cette édition est l’édition n° %s, publiée le %s.", "This edition is edition %s, published on %s."
	case "methods.files":
		return "Quand un établissement envoie un fichier corrigé pour une année, seul le plus récent compte ; un fichier identique octet pour octet à un fichier déjà reçu n’est compté qu’une fois.",
			"When an institution sends a corrected file for a year, only the latest counts; a file identical byte for byte to one already received counts once."
	case "methods.published.h":
		return "Écarts avec des chiffres publiés antérieurement", "Differences from figures published earlier"
	case "methods.published":
		return "Les chiffres de ce rapport sont recalculés à partir des effectifs transmis. Ils peuvent différer de chiffres publiés auparavant pour la même année : des taux publiés arrondis à l’unité ne correspondaient pas toujours aux effectifs publiés eux-mêmes, et des fichiers corrigés ont pu arriver après une publication.",
			"The figures of this report are recomputed from the counts sent. They may differ from figures published before for the same year: published rates rounded to the unit did not always match the published counts themselves, and corrected files may have arrived after a publication."
	case "methods.rounding":
		return "Les pourcentages sont arrondis au dixième, au plus proche.",
			"Percentages are rounded to one decimal, to the nearest."
	}
	return "", ""
}
