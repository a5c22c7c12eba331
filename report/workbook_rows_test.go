package report

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// rowsTexts are texts whose writing excelize treats apart: escapes, line
// breaks and spaces that need xml:space, characters XML cannot hold,
// bytes that are not UTF-8, text that reads as an OOXML escape, texts cut
// at 32,767 UTF-16 units.
var rowsTexts = []string{
	"", "a", "Université de Bordeaux", "é à ç œ «»", "🎓 emoji", " leading", "trailing ", "\ttab", "line\nbreak",
	"\nstarts", "ends\n", "cr\rhere", "ends\r", `quotes " and ' & < > ;`, "&amp; already", "&#xA; literal", "ctl \x01\x02\x1f\x7f",
	"bad \xff\xfe bytes", "\xc3", "nonchar \uFFFE \uFFFF", "literal \uFFFD", "_x0041_", "a_x0041_b_x005F_c", "_x005F_",
	"_x005F_x0041_", "_x005F_x004", "_x005f_xzzzz_", "_xD800_", "_x12345_", "x0041_", "_x004_", "=SUM(A1:A2)", "+33 1 23",
	"\u202Ebidi", strings.Repeat("é", 40000), strings.Repeat("🎓", 20000), strings.Repeat("a", 32767) + " ",
	strings.Repeat("a", 32766) + "🎓", strings.Repeat("<&>", 12000),
}

var rowsInts = []int64{0, 1, -1, 999, 1000, -1000, 1234567, math.MaxInt64, math.MinInt64}

var rowsFloats = []float64{0, math.Copysign(0, -1), 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.646, 1, -2.5, 1e20, 1e21, 1e-7,
	123456789.123456789, 1234567890123456789, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	math.NaN(), math.Inf(1), math.Inf(-1)}

// writeStreamedTable writes a workbook of one sheet holding rows as a
// streamed table (streamSheet), the rows written by excelize or not.
func writeStreamedTable(t *testing.T, byExcelize bool, cols []wbColumn, rows func(wb *workbook, i int, cells []streamCell), n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbook{ctx: t.Context(), f: f, lang: "fr", rowsByExcelize: byExcelize}
	if err := wb.initStyles(); err != nil {
		t.Fatal(err)
	}
	const sheet = "Données"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		t.Fatal(err)
	}
	row := func(i int, cells []streamCell) { rows(wb, i, cells) }
	if err := wb.streamSheet(sheet, "title.data", "Donnees", cols, n, 1, row, "une note"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := saveWorkbook(&buf, f, time.Date(2012, 9, 1, 0, 0, 0, 0, time.UTC), wb.rows...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTableRowsAsExcelize writes tables of every kind of cell, with and
// without styles, through rowsWriter and through excelize's stream writer:
// the workbooks must be the same bytes.
func TestTableRowsAsExcelize(t *testing.T) {
	const width = 30 // past column Z
	cols := make([]wbColumn, width)
	for c := range cols {
		cols[c] = wbColumn{fmt.Sprintf("Colonne %d", c+1), kindText}
	}
	cases := []struct {
		name string
		n    int
		cell func(wb *workbook, i, c int) streamCell
	}{
		{"texts", len(rowsTexts), func(wb *workbook, i, c int) streamCell {
			// Each text in every column, plain and styled; a column
			// repeats its text from row to row (the writer's memo).
			style := 0
			if c%2 == 1 {
				style = wb.styleText
			}
			return textCell(style, rowsTexts[(i+c/3)%len(rowsTexts)])
		}},
		{"numbers", len(rowsInts) * len(rowsFloats), func(wb *workbook, i, c int) streamCell {
			switch c % 3 {
			case 0:
				return intCell(wb.styleCount, rowsInts[(i+c)%len(rowsInts)])
			case 1:
				return floatCell(wb.styleRate, rowsFloats[(i+c)%len(rowsFloats)])
			}
			return floatCell(0, rowsFloats[(i*7+c)%len(rowsFloats)])
		}},
		{"mixed, with holes", 500, func(wb *workbook, i, c int) streamCell {
			switch k := (i*7 + c*13) % 11; {
			case k < 2:
				return streamCell{} // no cell
			case k < 6:
				return textCell([]int{0, wb.styleText, wb.styleRate}[k%3], rowsTexts[(i/3+c)%len(rowsTexts)])
			case k < 9:
				return intCell(wb.styleCount, rowsInts[(i+c)%len(rowsInts)]*int64(i))
			}
			return floatCell(wb.styleRate, rowsFloats[(i+c)%len(rowsFloats)])
		}},
		{"one row", 1, func(wb *workbook, i, c int) streamCell { return textCell(0, "seule") }},
		{"no row", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := func(wb *workbook, i int, cells []streamCell) {
				for col := range cells {
					cells[col] = c.cell(wb, i, col)
				}
			}
			got := writeStreamedTable(t, false, cols, rows, c.n)
			want := writeStreamedTable(t, true, cols, rows, c.n)
			if !bytes.Equal(got, want) {
				t.Errorf("the workbook differs from excelize's (%d bytes, excelize %d): sheet %s", len(got), len(want),
					firstDifference(t, got, want, "xl/worksheets/sheet1.xml"))
			}
			f := openTestWorkbook(t, got)
			all, err := f.GetRows("Données")
			if err != nil {
				t.Fatal(err)
			}
			// The lines above the table, its header and rows, a blank
			// row and two notes.
			if wantRows := tableTop + c.n + 3; len(all) != wantRows {
				t.Errorf("%d rows, want %d", len(all), wantRows)
			}
		})
	}
}

// firstDifference shows where an entry of two workbooks first differs.
func firstDifference(t *testing.T, a, b []byte, entry string) string {
	t.Helper()
	read := func(data []byte) string {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		return readZipEntry(t, zr, entry)
	}
	x, y := read(a), read(b)
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			lo := max(i-80, 0)
			return fmt.Sprintf("at byte %d: %q, excelize %q", i, x[lo:min(i+80, len(x))], y[lo:min(i+80, len(y))])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(x), len(y))
}

// largeTable is the rows of the tests' large tables: 10,000, the size
// above which tables were first streamed, at which a table's XML runs to
// megabytes and crosses every buffer on its way into the zip.
const largeTable = 10_000

// hostileFacts are n institutions of two tracks each in two years, the
// first ones named with the texts excelize writes apart, with small
// counts and rates given or not, ten times more students the second year
// (a figure to check).
func hostileFacts(n int) []ingest.Fact {
	var facts []ingest.Fact
	for i := range n {
		name := fmt.Sprintf("Établissement %d", i)
		if i > 0 && i < len(rowsTexts) {
			name = rowsTexts[i]
		}
		for y := 2011; y <= 2012; y++ {
			for k, track := range []string{"doctorats", "masters-enseignement"} {
				students := int64(i%97 + k)
				if y == 2012 {
					students *= 10
				}
				f := ingest.Fact{Year: y, UAI: fmt.Sprintf("U%07d", i), Institution: name, Academie: []string{"Lyon", "", "Créteil"}[i%3],
					Track: track, TrackGroup: []string{"doctorats", "masters"}[k], Students: students, Certs: int64(i % 5),
					Source: ingest.Location{File: fmt.Sprintf("lot %d.csv", i/100), Sheet: "Feuil1", Cell: fmt.Sprintf("ligne %d, colonne 6", i+2)}}
				if i%3 != 0 {
					f.SubmittedRate, f.HasRate = float64(i%7)/7, true
				}
				facts = append(facts, f)
			}
		}
	}
	return facts
}

// TestWorkbooksRowsAsExcelize writes whole workbooks with the streamed
// tables' rows written by rowsWriter and by excelize's stream writer: the
// same bytes, for the samples (French, English), a large table of hostile
// texts (its institutions streamed too) and the staff workbook of a large
// table (its figures to check streamed).
func TestWorkbooksRowsAsExcelize(t *testing.T) {
	large := func(t *testing.T) Input {
		dict := tracks.Default()
		tables, err := aggregate.Build(memory.NewGoAllocator(), hostileFacts(largeTable), dict)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(tables.Release)
		return Input{Tables: tables, Tracks: dict, Lang: "fr"}
	}
	public := func(ctx context.Context, w io.Writer, in Input, byExcelize bool) error {
		return writeWorkbook(ctx, w, in, byExcelize)
	}
	cases := []struct {
		name  string
		in    func(t *testing.T) Input
		write func(ctx context.Context, w io.Writer, in Input, byExcelize bool) error
		sheet string // a streamed sheet
		rows  int    // its rows, at least
	}{
		{"samples, fr", func(t *testing.T) Input { return samplesInput(t, "fr") }, public, "Données", 400},
		{"samples, en", func(t *testing.T) Input { return samplesInput(t, "en") }, public, "Data", 400},
		{"large", large, public, "Établissements", tableTop + largeTable},
		{"staff, large", large, writeStaffWorkbook, wbT("fr", "staff.sheet.outliers"), tableTop + largeTable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in(t)
			var got, want bytes.Buffer
			if err := c.write(t.Context(), &got, in, false); err != nil {
				t.Fatal(err)
			}
			if err := c.write(t.Context(), &want, in, true); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the workbook differs from excelize's (%d bytes, excelize %d)", got.Len(), want.Len())
			}
			f := openTestWorkbook(t, got.Bytes())
			rows, err := f.GetRows(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < c.rows {
				t.Errorf("sheet %s has %d rows, want %d or more", c.sheet, len(rows), c.rows)
			}
		})
	}
}

// TestStreamedRowsScratchRemoved stops the writing of a large workbook at
// each of its looks at the context in turn (the rows' own among them,
// made as the workbook is saved), then lets it finish: no scratch file
// (excelize's zip, its stream writer's sheets) is left behind, whether it
// stopped or not.
func TestStreamedRowsScratchRemoved(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	dict := tracks.Default()
	tables, err := aggregate.Build(memory.NewGoAllocator(), hostileFacts(4000), dict)
	if err != nil {
		t.Fatal(err)
	}
	defer tables.Release()
	in := Input{Tables: tables, Tracks: dict, Lang: "fr"}
	for looks := 0; ; looks++ {
		ctx := &stopAfter{Context: t.Context(), looks: looks}
		err := WriteWorkbook(ctx, io.Discard, in)
		left, rerr := os.ReadDir(dir)
		if rerr != nil {
			t.Fatal(rerr)
		}
		for _, e := range left {
			if strings.HasPrefix(e.Name(), "c2isurvey-") {
				t.Fatalf("stopped after %d looks (%v): %s left behind", looks, err, e.Name())
			}
		}
		if err == nil {
			if looks < 5 {
				t.Fatalf("finished after %d looks at the context: the test stops nothing", looks)
			}
			return
		}
		if ctx.looks >= 0 {
			t.Fatalf("failed before the context stopped it: %v", err)
		}
	}
}

// stopAfter is a context that says it is cancelled once it was asked
// looks times.
type stopAfter struct {
	context.Context
	looks int
}

func (c *stopAfter) Err() error {
	if c.looks--; c.looks < 0 {
		return context.Canceled
	}
	return nil
}

// BenchmarkWriteWorkbook writes the public workbook of the forms in the
// folder named by C2I_BENCH_FORMS (the 5,000 generated forms of
// docs/bench.sh), or of the samples when it is not set.
func BenchmarkWriteWorkbook(b *testing.B) {
	in := benchInput(b, "fr")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteWorkbook(b.Context(), io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
