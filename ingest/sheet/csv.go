package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Bounds on one CSV record, checked on the bytes before encoding/csv builds
// the record (it holds every field of a record at once: a line of 60
// million separators cost 4.8 GB).
const (
	// maxCSVFields: Excel has 16,384 columns and never writes a longer
	// line; a line padded with empty fields up to its last used column is
	// common, which is why this is not MaxCols.
	maxCSVFields = 16_384
	// maxCSVRecordBytes: one record, quoted line breaks included; a survey
	// line is a few hundred bytes.
	maxCSVRecordBytes = 8 << 20
	// csvHeadBytes: the start of the text that decides the separator and
	// recognises a web page (detectSeparator reads up to 64 KiB).
	csvHeadBytes = 64<<10 + 16
)

// readCSV reads a text file as one table. Cells are Text as written (not
// trimmed: ingest trims) or Empty when the field is "". Rows[i] is the row
// Excel shows as i+1 when it opens the file: blank lines count as rows, and
// a quoted field spanning several lines is one row.
//
// The text is streamed, never copied whole: decoded from its encoding and
// its line ends made \n on the way, once to check the bytes of every
// record against the bounds above (and to find whether strict quoting
// holds), once to parse. A 64 MB file costs its bytes, the grid, and a few
// buffers.
func readCSV(data []byte, lim Limits) (*Workbook, error) {
	enc, open := textReader(data)
	// The decoded text is at most three bytes per byte of the file
	// (Windows-1252 to UTF-8): buffers for a small file are that small.
	textMax := 3*len(data) + 16
	sep, skip, err := csvShape(enc, open, textMax)
	if err != nil {
		return nil, err
	}

	body := func() (io.Reader, error) {
		r := open()
		if _, err := io.CopyN(io.Discard, r, int64(skip)); err != nil && err != io.EOF {
			return nil, decodeError(enc, err)
		}
		return r, nil
	}
	r, err := body()
	if err != nil {
		return nil, err
	}
	strict, err := scanCSV(r, byte(sep), enc, min(32<<10, textMax))
	if err != nil {
		return nil, err
	}
	// A bare quote inside a field ("Lycée "Pasteur"") is common in hand
	// typed files and breaks strict parsing, which comes first when it
	// holds because lazy parsing lets an unclosed quote swallow the rest
	// of the file silently. The scan above tells which applies, so that
	// the file is parsed once; a strict failure it did not foresee still
	// falls back to lazy quotes.
	b := &budget{lim: lim}
	if r, err = body(); err != nil {
		return nil, err
	}
	g, err := parseCSV(r, sep, !strict, enc, b)
	var pe *csv.ParseError
	if errors.As(err, &pe) && strict {
		if r, err = body(); err != nil {
			return nil, err
		}
		g, err = parseCSV(r, sep, true, enc, &budget{lim: lim})
	}
	if errors.As(err, &pe) {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("CSV: %v", err)}
	}
	if err != nil {
		return nil, asError(err, "")
	}
	rows, err := g.finish()
	if err != nil {
		return nil, err
	}
	if g.cells == 0 || !g.text {
		return nil, &Error{Kind: ErrEmpty, Detail: "the text file holds no value"}
	}
	return &Workbook{
		Format:    CSV,
		Sheets:    []Sheet{{Rows: rows}},
		Encoding:  enc,
		Separator: sep,
	}, nil
}

// csvShape reads the start of a text (up to csvHeadBytes) to refuse an empty
// text, a web page or an XML document, and to find the separator: Excel's
// "sep=" first line (skip is its length), else the most regular candidate.
func csvShape(enc string, open func() io.Reader, textMax int) (sep rune, skip int, err error) {
	head, complete, err := readHead(open(), min(csvHeadBytes, textMax))
	if err != nil {
		return 0, 0, err
	}
	if strings.TrimSpace(head) == "" && complete {
		return 0, 0, &Error{Kind: ErrEmpty, Detail: "the text file holds no value"}
	}
	if what := markupKind(head); what != "" {
		kind := ErrNotSpreadsheet
		if strings.HasPrefix(what, "an Excel") {
			// A spreadsheet after all, that Excel saves as .xlsx.
			kind = ErrUnreadable
		}
		return 0, 0, &Error{Kind: kind, Detail: what}
	}

	// Excel writes and honours a first line "sep=;" naming the separator;
	// it is not a row of the table.
	if first, _, ok := strings.Cut(head, "\n"); ok || (first != "" && complete) {
		if s, found := strings.CutPrefix(first, "sep="); found {
			if r, size := utf8.DecodeRuneInString(s); size > 0 && size == len(s) && validSeparator(r) {
				sep, skip = r, min(len(head), len(first)+1)
			}
		}
	}
	if sep == 0 {
		sep = detectSeparator(head[skip:])
	}

	return sep, skip, nil
}

// textReader chooses the encoding of a CSV file from the byte-order mark,
// else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what French
// Excel writes as "CSV (séparateur: point-virgule)"), and returns its name
// and a function giving a fresh reader of the text as UTF-8 with \n line
// ends.
func textReader(data []byte) (string, func() io.Reader) {
	var name string
	var dec func(io.Reader) io.Reader
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		// Invalid sequences, which a BOM does not rule out, are replaced
		// cell by cell (validUTF8).
		name, data = "utf-8-bom", data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE):
		name = "utf-16le"
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader
	case bytes.HasPrefix(data, bomUTF16BE):
		name = "utf-16be"
		dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Reader
	case utf8.Valid(data):
		name = "utf-8"
	default:
		name = "windows-1252"
		dec = charmap.Windows1252.NewDecoder().Reader
	}
	return name, func() io.Reader {
		var r io.Reader = bytes.NewReader(data)
		if dec != nil {
			r = dec(r)
		}
		return &lineEnds{r: r}
	}
}

func decodeError(enc string, err error) error {
	var se *Error
	if errors.As(err, &se) {
		return se
	}
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("decode %s text: %v", enc, err)}
}

// readHead returns the first n bytes of r (fewer at its end) and whether
// that is the whole text.
func readHead(r io.Reader, n int) (string, bool, error) {
	buf := make([]byte, n+1)
	k, err := io.ReadFull(r, buf)
	switch err {
	case nil:
		return string(buf[:n]), false, nil
	case io.EOF, io.ErrUnexpectedEOF:
		return string(buf[:k]), true, nil
	}
	return "", false, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("decode text: %v", err)}
}

// lineEnds gives one line-end convention to encoding/csv, which knows CRLF
// and LF but keeps a lone CR (old Mac files) inside the field: each CR
// becomes LF, and an LF right after a CR is dropped.
type lineEnds struct {
	r  io.Reader
	cr bool
}

func (l *lineEnds) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		w := 0
		for _, b := range p[:n] {
			if l.cr && b == '\n' {
				l.cr = false
				continue
			}
			l.cr = b == '\r'
			if l.cr {
				b = '\n'
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}

// scanCSV reads the text as encoding/csv with lazy quotes will split it
// into records and fields (a quote opens a quoted field only at the start
// of a field; in one, "" is a quote and a quote followed by anything but a
// separator or a line end is kept), refusing a NUL character, a record of
// more than maxCSVFields fields or maxCSVRecordBytes bytes, and a field
// longer than Excel's 32,767 characters allow, before any record is built.
// strict is whether encoding/csv's strict quoting holds for the whole text.
func scanCSV(r io.Reader, sep byte, enc string, bufSize int) (strict bool, err error) {
	const (
		fieldStart = iota
		unquoted
		quoted
		quoteInQuoted // a quote seen in a quoted field
	)
	state := fieldStart
	strict = true
	line, recLine := 1, 1
	fields, fieldBytes, recordBytes := 1, 0, 0
	malformed := func(format string, args ...any) error {
		return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("CSV line %d: %s", recLine, fmt.Sprintf(format, args...))}
	}
	buf := make([]byte, bufSize)
	for {
		n, rerr := r.Read(buf)
		for _, b := range buf[:n] {
			if b == 0 {
				return false, &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("binary data (NUL characters at line %d), not text", line)}
			}
			recordBytes++
			fieldBytes++
			endField, endRecord := false, false
			switch state {
			case fieldStart, unquoted:
				switch {
				case b == sep:
					endField = true
				case b == '\n':
					endRecord = true
				case b == '"' && state == fieldStart:
					state = quoted
				default:
					if b == '"' {
						strict = false // a bare quote
					}
					state = unquoted
				}
			case quoted:
				if b == '"' {
					state = quoteInQuoted
				}
			case quoteInQuoted:
				switch b {
				case '"':
					state = quoted
				case sep:
					endField = true
				case '\n':
					endRecord = true
				default:
					strict, state = false, quoted
				}
			}
			if b == '\n' {
				line++
			}
			switch {
			case endRecord:
				state, fields, fieldBytes, recordBytes, recLine = fieldStart, 1, 0, 0, line
				continue
			case endField:
				state, fieldBytes = fieldStart, 0
				if fields++; fields > maxCSVFields {
					return false, malformed("more than %d fields (Excel has %d columns)", maxCSVFields, maxCSVFields)
				}
			}
			if fieldBytes > maxValueBytes {
				return false, &Error{Kind: ErrCellTooLong, Row: recLine, Col: fields,
					Detail: fmt.Sprintf("CSV line %d: field %d is longer than %d bytes (Excel holds at most 32,767 characters in a cell; an unclosed quote?)", recLine, fields, maxValueBytes)}
			}
			if recordBytes > maxCSVRecordBytes {
				return false, malformed("a record longer than %d bytes", maxCSVRecordBytes)
			}
		}
		if rerr == io.EOF {
			return strict && state != quoted, nil
		}
		if rerr != nil {
			return false, decodeError(enc, rerr)
		}
	}
}

// markupKind recognises HTML and XML files, which some information systems
// export under an .xls or .csv name; a table in them cannot be read here.
func markupKind(text string) string {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return "an HTML page, not a spreadsheet"
	case strings.HasPrefix(head, "<?xml") && (strings.Contains(head, "excel.sheet") || strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet")):
		return "an Excel 2003 XML spreadsheet (SpreadsheetML), not a workbook"
	case strings.HasPrefix(head, "<?xml"):
		return "an XML document, not a spreadsheet"
	}
	return ""
}

func validSeparator(r rune) bool {
	return r == ';' || r == ',' || r == '\t' || r == '|'
}

// detectSeparator chooses among ';', ',' and tab from the first records,
// counting separators outside quotes. The separator is the candidate found
// in the most records; ties go to the one whose count is the most regular,
// then to ';' (French spreadsheets), tab, ','. The decimal comma of a French
// file appears only in number cells, so ';' wins there, and "1 234,5" is not
// split.
func detectSeparator(text string) rune {
	cands := []rune{';', '\t', ','}
	const maxRecords, maxBytes = 50, 64 << 10
	var perRecord [][3]int
	var cur [3]int
	nonBlank := false
	inQuote := false
	for i, r := range text {
		if i > maxBytes || len(perRecord) >= maxRecords {
			break
		}
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case r == '\n':
			if nonBlank {
				perRecord = append(perRecord, cur)
			}
			cur, nonBlank = [3]int{}, false
			continue
		default:
			for k, c := range cands {
				if r == c {
					cur[k]++
				}
			}
		}
		if r != ' ' && r != '\t' {
			nonBlank = true
		}
	}
	if nonBlank && len(perRecord) < maxRecords {
		perRecord = append(perRecord, cur)
	}
	best, bestIn, bestRegular := 0, -1, -1
	for k := range cands {
		in := 0
		freq := map[int]int{}
		for _, rec := range perRecord {
			if rec[k] > 0 {
				in++
				freq[rec[k]]++
			}
		}
		regular := 0
		for _, f := range freq {
			regular = max(regular, f)
		}
		if in > bestIn || (in == bestIn && regular > bestRegular) {
			best, bestIn, bestRegular = k, in, regular
		}
	}
	if bestIn == 0 {
		return ';' // a single column: the separator does not matter
	}
	return cands[best]
}

func parseCSV(in io.Reader, sep rune, lazy bool, enc string, b *budget) (*grid, error) {
	g := newGrid("", b)
	err := eachCSVRecord(in, sep, lazy, b.lim.MaxRows, func(row int, rec []string) error {
		for j, v := range rec {
			if v == "" {
				continue
			}
			if enc == "utf-8-bom" {
				// The BOM said UTF-8; invalid bytes after it are
				// replaced, as every other reader of the text would.
				v = strings.ToValidUTF8(v, "\uFFFD")
			}
			if err := b.addText(len(v), "", row, j+1); err != nil {
				return err
			}
			if err := g.set(row, j+1, Cell{Value: v, Kind: Text}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// eachCSVRecord reads the records of a text with encoding/csv and calls
// each with the record's 1-based row, counted as a spreadsheet program
// counts it: a blank line is a row, and a quoted field holding line breaks
// spans as many rows as it has lines. rec is reused from one call to the
// next. A row beyond maxRows is refused (ErrTooLarge).
func eachCSVRecord(in io.Reader, sep rune, lazy bool, maxRows int, each func(row int, rec []string) error) error {
	r := csv.NewReader(in)
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	r.ReuseRecord = true
	row, prevEndLine := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// A *csv.ParseError, returned as is so that the caller can
			// retry with lazy quotes.
			return err
		}
		// encoding/csv skips blank lines; spreadsheet software shows them
		// as empty rows, and the row numbers users see must match.
		startLine, _ := r.FieldPos(0)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		row += 1 + max(0, startLine-prevEndLine-1)
		prevEndLine = lastLine + strings.Count(rec[len(rec)-1], "\n")
		if row > maxRows {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("more than %d rows", maxRows)}
		}
		if err := each(row, rec); err != nil {
			return err
		}
	}
}
