package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The bounds of the streamed path (StreamCSV). Nothing of the file is held
// but one record at a time, so the file's size bounds the time of its four
// passes (about a second each for 1 GiB of text on this machine's disk cache
// is not promised; a pass is a read and a byte scan) rather than memory; the
// rows bound what the caller keeps per row (a consolidated table's fact).
const (
	StreamMaxBytes = 1 << 30
	StreamMaxRows  = 5_000_000
)

// ErrNotText is returned by StreamCSV for a file that is not text (a zip,
// an OLE file, a known binary kind): the ordinary reader names it.
var ErrNotText = errors.New("not a text file")

// CSVInfo is what StreamCSV found of a text before its first record.
type CSVInfo struct {
	Encoding  string
	Separator rune
}

// StreamCSV reads the CSV file at path record by record, calling each with
// the record's 1-based row and its cells (trailing empty cells cut, as in a
// grid; the slice is reused from one call to the next, the values are not).
// It holds neither the file's text nor a grid: it exists so that a
// consolidated table of millions of rows can be read into facts as it goes
// (docs/reader.md, "Streamed CSV").
//
// The checks are those of the ordinary CSV reader, in the same order and with
// the same errors (emptiness, markup, NUL, fields and records too long, strict
// or lazy quotes), with StreamMaxBytes and StreamMaxRows in place of
// lim.MaxFileBytes and lim.MaxRows; lim.MaxTextBytes and lim.MaxCells do not
// apply (nothing is held). A file that is not text returns ErrNotText. An
// error returned by each stops the reading and is returned as is.
func StreamCSV(path string, lim Limits, each func(info CSVInfo, row int, cells []Cell) error) error {
	lim = lim.withDefaults()
	st, err := statRegular(path, nil)
	if err != nil {
		return err
	}
	if err := checkFileSize(path, st, StreamMaxBytes); err != nil {
		return err
	}
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	raw := func() (*os.File, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("open %s: %v", path, err)}
		}
		files = append(files, f)
		return f, nil
	}

	f, err := raw()
	if err != nil {
		return err
	}
	start := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, start)
	start = start[:n]
	switch {
	case n == 0, bytes.HasPrefix(start, magicZip), bytes.HasPrefix(start, magicZipEmpty), bytes.HasPrefix(start, magicOLE):
		return ErrNotText
	}
	if binaryKind(start) != "" {
		return ErrNotText
	}
	enc, bom, dec, err := fileEncoding(f, start)
	if err != nil {
		return err
	}
	var readers int
	open := func() io.Reader {
		f, err := raw()
		if err != nil {
			return errReader{err}
		}
		readers++
		if _, err := f.Seek(int64(bom), io.SeekStart); err != nil {
			return errReader{&Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read %s: %v", path, err)}}
		}
		var r io.Reader = bufio.NewReaderSize(f, 256<<10)
		if dec != nil {
			r = dec(r)
		}
		return &lineEnds{r: r}
	}
	textMax := int(min(3*st.Size()+16, 1<<40))
	sep, skip, err := csvShape(enc, open, textMax)
	if err != nil {
		return err
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
		return err
	}
	strict, err := scanCSV(r, byte(sep), enc, 256<<10)
	if err != nil {
		return err
	}
	if strict {
		// The ordinary reader parses strictly and, should encoding/csv
		// disagree with the scan, again with lazy quotes; rows handed to
		// each cannot be taken back, so the strict parse is tried first
		// without them.
		if r, err = body(); err != nil {
			return err
		}
		err := eachCSVRecord(r, sep, false, StreamMaxRows, func(int, []string) error { return nil })
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			strict = false
		} else if err != nil {
			return asError(err, "")
		}
	}
	if r, err = body(); err != nil {
		return err
	}
	info := CSVInfo{Encoding: enc, Separator: sep}
	var cells []Cell
	err = eachCSVRecord(r, sep, !strict, StreamMaxRows, func(row int, rec []string) error {
		last := len(rec) - 1
		for last >= 0 && rec[last] == "" {
			last--
		}
		if last+1 > lim.MaxCols {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("cell %s is beyond the limit of %d columns", CellRef(row, min(last+1, 1<<14)), lim.MaxCols)}
		}
		cells = cells[:0]
		for _, v := range rec[:last+1] {
			if v == "" {
				cells = append(cells, Cell{})
				continue
			}
			if enc == "utf-8-bom" {
				v = strings.ToValidUTF8(v, "\uFFFD")
			}
			cells = append(cells, Cell{Value: v, Kind: Text})
		}
		return each(info, row, cells)
	})
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("CSV: %v", err)}
	}
	return err
}

// fileEncoding is textReader's choice made over a file in one pass: the
// byte-order mark, else UTF-8 when every byte is, else Windows-1252. bom is
// the number of bytes to skip before the text.
func fileEncoding(f *os.File, start []byte) (name string, bom int, dec func(io.Reader) io.Reader, err error) {
	switch {
	case bytes.HasPrefix(start, bomUTF8):
		return "utf-8-bom", len(bomUTF8), nil, nil
	case bytes.HasPrefix(start, bomUTF16LE):
		return "utf-16le", 0, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Reader, nil
	case bytes.HasPrefix(start, bomUTF16BE):
		return "utf-16be", 0, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Reader, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", 0, nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read: %v", err)}
	}
	buf := make([]byte, 1<<20)
	carry := 0 // bytes of a rune cut by the end of the previous read
	for {
		n, rerr := f.Read(buf[carry:])
		chunk := buf[:carry+n]
		cut := len(chunk)
		// A rune cut by the end of the chunk is checked with the next one.
		for i := len(chunk) - 1; i >= 0 && i >= len(chunk)-utf8.UTFMax; i-- {
			if utf8.RuneStart(chunk[i]) {
				if !utf8.FullRune(chunk[i:]) {
					cut = i
				}
				break
			}
		}
		if rerr == io.EOF {
			cut = len(chunk)
		}
		if !utf8.Valid(chunk[:cut]) {
			return "windows-1252", 0, charmap.Windows1252.NewDecoder().Reader, nil
		}
		if rerr == io.EOF {
			return "utf-8", 0, nil, nil
		}
		if rerr != nil {
			return "", 0, nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("read: %v", rerr)}
		}
		carry = copy(buf, chunk[cut:])
	}
}

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
