package texts

// editionsText holds the texts of editions and revisions (docs/editions.md):
// the edition named on a report's cover, publish's refusal of reports the
// runs would not draw now, and the words of the revisions section (PDF) and
// sheet (workbook). publish's other messages are publishText's
// (texts_commands.go).
func editionsText(key string) (fr, en string) {
	switch key {
	// The publish command's refusal of its own (its other messages are
	// publishText's, texts_commands.go).
	case "editions.not-latest":
		// The latest link.
		return "les rapports de %s ne sont pas ceux que les passages tireraient aujourd'hui (données, liste des établissements, paramètres de publication, options --lang, --tracks ou --settings, version du programme) : relancez « c2isurvey run », puis publiez avec les mêmes options que les passages",
			"the reports of %s are not those the runs would draw today (data, list of institutions, publication settings, options --lang, --tracks or --settings, program version): run “c2isurvey run” again, then publish with the same options as the runs"
	// The cover of a report drawn after an edition of its year.
	case "edition.provisional.last":
		// Edition number, date of publication.
		return "Édition provisoire — dernière édition publiée : n° %s du %s",
			"Provisional edition — latest edition published: %s of %s"
	case "edition.provisional.asof.last":
		// Date of the data, edition number, date of publication.
		return "Édition provisoire, données au %s — dernière édition publiée : n° %s du %s",
			"Provisional edition, data as of %s — latest edition published: %s of %s"
	case "edition.quality":
		// Edition number, date of publication.
		return "Document de travail de l’édition n° %s du %s", "Working document of edition %s of %s"
	// The revisions section (report/pdfrevisions.go) and sheet
	// (report/workbook_revisions.go).
	case "rev.title":
		// Edition number, date of publication.
		return "Révisions depuis l’édition %s du %s", "Revisions since edition %s of %s"
	case "rev.none":
		// Year, edition number, date of publication.
		return "Aucun chiffre de l’année %s n’a changé depuis l’édition %s, publiée le %s.",
			"No figure for %s has changed since edition %s, published on %s."
	case "rev.intro":
		// Edition number, date of publication, year.
		return "Depuis l’édition %s, publiée le %s, des réponses arrivées plus tard ou corrigées ont changé les chiffres de l’année %s. Les tableaux qui suivent donnent les totaux nationaux de l’édition et les totaux révisés, puis chaque parcours et chaque établissement dont les chiffres ont changé, avec le fichier qui les a changés.",
			"Since edition %s, published on %s, answers received later or corrected have changed the figures for %s. The tables below give the national totals of the edition and the revised ones, then every track and every institution whose figures changed, with the file that changed them."
	case "rev.national":
		return "Totaux nationaux", "National totals"
	case "rev.by.track":
		return "Par parcours", "By track"
	case "rev.by.inst":
		return "Par établissement et parcours", "By institution and track"
	case "rev.col.edition":
		// Edition number.
		return "Édition %s", "Edition %s"
	case "rev.col.revised":
		return "Révisé", "Revised"
	case "rev.col.diff":
		return "Écart", "Change"
	case "rev.col.students.edition":
		return "Étudiants, édition %s", "Students, edition %s"
	case "rev.col.students.revised":
		return "Étudiants, révisé", "Students, revised"
	case "rev.col.certs.edition":
		return "Certificats, édition %s", "Certificates, edition %s"
	case "rev.col.certs.revised":
		return "Certificats, révisé", "Certificates, revised"
	case "rev.col.change":
		return "Nature", "Change"
	case "rev.col.students":
		// Edition number.
		return "Étudiants (édition %s → révisé)", "Students (edition %s → revised)"
	case "rev.col.certs":
		return "Certificats (édition %s → révisé)", "Certificates (edition %s → revised)"
	case "rev.col.file":
		return "Fichier à l’origine du changement", "File that made the change"
	case "rev.unchanged":
		return "Inchangé", "Unchanged"
	// The workbook's revisions sheet.
	case "rev.sheet":
		return "Révisions", "Revisions"
	case "rev.sheet.title":
		return "Révisions depuis la dernière édition de chaque année publiée", "Revisions since the latest edition of each published year"
	case "rev.sheet.scope":
		// The editions compared with, joined.
		return "Champ : années publiées, comparées à leur dernière édition : %s", "Scope: published years, compared with their latest edition: %s"
	case "rev.sheet.edition":
		// Year, edition number, date.
		return "%s (édition %s du %s)", "%s (edition %s of %s)"
	case "rev.sheet.edition.col":
		return "Édition", "Edition"
	case "rev.sheet.level":
		return "Niveau", "Level"
	case "rev.level.national":
		return "Total national", "National total"
	case "rev.level.track":
		return "Parcours", "Track"
	case "rev.level.institution":
		return "Établissement", "Institution"
	case "rev.sheet.students.edition":
		return "Étudiants, édition", "Students, edition"
	case "rev.sheet.certs.edition":
		return "Certificats, édition", "Certificates, edition"
	case "rev.sheet.file.edition":
		return "Fichier de l’édition", "File of the edition"
	case "rev.sheet.note":
		return "Une case vide : pas de chiffre (un ajout n’en avait pas dans l’édition, un retrait n’en a plus). Un parcours déclaré sans étudiant ni certificat ne compte pas comme un changement.",
			"An empty cell: no figure (an addition had none in the edition, a removal has none now). A track declared with no student and no certificate does not count as a change."
	case "rev.added":
		return "Ajout", "Added"
	case "rev.removed":
		return "Retrait", "Removed"
	case "rev.changed":
		return "Correction", "Corrected"
	case "rev.no.answer":
		return "plus de réponse pour l’année", "no answer left for the year"
	case "rev.scope":
		// Year, edition number, date of publication.
		return "établissements ayant répondu à l’enquête pour l’année %s, chiffres publiés dans l’édition %s du %s et chiffres révisés depuis",
			"institutions that answered the survey for %s, figures published in edition %s of %s and figures revised since"
	case "rev.read":
		// Institution, track, edition number, before, after, file.
		return "Lecture : pour %s, parcours %s, l’édition %s comptait %s étudiants concernés ; le fichier %s en déclare %s.",
			"How to read: for %s, track %s, edition %s counted %s students concerned; the file %s declares %s."
	}
	return "", ""
}
