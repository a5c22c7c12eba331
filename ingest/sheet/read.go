package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
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

// Load reads a file's bytes for ReadBytes, within the limits: a file over
// MaxFileBytes is refused (ErrTooLarge) before anything is read, and a
// named pipe or a device (ErrUnreadable) before it is opened, since opening
// one could block forever. Callers that need the bytes themselves (to hash
// exactly what they parse) use Load and ReadBytes rather than Read.
func Load(path string, lim Limits) ([]byte, error) {
	lim = lim.withDefaults()
	st, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("stat %s: %v", path, err)}
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s is not a regular file", path)}
	}
	// Checked before reading so that a huge file costs nothing.
	if st.Size() > lim.MaxFileBytes {
		return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("%s: %d bytes, limit %d", path, st.Size(), lim.MaxFileBytes)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("open %s: %v", path, err)}
	}
	defer f.Close()
	// One allocation of the size found by Stat (io.ReadAll would double
	// its buffer as it goes); a file that shrinks meanwhile is read as it
	// now is, one that grows is read up to its size at Stat time.
	data := make([]byte, st.Size())
	n, err := io.ReadFull(f, data)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read %s: %v", path, err)}
	}
	return data[:n], nil
}

// ReadBytes is Read for a file already in memory; name is used in error
// details only.
func ReadBytes(name string, data []byte, lim Limits) (wb *Workbook, err error) {
	lim = lim.withDefaults()
	// The parsers below are fed hostile bytes; whatever slips through their
	// checks must become a refusal of this one file, not a crash of the batch.
	defer func() {
		if r := recover(); r != nil {
			wb = nil
			err = &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("%s: internal error while reading: %v\n%s", name, r, debug.Stack())}
		}
	}()
	wb, err = readBytes(data, lim)
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

func readBytes(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("%d bytes, limit %d", len(data), lim.MaxFileBytes)}
	}
	switch {
	case len(data) == 0:
		return nil, &Error{Kind: ErrEmpty, Detail: "the file has zero bytes"}
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, magicZipEmpty):
		return readZip(data, lim)
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
	return lim
}

// grid accumulates the cells of one sheet at their positions, enforcing the
// row and column limits as cells arrive so that a hostile reference such as
// XFD1048576 is refused before anything is allocated for it.
type grid struct {
	sheet string
	lim   Limits
	rows  [][]Cell
	cells int
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
	for len(g.rows) < row {
		g.rows = append(g.rows, nil)
	}
	r := g.rows[row-1]
	for len(r) < col {
		r = append(r, Cell{})
	}
	r[col-1] = c
	g.rows[row-1] = r
	g.cells++
	return nil
}
