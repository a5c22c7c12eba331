package sheet

// The reader as it was before the byte scanner (issue 10): the same
// package, its parts verified in a pass of their own and parsed by
// encoding/xml behind the guard. xmlscan_test.go holds the reader to it.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// refPackage reads a zipPackage the former way; its methods shadow those
// of the package it wraps.
type refPackage struct{ *zipPackage }

func refReadZip(data []byte, lim Limits) (*Workbook, error) {
	if err := checkEntryCount(memView(data)); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("the zip container cannot be opened (truncated or damaged): %v", err)}
	}
	pkg := &zipPackage{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		key := partKey(f.Name)
		if _, dup := pkg.parts[key]; !dup {
			pkg.parts[key] = f
		}
	}
	// An OpenDocument file is recognised before verification: "save it as
	// .xlsx" is the useful answer even when it is damaged as well.
	if f := pkg.parts["mimetype"]; f != nil {
		mime, err := readSmall(f, 256)
		if err == nil && strings.HasPrefix(strings.TrimSpace(mime), odsMime) {
			return nil, &Error{Kind: ErrODS, Detail: "an OpenDocument spreadsheet (.ods)"}
		}
		if err == nil && strings.HasPrefix(mime, "application/vnd.oasis.opendocument.") {
			return nil, &Error{Kind: ErrNotSpreadsheet, Detail: openDocumentKind(strings.TrimSpace(mime))}
		}
		if err == nil && strings.TrimSpace(mime) == "application/epub+zip" {
			return nil, &Error{Kind: ErrNotSpreadsheet, Detail: "an EPUB e-book"}
		}
	}
	if err := checkEntryNames(memView(data), zr, nil); err != nil {
		return nil, err
	}
	if err := refVerifyZip(zr, lim, pkg.has("[Content_Types].xml")); err != nil {
		return nil, err
	}
	return refPackage{pkg}.readWorkbook(lim)
}

// verifyZip reads every entry to its end, which makes archive/zip check each
// CRC-32 and each entry's length against the central directory, so that a
// truncated or damaged workbook is refused as a whole instead of being read
// in part. The declared sizes are summed first, which refuses an honest zip
// bomb without decompressing anything; the bytes actually produced are
// counted as well, since declared sizes are written by whoever made the file.
// Everything is streamed to io.Discard: memory stays at a few buffers.
//
// An encrypted entry is a password-protected workbook when the archive is an
// Office package (it has [Content_Types].xml), else an encrypted archive of
// something else.
func refVerifyZip(zr *zip.Reader, lim Limits, office bool) error {
	max := uint64(lim.MaxUnzippedBytes)
	var declared uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > max || declared+f.UncompressedSize64 > max {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the zip entries declare more than %d bytes once uncompressed (entry %q: %d bytes)", max, f.Name, f.UncompressedSize64)}
		}
		declared += f.UncompressedSize64
	}
	buf := make([]byte, 32<<10)
	var total int64
	for _, f := range zr.File {
		if f.Flags&0x1 != 0 {
			if !office {
				return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("a password-protected zip archive, not a workbook (entry %q is encrypted)", f.Name)}
			}
			return &Error{Kind: ErrEncrypted, Detail: fmt.Sprintf("zip entry %q is encrypted", f.Name)}
		}
		rc, err := f.Open()
		if err != nil {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q cannot be opened: %v", f.Name, err)}
		}
		remaining := lim.MaxUnzippedBytes - total
		n, err := io.CopyBuffer(io.Discard, io.LimitReader(rc, remaining+1), buf)
		rc.Close()
		total += n
		if total > lim.MaxUnzippedBytes {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the zip entries hold more than %d bytes once uncompressed (entry %q)", lim.MaxUnzippedBytes, f.Name)}
		}
		if err != nil {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q is damaged: %v", f.Name, err)}
		}
	}
	return nil
}

// open opens a part for streaming XML decoding, behind the guard that
// bounds what one token may cost.
func (p refPackage) open(name string) (io.ReadCloser, *xmlReader, error) {
	f := p.parts[partKey(name)]
	if f == nil {
		return nil, nil, fmt.Errorf("part %s: %w", name, errNoPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("open part %s: %w", name, err)
	}
	// The decoder reads byte by byte from this buffer; a small one does as
	// well as a large one, and a survey has several parts per file, read on
	// every core at once: 64 KiB each was most of the memory ingest churned.
	g := &xmlGuard{r: rc, part: name}
	d := xml.NewDecoder(bufio.NewReaderSize(g, 4<<10))
	return rc, &xmlReader{d: d, guard: g}, nil
}

// checkMainPart refuses a main part that is not a workbook, naming what it
// is from its root element.
func (p refPackage) checkMainPart(name string) error {
	if strings.HasSuffix(strings.ToLower(name), ".bin") {
		return &Error{Kind: ErrUnreadable, Detail: "an Excel binary workbook (.xlsb)"}
	}
	rc, d, err := p.open(name)
	if err != nil {
		return asError(err, "")
	}
	defer rc.Close()
	for {
		tok, err := d.Token()
		if err != nil {
			return asError(fmt.Errorf("parse %s: %w", name, err), "")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbook":
			return nil
		case "document":
			return &Error{Kind: ErrNotSpreadsheet, Detail: "a Word document (.docx)"}
		case "presentation":
			return &Error{Kind: ErrNotSpreadsheet, Detail: "a PowerPoint presentation (.pptx)"}
		}
		return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("an Office document whose main part %s is <%s>, not a workbook", name, se.Name.Local)}
	}
}

// readRels reads a .rels part; targets are resolved against base, the folder
// of the part the relationships belong to. A missing .rels part is no
// relationship at all.
func (p refPackage) readRels(relsPath, base string) (map[string]relationship, error) {
	rels := map[string]relationship{}
	if !p.has(relsPath) {
		return rels, nil
	}
	rc, d, err := p.open(relsPath)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return rels, nil
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", relsPath, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var id string
		var rel relationship
		external := false
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				rel.typ = a.Value
			case "Target":
				rel.target = a.Value
			case "TargetMode":
				external = strings.EqualFold(a.Value, "External")
			}
		}
		if id == "" || external {
			continue
		}
		if len(rels) >= maxRelationships {
			return nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("part %s: more than %d relationships", relsPath, maxRelationships)}
		}
		if strings.HasPrefix(rel.target, "/") {
			rel.target = path.Clean(strings.TrimLeft(rel.target, "/"))
		} else {
			rel.target = path.Clean(path.Join(base, rel.target))
		}
		rels[id] = rel
	}
}

func (p refPackage) readWorkbook(lim Limits) (*Workbook, error) {
	b := &budget{lim: lim}
	rootRels, err := p.readRels("_rels/.rels", "")
	if err != nil {
		return nil, asError(err, "")
	}
	wbPath := ""
	for _, r := range sortedRels(rootRels) {
		if strings.HasSuffix(r.typ, relOfficeDocument) {
			wbPath = r.target
			break
		}
	}
	if wbPath == "" || !p.has(wbPath) {
		wbPath = "xl/workbook.xml"
	}
	if !p.has(wbPath) {
		return nil, p.notWorkbook()
	}
	// The main part is a workbook by its root element, whatever its name:
	// a Word document's relationships point to word/document.xml, which
	// has no <sheet> and would otherwise read as a workbook with no sheet.
	if err := p.checkMainPart(wbPath); err != nil {
		return nil, err
	}
	wbDir := path.Dir(wbPath)
	rels, err := p.readRels(path.Join(wbDir, "_rels", path.Base(wbPath)+".rels"), wbDir)
	if err != nil {
		return nil, asError(err, "")
	}
	refs, err := p.readSheetList(wbPath)
	if err != nil {
		return nil, asError(err, "")
	}

	sstPath := ""
	for _, r := range sortedRels(rels) {
		if strings.HasSuffix(r.typ, relSharedStrings) {
			sstPath = r.target
			break
		}
	}
	if sstPath == "" && p.has(path.Join(wbDir, "sharedStrings.xml")) {
		sstPath = path.Join(wbDir, "sharedStrings.xml")
	}
	var sst []string
	if sstPath != "" && p.has(sstPath) {
		if sst, err = p.readSharedStrings(sstPath, b); err != nil {
			return nil, asError(err, "")
		}
	}

	wb := &Workbook{Format: XLSX}
	cells := 0
	// Each part is parsed once at most: sheets pointing to one part (or to
	// the workbook or shared strings) would multiply the time a pass over
	// the XML costs by the number of sheets, up to a thousand.
	parsed := map[string]bool{partKey(wbPath): true}
	if sstPath != "" {
		parsed[partKey(sstPath)] = true
	}
	for _, ref := range refs {
		rel, ok := rels[ref.rid]
		if !ok {
			return nil, &Error{Kind: ErrUnreadable, Sheet: ref.name, Detail: fmt.Sprintf("the workbook names relationship %q, which does not exist", ref.rid)}
		}
		// Chart sheets, dialog sheets and macro sheets hold no cells.
		if !strings.HasSuffix(rel.typ, relWorksheet) {
			continue
		}
		if parsed[partKey(rel.target)] {
			return nil, &Error{Kind: ErrUnreadable, Sheet: ref.name, Detail: fmt.Sprintf("the sheet's part %s is already read as another part of the workbook", rel.target)}
		}
		parsed[partKey(rel.target)] = true
		g := newGrid(ref.name, b)
		if err := p.readSheet(rel.target, sst, g); err != nil {
			return nil, asError(err, ref.name)
		}
		rows, err := g.finish()
		if err != nil {
			return nil, err
		}
		cells += g.cells
		wb.Sheets = append(wb.Sheets, Sheet{Name: ref.name, Hidden: ref.hidden, Rows: rows, HiddenRows: g.hiddenRowList(), HiddenCols: g.hiddenColList()})
	}
	if len(wb.Sheets) == 0 {
		return nil, &Error{Kind: ErrEmpty, Detail: "the workbook has no worksheet"}
	}
	if cells == 0 {
		return nil, &Error{Kind: ErrEmpty, Detail: "the workbook has no cell with a value"}
	}
	return wb, nil
}

func (p refPackage) readSheetList(wbPath string) ([]sheetRef, error) {
	rc, d, err := p.open(wbPath)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var refs []sheetRef
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", wbPath, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		var ref sheetRef
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "name" && a.Name.Space == "":
				ref.name = a.Value
			case a.Name.Local == "state" && a.Name.Space == "":
				ref.hidden = a.Value == "hidden" || a.Value == "veryHidden"
			case a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships"):
				ref.rid = a.Value
			}
		}
		if len(refs) >= maxSheets {
			return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the workbook lists more than %d sheets", maxSheets)}
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

// readSharedStrings reads the shared string table. A rich-text string is the
// concatenation of its runs' <t>; phonetic guides (<rPh>, East Asian ruby
// text) are not part of the value and are skipped. Each entry is counted in
// the budget before it is added, its bytes as they arrive.
func (p refPackage) readSharedStrings(name string, b *budget) ([]string, error) {
	rc, d, err := p.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var sst []string
	var sb strings.Builder
	inSI, inT, rph := false, false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sst, nil
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				sb.Reset()
			case "t":
				inT = inSI
			case "rPh":
				rph++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if inSI {
					if len(sst) >= b.lim.MaxSharedStrings {
						return nil, &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("part %s: more than %d shared strings", name, b.lim.MaxSharedStrings)}
					}
					sst = append(sst, decodeOOXMLEscapes(sb.String()))
				}
				inSI = false
			case "t":
				inT = false
			case "rPh":
				rph--
			}
		case xml.CharData:
			if inT && rph == 0 {
				if sb.Len()+len(t) > maxValueBytes {
					return nil, &Error{Kind: ErrCellTooLong, Detail: fmt.Sprintf("part %s: shared string %d is longer than %d bytes (Excel holds at most 32,767 characters in a cell)", name, len(sst), maxValueBytes)}
				}
				if err := b.addText(len(t), "", 0, len(sst)); err != nil {
					return nil, err
				}
				sb.Write(t)
			}
		}
	}
}

// readSheet streams a worksheet part into g. Row and column positions come
// from the r attributes when present (rows and cells may be sparse) and are
// otherwise the next position after the previous one, as the format says.
func (p refPackage) readSheet(name string, sst []string, g *grid) error {
	rc, d, err := p.open(name)
	if err != nil {
		return &Error{Kind: ErrUnreadable, Sheet: g.sheet, Detail: err.Error()}
	}
	defer rc.Close()
	fail := func(format string, args ...any) error {
		return &Error{Kind: ErrUnreadable, Sheet: g.sheet, Detail: fmt.Sprintf(format, args...)}
	}
	var (
		row, col  int      // position of the current row, last cell
		cell      *xmlCell // non-nil inside <c>
		cur       xmlCell
		inV, inIS bool
		inT, rph  int
		inData    bool
		rowHidden bool // the current <row> is hidden
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var se *Error
			if errors.As(err, &se) {
				return asError(se, g.sheet)
			}
			return fail("parse %s: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				inData = true
			case "col":
				// <cols><col min= max= hidden=>: ranges of columns
				// hidden in Excel, before sheetData.
				if !inData && isTrue(refAttr(t, "hidden")) {
					lo, err1 := strconv.Atoi(refAttr(t, "min"))
					hi, err2 := strconv.Atoi(refAttr(t, "max"))
					if err1 == nil && err2 == nil {
						g.hideCols(lo, hi)
					}
				}
			case "row":
				if !inData {
					continue
				}
				rowHidden = isTrue(refAttr(t, "hidden"))
				next := row + 1
				if r := refAttr(t, "r"); r != "" {
					n, err := strconv.Atoi(r)
					if err != nil || n < 1 {
						return fail("row with invalid number %q after row %d", r, row)
					}
					next = n
				}
				row, col = next, 0
			case "c":
				if !inData {
					continue
				}
				cur = xmlCell{}
				cell = &cur
				cell.row, cell.col = row, col+1
				if ref := refAttr(t, "r"); ref != "" {
					r, c, ok := parseRef(ref)
					if !ok {
						return fail("cell with invalid reference %q in row %d", ref, row)
					}
					cell.row, cell.col = r, c
				}
				if cell.row < 1 {
					// A <c> outside any <row>: the first row.
					cell.row = 1
				}
				cell.typ = refAttr(t, "t")
				col = cell.col
			case "f":
				if cell != nil {
					cell.formula = true
				}
			case "v":
				if cell != nil {
					inV, cell.hasV = true, true
				}
			case "is":
				if cell != nil {
					inIS, cell.hasIS = true, true
				}
			case "t":
				if inIS {
					inT++
				}
			case "rPh":
				rph++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "sheetData":
				// Nothing after sheetData holds cell values.
				return nil
			case "row":
				rowHidden = false
			case "c":
				if cell == nil {
					continue
				}
				c, keep, err := cell.value(&sharedStrings{list: sst})
				if err != nil {
					return fail("cell %s: %v", CellRef(cell.row, min(cell.col, 1<<14)), err)
				}
				if keep {
					// A shared string is held once, in the table; any
					// other value is text of its own.
					if cell.typ != "s" {
						if err := g.budget.addText(len(c.Value), g.sheet, cell.row, cell.col); err != nil {
							return err
						}
					}
					if err := g.set(cell.row, cell.col, c); err != nil {
						return err
					}
					if rowHidden && cell.row == row {
						g.hiddenRow(row)
					}
				}
				cell, inV, inIS, inT = nil, false, false, 0
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				if inT > 0 {
					inT--
				}
			case "rPh":
				rph--
			}
		case xml.CharData:
			var into *textBuf
			switch {
			case cell == nil:
			case inV:
				into = &cell.v
			case inIS && inT > 0 && rph == 0:
				into = &cell.is
			}
			if into == nil {
				continue
			}
			if into.Len()+len(t) > maxValueBytes {
				return &Error{Kind: ErrCellTooLong, Sheet: g.sheet, Row: cell.row, Col: min(cell.col, 1<<14),
					Detail: fmt.Sprintf("cell %s holds more than %d bytes of text (Excel holds at most 32,767 characters in a cell)", CellRef(cell.row, min(cell.col, 1<<14)), maxValueBytes)}
			}
			into.Write(t)
		}
	}
}

func refAttr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}
