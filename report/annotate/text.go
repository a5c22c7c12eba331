package annotate

// nbsp is the no-break space French typography puts before « : » and
// inside « ».
const nbsp = "\u00a0"

// t returns a label in lang ("en" for English, French otherwise).
func t(lang, key string) string {
	fr, en := annotateLabel(key)
	if lang == "en" {
		return en
	}
	return fr
}

// annotateLabel is this package's catalogue, to be folded into the
// project's text catalogue. Sheet names stay within Excel's rules (at most
// 31 characters, none of []:*?/\); a test checks them.
func annotateLabel(key string) (fr, en string) {
	switch key {
	// Sheets.
	case "sheet.problems":
		return "Problèmes", "Problems"
	case "sheet.data":
		return "Contenu du fichier", "File content"
	// The problems sheet.
	case "title":
		return "Problèmes relevés dans le fichier «" + nbsp + "%s" + nbsp + "»", "Problems found in the file \"%s\""
	case "intro.refused":
		return "Le fichier est refusé. Chaque cellule en cause est surlignée dans sa feuille et porte un commentaire qui dit ce qui ne va pas et quoi faire ; cliquez sur une cellule de la colonne «" + nbsp + "Cellule" + nbsp + "» pour y aller. Corrigez le fichier d'origine (pas cette copie) et renvoyez-le.",
			"The file is refused. Each cell at fault is highlighted in its sheet and carries a comment saying what is wrong and what to do; click a cell of the \"Cell\" column to go there. Correct the original file (not this copy) and send it again."
	case "intro.warned":
		return "Le fichier est accepté, avec des remarques. Chaque cellule concernée est surlignée dans sa feuille et porte un commentaire ; cliquez sur une cellule de la colonne «" + nbsp + "Cellule" + nbsp + "» pour y aller.",
			"The file is accepted, with remarks. Each cell concerned is highlighted in its sheet and carries a comment; click a cell of the \"Cell\" column to go there."
	case "intro.none":
		return "Aucun problème n'a été relevé dans ce fichier.", "No problem was found in this file."
	case "intro.csv":
		return "La feuille «" + nbsp + "%s" + nbsp + "» reprend le contenu du fichier CSV tel qu'il a été lu (encodage %s, séparateur %s).",
			"The sheet \"%s\" shows the content of the CSV file as it was read (encoding %s, separator %s)."
	case "intro.rebuilt":
		return "Ce classeur n'a pas pu être annoté tel quel : les feuilles qui suivent en reprennent les valeurs telles qu'elles ont été lues, sans la mise en forme ni les formules.",
			"This workbook could not be annotated as it is: the sheets that follow hold its values as they were read, without their formatting and formulas."
	case "intro.large":
		return "Le fichier est trop grand pour en rendre une copie annotée (%s cellules, pour %s au plus) : la liste ci-dessous donne la feuille et la cellule de chaque problème.",
			"The file is too large to be returned annotated (%s cells, for at most %s): the list below gives the sheet and cell of each problem."
	case "intro.unopened":
		return "Le fichier n'a pas pu être ouvert" + nbsp + ": %s. Il n'y a donc pas de copie annotée : corrigez les problèmes ci-dessous et renvoyez le fichier.",
			"The file could not be opened: %s. There is therefore no annotated copy: correct the problems below and send the file again."
	case "col.number":
		return "N°", "No."
	case "col.severity":
		return "Gravité", "Severity"
	case "col.sheet":
		return "Feuille", "Sheet"
	case "col.cell":
		return "Cellule", "Cell"
	case "col.message":
		return "Problème et correction", "Problem and correction"
	case "severity.refusal":
		return "Refus", "Refusal"
	case "severity.warning":
		return "Avertissement", "Warning"
	case "whole.file":
		return "(tout le fichier)", "(whole file)"
	case "whole.sheet":
		return "(toute la feuille)", "(whole sheet)"
	// The comment on a cell.
	case "comment.author":
		return "Contrôle C2i2e", "C2i2e check"
	case "comment.refusal":
		return "Refus" + nbsp + ": ", "Refusal: "
	case "comment.warning":
		return "Avertissement" + nbsp + ": ", "Warning: "
	case "comment.original":
		return "Commentaire d'origine" + nbsp + ": ", "Original comment: "
	// Why a file could not be opened (completes intro.unopened).
	case "reason.missing":
		return "il est introuvable ou illisible", "it cannot be found or read"
	case "reason.empty":
		return "il est vide", "it is empty"
	case "reason.damaged":
		return "il est incomplet ou endommagé", "it is incomplete or damaged"
	case "reason.not-spreadsheet":
		return "ce n'est pas un classeur de tableur", "it is not a spreadsheet"
	case "reason.legacy-xls":
		return "c'est un classeur Excel 97-2003 (.xls)", "it is an Excel 97-2003 workbook (.xls)"
	case "reason.ods":
		return "c'est un classeur OpenDocument (.ods)", "it is an OpenDocument spreadsheet (.ods)"
	case "reason.encrypted":
		return "il est protégé par un mot de passe", "it is protected by a password"
	case "reason.too-large":
		return "il dépasse les limites de taille d'une enquête", "it is over the size limits of a survey"
	case "reason.cell-too-long":
		return "une cellule contient plus de texte qu'un tableur n'en admet", "a cell holds more text than a spreadsheet allows"
	case "reason.unreadable":
		return "son contenu n'a pas pu être lu", "its content could not be read"
	// Document properties.
	case "doc.subject":
		return "Copie annotée d'un fichier d'enquête C2i2e", "Annotated copy of a C2i2e survey file"
	}
	return key, key
}
