package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"
)

// Magic numbers of the containers a survey file may arrive in.
var (
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06") // an archive with no entry at all
	magicOLE      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads the spreadsheet file at path into grids. The format is taken
// from the content, not from the extension: an .xlsx renamed .csv, or a CSV
// saved as .xls, is read for what it is.
//
// Any failure is an *Error: a file that is not a usable spreadsheet
// (ErrEmpty, ErrDamaged, ErrNotSpreadsheet, ErrLegacyXLS, ErrODS,
// ErrEncrypted, ErrTooLarge) or that cannot be opened at all (ErrUnreadable).
func Read(path string, lim Limits) (*Workbook, error) {
	data, err := Load(path, lim)
	if err != nil {
		return nil, err
	}
	return ReadBytes(path, data, lim)
}

// Reader reads files one after the other, keeping what reading one costs
// to set up (the inflaters of zip entries, buffers) for the next: a
// worker that reads thousands of forms keeps one. The zero Reader is ready
// to use; a Reader is not for several goroutines at once. The package's
// Read and ReadBytes use a new one each time.
//
// Nothing a Reader keeps is part of a Workbook it returned: every text of
// a Workbook is a string of its own.
type Reader struct {
	inflate inflaters
	pkg     zipPackage // its maps, scanner and buffers (newPackage)
	parsed  []parsedPart
	file    []byte // Load's buffer
}

// Load reads a file's bytes for ReadBytes, within the limits: a file over
// MaxFileBytes is refused (ErrTooLarge) before anything is read, and a
// named pipe or a device (ErrUnreadable) before it is opened, since opening
// one could block forever. Callers that need the bytes themselves (to hash
// exactly what they parse) use Load and ReadBytes rather than Read.
func Load(path string, lim Limits) ([]byte, error) {
	return load(path, nil, lim, nil)
}

// reuseFileBytes is the size of the largest file whose buffer a Reader
// keeps for the next: a form is a few kilobytes.
const reuseFileBytes = 1 << 20

// Load is the package's Load into r's buffer: the bytes are r's until the
// next call of r.Load (a caller that keeps them copies them).
func (r *Reader) Load(path string, lim Limits) ([]byte, error) {
	return r.LoadStat(path, nil, lim)
}

// LoadStat is r.Load of a file whose os.Stat the caller has made, st
// (nil: Load makes it), so that a file is not looked up twice.
func (r *Reader) LoadStat(path string, st os.FileInfo, lim Limits) ([]byte, error) {
	return r.keepBuffer(load(path, st, lim, r.file))
}

// keepBuffer keeps the buffer of data, a file just read into r.file or a
// new slice, for the next file when it is no larger than reuseFileBytes,
// and returns what it is given.
func (r *Reader) keepBuffer(data []byte, err error) ([]byte, error) {
	if err == nil && cap(data) <= reuseFileBytes {
		r.file = data[:0]
	}
	return data, err
}

// statRegular is st, or path's os.Stat when st is nil, refused unless it
// is a regular file: the one check every reader makes before opening.
func statRegular(path string, st os.FileInfo) (os.FileInfo, error) {
	if st == nil {
		var err error
		if st, err = os.Stat(path); err != nil {
			return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("stat %s: %v", path, err)}
		}
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError(path)
	}
	return st, nil
}

// checkFileSize refuses a file of more than max bytes.
func checkFileSize(path string, st os.FileInfo, max int64) error {
	if st.Size() > max {
		return tooLargeError(path, st.Size(), max)
	}
	return nil
}

// load is Load, from st when not nil, into buf when it has room.
func load(path string, st os.FileInfo, lim Limits, buf []byte) ([]byte, error) {
	lim = lim.withDefaults()
	st, err := statRegular(path, st)
	if err != nil {
		return nil, err
	}
	// Checked before reading so that a huge file costs nothing.
	if err := checkFileSize(path, st, lim.MaxFileBytes); err != nil {
		return nil, err
	}
	// The file read is the one opened, checked again (readOpened): whatever
	// was put in its place since st was taken is refused as it would have
	// been then.
	return readOpened(path, lim.MaxFileBytes, buf)
}

// Errors of readOpened, the same whichever way the platform reads.
func openError(path string, err error) error {
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("open %s: %v", path, &os.PathError{Op: "open", Path: path, Err: err})}
}

func fstatError(path string, err error) error {
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("stat %s: %v", path, &os.PathError{Op: "stat", Path: path, Err: err})}
}

func readError(path string, err error) error {
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read %s: %v", path, &os.PathError{Op: "read", Path: path, Err: err})}
}

func notRegularError(path string) error {
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s is not a regular file", path)}
}

func tooLargeError(path string, size, max int64) error {
	return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("%s: %d bytes, limit %d", path, size, max)}
}

// sized is buf when it holds size bytes, else a new slice: one allocation
// of the size found by the open file's stat (io.ReadAll would double its
// buffer as it goes).
func sized(buf []byte, size int64) []byte {
	if int64(cap(buf)) >= size {
		return buf[:size]
	}
	return make([]byte, size)
}

// ReadBytes is Read for a file already in memory; name is used in error
// details only.
func ReadBytes(name string, data []byte, lim Limits) (wb *Workbook, err error) {
	var r Reader
	return r.ReadBytes(name, data, lim)
}

// ReadBytes is the package's ReadBytes, with what r keeps from the files
// it read before.
func (r *Reader) ReadBytes(name string, data []byte, lim Limits) (wb *Workbook, err error) {
	lim = lim.withDefaults()
	// The parsers below are fed hostile bytes; whatever slips through their
	// checks must become a refusal of this one file, not a crash of the batch.
	defer func() {
		if p := recover(); p != nil {
			// Whatever r held may be half-way through a change: the next
			// file starts from nothing.
			*r = Reader{}
			wb = nil
			err = &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s: internal error while reading: %v\n%s", name, p, debug.Stack())}
		}
	}()
	wb, err = r.readBytes(data, lim)
	if err != nil {
		var se *Error
		if !errors.As(err, &se) {
			// Every path above returns *Error; this keeps the contract even
			// if one is missed.
			return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s: %v", name, err)}
		}
		if se.Detail == "" {
			se.Detail = name
		} else {
			se.Detail = name + ": " + se.Detail
		}
		return nil, se
	}
	return wb, nil
}

func (r *Reader) readBytes(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("%d bytes, limit %d", len(data), lim.MaxFileBytes)}
	}
	switch {
	case len(data) == 0:
		return nil, &Error{Kind: ErrEmpty, Detail: "the file has zero bytes"}
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, magicZipEmpty):
		return r.readZip(data, lim)
	case bytes.HasPrefix(data, magicOLE):
		return nil, classifyOLE(data)
	}
	if what := binaryKind(data); what != "" {
		return nil, &Error{Kind: ErrNotSpreadsheet, Detail: what}
	}
	return readCSV(data, lim)
}

// binaryKind names the kind of a non-text file, or returns "" for text.
func binaryKind(data []byte) string {
	for _, m := range []struct {
		prefix string
		what   string
	}{
		{"%PDF", "a PDF document"},
		{"\x89PNG\r\n\x1a\n", "a PNG image"},
		{"\xff\xd8\xff", "a JPEG image"},
		{"GIF87a", "a GIF image"},
		{"GIF89a", "a GIF image"},
		{"\x1f\x8b", "a gzip archive"},
		{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
		{"Rar!\x1a\x07", "a RAR archive"},
		{"\x7fELF", "an executable"},
		{"{\\rtf", "an RTF document"},
	} {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.what
		}
	}
	// UTF-16 text has NUL bytes by nature; it is recognised by its BOM.
	if bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return ""
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "binary data (NUL bytes), not text"
	}
	// Text, in any of the encodings accepted, has no control character but
	// tab, line ends and form feed; a few stray ones are tolerated (some
	// exports leave a 0x1A end-of-file mark), many mean binary data.
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' {
			ctl++
		}
	}
	if ctl > len(head)/100 {
		return "binary data (control bytes), not text"
	}
	return ""
}

func (lim Limits) withDefaults() Limits {
	def := DefaultLimits()
	if lim.MaxFileBytes <= 0 {
		lim.MaxFileBytes = def.MaxFileBytes
	}
	if lim.MaxUnzippedBytes <= 0 {
		lim.MaxUnzippedBytes = def.MaxUnzippedBytes
	}
	if lim.MaxRows <= 0 {
		lim.MaxRows = def.MaxRows
	}
	if lim.MaxCols <= 0 {
		lim.MaxCols = def.MaxCols
	}
	if lim.MaxCells <= 0 {
		lim.MaxCells = def.MaxCells
	}
	if lim.MaxSharedStrings <= 0 {
		lim.MaxSharedStrings = def.MaxSharedStrings
	}
	if lim.MaxTextBytes <= 0 {
		lim.MaxTextBytes = def.MaxTextBytes
	}
	return lim
}

// budget is what one file may hold in memory, counted as it is read and
// checked before each allocation it pays for, so that a file small on disk
// but costly in shape is refused before it costs anything (Limits says what
// each count means). One budget covers every sheet of a workbook.
type budget struct {
	lim   Limits
	cells int   // cell and row slots of every grid
	text  int64 // bytes of text held
}

// addCells accounts for n more cell or row slots, needed by the cell at
// row and col (named in the refusal).
func (b *budget) addCells(n int, sheet string, row, col int) error {
	b.cells += n
	if b.cells > b.lim.MaxCells {
		return &Error{Kind: ErrTooLarge, Sheet: sheet, Detail: fmt.Sprintf("at cell %s the grid reaches %d cells (rows × columns up to the last used cell of each row, all sheets together), limit %d", CellRef(row, min(col, 1<<14)), b.cells, b.lim.MaxCells)}
	}
	return nil
}

// addText accounts for n more bytes of text held, by the cell at row and
// col, or by shared string number col when row is 0.
func (b *budget) addText(n int, sheet string, row, col int) error {
	b.text += int64(n)
	if b.text > b.lim.MaxTextBytes {
		where := fmt.Sprintf("shared string %d", col)
		if row > 0 {
			where = "cell " + CellRef(row, min(col, 1<<14))
		}
		return &Error{Kind: ErrTooLarge, Sheet: sheet, Detail: fmt.Sprintf("at %s the text held reaches %d bytes, limit %d", where, b.text, b.lim.MaxTextBytes)}
	}
	return nil
}

// grid accumulates the cells of one sheet at their positions, enforcing the
// row and column limits and the budget as cells arrive so that a hostile
// reference such as XFD1048576, or a sheet whose shape costs far more than
// its bytes, is refused before anything is allocated for it.
//
// Cells of the row being filled go to a reused scratch row, copied at the
// row's end into a slice of exactly its length: appending cell by cell
// would leave each row with up to twice the capacity it needs and as much
// garbage behind it, on a million rows.
type grid struct {
	sheet   string
	lim     Limits
	budget  *budget
	rows    [][]Cell
	cells   int    // cells with a value or a formula
	cur     int    // 1-based row held in scratch; 0 for none
	scratch []Cell // cells of row cur
	slab    []Cell // where flush puts the rows' cells
	text    bool   // some cell holds more than white space

	// Hidden content (xlsx only): the rows hidden that hold a cell, as
	// they come (sorted by hiddenRowList); the hidden column ranges as a
	// difference array over columns 1..MaxCols+1 (one <col> costs the
	// same whatever its range); the columns that hold a cell.
	hiddenRows []int
	colDiff    []int
	used       []bool
}

func newGrid(sheet string, b *budget) *grid {
	return &grid{sheet: sheet, lim: b.lim, budget: b}
}

// set stores c at 1-based row and col.
func (g *grid) set(row, col int, c Cell) error {
	if row < 1 || col < 1 {
		return &Error{Kind: ErrUnreadable, Sheet: g.sheet, Detail: fmt.Sprintf("invalid cell position row %d column %d", row, col)}
	}
	if row > g.lim.MaxRows {
		return &Error{Kind: ErrTooLarge, Sheet: g.sheet, Detail: fmt.Sprintf("cell %s is beyond the limit of %d rows", CellRef(row, min(col, 1<<14)), g.lim.MaxRows)}
	}
	if col > g.lim.MaxCols {
		return &Error{Kind: ErrTooLarge, Sheet: g.sheet, Detail: fmt.Sprintf("cell %s is beyond the limit of %d columns", CellRef(row, min(col, 1<<14)), g.lim.MaxCols)}
	}
	if row != g.cur && row <= len(g.rows) && g.rows[row-1] != nil {
		return g.setStored(row, col, c)
	}
	if row != g.cur {
		if err := g.flush(); err != nil {
			return err
		}
		g.cur = row
		g.scratch = g.scratch[:0]
	}
	if col > len(g.scratch) {
		if err := g.budget.addCells(col-len(g.scratch), g.sheet, row, col); err != nil {
			return err
		}
		g.scratch = append(g.scratch, make([]Cell, col-len(g.scratch))...)
	}
	g.put(&g.scratch[col-1], col, c)
	return nil
}

// setStored sets a cell of a row already stored, which a hand-made file may
// come back to (rows out of order): in place, the row growing as append
// grows a slice, so that alternating between rows costs no more than
// filling them in order.
func (g *grid) setStored(row, col int, c Cell) error {
	r := g.rows[row-1]
	if col > len(r) {
		if err := g.budget.addCells(col-len(r), g.sheet, row, col); err != nil {
			return err
		}
		r = slices.Grow(r, col-len(r))[:col]
		g.rows[row-1] = r
	}
	g.put(&r[col-1], col, c)
	return nil
}

// put stores c in *dst, the cell of column col, keeping the counts.
func (g *grid) put(dst *Cell, col int, c Cell) {
	if dst.Kind == Empty && !dst.Formula {
		g.cells++
	}
	*dst = c
	if g.used == nil {
		g.used = make([]bool, g.lim.MaxCols+1)
	}
	g.used[col] = true
	if !g.text && strings.TrimSpace(c.Value) != "" {
		g.text = true
	}
}

// hiddenRow records that row, hidden, holds a cell.
func (g *grid) hiddenRow(row int) {
	if n := len(g.hiddenRows); n == 0 || g.hiddenRows[n-1] != row {
		g.hiddenRows = append(g.hiddenRows, row)
	}
}

// hideCols records columns lo to hi as hidden; columns past MaxCols cannot
// hold a cell (the grid refuses them), so the range is cut there.
func (g *grid) hideCols(lo, hi int) {
	lo, hi = max(lo, 1), min(hi, g.lim.MaxCols)
	if lo > hi {
		return
	}
	if g.colDiff == nil {
		g.colDiff = make([]int, g.lim.MaxCols+2)
	}
	g.colDiff[lo]++
	g.colDiff[hi+1]--
}

// hiddenRowList returns the hidden rows holding a cell, in increasing order.
func (g *grid) hiddenRowList() []int {
	slices.Sort(g.hiddenRows)
	return slices.Compact(g.hiddenRows)
}

// hiddenColList returns the hidden columns holding a cell, in increasing
// order.
func (g *grid) hiddenColList() []int {
	var out []int
	hidden := 0
	for c := 1; c < len(g.colDiff) && c < len(g.used); c++ {
		hidden += g.colDiff[c]
		if hidden > 0 && g.used[c] {
			out = append(out, c)
		}
	}
	return out
}

// flush stores the scratch row in rows, at exactly its length.
func (g *grid) flush() error {
	if g.cur == 0 {
		return nil
	}
	if g.cur > len(g.rows) {
		if err := g.budget.addCells(g.cur-len(g.rows), g.sheet, g.cur, max(1, len(g.scratch))); err != nil {
			return err
		}
		n := len(g.rows)
		g.rows = slices.Grow(g.rows, g.cur-n)[:g.cur]
		clear(g.rows[n:])
	}
	// The rows' cells are cut from one slab rather than allocated a row
	// at a time: a form's sheet is some twenty short rows. Each row keeps
	// its exact length and capacity.
	k := len(g.scratch)
	if cap(g.slab)-len(g.slab) < k {
		// Each slab twice the one before, from a form's size up.
		g.slab = make([]Cell, 0, max(k, min(2*cap(g.slab), maxRowSlab), minRowSlab))
	}
	l := len(g.slab)
	g.slab = append(g.slab, g.scratch...)
	g.rows[g.cur-1] = g.slab[l : l+k : l+k]
	g.cur = 0
	return nil
}

// The slabs of a grid's rows hold from minRowSlab cells (about a form's)
// to maxRowSlab.
const (
	minRowSlab = 64
	maxRowSlab = 4096
)

// finish returns the rows once every cell is set.
func (g *grid) finish() ([][]Cell, error) {
	if err := g.flush(); err != nil {
		return nil, err
	}
	g.scratch = nil
	return g.rows, nil
}
