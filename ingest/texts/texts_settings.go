package texts

// settingsText holds the refusals of a publication settings file
// (ingest/settings): which file and line, what is wrong and what to do. The
// keys of the file (ministere, seuil_fragile…) are identifiers, the same in
// both languages.
func settingsText(key string) (fr, en string) {
	switch key {
	case "settings.error.file":
		return "fichier de paramètres %s : %s", "settings file %s: %s"
	case "settings.error.line":
		return "fichier de paramètres %s, ligne %d : %s", "settings file %s, line %d: %s"
	case "settings.cannot-open":
		return "impossible de l'ouvrir (%s)", "cannot open it (%s)"
	case "settings.too-large":
		return "le fichier est trop gros pour un fichier de paramètres (plus de 64 Ko) : vérifiez que c'est le bon fichier",
			"the file is too large for a settings file (over 64 KB): check it is the right file"
	case "settings.no-equals":
		return "une ligne s'écrit « clé = valeur » (ou commence par # pour un commentaire)",
			"a line reads “key = value” (or starts with # for a comment)"
	case "settings.value-too-long":
		return "la valeur de « %s » est trop longue (plus de %d caractères)",
			"the value of “%s” is too long (over %d characters)"
	case "settings.unknown-key":
		return "clé inconnue « %s » : les clés possibles sont %s",
			"unknown key “%s”: the keys are %s"
	case "settings.twice":
		return "« %s » est déjà donnée ligne %d : gardez une seule des deux lignes",
			"“%s” is already given on line %d: keep only one of the two lines"
	case "settings.suppress-above-fragile":
		return "le seuil de non-publication (%d) dépasse le seuil de fragilité (%d) : il doit lui être inférieur ou égal",
			"the suppression threshold (%d) is above the fragile threshold (%d): it must be at most equal to it"
	case "settings.not-a-count":
		return "« %s » n'est pas un nombre d'étudiants : écrivez un nombre entier positif, par exemple 30",
			"“%s” is not a number of students: write a whole positive number, for instance 30"
	case "settings.logo.missing":
		return "le logo %s est introuvable ou illisible : donnez le chemin d'une image PNG (relatif au dossier du fichier de paramètres), ou supprimez la ligne",
			"the logo %s cannot be found or read: give the path of a PNG image (relative to the settings file's folder), or remove the line"
	case "settings.logo.unreadable":
		return "le logo %s est illisible (%v)", "the logo %s cannot be read (%v)"
	case "settings.logo.too-heavy":
		return "le logo %s pèse plus de %d Mo : enregistrez-le en plus petit (1 000 pixels de large suffisent)",
			"the logo %s is larger than %d MB: save it smaller (1,000 pixels wide is enough)"
	case "settings.logo.not-png":
		return "le logo %s n'est pas une image PNG : enregistrez-le au format PNG (les autres formats ne sont pas acceptés)",
			"the logo %s is not a PNG image: save it as PNG (other formats are not accepted)"
	case "settings.logo.too-large":
		return "le logo %s mesure %d × %d pixels : réduisez-le à %d pixels au plus de côté",
			"the logo %s is %d × %d pixels: reduce it to at most %d pixels a side"
	case "settings.logo.damaged":
		return "le logo %s est une image PNG abîmée (%v) : enregistrez-le de nouveau",
			"the logo %s is a damaged PNG image (%v): save it again"
	}
	return "", ""
}
