package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/textsafe"
)

const validateUsage = `Utilisation : c2isurvey validate [--lang fr|en] [--tracks FICHIER] FICHIER...

Vérifie des fichiers d'enquête sans produire de rapport, et affiche chaque problème
trouvé (fichier, feuille, cellule, ce qui ne va pas et quoi faire). À lancer avant
d'envoyer un fichier. Code de sortie 1 si un fichier est refusé, 0 sinon.

Options :
`

func cmdValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o commonOptions
	fs := newFlagSet("validate", validateUsage, stderr)
	o.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("aucun fichier à vérifier")
	}
	return runValidate(ctx, o, fs.Args(), stdout)
}

// runValidate reads each file on its own (no duplicate or replacement
// resolution: each file is judged as the institution would send it) and
// prints its verdict.
func runValidate(ctx context.Context, o commonOptions, paths []string, stdout io.Writer) error {
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	opts = opts.Prepared() // built once for all the files
	files, _, err := ingest.Collect(paths)
	if err != nil {
		return err
	}
	t := texts(opts.Lang)
	refused := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := ingest.ReadFile(f, opts)
		if r.Refused() {
			refused++
			fmt.Fprintf(stdout, "%s : %s\n", shown(f), t.refused)
		} else {
			n := 0
			for _, s := range r.Submissions {
				n += len(s.Facts)
			}
			fmt.Fprintf(stdout, "%s : %s\n", shown(f), fmt.Sprintf(t.accepted, len(r.Submissions), n))
		}
		for _, p := range r.Refusals {
			fmt.Fprintf(stdout, "  %s %s\n", where(p.Location, t), shown(p.Message))
		}
		for _, p := range r.Warnings {
			fmt.Fprintf(stdout, "  %s %s %s\n", t.warning, where(p.Location, t), shown(p.Message))
		}
	}
	if refused > 0 {
		fmt.Fprintf(stdout, t.validateSummaryRefused+"\n", refused, len(files))
		return errRefused
	}
	fmt.Fprintf(stdout, t.validateSummaryOK+"\n", len(files))
	return nil
}

// shown returns a text that comes from an input (a file or sheet name, a
// message quoting a cell) as a terminal may print it: an escape sequence
// in a file name must not clear the screen, nor a line break in a cell
// forge a line of the listing. See textsafe.Show.
func shown(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.TerminalMax})
}

// where renders a location as "[feuille X, cellule B7]".
func where(l ingest.Location, t uiTexts) string {
	l.Sheet, l.Cell = shown(l.Sheet), shown(l.Cell)
	switch {
	case l.Sheet != "" && l.Cell != "":
		return fmt.Sprintf("[%s %s, %s %s]", t.sheet, l.Sheet, t.cell, l.Cell)
	case l.Sheet != "":
		return fmt.Sprintf("[%s %s]", t.sheet, l.Sheet)
	case l.Cell != "":
		return fmt.Sprintf("[%s]", l.Cell)
	}
	return ""
}
