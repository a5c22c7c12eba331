package texts

// commandText holds the texts of the commands (cmd/c2isurvey) other than
// the verdicts and summaries of cliText: their errors, notes and reports.
func commandText(key string) (fr, en string) {
	switch key {
	case "cli.compare.registry-refused":
		return "c2isurvey compare : la liste des établissements attendus %s est refusée. Corrigez-la :\n",
			"c2isurvey compare: the list of expected institutions %s is refused. Correct it:\n"
	case "cli.compare.has-no-store-nothing":
		return "%s n'a pas de registre (%s) : rien n'a encore été reçu ; lancez « c2isurvey run --data %s », ou donnez les fichiers avec --in",
			"%s has no store (%s): nothing was received yet; run “c2isurvey run --data %s”, or give the files with --in"
	case "cli.compare.file-refused-left-out":
		return "%s fichier(s) refusé(s), hors de la comparaison : « c2isurvey validate » dit pourquoi.\n",
			"%s file(s) refused, left out of the comparison: “c2isurvey validate” says why.\n"
	case "cli.compare.without-list-expected-institutions":
		return "Sans liste des établissements attendus (--registry), ni taux de réponse ni non-répondants : seuls ceux qui ont répondu sont comptés.",
			"Without a list of expected institutions (--registry), no response rate and no non-respondents: only those who answered are counted."
	case "cli.compare.warning-answer-from-institutions":
		return "Attention : %s réponse(s) d'établissements que la liste n'attend pas cette année-là, comptées quand même :\n",
			"Warning: %s answer(s) from institutions the list does not expect that year, counted all the same:\n"
	case "cli.compare.not-list":
		return "absent de la liste",
			"not in the list"
	case "cli.compare.before-its-first-expected":
		return "avant sa première année attendue",
			"before its first expected year"
	case "cli.compare.after-its-last-expected":
		return "après sa dernière année attendue",
			"after its last expected year"
	case "cli.compare.comparison-by-track-group":
		return "Comparaison par groupe de parcours — tous les établissements ayant répondu",
			"Comparison by track group — every institution that answered"
	case "cli.compare.comparison-by-track-every":
		return "Comparaison par parcours — tous les établissements ayant répondu",
			"Comparison by track — every institution that answered"
	case "cli.compare.institutions-that-answered":
		return "Établissements ayant répondu",
			"Institutions that answered"
	case "cli.compare.which-expected":
		return "  dont attendus",
			"  of which expected"
	case "cli.compare.expected":
		return "  attendus",
			"  expected"
	case "cli.compare.response-rate":
		return "  taux de réponse",
			"  response rate"
	case "cli.compare.students":
		return "  étudiants",
			"  students"
	case "cli.compare.certificates":
		return "  certificats",
			"  certificates"
	case "cli.compare.share-certificates":
		return "  part des certificats",
			"  share of certificates"
	case "cli.compare.success-rate":
		return "  taux de réussite",
			"  success rate"
	case "cli.compare.no-track-breakdown-share":
		return "Sans ventilation par parcours (part des étudiants)",
			"No track breakdown (share of students)"
	case "cli.compare.group":
		return "groupe",
			"group"
	case "cli.compare.track":
		return "parcours",
			"track"
	case "cli.compare.nothing-declared-for-this":
		return "— : rien de déclaré pour ce %s cette année-là ; * : taux calculé sur moins de %s étudiants (fragile) ; %s : taux sur aucun étudiant.\n",
			"—: nothing declared for this %s that year; *: rate on fewer than %s students (fragile); %s: rate on no student.\n"
	case "cli.compare.students-declared-without-track":
		return "Étudiants déclarés sans ventilation par parcours (total seul) : %s. Leurs parcours ne sont pas connus : ces années ne se comparent pas parcours par parcours.\n",
			"Students declared without track breakdown (a total only): %s. Their tracks are unknown: these years do not compare track by track.\n"
	case "cli.compare.comparison-on-constant-panel":
		return "Comparaison à établissements constants : chaque paire d'années ne porte que sur les établissements ayant répondu les deux années",
			"Comparison on a constant panel: each pair of years covers only the institutions that answered both years"
	case "cli.compare.no-pair-years-compare":
		return "Aucune paire d'années à comparer dans cette période.",
			"No pair of years to compare in this period."
	case "cli.compare.institution-answered-both-years":
		return "\n%s → %s : %s établissement(s) ont répondu les deux années (%s en %s, %s en %s)\n",
			"\n%s → %s: %s institution(s) answered both years (%s in %s, %s in %s)\n"
	case "cli.compare.change":
		return "évolution",
			"change"
	case "cli.compare.all-tracks-same-institutions":
		return "Ensemble, mêmes établissements",
			"All tracks, same institutions"
	case "cli.compare.all-tracks-every-respondent":
		return "Ensemble, tous les répondants",
			"All tracks, every respondent"
	case "cli.rebuild.import-list-expected-institutions":
		return "%s import(s) de la liste des établissements attendus repris de %s.\n",
			"%s import(s) of the list of expected institutions taken back from %s.\n"
	case "cli.rebuild.unreadable-manifest-line-skipped":
		return "%s ligne(s) illisible(s) du manifeste ignorée(s) (écriture interrompue).\n",
			"%s unreadable manifest line(s) skipped (interrupted writes).\n"
	case "cli.rebuild.fate-differs-from-run":
		return "Sort différent de celui du passage (règles de lecture ou parcours changés) : %s\n",
			"Fate differs from the run's (reading rules or tracks changed): %s\n"
	case "cli.rebuild.kept-but-not-manifest":
		return "Gardés mais absents du manifeste, donc non comptés (déposez-les à nouveau dans inbox/ pour les compter) : %s\n",
			"Kept but not in the manifest, so not counted (drop them in inbox/ again to count them): %s\n"
	case "cli.rebuild.run-next":
		return "Relancez « c2isurvey run » pour publier les rapports.\n",
			"Run “c2isurvey run” to publish the reports.\n"
	case "cli.rebuild.store-damaged":
		return "le registre %s est endommagé (%s)",
			"the store %s is damaged (%s)"
	case "cli.rebuild.store-missing-while-file":
		return "le registre %s a disparu, alors que %s fichier(s) ont été reçus",
			"the store %s is missing, while %s file(s) were received"
	case "cli.rebuild.store-empty-while-file":
		return "le registre %s est vide, alors que %s fichier(s) ont été reçus",
			"the store %s is empty, while %s file(s) were received"
	case "cli.rebuild.store-holds-only-files":
		return "le registre %s ne garde que %s des %s fichiers reçus (une copie ancienne, ou sa fin perdue)",
			"the store %s holds only %s of the %s files received (an old copy, or its end lost)"
	case "cli.rebuild.store-does-not-match":
		return "le registre %s ne correspond pas au manifeste de ce dossier (%s)",
			"the store %s does not match this folder's manifest (%s)"
	case "cli.rebuild.no-file-was-taken":
		return "%s : aucun fichier n'a été pris ni aucun rapport publié (reports/latest est inchangé) ; reconstruisez le registre à partir des originaux gardés avec « c2isurvey rebuild --data %s » (l'ancien est mis de côté, pas effacé), puis relancez",
			"%s: no file was taken and no report published (reports/latest is unchanged); rebuild the store from the kept originals with “c2isurvey rebuild --data %s” (the old one is set aside, not deleted), then run again"
	case "cli.registry.cannot-read":
		return "impossible de lire %s : %w",
			"cannot read %s: %w"
	case "cli.registry.refused-problem-data-folder":
		return "%s : REFUSÉ, %s problème(s). La liste des établissements attendus du dossier de données est inchangée ; corrigez le fichier et importez-le de nouveau.\n",
			"%s: REFUSED, %s problem(s). The data folder's list of expected institutions is unchanged; correct the file and import it again.\n"
	case "cli.registry.imported-expected-institution-force":
		return "%s : importé, %s établissement(s) attendu(s). Liste en vigueur : %s (copie gardée : %s).\n",
			"%s: imported, %s expected institution(s). In force: %s (copy kept: %s).\n"
	case "cli.registry.no-list-expected-institutions":
		return "Aucune liste des établissements attendus dans %s : les taux de réponse ne sont pas calculés. Importez-en une avec « c2isurvey registry import --data %s FICHIER ».\n",
			"No list of expected institutions in %s: response rates are not computed. Import one with “c2isurvey registry import --data %s FILE”.\n"
	case "cli.registry.refused-runs-publish-without":
		return "%s est refusée : les passages publient sans elle (pas de taux de réponse). Problèmes :\n",
			"%s is refused: runs publish without it (no response rate). Problems:\n"
	case "cli.registry.in-force":
		return "Liste en vigueur : %s, %s établissement(s) attendu(s).\n",
			"In force: %s, %s expected institution(s).\n"
	case "cli.registry.show-header":
		return "UAI\tÉTABLISSEMENT\tACADÉMIE\tDEPUIS\tJUSQU'À\tSUCCESSEUR",
			"UAI\tINSTITUTION\tACADÉMIE\tFROM\tUNTIL\tSUCCESSOR"
	case "cli.registry.no-import-on-record":
		return "Aucun import enregistré.",
			"No import on record."
	case "cli.registry.history-imports":
		return "Historique des imports :",
			"History of imports:"
	case "cli.registry.history-header":
		return "N°\tDATE\tFICHIER\tÉTABLISSEMENTS\tSHA-256\tCOPIE GARDÉE",
			"NO.\tDATE\tFILE\tINSTITUTIONS\tSHA-256\tCOPY KEPT"
	case "cli.registry.in-force-mark":
		return "← en vigueur",
			"← in force"
	case "cli.registry.warning-content-no-import":
		return "Attention : %s n'est le contenu d'aucun import (modifié à la main ?) ; importez la liste voulue avec « c2isurvey registry import ».\n",
			"Warning: %s is the content of no import (edited by hand?); import the list wanted with “c2isurvey registry import”.\n"
	}
	return "", ""
}

// usageText holds the usage errors of the commands: what is wrong with
// the invocation, said before the hint to --help.
func usageText(key string) (fr, en string) {
	switch key {
	case "cli.usage-error.tls-without-listen":
		return "--tls-cert et --tls-key ne servent qu'avec --listen", "--tls-cert and --tls-key are only for --listen"
	case "cli.usage-error.tls-pair":
		return "--tls-cert et --tls-key vont ensemble", "--tls-cert and --tls-key go together"
	case "cli.flag.undefined":
		return "option inconnue : --%s", "unknown option: --%s"
	case "cli.flag.needs-value":
		return "l'option --%s attend une valeur", "option --%s needs a value"
	case "cli.flag.invalid":
		return "valeur %q invalide pour l'option --%s", "invalid value %q for option --%s"
	case "cli.flag.syntax":
		return "option mal écrite : %s", "bad option syntax: %s"
	case "cli.usage-error.no-input-or-data":
		return "aucune donnée : donnez des fichiers ou dossiers avec --in, ou un dossier de données avec --data",
			"no data: give files or folders with --in, or a data folder with --data"
	case "cli.usage-error.in-and-data":
		return "--in et --data ne vont pas ensemble : choisissez l'un ou l'autre",
			"--in and --data do not go together: choose one"
	case "cli.usage-error.by":
		return "--by doit valoir group ou track, pas %q",
			"--by must be group or track, not %q"
	case "cli.usage-error.format":
		return "--format doit valoir table ou csv, pas %q",
			"--format must be table or csv, not %q"
	case "cli.usage-error.fragile":
		return "--fragile doit être un nombre d'étudiants positif",
			"--fragile must be a positive number of students"
	case "cli.usage-error.year":
		return "--%s %q : donnez une année, 2000 ou après (2012), ou une année universitaire (2011-2012)",
			"--%s %q: give a year, 2000 or later (2012), or an academic year (2011-2012)"
	case "cli.usage-error.from-after-to":
		return "--from %s est après --to %s",
			"--from %s is after --to %s"
	case "cli.usage-error.only":
		return "--only : %q n'est pas un code de %s du dictionnaire",
			"--only: %q is not a %s code of the dictionary"
	case "cli.usage-error.unexpected-argument":
		return "argument inattendu %q",
			"unexpected argument %q"
	case "cli.usage-error.status":
		return "--status %q : choisissez accepted, rejected, replaced, duplicate ou pending",
			"--status %q: choose accepted, rejected, replaced, duplicate or pending"
	case "cli.usage-error.no-subcommand":
		return "sous-commande manquante : import ou show",
			"missing subcommand: import or show"
	case "cli.usage-error.one-file":
		return "donnez un seul fichier à importer (%s donnés)",
			"give one file to import (%s given)"
	case "cli.usage-error.subcommand":
		return "sous-commande inconnue %q : import ou show",
			"unknown subcommand %q: import or show"
	case "cli.usage-error.no-input":
		return "aucune entrée : donnez au moins un fichier ou dossier avec --in",
			"no input: give at least one file or folder with --in"
	case "cli.usage-error.out-folder":
		return "--out DOSSIER est obligatoire",
			"--out FOLDER is required"
	case "cli.usage-error.suppress":
		return "--suppress (%s) et --fragile (%s) doivent être positifs, --suppress au plus égal à --fragile",
			"--suppress (%s) and --fragile (%s) must be positive, --suppress at most --fragile"
	case "cli.usage-error.settle":
		return "--settle ne peut pas être négatif",
			"--settle cannot be negative"
	case "cli.usage-error.tz":
		return "--tz %q : fuseau inconnu (%v)",
			"--tz %q: unknown time zone (%v)"
	case "cli.usage-error.schedule":
		return "--schedule %q : calendrier cron illisible (%v)",
			"--schedule %q: unreadable cron schedule (%v)"
	case "cli.usage-error.schedule-tz":
		return "--schedule %q : donnez le fuseau avec --tz, pas dans le calendrier",
			"--schedule %q: give the time zone with --tz, not in the schedule"
	case "cli.usage-error.log-format":
		return "--log-format doit valoir text ou json, pas %q",
			"--log-format must be text or json, not %q"
	case "cli.usage-error.template-year":
		return "--year doit être une année de fin entre 2000 et %d (2013 pour 2012-2013)",
			"--year must be an ending year between 2000 and %d (2013 for 2012-2013)"
	case "cli.usage-error.out-file":
		return "--out FICHIER.xlsx est obligatoire",
			"--out FILE.xlsx is required"
	case "cli.usage-error.out-xlsx":
		return "--out doit finir par .xlsx : le formulaire est un classeur Excel",
			"--out must end in .xlsx: the form is an Excel workbook"
	case "cli.usage-error.uai":
		return "--uai %q n'est pas un code UAI : 7 chiffres et une lettre, par exemple 0751717J",
			"--uai %q is not a UAI code: 7 digits and a letter, for example 0751717J"
	case "cli.usage-error.no-file":
		return "aucun fichier à vérifier",
			"no file to check"
	}
	return "", ""
}

// preflightText holds why a run cannot start (cmd/c2isurvey/preflight.go).
func preflightText(key string) (fr, en string) {
	switch key {
	case "cli.preflight.inbox-unreadable":
		return "impossible de lire le dépôt %s (%s)", "cannot read the inbox %s (%s)"
	case "cli.preflight.not-removable":
		return "%s ne peut pas être retiré du dépôt (%s)", "%s cannot be removed from the inbox (%s)"
	case "cli.preflight.not-writable":
		return "impossible d'écrire dans %s (%s)", "cannot write in %s (%s)"
	case "cli.preflight.folder-not-removable":
		return "les fichiers déposés dans %s ne peuvent pas en être retirés (%s)", "files dropped in %s cannot be removed from it (%s)"
	case "cli.preflight.not-modifiable":
		return "le fichier %s ne peut pas être modifié (%s)", "the file %s cannot be modified (%s)"
	case "cli.preflight.more":
		return " et %s autre(s)", " and %s more"
	case "cli.preflight.no-space":
		return "pas assez d'espace disque libre pour %s : %s Mio libres, %s Mio nécessaires (copies des %s fichier(s) à prendre : %s Mio, et %s Mio pour la base et les rapports) : aucun fichier n'a été pris ; libérez de la place sur ce disque, puis relancez",
			"not enough free disk space for %s: %s MiB free, %s MiB needed (copies of the %s file(s) to take: %s MiB, and %s MiB for the store and the reports): no file was taken; free some space on that disk, then run again"
	case "cli.preflight.refused":
		return "%s%s : aucun fichier n'a été pris ; donnez au compte qui lance c2isurvey le droit d'écrire dans ces dossiers (chaque fichier pris est retiré du dépôt), puis relancez",
			"%s%s: no file was taken; give the account that runs c2isurvey the right to write in these folders (each file taken is removed from the inbox), then run again"
	case "cli.preflight.separator":
		return " ; ", "; "
	}
	return "", ""
}

// publishText holds what c2isurvey publish says (cmd/c2isurvey/publish.go).
func publishText(key string) (fr, en string) {
	switch key {
	case "cli.publish.data-folder-does-not":
		return "le dossier de données %s n'existe pas : lancez d'abord « c2isurvey run »",
			"the data folder %s does not exist: run “c2isurvey run” first"
	case "cli.publish.no-run-on-data":
		return "aucun passage sur le dossier de données %s : lancez d'abord « c2isurvey run »",
			"no run on the data folder %s yet: run “c2isurvey run” first"
	case "cli.publish.latest-run-no-did":
		return "le dernier passage (n° %d) n'a pas abouti (%s) : rien n'est publié. Corrigez la cause (« c2isurvey runs » la donne), relancez « c2isurvey run », puis publiez",
			"the latest run (no. %d) did not succeed (%s): nothing is published. Fix the cause (“c2isurvey runs” gives it), run “c2isurvey run” again, then publish"
	case "cli.publish.does-not-point-at":
		return "%s ne désigne pas les rapports du dernier passage (%s) : relancez « c2isurvey run », puis publiez",
			"%s does not point at the reports of the latest run (%s): run “c2isurvey run” again, then publish"
	case "cli.publish.reports-latest-run-are":
		return "les rapports du dernier passage sont incomplets (%s) : relancez « c2isurvey run », puis publiez",
			"the reports of the latest run are incomplete (%s): run “c2isurvey run” again, then publish"
	case "cli.publish.latest-run-has-no":
		return "le dernier passage n'a aucune donnée pour l'année %s : rien à publier",
			"the latest run has no data for %s: nothing to publish"
	case "cli.publish.reports-run-already-are":
		return "les rapports du passage %d sont déjà l'édition %d de %s : une nouvelle édition suit un nouveau passage",
			"the reports of run %d already are edition %d of %s: a new edition follows a new run"
	case "cli.publish.edition-already-exists-it":
		return "l'édition %s existe déjà : elle n'est jamais réécrite",
			"edition %s already exists: it is never rewritten"
	case "cli.publish.edition-left-out-no":
		return "édition laissée de côté (pas de révisions pour cette année) : %w",
			"edition left out (no revisions for that year): %w"
	case "cli.publish.edition-published-reports-run":
		return "Édition %d de %s publiée : %s (rapports du passage %d, %d établissement(s), %d fichier(s)).\n",
			"Edition %d of %s published: %s (reports of run %d, %d institution(s), %d file(s)).\n"
	case "cli.publish.failed":
		return "échec",
			"failed"
	case "cli.publish.interrupted":
		return "interrompu",
			"interrupted"
	case "cli.publish.running-or-stopped":
		return "en cours ou arrêté",
			"running or stopped"
	case "cli.publish.outcome-message":
		return "%s : %s", "%s: %s"
	case "cli.usage-error.year-required":
		return "--year est obligatoire", "--year is required"
	case "cli.usage-error.publish-year":
		return "--year %q : une année comme 2012 ou 2011-2012", "--year %q: a year such as 2012 or 2011-2012"
	}
	return "", ""
}

// usersText holds what c2isurvey users says (cmd/c2isurvey/users.go).
func usersText(key string) (fr, en string) {
	switch key {
	case "cli.usage-error.users-no-subcommand":
		return "sous-commande manquante : add, list, disable, enable ou passwd",
			"missing subcommand: add, list, disable, enable or passwd"
	case "cli.usage-error.users-subcommand":
		return "sous-commande inconnue %q : add, list, disable, enable ou passwd",
			"unknown subcommand %q: add, list, disable, enable or passwd"
	case "cli.usage-error.email-required":
		return "--email est obligatoire",
			"--email is required"
	case "cli.usage-error.password-short":
		return "mot de passe trop court : au moins %s caractères (ou aucun, pour en créer un)",
			"password too short: at least %s characters (or none, to create one)"
	case "cli.flag.users.lang":
		return "langue des messages : fr ou en",
			"language of the messages: fr or en"
	case "cli.users.audit-failed":
		return "c2isurvey users : journal : %v",
			"c2isurvey users: audit log: %v"
	case "cli.users.exists":
		return "le compte %s existe déjà (« users passwd » change son mot de passe)",
			"the account %s already exists (“users passwd” changes its password)"
	case "cli.users.created":
		return "Compte créé : %s (%s)",
			"Account created: %s (%s)"
	case "cli.users.header":
		return "ADRESSE\tRÔLE\tUAI\tCRÉÉ LE\tÉTAT",
			"ADDRESS\tROLE\tUAI\tCREATED\tSTATE"
	case "cli.users.active":
		return "actif",
			"active"
	case "cli.users.disabled":
		return "désactivé",
			"disabled"
	case "cli.users.none":
		return "aucun compte %s",
			"no account %s"
	case "cli.users.done.disable":
		return "Compte %s : désactivé (ses sessions sont terminées)",
			"Account %s: disabled (its sessions are ended)"
	case "cli.users.done.enable":
		return "Compte %s : réactivé",
			"Account %s: enabled again"
	case "cli.users.passwd":
		return "Mot de passe de %s changé ; ses sessions ouvertes sont terminées.",
			"%s's password changed; its open sessions are ended."
	case "cli.users.password-shown":
		return "Mot de passe (affiché une seule fois) : %s",
			"Password (shown once): %s"
	case "cli.users.prompt":
		return "Mot de passe (au moins %s caractères ; vide : en créer un) :",
			"Password (at least %s characters; empty: create one):"
	case "cli.users.read-failed":
		return "lecture du mot de passe : %w",
			"reading the password: %w"
	}
	return "", ""
}
