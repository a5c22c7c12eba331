package main

import (
	"fmt"
	"io"
	"strings"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/report"
)

// summarise prints the run's outcome for the person at the terminal: counts,
// then each refused file with its first reason (every reason is in
// rejections.csv), duplicates and replacements.
func summarise(w io.Writer, lang string, b *ingest.Batch, skipped []string) {
	t := texts(lang)
	refused, warnings := 0, 0
	for _, f := range b.Files {
		if f.Refused() {
			refused++
		}
		warnings += len(f.Warnings)
	}
	dups := len(b.Duplicates)
	accepted := len(b.Files) - refused - dups
	for _, d := range b.Duplicates {
		// A duplicate of a refused file was counted as refused above.
		for _, f := range b.Files {
			if f.File == d.File && f.Refused() {
				accepted++
			}
		}
	}
	fmt.Fprintf(w, t.summary+"\n", len(b.Files), accepted, refused, dups, len(b.Replacements))
	for _, f := range b.Files {
		if f.Refused() {
			p := f.Refusals[0]
			msg := shown(p.Message)
			if loc := where(ingest.Location{Sheet: p.Sheet, Cell: p.Cell}, t); loc != "" {
				msg = loc + " " + msg
			}
			if n := len(f.Refusals); n > 1 {
				msg += fmt.Sprintf(" (+%d)", n-1)
			}
			fmt.Fprintf(w, t.summaryRefused+"\n", shown(f.File), msg)
		}
	}
	for _, d := range b.Duplicates {
		fmt.Fprintf(w, t.summaryDuplicates+"\n", shown(d.File), shown(d.SameAs))
	}
	for _, r := range b.Replacements {
		fmt.Fprintf(w, t.summaryReplaced+"\n", shown(r.UAI), report.YearLabel(r.Year), shown(r.Old), shown(r.New))
	}
	if len(skipped) > 0 {
		// Folders hold notes and the generator's sources beside the surveys:
		// name a few, count the rest, so the refusals above stay visible.
		const few = 3
		var names []string
		for _, s := range skipped[:min(few, len(skipped))] {
			names = append(names, shown(s))
		}
		list := strings.Join(names, ", ")
		if len(skipped) > few {
			list += fmt.Sprintf(t.andMore, len(skipped)-few)
		}
		fmt.Fprintf(w, t.summarySkipped+"\n", len(skipped), list)
	}
	if warnings > 0 {
		fmt.Fprintf(w, t.summaryWarnings+"\n", warnings)
	}
}

// passSummary prints what a nightly pass did.
func passSummary(w io.Writer, lang string, res nightly.Result) {
	t := texts(lang)
	fmt.Fprintf(w, t.passSummary+"\n", res.RunID, res.Seen, res.Accepted, res.Rejected, res.Duplicates, res.Replaced, res.Pending)
	for _, f := range res.Files {
		if f.Status == "rejected" && len(f.Refusals) > 0 {
			fmt.Fprintf(w, t.summaryRefused+"\n", shown(f.Name), shown(f.Refusals[0].Message))
		}
	}
	if res.Unchanged {
		// The reports latest points at are those of run res.Kept.
		fmt.Fprintln(w, res.Message)
	}
	if res.Reports != "" {
		fmt.Fprintf(w, t.passReports+"\n", shown(res.Reports))
	}
}
