// Package hostile writes files that are small on disk but expensive in
// shape: the reader's budget tests build them at a reduced scale, and
// mkfixtures -hostile at the scale reported in issue 6 to measure what each
// costs. Every file is generated, never stored: a few of them are tens of
// megabytes, all of them deterministic.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// zipTime is fixed so that the files are byte-for-byte reproducible.
var zipTime = time.Date(2012, 9, 1, 0, 0, 0, 0, time.UTC)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Part is one entry of a workbook: its name and a function writing its body.
type Part struct {
	Name  string
	Write func(w io.Writer) error
}

// Text is a Part whose body is a constant.
func Text(name, body string) Part {
	return Part{name, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }}
}

// Zip writes the parts into a deflated zip archive.
func Zip(parts []Part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			panic(err)
		}
		if err := p.Write(w); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Workbook is a one-sheet workbook ("Feuil1") whose worksheet part is sheet
// and whose shared-string part, when sst is not nil, is sst.
func Workbook(sheet func(w io.Writer) error, sst func(w io.Writer) error) []byte {
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	parts := []Part{
		Text("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`),
		Text("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		Text("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+ns+`><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		Text("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`),
		{"xl/worksheets/sheet1.xml", sheet},
	}
	if sst != nil {
		parts = append(parts, Part{"xl/sharedStrings.xml", sst})
	}
	return Zip(parts)
}

// sheetXML wraps the body of sheetData.
func sheetXML(body func(w io.Writer) error) func(w io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet `+ns+`><sheetData>`); err != nil {
			return err
		}
		if err := body(w); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}
}

// repeat writes s n times, in large blocks.
func repeat(w io.Writer, s string, n int) error {
	const block = 1 << 16
	chunk := bytes.Repeat([]byte(s), max(1, block/len(s)))
	per := len(chunk) / len(s)
	for n > 0 {
		k := min(n, per)
		if _, err := w.Write(chunk[:k*len(s)]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// WideSparse is a sheet with one number in column GR (the 200th) on each
// of rows rows: a dense grid would be rows × 200 cells (issue 6: 999,000
// rows in 5 MB cost 9.8 GB).
func WideSparse(rows int) []byte {
	return Workbook(sheetXML(func(w io.Writer) error {
		bw := &bytes.Buffer{}
		for r := 1; r <= rows; r++ {
			n := strconv.Itoa(r)
			bw.WriteString(`<row r="` + n + `"><c r="GR` + n + `"><v>1</v></c></row>`)
			if bw.Len() > 1<<16 || r == rows {
				if _, err := w.Write(bw.Bytes()); err != nil {
					return err
				}
				bw.Reset()
			}
		}
		return nil
	}), nil)
}

// Deep is a sheet whose sheetData opens depth nested elements and never
// closes them (issue 6: 80 million in 235 KB cost 7.8 GB).
func Deep(depth int) []byte {
	return Workbook(func(w io.Writer) error {
		if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet `+ns+`><sheetData>`); err != nil {
			return err
		}
		return repeat(w, "<a>", depth)
	}, nil)
}

// Attributes is a sheet whose first cell carries n identical attributes
// (issue 6: 50 million cost 6.9 GB, built by the XML decoder before the
// reader sees the element).
func Attributes(n int) []byte {
	return Workbook(sheetXML(func(w io.Writer) error {
		if _, err := io.WriteString(w, `<row r="1"><c r="A1"`); err != nil {
			return err
		}
		if err := repeat(w, ` a=""`, n); err != nil {
			return err
		}
		_, err := io.WriteString(w, `><v>1</v></c></row>`)
		return err
	}), nil)
}

// EmptySharedStrings is a workbook whose shared-string table holds n empty
// strings (issue 6: 50 million cost 2.4 GB) and one cell using the first.
func EmptySharedStrings(n int) []byte {
	return Workbook(sheetXML(func(w io.Writer) error {
		_, err := io.WriteString(w, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
		return err
	}), func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n); err != nil {
			return err
		}
		if err := repeat(w, "<si/>", n); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</sst>`)
		return err
	})
}

// LongText is a sheet with one inline string of n bytes, far over Excel's
// 32,767 characters per cell.
func LongText(n int) []byte {
	return Workbook(sheetXML(func(w io.Writer) error {
		if _, err := io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>`); err != nil {
			return err
		}
		if err := repeat(w, "x", n); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</t></is></c></row>`)
		return err
	}), nil)
}

// Separators is a CSV file of one line of n separators (issue 6: 60 million
// cost 4.8 GB, built by encoding/csv as one record).
func Separators(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Parcours;Étudiants\n")
	_ = repeat(&b, ";", n)
	b.WriteString("\n")
	return b.Bytes()
}

// consolidatedRow is row i (0-based) of a realistic consolidated table:
// year, UAI, institution, académie, track, students, certificates, rate.
func consolidatedRow(i int) []string {
	tracks := []string{"Masters enseignement", "Autres masters", "Doctorats", "Candidats libres", "Formation continue du supérieur"}
	students := 10 + i%997
	certs := students * 2 / 3
	return []string{
		strconv.Itoa(2005 + i%7),
		uai(100000 + i/5),
		"Univ " + strconv.Itoa(i/5),
		[]string{"Lyon", "Lille", "Paris", "Nice", "Caen", "Rennes"}[(i/5)%6],
		tracks[i%len(tracks)],
		strconv.Itoa(students),
		strconv.Itoa(certs),
		strconv.FormatFloat(float64(certs)/float64(students), 'f', 2, 64),
	}
}

// uai is the UAI of number n, with its check letter (n modulo 23).
func uai(n int) string {
	return fmt.Sprintf("%07d%c", n, "ABCDEFGHJKLMNPRSTUVWXYZ"[n%23])
}

var consolidatedHeader = []string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés", "Taux de réussite"}

// ConsolidatedCSV is a real consolidated table of a header and rows data rows, eight
// columns, as French spreadsheet software writes it: what the budget must
// still accept.
func ConsolidatedCSV(rows int) []byte {
	var b bytes.Buffer
	line := func(f []string) {
		for j, s := range f {
			if j > 0 {
				b.WriteByte(';')
			}
			b.WriteString(s)
		}
		b.WriteString("\r\n")
	}
	line(consolidatedHeader)
	for i := range rows {
		line(consolidatedRow(i))
	}
	return b.Bytes()
}

// ConsolidatedXLSX is the same table as an Excel workbook writes it: texts
// in the shared-string table, numbers inline, every cell with its reference.
func ConsolidatedXLSX(rows int) []byte {
	index := map[string]int{}
	var strs []string
	sst := func(s string) int {
		i, ok := index[s]
		if !ok {
			i = len(strs)
			index[s] = i
			strs = append(strs, s)
		}
		return i
	}
	sheet := sheetXML(func(w io.Writer) error {
		var bw bytes.Buffer
		for i := -1; i < rows; i++ {
			f := consolidatedHeader
			if i >= 0 {
				f = consolidatedRow(i)
			}
			r := strconv.Itoa(i + 2)
			bw.WriteString(`<row r="` + r + `" spans="1:8">`)
			for j, s := range f {
				ref := string(rune('A'+j)) + r
				if _, err := strconv.ParseFloat(s, 64); err == nil && i >= 0 && j != 1 {
					bw.WriteString(`<c r="` + ref + `"><v>` + s + `</v></c>`)
				} else {
					bw.WriteString(`<c r="` + ref + `" t="s"><v>` + strconv.Itoa(sst(s)) + `</v></c>`)
				}
			}
			bw.WriteString(`</row>`)
			if bw.Len() > 1<<16 || i == rows-1 {
				if _, err := w.Write(bw.Bytes()); err != nil {
					return err
				}
				bw.Reset()
			}
		}
		return nil
	})
	// The sheet is written first so that the table is complete when the
	// shared strings are; Zip writes parts in order, so build the sheet
	// bytes into memory through a pass that fills the table.
	var sheetBytes bytes.Buffer
	if err := sheet(&sheetBytes); err != nil {
		panic(err)
	}
	return Workbook(func(w io.Writer) error {
		_, err := w.Write(sheetBytes.Bytes())
		return err
	}, func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs)); err != nil {
			return err
		}
		var bw bytes.Buffer
		for _, s := range strs {
			bw.WriteString("<si><t>" + s + "</t></si>")
		}
		_, err := w.Write(bw.Bytes())
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, `</sst>`)
		return err
	})
}

// FullGridCSV is rows lines of cols one-digit cells: the costliest table
// the cell budget admits for its size, when rows × (cols+1) is the budget.
func FullGridCSV(rows, cols int) []byte {
	line := strings.Repeat("1;", cols-1) + "1\n"
	return bytes.Repeat([]byte(line), rows)
}

// FullGridXLSX is FullGridCSV as a workbook, in the most compact form the
// format allows (no references, numbers inline).
func FullGridXLSX(rows, cols int) []byte {
	row := "<row>" + strings.Repeat("<c><v>1</v></c>", cols) + "</row>"
	return Workbook(sheetXML(func(w io.Writer) error { return repeat(w, row, rows) }), nil)
}
