package texts

// cliText holds what the command line prints itself: verdicts, summaries,
// usage errors and help. Counts are %s filled with Count, so that they take
// the language's digit groups like every other number.
func cliText(key string) (fr, en string) {
	switch key {
	// Language.
	case "lang.unknown":
		return "--lang doit valoir fr ou en, pas %s", "--lang must be fr or en, not %s"

	// validate's verdicts and the locations of problems.
	case "cli.accepted":
		return "accepté (%s déclaration(s), %s ligne(s))", "accepted (%s submission(s), %s row(s))"
	case "cli.refused":
		return "REFUSÉ", "REFUSED"
	case "cli.verdict":
		return "%s : %s", "%s: %s"
	case "cli.warning":
		return "avertissement :", "warning:"
	case "cli.where.sheet.cell":
		return "[feuille %s, cellule %s]", "[sheet %s, cell %s]"
	case "cli.where.sheet":
		return "[feuille %s]", "[sheet %s]"
	case "cli.validate.ok":
		return "%s fichier(s) vérifié(s) : tous acceptés.", "%s file(s) checked: all accepted."
	case "cli.validate.refused":
		return "%s fichier(s) refusé(s) sur %s : corrigez-les puis vérifiez à nouveau.",
			"%s of %s file(s) refused: correct them and check again."

	// The summary of report and of a nightly pass.
	case "cli.summary":
		return "%s fichier(s) lu(s) : %s accepté(s), %s remplacé(s) par un fichier plus récent, %s refusé(s), %s doublon(s) ignoré(s).",
			"%s file(s) read: %s accepted, %s replaced by a later file, %s refused, %s duplicate(s) ignored."
	case "cli.summary.refused":
		return "Refusé : %s : %s", "Refused: %s: %s"
	case "cli.summary.duplicate":
		return "Doublon : %s a le même contenu que %s (compté une fois).",
			"Duplicate: %s has the same content as %s (counted once)."
	case "cli.summary.replaced":
		return "Remplacé : %s %s de %s par %s.", "Replaced: %s %s from %s by %s."
	case "cli.summary.skipped":
		return "%s fichier(s) non lu(s) (cachés, verrous, téléchargements partiels, sources, documentation, liste des établissements attendus registry.csv, liens vers des dossiers ou cassés, tubes et périphériques) : %s",
			"%s file(s) passed over (hidden, lock, partial, source or documentation files, the list of expected institutions registry.csv, links to folders or broken links, pipes and devices): %s"
	case "cli.summary.more":
		return " et %s autre(s)", " and %s more"
	case "cli.summary.warnings":
		return "%s avertissement(s) : voir la page qualité des données des rapports.",
			"%s warning(s): see the data-quality page of the reports."
	case "cli.files":
		return "fichiers", "files"
	case "cli.pass.summary":
		return "Passage %s : %s fichier(s) vu(s), %s accepté(s), %s refusé(s), %s doublon(s), %s déclaration(s) remplacée(s), %s laissé(s) pour un passage suivant.",
			"Run %s: %s file(s) seen, %s accepted, %s refused, %s duplicate(s), %s submission(s) replaced, %s left for a later run."
	case "cli.pass.reports":
		return "Rapports : %s", "Reports: %s"
	case "cli.pass.reused":
		return "%s rapport(s) annuel(s) sur %s repris tels quels du passage %s, leurs données n'ayant pas changé ; les autres ont été refaits.",
			"%s of %s yearly report(s) taken as they were from run %s, their data unchanged; the others were drawn again."
	case "cli.same.as":
		return "même contenu que %s, compté une fois", "same content as %s, counted once"

	// The registry of expected respondents, refused.
	case "cli.report.registry.refused":
		return "c2isurvey report : la liste des établissements attendus %s est refusée ; aucun rapport n'a été écrit. Corrigez-la :",
			"c2isurvey report: the list of expected institutions %s is refused; no report was written. Correct it:"
	case "cli.run.registry.refused":
		return "La liste des établissements attendus %s est refusée : les rapports sont publiés sans elle (pas de taux de réponse). Importez une liste valide avec « c2isurvey registry import ». Problèmes :",
			"The list of expected institutions %s is refused: the reports are published without it (no response rate). Import a valid list with “c2isurvey registry import”. Problems:"
	case "cli.annotate.written":
		return "copie annotée :", "annotated copy:"
	case "cli.annotate.failed":
		return "copie annotée non écrite :", "annotated copy not written:"
	case "cli.settings.refused":
		return "Les paramètres de publication sont refusés : les rapports sont publiés avec les paramètres par défaut. Corrigez le fichier :",
			"The publication settings are refused: the reports are published with the default settings. Correct the file:"
	case "cli.run.unchanged":
		return "Rien de nouveau depuis le passage %s : rapports conservés.", "Nothing new since run %s: reports kept."
	case "cli.run.cannot.write":
		return "impossible d'écrire dans %s (%w) : aucun fichier n'a été pris ; rendez ce dossier accessible en écriture, puis relancez",
			"cannot write in %s (%w): no file was taken; make the folder writable, then run again"

	// main: errors and their framing.
	case "cli.unknown.command":
		return "c2isurvey : commande inconnue %s", "c2isurvey: unknown command %s"
	case "cli.error":
		return "c2isurvey %s : %s", "c2isurvey %s: %s"
	case "cli.usage.hint":
		return "(« c2isurvey %s --help » pour l'aide)", "(“c2isurvey %s --help” for help)"
	// runs and files.
	case "cli.runs.header":
		return "PASSAGE\tDÉBUT\tDURÉE\tVUS\tACCEPTÉS\tREFUSÉS\tDOUBLONS\tREMPLACÉS\tEN ATTENTE\tISSUE",
			"RUN\tSTARTED\tDURATION\tSEEN\tACCEPTED\tREFUSED\tDUPLICATES\tREPLACED\tPENDING\tOUTCOME"
	case "cli.files.ready":
		return "prêt pour le prochain passage", "ready for the next run"
	case "cli.files.pending":
		return "en cours d'écriture", "still being written"
	case "cli.files.ignored":
		return "ignoré (caché, verrou, partiel)", "passed over (hidden, lock, partial)"
	// A run's outcome and a file's fate; the store and --status keep the
	// English codes.
	case "cli.fate.running":
		return "en cours", "running"
	case "cli.fate.ok":
		return "réussi", "ok"
	case "cli.fate.failed":
		return "échec", "failed"
	case "cli.fate.interrupted":
		return "interrompu", "interrupted"
	case "cli.fate.accepted":
		return "accepté", "accepted"
	case "cli.fate.rejected":
		return "refusé", "rejected"
	case "cli.fate.duplicate":
		return "doublon", "duplicate"
	case "cli.fate.replaced":
		return "remplacé", "replaced"
	// Another run holds the data folder.
	case "cli.locked":
		return "un autre passage est en cours sur le dossier de données %s : attendez sa fin, ou relancez avec --wait",
			"another run is working on the data folder %s: wait for it to end, or run again with --wait"
	case "cli.locked.holder":
		return "un autre passage est en cours sur le dossier de données %s (processus %s) : attendez sa fin, ou relancez avec --wait",
			"another run is working on the data folder %s (process %s): wait for it to end, or run again with --wait"
	// rebuild.
	case "cli.rebuild.store-sound":
		return "le registre %s est sain et garde tous les fichiers reçus : rien à reconstruire ; pour le reconstruire quand même, ajoutez --force (le registre actuel est mis de côté, pas effacé)",
			"the store %s is sound and holds every file received: nothing to rebuild; to rebuild it anyway, add --force (the current store is set aside, not deleted)"
	case "cli.rebuild.no-manifest":
		return "%s n'a pas de manifeste (%s) : ce dossier de données n'a été traité que par une version qui n'en tenait pas, le registre ne peut pas en être reconstruit ; restaurez c2isurvey.db depuis une sauvegarde",
			"%s has no manifest (%s): this data folder was last run by a version without one, and the store cannot be rebuilt from it; restore c2isurvey.db from a backup"
	case "cli.rebuild.copies":
		return "rien n'a été remplacé : des originaux gardés manquent (%s) ou ne sont plus les octets reçus (%s) : %s ; remettez chacun en place (sauvegarde, ou demandez-le à l'établissement), puis relancez rebuild",
			"nothing was replaced: kept originals missing (%s) or not the bytes received (%s): %s; put each back (from a backup, or ask its sender), then run rebuild again"
	case "cli.rebuild.done":
		return "Registre reconstruit : %s fichier(s) dans l'ordre de réception, %s accepté(s), %s refusé(s), %s doublon(s).",
			"Store rebuilt: %s file(s) in the order received, %s accepted, %s refused, %s duplicate(s)."
	case "cli.rebuild.set-aside":
		return "L'ancien registre est mis de côté : %s.", "The previous store is set aside as %s."
	}
	return "", ""
}
