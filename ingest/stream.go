package ingest

import (
	"errors"
	"slices"

	"c2isurvey/ingest/sheet"
)

// streamMinBytes is the size from which a CSV or a workbook is offered to
// the streamed path: below it, the ordinary reader's grid costs little, and
// every form and small table keeps exactly the reading it had. It is
// LargeFile, the size from which ReadAll reads a file alone, so that one
// process streams one table at a time.
const streamMinBytes = LargeFile

// errNotTable stops a stream whose first rows are not a consolidated
// table's: the file goes the ordinary way.
var errNotTable = errors.New("not a consolidated table")

// readStreamed reads a large CSV or .xlsx holding a consolidated table
// (layout 2) row by row into submissions, through sheet.StreamCSV or
// sheet.StreamXLSX: neither the file's text nor its grid is held, only the
// facts and, per row, its disposition and whether it is blank (a few
// bytes). The interpretation is the one of layout2 (table.row), fed one
// row at a time; what it reads of other rows (the header, for headerLike)
// is kept. A workbook's hidden rows and columns are left out and named by
// warnings, as Interpret does (streamHidden).
//
// ok is false when the file is not such a table (neither text nor a
// workbook, another worksheet with a header of its own, no consolidated
// header in its first rows, a refusal of the reader before its header was
// found, or rows the streamed workbook reader cannot take in their order):
// the caller reads it the ordinary way, with the ordinary limits and
// refusals.
//
// The table is read grouped (see table): each submission's facts are
// built once its rows are read. When a submission's rows turn out not to
// be together, the file is read again, each submission's rows gathered
// until the last row as the grid's are: a table in another order costs
// a second reading and the memory of the builders, and reads the same.
func readStreamed(res FileResult, opts Options) (FileResult, bool) {
	r, ok, regroup := readStream(res, opts, true)
	if regroup {
		r, ok, _ = readStream(res, opts, false)
	}
	return r, ok
}

// readStream is readStreamed, grouped or not; regroup reports a grouped
// reading given up (see table.endGrouped).
func readStream(res FileResult, opts Options, grouped bool) (_ FileResult, ok, regroup bool) {
	path := res.File
	in := newInterp(path, opts)
	sh := &sheet.Sheet{}
	in.sheet = sh
	var t *table
	started := false
	hid := &streamHidden{}

	// grow makes room for row index r: a blank line is a row with no
	// cell. Once the table is found, rows are not kept (the row being
	// read is in.streamCells), only what became of them.
	grow := func(r int) {
		if started {
			for len(in.disp) <= r {
				in.disp = append(in.disp, dispNone)
				in.blanks = append(in.blanks, true)
			}
			return
		}
		for len(sh.Rows) <= r {
			sh.Rows = append(sh.Rows, nil)
		}
	}
	begin := func() error {
		h, ok := in.findHeader(sh)
		if !ok || (h.col[fYear] < 0 && h.col[fUAI] < 0) {
			return errNotTable
		}
		started = true
		in.disp = make([]disposition, len(sh.Rows))
		for _, r := range hid.rows {
			if r < len(in.disp) {
				in.disp[r] = dispHidden
			}
		}
		for r := 0; r <= h.row; r++ {
			if in.disp[r] == dispNone || r == h.row {
				in.disp[r] = dispHeader
			}
		}
		blanks := make([]bool, len(sh.Rows))
		for r := range blanks {
			blanks[r] = in.blankRow(r)
		}
		in.blanks = blanks
		var ok2 bool
		if t, ok2 = in.beginTable(h); !ok2 {
			return errStopped
		}
		t.grouped = grouped
		for r := h.row + 1; r < len(sh.Rows); r++ {
			t.row(r)
			sh.Rows[r] = nil
		}
		return nil
	}
	// each takes row index r, its cells as a person sees them (hidden
	// columns blanked; nil for a hidden row).
	each := func(r int, cells []sheet.Cell, hidden bool) error {
		if !started {
			grow(r)
			sh.Rows[r] = slices.Clone(cells)
			if len(sh.Rows) > headerScanRows {
				return begin()
			}
			return nil
		}
		grow(r)
		if hidden {
			in.disp[r] = dispHidden
		}
		in.blanks[r] = true
		for _, c := range cells {
			if !blank(c) {
				in.blanks[r] = false
				break
			}
		}
		in.streamCells, in.streamRow = cells, r
		t.row(r)
		in.streamCells = nil // the cells are the reader's, reused for the next record
		return nil
	}

	err := sheet.StreamCSV(path, opts.Limits, func(info sheet.CSVInfo, row int, cells []sheet.Cell) error {
		in.format, in.sep = sheet.CSV, info.Separator
		return each(row-1, cells, false)
	})
	if errors.Is(err, sheet.ErrNotText) {
		err = sheet.StreamXLSX(path, opts.Limits, func(info sheet.XLSXInfo, row int, hidden bool, cells []sheet.Cell) error {
			if in.format == "" {
				// Another sheet with a header of its own (a second table,
				// a form) makes Interpret choose between them, and warn
				// about the other: the ordinary way. Sheets without one
				// (notes, a legend) are what Interpret passes over too.
				for i := range info.Others {
					v := visible(&info.Others[i])
					if _, ok := in.findHeader(&v); ok {
						return errNotTable
					}
				}
				in.format, sh.Name, sh.Hidden = sheet.XLSX, info.Sheet, info.Hidden
				hid.cols = info.HiddenCols
			}
			cells, hidden = hid.see(row-1, cells, hidden)
			return each(row-1, cells, hidden)
		})
	}
	var se *sheet.Error
	switch {
	case errors.Is(err, sheet.ErrNotText), errors.Is(err, sheet.ErrNotStreamable), errors.Is(err, errNotTable):
		return res, false, false
	case !started:
		// A refusal before the header was found, or a file of fewer rows
		// than the header is looked for in: the ordinary reader says what
		// it says today.
		return res, false, false
	case errors.As(err, &se):
		if hash, herr := HashFile(path); herr == nil {
			res.Hash = hash
		}
		res.Refusals = []Problem{sheetProblem(path, opts.Lang, se)}
		return res, true, false
	case err != nil && !errors.Is(err, errStopped):
		return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, err)), true, false
	}
	var subs []Submission
	if t != nil {
		// As dropGrid does: the header rows go before the submissions are
		// built; nothing reads a cell after the rows.
		in.sheet = &sheet.Sheet{Name: sh.Name, Hidden: sh.Hidden}
		subs = t.end()
		if t.regroup {
			return res, false, true
		}
	}
	hash, herr := HashFile(path)
	if herr != nil {
		return refused(res, opts.Lang, KindCannotOpen, reason(opts.Lang, herr)), true, false
	}
	res.Hash = hash
	res.Layout = 2
	if len(in.refusals) == 0 {
		res.Submissions, res.dropped = subs, in.dropped
	}
	res.Refusals = capProblems(in.lang, in.refusals, in.nRefusals)
	res.Warnings = hid.warnings(in, opts)
	return res, true, false
}

// streamHidden is what a streamed workbook hides: the columns and rows
// hidden in Excel that hold something. Interpret reads a sheet as a person
// sees it, hidden rows and columns blanked, and warns about each before
// any problem of the table (hidden): the warnings are noted as the rows
// come and put first at the end (warnings), the first maxProblems rows of
// them only, with the count of the others.
type streamHidden struct {
	cols     []int       // the hidden columns, 1-based
	colFirst map[int]int // hidden column → first row index holding something in it
	rows     []int       // row indexes of the first hidden rows holding something
	rowCol   []int       // the first column index holding something in each
	more     int         // hidden rows holding something beyond those
	view     []sheet.Cell
}

// see notes what row index r hides and returns its cells as a person
// sees them.
func (h *streamHidden) see(r int, cells []sheet.Cell, hidden bool) ([]sheet.Cell, bool) {
	for _, c := range h.cols {
		if c-1 < len(cells) && !blank(cells[c-1]) {
			if _, seen := h.colFirst[c]; !seen {
				if h.colFirst == nil {
					h.colFirst = map[int]int{}
				}
				h.colFirst[c] = r
			}
		}
	}
	if hidden {
		for c, cell := range cells {
			if !blank(cell) {
				if len(h.rows) < maxProblems {
					h.rows, h.rowCol = append(h.rows, r), append(h.rowCol, c)
				} else {
					h.more++
				}
				return nil, true
			}
		}
		return nil, false
	}
	if len(h.cols) == 0 {
		return cells, false
	}
	h.view = append(h.view[:0], cells...)
	for _, c := range h.cols {
		if c-1 < len(h.view) {
			h.view[c-1] = sheet.Cell{}
		}
	}
	return h.view, false
}

// warnings returns the file's warnings: the hidden sheet, columns and
// rows first, as Interpret words them, then in's.
func (h *streamHidden) warnings(in *interp, opts Options) []Problem {
	pre := newInterp(in.file, opts)
	pre.sheet, pre.format = in.sheet, in.format
	if in.sheet.Hidden {
		pre.warn(pre.locSheet(), KindHiddenSheetRead, quoted(in.sheet.Name))
	}
	for _, c := range h.cols {
		if r, ok := h.colFirst[c]; ok {
			pre.warn(Location{File: in.file, Sheet: in.sheet.Name, Cell: pre.cellName(r, c-1)}, KindHiddenColumn, sheet.ColName(c))
		}
	}
	for i, r := range h.rows {
		pre.warn(Location{File: in.file, Sheet: in.sheet.Name, Cell: pre.cellName(r, h.rowCol[i])}, KindHiddenRow, r+1)
	}
	pre.nWarnings += h.more
	ws := append(pre.warnings, in.warnings...)
	if len(ws) > maxProblems {
		ws = ws[:maxProblems]
	}
	return capProblems(in.lang, ws, pre.nWarnings+in.nWarnings)
}

// errStopped stops a stream whose table's header is refused (checkHeader):
// its rows are not read, as layout2 does not read them.
var errStopped = errors.New("table refused")
