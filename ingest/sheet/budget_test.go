package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet/internal/hostile"
)

// allocated returns the bytes f allocates (TotalAlloc delta): a memory
// guard that does not depend on timing or on when the collector runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileShapes reads files that are small on disk (or once
// compressed) but cost far more than their bytes in the shape they have,
// the classes of issue 6, at a scale that costs the reader without a budget
// tens to hundreds of megabytes: each must be refused, and refusing it must
// cost about what the file weighs.
func TestHostileShapes(t *testing.T) {
	small := Limits{MaxCells: 100_000, MaxSharedStrings: 10_000, MaxTextBytes: 1 << 20}
	tests := []struct {
		name   string
		data   []byte
		lim    Limits
		want   ErrorKind
		detail string // a part of the Detail
		bound  uint64 // bytes it may allocate beyond the file's size
	}{
		// 10,000 rows of one cell in column GR: 2 million cells once
		// padded; the budget stops at 100,000.
		{"wide sparse grid", hostile.WideSparse(10_000), small, ErrTooLarge, "limit 100000", 8 << 20},
		{"nested elements", hostile.Deep(1_000_000), Limits{}, ErrUnreadable, "nested more than 64 deep", 4 << 20},
		{"identical attributes", hostile.Attributes(1_000_000), Limits{}, ErrUnreadable, "longer than 65536 bytes", 4 << 20},
		{"empty shared strings", hostile.EmptySharedStrings(1_000_000), small, ErrTooLarge, "more than 10000 shared strings", 8 << 20},
		{"long text run", hostile.LongText(10 << 20), Limits{}, ErrCellTooLong, "Excel holds at most 32,767 characters", 4 << 20},
		{"long cell text in runs", longInlineString(1000, 1000), Limits{}, ErrCellTooLong, "cell A1 holds more than", 4 << 20},
		{"long comment", sheetBody("<!--" + strings.Repeat("x", 200_000) + "-->"), Limits{}, ErrUnreadable, "comment or processing instruction", 4 << 20},
		{"doctype", sheetBody(`<!DOCTYPE x [<!ENTITY a "b">]>`), Limits{}, ErrUnreadable, "DOCTYPE", 1 << 20},
		{"text budget", hostile.LongText(100_000), Limits{MaxTextBytes: 50_000}, ErrTooLarge, "text held reaches", 4 << 20},
		{"many sheets", manySheets(maxSheets + 1), Limits{}, ErrTooLarge, "more than 1000 sheets", 4 << 20},
		{"sheets sharing a part", manySheets(maxSheets), Limits{}, ErrUnreadable, "already read as another part", 4 << 20},
		{"many zip entries", manyEntries(maxZipEntries + 1), Limits{}, ErrTooLarge, "more than 10000 entries", 1 << 20},
		{"many zip entries, zip64", manyEntries(70_000), Limits{}, ErrTooLarge, "more than 10000 entries", 1 << 20},
		{"separators", hostile.Separators(5_000_000), Limits{}, ErrUnreadable, "more than 16384 fields", 1 << 20},
		{"unclosed quote", append([]byte("Parcours;Étudiants\n\"Doctorats;"), bytes.Repeat([]byte("x;"), 1<<20)...), Limits{}, ErrCellTooLong, "an unclosed quote?", 1 << 20},
		{"csv cells", bytes.Repeat([]byte("a;b;c;d;e;f;g;h;i;j\n"), 20_000), small, ErrTooLarge, "grid reaches", 8 << 20},
		{"csv text", bytes.Repeat([]byte(strings.Repeat("x", 1000)+"\n"), 2000), small, ErrTooLarge, "text held reaches", 8 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			got := allocated(func() { _, err = ReadBytes("hostile", tt.data, tt.lim) })
			var se *Error
			if !errors.As(err, &se) || se.Kind != tt.want || !strings.Contains(se.Detail, tt.detail) {
				t.Fatalf("error %v; want kind %s with %q", err, tt.want, tt.detail)
			}
			if max := uint64(len(tt.data)) + tt.bound; got > max {
				t.Errorf("refusing a %d-byte file allocated %d bytes, more than %d", len(tt.data), got, max)
			}
		})
	}
}

// TestBudgetCountsTheGrid checks that the cell budget counts exactly what
// the grids hold: each row up to its last cell, plus the row itself, all
// sheets together.
func TestBudgetCountsTheGrid(t *testing.T) {
	for _, path := range []string{"testdata/xlsx-form/input.xlsx", "testdata/xlsx-other-software/input.xlsx", "testdata/csv-quoted/input.csv"} {
		wb, err := Read(path, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, sh := range wb.Sheets {
			n += len(sh.Rows)
			for _, r := range sh.Rows {
				n += len(r)
			}
		}
		if _, err := Read(path, Limits{MaxCells: n}); err != nil {
			t.Errorf("%s: %v with a budget of exactly its %d cells", path, err, n)
		}
		_, err = Read(path, Limits{MaxCells: n - 1})
		var se *Error
		if !errors.As(err, &se) || se.Kind != ErrTooLarge {
			t.Errorf("%s: error %v with a budget of %d cells, one short; want %s", path, err, n-1, ErrTooLarge)
		}
	}
}

// TestConsolidatedLimit checks that the budget admits what it must, the
// largest consolidated table within MaxRows (a header and MaxRows-1 rows of
// eight columns), and that one row more is refused as too large, not read.
func TestConsolidatedLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 26 MB")
	}
	lim := DefaultLimits()
	data := hostile.ConsolidatedCSV(lim.MaxRows - 1)
	if len(data) > int(lim.MaxFileBytes) {
		t.Fatalf("the table is %d bytes, over the file limit", len(data))
	}
	wb, err := ReadBytes("consolidated.csv", data, lim)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(wb.Sheets[0].Rows); n != lim.MaxRows {
		t.Errorf("%d rows read, want %d", n, lim.MaxRows)
	}
	_, err = ReadBytes("consolidated.csv", hostile.ConsolidatedCSV(lim.MaxRows), lim)
	var se *Error
	if !errors.As(err, &se) || se.Kind != ErrTooLarge {
		t.Errorf("a table of %d rows: error %v, want %s", lim.MaxRows+1, err, ErrTooLarge)
	}
}

// sheetBody is a workbook whose sheet part holds body before its sheetData.
func sheetBody(body string) []byte {
	return hostile.Workbook(func(w io.Writer) error {
		_, err := fmt.Fprintf(w, `<?xml version="1.0"?>%s<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, body)
		return err
	}, nil)
}

// longInlineString is one inline string of runs runs of n bytes each: each
// text run is short, their total is not.
func longInlineString(runs, n int) []byte {
	return hostile.Workbook(func(w io.Writer) error {
		var b strings.Builder
		b.WriteString(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is>`)
		for range runs {
			b.WriteString("<r><t>" + strings.Repeat("x", n) + "</t></r>")
		}
		b.WriteString(`</is></c></row></sheetData></worksheet>`)
		_, err := fmt.Fprint(w, b.String())
		return err
	}, nil)
}

// manyEntries is a zip of n empty entries; past 65,535 archive/zip writes
// a zip64 end of central directory.
func manyEntries(n int) []byte {
	parts := make([]hostile.Part, n)
	for i := range parts {
		parts[i] = hostile.Text(fmt.Sprintf("%07x", i), "")
	}
	return hostile.Zip(parts)
}

// manySheets is a workbook listing n sheets, all pointing to one part.
func manySheets(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<sheet name="S%d" sheetId="%d" r:id="rId1"/>`, i, i+1)
	}
	parts := []hostile.Part{
		hostile.Text("xl/workbook.xml", `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+b.String()+`</sheets></workbook>`),
		hostile.Text("xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
		hostile.Text("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`),
	}
	return hostile.Zip(parts)
}

// TestRowsOutOfOrder checks a sheet that comes back to rows already read:
// every cell lands in place, the budget counts each row once at its final
// length (2 × 200 + 2 cells and 3 rows), and alternating between two rows
// as they grow costs about what reading the same cells in order does.
func TestRowsOutOfOrder(t *testing.T) {
	sheet := func(alternate bool) []byte {
		var b strings.Builder
		b.WriteString(`<worksheet><sheetData>`)
		cell := func(row, col int) {
			fmt.Fprintf(&b, `<row r="%d"><c r="%s"><v>%d</v></c></row>`, row, CellRef(row, col), row*1000+col)
		}
		if alternate {
			for col := 1; col <= 200; col++ {
				cell(2, col)
				cell(1, col)
			}
		} else {
			for row := 1; row <= 2; row++ {
				for col := 1; col <= 200; col++ {
					cell(row, col)
				}
			}
		}
		b.WriteString(`<row r="3"><c r="B3"><v>7</v></c></row><row r="1"><c r="A1"><v>9</v></c></row></sheetData></worksheet>`)
		return hostile.Workbook(func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err }, nil)
	}
	var cost [2]uint64
	for i, alternate := range []bool{false, true} {
		data := sheet(alternate)
		var wb *Workbook
		var err error
		cost[i] = allocated(func() { wb, err = ReadBytes("rows.xlsx", data, Limits{MaxCells: 405}) })
		if err != nil {
			t.Fatal(err)
		}
		rows := wb.Sheets[0].Rows
		if len(rows) != 3 || len(rows[0]) != 200 || len(rows[1]) != 200 || len(rows[2]) != 2 {
			t.Fatalf("%d rows, want 3 of lengths 200, 200, 2", len(rows))
		}
		for row := 1; row <= 2; row++ {
			for col := 2; col <= 200; col++ {
				if want := fmt.Sprint(row*1000 + col); rows[row-1][col-1].Value != want {
					t.Fatalf("%s = %q, want %s", CellRef(row, col), rows[row-1][col-1].Value, want)
				}
			}
		}
		if rows[0][0].Value != "9" || rows[2][1].Value != "7" {
			t.Errorf("A1 = %q, B3 = %q; want 9 and 7", rows[0][0].Value, rows[2][1].Value)
		}
		if _, err := ReadBytes("rows.xlsx", data, Limits{MaxCells: 404}); err == nil {
			t.Error("read with a budget one cell short")
		}
	}
	// Copying a row at each visit would cost 200 visits × 100 cells × 24
	// bytes on average, twice: 960 KB more.
	if cost[1] > cost[0]+100<<10 {
		t.Errorf("reading rows out of order allocated %d bytes, in order %d", cost[1], cost[0])
	}
}
