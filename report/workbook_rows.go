package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The rows of a streamed table (streamSheet) are written here, not by
// excelize: its stream writer spent most of the public workbook's time
// on them (per cell, a []any of boxed values, an xlsxC, a regular
// expression, an escaped copy of the text), for what is, for the rows of
// one table, a handful of cell shapes. The XML written is byte for byte
// what excelize v2.11's StreamWriter.SetRow writes for the same cells
// (writeCell, setCellValFunc, trimCellValue in its stream.go and cell.go;
// TestTableRowsAsExcelize holds the two together), written into the
// sheet excelize writes without them when the workbook is saved
// (normalizeZip, tableRows). The sheet entry is then deflated once, by
// the same deflater, into the same bytes. docs/performance.md, "The data
// sheet's rows".

// cellKind says what a streamCell holds.
type cellKind uint8

const (
	cellNone  cellKind = iota // no cell at all (excelize's nil)
	cellText                  // an inline string, already shown (wbText)
	cellInt                   // an integer
	cellFloat                 // a number
)

// streamCell is one cell of a streamed table's row: a value of one of
// the kinds above and its style (0 for none). It holds its value unboxed,
// so that a row of cells costs no allocation.
type streamCell struct {
	kind  cellKind
	style int
	text  string
	num   int64
	frac  float64
}

func textCell(style int, s string) streamCell {
	return streamCell{kind: cellText, style: style, text: s}
}
func intCell(style int, n int64) streamCell { return streamCell{kind: cellInt, style: style, num: n} }
func floatCell(style int, f float64) streamCell {
	return streamCell{kind: cellFloat, style: style, frac: f}
}

// excelizeValue is the value excelize's StreamWriter.SetRow takes for c:
// what the rows were written from before, kept to write them through
// excelize (workbook.rowsByExcelize).
func (c streamCell) excelizeValue() any {
	var v any
	switch c.kind {
	case cellNone:
		return nil
	case cellText:
		if c.style == 0 {
			return c.text
		}
		v = c.text
	case cellInt:
		v = c.num
	case cellFloat:
		v = c.frac
	}
	return excelize.Cell{StyleID: c.style, Value: v}
}

// tableRows are the rows of a streamed table: they are written into the
// sheet's entry, after its header row, when the workbook is saved
// (spliceRows), by write, which makes them again from the tables then.
// They were made once, while the workbook was built, into a scratch held
// until the save: for 5,000 forms 27 MB of XML written there and read
// back, for a table of a million rows some 800 MB on disk. Making a row
// twice costs less than keeping it (docs/performance.md, "The data
// sheet's rows").
type tableRows struct {
	sheet  string // the sheet's name
	header int    // the table's header row, after which the rows go
	cols   int    // the table's columns
	// write writes the rows to rw, in order, and returns the first
	// error: of rw, or of the workbook's context.
	write func(rw *rowsWriter) error
}

// rowsWriter writes rows of cells as excelize's stream writer does.
type rowsWriter struct {
	w       *bufio.Writer
	buf     []byte
	row     []byte   // the current row's number
	letters []string // the columns' names
	// last and lastXML are each column's last text and what it is
	// written as (from <is> to </is>): a column of sorted rows repeats
	// its texts.
	last    []string
	lastXML [][]byte
	lastSet []bool
}

func newRowsWriter(w io.Writer, cols int) *rowsWriter {
	rw := &rowsWriter{
		w:       bufio.NewWriterSize(w, 64<<10),
		letters: make([]string, cols),
		last:    make([]string, cols),
		lastXML: make([][]byte, cols),
		lastSet: make([]bool, cols),
	}
	for c := range cols {
		rw.letters[c], _ = excelize.ColumnNumberToName(c + 1)
	}
	return rw
}

// writeRow writes row number r (1-based) with its cells from column A,
// height points tall (0: as tall as its cells need; at most
// excelize.MaxRowHeight, as excelize takes it).
func (rw *rowsWriter) writeRow(r int, height float64, cells []streamCell) error {
	if height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	b := append(rw.buf[:0], `<row r="`...)
	rw.row = strconv.AppendInt(rw.row[:0], int64(r), 10)
	b = append(b, rw.row...)
	if height > 0 {
		// RowOpts.marshalAttrs in excelize's stream.go.
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1`...)
	}
	b = append(b, `">`...)
	for c := range cells {
		cell := &cells[c]
		if cell.kind == cellNone {
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, rw.letters[c]...)
		b = append(b, rw.row...)
		b = append(b, '"')
		if cell.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(cell.style), 10)
			b = append(b, '"')
		}
		switch cell.kind {
		case cellText:
			b = append(b, ` t="inlineStr">`...)
			if !rw.lastSet[c] || cell.text != rw.last[c] {
				rw.last[c], rw.lastSet[c] = cell.text, true
				rw.lastXML[c] = appendInlineString(rw.lastXML[c][:0], cell.text)
			}
			b = append(b, rw.lastXML[c]...)
		case cellInt:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, cell.num, 10)
			b = append(b, `</v>`...)
		case cellFloat:
			if math.IsNaN(cell.frac) || math.IsInf(cell.frac, 0) {
				// excelize writes these as text (setCellFloat).
				b = append(b, ` t="inlineStr">`...)
				b = appendInlineString(b, fmt.Sprint(cell.frac))
				break
			}
			b = append(b, `><v>`...)
			b = appendCellFloat(b, cell.frac)
			b = append(b, `</v>`...)
		}
		b = append(b, `</c>`...)
	}
	b = append(b, `</row>`...)
	rw.buf = b
	_, err := rw.w.Write(b)
	return err
}

func (rw *rowsWriter) flush() error { return rw.w.Flush() }

// maxCellUnits is the most UTF-16 units excelize keeps of a text
// (excelize.TotalCellChars).
const maxCellUnits = excelize.TotalCellChars

// appendInlineString appends a text's <is> element as excelize writes it
// (setInlineStr, trimCellValue with escape, writeCell): cut to 32,767
// UTF-16 units, xml:space="preserve" when it starts or ends with a space,
// tab or line break, escaped as encoding/xml.EscapeText escapes but for
// line breaks, left as they are, then bstrMarshal's escapes of text that
// reads as an OOXML escape (_x0041_).
func appendInlineString(b []byte, s string) []byte {
	if len(s) > maxCellUnits && countUTF16(s) > maxCellUnits {
		s = truncateUTF16(s, maxCellUnits)
	}
	b = append(b, `<is><t`...)
	if s != "" && (isSpaceByte(s[0]) || isSpaceByte(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	start := len(b)
	b = appendEscaped(b, s)
	if bytes.Contains(b[start:], []byte("_x")) {
		escaped := bstrMarshal(string(b[start:]))
		b = append(b[:start], escaped...)
	}
	return append(b, `</t></is>`...)
}

func isSpaceByte(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, units int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > units {
			return s[:i]
		}
	}
	return s
}

// appendEscaped appends s escaped as encoding/xml.EscapeText does, but for
// '\n', kept (excelize writes EscapeText's "&#xA;" back as "\n").
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var esc string
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\r':
				esc = "&#xD;"
			case '\n':
			default:
				if c < 0x20 {
					esc = "\uFFFD"
				}
			}
			if esc != "" {
				b = append(b, s[last:i]...)
				b = append(b, esc...)
				last = i + 1
			}
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if !isInCharacterRange(r) || (r == utf8.RuneError && width == 1) {
			b = append(b, s[last:i]...)
			b = append(b, "\uFFFD"...)
			last = i + width
		}
		i += width
	}
	return append(b, s[last:]...)
}

// isInCharacterRange is encoding/xml's: whether r may appear in XML.
func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// bstrExp and bstrEscapeExp are excelize's (lib.go).
var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's (lib.go, v2.11.1), unchanged: a text that
// reads as an escaped character (_x0041_) gets an escaped underscore
// (_x005F_x0041_), so that it reads back as it was. Like appendCellFloat
// below: Copyright 2016 - 2026 The excelize Authors, BSD 3-Clause licence
// (excelize's LICENSE file).
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendCellFloat appends excelize's formatCellFloat(value, -1, 64)
// (cell.go, v2.11.1): the shortest decimal form, cut (not rounded) to
// Excel's 15 significant digits. excelize's code, made to append to b in
// place rather than return a string: a float cell cost an allocation.
func appendCellFloat(b []byte, value float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return b
	}
	const maxPrec = 15
	str := b[start:]
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return bytes.TrimSuffix(b[:start+idx], []byte("."))
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}

// intWidth is the width of n written with thousands separators
// (FormatInt(n, "en")), without writing it.
func intWidth(n int64) int {
	w := 1
	u := uint64(n)
	if n < 0 {
		w++
		u = -u
	}
	digits := 1
	for ; u >= 10; u /= 10 {
		digits++
	}
	return w - 1 + digits + (digits-1)/3
}
