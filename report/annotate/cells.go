package annotate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest/textsafe"
)

// spot is one cell at fault and the problems found there, in their order.
type spot struct {
	sheet, cell string
	es          []entry
}

// spots groups the entries that name a cell of the workbook by cell, in the
// order of their first problem: a cell holds one comment, which then says
// every problem found there.
func spots(es []entry) []spot {
	var out []spot
	at := map[[2]string]int{}
	for _, e := range es {
		if e.sheet == "" || e.cell == "" {
			continue
		}
		k := [2]string{e.sheet, e.cell}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, spot{sheet: e.sheet, cell: e.cell})
		}
		out[i].es = append(out[i].es, e)
	}
	return out
}

// annotateCells highlights each cell at fault and comments it. The fill is
// merged into a copy of the cell's own style, so that its number format,
// font, borders and alignment stay as the institution made them; an
// existing comment is kept, below the problems.
func annotateCells(f *excelize.File, es []entry, lang string) error {
	styles := map[[2]int]int{} // (original style, warning) → highlighted style
	comments := map[string]map[string]excelize.Comment{}
	for _, s := range spots(es) {
		warning := true
		for _, e := range s.es {
			warning = warning && e.warning
		}
		if err := highlight(f, s.sheet, s.cell, warning, styles); err != nil {
			return fmt.Errorf("sheet %s, cell %s: %w", s.sheet, s.cell, err)
		}
		if comments[s.sheet] == nil {
			cs, err := f.GetComments(s.sheet)
			if err != nil {
				return fmt.Errorf("sheet %s: comments: %w", s.sheet, err)
			}
			comments[s.sheet] = map[string]excelize.Comment{}
			for _, c := range cs {
				comments[s.sheet][c.Cell] = c
			}
		}
		old, had := comments[s.sheet][s.cell]
		if had {
			if err := f.DeleteComment(s.sheet, s.cell); err != nil {
				return fmt.Errorf("sheet %s, cell %s: comment: %w", s.sheet, s.cell, err)
			}
		}
		if err := f.AddComment(s.sheet, comment(s, old, had, lang)); err != nil {
			return fmt.Errorf("sheet %s, cell %s: comment: %w", s.sheet, s.cell, err)
		}
	}
	return nil
}

func highlight(f *excelize.File, sheetName, cell string, warning bool, styles map[[2]int]int) error {
	orig, err := f.GetCellStyle(sheetName, cell)
	if err != nil {
		return err
	}
	w := 0
	if warning {
		w = 1
	}
	id, ok := styles[[2]int{orig, w}]
	if !ok {
		color := fillRefusal
		if warning {
			color = fillWarning
		}
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		st, err := f.GetStyle(orig)
		if err != nil || st == nil {
			st = &excelize.Style{}
		}
		st.Fill = fill
		if id, err = f.NewStyle(st); err != nil {
			// A style excelize cannot write back: the fill alone
			// still shows the cell.
			if id, err = f.NewStyle(&excelize.Style{Fill: fill}); err != nil {
				return err
			}
		}
		styles[[2]int{orig, w}] = id
	}
	return f.SetCellStyle(sheetName, cell, cell, id)
}

// comment is the comment of a cell at fault: each problem, its severity in
// bold, then the comment the cell had, if any.
func comment(s spot, old excelize.Comment, had bool, lang string) excelize.Comment {
	bold := &excelize.Font{Bold: true, Size: 9}
	var runs []excelize.RichTextRun
	chars := 0
	for i, e := range s.es {
		label := t(lang, "annotate.comment.refusal")
		if e.warning {
			label = t(lang, "annotate.comment.warning")
		}
		if i > 0 {
			label = "\n\n" + label
		}
		msg := commentText(e.Message)
		runs = append(runs, excelize.RichTextRun{Text: label, Font: bold}, excelize.RichTextRun{Text: msg})
		chars += utf8.RuneCountInString(msg) + 20
	}
	if had {
		runs = append(runs, excelize.RichTextRun{Text: "\n\n" + t(lang, "annotate.comment.original"), Font: bold})
		// excelize gives a comment's plain text in Text and its
		// formatted runs in Paragraph; either may be empty.
		if old.Text != "" {
			runs = append(runs, excelize.RichTextRun{Text: old.Text})
			chars += utf8.RuneCountInString(old.Text)
		}
		for _, p := range old.Paragraph {
			runs = append(runs, excelize.RichTextRun{Text: p.Text})
			chars += utf8.RuneCountInString(p.Text)
		}
		chars += 30
	}
	// The box is sized to its text (about 50 characters a line at 9 points
	// in 300 points of width), within reason.
	lines := chars/50 + 2*len(s.es) + 1
	return excelize.Comment{
		Cell:      s.cell,
		Author:    t(lang, "annotate.comment.author"),
		Paragraph: runs,
		Width:     300,
		Height:    uint(min(600, 14*lines)),
	}
}

// commentText is a message as a comment shows it: a comment holds at most
// 32,512 characters, and a problem's message is far shorter than that
// unless it quotes a huge cell, which is then cut in its middle.
func commentText(s string) string {
	return strings.TrimSpace(textsafe.Show(s, textsafe.Options{Max: 4000}))
}
