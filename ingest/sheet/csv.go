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

// readCSV reads a text file as one table. Cells are Text as written (not
// trimmed: ingest trims) or Empty when the field is "". Rows[i] is the row
// Excel shows as i+1 when it opens the file: blank lines count as rows, and
// a quoted field spanning several lines is one row.
func readCSV(data []byte, lim Limits) (*Workbook, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if strings.IndexByte(text, 0) >= 0 {
		return nil, &Error{Kind: ErrNotSpreadsheet, Detail: "binary data (NUL characters), not text"}
	}
	// One line-end convention for encoding/csv, which knows CRLF and LF but
	// keeps a lone CR (old Mac files) inside the field.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Kind: ErrEmpty, Detail: "the text file holds no value"}
	}
	if what := markupKind(text); what != "" {
		return nil, &Error{Kind: ErrNotSpreadsheet, Detail: what}
	}

	// Excel writes and honours a first line "sep=;" naming the separator;
	// it is not a row of the table.
	var sep rune
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		if s, found := strings.CutPrefix(first, "sep="); found {
			if r, size := utf8.DecodeRuneInString(s); size > 0 && size == len(s) && validSeparator(r) {
				sep, text = r, rest
			}
		}
	}
	if sep == 0 {
		sep = detectSeparator(text)
	}

	g, err := parseCSV(text, sep, false, lim)
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		// A bare quote inside a field ("Lycée "Pasteur"") is common in hand
		// typed files; strict parsing comes first because lazy parsing lets
		// an unclosed quote swallow the rest of the file silently.
		g, err = parseCSV(text, sep, true, lim)
	}
	if errors.As(err, &pe) {
		return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("CSV: %v", err)}
	}
	if err != nil {
		return nil, err
	}
	if g.cells == 0 {
		return nil, &Error{Kind: ErrEmpty, Detail: "the text file holds no value"}
	}
	return &Workbook{
		Format:    CSV,
		Sheets:    []Sheet{{Rows: g.rows}},
		Encoding:  enc,
		Separator: sep,
	}, nil
}

// decodeText decodes a CSV file into a string, choosing the encoding from
// the byte-order mark, else UTF-8 when the bytes are valid UTF-8, else
// Windows-1252 (what French Excel writes as "CSV (séparateur: point-virgule)").
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return strings.ToValidUTF8(string(data[len(bomUTF8):]), "\uFFFD"), "utf-8-bom", nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		enc, name := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
		if bytes.HasPrefix(data, bomUTF16BE) {
			enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("decode %s text: %v", name, err)}
		}
		return string(out), name, nil
	case utf8.Valid(data):
		return string(data), "utf-8", nil
	default:
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("decode windows-1252 text: %v", err)}
		}
		return string(out), "windows-1252", nil
	}
}

// markupKind recognises HTML and XML files, which some information systems
// export under an .xls or .csv name; a table in them cannot be read here.
func markupKind(text string) string {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return "an HTML page, not a spreadsheet"
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

func parseCSV(text string, sep rune, lazy bool, lim Limits) (*grid, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	r.ReuseRecord = true
	g := &grid{lim: lim}
	row, prevEndLine := 0, 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return g, nil
		}
		if err != nil {
			// A *csv.ParseError, returned as is so that the caller can
			// retry with lazy quotes.
			return nil, err
		}
		// encoding/csv skips blank lines; spreadsheet software shows them
		// as empty rows, and the row numbers users see must match.
		startLine, _ := r.FieldPos(0)
		lastLine, _ := r.FieldPos(len(rec) - 1)
		row += 1 + max(0, startLine-prevEndLine-1)
		prevEndLine = lastLine + strings.Count(rec[len(rec)-1], "\n")
		if row > lim.MaxRows {
			return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("more than %d rows", lim.MaxRows)}
		}
		for j, v := range rec {
			if v == "" {
				continue
			}
			if err := g.set(row, j+1, Cell{Value: v, Kind: Text}); err != nil {
				return nil, err
			}
		}
	}
}
