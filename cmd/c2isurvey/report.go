package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

const reportUsage = `Utilisation : c2isurvey report --in CHEMIN... --out DOSSIER [--lang fr|en] [--tracks FICHIER]
                          [--registry FICHIER] [--fragile N] [--suppress N] [--parquet]

Lit les fichiers d'enquête donnés (les dossiers sont parcourus récursivement), écarte les
fichiers refusés en disant pourquoi, et écrit dans DOSSIER :
  c2i2e-AAAA-AAAA.pdf  le rapport annuel de chaque année universitaire présente
  qualite-AAAA-AAAA.pdf le rapport qualité de chaque année, pour le service (non publié) :
                       fichiers reçus, refusés, remplacés, doublons, établissements
                       sans réponse, chiffres à vérifier
  c2i2e.xlsx           le classeur Excel (tableaux, graphiques, données sources)
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
  parquet/TABLE.parquet                    national, tracks, groups, institutions, academies
Dans les tableaux par établissement, un taux calculé sur moins de --fragile étudiants (30)
est donné entre parenthèses ; sur moins de --suppress étudiants (10), il n'est pas publié.
Le programme se termine avec le code 0 même si des fichiers sont refusés, avec le
code 1 si une sortie n'a pas pu être écrite (les autres le sont, l'erreur la nomme).
--registry donne la liste des établissements attendus (voir « c2isurvey registry
--help ») : sans elle, aucun taux de réponse n'est calculé ; si une de ses lignes est
refusée, rien n'est produit, chaque problème est affiché et le code de sortie est 1.

Options :
`

// reportOptions are the report command's flags.
type reportOptions struct {
	commonOptions
	in       listFlag
	out      string
	registry string
	parquet  bool
	// small are the small-count thresholds (--fragile, --suppress).
	small aggregate.SmallCounts
}

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o reportOptions
	fs := newFlagSet("report", reportUsage, stderr)
	o.register(fs)
	fs.Var(&o.in, "in", "fichier ou dossier d'enquête à lire (plusieurs possibles)")
	fs.StringVar(&o.out, "out", "", "dossier où écrire les rapports (créé au besoin)")
	o.small = aggregate.DefaultSmallCounts()
	fs.Int64Var(&o.small.Fragile, "fragile", o.small.Fragile, "un taux sur moins de N étudiants est signalé fragile")
	fs.Int64Var(&o.small.Suppress, "suppress", o.small.Suppress, "un taux sur moins de N étudiants n'est pas publié par établissement")
	fs.StringVar(&o.registry, "registry", "", "liste des établissements attendus (CSV ';', voir « c2isurvey registry --help »)")
	fs.BoolVar(&o.parquet, "parquet", false, "écrire aussi les tables en Parquet dans DOSSIER/parquet/")
	if err := parse(fs, spreadList(args, "in")); err != nil {
		return err
	}
	o.in = append(o.in, fs.Args()...)
	if len(o.in) == 0 {
		return usagef("aucune entrée : donnez au moins un fichier ou dossier avec --in")
	}
	if o.out == "" {
		return usagef("--out DOSSIER est obligatoire")
	}
	if o.small.Fragile < 0 || o.small.Suppress < 0 || o.small.Suppress > o.small.Fragile {
		return usagef("--suppress (%d) et --fragile (%d) doivent être positifs, --suppress au plus égal à --fragile", o.small.Suppress, o.small.Fragile)
	}
	return runReport(ctx, o, stdout, stderr)
}

// runReport is the whole stateless pipeline: read, aggregate, write. A
// panic (a bug) becomes an error, so that it exits 1 like any failure, not 2
// as a usage error would; WriteAll already turns one in an output into an
// error naming it.
func runReport(ctx context.Context, o reportOptions, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %s", shown(fmt.Sprint(r)))
		}
	}()
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	// The registry is the user's configuration, not an institution's
	// file: a fault in it stops the report before anything is read.
	var reg *registry.Registry
	if o.registry != "" {
		res := loadRegistry(o.registry, opts)
		t := texts.Lang(opts.Lang)
		if res.Refused() {
			fmt.Fprintln(stderr, t.F("cli.report.registry.refused", shown(o.registry)))
			printProblems(stderr, t, res.Refusals, res.Warnings)
			return errRefused
		}
		printProblems(stderr, t, nil, res.Warnings)
		reg = res.Registry
	}
	files, skipped, err := ingest.Collect(o.in)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, len(files), texts.Lang(opts.Lang).T("cli.files"))
	batch, err := ingest.ReadAll(ctx, files, opts, bar.Set)
	bar.Done()
	if err != nil {
		return err
	}
	mem := memory.NewGoAllocator()
	tables, err := aggregate.BuildBatch(mem, batch, opts.Tracks)
	if err != nil {
		return fmt.Errorf("aggregate: %w", err)
	}
	defer tables.Release()
	in := report.Input{Tables: tables, Tracks: opts.Tracks, Batch: batch, Lang: opts.Lang, SmallCounts: &o.small, Registry: reg, Parquet: o.parquet}
	// An output that fails does not stop the others: what was written is
	// listed, and the error (exit 1) names what was not.
	written, err := report.WriteAll(ctx, o.out, in)
	summarise(stderr, opts.Lang, batch, skipped)
	warnUnexpected(stderr, opts.Lang, tables.Facts, reg)
	for _, p := range written {
		fmt.Fprintln(stdout, shown(p))
	}
	return err
}
