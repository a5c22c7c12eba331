// Package sheet reads spreadsheet files (.xlsx and .csv) into plain grids of
// cells, safely: a damaged, hostile or foreign file gives an *Error naming
// what the file is, never a panic, a hang or a half-read grid. It does not
// interpret the cells; package ingest does.
package sheet

import (
	"fmt"
	"strconv"
)

// Kind is what a cell holds, as the file stores it.
type Kind uint8

const (
	Empty      Kind = iota // no value
	Text                   // a string (CSV cells are always Text or Empty)
	Number                 // a number as stored, in Value with '.' as decimal point
	Bool                   // "TRUE"/"FALSE" stored as boolean
	ErrorValue             // an error value such as #DIV/0! or #REF!, in Value
	NoValue                // a formula whose result was never computed (no cached value)
)

// Cell is one cell as stored (not as displayed).
type Cell struct {
	Value   string
	Kind    Kind
	Formula bool // the cell holds a formula; Value is its cached result
}

// Sheet is one worksheet, or the single table of a CSV file. Rows[i][j] is
// the cell at row i+1, column j+1; rows and cells absent from the file are
// present here as Empty so that indices are positions.
type Sheet struct {
	Name string // worksheet name; "" for CSV
	// Hidden is true for a worksheet hidden in Excel (state hidden or
	// veryHidden): it is returned all the same, since a form may keep its
	// data on a hidden sheet, and ingest decides what to do with it.
	Hidden bool
	// HiddenRows and HiddenCols are the 1-based numbers, in increasing
	// order, of the rows and columns hidden in Excel (hidden="1" on <row> or
	// on the <col> range) that hold at least one cell. Their cells are in
	// Rows all the same: ingest decides what hidden content means. Always
	// empty for CSV.
	HiddenRows []int
	HiddenCols []int
	// Rows holds the cells that have a value or a formula; a row or a row's
	// tail with no such cell is absent (trailing empty rows and cells are
	// trimmed), so len(Rows[i]) varies from row to row.
	Rows [][]Cell
}

// Format is the kind of file a Workbook was read from.
type Format string

const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Workbook is a whole file read into grids.
type Workbook struct {
	Format Format
	Sheets []Sheet // in workbook order; one for CSV
	// Encoding and Separator say how a CSV file was decoded ("utf-8",
	// "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"; ';', ',' or
	// '\t'); empty for xlsx.
	Encoding  string
	Separator rune
}

// ErrorKind says why a file could not be read as a spreadsheet.
type ErrorKind string

const (
	ErrEmpty          ErrorKind = "empty"           // zero bytes, or no cell at all
	ErrDamaged        ErrorKind = "damaged"         // a zip that is truncated or fails its checksums
	ErrNotSpreadsheet ErrorKind = "not-spreadsheet" // bytes of some other kind (image, PDF, text that is not a table)
	ErrLegacyXLS      ErrorKind = "legacy-xls"      // an Excel 97-2003 .xls (OLE container)
	ErrODS            ErrorKind = "ods"             // an OpenDocument spreadsheet
	ErrEncrypted      ErrorKind = "encrypted"       // a password-protected workbook
	ErrTooLarge       ErrorKind = "too-large"       // over the size limits: a zip bomb, or a file far bigger than a survey
	ErrUnreadable     ErrorKind = "unreadable"      // any other failure (Detail says what), a recovered panic included
	// ErrCellTooLong is a cell holding more text than a spreadsheet cell
	// can (Excel: 32,767 characters); in a CSV file, usually a quote
	// opened and never closed. Row and Col say which cell when known.
	ErrCellTooLong ErrorKind = "cell-too-long"
)

// Error is a file that cannot be read as a spreadsheet.
type Error struct {
	Kind   ErrorKind
	Sheet  string // the sheet concerned, when the failure is inside one
	Detail string // technical detail for logs; not for end users
	// Row and Col are the 1-based position of the cell concerned, 0 when
	// the failure is not at one cell (or the reader cannot tell which).
	Row, Col int
}

func (e *Error) Error() string {
	if e.Sheet != "" {
		return fmt.Sprintf("%s (sheet %s): %s", e.Kind, e.Sheet, e.Detail)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Detail)
}

// Limits bound what a file may cost to read. A zero or negative field means
// the value of DefaultLimits, never "unlimited": a forgotten field must not
// open the door to a zip bomb.
//
// The first four bound the file's size and the grid's extent; the last
// three bound what reading it holds in memory, whatever its shape, and are
// checked as the file is read, before each allocation they pay for (see
// docs/reader.md for the figures behind them).
type Limits struct {
	MaxFileBytes     int64 // size of the file on disk
	MaxUnzippedBytes int64 // total uncompressed size of an xlsx
	MaxRows          int   // rows per sheet
	MaxCols          int   // columns per row
	// MaxCells bounds the cells the grids of one file hold, all sheets
	// together: each row counts as many cells as its last used column
	// (the grid stores the empty cells before it) plus one for the row
	// itself, since that is what the grid allocates, about 24 bytes each.
	// One cell in column GR on each of a million rows is 201 million
	// cells, however few bytes the file takes. The default, MaxRows × 9,
	// is the eight columns of a consolidated table on every row.
	MaxCells int
	// MaxSharedStrings bounds the entries of an xlsx shared-string table
	// (an empty one still costs a slice entry).
	MaxSharedStrings int
	// MaxTextBytes bounds the bytes of text held: the shared-string table
	// and the values of the cells that do not point into it.
	MaxTextBytes int64
}

// DefaultLimits suit survey forms (kilobytes) and large consolidated tables
// (400,000 rows of eight columns), while refusing a zip bomb quickly and
// keeping any file within them under 512 MiB of memory through validate,
// report and run. The reader alone would take a million rows; what the
// program does with them afterwards (a fact and a submission per row, the
// aggregate tables, the workbook) would not fit (docs/reader.md, "Why 400,000
// rows").
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     64 << 20,
		MaxUnzippedBytes: 256 << 20,
		MaxRows:          400_000,
		MaxCols:          200,
		MaxCells:         3_600_000,
		MaxSharedStrings: 800_000,
		MaxTextBytes:     64 << 20,
	}
}

// ColName returns the spreadsheet column letters for a 1-based column index
// (1 → A, 27 → AA).
func ColName(col int) string {
	var buf [16]byte
	return string(appendColName(buf[:0], col))
}

// appendColName appends ColName(col) to b.
func appendColName(b []byte, col int) []byte {
	var rev [16]byte // 13 letters hold any int
	n := 0
	for col > 0 {
		col--
		rev[n] = byte('A' + col%26)
		n++
		col /= 26
	}
	for n > 0 {
		n--
		b = append(b, rev[n])
	}
	return b
}

// CellRef returns the A1 reference of a 1-based row and column. It is
// made for each figure a form gives (a fact's cell), hence no fmt.
func CellRef(row, col int) string {
	var buf [40]byte
	return string(strconv.AppendInt(appendColName(buf[:0], col), int64(row), 10))
}
