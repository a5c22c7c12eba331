package texts

// messageText holds the messages about files: why a file, a row or a cell
// is refused or warned about, keyed by the stable kind identifiers of
// ingest (ingest.KindUnknownTrack is "unknown-track"), and the phrases that
// fill their blanks. They are filled through F: Count and Pct values get the
// language's number typography, Quoted values its quotation marks; %[n]s
// indexes let a language reorder them.
func messageText(key string) (fr, en string) {
	switch key {
	case "cannot-open":
		return "Le fichier ne peut pas être lu (%s). Vérifiez qu'il existe, que ce n'est pas un dossier et que vous avez le droit de l'ouvrir.",
			"The file cannot be read (%s). Check that it exists, is not a folder and that you may open it."
	case "empty-file":
		return "Le fichier est vide : il ne contient aucune donnée. Demandez à l'établissement de renvoyer son enquête remplie.",
			"The file is empty: it holds no data. Ask the institution to send its completed survey again."
	case "damaged":
		return "Le fichier est incomplet ou endommagé (copie interrompue, pièce jointe tronquée) et ne peut pas être lu en entier. Demandez à l'établissement de le renvoyer.",
			"The file is incomplete or damaged (interrupted copy, truncated attachment) and cannot be read whole. Ask the institution to send it again."
	case "not-spreadsheet":
		return "Ce fichier n'est pas un tableur (.xlsx ou .csv) : son contenu est d'une autre nature (image, PDF, document…). Demandez à l'établissement d'envoyer le formulaire d'enquête au format .xlsx.",
			"This file is not a spreadsheet (.xlsx or .csv): it holds something else (an image, a PDF, a document…). Ask the institution to send the survey form as .xlsx."
	case "legacy-xls":
		return "Ce fichier est un classeur Excel 97-2003 (.xls), format que le programme ne lit pas. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx, puis renvoyez-le.",
			"This file is an Excel 97-2003 workbook (.xls), a format the program does not read. Open it in Excel or LibreOffice, save it as .xlsx and send it again."
	case "ods":
		return "Ce fichier est un classeur OpenDocument (.ods, LibreOffice ou OpenOffice), format que le programme ne lit pas. Ouvrez-le dans LibreOffice et enregistrez-le au format .xlsx (Fichier > Enregistrer sous, type « Excel 2007-365 »), puis renvoyez-le.",
			"This file is an OpenDocument spreadsheet (.ods, LibreOffice or OpenOffice), a format the program does not read. Open it in LibreOffice, save it as .xlsx (File > Save As, type “Excel 2007-365”) and send it again."
	case "encrypted":
		return "Ce classeur est protégé par un mot de passe et ne peut pas être ouvert. Demandez à l'établissement de retirer le mot de passe (Fichier > Informations > Protéger le classeur dans Excel) et de renvoyer le fichier.",
			"This workbook is protected by a password and cannot be opened. Ask the institution to remove the password (File > Info > Protect Workbook in Excel) and send the file again."
	case "too-large":
		return "Ce fichier est démesuré pour une enquête : trop volumineux, ou de forme disproportionnée (des cellules sur des centaines de milliers de lignes ou de colonnes, un contenu qui se décompresse en un volume énorme) ; il n'a pas été lu par précaution. Vérifiez qu'il s'agit du bon fichier et supprimez les lignes et colonnes inutilisées ; un tableau consolidé très gros peut être découpé en plusieurs fichiers.",
			"This file is out of proportion for a survey: too large, or disproportionately shaped (cells spread over hundreds of thousands of rows or columns, content that unpacks to an enormous size); it was not read, as a precaution. Check that it is the right file and delete the unused rows and columns; a very large consolidated table can be split into several files."
	case "cell-too-long":
		return "Une cellule contient plus de 32 767 caractères, le maximum qu'une cellule de tableur peut contenir : ce n'est pas une valeur de l'enquête (dans un fichier CSV, un guillemet ouvert et jamais refermé produit souvent cela). Corrigez cette cellule et renvoyez le fichier.",
			"A cell holds more than 32,767 characters, the most a spreadsheet cell can hold: it is not a survey value (in a CSV file, a quote opened and never closed often does this). Correct the cell and send the file again."
	case "unreadable":
		return "Le fichier n'a pas pu être lu comme un tableur. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le de nouveau au format .xlsx et renvoyez-le.",
			"The file could not be read as a spreadsheet. Open it in Excel or LibreOffice, save it again as .xlsx and send it again."

	case "header-not-found":
		return "Aucune ligne d'en-tête de tableau n'a été trouvée. Le tableau doit avoir une ligne de titres de colonnes : %s (formulaire d'un établissement), ou en plus %s (tableau consolidé).",
			"No table header row was found. The table needs a row of column titles: %s (one institution's form), or also %s (consolidated table)."
	case "missing-column":
		return "La ligne d'en-tête (ligne %[1]v) n'a pas de colonne %[2]s. Colonnes attendues : %[3]s. Ajoutez la colonne ou corrigez son titre.",
			"The header row (row %[1]v) has no %[2]s column. Expected columns: %[3]s. Add the column or correct its title."
	case "duplicate-column":
		return "Les colonnes %[1]s et %[2]s de l'en-tête désignent toutes deux %[3]s. Gardez une seule de ces colonnes.",
			"Header columns %[1]s and %[2]s both mean %[3]s. Keep only one of them."
	case "no-data":
		return "Le tableau ne contient aucun chiffre : aucune ligne sous l'en-tête n'indique d'étudiants ou de certificats. Remplissez le tableau et renvoyez le fichier.",
			"The table holds no figure: no row under the header gives students or certificates. Fill in the table and send the file again."
	case "other-sheet":
		return "La feuille %[1]s contient elle aussi un tableau d'enquête, mais seule la feuille %[2]s a été lue. Si les deux comptent, envoyez-les dans deux fichiers.",
			"Sheet %[1]s also holds a survey table, but only sheet %[2]s was read. If both matter, send them as two files."

	case "hidden-sheet":
		return "La feuille masquée %[1]s contient elle aussi un tableau d'enquête ; elle n'a pas été lue : seule la feuille visible %[2]s l'a été. Si la feuille masquée compte, affichez-la ou envoyez-la dans un autre fichier.",
			"Hidden sheet %[1]s also holds a survey table; it was not read: only visible sheet %[2]s was. If the hidden sheet matters, unhide it or send it as another file."
	case "hidden-sheet-read":
		return "Le tableau d'enquête se trouve sur la feuille masquée %s, seule feuille à en contenir un ; elle a été lue. Vérifiez que c'est bien la feuille à prendre en compte.",
			"The survey table is on hidden sheet %s, the only sheet that holds one; it was read. Check that it is the sheet that counts."
	case "hidden-row":
		return "La ligne %v est masquée : son contenu n'a pas été lu (seul ce qui est visible compte). Si elle doit compter, affichez-la (clic droit sur les numéros de ligne > Afficher) et renvoyez le fichier ; sinon, supprimez-la.",
			"Row %v is hidden: its content was not read (only what is visible counts). If it should count, unhide it (right-click the row numbers > Unhide) and send the file again; otherwise delete it."
	case "hidden-column":
		return "La colonne %s est masquée : son contenu n'a pas été lu (seul ce qui est visible compte). Si elle doit compter, affichez-la et renvoyez le fichier ; sinon, supprimez-la.",
			"Column %s is hidden: its content was not read (only what is visible counts). If it should count, unhide it and send the file again; otherwise delete it."
	case "wrong-separator":
		return "La ligne %[1]v utilise %[2]s comme séparateur alors que le fichier utilise %[3]s : toutes ses valeurs sont tombées dans une seule colonne et elle ne peut pas être lue. Corrigez cette ligne (ou réenregistrez le fichier depuis le tableur avec un seul séparateur).",
			"Line %[1]v uses %[2]s as separator while the file uses %[3]s: all its values fell into a single column and it cannot be read. Correct this line (or save the file again from the spreadsheet with a single separator)."
	case "values-in-one-cell":
		return "La cellule %[1]s contient toute une ligne de valeurs séparées par %[2]s au lieu d'une valeur par colonne ; elle ne peut pas être lue. Mettez chaque valeur dans sa colonne (Données > Convertir dans Excel) ou supprimez la ligne.",
			"Cell %[1]s holds a whole line of values separated by %[2]s instead of one value per column; it cannot be read. Put each value in its own column (Data > Text to Columns in Excel) or delete the row."
	case "unrecognised-row":
		return "La ligne %v n'a pas pu être lue : ce n'est ni une ligne de parcours (aucun parcours reconnu ni aucun chiffre dans les colonnes du tableau), ni une ligne de total, ni une note (une note tient dans la seule première colonne). Complétez-la, déplacez le commentaire dans la première colonne, ou supprimez la ligne.",
			"Row %v could not be read: it is neither a track row (no known track and no figure in the table's columns), nor a total row, nor a note (a note sits in the first column alone). Complete it, move the comment to the first column, or delete the row."
	case "second-identification":
		return "La feuille contient un second bloc d'identification : %[1]s apparaît ici alors que l'établissement est déjà identifié plus haut (%[2]s). On ne peut pas savoir lequel vaut. Gardez un seul formulaire par feuille (un établissement et une année par fichier).",
			"The sheet holds a second identification block: %[1]s appears here while the institution is already identified above (%[2]s). There is no telling which counts. Keep a single form per sheet (one institution and one year per file)."
	case "unknown-academie":
		return "L'académie %[1]s n'est pas reconnue. %[2]s Le fichier est accepté ; corrigez le nom de l'académie (par exemple « Créteil ») pour les prochains envois.",
			"Académie %[1]s is not recognised. %[2]s The file is accepted; correct the académie's name (for example “Créteil”) in future files."
	case "academie-uai-mismatch":
		return "L'académie %[1]s ne correspond pas au code UAI %[2]s, dont le département relève de l'académie %[3]s. Le fichier est accepté avec l'académie %[1]s ; vérifiez le code UAI ou l'académie.",
			"Académie %[1]s does not match UAI code %[2]s, whose département belongs to académie %[3]s. The file is accepted with académie %[1]s; check the UAI code or the académie."
	case "phrase-academie-from-uai":
		return "L'académie retenue est celle du code UAI, %[1]s (%[2]s).", "The académie kept is the UAI code's, %[1]s (%[2]s)."
	case "phrase-no-academie":
		return "Aucune académie n'a été retenue.", "No académie was kept."
	case "missing-uai":
		return "Le code UAI de l'établissement manque (%s). Indiquez le code UAI : 7 chiffres et une lettre, par exemple 0751717J.",
			"The institution's UAI code is missing (%s). Give the UAI code: 7 digits and a letter, for example 0751717J."
	case "bad-uai":
		return "Le code UAI %s n'est pas valide : un code UAI compte 7 chiffres suivis d'une lettre, par exemple 0751717J. Corrigez-le.",
			"UAI code %s is not valid: a UAI code is 7 digits followed by a letter, for example 0751717J. Correct it."
	case "uai-check-letter":
		return "Le code UAI %[1]s est erroné : sa lettre ne correspond pas à son numéro. Le numéro %[2]s a pour lettre-clé %[3]s, soit le code %[4]s. Vérifiez le code dans le répertoire national des établissements et corrigez-le.",
			"UAI code %[1]s is wrong: its letter does not match its number. Number %[2]s has check letter %[3]s, giving code %[4]s. Check the code in the national directory of institutions and correct it."
	case "uai-corsica":
		return "Le code UAI %[1]s écrit le département corse en lettres (2A ou 2B). Le répertoire national écrit les codes UAI de Corse avec des chiffres : 620 pour la Corse-du-Sud (2A), 720 pour la Haute-Corse (2B). Écrivez %[2]s (vérifiez-le dans le répertoire national des établissements).",
			"UAI code %[1]s writes Corsica's département with letters (2A or 2B). The national directory writes Corsican UAI codes with digits: 620 for Corse-du-Sud (2A), 720 for Haute-Corse (2B). Write %[2]s (check it in the national directory of institutions)."
	case "missing-year":
		return "L'année universitaire manque (%s). Indiquez-la sous la forme 2011-2012.",
			"The academic year is missing (%s). Give it as 2011-2012."
	case "bad-year":
		return "L'année universitaire %s n'est pas lisible. Écrivez-la sous la forme 2011-2012 (ou 2012 pour l'année se terminant en 2012).",
			"Academic year %s cannot be read. Write it as 2011-2012 (or 2012 for the year ending in 2012)."
	case "year-not-consecutive":
		return "L'année universitaire %s n'est pas valide : ses deux années doivent se suivre, comme dans 2011-2012. Corrigez-la.",
			"Academic year %s is not valid: its two years must follow each other, as in 2011-2012. Correct it."
	case "year-implausible":
		return "L'année universitaire %[1]s n'est pas plausible : l'année de fin doit être comprise entre %[2]v et %[3]v. Vérifiez-la.",
			"Academic year %[1]s is not plausible: its ending year must be between %[2]v and %[3]v. Check it."
	case "missing-institution":
		return "Le nom de l'établissement manque (%s). Indiquez-le.",
			"The institution's name is missing (%s). Give it."
	case "inconsistent-institution":
		return "L'établissement %[1]s porte ici le nom %[2]s, mais %[3]s plus haut dans le fichier ; le premier nom a été retenu.",
			"Institution %[1]s is named %[2]s here, but %[3]s earlier in the file; the first name was kept."
	case "inconsistent-academie":
		return "L'établissement %[1]s est rattaché ici à l'académie %[2]s, mais à %[3]s plus haut dans le fichier ; la première a été retenue.",
			"Institution %[1]s belongs here to académie %[2]s, but to %[3]s earlier in the file; the first was kept."

	case "not-a-number":
		return "La valeur %[1]s de la colonne %[2]s n'est pas un nombre. Écrivez un nombre entier, par exemple 1 250, ou laissez la cellule vide s'il n'y a personne.",
			"Value %[1]s in column %[2]s is not a number. Write a whole number, for example 1,250, or leave the cell empty if there is nobody."
	case "negative-count":
		return "La valeur %[1]s de la colonne %[2]s est négative ; un effectif ne peut pas l'être. Corrigez-la.",
			"Value %[1]s in column %[2]s is negative; a head count cannot be. Correct it."
	case "fractional-count":
		return "La valeur %[1]s de la colonne %[2]s n'est pas un nombre entier ; un effectif compte des personnes. Corrigez-la (n'utilisez pas de point ni de virgule comme séparateur de milliers).",
			"Value %[1]s in column %[2]s is not a whole number; a head count counts people. Correct it (do not use a point or comma as thousands separator)."
	case "ambiguous-thousands":
		return "La valeur %[1]s de la colonne %[2]s est ambiguë : la virgule ou le point y marque-t-il des décimales (%[3]s) ou des milliers (%[4]s) ? Écrivez %[5]s ou %[6]s pour %[4]s, %[7]s pour %[3]s.",
			"Value %[1]s in column %[2]s is ambiguous: does its comma or point mark decimals (%[3]s) or thousands (%[4]s)? Write %[5]s or %[6]s for %[4]s, %[7]s for %[3]s."
	case "formula-error":
		return "La formule de cette cellule (colonne %[1]s) donne une erreur (%[2]s) au lieu d'un nombre. Corrigez la formule ou remplacez-la par la valeur.",
			"The formula in this cell (column %[1]s) returns an error (%[2]s) instead of a number. Correct the formula or replace it by the value."
	case "formula-not-computed":
		return "Cette cellule (colonne %s) contient une formule qui n'a jamais été calculée : le fichier a été produit par un programme. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le, puis renvoyez-le.",
			"This cell (column %s) holds a formula that was never computed: the file was produced by a program. Open it in Excel or LibreOffice, save it and send it again."
	case "bad-rate":
		return "Le taux de réussite %s n'est pas lisible ou n'est pas compris entre 0 et 100 %%. Écrivez-le comme 64 %% ou 0,64, ou laissez la cellule vide.",
			"Success rate %s cannot be read or is not between 0 and 100%%. Write it as 64%% or 0.64, or leave the cell empty."
	case "certs-above-students":
		return "Les certificats délivrés (%[1]s : %[2]s) dépassent les étudiants concernés (%[3]s : %[4]s) pour le parcours %[5]s. Un certificat ne peut être délivré qu'à un étudiant concerné : vérifiez les deux nombres.",
			"Certificates delivered (%[1]s: %[2]s) exceed students concerned (%[3]s: %[4]s) for track %[5]s. A certificate can only go to a student concerned: check both numbers."
	case "missing-track":
		return "Cette ligne porte des chiffres mais pas de parcours. Indiquez le parcours, parmi : %s.",
			"This row has figures but no track. Give the track, one of: %s."
	case "unknown-track":
		return "Le parcours %[1]s n'est pas reconnu. Parcours attendus : %[2]s. Corrigez le libellé (ou, si c'est un nouveau parcours, signalez-le pour qu'il soit ajouté au dictionnaire des parcours).",
			"Track %[1]s is not recognised. Expected tracks: %[2]s. Correct the label (or, if it is a new track, report it so that it is added to the track dictionary)."
	case "duplicate-track":
		return "Le parcours %[1]s figure deux fois pour le même établissement et la même année (%[2]s et %[3]s). Gardez une seule ligne par parcours.",
			"Track %[1]s appears twice for the same institution and year (%[2]s and %[3]s). Keep a single row per track."
	case "total-mismatch":
		return "La ligne de total indique %[1]s dans la colonne %[2]s (cellule %[3]s), mais la somme des parcours donne %[4]s. Corrigez le total ou les lignes de parcours.",
			"The total row gives %[1]s in column %[2]s (cell %[3]s), but the tracks add up to %[4]s. Correct the total or the track rows."
	case "subtotal-mismatch":
		return "La ligne de total indique %[1]s dans la colonne %[2]s (cellule %[3]s), mais %[5]s donne %[4]s. Corrigez ce total ou les lignes qu'il totalise.",
			"The total row gives %[1]s in column %[2]s (cell %[3]s), but %[5]s adds up to %[4]s. Correct this total or the rows it totals."
	case "phrase-since-subtotal":
		return "la somme des lignes de parcours depuis le sous-total précédent", "the sum of the track rows since the previous subtotal"
	case "phrase-of-group":
		return "la somme des parcours du groupe %s", "the sum of the tracks of group %s"
	case "phrase-of-track":
		return "le parcours %s", "track %s"
	case "non-ventile-is-total":
		return "La ligne %[1]s (%[2]s) est égale à la somme des parcours : elle a été lue comme une ligne de total, et non comme le parcours « Total non ventilé ».",
			"Row %[1]s (%[2]s) equals the sum of the tracks: it was read as a total row, not as the “Total, no track breakdown” track."
	case "phrase-no-label":
		return "aucune cellule %s au-dessus du tableau", "no %s cell above the table"
	case "phrase-no-value":
		return "rien n'est écrit à droite de la cellule %s", "nothing is written to the right of the %s cell"
	case "phrase-empty-cell":
		return "cellule vide", "empty cell"
	case "rate-mismatch":
		return "Le taux de réussite indiqué (%[1]s) ne correspond pas aux effectifs : %[2]s certificats pour %[3]s étudiants donnent %[4]s. Le fichier est accepté ; le taux publié sera calculé à partir des effectifs.",
			"The success rate given (%[1]s) does not match the counts: %[2]s certificates for %[3]s students give %[4]s. The file is accepted; the published rate will be computed from the counts."
	case "more-problems":
		return "… et %s autres problèmes.", "… and %s more problems."

	case "registry-header":
		return "La première ligne doit être exactement l'en-tête %[1]s (six colonnes séparées par des points-virgules) ; elle est %[2]s. Corrigez-la (un fichier enregistré depuis un tableur doit l'être au format « CSV UTF-8 », séparateur point-virgule).",
			"The first line must be exactly the header %[1]s (six columns separated by semicolons); it is %[2]s. Correct it (a file saved from a spreadsheet must be saved as “CSV UTF-8”, semicolon-separated)."
	case "registry-empty":
		return "La liste ne contient aucun établissement : seulement l'en-tête. Ajoutez une ligne par établissement attendu.",
			"The list holds no institution: only the header. Add one line per expected institution."
	case "registry-too-large":
		return "Le fichier dépasse %[1]s octets : c'est bien plus qu'une liste d'établissements. Vérifiez qu'il s'agit du bon fichier.",
			"The file is over %[1]s bytes: far more than a list of institutions. Check that it is the right file."
	case "registry-encoding":
		return "Cette ligne contient des caractères qui ne sont pas en UTF-8 (le fichier a sans doute été enregistré en « CSV » Windows, Latin-1). Enregistrez le fichier au format « CSV UTF-8 » et importez-le de nouveau.",
			"This line holds characters that are not UTF-8 (the file was probably saved as Windows “CSV”, Latin-1). Save the file as “CSV UTF-8” and import it again."
	case "registry-quotes":
		return "Les guillemets de cette ligne ne sont pas appariés : une valeur entre guillemets doit commencer et finir par un guillemet, et un guillemet à l'intérieur s'écrit deux fois. Corrigez la ligne.",
			"The quotation marks of this line are not paired: a quoted value must start and end with one, and a quotation mark inside is written twice. Correct the line."
	case "registry-field-count":
		return "La ligne compte %[1]v colonnes au lieu de 6 (%[2]s). Vérifiez les points-virgules : un nom qui en contient un doit être écrit entre guillemets.",
			"The line has %[1]v columns instead of 6 (%[2]s). Check the semicolons: a name that holds one must be written in quotation marks."
	case "registry-missing-value":
		return "La colonne %[1]s est vide ; elle est obligatoire. Complétez-la.",
			"Column %[1]s is empty; it is required. Fill it in."
	case "registry-unknown-academie":
		return "L'académie %[1]s n'est pas reconnue.%[2]s Écrivez le nom d'une académie, par exemple « Créteil ».",
			"Académie %[1]s is not recognised.%[2]s Write the name of an académie, for example “Créteil”."
	case "phrase-registry-academie-hint":
		return " D'après son code UAI, l'établissement relève de l'académie %s.", " From its UAI code, the institution belongs to académie %s."
	case "registry-academie-uai":
		return "L'académie %[1]s ne correspond pas au code UAI %[2]s, dont le département relève de l'académie %[3]s. La ligne est acceptée avec l'académie %[1]s ; vérifiez le code UAI ou l'académie.",
			"Académie %[1]s does not match UAI code %[2]s, whose département belongs to académie %[3]s. The line is accepted with académie %[1]s; check the UAI code or the académie."
	case "registry-years-reversed":
		return "La dernière année attendue (%[1]v) précède la première (%[2]v). Corrigez l'une des deux (des années de fin : 2012 pour 2011-2012).",
			"The last year expected (%[1]v) comes before the first (%[2]v). Correct one of them (ending years: 2012 for 2011-2012)."
	case "registry-duplicate-uai":
		return "Le code UAI %[1]s figure déjà ligne %[2]v. Un établissement n'a qu'une ligne : gardez-en une seule.",
			"UAI code %[1]s is already on line %[2]v. An institution has one line: keep only one."
	case "registry-successor-self":
		return "L'établissement %[1]s est donné comme son propre successeur. Indiquez le code UAI de l'établissement qui lui a succédé, ou laissez la colonne vide.",
			"Institution %[1]s is given as its own successor. Give the UAI code of the institution that took over, or leave the column empty."
	case "registry-successor-open":
		return "Un successeur (%[1]s) est indiqué, mais pas de dernière année attendue (colonne last_year) : indiquez la dernière année où l'établissement répond lui-même, ou retirez le successeur.",
			"A successor (%[1]s) is given, but no last year expected (column last_year): give the last year the institution answers itself, or remove the successor."
	case "registry-successor-absent":
		return "Le successeur %[1]s ne figure pas dans la liste. Ajoutez une ligne pour cet établissement, ou corrigez son code UAI.",
			"Successor %[1]s is not in the list. Add a line for that institution, or correct its UAI code."
	case "registry-successor-gap":
		return "Le successeur %[1]s n'est pas attendu en %[2]s, l'année qui suit la dernière de cet établissement : ses réponses ne compteraient pour personne. Corrigez les années de l'un ou de l'autre.",
			"Successor %[1]s is not expected in %[2]s, the year after this institution's last: its answers would count for nobody. Correct the years of one or the other."
	}
	return "", ""
}

// ingestText holds the words the messages about files are built from:
// where a problem is, the titles of the survey's fields as messages name
// them, why a path cannot be opened.
func ingestText(key string) (fr, en string) {
	switch key {
	// Where: a CSV has no A1 references, so a position is said in words.
	case "where.csv.cell":
		return "ligne %d, colonne %d", "line %d, column %d"
	case "where.line":
		return "ligne %d", "line %d"
	case "where.sheet":
		return "feuille %s", "sheet %s"
	case "where.cell":
		return "cellule %s", "cell %s"
	case "word.tab":
		return "tabulation", "tab"
	// The survey's fields, as messages name them.
	case "field.year":
		return "Année", "Year"
	case "field.uai":
		return "Code UAI", "UAI code"
	case "field.institution":
		return "Établissement", "Institution"
	case "field.academie":
		return "Académie", "Académie"
	case "field.track":
		return "Parcours", "Track"
	case "field.students":
		return "Étudiants concernés", "Students"
	case "field.certificates":
		return "Certificats délivrés", "Certificates"
	case "field.rate":
		return "Taux de réussite", "Success rate"
	// Why a path cannot be opened (KindCannotOpen's blank).
	case "open.error":
		return "erreur de lecture", "read error"
	case "open.not-found":
		return "fichier introuvable", "file not found"
	case "open.permission":
		return "accès refusé", "permission denied"
	case "open.folder":
		return "c'est un dossier", "it is a folder"
	case "open.not-regular":
		return "ce n'est pas un fichier ordinaire (tube nommé ou périphérique)", "it is not a regular file (a named pipe or a device)"
	}
	return "", ""
}
