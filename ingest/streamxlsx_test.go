package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest/sheet"
)

// xlsxShape says how xlsxTable writes a workbook.
type xlsxShape struct {
	inline     bool  // strings inline (excelize's StreamWriter), else shared (Excel, LibreOffice)
	stored     bool  // entries stored, not deflated (a large file of few rows)
	hiddenRows []int // 1-based
	hiddenCols []int // 1-based
	hidden     bool  // the sheet is hidden
	sheets     int   // worksheets; 0 is 1 (the others hold a note)
	otherTable bool  // the other worksheets hold the table's header too
	empty      int   // worksheets after the table's holding no cell
	emptyFirst bool  // the empty worksheets come before the table's
}

// xlsxTable writes rows as a workbook: a cell that parses as an integer
// is a number, "#DIV/0!" an error value of a formula, "=" a formula never
// computed, "" no cell; any other a string.
func xlsxTable(rows [][]string, shape xlsxShape) []byte {
	var sst []string
	index := map[string]int{}
	hiddenRow := map[int]bool{}
	for _, r := range shape.hiddenRows {
		hiddenRow[r] = true
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if len(shape.hiddenCols) > 0 {
		b.WriteString("<cols>")
		for _, c := range shape.hiddenCols {
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="0" hidden="1"/>`, c, c)
		}
		b.WriteString("</cols>")
	}
	b.WriteString("<sheetData>")
	for i, row := range rows {
		n := i + 1
		if len(row) == 0 {
			continue
		}
		fmt.Fprintf(&b, `<row r="%d" spans="1:%d"`, n, len(row))
		if hiddenRow[n] {
			b.WriteString(` hidden="1"`)
		}
		b.WriteString(">")
		for j, v := range row {
			ref := sheet.CellRef(n, j+1)
			esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(v)
			switch _, err := strconv.Atoi(v); {
			case v == "":
			case err == nil:
				fmt.Fprintf(&b, `<c r="%s" s="1"><v>%s</v></c>`, ref, v)
			case v == "#DIV/0!":
				fmt.Fprintf(&b, `<c r="%s" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, ref)
			case v == "=":
				fmt.Fprintf(&b, `<c r="%s"><f>A1*2</f></c>`, ref)
			case shape.inline:
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc)
			default:
				k, ok := index[v]
				if !ok {
					k = len(sst)
					index[v] = k
					sst = append(sst, esc)
				}
				fmt.Fprintf(&b, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
			}
		}
		b.WriteString("</row>")
	}
	b.WriteString("</sheetData></worksheet>")

	sheets := max(shape.sheets, 1) + shape.empty
	var list, rels, types strings.Builder
	for n := 1; n <= sheets; n++ {
		// As listed in the workbook: the table's sheet (part 1) first,
		// or after the empty ones.
		i := n
		if shape.emptyFirst {
			i = (n+shape.empty-1)%sheets + 1
		}
		state := ""
		if i == 1 && shape.hidden {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&list, `<sheet name="Feuil%d" sheetId="%d"%s r:id="rId%d"/>`, i, i, state, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, sheets+1)
	var s strings.Builder
	fmt.Fprintf(&s, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, v := range sst {
		fmt.Fprintf(&s, "<si><t>%s</t></si>", v)
	}
	s.WriteString("</sst>")

	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types.String() + `</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + list.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
		{"xl/worksheets/sheet1.xml", b.String()},
		{"xl/sharedStrings.xml", s.String()},
	}
	for i := 2; i <= sheets; i++ {
		body := `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Notes</t></is></c></row></sheetData>`
		if shape.otherTable {
			var h strings.Builder
			for j, v := range rows[0] {
				fmt.Fprintf(&h, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, sheet.CellRef(1, j+1), v)
			}
			body = `<sheetData><row r="1">` + h.String() + `</row></sheetData>`
		}
		if i > max(shape.sheets, 1) {
			// as Excel leaves a sheet never written in: formatted blanks at most
			body = `<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData><row r="3"><c r="B3" s="1"/></row></sheetData>`
		}
		parts = append(parts, [2]string{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + body + `</worksheet>`})
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		method := zip.Deflate
		if shape.stored {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: method, Modified: time.Date(2012, 9, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// streamRows is a consolidated table: institutions × years × tracks rows
// below the header, each institution in Paris with its right check letter.
func streamRows(header []string, institutions int) [][]string {
	rows := [][]string{header}
	tracks := []string{"Masters enseignement", "Autres masters", "Doctorats"}
	for i := range institutions {
		uai := parisUAI(i)
		for _, y := range []string{"2011", "2012"} {
			for k, tr := range tracks {
				s := 20 + (i*7+k)%50
				rows = append(rows, []string{y, uai, fmt.Sprintf("Lycée %d", i), "Paris", tr, strconv.Itoa(s), strconv.Itoa(s / 2)})
			}
		}
	}
	return rows
}

// parisUAI is the i-th valid UAI of Paris, i < 9,000.
func parisUAI(i int) string {
	num := fmt.Sprintf("075%04d", 1000+i)
	for _, l := range "ABCDEFGHJKLMNPRSTUVWXYZ" {
		if u, err := ParseUAI(num + string(l)); err == nil {
			return u
		}
	}
	panic(num)
}

// ordinaryRead is ReadFile's ordinary way: the whole grid, then Interpret.
func ordinaryRead(path string, opts Options) FileResult {
	wb, err := sheet.Read(path, opts.Limits)
	var se *sheet.Error
	if errors.As(err, &se) {
		return FileResult{File: path, Refusals: []Problem{sheetProblem(path, opts.Lang, se)}}
	}
	if err != nil {
		panic(err)
	}
	return Interpret(wb, path, opts)
}

// TestStreamedWorkbook holds the streamed reading of a consolidated table
// in a workbook to the ordinary one (the whole grid, then Interpret) on
// tables the grid can hold: the same submissions, refusals and warnings in
// the same order, naming the same sheet and cells; and a workbook that is
// no consolidated table goes the ordinary way.
func TestStreamedWorkbook(t *testing.T) {
	fr := []string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"}
	base := func() [][]string { return streamRows(fr, 40) } // 241 rows
	with := func(edit func(rows [][]string) [][]string) [][]string { return edit(base()) }
	set := func(r, c int, v string) func([][]string) [][]string {
		return func(rows [][]string) [][]string { rows[r-1][c-1] = v; return rows }
	}
	tests := []struct {
		name     string
		rows     [][]string
		shape    xlsxShape
		streamed bool // readStreamed takes it
		refused  bool
	}{
		{"valid, shared strings", base(), xlsxShape{}, true, false},
		{"valid, inline strings", base(), xlsxShape{inline: true}, true, false},
		{"valid, English header", streamRows([]string{"Year", "UAI", "Institution", "Academy", "Track", "Students", "Certificates"}, 40), xlsxShape{}, true, false},
		{"title above the header", with(func(rows [][]string) [][]string {
			return append([][]string{{"Enquête C2i2e : tableau consolidé"}, nil}, rows...)
		}), xlsxShape{}, true, false},
		{"a bad UAI", with(set(10, 2, "0751234Z")), xlsxShape{}, true, true},
		{"a text in a number cell", with(set(20, 6, "douze")), xlsxShape{inline: true}, true, true},
		{"an error value in a number cell", with(set(30, 7, "#DIV/0!")), xlsxShape{}, true, true},
		{"a formula never computed", with(set(31, 6, "=")), xlsxShape{}, true, true},
		{"a missing column", with(func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = rows[i][:6]
			}
			return rows
		}), xlsxShape{}, true, true},
		{"a duplicate institution-year-track", with(func(rows [][]string) [][]string {
			return append(rows[:3], append([][]string{rows[2]}, rows[3:]...)...)
		}), xlsxShape{}, true, true},
		{"rows of a submission apart", with(func(rows [][]string) [][]string {
			return append(rows, rows[1])
		}), xlsxShape{}, true, true},
		{"a name that changes", with(set(100, 3, "Lycée Autre")), xlsxShape{}, true, false},
		{"an académie that does not match", with(set(50, 4, "Lyon")), xlsxShape{}, true, false},
		{"many bad rows", with(func(rows [][]string) [][]string {
			for r := 2; r < 80; r++ {
				rows[r][5] = "x"
			}
			return rows
		}), xlsxShape{}, true, true},
		{"hidden rows and columns", with(func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = append(rows[i], "note")
			}
			return rows
		}), xlsxShape{hiddenRows: []int{5, 120}, hiddenCols: []int{8}}, true, false},
		{"a hidden column that is a field", base(), xlsxShape{hiddenCols: []int{4}}, true, false},
		{"many hidden rows", base(), xlsxShape{hiddenRows: func() []int {
			var rs []int
			for r := 10; r < 200; r += 2 {
				rs = append(rs, r)
			}
			return rs
		}()}, true, false},
		{"a hidden sheet", base(), xlsxShape{hidden: true}, true, false},
		{"hidden content and other warnings", with(func(rows [][]string) [][]string {
			rows[99][2], rows[49][3] = "Lycée Autre", "Lyon"
			for i := range rows {
				rows[i] = append(rows[i], "note")
			}
			return rows
		}), xlsxShape{hidden: true, hiddenRows: []int{5, 120}, hiddenCols: []int{8}}, true, false},
		{"hidden rows, other warnings, past the cap", with(func(rows [][]string) [][]string {
			for r := 2; r < 200; r += 3 {
				rows[r][3] = "Lyon"
			}
			return rows
		}), xlsxShape{hiddenRows: func() []int {
			var rs []int
			for r := 10; r < 200; r += 3 {
				rs = append(rs, r)
			}
			return rs
		}()}, true, false},
		// A sheet of notes beside the table: Interpret passes over it.
		{"two sheets", base(), xlsxShape{sheets: 2}, true, false},
		{"two sheets and an empty one", base(), xlsxShape{sheets: 2, empty: 1}, true, false},
		{"three sheets, the table's hidden", base(), xlsxShape{sheets: 3, hidden: true}, true, false},
		// Another table's header beside it: Interpret chooses, and warns.
		{"two tables", base(), xlsxShape{sheets: 2, otherTable: true}, false, false},
		{"Excel 2010's empty Feuil2 and Feuil3", base(), xlsxShape{empty: 2}, true, false},
		{"empty sheets first, the table's hidden", base(), xlsxShape{empty: 2, emptyFirst: true, hidden: true}, true, false},
		{"no header", base()[1:], xlsxShape{}, false, true},
		{"a form's header", with(func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = rows[i][4:]
			}
			return rows
		}), xlsxShape{}, false, true},
	}
	dir := t.TempDir()
	for _, lang := range []string{"fr", "en"} {
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".xlsx")
				if err := os.WriteFile(path, xlsxTable(tt.rows, tt.shape), 0o644); err != nil {
					t.Fatal(err)
				}
				opts := Options{MaxYear: 2027, Lang: lang}.withDefaults()
				got, ok := readStreamed(FileResult{File: path}, opts)
				if ok != tt.streamed {
					t.Fatalf("readStreamed took it: %v, want %v", ok, tt.streamed)
				}
				if !ok {
					return
				}
				want := ordinaryRead(path, opts)
				if got.Hash == "" || got.Layout != want.Layout {
					t.Errorf("hash %q, layout %d; want a hash and layout %d", got.Hash, got.Layout, want.Layout)
				}
				if !reflect.DeepEqual(got.Submissions, want.Submissions) {
					t.Errorf("submissions differ: %d streamed, %d ordinary", len(got.Submissions), len(want.Submissions))
				}
				if !reflect.DeepEqual(got.Refusals, want.Refusals) {
					t.Errorf("refusals differ:\nstreamed %v\nordinary %v", got.Refusals, want.Refusals)
				}
				if !reflect.DeepEqual(got.Warnings, want.Warnings) {
					t.Errorf("warnings differ:\nstreamed %v\nordinary %v", got.Warnings, want.Warnings)
				}
				if (len(got.Refusals) > 0) != tt.refused {
					t.Errorf("refusals %v, want refused %v", got.Refusals, tt.refused)
				}
			})
		}
	}
}

// TestStreamedWorkbookDamaged: a workbook whose sheet is damaged is
// refused as damaged, as the ordinary reader refuses it: when the damage
// stops the inflating before the header is found, the ordinary reader
// says so; when only the checksum at the entry's end is wrong, the rows
// were read, and the file is refused all the same.
func TestStreamedWorkbookDamaged(t *testing.T) {
	const name = "xl/worksheets/sheet1.xml"
	table := xlsxTable(streamRows([]string{"Année", "Code UAI", "Établissement", "Parcours", "Étudiants", "Certificats"}, 1000), xlsxShape{}) // a sheet over keepBytes, streamed from the archive
	// flip changes the byte at offset off of the entry's compressed bytes
	// (-1: half-way).
	flip := func(off int64) func(data []byte) {
		return func(data []byte) {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if f.Name == name {
					start, _ := f.DataOffset()
					if off < 0 {
						off = int64(f.CompressedSize64) / 2
					}
					data[start+off] ^= 0xFF
				}
			}
		}
	}
	tests := []struct {
		name   string
		damage func(data []byte)
		taken  bool
	}{
		{"compressed bytes, at the start", flip(100), false},
		{"compressed bytes, half-way", flip(-1), true},
		{"checksum", func(data []byte) {
			// The central directory's record of the entry: its CRC-32 is
			// 16 bytes in.
			i := bytes.LastIndex(data, []byte(name)) - 46
			if i < 0 || !bytes.Equal(data[i:i+4], []byte("PK\x01\x02")) {
				t.Fatal("no central directory record")
			}
			data[i+16] ^= 0xFF
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Clone(table)
			tt.damage(data)
			path := filepath.Join(t.TempDir(), "damaged.xlsx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			opts := Options{MaxYear: 2027}.withDefaults()
			got, ok := readStreamed(FileResult{File: path}, opts)
			want := ordinaryRead(path, opts)
			if ok != tt.taken {
				t.Errorf("readStreamed took it: %v, want %v", ok, tt.taken)
			}
			if !ok {
				got = want
			}
			if len(got.Refusals) != 1 || got.Refusals[0].Kind != KindDamaged || len(got.Submissions) != 0 || !reflect.DeepEqual(got.Refusals, want.Refusals) {
				t.Errorf("streamed: %v, %d submissions; ordinary %v", got.Refusals, len(got.Submissions), want.Refusals)
			}
		})
	}
}

// TestStreamedWorkbookFile: ReadFile streams an .xlsx from streamMinBytes
// on, as a CSV: a table over the grid's MaxRows is read whole, and one of
// fewer rows gives what the grid gives.
func TestStreamedWorkbookFile(t *testing.T) {
	rows := streamRows([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"}, 4000)
	data := xlsxTable(rows, xlsxShape{inline: true, stored: true})
	if len(data) < streamMinBytes {
		t.Fatalf("%d bytes: under streamMinBytes, the test would not stream", len(data))
	}
	path := filepath.Join(t.TempDir(), "table.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{MaxYear: 2027}.withDefaults()
	r := ReadFile(path, opts)
	want := ordinaryRead(path, opts)
	if len(r.Refusals) != 0 || len(r.Submissions) != 8000 || r.Hash == "" || r.Size != int64(len(data)) || !reflect.DeepEqual(r.Submissions, want.Submissions) {
		t.Errorf("ReadFile: %d submissions, refusals %v, hash %q, size %d; want the grid's 8000", len(r.Submissions), r.Refusals, r.Hash, r.Size)
	}
	small := Options{MaxYear: 2027, Limits: sheet.Limits{MaxRows: 1000}}.withDefaults()
	if w := ordinaryRead(path, small); len(w.Refusals) != 1 || w.Refusals[0].Kind != KindTooLarge {
		t.Fatalf("the grid under MaxRows 1000: %v", w.Refusals)
	}
	if r := ReadFile(path, small); len(r.Refusals) != 0 || len(r.Submissions) != 8000 {
		t.Errorf("streamed under MaxRows 1000: %d submissions, refusals %v", len(r.Submissions), r.Refusals)
	}
}

// TestStreamedWorkbookLibreOffice: a consolidated table saved as .xlsx by
// LibreOffice (a CSV converted headless: shared strings, styles, its own
// attributes on every row and cell) reads the same streamed as whole.
// Skipped when soffice is not installed.
func TestStreamedWorkbookLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: the workbook it writes is not tested")
	}
	dir := t.TempDir()
	rows := streamRows([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"}, 60)
	rows[40][5] = "douze"
	rows[90][3] = "Lyon"
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ";") + "\n")
	}
	csv := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of its own, so that an office suite already running (or
	// another test) does not take the conversion; the CSV is read as
	// UTF-8 (76) with ';' (59) and '"' (34).
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", dir, csv)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	path := filepath.Join(dir, "table.xlsx")
	opts := Options{MaxYear: 2027}.withDefaults()
	got, ok := readStreamed(FileResult{File: path}, opts)
	if !ok {
		t.Fatal("readStreamed did not take LibreOffice's workbook")
	}
	want := ordinaryRead(path, opts)
	if !reflect.DeepEqual(got.Submissions, want.Submissions) || !reflect.DeepEqual(got.Refusals, want.Refusals) || !reflect.DeepEqual(got.Warnings, want.Warnings) {
		t.Errorf("streamed %d submissions, %v, %v\nordinary %d submissions, %v, %v", len(got.Submissions), got.Refusals, got.Warnings, len(want.Submissions), want.Refusals, want.Warnings)
	}
	if len(got.Refusals) != 1 || len(got.Warnings) != 2 || got.Refusals[0].Cell != "F41" || got.Warnings[0].Cell != "D91" {
		t.Errorf("refusals %v, warnings %v; want the text in F41 refused and the académie of row 91 warned about", got.Refusals, got.Warnings)
	}
}

// BenchmarkStreamedTable reads a consolidated table of 48,000 rows
// (8,000 institutions, two years, three tracks) as a CSV and as a
// workbook, texts shared or inline, row by row (readStreamed) and whole
// (sheet.Read, then Interpret): ns/row, and what a reading allocates.
func BenchmarkStreamedTable(b *testing.B) {
	rows := streamRows([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants concernés", "Certificats délivrés"}, 8_000)
	var csv strings.Builder
	for _, r := range rows {
		csv.WriteString(strings.Join(r, ";") + "\n")
	}
	dir := b.TempDir()
	files := []struct{ name, file string }{{"csv", "table.csv"}, {"xlsx-shared", "shared.xlsx"}, {"xlsx-inline", "inline.xlsx"}}
	for _, f := range files {
		data := []byte(csv.String())
		switch f.name {
		case "xlsx-shared":
			data = xlsxTable(rows, xlsxShape{})
		case "xlsx-inline":
			data = xlsxTable(rows, xlsxShape{inline: true})
		}
		if err := os.WriteFile(filepath.Join(dir, f.file), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := Options{MaxYear: 2027}.withDefaults()
	for _, f := range files {
		path := filepath.Join(dir, f.file)
		for _, way := range []string{"streamed", "grid"} {
			b.Run(f.name+"/"+way, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var r FileResult
					if way == "streamed" {
						var ok bool
						if r, ok = readStreamed(FileResult{File: path}, opts); !ok {
							b.Fatal("not streamed")
						}
					} else {
						r = ordinaryRead(path, opts)
					}
					if len(r.Submissions) != 16_000 {
						b.Fatalf("%d submissions, %v", len(r.Submissions), r.Refusals)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(rows)-1)), "ns/row")
			})
		}
	}
}
