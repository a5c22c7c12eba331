package texts

// reportText holds the labels every output shares (PDF, workbook, CSV
// headers meant for people), the words of the number formatter and the
// month names. The PDFs' own sentences are in texts_pdf.go and
// texts_quality.go.
func reportText(key string) (fr, en string) {
	switch key {
	// Report and survey names.
	case "reports.incomplete":
		// IncompleteName, left in a run's folder when some outputs failed;
		// %s is the name of the link to the latest complete set.
		return "Certaines sorties de ce passage n'ont pas pu être écrites ; les autres sont ici.\nreports/%s désigne toujours le dernier ensemble complet.",
			"Some outputs of this run could not be written; the others are here.\nreports/%s still points at the last complete set."
	case "report.title":
		return "Enquête C2i2e — Rapport annuel", "C2i2e survey — Annual report"
	case "survey.short":
		return "Enquête C2i2e", "C2i2e survey"
	case "certificate.name":
		return "Certificat informatique et internet de niveau 2 « enseignant »",
			"Certificate in IT and Internet skills, level 2 “teacher”"
	case "author":
		return "Ministère de l’Éducation nationale — Service statistique",
			"Ministry of Education — Statistics department"
	case "academic.year":
		return "Année universitaire", "Academic year"
	case "year":
		return "Année", "Year"
	// Measures.
	case "institutions":
		return "Établissements ayant répondu", "Institutions that answered"
	case "students":
		return "Étudiants concernés", "Students concerned"
	case "certificates":
		return "Certificats délivrés", "Certificates delivered"
	case "success.rate":
		return "Taux de réussite", "Success rate"
	case "share":
		return "Part des certificats", "Share of certificates"
	// Dimensions.
	case "track":
		return "Parcours", "Track"
	case "track.group":
		return "Groupe de parcours", "Track group"
	case "uai":
		return "Code UAI", "UAI code"
	case "institution":
		return "Établissement", "Institution"
	case "academie":
		// « Académie » is the French administrative unit; English texts keep
		// the word, as the ministry's English publications do.
		return "Académie", "Académie"
	case "total":
		return "Total", "Total"
	case "subtotal":
		return "Sous-total", "Subtotal"
	// Data quality.
	case "file":
		return "Fichier", "File"
	case "sheet":
		return "Feuille", "Sheet"
	case "cell":
		return "Cellule", "Cell"
	case "message":
		return "Message", "Message"
	case "kind":
		return "Nature", "Kind"
	case "replaced.file":
		return "Fichier remplacé", "Replaced file"
	case "replacing.file":
		return "Fichier retenu", "Replacing file"
	case "duplicate.file":
		return "Fichier en double", "Duplicate file"
	case "same.as":
		return "Identique à", "Same as"

	// Words of the number formatter and of lists.
	case "value.na":
		return "n.d.", "n/a"
	case "unit.point":
		return "point", "point"
	case "unit.points":
		return "points", "points"
	case "word.and":
		return "et", "and"
	case "date.first":
		return "1er", "1"
	case "month.1":
		return "janvier", "January"
	case "month.2":
		return "février", "February"
	case "month.3":
		return "mars", "March"
	case "month.4":
		return "avril", "April"
	case "month.5":
		return "mai", "May"
	case "month.6":
		return "juin", "June"
	case "month.7":
		return "juillet", "July"
	case "month.8":
		return "août", "August"
	case "month.9":
		return "septembre", "September"
	case "month.10":
		return "octobre", "October"
	case "month.11":
		return "novembre", "November"
	case "month.12":
		return "décembre", "December"
	}
	return "", ""
}
