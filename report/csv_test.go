package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

// The -update flag ("rewrite golden files") is shared by every golden test of
// the package, and other test files of package report may declare it too: a
// second flag.Bool("update") would panic at start-up. Package-level variables
// are initialised before any init function, so declaring it here only when
// nobody has works whatever the file order.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// updating reports whether the test run was asked to rewrite golden files.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// loadTestFacts reads a test case's facts.csv:
// year,uai,institution,academie,track,students,certificates,submitted_rate.
// Each fact's source cell is its line in that file, so that the data sheet's
// provenance columns have something distinct to show.
func loadTestFacts(t testing.TB, path string, dict *tracks.Dictionary) []ingest.Fact {
	t.Helper()
	recs := readTestCSV(t, path)
	var facts []ingest.Fact
	for i, r := range recs[1:] {
		line := i + 2
		if len(r) != 8 {
			t.Fatalf("%s line %d: %d fields, want 8", path, line, len(r))
		}
		y, err1 := strconv.Atoi(r[0])
		s, err2 := strconv.ParseInt(r[5], 10, 64)
		c, err3 := strconv.ParseInt(r[6], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s line %d: bad number", path, line)
		}
		tr, ok := dict.ByCode(r[4])
		if !ok {
			t.Fatalf("%s line %d: unknown track %q", path, line, r[4])
		}
		fact := ingest.Fact{
			Year: y, UAI: r[1], Institution: r[2], Academie: r[3], Track: tr.Code, TrackGroup: tr.Group,
			Students: s, Certs: c,
			Source: ingest.Location{File: "in/" + r[1] + ".xlsx", Sheet: "Enquête", Cell: fmt.Sprintf("B%d", line)},
		}
		if r[7] != "" {
			v, err := strconv.ParseFloat(r[7], 64)
			if err != nil {
				t.Fatalf("%s line %d: rate: %v", path, line, err)
			}
			fact.SubmittedRate, fact.HasRate = v, true
		}
		facts = append(facts, fact)
	}
	return facts
}

// loadTestBatch reads a test case's batch.csv, one line per file outcome:
// file,status,sheet,cell,kind,message with status accepted, warning or
// refused. Lines of one file are grouped into one FileResult, files in order
// of first appearance.
func loadTestBatch(t testing.TB, path string) *ingest.Batch {
	t.Helper()
	recs := readTestCSV(t, path)
	b := &ingest.Batch{}
	index := map[string]int{}
	for i, r := range recs[1:] {
		if len(r) != 6 {
			t.Fatalf("%s line %d: %d fields, want 6", path, i+2, len(r))
		}
		k, ok := index[r[0]]
		if !ok {
			k = len(b.Files)
			index[r[0]] = k
			b.Files = append(b.Files, ingest.FileResult{File: r[0], Layout: 1})
		}
		p := ingest.Problem{Location: ingest.Location{File: r[0], Sheet: r[2], Cell: r[3]}, Kind: r[4], Message: r[5]}
		switch r[1] {
		case "accepted":
		case "warning":
			b.Files[k].Warnings = append(b.Files[k].Warnings, p)
		case "refused":
			b.Files[k].Refusals = append(b.Files[k].Refusals, p)
		default:
			t.Fatalf("%s line %d: status %q", path, i+2, r[1])
		}
	}
	return b
}

func readTestCSV(t testing.TB, path string) [][]string {
	t.Helper()
	recs := testutil.ReadCSV(t, path)
	if len(recs) == 0 {
		t.Fatalf("%s: no header", path)
	}
	return recs
}

// buildTestInput aggregates a case's facts with aggregate.Build, as the
// program does. The tables are released when the test ends, and the checked
// allocator fails the test if any Arrow buffer leaks.
func buildTestInput(t *testing.T, dir, lang string) Input {
	t.Helper()
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, loadTestFacts(t, filepath.Join(dir, "facts.csv"), dict), dict)
	if err != nil {
		t.Fatalf("aggregate.Build: %v", err)
	}
	t.Cleanup(func() {
		tables.Release()
		mem.AssertSize(t, 0)
	})
	in := Input{Tables: tables, Tracks: dict, Lang: lang}
	if _, err := os.Stat(filepath.Join(dir, "batch.csv")); err == nil {
		in.Batch = loadTestBatch(t, filepath.Join(dir, "batch.csv"))
	}
	return in
}

func TestWriteCSVs(t *testing.T) {
	cases := []string{"csv-basic", "csv-empty"}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			in := buildTestInput(t, dir, "fr")
			out := t.TempDir()
			// A previous run's file is replaced, not appended to.
			if err := os.WriteFile(filepath.Join(out, NationalCSV), []byte("stale\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := WriteCSVs(t.Context(), out, in); err != nil {
				t.Fatalf("WriteCSVs: %v", err)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if got, want := strings.Join(names, " "), "national.csv rejections.csv tracks.csv"; got != want {
				t.Errorf("files written: %s, want %s (no temporary file left)", got, want)
			}
			for _, file := range []string{NationalCSV, TracksCSV, RejectionsCSV} {
				got, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				testutil.Golden(t, filepath.Join(dir, "want", file), got, updating())
				if updating() {
					continue
				}
				// Every file reads back as rectangular CSV.
				if _, err := csv.NewReader(bytes.NewReader(got)).ReadAll(); err != nil {
					t.Errorf("%s does not read back: %v", file, err)
				}
			}
		})
	}
}

// TestWriteCSVsNoBatch checks that rejections.csv is still written, header
// only, when the input has no batch record.
func TestWriteCSVsNoBatch(t *testing.T) {
	in := buildTestInput(t, filepath.Join("testdata", "csv-empty"), "fr")
	in.Batch = nil
	out := filepath.Join(t.TempDir(), "sub", "dir")
	if err := WriteCSVs(t.Context(), out, in); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, RejectionsCSV))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "file,sheet,cell,message\n" {
		t.Errorf("rejections.csv = %q", got)
	}
}

func TestWriteCSVsErrors(t *testing.T) {
	// A national table whose success_rate column has the wrong type: the
	// writer must say which table and column rather than write garbage.
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	badSchema := arrow.NewSchema([]arrow.Field{
		{Name: aggregate.ColYear, Type: arrow.PrimitiveTypes.Int32},
		{Name: aggregate.ColInstitutions, Type: arrow.PrimitiveTypes.Int64},
		{Name: aggregate.ColStudents, Type: arrow.PrimitiveTypes.Int64},
		{Name: aggregate.ColCerts, Type: arrow.PrimitiveTypes.Int64},
		{Name: aggregate.ColRate, Type: arrow.BinaryTypes.String},
	}, nil)
	b := array.NewRecordBuilder(mem, badSchema)
	defer b.Release()
	bad := b.NewRecordBatch()
	defer bad.Release()

	cases := []struct {
		name    string
		in      Input
		wantErr string
	}{
		{"no tables", Input{}, "no aggregate tables"},
		{"missing national", Input{Tables: &aggregate.Tables{}}, "table national is missing"},
		{"wrong column type", Input{Tables: &aggregate.Tables{National: bad}}, `column "success_rate"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			err := WriteCSVs(t.Context(), out, c.in)
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, c.wantErr)
			}
			// A table that cannot be written is not; the others are (the
			// refusals need no aggregate table), and no temporary file is
			// left behind.
			entries, _ := os.ReadDir(out)
			for _, e := range entries {
				if e.Name() != RejectionsCSV && e.Name() != TracksCSV {
					t.Errorf("a failed write left %s", e.Name())
				}
			}
		})
	}
}

// hostileNames are texts a file can carry that a spreadsheet opening a CSV
// would run as a formula, or that would break a line.
var hostileNames = []string{
	"=cmd|' calc'!A0.csv", "+1", "-2", "@x", "\t=1+1", "\r=1", " =HYPERLINK(\"http://x\")",
	"a\nb.xlsx", "\x1b[2J", "\u202Egpj.xslx",
}

// TestCSVNoFormula writes every CSV output from a batch and a dictionary of
// hostile names and checks that no field of any of them starts with =, +,
// -, @, tab or carriage return, or holds a control character.
func TestCSVNoFormula(t *testing.T) {
	var dictCSV strings.Builder
	dictCSV.WriteString("code;label_fr;label_en;group;group_fr;group_en;synonyms\n")
	codes := []string{"=1+2", "-moins", "@arobase", "+plus"}
	for i, c := range codes {
		fmt.Fprintf(&dictCSV, "%s;Libellé %d;Label %d;=g%d;=G;@G;\n", c, i, i, i)
	}
	dict, err := tracks.Parse(strings.NewReader(dictCSV.String()))
	if err != nil {
		t.Fatal(err)
	}
	var facts []ingest.Fact
	b := &ingest.Batch{}
	for i, name := range hostileNames {
		tr, _ := dict.ByCode(codes[i%len(codes)])
		facts = append(facts, ingest.Fact{Year: 2012, UAI: fmt.Sprintf("07517%02dJ", i), Institution: name, Academie: name,
			Track: tr.Code, TrackGroup: tr.Group, Students: 10, Certs: 5, Source: ingest.Location{File: name, Sheet: name, Cell: "C7"}})
		b.Files = append(b.Files, ingest.FileResult{File: name, Refusals: []ingest.Problem{
			{Location: ingest.Location{File: name, Sheet: name, Cell: name}, Kind: "x", Message: name},
		}})
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		tables.Release()
		mem.AssertSize(t, 0)
	}()
	out := t.TempDir()
	if err := WriteCSVs(t.Context(), out, Input{Tables: tables, Tracks: dict, Batch: b, Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(files) != 3 {
		t.Fatalf("%d CSV files written, want 3", len(files))
	}
	rows := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, rec := range recs {
			rows++
			for _, field := range rec {
				if field != "" && strings.ContainsRune("=+-@\t\r", rune(field[0])) {
					t.Errorf("%s: field %q starts a formula", filepath.Base(path), field)
				}
				if strings.ContainsAny(field, "\x1b\n\r\t\u202E") {
					t.Errorf("%s: field %q holds a control character", filepath.Base(path), field)
				}
			}
		}
	}
	// The hostile values are all there, neutralised: one refusal and one
	// track row each.
	if want := 3 + len(hostileNames) + 1 + len(codes); rows != want {
		t.Errorf("%d CSV rows in all, want %d", rows, want)
	}
	rej, _ := os.ReadFile(filepath.Join(out, RejectionsCSV))
	if !strings.Contains(string(rej), `'=cmd|' calc'!A0.csv`) {
		t.Errorf("rejections.csv lacks the neutralised file name:\n%s", rej)
	}
}
