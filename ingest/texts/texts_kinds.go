package texts

// kindText names each kind of problem in a few words (« kind.unknown-track »
// is « Parcours inconnu »): the Nature column of the data-quality tables,
// where the identifier itself (ingest.KindUnknownTrack) would be English
// words in a French document. The worded message says the rest.
func kindText(key string) (fr, en string) {
	switch key {
	case "kind.cannot-open":
		return "Fichier illisible", "File cannot be read"
	case "kind.empty-file":
		return "Fichier vide", "Empty file"
	case "kind.damaged":
		return "Fichier endommagé", "Damaged file"
	case "kind.not-spreadsheet":
		return "Pas un tableur", "Not a spreadsheet"
	case "kind.legacy-xls":
		return "Ancien format .xls", "Old .xls format"
	case "kind.ods":
		return "Format .ods", ".ods format"
	case "kind.encrypted":
		return "Protégé par mot de passe", "Password-protected"
	case "kind.too-large":
		return "Fichier démesuré", "Out of proportion"
	case "kind.unreadable":
		return "Lecture impossible", "Unreadable"
	case "kind.cell-too-long":
		return "Cellule trop longue", "Cell too long"
	case "kind.header-not-found":
		return "En-tête introuvable", "No header row"
	case "kind.missing-column":
		return "Colonne manquante", "Missing column"
	case "kind.duplicate-column":
		return "Colonne en double", "Duplicate column"
	case "kind.no-data":
		return "Aucun chiffre", "No figure"
	case "kind.other-sheet":
		return "Autre feuille non lue", "Other sheet not read"
	case "kind.hidden-sheet":
		return "Feuille masquée non lue", "Hidden sheet not read"
	case "kind.hidden-sheet-read":
		return "Feuille masquée lue", "Hidden sheet read"
	case "kind.hidden-row":
		return "Ligne masquée", "Hidden row"
	case "kind.hidden-column":
		return "Colonne masquée", "Hidden column"
	case "kind.wrong-separator":
		return "Mauvais séparateur", "Wrong separator"
	case "kind.values-in-one-cell":
		return "Valeurs dans une seule cellule", "Values in one cell"
	case "kind.unrecognised-row":
		return "Ligne non reconnue", "Row not recognised"
	case "kind.second-identification":
		return "Deuxième identification", "Second identification"
	case "kind.missing-uai":
		return "Code UAI manquant", "Missing UAI code"
	case "kind.bad-uai":
		return "Code UAI invalide", "Invalid UAI code"
	case "kind.uai-check-letter":
		return "Lettre du code UAI erronée", "Wrong UAI check letter"
	case "kind.uai-corsica":
		return "Code UAI corse mal écrit", "Corsican UAI code miswritten"
	case "kind.missing-year":
		return "Année manquante", "Missing year"
	case "kind.bad-year":
		return "Année illisible", "Unreadable year"
	case "kind.year-not-consecutive":
		return "Années non consécutives", "Years not consecutive"
	case "kind.year-implausible":
		return "Année invraisemblable", "Implausible year"
	case "kind.missing-institution":
		return "Établissement manquant", "Missing institution"
	case "kind.inconsistent-institution":
		return "Noms d’établissement différents", "Institution names differ"
	case "kind.inconsistent-academie":
		return "Académies différentes", "Académies differ"
	case "kind.unknown-academie":
		return "Académie inconnue", "Unknown académie"
	case "kind.academie-uai-mismatch":
		return "Académie et code UAI discordants", "Académie and UAI code disagree"
	case "kind.not-a-number":
		return "Pas un nombre", "Not a number"
	case "kind.negative-count":
		return "Effectif négatif", "Negative count"
	case "kind.fractional-count":
		return "Effectif non entier", "Count not whole"
	case "kind.ambiguous-thousands":
		return "Nombre ambigu", "Ambiguous number"
	case "kind.formula-error":
		return "Erreur de formule", "Formula error"
	case "kind.formula-not-computed":
		return "Formule non calculée", "Formula not computed"
	case "kind.bad-rate":
		return "Taux illisible", "Unreadable rate"
	case "kind.certs-above-students":
		return "Certificats supérieurs aux étudiants", "Certificates above students"
	case "kind.missing-track":
		return "Parcours manquant", "Missing track"
	case "kind.unknown-track":
		return "Parcours inconnu", "Unknown track"
	case "kind.duplicate-track":
		return "Parcours en double", "Duplicate track"
	case "kind.total-mismatch":
		return "Total discordant", "Total disagrees"
	case "kind.subtotal-mismatch":
		return "Sous-total discordant", "Subtotal disagrees"
	case "kind.rate-mismatch":
		return "Taux déclaré discordant", "Submitted rate disagrees"
	case "kind.non-ventile-is-total":
		return "Total lu comme total", "Total read as a total"
	case "kind.more-problems":
		return "Autres problèmes", "More problems"
	case "kind.registry-header":
		return "En-tête de la liste", "List header"
	case "kind.registry-empty":
		return "Liste vide", "Empty list"
	case "kind.registry-too-large":
		return "Liste démesurée", "List out of proportion"
	case "kind.registry-encoding":
		return "Liste hors UTF-8", "List not UTF-8"
	case "kind.registry-quotes":
		return "Guillemets non appariés", "Unpaired quotation marks"
	case "kind.registry-field-count":
		return "Nombre de colonnes", "Number of columns"
	case "kind.registry-missing-value":
		return "Valeur manquante", "Missing value"
	case "kind.registry-unknown-academie":
		return "Académie inconnue", "Unknown académie"
	case "kind.registry-academie-uai":
		return "Académie et code UAI discordants", "Académie and UAI code disagree"
	case "kind.registry-years-reversed":
		return "Années inversées", "Years reversed"
	case "kind.registry-duplicate-uai":
		return "Code UAI en double", "Duplicate UAI code"
	case "kind.registry-successor-self":
		return "Son propre successeur", "Its own successor"
	case "kind.registry-successor-open":
		return "Successeur sans dernière année", "Successor without a last year"
	case "kind.registry-successor-absent":
		return "Successeur absent de la liste", "Successor not in the list"
	case "kind.registry-successor-gap":
		return "Successeur non attendu", "Successor not expected"
	}
	return "", ""
}

// KindLabel names a kind of problem in l, or gives the kind itself when
// the catalogue has no name for it (a kind newer than the catalogue, caught
// by the tests of ingest).
func (l Lang) KindLabel(kind string) string {
	if key := "kind." + kind; Has(key) {
		return l.T(key)
	}
	return kind
}
