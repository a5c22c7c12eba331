package report

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// normalizeZip rewrites a workbook's zip container so that its bytes depend
// on its content only: entries in name order ("[Content_Types].xml" sorts
// first, where readers expect it), each stamped with the given time.
// excelize leaves the zip time fields at zero, which tools show as a
// nonsense date, writes its streamed sheets in map order, which is not
// stable when a workbook has more than one, and lists the image content
// types of [Content_Types].xml in map order (see sortContentTypes).
// The rows of streamed tables, which excelize did not write, go into
// their sheets' entries (spliceRows).
func normalizeZip(w io.Writer, r io.ReaderAt, size int64, stamp time.Time, rows []tableRows) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("normalise zip: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	tables, err := sheetTables(files)
	if err != nil {
		return fmt.Errorf("normalise zip: %w", err)
	}
	spliced := map[string][]*tableRows{}
	if len(rows) > 0 {
		paths, err := sheetPaths(files)
		if err != nil {
			return fmt.Errorf("normalise zip: %w", err)
		}
		for i, r := range rows {
			p, ok := paths[r.sheet]
			if !ok {
				return fmt.Errorf("normalise zip: no sheet %q for its table's rows", r.sheet)
			}
			spliced[p] = append(spliced[p], &rows[i])
		}
		for _, rs := range spliced {
			slices.SortFunc(rs, func(a, b *tableRows) int { return a.header - b.header })
		}
	}
	// Written straight to w, each entry streamed: the data sheet of half a
	// million facts is some 300 MB of XML, which a copy in memory (of the
	// entry, then of the whole zip) would cost on top of everything else.
	zw := newWorkbookZip(w)
	for _, f := range files {
		if err := copyZipEntry(zw, f, stamp, tables[f.Name], spliced[f.Name]); err != nil {
			return fmt.Errorf("normalise zip: %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("normalise zip: %w", err)
	}
	return nil
}

// copyZipEntry copies one entry; tables are the relationship ids of the
// tables of a sheet with more than one (sheetTables), nil for any other
// entry; rows are the rows of a sheet's streamed tables in the order of
// their header rows, nil for any other entry.
func copyZipEntry(zw *zip.Writer, f *zip.File, stamp time.Time, tables []string, rows []*tableRows) error {
	rewrite := f.Name == contentTypesPart || tables != nil || rows != nil
	if !rewrite && f.Method == zip.Deflate {
		return copyRawEntry(zw, f, stamp)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: stamp})
	if err != nil {
		return err
	}
	if !rewrite {
		// Copying to the end checks the entry's checksum.
		_, err = io.Copy(w, rc)
		return err
	}
	// A sheet whose table's rows are spliced in is small without them.
	content, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	if f.Name == contentTypesPart {
		if content, err = sortContentTypes(content); err != nil {
			return err
		}
	}
	if tables != nil {
		content = fixTableParts(content, tables)
	}
	if rows != nil {
		return spliceRows(w, content, rows)
	}
	_, err = w.Write(content)
	return err
}

// spliceRows writes a sheet with its tables' rows, each after its header
// row: where excelize's stream writer would have written them. rows are
// in the order of their header rows.
func spliceRows(w io.Writer, sheet []byte, rows []*tableRows) error {
	for _, r := range rows {
		start := bytes.Index(sheet, []byte(`<row r="`+strconv.Itoa(r.header)+`"`))
		if start < 0 {
			return fmt.Errorf("no header row %d to write the table's rows after", r.header)
		}
		end := bytes.Index(sheet[start:], []byte("</row>"))
		if end < 0 {
			return fmt.Errorf("header row %d not closed", r.header)
		}
		end += start + len("</row>")
		if _, err := w.Write(sheet[:end]); err != nil {
			return err
		}
		rw := newRowsWriter(w, r.cols)
		if err := r.write(rw); err != nil {
			return fmt.Errorf("table rows: %w", err)
		}
		if err := rw.flush(); err != nil {
			return fmt.Errorf("table rows: %w", err)
		}
		sheet = sheet[end:]
	}
	_, err := w.Write(sheet)
	return err
}

// workbookSheets are the sheets xl/workbook.xml lists.
type workbookSheets struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// sheetPaths returns the entry of each sheet, by the sheet's name, as the
// workbook and its relationships give it.
func sheetPaths(files []*zip.File) (map[string]string, error) {
	read := func(name string, v any) error {
		for _, f := range files {
			if f.Name != name {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			data, err := io.ReadAll(io.LimitReader(rc, 16<<20))
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if err := xml.Unmarshal(data, v); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			return nil
		}
		return fmt.Errorf("no %s", name)
	}
	var book workbookSheets
	if err := read("xl/workbook.xml", &book); err != nil {
		return nil, err
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := read("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if t, ok := strings.CutPrefix(r.Target, "/"); ok {
			targets[r.ID] = t // absolute in the package
		} else {
			targets[r.ID] = "xl/" + r.Target
		}
	}
	paths := map[string]string{}
	for _, s := range book.Sheets {
		if t, ok := targets[s.ID]; ok {
			paths[s.Name] = t
		}
	}
	return paths, nil
}

// copyRawEntry copies an entry's compressed bytes as they are, under the
// header CreateHeader would write for it with the given time. excelize
// compresses with the same deflater (newWorkbookZip), so inflating and
// deflating the entry again gave the same bytes at the cost of seconds for a data
// sheet of hundreds of megabytes. The checksum is the one excelize
// computed.
func copyRawEntry(zw *zip.Writer, f *zip.File, stamp time.Time) error {
	rc, err := f.OpenRaw()
	if err != nil {
		return err
	}
	fh := &zip.FileHeader{
		Name:               f.Name,
		Method:             zip.Deflate,
		Flags:              0x8, // a data descriptor follows the data, as CreateHeader writes
		CreatorVersion:     20,  // archive/zip's zipVersion20
		ReaderVersion:      20,
		CRC32:              f.CRC32,
		CompressedSize64:   f.CompressedSize64,
		UncompressedSize64: f.UncompressedSize64,
	}
	if utf8.ValidString(f.Name) && !isASCII(f.Name) {
		fh.Flags |= 0x800 // as CreateHeader marks a name that needs UTF-8
	}
	// The MS-DOS time and the "extended timestamp" extra field
	// CreateHeader derives from Modified, which CreateRaw does not read.
	//lint:ignore SA1019 CreateRaw writes these fields as they are; Modified is ignored there
	fh.ModifiedDate, fh.ModifiedTime = uint16(stamp.Day()+int(stamp.Month())<<5+(stamp.Year()-1980)<<9), uint16(stamp.Second()/2+stamp.Minute()<<5+stamp.Hour()<<11)
	var extra [9]byte
	binary.LittleEndian.PutUint16(extra[0:], 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(extra[2:], 5)
	extra[4] = 1 // modification time only
	binary.LittleEndian.PutUint32(extra[5:], uint32(stamp.Unix()))
	fh.Extra = extra[:]
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, rc)
	return err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

const contentTypesPart = "[Content_Types].xml"

// workbookDeflateLevel is the compression level of a workbook's entries,
// deflated by klauspost/compress's flate (as ingest/sheet inflates them)
// rather than compress/flate. archive/zip's own (compress/flate at 5,
// what excelize gets by default) spent 0.21 s of CPU on the 30 MB of XML
// of 5,000 forms' workbook, a tenth of the outputs; compress/flate at 2,
// 0.10 s for a file a sixth larger (2.84 MB instead of 2.43). klauspost's
// level 1 takes half that, 0.06 s against 0.11 s, for 3.06 MB instead of
// 2.87 (its levels 2 and 3 0.08 s, for 3.13 and 3.00 MB):
// docs/performance.md, "The workbook's deflater".
const workbookDeflateLevel = 1

// newWorkbookZip is a zip writer that compresses with klauspost's flate at
// workbookDeflateLevel, for excelize (File.SetZipWriter) and normalizeZip
// alike; the compressor is this writer's, never archive/zip's
// package-wide one. Its entries are written one after the other, so one
// flate writer serves them all. Its output depends on its input only, as
// compress/flate's does (TestWorkbookDeterministic).
func newWorkbookZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, workbookDeflateLevel)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	return zw
}

// contentTypes is the package's [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name              `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []contentTypeDefault  `xml:"Default"`
	Overrides []contentTypeOverride `xml:"Override"`
}

type contentTypeDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type contentTypeOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

// sortContentTypes puts the Default entries of [Content_Types].xml (one per
// file extension) in extension order. The order carries no meaning, and
// excelize fills them from a map when a drawing is added, so that it changes
// from one run to the next. Overrides are kept in the order written, which
// is the order parts were created.
func sortContentTypes(data []byte) ([]byte, error) {
	var ct contentTypes
	if err := xml.Unmarshal(data, &ct); err != nil {
		return nil, fmt.Errorf("read content types: %w", err)
	}
	slices.SortStableFunc(ct.Defaults, func(a, b contentTypeDefault) int {
		return strings.Compare(a.Extension, b.Extension)
	})
	out, err := xml.Marshal(&ct)
	if err != nil {
		return nil, fmt.Errorf("write content types: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}

// sheetRels are the relationships of a sheet (xl/worksheets/_rels/*.rels).
type sheetRels struct {
	Rels []struct {
		ID   string `xml:"Id,attr"`
		Type string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

const tableRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"

// sheetTables returns, for each sheet with more than one table, the
// relationship ids of its tables in the order its relationships list
// them. Such a sheet may need fixTableParts: excelize's stream writer
// names only the last table it was given in the sheet's tableParts,
// though it makes the part and the relationship of each (the quality
// sheet of a large batch, streamQuality, has up to five).
func sheetTables(files []*zip.File) (map[string][]string, error) {
	out := map[string][]string{}
	const relsDir = "xl/worksheets/_rels/"
	for _, f := range files {
		if !strings.HasPrefix(f.Name, relsDir) || !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		var rels sheetRels
		if err := xml.Unmarshal(data, &rels); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		var ids []string
		for _, r := range rels.Rels {
			if r.Type == tableRelType {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) > 1 {
			out["xl/worksheets/"+strings.TrimSuffix(strings.TrimPrefix(f.Name, relsDir), ".rels")] = ids
		}
	}
	return out, nil
}

// fixTableParts lists every table of ids in a sheet's tableParts, in the
// form excelize writes for a sheet set cell by cell, when the sheet names
// fewer of them (a streamed sheet: see sheetTables). A sheet that names
// them all is returned as it is.
func fixTableParts(sheet []byte, ids []string) []byte {
	start := bytes.LastIndex(sheet, []byte("<tableParts"))
	if start < 0 {
		return sheet
	}
	end := bytes.Index(sheet[start:], []byte("</tableParts>"))
	if end < 0 {
		return sheet
	}
	end += start + len("</tableParts>")
	if bytes.Count(sheet[start:end], []byte("<tablePart ")) >= len(ids) {
		return sheet
	}
	var parts bytes.Buffer
	fmt.Fprintf(&parts, `<tableParts count="%d">`, len(ids))
	for _, id := range ids {
		fmt.Fprintf(&parts, `<tablePart r:id="%s"></tablePart>`, id)
	}
	parts.WriteString("</tableParts>")
	out := make([]byte, 0, len(sheet)+parts.Len())
	out = append(out, sheet[:start]...)
	out = append(out, parts.Bytes()...)
	return append(out, sheet[end:]...)
}
