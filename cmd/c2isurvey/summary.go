package main

import (
	"fmt"
	"io"
	"strings"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/texts"
)

// summarise prints the run's outcome for the person at the terminal: counts,
// then each refused file with its first reason (every reason is in
// rejections.csv), duplicates and replacements. ft is b's fates resolved
// (b.FateTable()).
func summarise(w io.Writer, lang string, b *ingest.Batch, ft *ingest.FateTable, skipped []string) {
	t := texts.Lang(lang)
	// The counts are ingest's, one definition for the terminal, the
	// workbook and the quality reports: every file has one fate.
	fates := ft.Fates(0)
	c := ft.Counts(0, fates)
	warnings := 0
	for _, f := range b.Files {
		warnings += len(f.Warnings)
	}
	fmt.Fprintln(w, t.F("cli.summary", texts.Count(c.Received), texts.Count(c.Accepted), texts.Count(c.Replaced), texts.Count(c.Refused), texts.Count(c.Duplicates)))
	for i, f := range b.Files {
		// A copy of a refused file is listed once, as a duplicate below.
		if fates[i] == ingest.FateRefused {
			p := f.Refusals[0]
			msg := shown(p.Message)
			if loc := where(ingest.Location{Sheet: p.Sheet, Cell: p.Cell}, t); loc != "" {
				msg = loc + " " + msg
			}
			if n := len(f.Refusals); n > 1 {
				msg += fmt.Sprintf(" (+%d)", n-1)
			}
			fmt.Fprintln(w, t.F("cli.summary.refused", shown(f.File), msg))
		}
	}
	for _, d := range b.Duplicates {
		fmt.Fprintln(w, t.F("cli.summary.duplicate", shown(d.File), shown(d.SameAs)))
	}
	for _, r := range b.Replacements {
		fmt.Fprintln(w, t.F("cli.summary.replaced", shown(r.UAI), texts.YearLabel(r.Year), shown(r.Old), shown(r.New)))
	}
	if line := skippedLine(lang, skipped); line != "" {
		fmt.Fprintln(w, line)
	}
	if warnings > 0 {
		fmt.Fprintln(w, t.F("cli.summary.warnings", texts.Count(warnings)))
	}
}

// skippedLine says which files a folder scan passed over (ingest.Collect),
// "" when none. Folders hold notes and the generator's sources beside the
// surveys: it names a few and counts the rest, so the refusals printed
// before it stay visible.
func skippedLine(lang string, skipped []string) string {
	if len(skipped) == 0 {
		return ""
	}
	t := texts.Lang(lang)
	const few = 3
	var names []string
	for _, s := range skipped[:min(few, len(skipped))] {
		names = append(names, shown(s))
	}
	list := strings.Join(names, ", ")
	if len(skipped) > few {
		list += t.F("cli.summary.more", texts.Count(len(skipped)-few))
	}
	return t.F("cli.summary.skipped", texts.Count(len(skipped)), list)
}

// passSummary prints what a nightly pass did.
func passSummary(w io.Writer, lang string, res nightly.Result) {
	t := texts.Lang(lang)
	fmt.Fprintln(w, t.F("cli.pass.summary", texts.Count(res.RunID), texts.Count(res.Seen), texts.Count(res.Accepted), texts.Count(res.Rejected), texts.Count(res.Duplicates), texts.Count(res.Replaced), texts.Count(res.Pending)))
	for _, f := range res.Files {
		if f.Status == "rejected" && len(f.Refusals) > 0 {
			fmt.Fprintln(w, t.F("cli.summary.refused", shown(f.Name), shown(f.Refusals[0].Message)))
		}
	}
	if res.Unchanged {
		// The reports latest points at are those of run res.Kept.
		fmt.Fprintln(w, res.Message)
	}
	if len(res.Reused) > 0 {
		// Which yearly reports were taken from an earlier run.
		fmt.Fprintln(w, res.Message)
	}
	if res.Reports != "" {
		fmt.Fprintln(w, t.F("cli.pass.reports", shown(res.Reports)))
	}
}
