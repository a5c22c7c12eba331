package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet/internal/hostile"
)

// streamed is what StreamXLSX handed, gathered as Read gives a sheet.
func streamed(path string, lim Limits) (Sheet, error) {
	s, _, err := streamedAll(path, lim)
	return s, err
}

// streamedAll is streamed, with the other sheets StreamXLSX gave.
func streamedAll(path string, lim Limits) (Sheet, []Sheet, error) {
	var s Sheet
	var others []Sheet
	var hiddenCols []int
	err := StreamXLSX(path, lim, func(info XLSXInfo, row int, hidden bool, cells []Cell) error {
		s.Name, s.Hidden, hiddenCols, others = info.Sheet, info.Hidden, info.HiddenCols, info.Others
		if row <= len(s.Rows) {
			return fmt.Errorf("row %d handed after row %d", row, len(s.Rows))
		}
		for len(s.Rows) < row-1 {
			s.Rows = append(s.Rows, nil)
		}
		s.Rows = append(s.Rows, slices.Clone(cells))
		if hidden {
			s.HiddenRows = append(s.HiddenRows, row)
		}
		return nil
	})
	// Read lists the hidden columns that hold a cell.
	for _, c := range hiddenCols {
		for _, r := range s.Rows {
			if c <= len(r) && (r[c-1].Kind != Empty || r[c-1].Formula) {
				s.HiddenCols = append(s.HiddenCols, c)
				break
			}
		}
	}
	return s, others, err
}

// streamCases are the workbooks StreamXLSX is held to Read on: every
// .xlsx fixture of testdata, and hand-made ones.
func streamCases(t *testing.T) map[string]string {
	t.Helper()
	cases := map[string]string{}
	inputs, err := filepath.Glob(filepath.Join("testdata", "*", "input.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		cases[filepath.Base(filepath.Dir(in))] = in
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cases[name] = p
	}
	table := hostile.ConsolidatedXLSX(3000)
	write("consolidated", table)
	write("consolidated, sheet damaged", flipEntry(t, table, "xl/worksheets/sheet1.xml"))
	write("consolidated, shared strings damaged", flipEntry(t, table, "xl/sharedStrings.xml"))
	write("consolidated, truncated", table[:len(table)/2])
	write("wide sparse", hostile.WideSparse(1000))
	write("nested elements", hostile.Deep(100_000))
	write("identical attributes", hostile.Attributes(100_000))
	write("empty shared strings", hostile.EmptySharedStrings(10_000))
	write("long text run", hostile.LongText(1<<20))
	write("long cell text in runs", longInlineString(1000, 1000))
	write("doctype", sheetBody(`<!DOCTYPE x [<!ENTITY a "b">]>`))
	write("many sheets", manySheets(maxSheets+1))
	write("sheets sharing a part", manySheets(2))
	write("many zip entries", manyEntries(maxZipEntries+1))
	write("full grid", hostile.FullGridXLSX(2000, 8))
	write("rows out of order", sheetRows(`<row r="3"><c r="B3"><v>7</v></c></row><row r="1"><c r="A1"><v>9</v></c></row>`))
	write("cells out of order", sheetRows(`<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`))
	write("a cell of an earlier row", sheetRows(`<row r="2"><c r="A2"><v>2</v></c><c r="A1"><v>1</v></c></row>`))
	write("bad shared string index", sheetRows(`<row r="1"><c r="A1" t="s"><v>5</v></c></row>`))
	write("cell types", sheetRows(`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c><c r="C1" t="d"><v>2012-09-01</v></c>`+
		`<c r="D1"><f>A1</f></c><c r="E1" t="str"><f>B1</f><v>x_x000D_y</v></c><c r="F1"><v> 1.5 </v></c><c r="G1"><v>abc</v></c><c r="H1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>`+
		`<row r="4" hidden="1"><c r="B4"><v>4</v></c></row><row r="5"><c r="C5"><v>1</v></c></row>`))
	write("empty sheets beside", withEmptySheets(`<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>2</v></c></row>`, 2, false))
	write("empty sheets before, one of them large", withEmptySheets(`<row r="1"><c r="A1"><v>1</v></c></row>`, 2, true))
	notes := `<row r="1"><c r="A1" t="inlineStr"><is><t>Notes</t></is></c></row><row r="3" hidden="1"><c r="B3"><v>5</v></c></row>`
	write("notes beside", withOtherSheets(`<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>3</v></c></row><row r="4"><c r="A4"><v>4</v></c></row>`,
		notes, `<row r="2"><c r="A2"><v>7</v></c></row>`))
	// Beside the largest sheet (the same rows, and a blank run making it
	// the larger), one more cell than StreamMaxOtherCells.
	var beside strings.Builder
	for r := 1; r <= StreamMaxOtherCells/2; r++ {
		fmt.Fprintf(&beside, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>1</v></c></row>`, r, r, r, r)
	}
	write("a large sheet beside", withOtherSheets(beside.String()+strings.Repeat(" ", 1<<16), beside.String()+`<row r="40000"><c r="C40000"><v>1</v></c></row>`))
	write("beyond the columns", sheetRows(`<row r="1"><c r="A1"><v>1</v></c><c r="GS1"><v>1</v></c></row>`))
	return cases
}

// sheetRows is a one-sheet workbook of the given rows.
func sheetRows(rows string) []byte {
	return hostile.Workbook(func(w io.Writer) error {
		_, err := io.WriteString(w, `<worksheet><cols><col min="2" max="3" hidden="1"/></cols><sheetData>`+rows+`</sheetData></worksheet>`)
		return err
	}, nil)
}

// withEmptySheets is a workbook whose first worksheet holds rows, followed
// by n worksheets holding no cell (formatted blanks: a large one when
// large, larger than the first).
func withEmptySheets(rows string, n int, large bool) []byte {
	var list, rels strings.Builder
	parts := []hostile.Part{}
	for i := 1; i <= n+1; i++ {
		fmt.Fprintf(&list, `<sheet name="Feuil%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, i)
		body := rows
		if i > 1 {
			body = `<row r="2"><c r="B2" s="1"/></row>`
			if large {
				body += strings.Repeat(`<row r="3" spans="1:1"><c r="C3" s="2"/></row>`, 1000)
			}
		}
		parts = append(parts, hostile.Text(fmt.Sprintf("xl/worksheets/sheet%d.xml", i), `<worksheet><sheetData>`+body+`</sheetData></worksheet>`))
	}
	return hostile.Zip(append(parts,
		hostile.Text("xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+list.String()+`</sheets></workbook>`),
		hostile.Text("xl/_rels/workbook.xml.rels", `<Relationships>`+rels.String()+`</Relationships>`)))
}

// withOtherSheets is a workbook whose first worksheet holds rows, followed
// by one worksheet for each of others, holding its rows.
func withOtherSheets(rows string, others ...string) []byte {
	var list, rels strings.Builder
	parts := []hostile.Part{}
	for i, body := range append([]string{rows}, others...) {
		fmt.Fprintf(&list, `<sheet name="Feuil%d" sheetId="%d" r:id="rId%d"/>`, i+1, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		parts = append(parts, hostile.Text(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<worksheet><sheetData>`+body+`</sheetData></worksheet>`))
	}
	return hostile.Zip(append(parts,
		hostile.Text("xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+list.String()+`</sheets></workbook>`),
		hostile.Text("xl/_rels/workbook.xml.rels", `<Relationships>`+rels.String()+`</Relationships>`)))
}

// flipEntry returns data with a byte of entry name's compressed bytes
// changed.
func flipEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			out := bytes.Clone(data)
			out[off+int64(f.CompressedSize64)*3/4] ^= 0x55
			return out
		}
	}
	t.Fatalf("no entry %s", name)
	return nil
}

// TestStreamXLSX holds StreamXLSX to Read: a workbook of one worksheet
// that Read reads is streamed to the same rows, hidden rows and columns;
// one Read refuses is refused for the same reason at the same place
// (the limits apart: a sheet over the grid's is streamed); the other
// worksheets holding a cell come whole as Read reads them; a workbook
// whose rows come back is ErrNotStreamable.
func TestStreamXLSX(t *testing.T) {
	notStreamed := map[string]bool{
		"rows out of order": true, "a cell of an earlier row": true,
		"sheets sharing a part": true,
		// more than StreamMaxOtherCells cells beside the largest sheet
		"a large sheet beside": true,
	}
	// The largest sheet is streamed: empty, it hands no row, and the
	// caller reads the workbook whole.
	nothingHanded := map[string]bool{"empty sheets before, one of them large": true}
	cases := streamCases(t)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range cases {
			if !yield(k) {
				return
			}
		}
	}) {
		path := cases[name]
		t.Run(name, func(t *testing.T) {
			lim := DefaultLimits()
			wb, rerr := Read(path, lim)
			got, others, serr := streamedAll(path, lim)
			var full []Sheet // the sheets Read read that hold a cell
			if rerr == nil {
				for _, sh := range wb.Sheets {
					if len(sh.Rows) > 0 {
						full = append(full, sh)
					}
				}
			}
			if notStreamed[name] {
				if !errors.Is(serr, ErrNotStreamable) {
					t.Fatalf("streamed: %v, want ErrNotStreamable", serr)
				}
				return
			}
			if nothingHanded[name] {
				if serr != nil || got.Name != "" || got.Rows != nil {
					t.Fatalf("streamed: %v, %+v; want no row handed", serr, got)
				}
				return
			}
			if rerr == nil {
				if serr != nil {
					t.Fatalf("Read read it, StreamXLSX: %v", serr)
				}
				// The sheet streamed is one Read read; the others
				// holding a cell come whole, as Read read them.
				var want Sheet
				var rest []Sheet
				for _, sh := range full {
					if sh.Name == got.Name {
						want = asStreamed(sh)
					} else {
						rest = append(rest, sh)
					}
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("streamed:\n%+v\nRead:\n%+v", got, want)
				}
				if !reflect.DeepEqual(others, rest) {
					t.Errorf("other sheets:\n%+v\nRead:\n%+v", others, rest)
				}
				return
			}
			var want, se *Error
			errors.As(rerr, &want)
			data, _ := os.ReadFile(path)
			switch {
			case !bytes.HasPrefix(data, magicZip) && !bytes.HasPrefix(data, magicZipEmpty):
				// not a zip: Read says what it is
				if !errors.Is(serr, ErrNotStreamable) {
					t.Errorf("streamed: %v, want ErrNotStreamable", serr)
				}
				return
			case want.Kind == ErrEmpty && serr == nil && len(got.Rows) == 0:
				// nothing handed: the caller reads the file whole
				return
			}
			if !errors.As(serr, &se) {
				t.Fatalf("Read: %v; streamed: %v", rerr, serr)
			}
			if se.Kind != want.Kind || se.Sheet != want.Sheet || se.Row != want.Row || se.Col != want.Col {
				t.Errorf("streamed: %v (cell %d,%d)\nRead: %v (cell %d,%d)", serr, se.Row, se.Col, rerr, want.Row, want.Col)
			}
			if !strings.HasPrefix(se.Detail, path) {
				t.Errorf("detail %q does not name the file", se.Detail)
			}
		})
	}
}

// TestStreamXLSXBounds: the streamed reader has its own bounds for what
// it does not hold (rows) and the grid's for the rest (columns); an error
// of each stops it and comes back as it is; a file that is no zip is
// ErrNotStreamable.
func TestStreamXLSXBounds(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "table.xlsx")
	if err := os.WriteFile(table, hostile.ConsolidatedXLSX(3000), 0o644); err != nil {
		t.Fatal(err)
	}
	lim := Limits{MaxRows: 100, MaxCells: 1000, MaxSharedStrings: 100, MaxTextBytes: 1000}
	if _, err := Read(table, lim); err == nil {
		t.Fatal("Read read 3,001 rows under MaxRows 100")
	}
	s, err := streamed(table, lim)
	if err != nil || len(s.Rows) != 3001 {
		t.Fatalf("streamed %d rows, %v; want 3001", len(s.Rows), err)
	}
	stop := errors.New("stop")
	n := 0
	err = StreamXLSX(table, lim, func(XLSXInfo, int, bool, []Cell) error {
		if n++; n == 10 {
			return stop
		}
		return nil
	})
	if err != stop || n != 10 {
		t.Errorf("each stopped at row %d with %v, the reader returned %v", n, stop, err)
	}
	csv := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(csv, hostile.ConsolidatedCSV(10), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := StreamXLSX(csv, lim, func(XLSXInfo, int, bool, []Cell) error { return nil }); !errors.Is(err, ErrNotStreamable) {
		t.Errorf("a CSV file: %v, want ErrNotStreamable", err)
	}
}

// FuzzStreamXLSX holds StreamXLSX to Read on mutated workbooks: it never
// panics; a workbook of one worksheet that Read reads is streamed to the
// same rows (or ErrNotStreamable, for rows that come back), the other
// sheets holding cells given whole; one Read refuses is refused, unless for the grid's
// limits, which the streamed reader does not have, or empty with nothing
// handed. (Which of several faults each names first may differ: the
// streamed reader verifies the parts it needs first.)
func FuzzStreamXLSX(f *testing.F) {
	addSeeds(f, "input.xlsx")
	f.Add(hostile.ConsolidatedXLSX(50))
	f.Add(sheetRows(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row><row r="2" hidden="1"><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		wb, rerr := Read(path, fuzzLimits)
		got, others, serr := streamedAll(path, fuzzLimits)
		var se *Error
		if errors.As(serr, &se) && strings.Contains(se.Detail, "internal error while reading") {
			t.Fatalf("panic while streaming: %s", se.Detail)
		}
		if errors.Is(serr, ErrNotStreamable) {
			return
		}
		if rerr == nil {
			var full []Sheet
			for _, sh := range wb.Sheets {
				if len(sh.Rows) > 0 {
					full = append(full, sh)
				}
			}
			if serr != nil {
				t.Fatalf("Read read it, StreamXLSX: %v", serr)
			}
			if got.Name == "" && got.Rows == nil {
				return // nothing handed (the largest sheet is empty): read whole
			}
			var want Sheet
			var rest []Sheet
			for _, sh := range full {
				if sh.Name == got.Name && want.Name == "" {
					want = asStreamed(sh)
				} else {
					rest = append(rest, sh)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("streamed:\n%+v\nRead:\n%+v", got, want)
			}
			if !reflect.DeepEqual(others, rest) {
				t.Fatalf("other sheets:\n%+v\nRead:\n%+v", others, rest)
			}
			return
		}
		var want *Error
		errors.As(rerr, &want)
		if serr == nil && want.Kind != ErrTooLarge && (want.Kind != ErrEmpty || len(got.Rows) > 0) {
			t.Fatalf("Read: %v; streamed without error", rerr)
		}
	})
}

// asStreamed is a sheet Read read as StreamXLSX gives it: no hidden row or
// column is nil, not empty.
func asStreamed(sh Sheet) Sheet {
	if len(sh.HiddenRows) == 0 {
		sh.HiddenRows = nil
	}
	if len(sh.HiddenCols) == 0 {
		sh.HiddenCols = nil
	}
	return sh
}
