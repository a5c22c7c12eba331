package sheet

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The .xlsx reader parses the OOXML parts itself with a byte scanner
// (xmlscan.go) rather than going through excelize. Reasons, all
// measured on excelize v2.11 (docs/reader.md has them in full, with the
// order of the checks and the memory budget):
//   - excelize's streaming Rows() iterator does not tell a formula cell from
//     a constant, nor a formula never computed from an empty cell;
//   - it loses rows without an error on a damaged compressed sheet;
//   - its default values are as displayed ("1,139"), not as stored.
//
// Reading <c r= t=><f/><v/></c> directly gives exactly what the file stores,
// with memory bounded by one cell at a time plus the grid. excelize is used in
// the tests as an independent cross-check of the values read.

const odsMime = "application/vnd.oasis.opendocument.spreadsheet"

// Relationship types, matched by suffix so that both the transitional
// (schemas.openxmlformats.org) and strict (purl.oclc.org) namespaces work.
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
)

// zipPackage is a verified zip archive with case-insensitive part lookup:
// some producers write "xl/SharedStrings.xml" or "XL/workbook.xml", and
// Excel accepts them.
type zipPackage struct {
	parts map[string]*zip.File // key: lower-cased, slash-separated name without a leading slash
	// data holds, by the same key, the bytes of the parts kept when the
	// archive was verified (keepPart), so that each is inflated once.
	data map[string][]byte
	// spare is the scanner of the part read last, reused for the next.
	spare *xmlScanner
	// inflate is what opens the entries (inflate.go).
	inflate *inflaters
	// keep and arena are verify's, kept by the Reader for the next
	// file (nil for a package of the tests' former reader).
	keep  []bool
	arena []byte
	// keys are the keys (partKey) of the archive's entries, in order.
	keys []string
	// parsed is the Reader's memory of parts parsed (nil for a package
	// of the tests' former reader).
	parsed *[]parsedPart
}

// parsedPart is the relationships or the sheet list a Reader read from
// a part, by the part's name and bytes. The workbook's relationships and
// list of sheets are the same bytes from form to form of a template, and
// what is read from them depends on those bytes and names alone: a part
// of the same name and bytes as one read before gives what it gave, read
// only (its map and slice are shared by the workbooks read from it).
type parsedPart struct {
	kind       uint8
	name, base string
	content    []byte
	rels       map[string]relationship
	refs       []sheetRef
}

const (
	parsedRels = iota + 1
	parsedSheets
)

// Bounds of the parts remembered: a form's three, with room for a few
// templates.
const (
	maxParsedParts = 8
	maxParsedBytes = 16 << 10
)

// parsedBefore returns what was read before from the part name (of kind,
// resolved against base), if it is the same bytes; and the bytes of the
// part when it is held in memory and small enough to be remembered.
func (p *zipPackage) parsedBefore(kind uint8, name, base string) (*parsedPart, []byte) {
	if p.parsed == nil {
		return nil, nil
	}
	_, data, ok := p.lookup(name)
	if !ok || len(data) > maxParsedBytes {
		return nil, nil
	}
	for i := range *p.parsed {
		e := &(*p.parsed)[i]
		if e.kind == kind && e.name == name && e.base == base && bytes.Equal(e.content, data) {
			return e, data
		}
	}
	return nil, data
}

// rememberParsed keeps e, read from content, in place of the oldest when
// maxParsedParts are kept.
func (p *zipPackage) rememberParsed(e parsedPart, content []byte) {
	e.content = bytes.Clone(content)
	list := *p.parsed
	if len(list) < maxParsedParts {
		*p.parsed = append(list, e)
		return
	}
	copy(list, list[1:])
	list[len(list)-1] = e
}

// maxReusedEntries bounds the entries of the maps a Reader keeps from one
// archive to the next: a form has about ten, and a map keeps the room it
// once took.
const maxReusedEntries = 64

// newPackage returns r's package, emptied, for an archive of n entries.
func (r *Reader) newPackage(n int) *zipPackage {
	p := &r.pkg
	parts, data := p.parts, p.data
	if parts == nil {
		parts = make(map[string]*zip.File, n)
	}
	if data == nil {
		data = make(map[string][]byte, n)
	}
	*p = zipPackage{parts: parts, data: data, spare: p.spare, inflate: &r.inflate, keep: p.keep[:0], arena: p.arena, keys: p.keys[:0], parsed: &r.parsed}
	return p
}

// release lets go of what p holds of the archive just read, keeping its
// room for the next.
func (r *Reader) release(p *zipPackage) {
	if len(p.parts) > maxReusedEntries || len(p.data) > maxReusedEntries {
		p.parts, p.data, p.keep, p.keys = nil, nil, nil, nil
	} else {
		clear(p.parts)
		clear(p.data)
		clear(p.keys)
	}
	if s := p.spare; s != nil {
		if cap(s.scratch)+cap(s.abuf)+cap(s.open) > 64<<10 || cap(s.attrs) > 1024 {
			// The buffers of a part out of the ordinary: not worth keeping.
			p.spare = nil
			return
		}
		s.buf, s.src, s.local, s.text, s.err, s.failed, s.after = nil, nil, nil, nil, nil, nil, nil
		s.attrs = s.attrs[:0]
	}
}

func (r *Reader) readZip(data []byte, lim Limits) (*Workbook, error) {
	archive := bytes.NewReader(data)
	// The entries are inflated by r's inflaters (inflate.go), for this
	// archive only; they let go of its bytes once it is read.
	r.inflate.reset(archive, data)
	defer r.inflate.reset(nil, nil)
	zr, pkg, err := r.openZip(memView(data), archive)
	if pkg != nil {
		defer r.release(pkg)
	}
	if err != nil {
		return nil, err
	}
	if err := pkg.verify(zr, lim, pkg.has("[Content_Types].xml"), nil); err != nil {
		return nil, err
	}
	return pkg.readWorkbook(lim)
}

// openZip opens the archive v, read through ra, as a package, with the
// checks made before any entry is inflated: the number of entries, the
// zip structure, an OpenDocument file or an e-book recognised by its
// mimetype, the entries' names. r's inflaters are set for the archive
// (inflaters.reset) by the caller.
func (r *Reader) openZip(v zipView, ra io.ReaderAt) (*zip.Reader, *zipPackage, error) {
	if err := checkEntryCount(v); err != nil {
		return nil, nil, err
	}
	zr, err := zip.NewReader(ra, v.size)
	if err != nil {
		return nil, nil, &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("the zip container cannot be opened (truncated or damaged): %v", err)}
	}
	zr.RegisterDecompressor(zip.Deflate, r.inflate.dcomp)
	pkg := r.newPackage(len(zr.File))
	for _, f := range zr.File {
		key := partKey(f.Name)
		pkg.keys = append(pkg.keys, key)
		if _, dup := pkg.parts[key]; !dup {
			pkg.parts[key] = f
		}
	}
	// An OpenDocument file is recognised before verification: "save it as
	// .xlsx" is the useful answer even when it is damaged as well.
	if f := pkg.parts["mimetype"]; f != nil {
		mime, err := readSmall(f, 256)
		if err == nil && strings.HasPrefix(strings.TrimSpace(mime), odsMime) {
			return zr, pkg, &Error{Kind: ErrODS, Detail: "an OpenDocument spreadsheet (.ods)"}
		}
		if err == nil && strings.HasPrefix(mime, "application/vnd.oasis.opendocument.") {
			return zr, pkg, &Error{Kind: ErrNotSpreadsheet, Detail: openDocumentKind(strings.TrimSpace(mime))}
		}
		if err == nil && strings.TrimSpace(mime) == "application/epub+zip" {
			return zr, pkg, &Error{Kind: ErrNotSpreadsheet, Detail: "an EPUB e-book"}
		}
	}
	if err := checkEntryNames(v, zr, pkg.keys); err != nil {
		return zr, pkg, err
	}
	return zr, pkg, nil
}

// partKey is the key under which the part named name is looked up:
// slash-separated, without a leading slash, lower-cased. A name that is
// its own key (most are) is returned as it is, without a copy.
func partKey(name string) string {
	if isPartKey(name) {
		return name
	}
	name = strings.ReplaceAll(name, `\`, "/")
	return strings.ToLower(strings.TrimLeft(name, "/"))
}

// isPartKey says whether name is its own key: ASCII without a capital
// or a backslash, not starting with a slash.
func isPartKey(name string) bool {
	if strings.HasPrefix(name, "/") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if b := name[i]; b >= utf8.RuneSelf || b == '\\' || 'A' <= b && b <= 'Z' {
			return false
		}
	}
	return true
}

// lookup returns the entry and the bytes kept (if any) of the part
// named name: as p.parts[partKey(name)] and p.data[partKey(name)], the
// key of an ASCII name made on the stack rather than allocated.
func (p *zipPackage) lookup(name string) (*zip.File, []byte, bool) {
	if isPartKey(name) {
		d, ok := p.data[name]
		return p.parts[name], d, ok
	}
	var buf [256]byte
	if k, ok := asciiPartKey(buf[:0], name); ok {
		d, ok := p.data[string(k)]
		return p.parts[string(k)], d, ok
	}
	key := partKey(name)
	d, ok := p.data[key]
	return p.parts[key], d, ok
}

// asciiPartKey appends partKey(name) to dst when name is ASCII and
// fits; ok false otherwise.
func asciiPartKey(dst []byte, name string) (k []byte, ok bool) {
	if len(name) > cap(dst)-len(dst) {
		return dst, false
	}
	lead := true
	for i := 0; i < len(name); i++ {
		b := name[i]
		switch {
		case b >= utf8.RuneSelf:
			return dst, false
		case b == '\\':
			b = '/'
		case 'A' <= b && b <= 'Z':
			b += 'a' - 'A'
		}
		if lead && b == '/' {
			continue
		}
		lead = false
		dst = append(dst, b)
	}
	return dst, true
}

// readSmall reads at most n bytes of an entry, for sniffing.
func readSmall(f *zip.File, n int64) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, n))
	return string(b), err
}

// verify reads every entry to its end, which makes archive/zip check each
// CRC-32 and each entry's length against the central directory, so that a
// truncated or damaged workbook is refused as a whole instead of being read
// in part. The declared sizes are summed first, which refuses an honest zip
// bomb without decompressing anything; the bytes actually produced are
// counted as well, since declared sizes are written by whoever made the file.
//
// The entries the reader may parse (keepPart) are read into memory as they
// are verified, up to keepBytes in all, and parsed from there: each is
// inflated once. Any other entry, and any beyond keepBytes, is streamed to
// io.Discard; a part among them that is needed after all (a sheet of tens
// of megabytes) is inflated a second time when parsed, streamed, so that
// memory stays bounded whatever the archive holds.
//
// An encrypted entry is a password-protected workbook when the archive is an
// Office package (it has [Content_Types].xml), else an encrypted archive of
// something else.
//
// pick, when not nil, says which entries are read (entry i, kept or not):
// StreamXLSX reads the parts kept first, then the others but the ones it
// streams, whose checksums are checked as they are parsed; each entry is
// inflated once.
func (p *zipPackage) verify(zr *zip.Reader, lim Limits, office bool, pick func(i int, kept bool) bool) error {
	max := uint64(lim.MaxUnzippedBytes)
	var declared uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > max || declared+f.UncompressedSize64 > max {
			return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the zip entries declare more than %d bytes once uncompressed (entry %q: %d bytes)", max, f.Name, f.UncompressedSize64)}
		}
		declared += f.UncompressedSize64
	}
	// One allocation for the parts kept. An entry's declared size is its
	// size: archive/zip refuses one that inflates to more or to less.
	keep := slices.Grow(p.keep[:0], len(zr.File))[:len(zr.File)]
	clear(keep)
	p.keep = keep
	var kept uint64
	for i, f := range zr.File {
		if keepPart(p.key(i, f)) && f.Flags&0x1 == 0 && kept+f.UncompressedSize64 <= keepBytes {
			keep[i] = true
			kept += f.UncompressedSize64
		}
	}
	// The arena of the previous archive when it is large enough: nothing
	// read from it outlives the reading (every text of a Workbook is a
	// string of its own), and each part kept is read over whole.
	if uint64(cap(p.arena)) < kept {
		p.arena = make([]byte, kept)
	}
	arena := p.arena[:kept]
	if p.data == nil {
		p.data = make(map[string][]byte, len(zr.File))
	}
	var total int64
	for i, f := range zr.File {
		if f.Flags&0x1 != 0 {
			if !office {
				return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("a password-protected zip archive, not a workbook (entry %q is encrypted)", f.Name)}
			}
			return &Error{Kind: ErrEncrypted, Detail: fmt.Sprintf("zip entry %q is encrypted", f.Name)}
		}
		if pick != nil && !pick(i, keep[i]) {
			if keep[i] {
				arena = arena[f.UncompressedSize64:]
			}
			continue
		}
		if out, ok := p.inflate.known(f); ok {
			// The same bytes as an entry inflated and checked before
			// (inflaters.known).
			if keep[i] {
				dst := arena[:f.UncompressedSize64:f.UncompressedSize64]
				arena = arena[f.UncompressedSize64:]
				copy(dst, out)
				if key := p.key(i, f); p.parts[key] == f {
					p.data[key] = dst
				}
			}
			if total += int64(len(out)); total > lim.MaxUnzippedBytes {
				return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("the zip entries hold more than %d bytes once uncompressed (entry %q)", lim.MaxUnzippedBytes, f.Name)}
			}
			continue
		}
		rc, err := p.inflate.open(f)
		if err != nil {
			return &Error{Kind: ErrDamaged, Detail: fmt.Sprintf("zip entry %q cannot be opened: %v", f.Name, err)}
		}
		var n int64
		if keep[i] {
			dst := arena[:f.UncompressedSize64:f.UncompressedSize64]
			arena = arena[f.UncompressedSize64:]
			n, err = readEntry(rc, dst)
			if err == nil {
				if key := p.key(i, f); p.parts[key] == f {
					p.data[key] = dst
				}
			}
		} else {
			// io.Discard reads with a buffer of its own, pooled.
			remaining := lim.MaxUnzippedBytes - total
			n, err = io.Copy(io.Discard, io.LimitReader(rc, remaining+1))
		}
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

// keepBytes bounds the bytes of the parts verify keeps for parsing: a
// form's parts take tens of kilobytes, a sheet of 400,000 rows tens of
// megabytes, which are better streamed than held beside the grid they fill
// (and a hostile part is refused at the cost of the stream, not of the
// part: TestHostileShapes).
const keepBytes = 1 << 20

// keepPart says whether the entry of key k (partKey) is one the reader
// may parse: the relationships, the workbook, the shared strings and the
// worksheets, which are XML parts outside the folders of what is never
// read (document properties, themes, styles, drawings, media).
func keepPart(k string) bool {
	if !strings.HasSuffix(k, ".xml") && !strings.HasSuffix(k, ".rels") {
		return false
	}
	switch {
	case strings.HasPrefix(k, "docprops/"), strings.Contains(k, "/theme/"), strings.HasSuffix(k, "styles.xml"),
		strings.Contains(k, "/drawings/"), strings.Contains(k, "/media/"), strings.Contains(k, "/charts/"),
		strings.HasSuffix(k, "calcchain.xml"), k == "[content_types].xml":
		return false
	}
	return true
}

// readEntry reads an entry of exactly len(dst) bytes and on to its end, so
// that archive/zip checks its CRC-32 and its length.
func readEntry(r io.Reader, dst []byte) (int64, error) {
	n, err := io.ReadFull(r, dst)
	if err != nil {
		return int64(n), err
	}
	var one [1]byte
	for {
		m, err := r.Read(one[:])
		if m > 0 {
			return int64(n + m), errors.New("the entry is longer than its declared size")
		}
		if err == io.EOF {
			return int64(n), nil
		}
		if err != nil {
			return int64(n), err
		}
	}
}

// open returns a scanner over a part: from the bytes kept by verify, or
// streamed from the archive (close closes the stream).
func (p *zipPackage) open(name string) (s *xmlScanner, close func(), err error) {
	f, data, ok := p.lookup(name)
	if ok {
		return p.scanner(name, data), func() {}, nil
	}
	if f == nil {
		return nil, nil, fmt.Errorf("part %s: %w", name, errNoPart)
	}
	rc, err := p.inflate.open(f)
	if err != nil {
		return nil, nil, fmt.Errorf("open part %s: %w", name, err)
	}
	return newScanner(name, nil, rc), func() { rc.Close() }, nil
}

// scanner returns a scanner over data, the one of the package's previous
// part reset when there is one: the parts of a file are read one after the
// other, and the scanner's buffers fit the next as they fitted the last.
func (p *zipPackage) scanner(name string, data []byte) *xmlScanner {
	s := p.spare
	if s == nil {
		s = newScanner(name, data, nil)
		p.spare = s
		return s
	}
	*s = xmlScanner{part: name, buf: data, open: s.open[:0], openEnd: s.openEnd[:0], attrs: s.attrs[:0],
		scratch: s.scratch[:0], abuf: s.abuf[:0], ns: s.ns[:0]}
	s.guard.part = name
	return s
}

var errNoPart = errors.New("missing from the package")

// Caps on the lists read from the workbook's own parts: Excel has no fixed
// limit on sheets, but a survey has a handful, and each entry costs memory
// (and each sheet a pass over its part) whatever the part's size.
const (
	maxSheets        = 1000
	maxRelationships = 10_000 // per .rels part
)

// asError keeps an *Error (a refusal from the guard or the budget) as it is,
// naming the sheet if it does not, and makes anything else an ErrUnreadable.
func asError(err error, sheet string) error {
	var se *Error
	if errors.As(err, &se) {
		if se.Sheet == "" {
			se.Sheet = sheet
		}
		return se
	}
	return &Error{Kind: ErrUnreadable, Sheet: sheet, Detail: err.Error()}
}

func (p *zipPackage) has(name string) bool {
	f, _, _ := p.lookup(name)
	return f != nil
}

// key returns the key of entry i of the archive, f.
func (p *zipPackage) key(i int, f *zip.File) string {
	if i < len(p.keys) {
		return p.keys[i]
	}
	return partKey(f.Name)
}

// openDocumentKind names an OpenDocument file other than a spreadsheet.
func openDocumentKind(mime string) string {
	switch strings.TrimPrefix(mime, "application/vnd.oasis.opendocument.") {
	case "text":
		return "an OpenDocument text document (.odt)"
	case "presentation":
		return "an OpenDocument presentation (.odp)"
	case "graphics":
		return "an OpenDocument drawing (.odg)"
	}
	return fmt.Sprintf("an OpenDocument file of type %q", mime)
}

// notWorkbook says what a zip archive with no workbook part is.
func (p *zipPackage) notWorkbook() error {
	switch {
	case p.has("word/document.xml"):
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a Word document (.docx)"}
	case p.has("ppt/presentation.xml"):
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a PowerPoint presentation (.pptx)"}
	case p.has("xl/workbook.bin"):
		return &Error{Kind: ErrUnreadable, Detail: "an Excel binary workbook (.xlsb)"}
	case p.has("META-INF/MANIFEST.MF"):
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a Java archive (.jar)"}
	}
	var files []string
	for _, k := range slices.Sorted(maps.Keys(p.parts)) {
		if !strings.HasSuffix(k, "/") {
			files = append(files, k)
		}
	}
	switch {
	case len(p.parts) == 0:
		return &Error{Kind: ErrNotSpreadsheet, Detail: "an empty zip archive (no file in it)"}
	case len(files) == 0:
		return &Error{Kind: ErrNotSpreadsheet, Detail: "a zip archive holding only folders"}
	}
	more := ""
	if len(files) > 5 {
		files, more = files[:5], fmt.Sprintf(", and %d more", len(files)-5)
	}
	return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("a zip archive of other files, not an Excel workbook (%s%s)", strings.Join(files, ", "), more)}
}

// checkMainPart refuses a main part that is not a workbook, naming what it
// is from its root element.
func (p *zipPackage) checkMainPart(name string) error {
	if strings.HasSuffix(strings.ToLower(name), ".bin") {
		return &Error{Kind: ErrUnreadable, Detail: "an Excel binary workbook (.xlsb)"}
	}
	d, done, err := p.open(name)
	if err != nil {
		return asError(err, "")
	}
	defer done()
	for {
		tok, err := d.next()
		if err == nil && tok == tokEOF {
			err = io.EOF
		}
		if err != nil {
			return asError(fmt.Errorf("parse %s: %w", name, err), "")
		}
		if tok != tokStart {
			continue
		}
		switch string(d.local) {
		case "workbook":
			return nil
		case "document":
			return &Error{Kind: ErrNotSpreadsheet, Detail: "a Word document (.docx)"}
		case "presentation":
			return &Error{Kind: ErrNotSpreadsheet, Detail: "a PowerPoint presentation (.pptx)"}
		}
		return &Error{Kind: ErrNotSpreadsheet, Detail: fmt.Sprintf("an Office document whose main part %s is <%s>, not a workbook", name, d.local)}
	}
}

type relationship struct {
	typ, target string
}

// readRels reads a .rels part; targets are resolved against base, the folder
// of the part the relationships belong to. A missing .rels part is no
// relationship at all.
func (p *zipPackage) readRels(relsPath, base string) (map[string]relationship, error) {
	e, data := p.parsedBefore(parsedRels, relsPath, base)
	if e != nil {
		return e.rels, nil
	}
	rels, err := p.parseRels(relsPath, base)
	if err == nil && data != nil {
		p.rememberParsed(parsedPart{kind: parsedRels, name: relsPath, base: base, rels: rels}, data)
	}
	return rels, err
}

// parseRels is readRels without the Reader's memory of parts parsed.
func (p *zipPackage) parseRels(relsPath, base string) (map[string]relationship, error) {
	rels := map[string]relationship{}
	if !p.has(relsPath) {
		return rels, nil
	}
	d, done, err := p.open(relsPath)
	if err != nil {
		return nil, err
	}
	defer done()
	for {
		tok, err := d.next()
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", relsPath, err)
		}
		if tok == tokEOF {
			return rels, nil
		}
		if tok != tokStart || string(d.local) != "Relationship" {
			continue
		}
		// As encoding/xml was read: by local name whatever the prefix,
		// the last of a name winning.
		var id string
		var rel relationship
		external := false
		for _, a := range d.attrs {
			switch string(a.local) {
			case "Id":
				id = string(a.val)
			case "Type":
				rel.typ = string(a.val)
			case "Target":
				rel.target = string(a.val)
			case "TargetMode":
				external = strings.EqualFold(string(a.val), "External")
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

type sheetRef struct {
	name   string
	hidden bool
	rid    string
}

// workbookParts is what a workbook's own parts say of it: its main part,
// its relationships, its list of sheets and where its shared strings are
// ("" for none named; the part may still be missing).
type workbookParts struct {
	wbPath, sstPath string
	rels            map[string]relationship
	refs            []sheetRef
}

// readParts reads the workbook's main part, relationships and list of
// sheets, refusing a package that is no workbook.
func (p *zipPackage) readParts() (workbookParts, error) {
	rootRels, err := p.readRels("_rels/.rels", "")
	if err != nil {
		return workbookParts{}, asError(err, "")
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
		return workbookParts{}, p.notWorkbook()
	}
	// The main part is a workbook by its root element, whatever its name:
	// a Word document's relationships point to word/document.xml, which
	// has no <sheet> and would otherwise read as a workbook with no sheet.
	if err := p.checkMainPart(wbPath); err != nil {
		return workbookParts{}, err
	}
	wbDir := path.Dir(wbPath)
	rels, err := p.readRels(path.Join(wbDir, "_rels", path.Base(wbPath)+".rels"), wbDir)
	if err != nil {
		return workbookParts{}, asError(err, "")
	}
	refs, err := p.readSheetList(wbPath)
	if err != nil {
		return workbookParts{}, asError(err, "")
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
	return workbookParts{wbPath: wbPath, sstPath: sstPath, rels: rels, refs: refs}, nil
}

func (p *zipPackage) readWorkbook(lim Limits) (*Workbook, error) {
	b := &budget{lim: lim}
	parts, err := p.readParts()
	if err != nil {
		return nil, err
	}
	wbPath, sstPath, rels, refs := parts.wbPath, parts.sstPath, parts.rels, parts.refs
	var sst sharedStrings
	if sstPath != "" && p.has(sstPath) {
		if sst.list, err = p.readSharedStrings(sstPath, b); err != nil {
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
		if err := p.readSheet(rel.target, ref.name, &sst, g); err != nil {
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

// sortedRels returns relationships in Id order, so that the choice among
// several of a type does not depend on map iteration order.
func sortedRels(m map[string]relationship) []relationship {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	// rId2 before rId10: compare by length, then text.
	slices.SortFunc(ids, func(a, b string) int {
		if len(a) != len(b) {
			return cmp.Compare(len(a), len(b))
		}
		return strings.Compare(a, b)
	})
	out := make([]relationship, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out
}

func (p *zipPackage) readSheetList(wbPath string) ([]sheetRef, error) {
	e, data := p.parsedBefore(parsedSheets, wbPath, "")
	if e != nil {
		return e.refs, nil
	}
	refs, err := p.parseSheetList(wbPath)
	if err == nil && data != nil {
		p.rememberParsed(parsedPart{kind: parsedSheets, name: wbPath, refs: refs}, data)
	}
	return refs, err
}

// parseSheetList is readSheetList without the Reader's memory of parts
// parsed.
func (p *zipPackage) parseSheetList(wbPath string) ([]sheetRef, error) {
	d, done, err := p.open(wbPath)
	if err != nil {
		return nil, err
	}
	defer done()
	d.trackNS = true
	var refs []sheetRef
	for {
		tok, err := d.next()
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", wbPath, err)
		}
		if tok == tokEOF {
			break
		}
		if tok != tokStart || string(d.local) != "sheet" {
			continue
		}
		var ref sheetRef
		for _, a := range d.attrs {
			switch {
			case string(a.local) == "name" && len(a.space) == 0:
				ref.name = string(a.val)
			case string(a.local) == "state" && len(a.space) == 0:
				ref.hidden = string(a.val) == "hidden" || string(a.val) == "veryHidden"
			case string(a.local) == "id" && strings.Contains(d.attrSpace(a), "relationships"):
				ref.rid = string(a.val)
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
// maxPresizedStrings bounds the room made for the shared strings from
// the count the table declares.
const maxPresizedStrings = 4096

func (p *zipPackage) readSharedStrings(name string, b *budget) ([]string, error) {
	d, done, err := p.open(name)
	if err != nil {
		return nil, err
	}
	defer done()
	var sst []string
	err = scanSharedStrings(d, name, b,
		func(n int) { sst = make([]string, 0, n) },
		func(s []byte) { sst = append(sst, decodeOOXMLEscapes(string(s))) })
	return sst, err
}

// scanSharedStrings reads the shared string table from d, calling add
// with each string's text as stored (its OOXML escapes not decoded; the
// bytes are d's, for the call only), and presize first with the number of
// strings to make room for when the table says how many it has.
func scanSharedStrings(d *xmlScanner, name string, b *budget, presize func(n int), add func(s []byte)) error {
	var sb []byte
	count, sized := 0, false
	inSI, inT, rph := false, false, 0
	for {
		tok, err := d.next()
		if err != nil {
			return fmt.Errorf("parse %s: %w", name, err)
		}
		switch tok {
		case tokEOF:
			return nil
		case tokStart:
			switch string(d.local) {
			case "sst":
				// The table's own count of its strings, when it gives
				// one, sizes it: within a bound, since it is written by
				// whoever made the file.
				if v, ok := d.attr("uniqueCount"); ok && !sized && count == 0 {
					if n, err := atoi(v); err == nil && n > 0 {
						presize(min(n, maxPresizedStrings, b.lim.MaxSharedStrings))
						sized = true
					}
				}
			case "si":
				inSI = true
				sb = sb[:0]
			case "t":
				inT = inSI
			case "rPh":
				rph++
			}
		case tokEnd:
			switch string(d.local) {
			case "si":
				if inSI {
					if count >= b.lim.MaxSharedStrings {
						return &Error{Kind: ErrTooLarge, Detail: fmt.Sprintf("part %s: more than %d shared strings", name, b.lim.MaxSharedStrings)}
					}
					add(sb)
					count++
				}
				inSI = false
			case "t":
				inT = false
			case "rPh":
				rph--
			}
		case tokText:
			if inT && rph == 0 {
				t := d.text
				if len(sb)+len(t) > maxValueBytes {
					return &Error{Kind: ErrCellTooLong, Detail: fmt.Sprintf("part %s: shared string %d is longer than %d bytes (Excel holds at most 32,767 characters in a cell)", name, count, maxValueBytes)}
				}
				if err := b.addText(len(t), "", 0, count); err != nil {
					return err
				}
				sb = append(sb, t...)
			}
		}
	}
}

// sharedStrings is a workbook's shared-string table: each string its own
// (list, Read), or all of them end to end in one string (all), string i
// ending at ends[i] (StreamXLSX: a million institutions' UAIs and names are
// two million strings of a few bytes, each of which would cost an
// allocation and 16 bytes more).
type sharedStrings struct {
	list []string
	all  string
	ends []uint32
}

func (t *sharedStrings) len() int { return len(t.list) + len(t.ends) }

// at returns string i, 0 <= i < t.len().
func (t *sharedStrings) at(i int) string {
	if t.ends == nil {
		return t.list[i]
	}
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.all[start:t.ends[i]]
}

// xmlCell is one <c> being read.
type xmlCell struct {
	row, col int
	typ      string
	formula  bool
	hasV     bool
	v        textBuf
	is       textBuf // inline string text
	hasIS    bool
}

// cellSink is where readSheet puts the cells of a worksheet: a grid
// (the whole sheet, Read) or a row at a time (StreamXLSX).
type cellSink interface {
	// set stores c at 1-based row and col.
	set(row, col int, c Cell) error
	// holdText accounts for n bytes of text held by the cell at row and col
	// (a value that is not a shared string).
	holdText(n, row, col int) error
	// hiddenRow records that row, hidden, holds a cell.
	hiddenRow(row int)
	// hideCols records columns lo to hi as hidden.
	hideCols(lo, hi int)
}

func (g *grid) holdText(n, row, col int) error { return g.budget.addText(n, g.sheet, row, col) }

// readSheet streams the worksheet part name, of the sheet named sheet,
// into g. Row and column positions come from the r attributes when present
// (rows and cells may be sparse) and are otherwise the next position after
// the previous one, as the format says.
func (p *zipPackage) readSheet(name, sheet string, sst *sharedStrings, g cellSink) error {
	d, done, err := p.open(name)
	if err != nil {
		return &Error{Kind: ErrUnreadable, Sheet: sheet, Detail: err.Error()}
	}
	defer done()
	return readSheetXML(d, name, sheet, sst, g)
}

// readSheetXML is readSheet over the scanner d of the part.
func readSheetXML(d *xmlScanner, name, sheet string, sst *sharedStrings, g cellSink) error {
	fail := func(format string, args ...any) error {
		return &Error{Kind: ErrUnreadable, Sheet: sheet, Detail: fmt.Sprintf(format, args...)}
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
		tok, err := d.next()
		if err != nil {
			var se *Error
			if errors.As(err, &se) {
				return asError(se, sheet)
			}
			return fail("parse %s: %v", name, err)
		}
		switch tok {
		case tokEOF:
			return nil
		case tokStart:
			switch string(d.local) {
			case "sheetData":
				inData = true
			case "col":
				// <cols><col min= max= hidden=>: ranges of columns
				// hidden in Excel, before sheetData.
				if h, _ := d.attr("hidden"); !inData && isTrue(h) {
					mn, _ := d.attr("min")
					mx, _ := d.attr("max")
					lo, err1 := atoi(mn)
					hi, err2 := atoi(mx)
					if err1 == nil && err2 == nil {
						g.hideCols(lo, hi)
					}
				}
			case "row":
				if !inData {
					continue
				}
				h, _ := d.attr("hidden")
				rowHidden = isTrue(h)
				next := row + 1
				if r, _ := d.attr("r"); len(r) > 0 {
					n, err := atoi(r)
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
				if ref, _ := d.attr("r"); len(ref) > 0 {
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
				t, _ := d.attr("t")
				cell.typ = cellType(t)
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
		case tokEnd:
			switch string(d.local) {
			case "sheetData":
				// Nothing after sheetData holds cell values.
				return nil
			case "row":
				rowHidden = false
			case "c":
				if cell == nil {
					continue
				}
				c, keep, err := cell.value(sst)
				if err != nil {
					return fail("cell %s: %v", CellRef(cell.row, min(cell.col, 1<<14)), err)
				}
				if keep {
					// A shared string is held once, in the table; any
					// other value is text of its own.
					if cell.typ != "s" {
						if err := g.holdText(len(c.Value), cell.row, cell.col); err != nil {
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
		case tokText:
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
			t := d.text
			if into.Len()+len(t) > maxValueBytes {
				return &Error{Kind: ErrCellTooLong, Sheet: sheet, Row: cell.row, Col: min(cell.col, 1<<14),
					Detail: fmt.Sprintf("cell %s holds more than %d bytes of text (Excel holds at most 32,767 characters in a cell)", CellRef(cell.row, min(cell.col, 1<<14)), maxValueBytes)}
			}
			into.Write(t)
		}
	}
}

// cellType returns the t attribute of a cell as a string, without an
// allocation for the types the format defines.
func cellType(t []byte) string {
	for _, k := range [...]string{"", "s", "n", "str", "inlineStr", "b", "e", "d"} {
		if string(t) == k {
			return k
		}
	}
	return string(t)
}

// atoi is strconv.Atoi over bytes, without converting the common case of
// a few digits to a string first.
func atoi(b []byte) (int, error) {
	if len(b) == 0 || len(b) > 18 {
		return strconv.Atoi(string(b))
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return strconv.Atoi(string(b))
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// textBuf gathers the text of an element. Nearly always it comes as one
// token, kept as one string of exactly its length (a one-byte value such as
// "1" costs nothing: Go keeps those strings static); a strings.Builder,
// which would round every value up and is only needed to join several
// tokens, is used from the second token on. On a million rows, the
// difference is tens of megabytes.
type textBuf struct {
	first string
	more  strings.Builder
	n     int // tokens written
}

func (b *textBuf) Len() int {
	if b.n <= 1 {
		return len(b.first)
	}
	return b.more.Len()
}

func (b *textBuf) Write(t []byte) {
	switch b.n {
	case 0:
		b.first = string(t)
	case 1:
		b.more.WriteString(b.first)
		b.more.Write(t)
	default:
		b.more.Write(t)
	}
	b.n++
}

func (b *textBuf) String() string {
	if b.n <= 1 {
		return b.first
	}
	return b.more.String()
}

// value turns a <c> into a Cell; keep is false for a cell with neither value
// nor formula (a formatted blank), which is not a cell for our purposes.
func (c *xmlCell) value(sst *sharedStrings) (Cell, bool, error) {
	v := c.v.String()
	out := Cell{Formula: c.formula}
	if c.formula && !c.hasV && !c.hasIS {
		out.Kind = NoValue
		return out, true, nil
	}
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= sst.len() {
			return Cell{}, false, fmt.Errorf("shared string index %q out of the table (%d strings)", v, sst.len())
		}
		out.Kind, out.Value = Text, sst.at(i)
	case "str":
		// A formula's string result, or for some producers a plain string.
		out.Kind, out.Value = Text, decodeOOXMLEscapes(v)
	case "inlineStr":
		s := c.is.String()
		if !c.hasIS {
			s = v
		}
		out.Kind, out.Value = Text, decodeOOXMLEscapes(s)
		if out.Value == "" && !c.formula {
			return Cell{}, false, nil
		}
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			out.Kind, out.Value = Bool, "TRUE"
		case "0", "false":
			out.Kind, out.Value = Bool, "FALSE"
		case "":
			return c.blank()
		default:
			return Cell{}, false, fmt.Errorf("boolean with invalid value %q", v)
		}
	case "e":
		out.Kind, out.Value = ErrorValue, strings.TrimSpace(v)
	case "d":
		// An ISO 8601 date (strict OOXML); passed on as written, since it
		// is not a number and ingest decides what a date means.
		out.Kind, out.Value = Text, strings.TrimSpace(v)
	case "", "n":
		v = strings.TrimSpace(v)
		if v == "" {
			return c.blank()
		}
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			// Not a number although typed as one: keep the text so that
			// ingest can name the cell, rather than refusing the file.
			out.Kind, out.Value = Text, v
			break
		}
		// The stored form, untouched: a date stays its serial number and
		// 0.1 stays "0.1", not a float round trip.
		out.Kind, out.Value = Number, v
	default:
		return Cell{}, false, fmt.Errorf("unknown cell type %q", c.typ)
	}
	return out, true, nil
}

// blank is a cell with no value: kept only when it holds a formula.
func (c *xmlCell) blank() (Cell, bool, error) {
	if c.formula {
		return Cell{Kind: NoValue, Formula: true}, true, nil
	}
	return Cell{}, false, nil
}

// isTrue reads an xsd:boolean attribute.
func isTrue[T string | []byte](v T) bool { return string(v) == "1" || string(v) == "true" }

// parseRef parses an A1 reference ("C7", "$C$7" tolerated) into 1-based row
// and column. Overlong references are refused before they can overflow.
func parseRef[T string | []byte](ref T) (row, col int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	start := i
	for i < len(ref) && i-start < 4 {
		ch := ref[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			col = col*26 + int(ch-'A'+1)
		case ch >= 'a' && ch <= 'z':
			col = col*26 + int(ch-'a'+1)
		default:
			goto digits
		}
		i++
	}
digits:
	if i == start {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) || len(ref)-i > 9 {
		return 0, 0, false
	}
	for ; i < len(ref); i++ {
		ch := ref[i]
		if ch < '0' || ch > '9' {
			return 0, 0, false
		}
		row = row*10 + int(ch-'0')
	}
	return row, col, row >= 1
}

// decodeOOXMLEscapes decodes the _xHHHH_ escapes that Excel writes for
// characters XML cannot hold (a carriage return in a cell is _x000D_);
// _x005F_ escapes a literal underscore that would otherwise start one.
func decodeOOXMLEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
