package texts

// portalText holds the web portal's texts (cmd/c2isurvey/internal/portal):
// its pages, buttons, messages and the descriptions of the files it serves.
// The templates name their keys ({{.T "portal.key"}}); portal.audit.<action>
// names an audited action (view.ActionText builds the key from the log's
// code).
func portalText(key string) (fr, en string) {
	switch key {
	case "portal.cross-origin":
		return "Requête refusée : elle vient d'un autre site.", "Request refused: it comes from another site."
	case "portal.home-runs-link":
		return "Tous les passages", "Every run"
	case "portal.home-files-link":
		return "Les fichiers reçus, et pourquoi un fichier est refusé", "Files received, and why a file is refused"
	case "portal.run-label":
		return "passage n° %s", "run no. %s"
	case "portal.actions":
		return "Actions", "Actions"
	case "portal.audit.cli-user":
		return "ligne de commande (%s)", "command line (%s)"
	case "portal.audit.cli":
		return "ligne de commande", "command line"
	case "portal.audit.user.passwd":
		return "Mot de passe changé", "Password changed"
	case "portal.audit.user.enable":
		return "Compte réactivé", "Account enabled"
	case "portal.audit.user.disable":
		return "Compte désactivé", "Account disabled"
	case "portal.audit.user.add":
		return "Compte créé", "Account created"
	case "portal.audit.upload":
		return "Dépôt de fichier", "File upload"
	case "portal.audit.settings.replace":
		return "Paramètres remplacés", "Settings replaced"
	case "portal.audit.settings.refused":
		return "Paramètres refusés", "Settings refused"
	case "portal.audit.run.start":
		return "Passage lancé", "Run started"
	case "portal.audit.registry.refused":
		return "Liste des établissements attendus refusée", "List of expected institutions refused"
	case "portal.audit.registry.import":
		return "Liste des établissements attendus importée", "List of expected institutions imported"
	case "portal.audit.logout":
		return "Déconnexion", "Sign-out"
	case "portal.audit.login.throttled":
		return "Connexion bloquée (trop d'essais)", "Sign-in blocked (too many attempts)"
	case "portal.audit.login.ok":
		return "Connexion", "Sign-in"
	case "portal.audit.login.failed":
		return "Connexion refusée", "Sign-in refused"
	case "portal.audit.edition.publish":
		return "Édition publiée", "Edition published"
	case "portal.settings-example":
		return "# Paramètres de publication de l'enquête C2i2e\n# ministere = ministère de l’Éducation nationale\n# service = service statistique\n# contact = \n# seuil_fragile = 30\n# seuil_non_publie = 10\n", "# Publication settings of the C2i2e survey\n# ministere = ministère de l’Éducation nationale\n# service = service statistique\n# contact = \n# seuil_fragile = 30\n# seuil_non_publie = 10\n"
	case "portal.settings-saved":
		return "Paramètres enregistrés : le prochain passage publie avec eux.", "Settings saved: the next run publishes with them."
	case "portal.settings-save":
		return "Enregistrer les paramètres", "Save the settings"
	case "portal.settings-or-file":
		return "Ou envoyez un fichier (il remplace le texte ci-dessus)", "Or send a file (it replaces the text above)"
	case "portal.settings-hint":
		return "Clés : ministere, ministere_en, service, service_en, contact, logo, seuil_fragile, seuil_non_publie ; une ligne commençant par # est un commentaire (docs/settings.md). Le fichier n'est remplacé que si chaque ligne est valide.", "Keys: ministere, ministere_en, service, service_en, contact, logo, seuil_fragile, seuil_non_publie; a line starting with # is a comment (docs/settings.md). The file is replaced only when every line is valid."
	case "portal.settings-content":
		return "Le fichier de paramètres (une ligne « clé = valeur » par paramètre)", "The settings file (one “key = value” line a setting)"
	case "portal.settings-replace":
		return "Modifier les paramètres", "Change the settings"
	case "portal.settings-suppress":
		return "Seuil de non-publication (étudiants)", "Suppression threshold (students)"
	case "portal.settings-fragile":
		return "Seuil de fragilité (étudiants)", "Fragile threshold (students)"
	case "portal.settings-logo-no":
		return "aucun", "none"
	case "portal.settings-logo-yes":
		return "oui", "yes"
	case "portal.settings-logo":
		return "Logo", "Logo"
	case "portal.settings-contact":
		return "Contact", "Contact"
	case "portal.settings-service-en":
		return "Service (en anglais)", "Service (in English)"
	case "portal.settings-service":
		return "Service", "Service"
	case "portal.settings-ministry-en":
		return "Ministère (en anglais)", "Ministry (in English)"
	case "portal.settings-ministry":
		return "Ministère", "Ministry"
	case "portal.settings-from-file":
		return "Lus dans %s.", "Read from %s."
	case "portal.settings-file-refused":
		return "Le fichier %s est refusé : les passages publient avec les valeurs par défaut ci-dessous tant qu'il n'est pas corrigé.", "The file %s is refused: the runs publish with the defaults below until it is corrected."
	case "portal.settings-defaults":
		return "Pas encore de fichier %s : les valeurs par défaut ci-dessous servent.", "No file %s yet: the defaults below serve."
	case "portal.settings-no-file":
		return "Ce serveur n'a pas de fichier de paramètres : les valeurs par défaut servent.", "This server has no settings file: the defaults serve."
	case "portal.settings-in-force":
		return "Paramètres en vigueur", "Settings in force"
	case "portal.settings-refused":
		return "Paramètres refusés : le fichier en place n'a pas changé. Corrigez ces lignes puis enregistrez à nouveau.", "Settings refused: the file in force has not changed. Correct these lines, then save again."
	case "portal.settings-intro":
		return "Les paramètres de publication : qui publie l'enquête (sur la couverture et sous chaque tableau) et les seuils de petits effectifs. Chaque passage les lit ; le prochain publie avec les nouveaux.", "The publication settings: who publishes the survey (on the cover and under every table) and the small-count thresholds. Every run reads them; the next one publishes with the new ones."
	case "portal.settings":
		return "Paramètres", "Settings"
	case "portal.fingerprint":
		return "Empreinte (SHA-256)", "Fingerprint (SHA-256)"
	case "portal.registry-import-button":
		return "Importer la liste", "Import the list"
	case "portal.registry-hint":
		return "Le même fichier que pour « c2isurvey registry import » (docs/registry.md). Chaque problème est montré avec sa ligne et sa colonne.", "The same file as for “c2isurvey registry import” (docs/registry.md). Every problem is shown with its line and column."
	case "portal.registry-new-file":
		return "Nouvelle liste (fichier CSV : uai;institution;academie;first_year;last_year;successor)", "New list (CSV file: uai;institution;academie;first_year;last_year;successor)"
	case "portal.registry-intro":
		return "La liste des établissements qui doivent répondre chaque année : elle donne les taux de réponse et la liste de ceux qui n'ont pas répondu. Une nouvelle liste remplace la précédente tout entière, seulement si chaque ligne est valide ; chaque liste importée est gardée.", "The list of institutions that must answer each year: it gives the response rates and the list of those that have not answered. A new list replaces the previous one whole, only when every line is valid; every list imported is kept."
	case "portal.registry-import-refused":
		return "%s est refusé : la liste en place n'a pas changé. Corrigez ces lignes puis envoyez le fichier à nouveau.", "%s is refused: the list in force has not changed. Correct these lines, then send the file again."
	case "portal.registry-imported":
		return "%s est maintenant la liste des établissements attendus : %s établissements. Le prochain passage calcule les taux de réponse avec elle.", "%s is now the list of expected institutions: %s institutions. The next run computes the response rates with it."
	case "portal.admin-run-in-progress":
		return "Un passage est en cours sur le dossier de données : rien n'a été changé. Réessayez quand il sera terminé (page « Passages »).", "A run is in progress on the data folder: nothing was changed. Try again once it has finished (the “Runs” page)."
	case "portal.admin-choose-file":
		return "Choisissez un fichier, puis validez.", "Choose a file, then submit."
	case "portal.admin-file-too-large":
		return "Le fichier dépasse %s Mo : vérifiez que c'est le bon fichier.", "The file is over %s MB: check it is the right file."
	case "portal.registry-successor":
		return "Remplacé par (UAI)", "Succeeded by (UAI)"
	case "portal.registry-last-year":
		return "Dernière année", "Last year"
	case "portal.registry-first-year":
		return "Première année", "First year"
	case "portal.rebuild-accounts-carried":
		return "Portail : %s compte(s), %s entrée(s) du journal et %s envoi(s) repris de l'ancien magasin (les sessions non : chacun se reconnecte).", "Portal: %s account(s), %s audit entries and %s upload(s) carried over from the old store (not the sessions: everyone signs in again)."
	case "portal.rebuild-accounts-not-carried":
		return "Portail : les comptes, le journal et les envois n'ont pas pu être repris de l'ancien magasin (%s : %v) ; ils y restent. Recréez les comptes avec « c2isurvey users add ».", "Portal: the accounts, audit log and uploads could not be carried over from the old store (%s: %v); they stay there. Make the accounts again with “c2isurvey users add”."
	case "portal.retry-seconds":
		return "Réessayez dans %s secondes.", "Try again in %s seconds."
	case "portal.retry-minutes":
		return "Réessayez dans %s minutes.", "Try again in %s minutes."
	case "portal.academie":
		return "Académie", "Académie"
	case "portal.academic-year":
		return "Année universitaire", "Academic year"
	case "portal.accepted":
		return "accepté", "accepted"
	case "portal.accepted-2":
		return "accepté(s)", "accepted"
	case "portal.accepted-3":
		return "Acceptés", "Accepted"
	case "portal.account-created":
		return "Compte créé : %s. Son mot de passe, affiché une seule fois :", "Account created: %s. Its password, shown once only:"
	case "portal.account-disabled":
		return "Compte désactivé : %s.", "Account disabled: %s."
	case "portal.account-enabled":
		return "Compte réactivé : %s.", "Account enabled: %s."
	case "portal.account-exists-already":
		return "Ce compte existe déjà.", "This account exists already."
	case "portal.accounts":
		return "Comptes", "Accounts"
	case "portal.action":
		return "Action", "Action"
	case "portal.active":
		return "actif", "active"
	case "portal.address":
		return "Adresse", "Address"
	case "portal.administrator":
		return "administrateur", "administrator"
	case "portal.all":
		return "tous", "all"
	case "portal.all-2":
		return "en tout", "in all"
	case "portal.all-files":
		return "Tous les fichiers", "All files"
	case "portal.all-reports-tables":
		return "Tous les rapports et tableaux", "All reports and tables"
	case "portal.annotated-xlsx":
		return "-annote.xlsx", "-annotated.xlsx"
	case "portal.annual-report":
		return "Rapport annuel", "Annual report"
	case "portal.answered":
		return "Ont répondu", "Answered"
	case "portal.audit":
		return "Journal", "Audit"
	case "portal.audit-log":
		return "Journal", "Audit log"
	case "portal.audit-log-2":
		return "Journal des actions", "Audit log"
	case "portal.back-home-page":
		return "Retour à l'accueil", "Back to the home page"
	case "portal.by":
		return "Par", "By"
	case "portal.by-2":
		return "par", "by"
	case "portal.bytes":
		return " octets", " bytes"
	case "portal.c2i2e-survey":
		return "Enquête C2i2e", "C2i2e survey"
	case "portal.c2i2e-survey-portal-upload":
		return "Portail de l'enquête C2i2e : déposez les fichiers de votre établissement, suivez leur traitement, téléchargez les rapports.", "C2i2e survey portal: upload your institution's files, follow their processing, download the reports."
	case "portal.cell":
		return "cellule", "cell"
	case "portal.certificates":
		return "Certificats", "Certificates"
	case "portal.check":
		return "Vérification", "Check"
	case "portal.checking-data-folder":
		return "vérification du dossier de données", "checking the data folder"
	case "portal.choose-year":
		return "Choisissez une année.", "Choose a year."
	case "portal.compare":
		return "Comparer", "Compare"
	case "portal.compare-tracks-year-year":
		return "Comparer les parcours d'une année à l'autre", "Compare tracks year on year"
	case "portal.comparison-tracks-groups-csv":
		return "Comparaison des parcours et groupes (CSV)", "Comparison of tracks and groups (CSV)"
	case "portal.computing-tables":
		return "calcul des tableaux", "computing the tables"
	case "portal.content":
		return "Contenu", "Content"
	case "portal.create-password-shown-once":
		return "Créer (le mot de passe est affiché une fois)", "Create (the password is shown once)"
	case "portal.created":
		return "Créé le", "Created"
	case "portal.data-quality":
		return "Qualité des données", "Data quality"
	case "portal.date":
		return "Date", "Date"
	case "portal.detail":
		return "Détail", "Detail"
	case "portal.disable":
		return "Désactiver", "Disable"
	case "portal.disabled":
		return "désactivé", "disabled"
	case "portal.done":
		return "terminé", "done"
	case "portal.download-annotated-file":
		return "Télécharger le fichier annoté", "Download the annotated file"
	case "portal.download-csv":
		return "Télécharger (CSV)", "Download (CSV)"
	case "portal.download-list-csv":
		return "Télécharger la liste (CSV)", "Download the list (CSV)"
	case "portal.download-table-csv":
		return "Télécharger ce tableau (CSV)", "Download this table (CSV)"
	case "portal.download-your-file-annotated":
		return "Télécharger votre fichier annoté (cellules en cause surlignées et commentées)", "Download your file annotated (faulty cells highlighted and commented)"
	case "portal.drag-them-here":
		return "…ou faites-les glisser ici.", "…or drag them here."
	case "portal.duplicate":
		return "doublon de", "duplicate of"
	case "portal.duplicate-2":
		return "doublon", "duplicate"
	case "portal.duplicates":
		return "Doublons", "Duplicates"
	case "portal.e-mail":
		return "Adresse", "E-mail"
	case "portal.e-mail-address":
		return "Adresse électronique", "E-mail address"
	case "portal.e-mail-address-not":
		return "L'adresse électronique n'est pas valide.", "The e-mail address is not valid."
	case "portal.each-cell-institutions-answered":
		return "Dans chaque case : établissements qui ont répondu / attendus, et le taux de réponse.", "In each cell: institutions that answered / expected, and the response rate."
	case "portal.each-file-xlsx-csv":
		return "Chaque fichier (.xlsx ou .csv) est vérifié dès son arrivée : vous voyez tout de suite s'il est accepté, ou chaque problème avec sa feuille et sa cellule.", "Each file (.xlsx or .csv) is checked as it arrives: you see at once whether it is accepted, or every problem with its sheet and cell."
	case "portal.earlier-runs":
		return "Passages précédents", "Earlier runs"
	case "portal.edition-keeps-run-s":
		return "Une édition garde pour toujours les rapports de ce passage pour cette année (reports/editions/).", "An edition keeps this run's reports of that year for good (reports/editions/)."
	case "portal.edition-published":
		return "Édition publiée :", "Edition published:"
	case "portal.editions":
		return "Éditions", "Editions"
	case "portal.enable":
		return "Réactiver", "Enable"
	case "portal.ended":
		return "Fin", "Ended"
	case "portal.error":
		return "Erreur", "Error"
	case "portal.every-expected-institution-has":
		return "Tous les établissements attendus ont répondu.", "Every expected institution has answered."
	case "portal.excel-workbook-every-table":
		return "Classeur Excel : tous les tableaux, graphiques, données et définitions", "Excel workbook: every table, chart, the data and definitions"
	case "portal.expected":
		return "Attendus", "Expected"
	case "portal.expected-institutions":
		return "Établissements attendus", "Expected institutions"
	case "portal.expected-institutions-did-not":
		return "Établissements attendus qui n'ont pas répondu (CSV)", "Expected institutions that did not answer (CSV)"
	case "portal.failed":
		return "échec", "failed"
	case "portal.fate":
		return "Résultat", "Outcome"
	case "portal.figures-check":
		return "Valeurs à vérifier", "Figures to check"
	case "portal.figures-check-staff-csv":
		return "Valeurs à vérifier, pour le personnel (CSV)", "Figures to check, for staff (CSV)"
	case "portal.file":
		return "Fichier", "File"
	case "portal.file-institution-s-s":
		return "Ce fichier est celui de l'établissement %s (%s), pas du vôtre (%s) : envoyez le formulaire de votre établissement, ou corrigez son code UAI.", "This file is institution %s's (%s), not yours (%s): send your institution's form, or correct its UAI."
	case "portal.file-institution-s-s-2":
		return "Ce fichier est celui de l'établissement %s (%s), pas de celui indiqué dans le formulaire (%s) : laissez le code UAI vide, ou envoyez le fichier de cet établissement.", "This file is institution %s's (%s), not the one given in the form (%s): leave the UAI empty, or send that institution's file."
	case "portal.file-not-taken-correct":
		return "Le fichier n'est pas pris en compte. Corrigez chaque point ci-dessous dans votre fichier, puis déposez-le à nouveau.", "The file is not taken. Correct each point below in your file, then upload it again."
	case "portal.file-s":
		return "fichier(s)", "file(s)"
	case "portal.file-valid":
		return "Le fichier est valide", "The file is valid"
	case "portal.files":
		return "Fichiers", "Files"
	case "portal.files-2":
		return "fichiers", "files"
	case "portal.files-per-upload":
		return "fichiers par envoi", "files per upload"
	case "portal.files-upload":
		return "Fichiers à déposer", "Files to upload"
	case "portal.filter":
		return "Filtrer", "Filter"
	case "portal.follow":
		return "Suivre", "Follow it"
	case "portal.freeze-reports-year":
		return "Figer les rapports de l'année", "Freeze the reports of year"
	case "portal.from":
		return "De", "From"
	case "portal.group":
		return "Groupe", "Group"
	case "portal.have-not-answered":
		return "N'ont pas répondu en", "Have not answered in"
	case "portal.home":
		return "Accueil", "Home"
	case "portal.imports":
		return "Imports", "Imports"
	case "portal.inbox":
		return "Il est placé dans la boîte de dépôt sous le nom", "It is in the inbox as"
	case "portal.institution":
		return "Établissement", "Institution"
	case "portal.institution-2":
		return "établissement", "institution"
	case "portal.institution-account-needs-valid":
		return "Un compte d'établissement a besoin d'un code UAI valide (7 chiffres et la lettre de contrôle, ex. 0751717J).", "An institution account needs a valid UAI (7 digits and the check letter, e.g. 0751717J)."
	case "portal.institution-s":
		return "Établissement(s)", "Institution(s)"
	case "portal.institution-uai-optional-else":
		return "Pour l'établissement (UAI, facultatif : sinon celui du fichier)", "For the institution (UAI, optional: else the file's)"
	case "portal.institutions":
		return "Établissements", "Institutions"
	case "portal.internal-workbook-staff-responses":
		return "Classeur interne, pour le personnel : réponses et non-répondants, mêmes établissements, comparaisons, valeurs à vérifier", "Internal workbook, for staff: responses and non-respondents, same institutions, comparisons, figures to check"
	case "portal.interrupted":
		return "interrompu", "interrupted"
	case "portal.kb":
		return " Ko", " KB"
	case "portal.last-answer":
		return "Dernière réponse", "Last answer"
	case "portal.last-run":
		return "Dernier passage", "Last run"
	case "portal.last-run-started-from":
		return "Le dernier passage lancé depuis le portail a échoué :", "The last run started from the portal failed:"
	case "portal.latest-publication":
		return "Dernière publication", "Latest publication"
	case "portal.latest-publications":
		return "Dernières publications", "Latest publications"
	case "portal.list-expected-institutions-registry":
		return "La liste des établissements attendus (registry.csv) est refusée : pas de taux de réponse. Importez une liste valide avec « c2isurvey registry import ».", "The list of expected institutions (registry.csv) is refused: no response rate. Import a valid list with “c2isurvey registry import”."
	case "portal.list-force":
		return "Liste en vigueur", "List in force"
	case "portal.list-force-refused":
		return "La liste en place est refusée :", "The list in force is refused:"
	case "portal.mb":
		return " Mo", " MB"
	case "portal.menu":
		return "Menu", "Menu"
	case "portal.ministry-staff":
		return "personnel du ministère", "ministry staff"
	case "portal.most":
		return "Au plus", "At most"
	case "portal.most-d-files-per":
		return "Au plus %s fichiers par envoi : envoyez les autres ensuite.", "At most %s files per upload: send the others next."
	case "portal.national-table-year-csv":
		return "Tableau national par année (CSV)", "National table by year (CSV)"
	case "portal.never":
		return "jamais", "never"
	case "portal.new-account":
		return "Nouveau compte", "New account"
	case "portal.new-password":
		return "Nouveau mot de passe", "New password"
	case "portal.new-password-2":
		return "Nouveau mot de passe de %s, affiché une seule fois :", "New password of %s, shown once only:"
	case "portal.next-run":
		return "Prochain passage", "Next run"
	case "portal.next-run-will-take":
		return "Le prochain passage le prendra en compte", "The next run will take it"
	case "portal.next-run-will-take-2":
		return "Le prochain passage le prendra en compte.", "The next run will take it."
	case "portal.next-scheduled-run":
		return "Prochain passage prévu", "Next scheduled run"
	case "portal.no-account-forgotten-password":
		return "Pas de compte, ou mot de passe oublié ? Demandez-le à l'administrateur de l'enquête au ministère.", "No account, or forgotten password? Ask the survey's administrator at the ministry."
	case "portal.no-data-selection":
		return "Aucune donnée pour cette sélection.", "No data for this selection."
	case "portal.no-figure-check":
		return "Aucune valeur à vérifier.", "No figure to check."
	case "portal.no-file-matches":
		return "Aucun fichier ne correspond.", "No file matches."
	case "portal.no-file-received-choose":
		return "Aucun fichier reçu : choisissez un ou plusieurs fichiers, puis « Envoyer ».", "No file received: choose one or more files, then “Send”."
	case "portal.no-list-expected-institutions":
		return "Pas de liste des établissements attendus : le taux de réponse ne peut pas être calculé. Importez-la avec « c2isurvey registry import ».", "No list of expected institutions: the response rate cannot be computed. Import it with “c2isurvey registry import”."
	case "portal.no-list-imported":
		return "Aucune liste importée.", "No list imported."
	case "portal.no-report-published-yet":
		return "Aucun rapport publié pour l'instant.", "No report published yet."
	case "portal.no-report-published-yet-2":
		return "Aucun rapport publié pour l'instant : le premier passage en publiera.", "No report published yet: the first run will publish some."
	case "portal.no-run-yet":
		return "Aucun passage pour l'instant.", "No run yet."
	case "portal.not-found":
		return "Introuvable", "Not found"
	case "portal.nothing-show-no-report":
		return "Rien à afficher : aucun rapport publié.", "Nothing to show: no report published."
	case "portal.of":
		return "sur", "of"
	case "portal.of-2":
		return "de", "of"
	case "portal.only-institution-account-has":
		return "Seul un compte d'établissement a un code UAI.", "Only an institution account has a UAI."
	case "portal.outcome":
		return "Issue", "Outcome"
	case "portal.outliers":
		return "Valeurs à vérifier", "Outliers"
	case "portal.page-file-does-not":
		return "Cette page ou ce fichier n'existe pas, ou n'est pas accessible à votre compte.", "This page or file does not exist, or your account cannot see it."
	case "portal.page-other-roles-ministry":
		return "Cette page est réservée à d'autres rôles (personnel du ministère ou administrateurs).", "This page is for other roles (ministry staff or administrators)."
	case "portal.page-updates-itself":
		return "Cette page se met à jour toute seule.", "This page updates itself."
	case "portal.parentheses-rate-fewer-than":
		return "Entre parenthèses : taux calculé sur moins de 30 étudiants.", "In parentheses: a rate on fewer than 30 students."
	case "portal.password":
		return "Mot de passe", "Password"
	case "portal.pending":
		return "En attente", "Pending"
	case "portal.per-file":
		return "par fichier", "per file"
	case "portal.permanent-link-result":
		return "Lien permanent vers ce résultat", "Permanent link to this result"
	case "portal.previous-year":
		return "Année précédente", "Previous year"
	case "portal.processing":
		return "Traitement", "Processing"
	case "portal.processing-runs":
		return "Passages du traitement", "Processing runs"
	case "portal.progress":
		return "en cours", "in progress"
	case "portal.publish-new-edition":
		return "Publier comme nouvelle édition", "Publish as a new edition"
	case "portal.rate-prev":
		return "Taux (préc.)", "Rate (prev.)"
	case "portal.reading-files-dropped":
		return "lecture des fichiers déposés", "reading the files dropped"
	case "portal.reasons":
		return "Raisons", "Reasons"
	case "portal.received":
		return "Reçu le", "Received"
	case "portal.received-files":
		return "Fichiers reçus", "Received files"
	case "portal.refused":
		return "refusé", "refused"
	case "portal.refused-2":
		return "refusé(s)", "refused"
	case "portal.refused-3":
		return "Refusés", "Refused"
	case "portal.refused-files-why-csv":
		return "Fichiers refusés et pourquoi (CSV)", "Refused files and why (CSV)"
	case "portal.replaced":
		return "remplacé", "replaced"
	case "portal.replaced-2":
		return "Remplacés", "Replaced"
	case "portal.replaced-later-file":
		return "remplacé par un fichier plus récent", "replaced by a later file"
	case "portal.report":
		return "Rapport", "Report"
	case "portal.reports":
		return "Rapports", "Reports"
	case "portal.response-rate":
		return "Taux de réponse", "Response rate"
	case "portal.response-rate-year-csv":
		return "Taux de réponse par année (CSV)", "Response rate by year (CSV)"
	case "portal.responses":
		return "Réponses", "Responses"
	case "portal.restricted":
		return "Accès réservé", "Restricted"
	case "portal.role":
		return "Rôle", "Role"
	case "portal.role-must-admin-staff":
		return "Le rôle doit être admin, staff ou institution.", "The role must be admin, staff or institution."
	case "portal.run":
		return "passage", "run"
	case "portal.run-already-progress-wait":
		return "Un passage est déjà en cours : attendez qu'il finisse.", "A run is already in progress: wait for it to finish."
	case "portal.run-has-finished":
		return "Le passage est terminé.", "The run has finished."
	case "portal.run-now":
		return "Lancer un passage maintenant", "Run now"
	case "portal.run-progress":
		return "Un passage est en cours.", "A run is in progress."
	case "portal.run-progress-2":
		return "Un passage est en cours", "A run is in progress"
	case "portal.runs":
		return "Passages", "Runs"
	case "portal.s-over-s-mb":
		return "%s dépasse %s Mo : un fichier d'enquête n'est jamais si gros ; découpez un tableau consolidé (par année, par exemple).", "%s is over %s MB: a survey file is never that large; split a consolidated table (by year, for instance)."
	case "portal.same-institutions-only-those":
		return "mêmes établissements seulement (ceux qui ont répondu les deux années)", "same institutions only (those that answered both years)"
	case "portal.same-institutions-year-year":
		return "Mêmes établissements d'une année à l'autre (CSV)", "Same institutions year on year (CSV)"
	case "portal.seen":
		return "Vus", "Seen"
	case "portal.send":
		return "Envoyer", "Send"
	case "portal.sheet":
		return "feuille", "sheet"
	case "portal.sheet-2":
		return "feuille ", "sheet "
	case "portal.show":
		return "Afficher", "Show"
	case "portal.sign":
		return "Connexion", "Sign in"
	case "portal.sign-2":
		return "Se connecter", "Sign in"
	case "portal.sign-ins-uploads-runs":
		return "Connexions, dépôts, passages lancés, éditions publiées, changements de comptes, de la liste des établissements attendus et des paramètres, les plus récents d'abord (1 000 au plus).", "Sign-ins, uploads, runs started, editions published, changes of accounts, of the list of expected institutions and of the settings, newest first (at most 1,000)."
	case "portal.sign-out":
		return "Se déconnecter", "Sign out"
	case "portal.size":
		return "Taille", "Size"
	case "portal.something-went-wrong-server":
		return "Une erreur s'est produite sur le serveur ; elle est notée dans son journal. Réessayez plus tard.", "Something went wrong on the server; it is written in its log. Try again later."
	case "portal.staff":
		return "personnel", "staff"
	case "portal.staff-not-publication-figures":
		return "Pour le personnel, pas pour publication : les chiffres qui sortent de l'ordinaire (taux hors des limites de l'entonnoir, effectifs doublés ou divisés par deux, parcours qui disparaît), avec le fichier et la cellule d'où ils viennent.", "For staff, not for publication: the figures out of the ordinary (rate outside the funnel limits, counts doubled or halved, a track no longer reported), with the file and cell they came from."
	case "portal.started":
		return "Début", "Started"
	case "portal.state":
		return "État", "State"
	case "portal.students":
		return "Étudiants", "Students"
	case "portal.students-prev":
		return "Étudiants (préc.)", "Students (prev.)"
	case "portal.success-rate":
		return "Taux de réussite", "Success rate"
	case "portal.success-rate-year":
		return "Taux de réussite par année", "Success rate by year"
	case "portal.tables-parquet-zip-analysts":
		return "Tables au format Parquet (zip), pour les analystes", "Tables as Parquet (zip), for analysts"
	case "portal.takes-files-dropped-then":
		return "Prend les fichiers déposés, puis publie les rapports. Jamais en même temps qu'un passage prévu.", "Takes the files dropped, then publishes the reports. Never at the same time as a scheduled run."
	case "portal.to":
		return "à", "to"
	case "portal.too-many-failed-sign":
		return "Trop de tentatives de connexion manquées.", "Too many failed sign-in attempts."
	case "portal.track":
		return "parcours", "track"
	case "portal.track-2":
		return "Parcours", "Track"
	case "portal.track-group":
		return "groupe de parcours", "track group"
	case "portal.track-row-s":
		return "ligne(s) de parcours", "track row(s)"
	case "portal.uai-institution-account":
		return "UAI (compte d'établissement)", "UAI (institution account)"
	case "portal.unexpected":
		return "Non attendus", "Unexpected"
	case "portal.unknown-action":
		return "Action inconnue.", "Unknown action."
	case "portal.unreadable-form":
		return "Formulaire illisible.", "Unreadable form."
	case "portal.upload":
		return "Déposer", "Upload"
	case "portal.upload-files":
		return "Déposer des fichiers", "Upload files"
	case "portal.upload-more-files":
		return "Déposer d'autres fichiers", "Upload more files"
	case "portal.upload-over-s-mb":
		return "L'envoi dépasse %s Mo en tout : envoyez les fichiers en plusieurs fois.", "The upload is over %s MB in all: send the files in several goes."
	case "portal.upload-result":
		return "Résultat du dépôt", "Upload result"
	case "portal.upload-was-cut-short":
		return "L'envoi a été interrompu ou est illisible : recommencez.", "The upload was cut short or is unreadable: try again."
	case "portal.uploaded":
		return "Déposé le", "Uploaded"
	case "portal.uploaded-2":
		return "déposé le", "uploaded on"
	case "portal.uploaded-file":
		return "Fichier déposé", "Uploaded file"
	case "portal.uploads-through-portal":
		return "Dépôts par le portail", "Uploads through the portal"
	case "portal.warnings":
		return "Avertissements", "Warnings"
	case "portal.warnings-file-still-accepted":
		return "Avertissements (le fichier reste accepté)", "Warnings (the file is still accepted)"
	case "portal.what-edition-date-run":
		return "Ce qu'est cette édition : date, passage, fichiers", "What this edition is: date, run, files"
	case "portal.what-run-missing":
		return "Ce qui manque à ce passage", "What this run is missing"
	case "portal.what-wrong-what-do":
		return "Ce qui ne va pas, et quoi faire", "What is wrong, and what to do"
	case "portal.when":
		return "Quand", "When"
	case "portal.where":
		return "Où", "Where"
	case "portal.who":
		return "Qui", "Who"
	case "portal.who-has-answered":
		return "Qui a répondu", "Who has answered"
	case "portal.whole-file":
		return "tout le fichier", "the whole file"
	case "portal.why-refused":
		return "Pourquoi il est refusé", "Why it is refused"
	case "portal.writing-reports":
		return "écriture des rapports", "writing the reports"
	case "portal.wrong-e-mail-address":
		return "Adresse électronique ou mot de passe incorrect (ou compte désactivé).", "Wrong e-mail address or password (or account disabled)."
	case "portal.year":
		return "Année", "Year"
	case "portal.year-2":
		return "Par année", "By year"
	case "portal.year-academie":
		return "Par année et académie", "By year and académie"
	case "portal.year-s-data-published":
		return "Les données de l'année telles que publiées, avec leur source (CSV)", "The year's data as published, with their source (CSV)"
	case "portal.year-track-csv":
		return "Par année et parcours (CSV)", "By year and track (CSV)"
	case "portal.you-cannot-disable-your":
		return "Vous ne pouvez pas désactiver votre propre compte.", "You cannot disable your own account."
	}
	return "", ""
}
