package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// TestQualitySheetStreamed writes the quality sheet of a batch of more
// than largeTable files both ways, cell by cell (cellQuality) and
// through the stream writer (streamQuality, what writeQuality picks for
// any batch with a row in its lists), and wants the same cells, the same five tables over the
// same ranges (the stream writer names only its last table in the sheet:
// normalizeZip lists the others), the rows of a wrapped message as tall,
// and the same bytes twice.
func TestQualitySheetStreamed(t *testing.T) {
	n := largeTable + 5
	b := &ingest.Batch{}
	long := strings.Repeat("Une raison longue, qui se replie sur plusieurs lignes dans sa colonne. ", 3)
	for i := range n {
		fr := ingest.FileResult{File: fmt.Sprintf("in/f%05d.xlsx", i), Hash: fmt.Sprintf("h%d", i)}
		switch {
		case i%2000 == 1:
			fr.Refusals = []ingest.Problem{
				{Location: ingest.Location{File: fr.File, Sheet: "Saisie", Cell: "B2"}, Kind: "empty", Message: long},
				{Location: ingest.Location{File: fr.File, Sheet: "Saisie", Cell: "C3"}, Kind: "x", Message: "=1+1"},
			}
		case i%2000 == 2:
			fr.Hash = "h0" // the same bytes as the first file
			b.Duplicates = append(b.Duplicates, ingest.Duplicate{File: fr.File, SameAs: "in/f00000.xlsx"})
		default:
			fr.Submissions = []ingest.Submission{{UAI: fmt.Sprintf("%07dA", i%(n-100)), Year: 2012}}
			if i%3000 == 3 {
				fr.Warnings = []ingest.Problem{{Location: ingest.Location{File: fr.File, Sheet: "Saisie", Cell: "D4"}, Kind: "w", Message: "À vérifier"}}
			}
		}
		b.Files = append(b.Files, fr)
	}
	b.Replacements = []ingest.Replacement{{UAI: "0000003A", Year: 2012, Old: "in/f00003.xlsx", New: fmt.Sprintf("in/f%05d.xlsx", n-97)}}

	const sheet = "Qualité des données"
	write := func(stream bool) []byte {
		f := excelize.NewFile()
		defer f.Close()
		wb := &workbook{ctx: t.Context(), f: f, lang: "fr", dict: tracks.Default(), small: aggregate.DefaultSmallCounts()}
		if err := wb.initStyles(); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
			t.Fatal(err)
		}
		summary, sections := wb.qualityLists(Input{Batch: b})
		write := wb.cellQuality
		if stream {
			write = wb.streamQuality
		}
		if err := write(sheet, summary, sections); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := saveWorkbook(&buf, f, time.Date(2012, 9, 1, 0, 0, 0, 0, time.UTC), wb.rows...); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	streamed := write(true)
	if again := write(true); !bytes.Equal(streamed, again) {
		t.Error("two writes of the same batch differ")
	}
	cells, str := openTestWorkbook(t, write(false)), openTestWorkbook(t, streamed)
	want, err := cells.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	got, err := str.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("streamed: %d rows, cell by cell: %d", len(got), len(want))
	}
	for r := range want {
		if !slices.Equal(got[r], want[r]) {
			t.Errorf("row %d: streamed %q, cell by cell %q", r+1, got[r], want[r])
		}
	}
	wantT, err := cells.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	gotT, err := str.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(wantT) != 5 || len(gotT) != len(wantT) {
		t.Fatalf("tables: streamed %+v, cell by cell %+v, want five", gotT, wantT)
	}
	for i := range wantT {
		if gotT[i].Name != wantT[i].Name || gotT[i].Range != wantT[i].Range {
			t.Errorf("table %d: streamed %s over %s, cell by cell %s over %s", i, gotT[i].Name, gotT[i].Range, wantT[i].Name, wantT[i].Range)
		}
	}
	// The first refusal's long message wraps: its row is as tall both ways.
	var wrapped int
	for r, row := range want {
		if len(row) == 5 && row[4] == long {
			wrapped = r + 1
			break
		}
	}
	if wrapped == 0 {
		t.Fatal("the long refusal is not on the sheet")
	}
	hw, _ := cells.GetRowHeight(sheet, wrapped)
	hg, _ := str.GetRowHeight(sheet, wrapped)
	if hw <= 15 || hg != hw {
		t.Errorf("row %d of a wrapped message: %v points streamed, %v cell by cell", wrapped, hg, hw)
	}
	if formula, _ := str.GetCellFormula(sheet, fmt.Sprintf("E%d", wrapped+1)); formula != "" {
		t.Errorf("a message that looks like a formula became %q", formula)
	}
}

// TestFixTableParts: a sheet naming fewer tables than its relationships
// gets them all, in the form of a sheet set cell by cell; one naming them
// all is left as it is.
func TestFixTableParts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<worksheet><sheetData/><tableParts count="1"><tablePart r:id="rId2"></tablePart></tableParts></worksheet>`,
			`<worksheet><sheetData/><tableParts count="2"><tablePart r:id="rId1"></tablePart><tablePart r:id="rId2"></tablePart></tableParts></worksheet>`},
		{`<worksheet><tableParts count="2"><tablePart r:id="rId1"></tablePart><tablePart r:id="rId2"></tablePart></tableParts></worksheet>`,
			`<worksheet><tableParts count="2"><tablePart r:id="rId1"></tablePart><tablePart r:id="rId2"></tablePart></tableParts></worksheet>`},
		{`<worksheet><sheetData/></worksheet>`, `<worksheet><sheetData/></worksheet>`},
	} {
		if got := string(fixTableParts([]byte(c.in), []string{"rId1", "rId2"})); got != c.want {
			t.Errorf("fixTableParts(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}
