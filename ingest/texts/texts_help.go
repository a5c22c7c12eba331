package texts

// helpText holds the help of the commands (c2isurvey --help, COMMAND --help):
// each command's usage, then its flags. Flag keys are given to the flag
// package as usage strings and worded when the help is printed.
func helpText(key string) (fr, en string) {
	switch key {
	case "cli.flag.default":
		return " (défaut : %s)", " (default: %s)"
	case "cli.help.rebuild":
		return `Utilisation : c2isurvey rebuild [--data DOSSIER] [--force] [--lang fr|en] [--tracks FICHIER]

Reconstruit le registre DOSSIER/c2isurvey.db à partir des originaux gardés dans
archive/ et rejected/ et du manifeste DOSSIER/manifest.jsonl, qui liste chaque fichier
pris dans l'ordre de réception. À utiliser quand « run » refuse un registre endommagé,
vide ou absent : les rapports publiés ensuite sont identiques à ceux d'avant la perte.
Le registre remplacé est mis de côté (c2isurvey.db.before-rebuild-DATE), jamais effacé.
Un registre sain n'est remplacé qu'avec --force.

Chaque fichier est relu dans la langue et avec la dernière année plausible de son
passage ; --tracks doit être le dictionnaire des parcours utilisé par les passages.

Codes de sortie : 0 registre reconstruit ; 1 rien n'a été remplacé (registre sain sans
--force, pas de manifeste, original gardé manquant ou modifié, écriture impossible) ;
2 erreur d'utilisation ; 3 un passage est en cours sur ce dossier de données.

Options :
`,
			`Usage: c2isurvey rebuild [--data FOLDER] [--force] [--lang fr|en] [--tracks FILE]

Rebuilds the store FOLDER/c2isurvey.db from the originals kept in archive/ and
rejected/ and the manifest FOLDER/manifest.jsonl, which lists every file taken in the
order received. To use when “run” refuses a damaged, empty or missing store: the
reports published next are the same as before the loss. The store replaced is set
aside (c2isurvey.db.before-rebuild-DATE), never deleted. A sound store is replaced
only with --force.

Each file is read again in the language and with the latest plausible year of its
run; --tracks must be the track dictionary the runs used.

Exit codes: 0 store rebuilt; 1 nothing was replaced (sound store without --force,
no manifest, a kept original missing or altered, cannot write); 2 usage error;
3 a run is working on this data folder.

Options:
`
	case "cli.help.runs":
		return `Utilisation : c2isurvey runs [--data DOSSIER] [--limit N]

Liste les derniers passages : début, durée, fichiers vus, acceptés, refusés, doublons,
remplacements, laissés pour plus tard, et leur issue.

Options :
`,
			`Usage: c2isurvey runs [--data FOLDER] [--limit N]

Lists the latest runs: start, duration, files seen, accepted, refused, duplicates,
replacements, left for later, and their outcome.

Options:
`
	case "cli.help.files":
		return `Utilisation : c2isurvey files [--data DOSSIER] [--status accepted|rejected|replaced|duplicate|pending] [--limit N]

Liste les fichiers reçus, dans l'ordre de réception (les --limit derniers), avec leur
sort, l'endroit où l'original est gardé et, pour un fichier refusé, chaque motif.
« pending » liste les fichiers encore dans inbox/.

Options :
`,
			`Usage: c2isurvey files [--data FOLDER] [--status accepted|rejected|replaced|duplicate|pending] [--limit N]

Lists the files received, in the order received (the last --limit), with what became
of them, where the original is kept and, for a refused file, each reason.
“pending” lists the files still in inbox/.

Options:
`
	case "cli.help.report":
		return `Utilisation : c2isurvey report --in CHEMIN... --out DOSSIER [--lang fr|en] [--tracks FICHIER]
                          [--registry FICHIER] [--settings FICHIER] [--fragile N] [--suppress N] [--parquet]

Lit les fichiers d'enquête donnés (les dossiers sont parcourus récursivement), écarte les
fichiers refusés en disant pourquoi, et écrit dans DOSSIER :
  c2i2e-AAAA-AAAA.pdf  le rapport annuel de chaque année universitaire présente
  qualite-AAAA-AAAA.pdf le rapport qualité de chaque année, pour le service (non publié) :
                       fichiers reçus, refusés, remplacés, doublons, établissements
                       sans réponse, chiffres à vérifier
  c2i2e.xlsx           le classeur Excel (tableaux, graphiques, données sources)
  c2i2e-interne.xlsx   le classeur du service (tableaux d'analyse, chiffres à vérifier ; non publié)
  national.csv         year,institutions,students,certificates,success_rate
  tracks.csv           year,track,students,certificates,share,success_rate
  rejections.csv       file,sheet,cell,message : un refus par ligne
  completeness.csv     year,expected,answered,unexpected,response_rate : qui devait répondre, qui l'a fait
  missing.csv          year,uai,institution,academie,last_answered : les attendus qui n'ont pas répondu
  panel.csv            chaque année face à la précédente, sur les établissements ayant répondu les deux
  compare.csv          year,by,key,students,certificates,share,success_rate,fragile : groupes et parcours
  outliers.csv         les chiffres à vérifier avant publication (pour le service, non publiés)
et, avec --parquet, les mêmes tables en Parquet pour DuckDB, Spark, Trino ou pandas :
  parquet/facts/year=AAAA/part-0.parquet   les données sources, une partition par année
  parquet/national.parquet, tracks.parquet, groups.parquet, institutions.parquet, academies.parquet
Dans les tableaux par établissement, un taux calculé sur moins de --fragile étudiants (30)
est donné entre parenthèses ; sur moins de --suppress étudiants (10), il n'est pas publié.
Le programme se termine avec le code 0 même si des fichiers sont refusés, avec le
code 1 si une sortie n'a pas pu être écrite (les autres le sont, l'erreur la nomme).
--registry donne la liste des établissements attendus (voir « c2isurvey registry
--help ») : sans elle, aucun taux de réponse n'est calculé ; si une de ses lignes est
refusée, rien n'est produit, chaque problème est affiché et le code de sortie est 1.
--settings donne les paramètres de publication (ministère, service, contact, logo,
seuils : voir docs/settings.md).

Options :
`,
			`Usage: c2isurvey report --in PATH... --out FOLDER [--lang fr|en] [--tracks FILE]
                        [--registry FILE] [--settings FILE] [--fragile N] [--suppress N] [--parquet]

Reads the survey files given (folders are walked recursively), sets the refused files
aside saying why, and writes into FOLDER:
  c2i2e-YYYY-YYYY.pdf  the annual report of each academic year present
  qualite-YYYY-YYYY.pdf the quality report of each year, for staff (not published):
                       files received, refused, replaced, duplicates, institutions
                       that did not answer, figures to check
  c2i2e.xlsx           the Excel workbook (tables, charts, source data)
  c2i2e-interne.xlsx   the staff workbook (analysis tables, figures to check; not published)
  national.csv         year,institutions,students,certificates,success_rate
  tracks.csv           year,track,students,certificates,share,success_rate
  rejections.csv       file,sheet,cell,message: one refusal a line
  completeness.csv     year,expected,answered,unexpected,response_rate: who should have answered, who did
  missing.csv          year,uai,institution,academie,last_answered: the expected that did not answer
  panel.csv            each year against the previous one, over the institutions that answered both
  compare.csv          year,by,key,students,certificates,share,success_rate,fragile: groups and tracks
  outliers.csv         the figures to check before publication (for staff, not published)
and, with --parquet, the same tables as Parquet for DuckDB, Spark, Trino or pandas:
  parquet/facts/year=YYYY/part-0.parquet   the source data, one partition a year
  parquet/national.parquet, tracks.parquet, groups.parquet, institutions.parquet, academies.parquet
In the tables by institution, a rate computed on fewer than --fragile students (30)
is given in parentheses; on fewer than --suppress students (10), it is not published.
The program ends with code 0 even if files are refused, with code 1 if an output
could not be written (the others are, the error names it).
--registry gives the list of expected institutions (see “c2isurvey registry
--help”): without it, no response rate is computed; if one of its lines is refused,
nothing is produced, every problem is printed and the exit code is 1.
--settings gives the publication settings (ministry, service, contact, logo,
thresholds: see docs/settings.md).

Options:
`
	case "cli.help.run":
		return `Utilisation : c2isurvey run [--data DOSSIER] [--settle DURÉE] [--wait] [--lang fr|en] [--tracks FICHIER] [--settings FICHIER]

Un passage du traitement de nuit : prend les nouveaux fichiers déposés dans
DOSSIER/inbox, les enregistre (acceptés dans archive/, refusés dans rejected/ avec
un .txt qui dit pourquoi), puis publie les rapports dans DOSSIER/reports/ (un dossier
par passage, et latest pour le dernier). Un fichier encore en cours d'écriture est
laissé pour le passage suivant. Deux passages ne peuvent pas tourner en même temps.
DOSSIER vaut par défaut $C2I_DATA, sinon ./c2i-data. La liste des établissements
attendus DOSSIER/registry.csv (voir « c2isurvey registry --help ») est lue si elle
existe ; refusée, elle est laissée de côté (le journal dit pourquoi) et les rapports
sont publiés sans taux de réponse. Les paramètres de publication sont ceux de
--settings, sinon de DOSSIER/settings.txt s'il existe (voir docs/settings.md).
Un passage sans rien de nouveau garde les rapports du précédent.

Options :
`,
			`Usage: c2isurvey run [--data FOLDER] [--settle DURATION] [--wait] [--lang fr|en] [--tracks FILE] [--settings FILE]

One pass of the nightly service: takes the new files dropped in FOLDER/inbox, records
them (accepted in archive/, refused in rejected/ with a .txt that says why), then
publishes the reports in FOLDER/reports/ (a folder per run, and latest for the last).
A file still being written is left for the next run. Two runs cannot work at once.
FOLDER is $C2I_DATA by default, else ./c2i-data. The list of expected institutions
FOLDER/registry.csv (see “c2isurvey registry --help”) is read if it exists; refused,
it is set aside (the log says why) and the reports are published without a response
rate. The publication settings are --settings', else FOLDER/settings.txt's if it
exists (see docs/settings.md). A run with nothing new keeps the previous reports.

Options:
`
	case "cli.help.main":
		return `c2isurvey — enquête C2i2e : lecture des fichiers, tableaux nationaux, rapports

Utilisation :
  c2isurvey report   --in CHEMIN... --out DOSSIER [--lang fr|en] [--tracks FICHIER] [--registry FICHIER]
  c2isurvey validate [--lang fr|en] [--tracks FICHIER] FICHIER...
  c2isurvey template --year ANNÉE --out FICHIER.xlsx [--uai CODE --name NOM] [--lang fr|en]
  c2isurvey run      [--data DOSSIER] [--settle 30s] [--wait]
  c2isurvey serve    [--data DOSSIER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]
  c2isurvey runs     [--data DOSSIER]
  c2isurvey files    [--data DOSSIER] [--status accepted|rejected|replaced|duplicate|pending]
  c2isurvey rebuild  [--data DOSSIER] [--force] [--lang fr|en] [--tracks FICHIER]
  c2isurvey compare  --in CHEMIN... | --data DOSSIER [--by track|group] [--only CODE,CODE]
                     [--from ANNÉE --to ANNÉE] [--panel] [--format table|csv] [--registry FICHIER]
  c2isurvey registry import [--data DOSSIER] [--lang fr|en] FICHIER
  c2isurvey registry show   [--data DOSSIER] [--lang fr|en]
  c2isurvey publish  --year ANNÉE [--data DOSSIER] [--lang fr|en]
  c2isurvey users add|list|disable|enable|passwd [--data DOSSIER] [--email ADRESSE] [--role RÔLE] [--uai CODE]

Commandes :
  report     lit les fichiers et dossiers donnés et écrit les rapports PDF, les classeurs
             Excel et les tableaux CSV (national.csv, tracks.csv, rejections.csv,
             completeness.csv, missing.csv, panel.csv, compare.csv)
  validate   vérifie des fichiers avant envoi, sans rien produire ; liste chaque problème
  template   écrit le formulaire d'enquête vierge d'un établissement (.xlsx)
  run        un passage du traitement de nuit sur le dossier de données : prend les
             fichiers déposés dans inbox/, les enregistre, publie les rapports
  serve      le service de nuit : lance « run » selon le calendrier, jusqu'à l'arrêt
  runs       liste les derniers passages
  files      liste les fichiers reçus et leur sort
  rebuild    reconstruit le registre (c2isurvey.db) à partir d'archive/, rejected/ et
             du manifeste, quand « run » le refuse (endommagé, vide ou absent)
  compare    compare les parcours ou groupes de parcours d'une année à l'autre, sur tous
             les établissements ou sur ceux qui ont répondu les deux années (--panel)
  registry   la liste des établissements attendus (taux de réponse, non-répondants) :
             « import » la remplace dans le dossier de données si chaque ligne est
             valide, « show » l'affiche avec l'historique des imports
  publish    fige les rapports du dernier passage pour une année comme édition N
             (reports/editions/AAAA-AAAA/N/) ; les passages suivants disent ce qui
             a changé depuis (revisions.csv, « Révisions depuis l'édition N »)
  users      les comptes du portail web (serve --listen) : admin, staff, institution

« c2isurvey COMMANDE --help » détaille chaque commande (ajoutez --lang en pour l'anglais).
Codes de sortie : 0 exécuté, 1 échec (ou fichier refusé pour validate), 2 erreur d'utilisation,
3 un autre passage est en cours sur le même dossier de données (run sans --wait).
`,
			`c2isurvey — C2i2e survey: reading the files, national tables, reports

Usage:
  c2isurvey report   --in PATH... --out FOLDER [--lang fr|en] [--tracks FILE] [--registry FILE]
  c2isurvey validate [--lang fr|en] [--tracks FILE] FILE...
  c2isurvey template --year YEAR --out FILE.xlsx [--uai CODE --name NAME] [--lang fr|en]
  c2isurvey run      [--data FOLDER] [--settle 30s] [--wait]
  c2isurvey serve    [--data FOLDER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]
  c2isurvey runs     [--data FOLDER]
  c2isurvey files    [--data FOLDER] [--status accepted|rejected|replaced|duplicate|pending]
  c2isurvey rebuild  [--data FOLDER] [--force] [--lang fr|en] [--tracks FILE]
  c2isurvey compare  --in PATH... | --data FOLDER [--by track|group] [--only CODE,CODE]
                     [--from YEAR --to YEAR] [--panel] [--format table|csv] [--registry FILE]
  c2isurvey registry import [--data FOLDER] [--lang fr|en] FILE
  c2isurvey registry show   [--data FOLDER] [--lang fr|en]
  c2isurvey publish  --year YEAR [--data FOLDER] [--lang fr|en]
  c2isurvey users add|list|disable|enable|passwd [--data FOLDER] [--email ADDRESS] [--role ROLE] [--uai CODE]

Commands:
  report     reads the files and folders given and writes the PDF reports, the Excel
             workbooks and the CSV tables (national.csv, tracks.csv, rejections.csv,
             completeness.csv, missing.csv, panel.csv, compare.csv)
  validate   checks files before they are sent, producing nothing; lists every problem
  template   writes an institution's blank survey form (.xlsx)
  run        one pass of the nightly service over the data folder: takes the files
             dropped in inbox/, records them, publishes the reports
  serve      the nightly service: starts “run” on its schedule, until stopped
  runs       lists the latest runs
  files      lists the files received and what became of them
  rebuild    rebuilds the store (c2isurvey.db) from archive/, rejected/ and the
             manifest, when “run” refuses it (damaged, empty or missing)
  compare    compares tracks or track groups from year to year, over every institution
             or over those that answered both years (--panel)
  registry   the list of expected institutions (response rates, non-respondents):
             “import” replaces it in the data folder if every line is valid,
             “show” prints it with the history of imports
  publish    freezes the latest run's reports for a year as edition N
             (reports/editions/YYYY-YYYY/N/); later runs say what changed since
             (revisions.csv, “Revisions since edition N”)
  users      the web portal's accounts (serve --listen): admin, staff, institution

“c2isurvey COMMAND --help” details each command (add --lang en for English).
Exit codes: 0 done, 1 failure (or a file refused, for validate), 2 usage error,
3 another run is working on the same data folder (run without --wait).
`
	case "cli.help.template":
		return `Utilisation : c2isurvey template --year ANNÉE --out FICHIER.xlsx [--uai CODE --name NOM] [--academie NOM] [--lang fr|en]

Écrit le formulaire d'enquête vierge (disposition 1) d'une année universitaire : une
ligne par parcours, les cellules de comptage n'acceptent que des nombres entiers ≥ 0,
et une feuille d'instructions. ANNÉE est l'année de fin : 2013 pour 2012-2013.

Options :
`,
			`Usage: c2isurvey template --year YEAR --out FILE.xlsx [--uai CODE --name NAME] [--academie NAME] [--lang fr|en]

Writes the blank survey form (layout 1) of an academic year: one row per track, the
count cells accept only whole numbers ≥ 0, and an instructions sheet. YEAR is the
ending year: 2013 for 2012-2013.

Options:
`
	case "cli.help.compare":
		return `Utilisation : c2isurvey compare --in CHEMIN... | --data DOSSIER [--by track|group] [--only CODE,CODE]
       [--from ANNÉE --to ANNÉE] [--panel] [--format table|csv] [--lang fr|en] [--registry FICHIER] [--tracks FICHIER]

Compare les parcours (--by track) ou les groupes de parcours (--by group, par défaut)
d'une année à l'autre : étudiants, certificats, part des certificats, taux de réussite.
Les données sont lues dans les fichiers donnés (--in, comme report) ou dans le dossier
de données du service de nuit (--data, sans rien prendre dans inbox/ ; sa liste des
établissements attendus est alors utilisée si --registry n'en donne pas d'autre).
  --only      ne garde que ces codes de parcours ou de groupes (ex. masters,formation-continue)
  --from/--to bornes des années (2012 ou 2011-2012)
  --panel     chaque paire d'années ne porte que sur les établissements ayant répondu
              les deux années : l'évolution mesure alors les mêmes établissements
  --format    table (par défaut, années en colonnes) ou csv (colonnes de compare.csv ;
              avec --panel, suivies de previous_year, institutions et previous_*)
Un taux calculé sur moins de --fragile étudiants (30 par défaut) est marqué *.

Options :
`,
			`Usage: c2isurvey compare --in PATH... | --data FOLDER [--by track|group] [--only CODE,CODE]
       [--from YEAR --to YEAR] [--panel] [--format table|csv] [--lang fr|en] [--registry FILE] [--tracks FILE]

Compares tracks (--by track) or track groups (--by group, the default) from year to
year: students, certificates, share of certificates, success rate. The data are read
from the files given (--in, as report does) or from the nightly service's data folder
(--data, taking nothing from inbox/; its list of expected institutions is then used
unless --registry gives another).
  --only      keeps only these track or group codes (e.g. masters,formation-continue)
  --from/--to the first and last years (2012 or 2011-2012)
  --panel     each pair of years covers only the institutions that answered both
              years: the change then measures the same institutions
  --format    table (the default, years as columns) or csv (compare.csv's columns;
              with --panel, followed by previous_year, institutions and previous_*)
A rate computed on fewer than --fragile students (30 by default) is marked *.

Options:
`
	case "cli.help.validate":
		return `Utilisation : c2isurvey validate [--lang fr|en] [--tracks FICHIER] [--annotate DOSSIER] FICHIER...

Vérifie des fichiers d'enquête sans produire de rapport, et affiche chaque problème
trouvé (fichier, feuille, cellule, ce qui ne va pas et quoi faire). À lancer avant
d'envoyer un fichier. Code de sortie 1 si un fichier est refusé, 0 sinon.
Avec --annotate, chaque fichier refusé est rendu annoté dans DOSSIER : une copie du
classeur où chaque cellule fautive est surlignée et commentée, précédée de la liste
des problèmes (NOM.annote.xlsx).

Options :
`,
			`Usage: c2isurvey validate [--lang fr|en] [--tracks FILE] [--annotate FOLDER] FILE...

Checks survey files without producing a report, and prints every problem found
(file, sheet, cell, what is wrong and what to do). To run before sending a file.
Exit code 1 if a file is refused, 0 otherwise.
With --annotate, each refused file is given back annotated in FOLDER: a copy of the
workbook with each faulty cell highlighted and commented, after the list of
problems (NAME-annotated.xlsx).

Options:
`
	case "cli.help.registry":
		return `Utilisation :
  c2isurvey registry import [--data DOSSIER] [--lang fr|en] [--academies FICHIER] FICHIER
  c2isurvey registry show   [--data DOSSIER] [--lang fr|en]

La liste des établissements attendus (un fichier CSV UTF-8, séparateur « ; », en-tête
uai;institution;academie;first_year;last_year;successor) dit qui doit répondre chaque
année : elle donne les taux de réponse et la liste des établissements qui n'ont pas
répondu. Les années sont des années de fin (2012 pour 2011-2012) ; last_year vide : encore
attendu ; successor : le code UAI de l'établissement qui a pris la suite (fusion,
fermeture).

  import  vérifie chaque ligne de FICHIER et, si toutes sont valides, remplace la liste
          du dossier de données (DOSSIER/registry.csv) ; sinon, chaque problème est
          affiché avec sa ligne, rien n'est changé et le code de sortie est 1. Chaque
          fichier importé est gardé dans DOSSIER/registry-history/ et l'import est
          noté dans c2isurvey.db.
  show    affiche la liste en vigueur et l'historique des imports (« list » aussi).

Options :
`,
			`Usage:
  c2isurvey registry import [--data FOLDER] [--lang fr|en] [--academies FILE] FILE
  c2isurvey registry show   [--data FOLDER] [--lang fr|en]

The list of expected institutions (a UTF-8 CSV file, separator “;”, header
uai;institution;academie;first_year;last_year;successor) says who must answer each
year: it gives the response rates and the list of institutions that did not answer.
Years are ending years (2012 for 2011-2012); last_year empty: still expected;
successor: the UAI code of the institution that took over (merger, closure).

  import  checks every line of FILE and, if all are valid, replaces the data folder's
          list (FOLDER/registry.csv); otherwise every problem is printed with its
          line, nothing is changed and the exit code is 1. Every file imported is
          kept in FOLDER/registry-history/ and the import is recorded in
          c2isurvey.db.
  show    prints the list in force and the history of imports (“list” too).

Options:
`
	case "cli.help.serve":
		return `Utilisation : c2isurvey serve [--data DOSSIER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]
                       [--listen 127.0.0.1:8080 [--tls-cert FICHIER --tls-key FICHIER]]

Le service de nuit : tourne jusqu'à son arrêt (Ctrl-C, SIGTERM) et lance un passage
(comme « c2isurvey run ») selon le calendrier cron donné, à l'heure du fuseau --tz.
Le calendrier a 5 champs (minute heure jour mois jour-de-semaine) ou 6 (secondes en
tête), ou une forme comme @daily. Deux passages ne se chevauchent jamais : un passage
encore en cours à l'heure du suivant fait sauter celui-ci. Les nuits de changement
d'heure, le passage a lieu une fois. À l'arrêt, un passage en cours se termine (au plus
--grace), sinon il s'interrompt entre deux fichiers sans rien laisser à moitié.
Avec --listen, sert aussi le portail web (comptes : « c2isurvey users »).

Options :
`,
			`Usage: c2isurvey serve [--data FOLDER] [--schedule "30 3 * * *"] [--tz Europe/Paris] [--log-format text|json]
                       [--listen 127.0.0.1:8080 [--tls-cert FILE --tls-key FILE]]

The nightly service: runs until stopped (Ctrl-C, SIGTERM) and starts a run (as
“c2isurvey run”) on the cron schedule given, on the clock of the --tz time zone.
The schedule has 5 fields (minute hour day month weekday) or 6 (seconds first), or
a form such as @daily. Two runs never overlap: a run still going at the next time
makes that time skip. On the nights clocks change, the run happens once. When
stopped, a run in progress finishes (at most --grace), else it stops between two
files leaving nothing half done.
With --listen, also serves the web portal (accounts: “c2isurvey users”).

Options:
`
	case "cli.flag.in":
		return "fichier ou dossier d'enquête à lire (plusieurs possibles)", "survey file or folder to read (several allowed)"
	case "cli.flag.compare.data":
		return "dossier de données du service de nuit, lu sans rien prendre", "the nightly service's data folder, read without taking anything"
	case "cli.flag.by":
		return "group (groupes de parcours) ou track (parcours)", "group (track groups) or track (tracks)"
	case "cli.flag.only":
		return "codes à garder, séparés par des virgules", "codes to keep, separated by commas"
	case "cli.flag.from":
		return "première année (2012 ou 2011-2012)", "first year (2012 or 2011-2012)"
	case "cli.flag.to":
		return "dernière année (2012 ou 2011-2012)", "last year (2012 or 2011-2012)"
	case "cli.flag.panel":
		return "ne comparer que les établissements ayant répondu les deux années", "compare only the institutions that answered both years"
	case "cli.flag.format":
		return "table ou csv", "table or csv"
	case "cli.help.publish":
		return `Utilisation : c2isurvey publish --year ANNÉE [--data DOSSIER] [--lang fr|en] [--tracks FICHIER]

Fige les rapports du dernier passage pour l'année ANNÉE (2012 ou 2011-2012) comme
édition N (1, 2, …) dans DOSSIER/reports/editions/AAAA-AAAA/N/ : le rapport annuel
de l'année (et le rapport qualité s'il existe), le classeur, les tableaux CSV, et les
chiffres de l'année (facts.csv) avec la description de l'édition (edition.json).
Une édition n'est jamais réécrite. Les passages suivants disent, dans revisions.csv
et dans les rapports, ce qui a changé dans l'année depuis sa dernière édition.
Refusé tant que le dernier passage a échoué, s'il n'a pas de données pour l'année,
ou s'il est déjà publié comme édition de l'année. --tracks doit être le dictionnaire
des passages.

Options :
`,
			`Usage: c2isurvey publish --year YEAR [--data FOLDER] [--lang fr|en] [--tracks FILE]

Freezes the latest run's reports for the year YEAR (2012 or 2011-2012) as
edition N (1, 2, …) in FOLDER/reports/editions/YYYY-YYYY/N/: the year's annual
report (and its quality report if there is one), the workbook, the CSV tables, and
the year's figures (facts.csv) with the edition's description (edition.json).
An edition is never rewritten. Later runs say, in revisions.csv and in the
reports, what changed in the year since its latest edition.
Refused while the latest run failed, if it has no data for the year, or if it is
already published as an edition of the year. --tracks must be the runs' track
dictionary.

Options:
`
	case "cli.help.users":
		return `Utilisation :
  c2isurvey users add     [--data DOSSIER] --email ADRESSE --role admin|staff|institution [--uai CODE] [--generate]
  c2isurvey users list    [--data DOSSIER]
  c2isurvey users disable [--data DOSSIER] --email ADRESSE
  c2isurvey users enable  [--data DOSSIER] --email ADRESSE
  c2isurvey users passwd  [--data DOSSIER] --email ADRESSE [--generate]

Les comptes du portail (« c2isurvey serve --listen ») :
  admin        gère les comptes, la liste des établissements attendus et les réglages ;
  staff        le personnel du ministère : voit tout, dépose pour un établissement,
               lance un passage, publie une édition ;
  institution  un établissement (--uai obligatoire) : voit et dépose pour lui seul.

Le mot de passe est lu sur l'entrée standard (une ligne, au moins 12 caractères) ; s'il
n'y en a pas (entrée vide) ou avec --generate, un mot de passe fort est créé et affiché
une seule fois. « passwd » et « disable » mettent fin aux sessions ouvertes du compte.

Options :
`,
			`Usage:
  c2isurvey users add     [--data FOLDER] --email ADDRESS --role admin|staff|institution [--uai CODE] [--generate]
  c2isurvey users list    [--data FOLDER]
  c2isurvey users disable [--data FOLDER] --email ADDRESS
  c2isurvey users enable  [--data FOLDER] --email ADDRESS
  c2isurvey users passwd  [--data FOLDER] --email ADDRESS [--generate]

The web portal's accounts (“c2isurvey serve --listen”):
  admin        manages accounts, the list of expected institutions and the settings;
  staff        the ministry's staff: sees everything, uploads for an institution,
               starts a run, publishes an edition;
  institution  an institution (--uai required): sees and uploads for itself only.

The password is read from standard input (one line, at least 12 characters); if
there is none (empty input) or with --generate, a strong password is made and
printed once. “passwd” and “disable” end the account's open sessions.

Options:
`
	case "cli.flag.publish.year":
		return "année à publier : 2012 ou 2011-2012", "year to publish: 2012 or 2011-2012"
	case "cli.flag.users.email":
		return "adresse électronique du compte", "the account's email address"
	case "cli.flag.users.role":
		return "rôle : admin, staff ou institution", "role: admin, staff or institution"
	case "cli.flag.users.uai":
		return "code UAI de l'établissement (rôle institution)", "the institution's UAI code (institution role)"
	case "cli.flag.users.generate":
		return "créer un mot de passe fort au lieu de le lire", "make a strong password instead of reading one"
	case "cli.flag.listen":
		return "adresse du portail web, par exemple 127.0.0.1:8080 (sans : pas de portail)", "the web portal's address, for example 127.0.0.1:8080 (without: no portal)"
	case "cli.flag.tls-cert":
		return "certificat TLS du portail (PEM) ; avec --tls-key, le portail est servi en HTTPS", "the portal's TLS certificate (PEM); with --tls-key, the portal is served over HTTPS"
	case "cli.flag.tls-key":
		return "clé privée TLS du portail (PEM)", "the portal's TLS private key (PEM)"
	case "cli.flag.annotate":
		return "dossier où écrire la copie annotée de chaque fichier refusé (NOM.annote.xlsx)", "folder to write the annotated copy of each refused file in (NAME-annotated.xlsx)"
	case "cli.flag.settings":
		return "paramètres de publication : ministère, service, contact, logo, seuils (voir docs/settings.md)", "publication settings: ministry, service, contact, logo, thresholds (see docs/settings.md)"
	case "cli.flag.registry":
		return "liste des établissements attendus (CSV ';', voir « c2isurvey registry --help »)", "list of expected institutions (CSV ';', see “c2isurvey registry --help”)"
	case "cli.flag.compare.fragile":
		return "un taux calculé sur moins d'étudiants est fragile", "a rate computed on fewer students is fragile"
	case "cli.flag.lang":
		return "langue des messages et des rapports : fr ou en", "language of the messages and reports: fr or en"
	case "cli.flag.tracks":
		return "dictionnaire des parcours à utiliser à la place de celui intégré (CSV ';')", "track dictionary to use instead of the built-in one (CSV ';')"
	case "cli.flag.academies":
		return "dictionnaire des académies à utiliser à la place de celui intégré (CSV ';')", "académie dictionary to use instead of the built-in one (CSV ';')"
	case "cli.flag.runs.limit":
		return "nombre de passages à lister", "number of runs to list"
	case "cli.flag.status":
		return "accepted, rejected, replaced, duplicate ou pending (défaut : tous)", "accepted, rejected, replaced, duplicate or pending (default: all)"
	case "cli.flag.files.limit":
		return "nombre de fichiers à lister (les plus récents)", "number of files to list (the most recent)"
	case "cli.flag.force":
		return "reconstruire même un registre sain (il est mis de côté)", "rebuild even a sound store (it is set aside)"
	case "cli.flag.out":
		return "dossier où écrire les rapports (créé au besoin)", "folder to write the reports into (created if needed)"
	case "cli.flag.fragile":
		return "un taux sur moins de N étudiants est signalé fragile", "a rate on fewer than N students is marked fragile"
	case "cli.flag.suppress":
		return "un taux sur moins de N étudiants n'est pas publié par établissement", "a rate on fewer than N students is not published by institution"
	case "cli.flag.parquet":
		return "écrire aussi les tables en Parquet dans DOSSIER/parquet/", "also write the tables as Parquet in FOLDER/parquet/"
	case "cli.flag.data":
		return "dossier de données (défaut : $C2I_DATA, sinon ./c2i-data)", "data folder (default: $C2I_DATA, else ./c2i-data)"
	case "cli.flag.settle":
		return "un fichier n'est pris que s'il n'a pas changé depuis cette durée", "a file is taken only if it has not changed for this long"
	case "cli.flag.wait":
		return "si un autre passage tourne, attendre qu'il finisse au lieu d'abandonner", "if another run is working, wait for it to end instead of giving up"
	case "cli.flag.schedule":
		return "calendrier cron des passages", "cron schedule of the runs"
	case "cli.flag.tz":
		return "fuseau horaire du calendrier", "time zone of the schedule"
	case "cli.flag.log-format":
		return "format du journal : text ou json", "log format: text or json"
	case "cli.flag.grace":
		return "à l'arrêt, temps laissé au passage en cours pour finir", "when stopping, time left to the run in progress to finish"
	case "cli.flag.year":
		return "année universitaire, par son année de fin (2013 pour 2012-2013)", "academic year, by its ending year (2013 for 2012-2013)"
	case "cli.flag.template.out":
		return "fichier .xlsx à écrire", ".xlsx file to write"
	case "cli.flag.uai":
		return "code UAI de l'établissement, pré-rempli (facultatif)", "the institution's UAI code, filled in (optional)"
	case "cli.flag.name":
		return "nom de l'établissement, pré-rempli (facultatif)", "the institution's name, filled in (optional)"
	case "cli.flag.academie":
		return "académie, pré-remplie (facultatif)", "académie, filled in (optional)"
	}
	return "", ""
}
