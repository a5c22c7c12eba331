package report

import (
	"fmt"
	"strings"
	"time"

	"c2isurvey/ingest"
)

// The source line under every table and chart says where the figures come
// from, when the data was taken and what they cover (« Champ »), as a
// published statistic must; the « Lecture » line, where one helps, reads one
// figure of the table aloud, built from the figures themselves.

// Size and line height of a source note, in points and millimetres: smaller
// than the body text and grey, as the report's other notes.
const (
	sourceSize = 8.0
	sourceLH   = 4.0
)

// dataAsOf is the date the data of a year's report was taken: the latest
// modification time of the accepted files that gave data for that year or
// an earlier one (the report shows the series up to its year), duplicates
// left out since they add nothing. The batch, from the store or a stateless
// run alike, carries these times, so the date is a function of the input,
// never of the clock. Zero when there is no batch or no time.
func dataAsOf(batch *ingest.Batch, year int) time.Time {
	var latest time.Time
	if batch == nil {
		return latest
	}
	dup := map[string]bool{}
	for _, dd := range batch.Duplicates {
		dup[dd.File] = true
	}
	for _, r := range batch.Files {
		if r.Refused() || dup[r.File] || r.ModTime.IsZero() {
			continue
		}
		counts := false
		for _, s := range r.Submissions {
			if s.Year <= year {
				counts = true
				break
			}
		}
		if counts && r.ModTime.After(latest) {
			latest = r.ModTime
		}
	}
	return latest
}

// sourceText is the source line of a table or chart whose scope is scope,
// naming the publisher of the settings (ministry, service).
func (d *pdfDoc) sourceText(asOf time.Time, scope string) string {
	publisher := pdfShow(d.set.MinistryIn(d.lang))
	if s := d.set.ServiceIn(d.lang); s != "" {
		publisher += ", " + pdfShow(s)
	}
	if asOf.IsZero() {
		return fmt.Sprintf(d.p("source.nodate"), publisher, scope)
	}
	return fmt.Sprintf(d.p("pdf.source"), publisher, FormatDate(asOf, d.lang), scope)
}

// sourceMark returns n when it is a source line (it starts as the
// catalogue's source lines do), "" otherwise; for counting them.
func (d *pdfDoc) sourceMark(n string) string {
	prefix, _, _ := strings.Cut(d.p("source.nodate"), "%s")
	if strings.HasPrefix(n, prefix) {
		return n
	}
	return ""
}

// noteLines wraps a note in the source style.
func (d *pdfDoc) noteLines(text string) []string {
	d.font("I", sourceSize)
	return d.wrap(text, contentW)
}

// notesHeight is the height the notes take once drawn, so that a table's
// last row or a chart can keep them on its page.
func (d *pdfDoc) notesHeight(notes ...string) float64 {
	h := 0.0
	for _, n := range notes {
		if n != "" {
			h += float64(len(d.noteLines(n))) * sourceLH
		}
	}
	return h + 1
}

// notes draws the source and reading lines under a table or chart. The
// caller has kept their height on the page (pdfTable.keep, ensure), so that
// they never open a page on their own; should they still not fit, they go
// to the next page together.
func (d *pdfDoc) notes(notes ...string) {
	d.ensure(d.notesHeight(notes...))
	d.f.Ln(1)
	for _, n := range notes {
		if n == "" {
			continue
		}
		if n == d.sourceMark(n) {
			d.sources++
		}
		lines := d.noteLines(n)
		d.color(colMuted)
		for _, line := range lines {
			d.f.SetX(marginL)
			d.f.CellFormat(contentW, sourceLH, line, "", 1, "L", false, 0, "")
		}
	}
	d.color(colInk)
	d.f.Ln(3)
}
