package texts

// annotateText holds the texts of the annotated copy of a file
// (report/annotate): its problems sheet, the comments on the cells, why a
// file could not be opened, its properties. Sheet names stay within
// Excel's rules (at most 31 characters, none of []:*?/\); report/annotate
// tests them.
func annotateText(key string) (fr, en string) {
	switch key {
	// Sheets.
	case "annotate.sheet.problems":
		return "Problèmes", "Problems"
	case "annotate.sheet.data":
		return "Contenu du fichier", "File content"
	// The problems sheet.
	case "annotate.title":
		return "Problèmes relevés dans le fichier « %s »", "Problems found in the file “%s”"
	case "annotate.intro.refused":
		return "Le fichier est refusé. Chaque cellule en cause est surlignée dans sa feuille et porte un commentaire qui dit ce qui ne va pas et quoi faire ; cliquez sur une cellule de la colonne « Cellule » pour y aller. Corrigez le fichier d'origine (pas cette copie) et renvoyez-le.",
			"The file is refused. Each cell at fault is highlighted in its sheet and carries a comment saying what is wrong and what to do; click a cell of the “Cell” column to go there. Correct the original file (not this copy) and send it again."
	case "annotate.intro.warned":
		return "Le fichier est accepté, avec des remarques. Chaque cellule concernée est surlignée dans sa feuille et porte un commentaire ; cliquez sur une cellule de la colonne « Cellule » pour y aller.",
			"The file is accepted, with remarks. Each cell concerned is highlighted in its sheet and carries a comment; click a cell of the “Cell” column to go there."
	case "annotate.intro.none":
		return "Aucun problème n'a été relevé dans ce fichier.", "No problem was found in this file."
	case "annotate.intro.csv":
		return "La feuille « %s » reprend le contenu du fichier CSV tel qu'il a été lu (encodage %s, séparateur %s).",
			"The sheet “%s” shows the content of the CSV file as it was read (encoding %s, separator %s)."
	case "annotate.intro.rebuilt":
		return "Ce classeur n'a pas pu être annoté tel quel : les feuilles qui suivent en reprennent les valeurs telles qu'elles ont été lues, sans la mise en forme ni les formules.",
			"This workbook could not be annotated as it is: the sheets that follow hold its values as they were read, without their formatting and formulas."
	case "annotate.intro.large":
		return "Le fichier est trop grand pour en rendre une copie annotée (%s cellules, pour %s au plus) : la liste ci-dessous donne la feuille et la cellule de chaque problème.",
			"The file is too large to be returned annotated (%s cells, for at most %s): the list below gives the sheet and cell of each problem."
	case "annotate.intro.unopened":
		return "Le fichier n'a pas pu être ouvert : %s. Il n'y a donc pas de copie annotée : corrigez les problèmes ci-dessous et renvoyez le fichier.",
			"The file could not be opened: %s. There is therefore no annotated copy: correct the problems below and send the file again."
	case "annotate.col.number":
		return "N°", "No."
	case "annotate.col.severity":
		return "Gravité", "Severity"
	case "annotate.col.sheet":
		return "Feuille", "Sheet"
	case "annotate.col.cell":
		return "Cellule", "Cell"
	case "annotate.col.message":
		return "Problème et correction", "Problem and correction"
	case "annotate.severity.refusal":
		return "Refus", "Refusal"
	case "annotate.severity.warning":
		return "Avertissement", "Warning"
	case "annotate.whole.file":
		return "(tout le fichier)", "(whole file)"
	case "annotate.whole.sheet":
		return "(toute la feuille)", "(whole sheet)"
	// The comment on a cell.
	case "annotate.comment.author":
		return "Contrôle C2i2e", "C2i2e check"
	case "annotate.comment.refusal":
		return "Refus : ", "Refusal: "
	case "annotate.comment.warning":
		return "Avertissement : ", "Warning: "
	case "annotate.comment.original":
		return "Commentaire d'origine : ", "Original comment: "
	// Why a file could not be opened (completes intro.unopened).
	case "annotate.reason.missing":
		return "il est introuvable ou illisible", "it cannot be found or read"
	case "annotate.reason.empty":
		return "il est vide", "it is empty"
	case "annotate.reason.damaged":
		return "il est incomplet ou endommagé", "it is incomplete or damaged"
	case "annotate.reason.not-spreadsheet":
		return "ce n'est pas un classeur de tableur", "it is not a spreadsheet"
	case "annotate.reason.legacy-xls":
		return "c'est un classeur Excel 97-2003 (.xls)", "it is an Excel 97-2003 workbook (.xls)"
	case "annotate.reason.ods":
		return "c'est un classeur OpenDocument (.ods)", "it is an OpenDocument spreadsheet (.ods)"
	case "annotate.reason.encrypted":
		return "il est protégé par un mot de passe", "it is protected by a password"
	case "annotate.reason.too-large":
		return "il dépasse les limites de taille d'une enquête", "it is over the size limits of a survey"
	case "annotate.reason.cell-too-long":
		return "une cellule contient plus de texte qu'un tableur n'en admet", "a cell holds more text than a spreadsheet allows"
	case "annotate.reason.unreadable":
		return "son contenu n'a pas pu être lu", "its content could not be read"
	// The annotated copy's name: the original's, then this.
	case "annotate.file.suffix":
		return ".annote.xlsx", "-annotated.xlsx"
	// Document properties.
	case "annotate.doc.subject":
		return "Copie annotée d'un fichier d'enquête C2i2e", "Annotated copy of a C2i2e survey file"
	}
	return "", ""
}
