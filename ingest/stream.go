package ingest

import (
	"errors"
	"slices"

	"c2isurvey/ingest/sheet"
)

// streamMinBytes is the size from which a text file is offered to the
// streamed path: below it, the ordinary reader's grid costs little, and
// every form and small table keeps exactly the reading it had. It is
// LargeFile, the size from which ReadAll reads a file alone, so that one
// process streams one table at a time.
const streamMinBytes = LargeFile

// errNotTable stops a stream whose first rows are not a consolidated
// table's: the file goes the ordinary way.
var errNotTable = errors.New("not a consolidated table")

// readStreamed reads a large CSV holding a consolidated table (layout 2)
// row by row into submissions, through sheet.StreamCSV: neither the file's
// text nor its grid is held, only the facts and, per row, its disposition
// and whether it is blank (a few bytes). The interpretation is the one of
// layout2 (table.row), fed one row at a time; what it reads of other rows
// (the header, for headerLike) is kept.
//
// ok is false when the file is not such a table (not text, no consolidated
// header in its first rows, or a refusal of the reader before its header
// was found): the caller reads it the ordinary way, with the ordinary
// limits and refusals.
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
		for r := 0; r <= h.row; r++ {
			in.disp[r] = dispHeader
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

	err := sheet.StreamCSV(path, opts.Limits, func(info sheet.CSVInfo, row int, cells []sheet.Cell) error {
		r := row - 1
		if !started {
			in.format, in.sep = sheet.CSV, info.Separator
			grow(r)
			sh.Rows[r] = slices.Clone(cells)
			if len(sh.Rows) > headerScanRows {
				return begin()
			}
			return nil
		}
		grow(r)
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
	})
	var se *sheet.Error
	switch {
	case errors.Is(err, sheet.ErrNotText), errors.Is(err, errNotTable):
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
		in.sheet = &sheet.Sheet{}
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
		res.Submissions = subs
	}
	res.Refusals = capProblems(in.lang, in.refusals, in.nRefusals)
	res.Warnings = capProblems(in.lang, in.warnings, in.nWarnings)
	return res, true, false
}

// errStopped stops a stream whose table's header is refused (checkHeader):
// its rows are not read, as layout2 does not read them.
var errStopped = errors.New("table refused")
