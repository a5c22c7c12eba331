package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kinds of problems. They are stable identifiers: tests, logs and the
// data-quality outputs use them; users read the worded Message.
const (
	// The file itself.
	KindCannotOpen     = "cannot-open"     // the path cannot be read (missing, a folder, no permission)
	KindEmptyFile      = "empty-file"      // zero bytes or no cell at all
	KindDamaged        = "damaged"         // truncated or corrupt
	KindNotSpreadsheet = "not-spreadsheet" // some other kind of file
	KindLegacyXLS      = "legacy-xls"      // Excel 97-2003
	KindODS            = "ods"             // OpenDocument spreadsheet
	KindEncrypted      = "encrypted"       // password-protected
	KindTooLarge       = "too-large"       // over the size limits (zip bomb or far too big)
	KindUnreadable     = "unreadable"      // any other failure to read, a crash of the reader included
	KindCellTooLong    = "cell-too-long"   // a cell holds more than a spreadsheet cell can (32,767 characters)

	// The layout of the table.
	KindNoHeader        = "header-not-found"  // no row with the expected column titles
	KindMissingColumn   = "missing-column"    // a required column is absent from the header row
	KindDuplicateColumn = "duplicate-column"  // two columns of the header row mean the same thing
	KindNoData          = "no-data"           // the table has no figure at all
	KindOtherSheet      = "other-sheet"       // warning: another sheet also holds a table and was not read
	KindHiddenSheet     = "hidden-sheet"      // warning: a hidden sheet also holds a table and was not read
	KindHiddenSheetRead = "hidden-sheet-read" // warning: the only table is on a hidden sheet, read all the same
	KindHiddenRow       = "hidden-row"        // warning: a hidden row was not read
	KindHiddenColumn    = "hidden-column"     // warning: a hidden column was not read

	// Rows that are neither tracks, totals nor notes.
	KindWrongSeparator  = "wrong-separator"       // a CSV line written with another separator
	KindValuesInOneCell = "values-in-one-cell"    // a whole line of values typed into one cell
	KindUnrecognisedRow = "unrecognised-row"      // text or numbers the table cannot place
	KindSecondIDBlock   = "second-identification" // a second year, UAI or institution label

	// Identification of the institution and year.
	KindMissingUAI          = "missing-uai"
	KindBadUAI              = "bad-uai"
	KindUAIKey              = "uai-check-letter" // the letter is not the one the number implies
	KindUAICorsica          = "uai-corsica"      // Corsica's département written 2A/2B instead of 620/720
	KindMissingYear         = "missing-year"
	KindBadYear             = "bad-year"
	KindYearNotConsecutive  = "year-not-consecutive"
	KindYearImplausible     = "year-implausible"
	KindMissingInstitution  = "missing-institution"
	KindInconsistentName    = "inconsistent-institution" // warning: one UAI, several names in one file
	KindInconsistentAcademy = "inconsistent-academie"    // warning: one UAI, several académies in one file
	KindUnknownAcademie     = "unknown-academie"         // warning: not in the académie dictionary
	KindAcademieMismatch    = "academie-uai-mismatch"    // warning: the UAI's département is in another académie

	// Values.
	KindNotANumber         = "not-a-number"
	KindNegativeCount      = "negative-count"
	KindFractionalCount    = "fractional-count"
	KindAmbiguousThousands = "ambiguous-thousands"  // 12,000 or 12.000: twelve, or twelve thousand?
	KindFormulaError       = "formula-error"        // a formula evaluated to #DIV/0!, #REF!…
	KindFormulaNotComputed = "formula-not-computed" // a formula with no stored result
	KindBadRate            = "bad-rate"
	KindCertsAboveStudents = "certs-above-students"
	KindMissingTrack       = "missing-track" // figures on a row without a track label
	KindUnknownTrack       = "unknown-track"
	KindDuplicateTrack     = "duplicate-track"
	KindTotalMismatch      = "total-mismatch"
	KindSubtotalMismatch   = "subtotal-mismatch" // a subtotal, or a total of a group or track, disagrees with its rows
	KindRateMismatch       = "rate-mismatch"     // warning: the submitted rate disagrees with the counts
	// KindNonVentileIsTotal is a warning: a "Total non ventilé" row (or a
	// synonym such as "Ensemble") that equals the sum of the other tracks is
	// a total row, and counting it as a track would count everyone twice.
	KindNonVentileIsTotal = "non-ventile-is-total"

	// KindMoreProblems closes a list cut at maxProblems.
	KindMoreProblems = "more-problems"

	// The registry of expected respondents (ingest/registry): a file the
	// ministry keeps, refused whole when one line is wrong. Its UAI and
	// year values are refused with the kinds above, in the same words.
	KindRegistryHeader          = "registry-header"           // the first line is not the expected header
	KindRegistryEmpty           = "registry-empty"            // a header and no institution
	KindRegistryTooLarge        = "registry-too-large"        // far larger than any list of institutions
	KindRegistryEncoding        = "registry-encoding"         // not UTF-8
	KindRegistryQuotes          = "registry-quotes"           // quotation marks not paired
	KindRegistryFieldCount      = "registry-field-count"      // not six columns
	KindRegistryMissingValue    = "registry-missing-value"    // a required column left empty
	KindRegistryUnknownAcademie = "registry-unknown-academie" // not in the académie dictionary
	KindRegistryAcademieUAI     = "registry-academie-uai"     // warning: the UAI's département is another académie's
	KindRegistryYearsReversed   = "registry-years-reversed"   // last_year before first_year
	KindRegistryDuplicateUAI    = "registry-duplicate-uai"    // a UAI on two lines
	KindRegistrySuccessorSelf   = "registry-successor-self"   // an institution its own successor
	KindRegistrySuccessorOpen   = "registry-successor-open"   // a successor, but no last_year
	KindRegistrySuccessorAbsent = "registry-successor-absent" // the successor is not in the registry
	KindRegistrySuccessorGap    = "registry-successor-gap"    // the successor is not expected the year after
)

// Phrases that fill a message's blanks; worded here with the messages.
const (
	phraseNoLabel   = "phrase-no-label"
	phraseNoValue   = "phrase-no-value"
	phraseEmptyCell = "phrase-empty-cell"

	phraseSinceSubtotal   = "phrase-since-subtotal"
	phraseOfGroup         = "phrase-of-group"
	phraseOfTrack         = "phrase-of-track"
	phraseAcademieFromUAI = "phrase-academie-from-uai"
	phraseNoAcademie      = "phrase-no-academie"

	// PhraseRegistryAcademieHint completes KindRegistryUnknownAcademie with
	// the académie of the UAI's département.
	PhraseRegistryAcademieHint = "phrase-registry-academie-hint"
)

// template returns the French and English wording of a kind of problem.
// Arguments are formatted per language by msgf: count and pct values get the
// language's number typography, quoted values its quotation marks, so the
// templates only place them. %[n]s indexes let a language reorder them.
func template(kind string) (fr, en string) {
	switch kind {
	case KindCannotOpen:
		return "Le fichier ne peut pas être lu (%s). Vérifiez qu'il existe, que ce n'est pas un dossier et que vous avez le droit de l'ouvrir.",
			"The file cannot be read (%s). Check that it exists, is not a folder and that you may open it."
	case KindEmptyFile:
		return "Le fichier est vide : il ne contient aucune donnée. Demandez à l'établissement de renvoyer son enquête remplie.",
			"The file is empty: it holds no data. Ask the institution to send its completed survey again."
	case KindDamaged:
		return "Le fichier est incomplet ou endommagé (copie interrompue, pièce jointe tronquée) et ne peut pas être lu en entier. Demandez à l'établissement de le renvoyer.",
			"The file is incomplete or damaged (interrupted copy, truncated attachment) and cannot be read whole. Ask the institution to send it again."
	case KindNotSpreadsheet:
		return "Ce fichier n'est pas un tableur (.xlsx ou .csv) : son contenu est d'une autre nature (image, PDF, document…). Demandez à l'établissement d'envoyer le formulaire d'enquête au format .xlsx.",
			"This file is not a spreadsheet (.xlsx or .csv): it holds something else (an image, a PDF, a document…). Ask the institution to send the survey form as .xlsx."
	case KindLegacyXLS:
		return "Ce fichier est un classeur Excel 97-2003 (.xls), format que le programme ne lit pas. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx, puis renvoyez-le.",
			"This file is an Excel 97-2003 workbook (.xls), a format the program does not read. Open it in Excel or LibreOffice, save it as .xlsx and send it again."
	case KindODS:
		return "Ce fichier est un classeur OpenDocument (.ods, LibreOffice ou OpenOffice), format que le programme ne lit pas. Ouvrez-le dans LibreOffice et enregistrez-le au format .xlsx (Fichier > Enregistrer sous, type « Excel 2007-365 »), puis renvoyez-le.",
			"This file is an OpenDocument spreadsheet (.ods, LibreOffice or OpenOffice), a format the program does not read. Open it in LibreOffice, save it as .xlsx (File > Save As, type \"Excel 2007-365\") and send it again."
	case KindEncrypted:
		return "Ce classeur est protégé par un mot de passe et ne peut pas être ouvert. Demandez à l'établissement de retirer le mot de passe (Fichier > Informations > Protéger le classeur dans Excel) et de renvoyer le fichier.",
			"This workbook is protected by a password and cannot be opened. Ask the institution to remove the password (File > Info > Protect Workbook in Excel) and send the file again."
	case KindTooLarge:
		return "Ce fichier est démesuré pour une enquête : trop volumineux, ou de forme disproportionnée (des cellules sur des centaines de milliers de lignes ou de colonnes, un contenu qui se décompresse en un volume énorme) ; il n'a pas été lu par précaution. Vérifiez qu'il s'agit du bon fichier et supprimez les lignes et colonnes inutilisées ; un tableau consolidé très gros peut être découpé en plusieurs fichiers.",
			"This file is out of proportion for a survey: too large, or disproportionately shaped (cells spread over hundreds of thousands of rows or columns, content that unpacks to an enormous size); it was not read, as a precaution. Check that it is the right file and delete the unused rows and columns; a very large consolidated table can be split into several files."
	case KindCellTooLong:
		return "Une cellule contient plus de 32 767 caractères, le maximum qu'une cellule de tableur peut contenir : ce n'est pas une valeur de l'enquête (dans un fichier CSV, un guillemet ouvert et jamais refermé produit souvent cela). Corrigez cette cellule et renvoyez le fichier.",
			"A cell holds more than 32,767 characters, the most a spreadsheet cell can hold: it is not a survey value (in a CSV file, a quote opened and never closed often does this). Correct the cell and send the file again."
	case KindUnreadable:
		return "Le fichier n'a pas pu être lu comme un tableur. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le de nouveau au format .xlsx et renvoyez-le.",
			"The file could not be read as a spreadsheet. Open it in Excel or LibreOffice, save it again as .xlsx and send it again."

	case KindNoHeader:
		return "Aucune ligne d'en-tête de tableau n'a été trouvée. Le tableau doit avoir une ligne de titres de colonnes : %s (formulaire d'un établissement), ou en plus %s (tableau consolidé).",
			"No table header row was found. The table needs a row of column titles: %s (one institution's form), or also %s (consolidated table)."
	case KindMissingColumn:
		return "La ligne d'en-tête (ligne %[1]v) n'a pas de colonne %[2]s. Colonnes attendues : %[3]s. Ajoutez la colonne ou corrigez son titre.",
			"The header row (row %[1]v) has no %[2]s column. Expected columns: %[3]s. Add the column or correct its title."
	case KindDuplicateColumn:
		return "Les colonnes %[1]s et %[2]s de l'en-tête désignent toutes deux %[3]s. Gardez une seule de ces colonnes.",
			"Header columns %[1]s and %[2]s both mean %[3]s. Keep only one of them."
	case KindNoData:
		return "Le tableau ne contient aucun chiffre : aucune ligne sous l'en-tête n'indique d'étudiants ou de certificats. Remplissez le tableau et renvoyez le fichier.",
			"The table holds no figure: no row under the header gives students or certificates. Fill in the table and send the file again."
	case KindOtherSheet:
		return "La feuille %[1]s contient elle aussi un tableau d'enquête, mais seule la feuille %[2]s a été lue. Si les deux comptent, envoyez-les dans deux fichiers.",
			"Sheet %[1]s also holds a survey table, but only sheet %[2]s was read. If both matter, send them as two files."

	case KindHiddenSheet:
		return "La feuille masquée %[1]s contient elle aussi un tableau d'enquête ; elle n'a pas été lue : seule la feuille visible %[2]s l'a été. Si la feuille masquée compte, affichez-la ou envoyez-la dans un autre fichier.",
			"Hidden sheet %[1]s also holds a survey table; it was not read: only visible sheet %[2]s was. If the hidden sheet matters, unhide it or send it as another file."
	case KindHiddenSheetRead:
		return "Le tableau d'enquête se trouve sur la feuille masquée %s, seule feuille à en contenir un ; elle a été lue. Vérifiez que c'est bien la feuille à prendre en compte.",
			"The survey table is on hidden sheet %s, the only sheet that holds one; it was read. Check that it is the sheet that counts."
	case KindHiddenRow:
		return "La ligne %v est masquée : son contenu n'a pas été lu (seul ce qui est visible compte). Si elle doit compter, affichez-la (clic droit sur les numéros de ligne > Afficher) et renvoyez le fichier ; sinon, supprimez-la.",
			"Row %v is hidden: its content was not read (only what is visible counts). If it should count, unhide it (right-click the row numbers > Unhide) and send the file again; otherwise delete it."
	case KindHiddenColumn:
		return "La colonne %s est masquée : son contenu n'a pas été lu (seul ce qui est visible compte). Si elle doit compter, affichez-la et renvoyez le fichier ; sinon, supprimez-la.",
			"Column %s is hidden: its content was not read (only what is visible counts). If it should count, unhide it and send the file again; otherwise delete it."
	case KindWrongSeparator:
		return "La ligne %[1]v utilise %[2]s comme séparateur alors que le fichier utilise %[3]s : toutes ses valeurs sont tombées dans une seule colonne et elle ne peut pas être lue. Corrigez cette ligne (ou réenregistrez le fichier depuis le tableur avec un seul séparateur).",
			"Line %[1]v uses %[2]s as separator while the file uses %[3]s: all its values fell into a single column and it cannot be read. Correct this line (or save the file again from the spreadsheet with a single separator)."
	case KindValuesInOneCell:
		return "La cellule %[1]s contient toute une ligne de valeurs séparées par %[2]s au lieu d'une valeur par colonne ; elle ne peut pas être lue. Mettez chaque valeur dans sa colonne (Données > Convertir dans Excel) ou supprimez la ligne.",
			"Cell %[1]s holds a whole line of values separated by %[2]s instead of one value per column; it cannot be read. Put each value in its own column (Data > Text to Columns in Excel) or delete the row."
	case KindUnrecognisedRow:
		return "La ligne %v n'a pas pu être lue : ce n'est ni une ligne de parcours (aucun parcours reconnu ni aucun chiffre dans les colonnes du tableau), ni une ligne de total, ni une note (une note tient dans la seule première colonne). Complétez-la, déplacez le commentaire dans la première colonne, ou supprimez la ligne.",
			"Row %v could not be read: it is neither a track row (no known track and no figure in the table's columns), nor a total row, nor a note (a note sits in the first column alone). Complete it, move the comment to the first column, or delete the row."
	case KindSecondIDBlock:
		return "La feuille contient un second bloc d'identification : %[1]s apparaît ici alors que l'établissement est déjà identifié plus haut (%[2]s). On ne peut pas savoir lequel vaut. Gardez un seul formulaire par feuille (un établissement et une année par fichier).",
			"The sheet holds a second identification block: %[1]s appears here while the institution is already identified above (%[2]s). There is no telling which counts. Keep a single form per sheet (one institution and one year per file)."
	case KindUnknownAcademie:
		return "L'académie %[1]s n'est pas reconnue. %[2]s Le fichier est accepté ; corrigez le nom de l'académie (par exemple « Créteil ») pour les prochains envois.",
			"Académie %[1]s is not recognised. %[2]s The file is accepted; correct the académie's name (for example \"Créteil\") in future files."
	case KindAcademieMismatch:
		return "L'académie %[1]s ne correspond pas au code UAI %[2]s, dont le département relève de l'académie %[3]s. Le fichier est accepté avec l'académie %[1]s ; vérifiez le code UAI ou l'académie.",
			"Académie %[1]s does not match UAI code %[2]s, whose département belongs to académie %[3]s. The file is accepted with académie %[1]s; check the UAI code or the académie."
	case phraseAcademieFromUAI:
		return "L'académie retenue est celle du code UAI, %[1]s (%[2]s).", "The académie kept is the UAI code's, %[1]s (%[2]s)."
	case phraseNoAcademie:
		return "Aucune académie n'a été retenue.", "No académie was kept."
	case KindMissingUAI:
		return "Le code UAI de l'établissement manque (%s). Indiquez le code UAI : 7 chiffres et une lettre, par exemple 0751717J.",
			"The institution's UAI code is missing (%s). Give the UAI code: 7 digits and a letter, for example 0751717J."
	case KindBadUAI:
		return "Le code UAI %s n'est pas valide : un code UAI compte 7 chiffres suivis d'une lettre, par exemple 0751717J. Corrigez-le.",
			"UAI code %s is not valid: a UAI code is 7 digits followed by a letter, for example 0751717J. Correct it."
	case KindUAIKey:
		return "Le code UAI %[1]s est erroné : sa lettre ne correspond pas à son numéro. Le numéro %[2]s a pour lettre-clé %[3]s, soit le code %[4]s. Vérifiez le code dans le répertoire national des établissements et corrigez-le.",
			"UAI code %[1]s is wrong: its letter does not match its number. Number %[2]s has check letter %[3]s, giving code %[4]s. Check the code in the national directory of institutions and correct it."
	case KindUAICorsica:
		return "Le code UAI %[1]s écrit le département corse en lettres (2A ou 2B). Le répertoire national écrit les codes UAI de Corse avec des chiffres : 620 pour la Corse-du-Sud (2A), 720 pour la Haute-Corse (2B). Écrivez %[2]s (vérifiez-le dans le répertoire national des établissements).",
			"UAI code %[1]s writes Corsica's département with letters (2A or 2B). The national directory writes Corsican UAI codes with digits: 620 for Corse-du-Sud (2A), 720 for Haute-Corse (2B). Write %[2]s (check it in the national directory of institutions)."
	case KindMissingYear:
		return "L'année universitaire manque (%s). Indiquez-la sous la forme 2011-2012.",
			"The academic year is missing (%s). Give it as 2011-2012."
	case KindBadYear:
		return "L'année universitaire %s n'est pas lisible. Écrivez-la sous la forme 2011-2012 (ou 2012 pour l'année se terminant en 2012).",
			"Academic year %s cannot be read. Write it as 2011-2012 (or 2012 for the year ending in 2012)."
	case KindYearNotConsecutive:
		return "L'année universitaire %s n'est pas valide : ses deux années doivent se suivre, comme dans 2011-2012. Corrigez-la.",
			"Academic year %s is not valid: its two years must follow each other, as in 2011-2012. Correct it."
	case KindYearImplausible:
		return "L'année universitaire %[1]s n'est pas plausible : l'année de fin doit être comprise entre %[2]v et %[3]v. Vérifiez-la.",
			"Academic year %[1]s is not plausible: its ending year must be between %[2]v and %[3]v. Check it."
	case KindMissingInstitution:
		return "Le nom de l'établissement manque (%s). Indiquez-le.",
			"The institution's name is missing (%s). Give it."
	case KindInconsistentName:
		return "L'établissement %[1]s porte ici le nom %[2]s, mais %[3]s plus haut dans le fichier ; le premier nom a été retenu.",
			"Institution %[1]s is named %[2]s here, but %[3]s earlier in the file; the first name was kept."
	case KindInconsistentAcademy:
		return "L'établissement %[1]s est rattaché ici à l'académie %[2]s, mais à %[3]s plus haut dans le fichier ; la première a été retenue.",
			"Institution %[1]s belongs here to académie %[2]s, but to %[3]s earlier in the file; the first was kept."

	case KindNotANumber:
		return "La valeur %[1]s de la colonne %[2]s n'est pas un nombre. Écrivez un nombre entier, par exemple 1 250, ou laissez la cellule vide s'il n'y a personne.",
			"Value %[1]s in column %[2]s is not a number. Write a whole number, for example 1,250, or leave the cell empty if there is nobody."
	case KindNegativeCount:
		return "La valeur %[1]s de la colonne %[2]s est négative ; un effectif ne peut pas l'être. Corrigez-la.",
			"Value %[1]s in column %[2]s is negative; a head count cannot be. Correct it."
	case KindFractionalCount:
		return "La valeur %[1]s de la colonne %[2]s n'est pas un nombre entier ; un effectif compte des personnes. Corrigez-la (n'utilisez pas de point ni de virgule comme séparateur de milliers).",
			"Value %[1]s in column %[2]s is not a whole number; a head count counts people. Correct it (do not use a point or comma as thousands separator)."
	case KindAmbiguousThousands:
		return "La valeur %[1]s de la colonne %[2]s est ambiguë : la virgule ou le point y marque-t-il des décimales (%[3]s) ou des milliers (%[4]s) ? Écrivez %[5]s ou %[6]s pour %[4]s, %[7]s pour %[3]s.",
			"Value %[1]s in column %[2]s is ambiguous: does its comma or point mark decimals (%[3]s) or thousands (%[4]s)? Write %[5]s or %[6]s for %[4]s, %[7]s for %[3]s."
	case KindFormulaError:
		return "La formule de cette cellule (colonne %[1]s) donne une erreur (%[2]s) au lieu d'un nombre. Corrigez la formule ou remplacez-la par la valeur.",
			"The formula in this cell (column %[1]s) returns an error (%[2]s) instead of a number. Correct the formula or replace it by the value."
	case KindFormulaNotComputed:
		return "Cette cellule (colonne %s) contient une formule qui n'a jamais été calculée : le fichier a été produit par un programme. Ouvrez-le dans Excel ou LibreOffice, enregistrez-le, puis renvoyez-le.",
			"This cell (column %s) holds a formula that was never computed: the file was produced by a program. Open it in Excel or LibreOffice, save it and send it again."
	case KindBadRate:
		return "Le taux de réussite %s n'est pas lisible ou n'est pas compris entre 0 et 100 %%. Écrivez-le comme 64 %% ou 0,64, ou laissez la cellule vide.",
			"Success rate %s cannot be read or is not between 0 and 100%%. Write it as 64%% or 0.64, or leave the cell empty."
	case KindCertsAboveStudents:
		return "Les certificats délivrés (%[1]s : %[2]s) dépassent les étudiants concernés (%[3]s : %[4]s) pour le parcours %[5]s. Un certificat ne peut être délivré qu'à un étudiant concerné : vérifiez les deux nombres.",
			"Certificates delivered (%[1]s: %[2]s) exceed students concerned (%[3]s: %[4]s) for track %[5]s. A certificate can only go to a student concerned: check both numbers."
	case KindMissingTrack:
		return "Cette ligne porte des chiffres mais pas de parcours. Indiquez le parcours, parmi : %s.",
			"This row has figures but no track. Give the track, one of: %s."
	case KindUnknownTrack:
		return "Le parcours %[1]s n'est pas reconnu. Parcours attendus : %[2]s. Corrigez le libellé (ou, si c'est un nouveau parcours, signalez-le pour qu'il soit ajouté au dictionnaire des parcours).",
			"Track %[1]s is not recognised. Expected tracks: %[2]s. Correct the label (or, if it is a new track, report it so that it is added to the track dictionary)."
	case KindDuplicateTrack:
		return "Le parcours %[1]s figure deux fois pour le même établissement et la même année (%[2]s et %[3]s). Gardez une seule ligne par parcours.",
			"Track %[1]s appears twice for the same institution and year (%[2]s and %[3]s). Keep a single row per track."
	case KindTotalMismatch:
		return "La ligne de total indique %[1]s dans la colonne %[2]s (cellule %[3]s), mais la somme des parcours donne %[4]s. Corrigez le total ou les lignes de parcours.",
			"The total row gives %[1]s in column %[2]s (cell %[3]s), but the tracks add up to %[4]s. Correct the total or the track rows."
	case KindSubtotalMismatch:
		return "La ligne de total indique %[1]s dans la colonne %[2]s (cellule %[3]s), mais %[5]s donne %[4]s. Corrigez ce total ou les lignes qu'il totalise.",
			"The total row gives %[1]s in column %[2]s (cell %[3]s), but %[5]s adds up to %[4]s. Correct this total or the rows it totals."
	case phraseSinceSubtotal:
		return "la somme des lignes de parcours depuis le sous-total précédent", "the sum of the track rows since the previous subtotal"
	case phraseOfGroup:
		return "la somme des parcours du groupe %s", "the sum of the tracks of group %s"
	case phraseOfTrack:
		return "le parcours %s", "track %s"
	case KindNonVentileIsTotal:
		return "La ligne %[1]s (%[2]s) est égale à la somme des parcours : elle a été lue comme une ligne de total, et non comme le parcours « Total non ventilé ».",
			"Row %[1]s (%[2]s) equals the sum of the tracks: it was read as a total row, not as the \"Total, no track breakdown\" track."
	case phraseNoLabel:
		return "aucune cellule %s au-dessus du tableau", "no %s cell above the table"
	case phraseNoValue:
		return "rien n'est écrit à droite de la cellule %s", "nothing is written to the right of the %s cell"
	case phraseEmptyCell:
		return "cellule vide", "empty cell"
	case KindRateMismatch:
		return "Le taux de réussite indiqué (%[1]s) ne correspond pas aux effectifs : %[2]s certificats pour %[3]s étudiants donnent %[4]s. Le fichier est accepté ; le taux publié sera calculé à partir des effectifs.",
			"The success rate given (%[1]s) does not match the counts: %[2]s certificates for %[3]s students give %[4]s. The file is accepted; the published rate will be computed from the counts."
	case KindMoreProblems:
		return "… et %s autres problèmes.", "… and %s more problems."

	case KindRegistryHeader:
		return "La première ligne doit être exactement l'en-tête %[1]s (six colonnes séparées par des points-virgules) ; elle est %[2]s. Corrigez-la (un fichier enregistré depuis un tableur doit l'être au format « CSV UTF-8 », séparateur point-virgule).",
			"The first line must be exactly the header %[1]s (six columns separated by semicolons); it is %[2]s. Correct it (a file saved from a spreadsheet must be saved as \"CSV UTF-8\", semicolon-separated)."
	case KindRegistryEmpty:
		return "La liste ne contient aucun établissement : seulement l'en-tête. Ajoutez une ligne par établissement attendu.",
			"The list holds no institution: only the header. Add one line per expected institution."
	case KindRegistryTooLarge:
		return "Le fichier dépasse %[1]s octets : c'est bien plus qu'une liste d'établissements. Vérifiez qu'il s'agit du bon fichier.",
			"The file is over %[1]s bytes: far more than a list of institutions. Check that it is the right file."
	case KindRegistryEncoding:
		return "Cette ligne contient des caractères qui ne sont pas en UTF-8 (le fichier a sans doute été enregistré en « CSV » Windows, Latin-1). Enregistrez le fichier au format « CSV UTF-8 » et importez-le de nouveau.",
			"This line holds characters that are not UTF-8 (the file was probably saved as Windows \"CSV\", Latin-1). Save the file as \"CSV UTF-8\" and import it again."
	case KindRegistryQuotes:
		return "Les guillemets de cette ligne ne sont pas appariés : une valeur entre guillemets doit commencer et finir par un guillemet, et un guillemet à l'intérieur s'écrit deux fois. Corrigez la ligne.",
			"The quotation marks of this line are not paired: a quoted value must start and end with one, and a quotation mark inside is written twice. Correct the line."
	case KindRegistryFieldCount:
		return "La ligne compte %[1]v colonnes au lieu de 6 (%[2]s). Vérifiez les points-virgules : un nom qui en contient un doit être écrit entre guillemets.",
			"The line has %[1]v columns instead of 6 (%[2]s). Check the semicolons: a name that holds one must be written in quotation marks."
	case KindRegistryMissingValue:
		return "La colonne %[1]s est vide ; elle est obligatoire. Complétez-la.",
			"Column %[1]s is empty; it is required. Fill it in."
	case KindRegistryUnknownAcademie:
		return "L'académie %[1]s n'est pas reconnue.%[2]s Écrivez le nom d'une académie, par exemple « Créteil ».",
			"Académie %[1]s is not recognised.%[2]s Write the name of an académie, for example \"Créteil\"."
	case PhraseRegistryAcademieHint:
		return " D'après son code UAI, l'établissement relève de l'académie %s.", " From its UAI code, the institution belongs to académie %s."
	case KindRegistryAcademieUAI:
		return "L'académie %[1]s ne correspond pas au code UAI %[2]s, dont le département relève de l'académie %[3]s. La ligne est acceptée avec l'académie %[1]s ; vérifiez le code UAI ou l'académie.",
			"Académie %[1]s does not match UAI code %[2]s, whose département belongs to académie %[3]s. The line is accepted with académie %[1]s; check the UAI code or the académie."
	case KindRegistryYearsReversed:
		return "La dernière année attendue (%[1]v) précède la première (%[2]v). Corrigez l'une des deux (des années de fin : 2012 pour 2011-2012).",
			"The last year expected (%[1]v) comes before the first (%[2]v). Correct one of them (ending years: 2012 for 2011-2012)."
	case KindRegistryDuplicateUAI:
		return "Le code UAI %[1]s figure déjà ligne %[2]v. Un établissement n'a qu'une ligne : gardez-en une seule.",
			"UAI code %[1]s is already on line %[2]v. An institution has one line: keep only one."
	case KindRegistrySuccessorSelf:
		return "L'établissement %[1]s est donné comme son propre successeur. Indiquez le code UAI de l'établissement qui lui a succédé, ou laissez la colonne vide.",
			"Institution %[1]s is given as its own successor. Give the UAI code of the institution that took over, or leave the column empty."
	case KindRegistrySuccessorOpen:
		return "Un successeur (%[1]s) est indiqué, mais pas de dernière année attendue (colonne last_year) : indiquez la dernière année où l'établissement répond lui-même, ou retirez le successeur.",
			"A successor (%[1]s) is given, but no last year expected (column last_year): give the last year the institution answers itself, or remove the successor."
	case KindRegistrySuccessorAbsent:
		return "Le successeur %[1]s ne figure pas dans la liste. Ajoutez une ligne pour cet établissement, ou corrigez son code UAI.",
			"Successor %[1]s is not in the list. Add a line for that institution, or correct its UAI code."
	case KindRegistrySuccessorGap:
		return "Le successeur %[1]s n'est pas attendu en %[2]s, l'année qui suit la dernière de cet établissement : ses réponses ne compteraient pour personne. Corrigez les années de l'un ou de l'autre.",
			"Successor %[1]s is not expected in %[2]s, the year after this institution's last: its answers would count for nobody. Correct the years of one or the other."
	}
	return kind + " %v", kind + " %v"
}

// count is a head count, formatted with the language's thousands separator.
type count int64

// pct is a fraction (0.646) shown as a percentage with one decimal.
type pct float64

// quoted is a value from the file or a label, shown in the language's
// quotation marks.
type quoted string

// Typographic spaces: French puts a narrow no-break space between thousands
// and a no-break space before '%' and inside guillemets.
const (
	nnbsp = "\u202f"
	nbsp  = "\u00a0"
)

// frenchPunctuation puts a no-break space before two-part punctuation, so
// that « : » never starts a line. A Replacer is immutable and safe for
// concurrent use; building it once keeps it off the per-row path.
var frenchPunctuation = strings.NewReplacer(" :", nbsp+":", " ;", nbsp+";", " ?", nbsp+"?", " !", nbsp+"!")

// msgf words a problem in lang ("en", or French otherwise).
func msgf(lang, kind string, args ...any) string {
	fr, en := template(kind)
	tmpl := en
	if lang != "en" {
		tmpl = frenchPunctuation.Replace(fr)
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case count:
			out[i] = formatCount(lang, int64(v))
		case pct:
			out[i] = formatPct(lang, float64(v))
		case quoted:
			out[i] = quote(lang, string(v))
		default:
			out[i] = v
		}
	}
	return fmt.Sprintf(tmpl, out...)
}

func formatCount(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := nnbsp
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func formatPct(lang string, f float64) string {
	s := strconv.FormatFloat(math.Round(f*1000)/10, 'f', 1, 64)
	if lang == "en" {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + nbsp + "%"
}

func quote(lang, s string) string {
	if lang == "en" {
		return "\"" + s + "\""
	}
	return "«" + nbsp + s + nbsp + "»"
}

// list joins quoted labels: « a », « b » et « c » / "a", "b" and "c".
func list(lang string, items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(lang, s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	and := " et "
	if lang == "en" {
		and = " and "
	}
	return strings.Join(q[:len(q)-1], ", ") + and + q[len(q)-1]
}

// csvCell names a CSV position in words, since CSV has no A1 references.
func csvCell(lang string, row, col int) string {
	if lang == "en" {
		return fmt.Sprintf("line %d, column %d", row, col)
	}
	return fmt.Sprintf("ligne %d, colonne %d", row, col)
}

// valueArgs fills the blanks of the message of a value ParseUAI or ParseYear
// refused, so that such a value is told in the same words wherever it was
// written (a survey file, the registry); ok is false for other kinds.
func valueArgs(kind, value string, maxYear int) (args []any, ok bool) {
	switch kind {
	case KindUAIKey:
		t := strings.ToUpper(stripSpaces(value))
		return []any{quoted(value), t[:7], string(UAIKey(t[:7])), quoted(t[:7] + string(UAIKey(t[:7])))}, true
	case KindUAICorsica:
		fixed, _ := corsicanUAI(strings.ToUpper(stripSpaces(value)))
		return []any{quoted(value), quoted(fixed)}, true
	case KindYearImplausible:
		return []any{quoted(value), minYear, maxYear}, true
	case KindBadYear, KindYearNotConsecutive, KindBadUAI:
		return []any{quoted(value)}, true
	}
	return nil, false
}

// ValueMessage words why ParseUAI or ParseYear (with maxYear) refused a
// value: its kind and message, the words a survey file's refusal uses.
// Readers outside this package that share its vocabulary (the registry of
// expected respondents) word their problems through it and Message, so that
// every user text stays in this one catalogue.
func ValueMessage(lang string, err error, maxYear int) (kind, message string) {
	var ve *ValueError
	if !errors.As(err, &ve) {
		return KindUnreadable, err.Error()
	}
	args, ok := valueArgs(ve.Kind, ve.Value, maxYear)
	if !ok {
		args = []any{quoted(ve.Value)}
	}
	return ve.Kind, msgf(lang, ve.Kind, args...)
}

// Message words a problem of kind in lang ("en", or French otherwise), for
// readers outside this package (see ValueMessage). Arguments are placed as
// they are: a value from a file or a label is put in the language's
// quotation marks by Quote first; counts and years are plain integers.
func Message(lang, kind string, args ...any) string { return msgf(lang, kind, args...) }

// Quote puts a value from a file, or a label, in the language's quotation
// marks (« 0751717J » / "0751717J").
func Quote(lang, s string) string { return quote(lang, s) }

// CSVCell names a position in a CSV file in words ("ligne 3, colonne 2" /
// "line 3, column 2"), since CSV has no A1 references.
func CSVCell(lang string, line, column int) string { return csvCell(lang, line, column) }
