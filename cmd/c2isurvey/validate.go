package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

func cmdValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o commonOptions
	fs := newFlagSet("validate", "cli.help.validate", args, stderr)
	o.register(fs)
	annotateDir := fs.String("annotate", "", "cli.flag.annotate")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("cli.usage-error.no-file")
	}
	return runValidate(ctx, o, fs.Args(), *annotateDir, stdout)
}

// runValidate reads each file on its own (no duplicate or replacement
// resolution: each file is judged as the institution would send it) and
// prints its verdict.
func runValidate(ctx context.Context, o commonOptions, paths []string, annotateDir string, stdout io.Writer) error {
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	opts = opts.Prepared() // built once for all the files
	files, skipped, err := ingest.Collect(paths)
	if err != nil {
		return err
	}
	t := texts.Lang(opts.Lang)
	refused := 0
	taken := map[string]bool{} // annotated copies' names, as two files may share a name
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, n := ingest.CheckFile(f, opts)
		if r.Refused() {
			refused++
			fmt.Fprintln(stdout, t.F("cli.verdict", shown(f), t.T("cli.refused")))
		} else {
			fmt.Fprintln(stdout, t.F("cli.verdict", shown(f), t.F("cli.accepted", texts.Count(len(r.Submissions)), texts.Count(n))))
		}
		for _, p := range r.Refusals {
			fmt.Fprintf(stdout, "  %s %s\n", where(p.Location, t), shown(p.Message))
		}
		for _, p := range r.Warnings {
			fmt.Fprintf(stdout, "  %s %s %s\n", t.T("cli.warning"), where(p.Location, t), shown(p.Message))
		}
		if annotateDir != "" && r.Refused() {
			annotateTo(annotateDir, r, opts.Lang, taken, stdout)
		}
	}
	// A file of the folder not checked is said, not silently left out:
	// "all accepted" would otherwise cover a lock file or a pipe.
	if line := skippedLine(opts.Lang, skipped); line != "" {
		fmt.Fprintln(stdout, line)
	}
	if refused > 0 {
		fmt.Fprintln(stdout, t.F("cli.validate.refused", texts.Count(refused), texts.Count(len(files))))
		return errRefused
	}
	fmt.Fprintln(stdout, t.F("cli.validate.ok", texts.Count(len(files))))
	return nil
}

// shown returns a text that comes from an input (a file or sheet name, a
// message quoting a cell) as a terminal may print it: an escape sequence
// in a file name must not clear the screen, nor a line break in a cell
// forge a line of the listing. See textsafe.Show.
func shown(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.TerminalMax})
}

// where renders a location as "[feuille X, cellule B7]" / "[sheet X, cell B7]".
func where(l ingest.Location, t texts.Lang) string {
	l.Sheet, l.Cell = shown(l.Sheet), shown(l.Cell)
	switch {
	case l.Sheet != "" && l.Cell != "":
		return t.F("cli.where.sheet.cell", l.Sheet, l.Cell)
	case l.Sheet != "":
		return t.F("cli.where.sheet", l.Sheet)
	case l.Cell != "":
		return fmt.Sprintf("[%s]", l.Cell)
	}
	return ""
}
