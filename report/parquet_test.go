package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/tracks"
)

// parquetFacts makes facts over the given years: big years hold more than
// one row group, some facts have a submitted rate and some not, names carry
// accents and a rune outside the Basic Multilingual Plane.
func parquetFacts(t testing.TB, dict *tracks.Dictionary, perYear map[int]int) []ingest.Fact {
	t.Helper()
	all := dict.Tracks()
	var facts []ingest.Fact
	for year, n := range perYear {
		for i := range n {
			tr := all[i%len(all)]
			uai := fmt.Sprintf("%07d%c", i/len(all), 'A'+rune(i%26))
			f := ingest.Fact{
				Year: year, UAI: uai, Institution: fmt.Sprintf("Université n° %d — Île-de-France 🎓", i/len(all)),
				Academie: []string{"Créteil", "Paris", "Versailles", ""}[i%4], Track: tr.Code, TrackGroup: tr.Group,
				Students: int64(10 + i%500), Certs: int64(i % 10),
				Source: ingest.Location{File: fmt.Sprintf("%d/%s.xlsx", year, uai), Sheet: "Enquête", Cell: fmt.Sprintf("C%d", 7+i%12)},
			}
			if i%3 == 0 {
				f.HasRate, f.SubmittedRate = true, float64(i%100)/100
			}
			facts = append(facts, f)
		}
	}
	return facts
}

// buildTables aggregates facts with a checked allocator released at the end
// of the test.
func buildTables(t *testing.T, facts []ingest.Fact) *aggregate.Tables {
	t.Helper()
	dict := tracks.Default()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	tables, err := aggregate.Build(mem, facts, dict)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tables.Release()
		mem.AssertSize(t, 0)
	})
	return tables
}

// readParquetFile reads a whole Parquet file back with pqarrow's reader, as
// one record, and the file's Parquet schema.
func readParquetFile(t *testing.T, mem memory.Allocator, path string) (arrow.RecordBatch, *schema.Schema, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f, file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tbl, err := fr.ReadTable(t.Context())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer tbl.Release()
	// One record: each column's chunks concatenated.
	cols := make([]arrow.Array, tbl.NumCols())
	for i := range cols {
		chunks := tbl.Column(i).Data().Chunks()
		if len(chunks) == 0 {
			cols[i] = array.MakeArrayOfNull(mem, tbl.Schema().Field(i).Type, 0)
			continue
		}
		c, err := array.Concatenate(chunks, mem)
		if err != nil {
			t.Fatal(err)
		}
		cols[i] = c
	}
	rec := array.NewRecordBatch(tbl.Schema(), cols, tbl.NumRows())
	for _, c := range cols {
		c.Release()
	}
	return rec, pf.MetaData().Schema, pf.NumRowGroups()
}

// undictionary returns rec with each dictionary column decoded into a
// plain column of its values' type (the fact table's texts as strings).
func undictionary(t *testing.T, mem memory.Allocator, rec arrow.RecordBatch) arrow.RecordBatch {
	t.Helper()
	fields := slices.Clone(rec.Schema().Fields())
	cols := slices.Clone(rec.Columns())
	for i, c := range cols {
		d, ok := c.(*array.Dictionary)
		if !ok {
			c.Retain()
			continue
		}
		values, ok := d.Dictionary().(*array.String)
		if !ok {
			t.Fatalf("column %s: dictionary of %s", fields[i].Name, d.Dictionary().DataType())
		}
		b := array.NewStringBuilder(mem)
		for j := range d.Len() {
			b.Append(values.Value(d.GetValueIndex(j)))
		}
		cols[i] = b.NewArray()
		b.Release()
		fields[i].Type = arrow.BinaryTypes.String
	}
	out := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, rec.NumRows())
	for _, c := range cols {
		c.Release()
	}
	return out
}

// sameRecord compares a record read back with the one written: schema
// (names, types, nullability) and every value.
func sameRecord(t *testing.T, name string, got, want arrow.RecordBatch) {
	t.Helper()
	// The reader adds each field's Parquet id as metadata: compare the rest.
	if !slices.EqualFunc(got.Schema().Fields(), want.Schema().Fields(), func(a, b arrow.Field) bool {
		return a.Name == b.Name && arrow.TypeEqual(a.Type, b.Type) && a.Nullable == b.Nullable
	}) {
		t.Errorf("%s: schema read back\n%s\nwant\n%s", name, got.Schema(), want.Schema())
		return
	}
	if got.NumRows() != want.NumRows() {
		t.Errorf("%s: %d rows read back, want %d", name, got.NumRows(), want.NumRows())
		return
	}
	for i := range int(want.NumCols()) {
		if !array.Equal(got.Column(i), want.Column(i)) {
			t.Errorf("%s: column %s differs", name, want.ColumnName(i))
		}
	}
}

// TestParquetRoundTrip writes every table and reads each file back with
// pqarrow: the same schema and values, the facts split by year with the
// year carried by the folder name only, a big year in several row groups.
func TestParquetRoundTrip(t *testing.T) {
	perYear := map[int]int{2010: 40, 2011: 7, 2012: parquetRowGroup + 1000}
	tables := buildTables(t, parquetFacts(t, tracks.Default(), perYear))
	dir := t.TempDir()
	written, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts()))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"parquet/facts/year=2010/part-0.parquet", "parquet/facts/year=2011/part-0.parquet", "parquet/facts/year=2012/part-0.parquet",
		"parquet/national.parquet", "parquet/tracks.parquet", "parquet/groups.parquet", "parquet/institutions.parquet", "parquet/academies.parquet",
		"parquet/completeness.parquet", "parquet/missing.parquet", "parquet/panel.parquet", "parquet/compare_group.parquet", "parquet/compare_track.parquet",
	}
	var got []string
	for _, p := range written {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("written %v, want %v", got, want)
	}

	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, tb := range parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts()) {
		if tb.PartitionBy != "" {
			continue
		}
		want := tb.Record
		if want == nil {
			// A table built when its file is written: built again here.
			var err error
			if want, err = tb.Build(mem); err != nil {
				t.Fatalf("%s: %v", tb.Name, err)
			}
			defer want.Release()
		}
		rec, _, _ := readParquetFile(t, mem, filepath.Join(dir, ParquetDir, tb.Name+".parquet"))
		sameRecord(t, tb.Name, rec, want)
		rec.Release()
	}

	facts := tables.Facts
	yearCol := facts.Schema().FieldIndices(aggregate.ColYear)[0]
	var lo int64
	for _, year := range []int{2010, 2011, 2012} {
		path := filepath.Join(dir, "parquet", "facts", fmt.Sprintf("year=%d", year), ParquetPart)
		rec, _, groups := readParquetFile(t, mem, path)
		hi := lo + int64(perYear[year])
		slice := facts.NewSlice(lo, hi)
		part := dropColumn(slice, yearCol)
		// The texts, a dictionary in memory, are plain strings in the file.
		wantRec := undictionary(t, mem, part)
		part.Release()
		sameRecord(t, fmt.Sprintf("facts %d", year), rec, wantRec)
		if wantGroups := (perYear[year] + parquetRowGroup - 1) / parquetRowGroup; groups != wantGroups {
			t.Errorf("facts %d: %d row groups, want %d", year, groups, wantGroups)
		}
		wantRec.Release()
		slice.Release()
		rec.Release()
		lo = hi
	}
	if lo != facts.NumRows() {
		t.Errorf("partitions hold %d facts, the table %d", lo, facts.NumRows())
	}
}

// TestParquetColumnTypes checks the Parquet types of every column as the
// README documents them, for readers that see only the Parquet schema
// (DuckDB, Spark, Trino).
func TestParquetColumnTypes(t *testing.T) {
	tables := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2012: 30}))
	dir := t.TempDir()
	if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
		t.Fatal(err)
	}
	// name: "column TYPE required|optional ..." as in README.md.
	want := map[string]string{
		"facts/year=2012/part-0.parquet": "uai STRING required, institution STRING required, academie STRING required, " +
			"track STRING required, track_group STRING required, students INT64 required, certificates INT64 required, " +
			"submitted_rate DOUBLE optional, source_file STRING required, source_sheet STRING required, source_cell STRING required",
		"national.parquet": "year INT32 required, institutions INT64 required, students INT64 required, certificates INT64 required, " +
			"success_rate DOUBLE optional",
		"tracks.parquet": "year INT32 required, track STRING required, track_group STRING required, students INT64 required, " +
			"certificates INT64 required, share DOUBLE optional, success_rate DOUBLE optional",
		"groups.parquet": "year INT32 required, track_group STRING required, students INT64 required, certificates INT64 required, " +
			"share DOUBLE optional, success_rate DOUBLE optional",
		"institutions.parquet": "year INT32 required, uai STRING required, institution STRING required, academie STRING required, " +
			"students INT64 required, certificates INT64 required, success_rate DOUBLE optional",
		"academies.parquet": "year INT32 required, academie STRING required, institutions INT64 required, students INT64 required, " +
			"certificates INT64 required, success_rate DOUBLE optional",
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for name, w := range want {
		rec, sc, _ := readParquetFile(t, mem, filepath.Join(dir, ParquetDir, filepath.FromSlash(name)))
		rec.Release()
		var cols []string
		for i := range sc.NumColumns() {
			c := sc.Column(i)
			typ := c.PhysicalType().String()
			if c.LogicalType().Equals(schema.StringLogicalType{}) {
				typ = "STRING"
			}
			rep := "required"
			if c.MaxDefinitionLevel() > 0 {
				rep = "optional"
			}
			cols = append(cols, c.Name()+" "+typ+" "+rep)
		}
		if got := strings.Join(cols, ", "); got != w {
			t.Errorf("%s:\n got %s\nwant %s", name, got, w)
		}
	}
}

// TestParquetDeterministic writes the same tables twice: the same bytes
// (no timestamp, no random id in a Parquet file).
func TestParquetDeterministic(t *testing.T) {
	tables := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2011: 50, 2012: 300}))
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) || len(x) < 100 {
			t.Errorf("%s differs between two writes (%d bytes, %v)", rel, len(x), err)
		}
		n++
		return nil
	})
	if err != nil || n != 12 {
		t.Errorf("%d files compared (%v), want 12", n, err)
	}
}

func TestValidStrings(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []string
		want   bool
	}{
		{"none", nil, true},
		{"empty values", []string{"", ""}, true},
		{"accents and emoji", []string{"Créteil", "🎓", "Île"}, true},
		{"invalid byte", []string{"ok", "Univ\xff"}, false},
		// Each half of é alone: the bytes together are valid UTF-8.
		{"rune cut across two values", []string{"caf\xc3", "\xa9"}, false},
		{"lone continuation", []string{"\xa9"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := array.NewStringBuilder(memory.NewGoAllocator())
			defer b.Release()
			b.AppendValues(c.values, nil)
			a := b.NewStringArray()
			defer a.Release()
			if got := validStrings(a); got != c.want {
				t.Errorf("validStrings(%q) = %v, want %v", c.values, got, c.want)
			}
		})
	}
}

// TestParquetInvalidUTF8: a text that is not UTF-8 is written with U+FFFD
// in its place (a reader would refuse the whole file otherwise); the valid
// texts and the other columns are unchanged.
func TestParquetInvalidUTF8(t *testing.T) {
	facts := parquetFacts(t, tracks.Default(), map[int]int{2012: 5})
	facts[2].Institution = "Univ\xffersité"
	tables := buildTables(t, facts)
	dir := t.TempDir()
	if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec, _, _ := readParquetFile(t, mem, filepath.Join(dir, "parquet", "facts", "year=2012", ParquetPart))
	defer rec.Release()
	inst := rec.Column(rec.Schema().FieldIndices(aggregate.ColInstitution)[0]).(*array.String)
	var names []string
	for i := range inst.Len() {
		names = append(names, inst.Value(i))
	}
	if !slices.Contains(names, "Univ\uFFFDersité") || !slices.Contains(names, facts[0].Institution) {
		t.Errorf("institutions read back: %q", names)
	}
}

// TestParquetWithholdsSmallRates: at institution level (institutions,
// académies) a rate on fewer students than the suppression threshold is
// null in Parquet as in the PDF and the workbook, its counts kept; a rate on
// nobody stays null; the national tables keep every rate.
func TestParquetWithholdsSmallRates(t *testing.T) {
	facts := parquetFacts(t, tracks.Default(), map[int]int{2012: 30})
	small := func(uai, acad string, students, certs int64) ingest.Fact {
		return ingest.Fact{Year: 2012, UAI: uai, Institution: "Petit " + uai, Academie: acad, Track: "non-ventile",
			TrackGroup: "non-ventile", Students: students, Certs: certs, Source: ingest.Location{File: uai + ".csv", Sheet: "Enquête", Cell: "C7"}}
	}
	facts = append(facts, small("9999991A", "Corse", 9, 7), small("9999992B", "Guyane", 10, 7), small("9999993C", "Mayotte", 0, 0))
	tables := buildTables(t, facts)
	dir := t.TempDir()
	sc := aggregate.SmallCounts{Fragile: 30, Suppress: 10}
	if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, sc)); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, c := range []struct {
		file, key string
		want      map[string]string // key → students and rate read back
	}{
		{"institutions", aggregate.ColUAI, map[string]string{"9999991A": "9 null", "9999992B": "10 0.7", "9999993C": "0 null"}},
		{"academies", aggregate.ColAcademie, map[string]string{"Corse": "9 null", "Guyane": "10 0.7", "Mayotte": "0 null"}},
	} {
		rec, _, _ := readParquetFile(t, mem, filepath.Join(dir, ParquetDir, c.file+".parquet"))
		keys := rec.Column(rec.Schema().FieldIndices(c.key)[0]).(*array.String)
		students := rec.Column(rec.Schema().FieldIndices(aggregate.ColStudents)[0]).(*array.Int64)
		rates := rec.Column(rec.Schema().FieldIndices(aggregate.ColRate)[0]).(*array.Float64)
		got := map[string]string{}
		nonNull := 0
		for i := range keys.Len() {
			rate := "null"
			if rates.IsValid(i) {
				rate = fmt.Sprint(rates.Value(i))
				nonNull++
			}
			if _, ok := c.want[keys.Value(i)]; ok {
				got[keys.Value(i)] = fmt.Sprint(students.Value(i), " ", rate)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.file, got, c.want)
		}
		if nonNull < 2 {
			t.Errorf("%s: %d rates published", c.file, nonNull)
		}
		rec.Release()
	}
	rec, _, _ := readParquetFile(t, mem, filepath.Join(dir, ParquetDir, "national.parquet"))
	defer rec.Release()
	sameRecord(t, "national", rec, tables.National)
}

// TestParquetPrune writes every year, then the data without its first
// year: that year's partition goes (an engine would still sum it), a file
// the program did not write stays.
func TestParquetPrune(t *testing.T) {
	dir := t.TempDir()
	all := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2010: 5, 2011: 5, 2012: 5}))
	if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: all, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
		t.Fatal(err)
	}
	y2010, y2011 := filepath.Join(dir, "parquet", "facts", "year=2010"), filepath.Join(dir, "parquet", "facts", "year=2011")
	mine := filepath.Join(y2011, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2012: 6}))
	if _, err := WriteParquet(t.Context(), dir, parquetTables(Input{Tables: later, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(y2010); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("year=2010 is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(y2011, ParquetPart)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("year=2011's partition is still there (%v)", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file the program did not write was removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "parquet", "facts", "year=2012", ParquetPart)); err != nil {
		t.Error(err)
	}
}

// parquetFiles lists the files under dir/parquet, slash-separated and
// relative to dir, failing on a temporary file left behind.
func parquetFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(filepath.Join(dir, ParquetDir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if atomicfile.IsTemp(d.Name()) {
			t.Errorf("temporary file left: %s", p)
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(names)
	return names
}

// TestWriteAllParquet: with Parquet on, WriteAll writes the Parquet files
// after the others; a Parquet file that fails (a panic, a table missing or
// unsorted) is named in the error and the other outputs are still written;
// a stop in the middle leaves the files not yet written out.
func TestWriteAllParquet(t *testing.T) {
	everything := []string{
		"parquet/academies.parquet", "parquet/compare_group.parquet", "parquet/compare_track.parquet", "parquet/completeness.parquet",
		"parquet/facts/year=2006/part-0.parquet", "parquet/facts/year=2007/part-0.parquet", "parquet/facts/year=2008/part-0.parquet",
		"parquet/facts/year=2009/part-0.parquet", "parquet/facts/year=2010/part-0.parquet", "parquet/facts/year=2011/part-0.parquet",
		"parquet/facts/year=2012/part-0.parquet",
		"parquet/groups.parquet", "parquet/institutions.parquet", "parquet/missing.parquet", "parquet/national.parquet",
		"parquet/panel.parquet", "parquet/tracks.parquet",
	}
	without := func(names ...string) []string {
		return slices.DeleteFunc(slices.Clone(everything), func(n string) bool { return slices.Contains(names, n) })
	}
	t.Run("all", func(t *testing.T) {
		in := testInput(t, "fr")
		in.Parquet = true
		dir := t.TempDir()
		paths, err := WriteAll(t.Context(), dir, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != len(allOutputs)+len(everything) {
			t.Errorf("%d outputs written, want %d", len(paths), len(allOutputs)+len(everything))
		}
		if got := parquetFiles(t, dir); !slices.Equal(got, everything) {
			t.Errorf("parquet holds %v, want %v", got, everything)
		}
	})
	t.Run("off", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := WriteAll(t.Context(), dir, testInput(t, "fr")); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, ParquetDir)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("parquet written without Parquet on (%v)", err)
		}
	})
	for _, failing := range []string{"parquet/facts/year=2008/part-0.parquet", "parquet/national.parquet", NationalCSV, WorkbookName} {
		t.Run("panic in "+failing, func(t *testing.T) {
			in := testInput(t, "fr")
			in.Parquet = true
			in.failOutput = func(name string) {
				if name == failing {
					panic("boom")
				}
			}
			dir := t.TempDir()
			_, err := WriteAll(t.Context(), dir, in)
			if err == nil || !strings.Contains(err.Error(), failing+": panic: boom") {
				t.Fatalf("err = %v, want %s named", err, failing)
			}
			if got, want := parquetFiles(t, dir), without(failing); !slices.Equal(got, want) {
				t.Errorf("parquet holds %v, want %v", got, want)
			}
			if _, err := os.Stat(filepath.Join(dir, TracksCSV)); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("table missing", func(t *testing.T) {
		in := testInput(t, "fr")
		in.Parquet = true
		tables := *in.Tables
		tables.Groups = nil
		in.Tables = &tables
		dir := t.TempDir()
		_, err := WriteAll(t.Context(), dir, in)
		if err == nil || !strings.Contains(err.Error(), "parquet/groups.parquet: table groups is missing") {
			t.Fatalf("err = %v", err)
		}
		if got, want := parquetFiles(t, dir), without("parquet/groups.parquet"); !slices.Equal(got, want) {
			t.Errorf("parquet holds %v, want %v", got, want)
		}
	})
	t.Run("built when written", func(t *testing.T) {
		tables := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2011: 3, 2012: 3}))
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		built := 0
		dir := t.TempDir()
		_, err := WriteParquet(t.Context(), dir, []ParquetTable{
			{Name: "national-again", Build: func(memory.Allocator) (arrow.RecordBatch, error) {
				built++
				// A copy the writer owns and releases.
				cols := slices.Clone(tables.National.Columns())
				return array.NewRecordBatch(tables.National.Schema(), cols, tables.National.NumRows()), nil
			}},
			{Name: "broken", Build: func(memory.Allocator) (arrow.RecordBatch, error) { return nil, errors.New("no registry") }},
		})
		if err == nil || !strings.Contains(err.Error(), "parquet/broken.parquet: no registry") {
			t.Fatalf("err = %v", err)
		}
		if got := parquetFiles(t, dir); built != 1 || !slices.Equal(got, []string{"parquet/national-again.parquet"}) {
			t.Fatalf("built %d times, parquet holds %v", built, got)
		}
		rec, _, _ := readParquetFile(t, mem, filepath.Join(dir, ParquetDir, "national-again.parquet"))
		defer rec.Release()
		sameRecord(t, "national-again", rec, tables.National)
	})
	t.Run("partition column not sorted", func(t *testing.T) {
		tables := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2011: 3, 2012: 3}))
		// National is sorted by year; reversed, it cannot be split.
		cols := make([]arrow.Array, tables.National.NumCols())
		for i := range cols {
			cols[i] = reverse(t, tables.National.Column(i))
			defer cols[i].Release()
		}
		rev := array.NewRecordBatch(tables.National.Schema(), cols, tables.National.NumRows())
		defer rev.Release()
		dir := t.TempDir()
		_, err := WriteParquet(t.Context(), dir, []ParquetTable{
			{Name: "national-by-year", Record: rev, PartitionBy: aggregate.ColYear},
			{Name: "facts", Record: tables.Facts, PartitionBy: aggregate.ColUAI},
			{Name: "tracks", Record: tables.Tracks},
		})
		if err == nil || !strings.Contains(err.Error(), `parquet/national-by-year: partition column "year" is not sorted (2011 after 2012)`) ||
			!strings.Contains(err.Error(), `parquet/facts: partition column "uai" has type dictionary<values=utf8, indices=int32, ordered=false>, want int32`) {
			t.Fatalf("err = %v", err)
		}
		if got := parquetFiles(t, dir); !slices.Equal(got, []string{"parquet/tracks.parquet"}) {
			t.Errorf("parquet holds %v", got)
		}
	})
	t.Run("stopped", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		in := testInput(t, "fr")
		in.Parquet = true
		in.failOutput = func(name string) {
			if name == "parquet/facts/year=2010/part-0.parquet" {
				cancel()
			}
		}
		dir := t.TempDir()
		_, err := WriteAll(ctx, dir, in)
		const at = "parquet/facts/year=2010/part-0.parquet"
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "not written: ") ||
			strings.Contains(err.Error(), "not written: "+at) {
			t.Fatalf("err = %v", err)
		}
		checkStopped(t, in, err, at, append(folderNames(t, dir), parquetFiles(t, dir)...))
	})
}

// reverse returns a copy of a with its values in reverse order.
func reverse(t *testing.T, a arrow.Array) arrow.Array {
	t.Helper()
	var parts []arrow.Array
	for i := a.Len() - 1; i >= 0; i-- {
		parts = append(parts, array.NewSlice(a, int64(i), int64(i+1)))
	}
	out, err := array.Concatenate(parts, memory.NewGoAllocator())
	for _, p := range parts {
		p.Release()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteParquetStopsBetweenRowGroups: a table of several row groups
// checks the context between them (the library's writer does not take
// one): stopped as soon as the file starts, it writes less than the whole.
func TestWriteParquetStopsBetweenRowGroups(t *testing.T) {
	tables := buildTables(t, parquetFacts(t, tracks.Default(), map[int]int{2012: 3 * parquetRowGroup}))
	full := &cancelOnWrite{}
	if err := writeParquet(t.Context(), full, tables.Facts); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	stopped := &cancelOnWrite{cancel: cancel}
	if err := writeParquet(ctx, stopped, tables.Facts); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if stopped.n == 0 || stopped.n >= full.n*2/3 {
		t.Errorf("stopped after %d bytes of %d: want at most the first row group", stopped.n, full.n)
	}
}

// cancelOnWrite counts the bytes written through it and calls cancel, when
// set, at the first write.
type cancelOnWrite struct {
	n      int
	cancel func()
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.n += len(p)
	if c.cancel != nil {
		c.cancel()
	}
	return len(p), nil
}

// BenchmarkWriteParquet writes a million facts over seven years and their
// group-bys, through atomicfile (fsync included), as a nightly run would.
func BenchmarkWriteParquet(b *testing.B) {
	perYear := map[int]int{}
	for y := 2006; y <= 2012; y++ {
		perYear[y] = 1_000_000 / 7
	}
	dict := tracks.Default()
	tables, err := aggregate.Build(memory.NewGoAllocator(), parquetFacts(b, dict, perYear), dict)
	if err != nil {
		b.Fatal(err)
	}
	defer tables.Release()
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteParquet(b.Context(), dir, parquetTables(Input{Tables: tables, Tracks: tracks.Default()}, aggregate.DefaultSmallCounts())); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var size int64
	filepath.WalkDir(filepath.Join(dir, ParquetDir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return err
	})
	b.ReportMetric(float64(size)/1e6, "MB")
}
