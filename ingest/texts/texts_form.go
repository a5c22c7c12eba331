package texts

// formText holds the blank survey form that c2isurvey template writes
// (ingest/template): its labels, the help of its cells and its
// instructions sheet. The survey sheet keeps its French name in both
// languages (« Enquête C2i2e »): the reader looks for it by that name.
func formText(key string) (fr, en string) {
	switch key {
	case "form.title":
		return "Enquête nationale C2i2e — année universitaire %s",
			"C2i2e national survey — academic year %s"
	case "form.year":
		return "Année universitaire",
			"Academic year"
	case "form.uai":
		return "Code UAI",
			"UAI code"
	case "form.name":
		return "Établissement",
			"Institution"
	case "form.academie":
		return "Académie",
			"Académie"
	case "form.track":
		return "Parcours",
			"Track"
	case "form.students":
		return "Étudiants concernés",
			"Students"
	case "form.certs":
		return "Certificats délivrés",
			"Certificates"
	case "form.rate":
		return "Taux de réussite",
			"Success rate"
	case "form.total":
		return "Total",
			"Total"
	case "form.totalNote":
		return "facultatif : vérifié par rapport à la somme des parcours",
			"optional: checked against the sum of the tracks"
	case "form.toFill":
		return "à remplir",
			"to fill in"
	case "form.countTitle":
		return "Nombre entier attendu",
			"Whole number expected"
	case "form.countMsg":
		return "Saisissez un nombre entier positif ou nul (nombre d’étudiants ou de certificats).",
			"Type a whole number, 0 or more (a number of students or certificates)."
	case "form.certsTitle":
		return "Certificats supérieurs aux étudiants",
			"Certificates above students"
	case "form.certsMsg":
		return "Saisissez un nombre entier compris entre 0 et le nombre d’étudiants concernés du même parcours.",
			"Type a whole number between 0 and the number of students of the same track."
	case "form.uaiTitle":
		return "Code UAI",
			"UAI code"
	case "form.uaiMsg":
		return "Le code UAI comporte 7 chiffres suivis d’une lettre, par exemple 0751717J.",
			"The UAI code has 7 digits followed by a letter, for example 0751717J."
	case "form.instructionsTitle":
		return "Comment remplir le formulaire de l’enquête C2i2e",
			"How to fill in the C2i2e survey form"
	case "form.instruction.1":
		return "1. Sur la feuille « Enquête C2i2e », remplissez les cellules jaunes : le code UAI, le nom de l’établissement et son académie. Ne modifiez pas l’année universitaire : chaque formulaire correspond à une seule année.",
			"1. On the sheet “Enquête C2i2e”, fill in the yellow cells: the UAI code, the name of the institution and its académie. Do not change the academic year: each form is for one year."
	case "form.instruction.2":
		return "2. Le code UAI est le code national de l’établissement : 7 chiffres suivis d’une lettre, par exemple 0751717J.",
			"2. The UAI code is the national code of the institution: 7 digits followed by a letter, for example 0751717J."
	case "form.instruction.3":
		return "3. Remplissez une ligne par parcours : le nombre d’étudiants concernés par le C2i2e et le nombre de certificats délivrés, en nombres entiers, sans décimale ni texte.",
			"3. Fill in one row per track: the number of students concerned by the C2i2e and the number of certificates delivered, as whole numbers, without decimals or text."
	case "form.instruction.4":
		return "4. Le nombre de certificats ne peut pas dépasser le nombre d’étudiants concernés du même parcours.",
			"4. The number of certificates cannot be above the number of students of the same track."
	case "form.instruction.5":
		return "5. Si personne n’a suivi un parcours, laissez sa ligne vide ou saisissez 0. Ne supprimez, ne renommez et n’ajoutez aucune ligne.",
			"5. If nobody followed a track, leave its row empty or type 0. Do not delete, rename or add rows."
	case "form.instruction.6":
		return "6. Le taux de réussite et la ligne Total sont facultatifs : le ministère les calcule à partir de vos effectifs.",
			"6. The success rate and the Total row are optional: the ministry computes them from your counts."
	case "form.instruction.7":
		return "7. Enregistrez le fichier au format Excel .xlsx (pas .xls, pas .ods, pas PDF), sans mot de passe.",
			"7. Save the file in the Excel format .xlsx (not .xls, not .ods, not PDF), and do not protect it with a password."
	case "form.instruction.8":
		return "8. Envoyez un fichier par établissement et par année universitaire. Pour corriger un fichier déjà envoyé, renvoyez le formulaire complet corrigé : il remplace le précédent.",
			"8. Send one file per institution and per academic year. If you need to correct a file already sent, send the whole corrected form: it replaces the earlier one."
	case "form.instruction.9":
		return "9. Avant l’envoi, vous pouvez vérifier le fichier avec la commande : c2isurvey validate fichier.xlsx (elle indique chaque problème et sa cellule).",
			"9. Before sending, you can check the file with the command: c2isurvey validate fichier.xlsx (it lists every problem with its cell)."
	}
	return "", ""
}
