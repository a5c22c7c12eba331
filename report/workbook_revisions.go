package report

import (
	"fmt"
	"strconv"
	"strings"
)

// writeRevisions adds, when some year has an edition (Input.Revisions),
// a last sheet of what changed in each published year since its latest
// edition, as revisions.csv has it: the national totals, the tracks and
// the institutions whose figures changed, with the file of the edition's
// figure and the file that changed it. With no edition it adds nothing,
// so that a workbook of a year never published is as it was.
func (wb *workbook) writeRevisions(in Input) error {
	years := revisionYears(in.Revisions)
	if len(years) == 0 {
		return nil
	}
	r := func(key string) string { return T(wb.lang, key) }
	sheet := r("rev.sheet")
	if _, err := wb.f.NewSheet(sheet); err != nil {
		return fmt.Errorf("sheet %s: %w", sheet, err)
	}
	var published []string
	for _, y := range years {
		rev := in.Revisions[y]
		published = append(published, fmt.Sprintf(r("rev.sheet.edition"), YearLabel(y), strconv.Itoa(rev.Edition), FormatDate(rev.Published, wb.lang)))
	}
	head := []headLine{
		{r("rev.sheet.title"), wb.styleTitle},
		{fmt.Sprintf(r("rev.sheet.scope"), strings.Join(published, ", ")), wb.styleNote},
		{wbT(wb.lang, "source"), wb.styleNote},
	}
	for i, line := range head {
		cell := cellName(1, i+1)
		if err := wb.f.SetCellStr(sheet, cell, line.text); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		if err := wb.f.SetCellStyle(sheet, cell, cell, line.style); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	cols := []wbColumn{
		{T(wb.lang, "academic.year"), kindText}, {r("rev.sheet.edition.col"), kindCount}, {r("rev.sheet.level"), kindText},
		{r("rev.col.change"), kindText}, {T(wb.lang, "uai"), kindText}, {T(wb.lang, "institution"), kindText},
		{T(wb.lang, "academie"), kindText}, {T(wb.lang, "track"), kindText},
		{r("rev.sheet.students.edition"), kindCount}, {r("rev.sheet.certs.edition"), kindCount},
		{r("rev.col.students.revised"), kindCount}, {r("rev.col.certs.revised"), kindCount},
		{r("rev.sheet.file.edition"), kindText}, {r("rev.col.file"), kindText},
	}
	// An absent figure (an added or removed row) is an empty cell, not 0.
	count := func(o optInt) any {
		if !o.ok {
			return ""
		}
		return o.v
	}
	var rows [][]any
	for _, y := range years {
		rev := in.Revisions[y]
		yl, n := YearLabel(y), int64(rev.Edition)
		change := r("rev.unchanged")
		if rev.Changed() {
			change = r("rev.changed")
		}
		rows = append(rows, []any{yl, n, r("rev.level.national"), change, "", "", "", "",
			rev.Before.Students, rev.Before.Certs, rev.After.Students, rev.After.Certs, "", ""})
		tracks, err := readRevisionTracks(rev.Tracks)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for _, t := range tracks {
			rows = append(rows, []any{yl, n, r("rev.level.track"), r("rev." + t.change), "", "", "", wb.trackLabel(t.track),
				count(t.prevStudents), count(t.prevCerts), count(t.students), count(t.certs), "", ""})
		}
		facts, err := readRevisionFacts(rev.Facts)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		for _, f := range facts {
			rows = append(rows, []any{yl, n, r("rev.level.institution"), r("rev." + f.change), f.uai, f.name, wb.academieLabel(f.acad),
				wb.trackLabel(f.track), count(f.prevStudents), count(f.prevCerts), count(f.students), count(f.certs),
				fileName(f.prevFile), fileName(f.file)})
		}
	}
	l := &sheetLayout{name: sheet}
	last, err := wb.writeTable(l, tableTop, cols, rows)
	if err != nil {
		return err
	}
	if err := wb.writeNotes(sheet, last+2, []string{r("rev.sheet.note"), wbT(wb.lang, "note.definitions")}); err != nil {
		return err
	}
	if err := wb.finishTable(l, cols, last, 2); err != nil {
		return err
	}
	return wb.printSetup(sheet, l.wide(), 0, tableTop)
}
