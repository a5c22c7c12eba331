package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
)

// The bounds of StreamXLSX beyond StreamMaxBytes and StreamMaxRows. A
// worksheet is streamed, so the bytes it inflates to cost time, not memory
// (a million rows of seven cells are 280 to 340 MB of XML); the
// shared strings are held while the sheet is read, so they are bounded
// for a table of Excel's 1,048,576 rows with three texts of its own on each
// (UAI, name, académie): a string costs its bytes and 16 bytes more.
const (
	StreamMaxUnzippedBytes = 4 << 30
	StreamMaxSharedStrings = 4_000_000
	StreamMaxSharedBytes   = 128 << 20
)

// ErrNotStreamable is returned by StreamXLSX for a file it does not read:
// not a zip archive, a workbook whose worksheets beside the largest hold
// more than StreamMaxOtherCells cells, rows or cells that come back to a
// row already read. The ordinary reader (Read) reads it,
// with its limits. It may come after rows were handed to each.
var ErrNotStreamable = errors.New("not a workbook read row by row")

// XLSXInfo is what StreamXLSX found of a workbook before its first row.
type XLSXInfo struct {
	Sheet  string // the worksheet's name
	Hidden bool   // the worksheet is hidden in Excel
	// HiddenCols are the 1-based numbers, in increasing order, of the
	// columns hidden in Excel (up to lim.MaxCols), whether or not they
	// hold a cell.
	HiddenCols []int
	// Others are the workbook's other worksheets that hold a cell, in
	// workbook order, read whole as Read reads them (a sheet of notes
	// beside the table, a summary): the caller decides whether one of
	// them, rather than the streamed sheet, is what the file is about.
	// They hold at most StreamMaxOtherCells cells in all.
	Others []Sheet
}

// StreamMaxOtherCells bounds the cells of the worksheets beside the one
// streamed, which are held whole: notes, a legend, a small summary. A
// workbook whose other sheets hold more is read whole, under the grid's
// limits.
const StreamMaxOtherCells = 50_000

// StreamXLSX reads the worksheet of the .xlsx file at path row by row,
// calling each with the 1-based row, whether the row is hidden in Excel,
// and its cells (as Read gives a grid's row: trailing empty cells cut; the
// slice is reused from one call to the next, the values are not). Rows
// holding no cell are not handed. It holds neither the file, nor the
// sheet's XML, nor a grid: it exists so that a consolidated table of a
// million rows can be read into facts as it goes (docs/reader.md,
// "Streamed workbook"), as StreamCSV does for a CSV file.
//
// The checks are those of Read: the zip's structure and entry names, the
// declared and actual sizes, every entry's CRC-32 checked in the one pass
// that inflates it (the streamed ones as they are parsed: a damaged sheet
// is refused once its rows are handed, and ErrDamaged then prevails over
// whatever error stopped the reading), the XML's bounds, the cell types
// decoded as Read decodes them, with the same errors. StreamMaxBytes,
// StreamMaxRows, StreamMaxUnzippedBytes, StreamMaxSharedStrings and
// StreamMaxSharedBytes stand in for lim's file, row, unzipped, shared
// string and text bounds; lim.MaxCols applies, lim.MaxCells does not
// (nothing is held).
//
// The largest worksheet is streamed; the others are read first as Read
// reads them, and those holding a cell are given in XLSXInfo.Others
// (chart sheets and empty worksheets, such as the two that Excel 2007 to
// 2010 put in a new workbook, are nothing to give): which sheet holds the
// table is for ingest to decide, and a table of a million rows exported
// with a sheet of notes beside it must not need the grid's limits. A
// workbook whose other sheets hold more than StreamMaxOtherCells cells,
// and a file that is not a zip archive, return ErrNotStreamable. An error
// returned by each stops the reading and is returned as is, unless the
// sheet's entry turns out to be damaged.
func StreamXLSX(path string, lim Limits, each func(info XLSXInfo, row int, hidden bool, cells []Cell) error) (err error) {
	lim = lim.withDefaults()
	st, err := statRegular(path, nil)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("open %s: %v", path, err)}
	}
	defer f.Close()
	var magic [4]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil || !bytes.Equal(magic[:], magicZip) && !bytes.Equal(magic[:], magicZipEmpty) {
		return ErrNotStreamable
	}
	if err := checkFileSize(path, st, StreamMaxBytes); err != nil {
		return err
	}
	// The parsers are fed hostile bytes, as Read's are.
	defer func() {
		if p := recover(); p != nil {
			err = &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s: internal error while reading: %v\n%s", path, p, debug.Stack())}
		}
	}()
	sink := &rowSink{maxCols: lim.MaxCols, each: each}
	err = streamXLSX(f, st.Size(), lim, sink)
	var se *Error
	if err != nil && !sink.handed(err) && errors.As(err, &se) {
		// As ReadBytes names the file.
		if se.Detail == "" {
			se.Detail = path
		} else {
			se.Detail = path + ": " + se.Detail
		}
	}
	return err
}

func streamXLSX(f *os.File, size int64, lim Limits, sink *rowSink) error {
	v, err := fileView(f, size)
	if err != nil {
		return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read: %v", err)}
	}
	// A Reader of its own: its inflaters read the entries from the file
	// (inflaters.reset with no archive in memory), and nothing it keeps
	// outlives the file.
	var r Reader
	r.inflate.reset(nil, nil)
	zr, pkg, err := r.openZip(v, f)
	if err != nil {
		return err
	}
	slim := lim
	slim.MaxUnzippedBytes = StreamMaxUnzippedBytes
	slim.MaxSharedStrings = StreamMaxSharedStrings
	slim.MaxTextBytes = StreamMaxSharedBytes
	office := pkg.has("[Content_Types].xml")
	// The parts kept in memory first (relationships, the workbook, small
	// shared strings or sheet), to learn which parts are streamed.
	if err := pkg.verify(zr, slim, office, func(_ int, kept bool) bool { return kept }); err != nil {
		return err
	}
	parts, err := pkg.readParts()
	if err != nil {
		return err
	}
	table, others, err := pkg.tableSheet(parts)
	if err != nil {
		return err
	}
	// Then every other entry but the ones parsed below, before a row is
	// handed: a damaged entry anywhere refuses the file, as Read does.
	streamed := map[string]bool{partKey(table.target): true}
	for _, o := range others {
		streamed[partKey(o.target)] = true
	}
	hasSST := parts.sstPath != "" && pkg.has(parts.sstPath)
	if hasSST {
		streamed[partKey(parts.sstPath)] = true
	}
	if err := pkg.verify(zr, slim, office, func(i int, kept bool) bool {
		return !kept && !streamed[pkg.key(i, zr.File[i])]
	}); err != nil {
		return err
	}
	b := &budget{lim: slim}
	var sst sharedStrings
	if hasSST {
		if sst, err = pkg.streamSharedStrings(parts.sstPath, b); err != nil {
			return err
		}
	}
	// The other worksheets are read as Read reads them, into grids under
	// lim: empty, they are nothing to ingest (no header to find, nothing
	// to warn about); holding a cell, they go to the caller (Others), up
	// to StreamMaxOtherCells cells in all.
	gb := &budget{lim: lim}
	var kept []Sheet
	cells := 0
	for _, o := range others {
		g := newGrid(o.name, gb)
		var rows [][]Cell
		err := pkg.parseEntry(o.target, func(d *xmlScanner) error { return readSheetXML(d, o.target, o.name, &sst, g) })
		if err == nil {
			rows, err = g.finish()
		}
		if err != nil {
			return sheetError(err, o.name)
		}
		if g.cells == 0 {
			continue
		}
		if cells += g.cells; cells > StreamMaxOtherCells {
			return ErrNotStreamable
		}
		kept = append(kept, Sheet{Name: o.name, Hidden: o.hidden, Rows: rows, HiddenRows: g.hiddenRowList(), HiddenCols: g.hiddenColList()})
	}
	sink.sheet, sink.info = table.name, XLSXInfo{Sheet: table.name, Hidden: table.hidden, Others: kept}
	err = pkg.parseEntry(table.target, func(d *xmlScanner) error {
		if err := readSheetXML(d, table.target, table.name, &sst, sink); err != nil {
			return err
		}
		return sink.flush()
	})
	if err == nil || errors.Is(err, ErrNotStreamable) || sink.handed(err) {
		return err
	}
	return sheetError(err, table.name)
}

// sheetError is err, met reading sheet, as Read returns it: a damaged
// entry is the file's, as verify finds it; anything else is the sheet's.
func sheetError(err error, sheet string) error {
	var se *Error
	if errors.As(err, &se) && se.Kind == ErrDamaged {
		return err
	}
	return asError(err, sheet)
}

// worksheet is a worksheet of the workbook and its part.
type worksheet struct {
	sheetRef
	target string
}

// tableSheet returns the worksheet to stream, the largest once inflated,
// and the others (in workbook order), which must hold no cell: Excel
// 2007 to 2010 made three sheets in a new workbook, two of them left
// empty. It returns ErrNotStreamable for a workbook with no worksheet, or
// one Read would refuse for its structure (a relationship missing, a part
// read twice): Read says so.
func (p *zipPackage) tableSheet(parts workbookParts) (worksheet, []worksheet, error) {
	var all []worksheet
	seen := map[string]bool{partKey(parts.wbPath): true}
	if parts.sstPath != "" {
		seen[partKey(parts.sstPath)] = true
	}
	largest, size := -1, uint64(0)
	for _, ref := range parts.refs {
		rel, ok := parts.rels[ref.rid]
		if !ok {
			return worksheet{}, nil, ErrNotStreamable
		}
		if !strings.HasSuffix(rel.typ, relWorksheet) {
			continue
		}
		k := partKey(rel.target)
		f, _, _ := p.lookup(rel.target)
		if seen[k] || f == nil {
			return worksheet{}, nil, ErrNotStreamable
		}
		seen[k] = true
		if largest < 0 || f.UncompressedSize64 > size {
			largest, size = len(all), f.UncompressedSize64
		}
		all = append(all, worksheet{ref, rel.target})
	}
	if largest < 0 {
		return worksheet{}, nil, ErrNotStreamable
	}
	table := all[largest]
	return table, slices.Delete(all, largest, largest+1), nil
}

// streamSharedStrings is readSharedStrings for a table of millions of
// strings: all of them end to end in one string (sharedStrings), within
// StreamMaxSharedBytes (far below 4 GiB, which the ends count up to).
func (p *zipPackage) streamSharedStrings(name string, b *budget) (sharedStrings, error) {
	var all strings.Builder
	ends := []uint32{}
	err := p.parseEntry(name, func(d *xmlScanner) error {
		return scanSharedStrings(d, name, b,
			func(n int) { ends = make([]uint32, 0, n) },
			func(s []byte) {
				if bytes.Contains(s, []byte("_x")) {
					all.WriteString(decodeOOXMLEscapes(string(s)))
				} else {
					all.Write(s)
				}
				ends = append(ends, uint32(all.Len()))
			})
	})
	if err != nil {
		return sharedStrings{}, asError(err, "")
	}
	return sharedStrings{all: all.String(), ends: ends}, nil
}

// parseEntry parses the part name with parse: from memory when verify
// kept it, else inflated from the archive, its CRC-32 checked as it ends.
// Whatever stops the parsing (the end of the XML, a refusal, an error of
// each), the rest of the entry is inflated: a damaged entry is refused as
// damaged, as verify refuses it, rather than for what its damage made of
// the XML.
func (p *zipPackage) parseEntry(name string, parse func(d *xmlScanner) error) error {
	f, data, ok := p.lookup(name)
	if ok {
		return parse(p.scanner(name, data))
	}
	if f == nil {
		return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("part %s: %v", name, errNoPart)}
	}
	rc, err := p.inflate.open(f)
	if err != nil {
		return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q cannot be opened: %v", f.Name, err)}
	}
	defer rc.Close()
	er := &entryReader{r: rc}
	err = parse(newScanner(name, nil, er))
	// io.Discard reads with a buffer of its own, pooled; the entry is
	// no longer than it declares (archive/zip refuses one that is).
	if _, cerr := io.Copy(io.Discard, er); cerr != nil && er.err == nil {
		er.err = cerr
	}
	if er.err != nil {
		return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q is damaged: %v", f.Name, er.err)}
	}
	return err
}

// entryReader reads a zip entry, keeping the first error other than its
// end: a damaged entry (its checksum, its length, its compressed bytes).
type entryReader struct {
	r   io.Reader
	err error
}

func (e *entryReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// rowSink is the cellSink of StreamXLSX: it gathers the cells of one row
// and hands the row to each when a cell of a later row comes, or at the
// end (flush).
type rowSink struct {
	sheet   string
	maxCols int
	info    XLSXInfo
	cols    []bool // hidden columns, by number
	each    func(info XLSXInfo, row int, hidden bool, cells []Cell) error

	cur    int // the row being gathered, 0 for none
	last   int // the last row handed
	cells  []Cell
	hidden bool
	// eachErr is the last error each returned, told apart from the
	// reader's own.
	eachErr error
}

func (s *rowSink) set(row, col int, c Cell) error {
	if row < 1 || col < 1 {
		return &Error{Kind: ErrUnreadable, Sheet: s.sheet, Detail: fmt.Sprintf("invalid cell position row %d column %d", row, col)}
	}
	if row > StreamMaxRows {
		return &Error{Kind: ErrTooLarge, Sheet: s.sheet, Detail: fmt.Sprintf("cell %s is beyond the limit of %d rows", CellRef(row, min(col, 1<<14)), StreamMaxRows)}
	}
	if col > s.maxCols {
		return &Error{Kind: ErrTooLarge, Sheet: s.sheet, Detail: fmt.Sprintf("cell %s is beyond the limit of %d columns", CellRef(row, min(col, 1<<14)), s.maxCols)}
	}
	if row != s.cur {
		if row <= s.last || row < s.cur {
			// A row already handed cannot be taken back: Read, which
			// takes rows in any order, reads the file.
			return ErrNotStreamable
		}
		if err := s.flush(); err != nil {
			return err
		}
		s.cur, s.hidden, s.cells = row, false, s.cells[:0]
	}
	if col > len(s.cells) {
		s.cells = append(s.cells, make([]Cell, col-len(s.cells))...)
	}
	s.cells[col-1] = c
	return nil
}

func (s *rowSink) holdText(n, row, col int) error { return nil } // nothing is held

func (s *rowSink) hiddenRow(row int) {
	if row == s.cur {
		s.hidden = true
	}
}

func (s *rowSink) hideCols(lo, hi int) {
	lo, hi = max(lo, 1), min(hi, s.maxCols)
	if lo > hi {
		return
	}
	if s.cols == nil {
		s.cols = make([]bool, s.maxCols+1)
	}
	for c := lo; c <= hi; c++ {
		s.cols[c] = true
	}
}

// flush hands the row gathered, if any.
func (s *rowSink) flush() error {
	if s.cur == 0 {
		return nil
	}
	if s.last == 0 {
		// The columns are hidden before the first row (<cols> comes
		// before <sheetData>).
		for c, h := range s.cols {
			if h {
				s.info.HiddenCols = append(s.info.HiddenCols, c)
			}
		}
	}
	row := s.cur
	s.last, s.cur = row, 0
	if err := s.each(s.info, row, s.hidden, slices.Clip(s.cells)); err != nil {
		s.eachErr = err
		return err
	}
	return nil
}

// handed says whether err is one each returned.
func (s *rowSink) handed(err error) bool { return s.eachErr != nil && err == s.eachErr }
