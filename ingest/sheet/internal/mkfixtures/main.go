// Command mkfixtures writes the input files of the ingest/sheet tests, so
// that every fixture can be rebuilt and reviewed from code. Run from
// ingest/sheet:
//
//	go run ./internal/mkfixtures -dir testdata
//
// then `go test -update` to rewrite the expected outcomes. The output is
// deterministic: running it twice gives the same bytes.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/sheet/internal/hostile"
)

// writeHostile writes each shape of issue 6 at the scale it was found at,
// the large real tables the budget must still accept (at MaxRows) and the
// million-row ones the grid refuses (streamed), for measuring with
// internal/readfile, docs/memory.sh and /usr/bin/time: those whose name
// only matches (nil: all).
func writeHostile(dir string, only *regexp.Regexp) {
	n := sheet.DefaultLimits().MaxRows
	files := map[string]func() []byte{
		"wide-sparse.xlsx":          func() []byte { return hostile.WideSparse(999_000) },
		"deep.xlsx":                 func() []byte { return hostile.Deep(80_000_000) },
		"attributes.xlsx":           func() []byte { return hostile.Attributes(50_000_000) },
		"empty-shared-strings.xlsx": func() []byte { return hostile.EmptySharedStrings(50_000_000) },
		"long-text.xlsx":            func() []byte { return hostile.LongText(200_000_000) },
		"separators.csv":            func() []byte { return hostile.Separators(60_000_000) },
		"consolidated-1m.csv":       func() []byte { return hostile.ConsolidatedCSV(999_999) },
		"consolidated-1m.xlsx":      func() []byte { return hostile.ConsolidatedXLSX(999_999) },
		"consolidated-max.csv":      func() []byte { return hostile.ConsolidatedCSV(n - 1) },
		// issue 10's million-row table, in the shapes it may have
		"short-1m.csv":          func() []byte { return shortTable(1_000_000, "one", false, false) },
		"short-1m-tracks.csv":   func() []byte { return shortTable(1_000_000, "tracks", false, false) },
		"short-1m-bytrack.csv":  func() []byte { return shortTable(1_000_000, "bytrack", false, false) },
		"short-1m-en.csv":       func() []byte { return shortTable(1_000_000, "tracks", true, false) },
		"short-1m-cp1252.csv":   func() []byte { return shortTable(1_000_000, "tracks", false, true) },
		"short-1m-distinct.csv": func() []byte { return shortTable(1_000_000, "distinct", false, false) },
		// the same as workbooks: texts shared (Excel, LibreOffice) or
		// inline (excelize's StreamWriter)
		"short-1m.xlsx":               func() []byte { return shortSharedXLSX(1_000_000, "one", false) },
		"short-1m-tracks.xlsx":        func() []byte { return shortSharedXLSX(1_000_000, "tracks", false) },
		"short-1m-bytrack.xlsx":       func() []byte { return shortSharedXLSX(1_000_000, "bytrack", false) },
		"short-1m-distinct.xlsx":      func() []byte { return shortSharedXLSX(1_000_000, "distinct", false) },
		"short-1m-inline.xlsx":        func() []byte { return shortInlineXLSX(1_000_000, "one", false, false) },
		"short-1m-tracks-inline.xlsx": func() []byte { return shortInlineXLSX(1_000_000, "tracks", false, false) },
		// with a sheet of notes beside the table
		"short-1m-notes.xlsx": func() []byte { return shortInlineXLSX(1_000_000, "tracks", false, true) },
		// as LibreOffice saves it (empty without soffice: said, and not written)
		"short-1m-tracks-lo.xlsx": func() []byte { return libreOffice(shortTable(1_000_000, "tracks", false, false)) },
		"consolidated-max.xlsx":   func() []byte { return hostile.ConsolidatedXLSX(n - 1) },
		"budget-full.csv":         func() []byte { return hostile.FullGridCSV(n, 8) },
		"budget-full.xlsx":        func() []byte { return hostile.FullGridXLSX(n, 8) },
		"budget-over.xlsx":        func() []byte { return hostile.FullGridXLSX(n, 9) },
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	for name, gen := range files {
		if only != nil && !only.MatchString(name) {
			continue
		}
		data := gen()
		if data == nil {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("%s: %d bytes", name, len(data))
	}
}

func main() {
	dir := flag.String("dir", "testdata", "folder to write the case folders into")
	hostileDir := flag.String("hostile", "", "write the full-scale hostile and large files of issues 6 and 10 into this folder instead (tens of megabytes; not fixtures)")
	only := flag.String("only", "", "with -hostile, write only the files whose name matches this regular expression")
	flag.Parse()
	if *hostileDir != "" {
		var re *regexp.Regexp
		if *only != "" {
			re = regexp.MustCompile(*only)
		}
		writeHostile(*hostileDir, re)
		return
	}
	form, err := excelizeForm()
	if err != nil {
		log.Fatal(err)
	}
	other, err := handBuiltXLSX()
	if err != nil {
		log.Fatal(err)
	}
	stored, err := storedXLSX()
	if err != nil {
		log.Fatal(err)
	}
	hidden, err := excelizeHidden()
	if err != nil {
		log.Fatal(err)
	}
	cases := map[string][]byte{
		"docx-with-relationships/input.xlsx": mustZip([]zipPart{
			{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
			{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
			{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Enquête C2i2e</w:t></w:r></w:p></w:body></w:document>`},
		}, zip.Deflate),
		"pptx/input.xlsx": mustZip([]zipPart{
			{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>`},
			{"ppt/presentation.xml", `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`},
		}, zip.Deflate),
		"xlsb/input.xlsx": mustZip([]zipPart{
			{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`},
			{"xl/workbook.bin", "\x83\x01\x00\x80\x01"},
		}, zip.Deflate),
		"odt/input.xlsx":                  mustZip([]zipPart{{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<office:document-content/>"}}, zip.Store),
		"odp/input.xlsx":                  mustZip([]zipPart{{"mimetype", "application/vnd.oasis.opendocument.presentation"}, {"content.xml", "<office:document-content/>"}}, zip.Store),
		"epub/input.xlsx":                 mustZip([]zipPart{{"mimetype", "application/epub+zip"}, {"META-INF/container.xml", "<container/>"}}, zip.Store),
		"jar/input.xlsx":                  mustZip([]zipPart{{"META-INF/", ""}, {"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n"}, {"org/example/Main.class", "\xca\xfe\xba\xbe"}}, zip.Deflate),
		"zip-other-files/input.xlsx":      mustZip([]zipPart{{"enquete/", ""}, {"enquete/lisez-moi.txt", "Enquête C2i2e"}, {"enquete/photo.jpg", "\xff\xd8\xff\xe0"}}, zip.Deflate),
		"zip-empty/input.xlsx":            mustZip(nil, zip.Deflate),
		"zip-only-folders/input.xlsx":     mustZip([]zipPart{{"xl/", ""}, {"xl/worksheets/", ""}}, zip.Store),
		"zip-encrypted-other/input.xlsx":  encryptedEntry("notes.txt"),
		"ppt/input.xlsx":                  cfb([]cfbStream{{"PowerPoint Document", pad([]byte{0x0F, 0x00, 0xE8, 0x03})}}),
		"excel-2003-xml/input.xls":        []byte("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"Feuil1\"><Table><Row><Cell><Data ss:Type=\"String\">Parcours</Data></Cell></Row></Table></Worksheet></Workbook>\n"),
		"xml-other/input.csv":             []byte("<?xml version=\"1.0\"?>\n<enquete><parcours>Doctorats</parcours></enquete>\n"),
		"xlsx-hidden-excelize/input.xlsx": hidden,
		"xlsx-hidden-rows-cols/input.xlsx": mustZip(xlsxPartsWith(
			`<cols><col min="2" max="2" width="0" hidden="1"/><col min="4" max="6" hidden="true"/><col min="26" max="16384" hidden="1"/></cols>`,
			`<row r="1"><c r="A1" t="inlineStr"><is><t>Parcours</t></is></c><c r="B1" t="inlineStr"><is><t>caché</t></is></c><c r="C1"><v>1</v></c></row>`+
				`<row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>Doctorats</t></is></c><c r="E2"><v>3</v></c></row>`+
				`<row r="3" hidden="1" customHeight="1"/>`+
				`<row r="4" hidden="true"><c r="A4" s="2"/><c r="C4"><f>SUM(C1:C2)</f></c></row>`+
				`<row r="5" hidden="0"><c r="A5"><v>5</v></c></row>`+
				`<row r="6" hidden="1"><c r="G6" s="1"/></row>`), zip.Deflate),
		"xlsx-form/input.xlsx":              form,
		"xlsx-other-software/input.xlsx":    other,
		"xlsx-truncated/input.xlsx":         form[:len(form)/2],
		"xlsx-corrupt-deflate/input.xlsx":   flipInEntry(form, "xl/worksheets/sheet1.xml"),
		"xlsx-crc-mismatch/input.xlsx":      flipInEntry(stored, "xl/worksheets/sheet1.xml"),
		"xlsx-too-many-columns/input.xlsx":  mustZip(xlsxParts(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1"><v>1</v></c></row>`), zip.Deflate),
		"xlsx-bad-shared-string/input.xlsx": mustZip(xlsxParts(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`), zip.Deflate),
		"xlsx-no-cell/input.xlsx":           mustZip(xlsxParts(`<row r="1"><c r="A1" s="3"/></row>`), zip.Deflate),
		"xlsx-duplicate-entry/input.xlsx":   mustZip(append(xlsxParts(`<row r="1"><c r="A1"><v>1</v></c></row>`), zipPart{"xl/worksheets/sheet1.xml", sheetOf(`<row r="1"><c r="A1"><v>2</v></c></row>`)}), zip.Deflate),
		"xlsx-duplicate-case/input.xlsx":    mustZip(append(xlsxParts(`<row r="1"><c r="A1"><v>1</v></c></row>`), zipPart{"XL/Worksheets/Sheet1.xml", sheetOf(`<row r="1"><c r="A1"><v>2</v></c></row>`)}), zip.Deflate),
		"xlsx-local-name/input.xlsx":        renameLocal(mustZip(xlsxParts(`<row r="1"><c r="A1"><v>1</v></c></row>`), zip.Deflate), "xl/worksheets/sheet1.xml", "xl/worksheets/sheet9.xml"),
		"docx/input.docx":                   mustZip([]zipPart{{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}}, zip.Deflate),
		"ods/input.ods":                     mustZip([]zipPart{{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<office:document-content/>"}}, zip.Store),
		"encrypted/input.xlsx":              cfb([]cfbStream{{"EncryptionInfo", pad([]byte{4, 0, 4, 0, 0x40, 0, 0, 0})}, {"EncryptedPackage", pad([]byte{0x10, 0, 0, 0, 0, 0, 0, 0})}}),
		"legacy-xls/input.xls":              cfb([]cfbStream{{"Workbook", pad([]byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00})}}),
		"ole-not-workbook/input.doc":        cfb([]cfbStream{{"WordDocument", pad([]byte{0xEC, 0xA5})}}),
		"empty/input.xlsx":                  {},
		"random/input.xlsx":                 randomBytes(4096),
		"png/input.xlsx":                    append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), randomBytes(64)...),
		"pdf/input.csv":                     []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
		"html/input.xls":                    []byte("<!DOCTYPE html>\n<html><body><table><tr><td>Parcours</td></tr></table></body></html>\n"),
		"csv-blank/input.csv":               []byte(" \r\n\r\n  \r\n"),
		"csv-utf8-comma/input.csv":          []byte("Year,UAI,Institution,Track,Students,Certificates\n2012,0751717J,\"Université Paris, Sorbonne\",Masters enseignement,1234,800\n2012,0751717J,\"Note on\ntwo lines\",Doctorats,10,6\n"),
		"csv-utf8-bom-semicolon/input.csv":  append([]byte{0xEF, 0xBB, 0xBF}, []byte("Enquête C2i2e;;;\r\nAnnée universitaire;2011-2012;;\r\n\r\nParcours;Étudiants concernés;Certificats délivrés;Taux de réussite\r\nMasters enseignement;1\u00a0234;800;64,8 %\r\nAutres masters;12 345,5;;\r\n")...),
		"csv-windows-1252/input.csv":        []byte("Parcours;\xc9tudiants concern\xe9s;Certificats d\xe9livr\xe9s\r\nCandidats libres;17\xa0671;12,5\r\nFormation continue \xabautres\xbb;3;\x9c\r\n"),
		"csv-cr-only/input.csv":             []byte("Parcours;Étudiants\rDoctorats;10\rCandidats libres;20\r"),
		"csv-quoted/input.csv":              []byte("\"Parcours\";\"Commentaire\";\"Étudiants\"\n\"Masters; enseignement\";\"dit \"\"bien\"\"\nsur deux lignes\";\"1 234,5\"\n\n\"Doctorats\";;\"7\"\n"),
		"csv-tab-utf16/input.txt":           utf16LE("Parcours\tÉtudiants\tTaux\r\nMasters enseignement\t35 604\t64,6 %\r\n"),
		"csv-sep-line/input.csv":            []byte("sep=,\nParcours,Étudiants;extra\nDoctorats,10;2\n"),
		"csv-bare-quote/input.csv":          []byte("Établissement;Étudiants\nLycée \"Pasteur\" annexe;12\n"),
		"csv-too-many-columns/input.csv":    bytes.Repeat([]byte("x;"), 250),
		"csv-single-column/input.csv":       []byte("Parcours\nDoctorats\n"),
	}
	for name, data := range cases {
		p := filepath.Join(*dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// excelizeForm is the ministry's form as excelize writes it: shared strings
// (one rich text), numbers formatted #,##0 and 0.0%, a formula with no cached
// value, and a hidden sheet.
func excelizeForm() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Enquête 2012"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	rows := [][]any{
		{"Enquête nationale C2i2e"},
		{},
		{"Année universitaire", "2011-2012"},
		{"Code UAI", "0751717J"},
		{"Établissement", "Université de démonstration"},
		{},
		{"Parcours", "Étudiants concernés", "Certificats délivrés", "Taux de réussite"},
		{"Masters enseignement", 1139, 736, 0.646},
		{"Autres masters", 1250, 702, 0.5616},
		{"Candidats libres", 0, 0, nil},
		{"Total"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellFormula(sh, "B11", "SUM(B8:B10)"); err != nil {
		return nil, err
	}
	if err := f.SetCellRichText(sh, "A1", []excelize.RichTextRun{{Text: "Enquête nationale "}, {Text: "C2i2e", Font: &excelize.Font{Bold: true}}}); err != nil {
		return nil, err
	}
	thousands, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		return nil, err
	}
	percent, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	if err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sh, "B8", "C11", thousands); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(sh, "D8", "D10", percent); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("Notes"); err != nil {
		return nil, err
	}
	if err := f.SetCellValue("Notes", "A1", "feuille masquée"); err != nil {
		return nil, err
	}
	if err := f.SetSheetVisible("Notes", false); err != nil {
		return nil, err
	}
	f.SetDocProps(&excelize.DocProperties{Created: "2012-09-01T00:00:00Z", Modified: "2012-09-01T00:00:00Z"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

// excelizeHidden is a form as excelize writes it with a hidden row (8,
// holding a track) and a hidden column (C), and an empty hidden row (20)
// and column (F) that hold no cell.
func excelizeHidden() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Sheet1"
	rows := [][]any{
		{"Parcours", "Étudiants concernés", "Certificats délivrés"},
		{"Masters enseignement", 1139, 736},
		{"Autres masters", 1250, 702},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+7)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			return nil, err
		}
	}
	for _, step := range []error{
		f.SetRowVisible(sh, 8, false),
		f.SetRowVisible(sh, 20, false),
		f.SetColVisible(sh, "C", false),
		f.SetColVisible(sh, "F", false),
	} {
		if step != nil {
			return nil, step
		}
	}
	f.SetDocProps(&excelize.DocProperties{Created: "2012-09-01T00:00:00Z", Modified: "2012-09-01T00:00:00Z"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type zipPart struct{ name, body string }

// zipTime is fixed so that the fixtures are byte-for-byte reproducible.
var zipTime = time.Date(2012, 9, 1, 0, 0, 0, 0, time.UTC)

func mustZip(parts []zipPart, method uint16) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// xlsxParts is a minimal workbook of one sheet whose sheetData is rows, with
// no sharedStrings part, as small producers write it.
func xlsxParts(rows string) []zipPart { return xlsxPartsWith("", rows) }

// xlsxPartsWith is xlsxParts with before (such as <cols>) ahead of sheetData.
func xlsxPartsWith(before, rows string) []zipPart {
	return []zipPart{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `>` + before + `<sheetData>` + rows + `</sheetData></worksheet>`},
	}
}

// encryptedEntry is a zip of one entry flagged as encrypted (the bytes are
// not really encrypted: the flag is all the reader looks at).
func encryptedEntry(name string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, Flags: 0x1, Modified: zipTime, CompressedSize64: 16, UncompressedSize64: 4})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := w.Write(make([]byte, 16)); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// sheetOf is a worksheet part whose sheetData is rows.
func sheetOf(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>` + rows + `</sheetData></worksheet>`
}

// renameLocal rewrites the name in the local header of entry from into to
// (of the same length), leaving the central directory as it is: the file
// that archive/zip reads one way and Python's zipfile another.
func renameLocal(data []byte, from, to string) []byte {
	if len(from) != len(to) {
		log.Fatal("renameLocal: names of different lengths")
	}
	out := bytes.Clone(data)
	i := bytes.Index(out, []byte("PK\x03\x04"))
	for i >= 0 {
		n := int(binary.LittleEndian.Uint16(out[i+26:]))
		if string(out[i+30:i+30+n]) == from {
			copy(out[i+30:], to)
			return out
		}
		j := bytes.Index(out[i+4:], []byte("PK\x03\x04"))
		if j < 0 {
			break
		}
		i += 4 + j
	}
	log.Fatalf("renameLocal: no local header for %s", from)
	return nil
}

// handBuiltXLSX is a workbook "written by other software": inline strings
// (one rich, with a phonetic guide that is not part of the value), no
// sharedStrings part, t="str" formula results, t="e" errors, a formula never
// computed, sparse cells with r, rows and cells without r, an _x000D_
// escape, a prefixed (strict-like) namespace, a relationship with an
// absolute target, a hidden sheet and a chart sheet.
func handBuiltXLSX() ([]byte, error) {
	sheet1 := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:G7"/><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Enquête C2i2e</x:t></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Code </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>UAI</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ルビ</x:t></x:rPh></x:is></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>0751717J</x:t></x:is></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>Parcours</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Étudiants</x:t></x:is></x:c><x:c s="2"><x:v>1139</x:v></x:c></x:row>
<x:row r="6" spans="1:7"><x:c r="A6" t="str"><x:f>CONCATENATE("a","b")</x:f><x:v>ab</x:v></x:c><x:c r="C6" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="D6"><x:f>SUM(B1:B2)</x:f></x:c><x:c r="E6" t="b"><x:v>1</x:v></x:c><x:c r="F6" s="1"/><x:c r="G6" t="e"><x:v>#N/A</x:v></x:c><x:c r="H6" t="str"><x:f t="shared" si="0"/><x:v>#REF!</x:v></x:c></x:row>
<x:row r="7"><x:c r="B7"><x:v>0.1</x:v></x:c><x:c r="C7"><x:v>41000</x:v></x:c><x:c r="D7" t="inlineStr"><x:is><x:t>ligne_x000D_suivante</x:t></x:is></x:c><x:c r="E7"><x:v>1.5E-3</x:v></x:c></x:row>
<x:row r="20" customHeight="1" ht="30"/>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>`
	sheet2 := `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>caché</t></is></c></row></sheetData></worksheet>`
	parts := []zipPart{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets><sheet name="Données" sheetId="1" r:id="rId1"/><sheet name="Graphique" sheetId="3" r:id="rId3"/><sheet name="Cachée" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet1},
		{"xl/worksheets/sheet2.xml", sheet2},
		{"xl/chartsheets/sheet1.xml", `<chartsheet ` + ns + `/>`},
	}
	return mustZip(parts, zip.Deflate), nil
}

// storedXLSX is a minimal workbook with uncompressed (stored) entries, so
// that a flipped byte is sure to reach the CRC check rather than fail the
// decompression first.
func storedXLSX() ([]byte, error) {
	return mustZip(xlsxParts(`<row r="1"><c r="A1" t="inlineStr"><is><t>Parcours</t></is></c><c r="B1"><v>1234</v></c></row>`), zip.Store), nil
}

// flipInEntry inverts a few bytes in the middle of an entry's data.
func flipInEntry(data []byte, name string) []byte {
	out := bytes.Clone(data)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			log.Fatal(err)
		}
		mid := off + int64(f.CompressedSize64)/2
		for i := mid; i < mid+4; i++ {
			out[i] ^= 0x5A
		}
		return out
	}
	log.Fatalf("no entry %s", name)
	return nil
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewChaCha8([32]byte{'c', '2', 'i'}))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

type cfbStream struct {
	name string
	data []byte // a multiple of 512 bytes, at least 4096
}

// pad extends b to 4096 bytes: a stream of that size lives in regular
// sectors, which spares building a mini stream.
func pad(b []byte) []byte {
	out := make([]byte, 4096)
	copy(out, b)
	return out
}

// cfb builds a minimal compound file (MS-CFB version 3, 512-byte sectors):
// header, one FAT sector, one directory sector (root and up to three
// streams), then the streams. Enough for the container to be recognised and
// listed, which is all the reader does with one.
func cfb(streams []cfbStream) []byte {
	const (
		sector     = 512
		freeSect   = 0xFFFFFFFF
		endOfChain = 0xFFFFFFFE
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	if len(streams) > 3 {
		log.Fatal("cfb: at most 3 streams")
	}
	le := binary.LittleEndian
	// Sector 0: FAT; sector 1: directory; streams from sector 2.
	fat := make([]uint32, sector/4)
	for i := range fat {
		fat[i] = freeSect
	}
	fat[0], fat[1] = fatSect, endOfChain
	next := uint32(2)
	starts := make([]uint32, len(streams))
	for i, s := range streams {
		n := uint32(len(s.data) / sector)
		starts[i] = next
		for k := uint32(0); k < n; k++ {
			fat[next+k] = next + k + 1
		}
		fat[next+n-1] = endOfChain
		next += n
	}
	var out bytes.Buffer
	hdr := make([]byte, sector)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(hdr[24:], 0x3E)   // minor version
	le.PutUint16(hdr[26:], 3)      // major version
	le.PutUint16(hdr[28:], 0xFFFE) // byte order
	le.PutUint16(hdr[30:], 9)      // sector shift: 512
	le.PutUint16(hdr[32:], 6)      // mini sector shift: 64
	le.PutUint32(hdr[44:], 1)      // FAT sectors
	le.PutUint32(hdr[48:], 1)      // first directory sector
	le.PutUint32(hdr[56:], 4096)   // mini stream cutoff
	le.PutUint32(hdr[60:], endOfChain)
	le.PutUint32(hdr[68:], endOfChain)
	for i := 0; i < 109; i++ {
		le.PutUint32(hdr[76+4*i:], freeSect)
	}
	le.PutUint32(hdr[76:], 0) // DIFAT[0]: the FAT is sector 0
	out.Write(hdr)
	for _, v := range fat {
		out.Write(le.AppendUint32(nil, v))
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, left, right, child, start uint32, size uint32) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	// The streams hang from the root as a chain of right siblings; the
	// reader lists them all whatever their order.
	entry(0, "Root Entry", 5, noStream, noStream, 1, endOfChain, 0)
	for i, s := range streams {
		right := uint32(noStream)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, noStream, right, noStream, starts[i], uint32(len(s.data)))
	}
	for i := len(streams) + 1; i < 4; i++ {
		entry(i, "", 0, noStream, noStream, noStream, freeSect, 0)
		le.PutUint16(dir[i*128+64:], 0)
	}
	out.Write(dir)
	for _, s := range streams {
		out.Write(s.data)
	}
	return out.Bytes()
}
