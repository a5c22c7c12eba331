package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"c2isurvey/aggregate"
)

// The Parquet files are for analysts and bigger engines (DuckDB, Spark,
// Trino, pandas): the aggregate tables as they are, with their Arrow types,
// full texts (not the CSV's spreadsheet-safe ones) and full-precision
// fractions. Why they are laid out this way is in docs/outputs.md.

// ParquetDir is the folder of an output folder that holds the Parquet files.
const ParquetDir = "parquet"

// ParquetPart is the file name of each partition of a partitioned table.
const ParquetPart = "part-0.parquet"

// parquetRowGroup is the number of rows of a row group: the writer checks
// the context between row groups, and a reader can skip a row group by its
// statistics. DuckDB writes row groups of 122,880 rows; this is the same
// order of size.
const parquetRowGroup = 1 << 17

// ParquetTable is one Arrow record batch to write as Parquet.
type ParquetTable struct {
	// Name is the file name without ".parquet" (parquet/NAME.parquet), or
	// the folder name of a partitioned table (parquet/NAME/).
	Name   string
	Record arrow.RecordBatch
	// Build, for a table made only when written (the analysis tables the
	// CSVs build on demand), makes the record instead of Record; it is
	// called when the file is written, and its result released after.
	Build func(mem memory.Allocator) (arrow.RecordBatch, error)
	// PartitionBy, when not empty, names an int32 column the record is
	// sorted by: each value's rows go to parquet/NAME/COL=VALUE/part-0.parquet
	// (Hive layout) and the column itself is left out of the files, since
	// the path carries it.
	PartitionBy string
	// Withhold, when set, applies the small-count rule of the tables at
	// institution level: success_rate is null where the students it is
	// computed on are fewer than Withhold.Suppress (and more than none),
	// as the PDF and the workbook withhold it. The counts stay.
	Withhold *aggregate.SmallCounts
}

// parquetTables lists the tables of t written as Parquet; sc is the
// small-count rule of the tables at institution level. A new aggregate
// table is written by adding one line here: {Name: "outliers", Record:
// t.Outliers} for a record of Tables, or, for a table built on demand as the
// analysis CSVs build theirs, {Name: "panel", Build: func(mem
// memory.Allocator) (arrow.RecordBatch, error) { return
// aggregate.BuildPanel(mem, t.Facts, in.Registry, in.Tracks) }} (with in
// passed here).
func parquetTables(in Input, sc aggregate.SmallCounts) []ParquetTable {
	t := in.Tables
	// The analysis tables are built when their file is written, as for
	// their CSVs: the same figures, from the same facts and registry.
	completeness := func(pick func(*aggregate.Completeness) arrow.RecordBatch) func(memory.Allocator) (arrow.RecordBatch, error) {
		return func(mem memory.Allocator) (arrow.RecordBatch, error) {
			c, err := aggregate.BuildCompleteness(mem, t.Facts, in.Registry)
			if err != nil {
				return nil, err
			}
			defer c.Release()
			r := pick(c)
			r.Retain()
			return r, nil
		}
	}
	compare := func(by string) func(memory.Allocator) (arrow.RecordBatch, error) {
		return func(mem memory.Allocator) (arrow.RecordBatch, error) {
			return aggregate.BuildCompare(mem, t.Facts, in.Registry, in.Tracks, aggregate.CompareOptions{By: by})
		}
	}
	return []ParquetTable{
		{Name: "facts", Record: t.Facts, PartitionBy: aggregate.ColYear},
		{Name: "national", Record: t.National},
		{Name: "tracks", Record: t.Tracks},
		{Name: "groups", Record: t.Groups},
		{Name: "institutions", Record: t.Institutions, Withhold: &sc},
		{Name: "academies", Record: t.Academies, Withhold: &sc},
		{Name: "completeness", Build: completeness(func(c *aggregate.Completeness) arrow.RecordBatch { return c.Years })},
		{Name: "missing", Build: completeness(func(c *aggregate.Completeness) arrow.RecordBatch { return c.Missing })},
		{Name: "panel", Build: func(mem memory.Allocator) (arrow.RecordBatch, error) {
			return aggregate.BuildPanel(mem, t.Facts, in.Registry, in.Tracks)
		}},
		{Name: "compare_group", Build: compare(aggregate.ByGroup)},
		{Name: "compare_track", Build: compare(aggregate.ByTrack)},
	}
}

// parquetList is the outputList of the Parquet files of an input.
func parquetList(in Input) ([]output, error) {
	if in.Tables == nil {
		return nil, errors.New("parquet files: no aggregate tables")
	}
	sc, err := in.smallCounts()
	if err != nil {
		return nil, fmt.Errorf("parquet files: %w", err)
	}
	return parquetOutputs(parquetTables(in, sc))
}

// WriteParquet writes tables as Parquet files under dir/parquet, each file
// on its own as WriteAll writes its outputs (a file that fails does not keep
// the others from being written), then removes the partitions of
// partitioned tables that this call did not write (see pruneParquet). It
// returns the paths written.
func WriteParquet(ctx context.Context, dir string, tables []ParquetTable) ([]string, error) {
	written, err := writeOutputs(ctx, dir, Input{}, func(Input) ([]output, error) { return parquetOutputs(tables) })
	return written, joinOutputErrors(err, pruneParquet(dir, tables, written))
}

// parquetOutputs gives one output per Parquet file of tables: one per
// table, or one per partition of a partitioned table. A table that cannot be
// split (missing, or its partition column wrong) is an error naming it; the
// other tables still give their outputs.
func parquetOutputs(tables []ParquetTable) ([]output, error) {
	var outs []output
	var errs outputErrors
	for _, t := range tables {
		if t.Build != nil && t.PartitionBy == "" {
			build := t.Build
			outs = append(outs, output{
				name: path.Join(ParquetDir, t.Name+".parquet"),
				write: func(ctx context.Context, w io.Writer) error {
					rec, err := build(memory.NewGoAllocator())
					if err != nil {
						return err
					}
					defer rec.Release()
					return writeParquet(ctx, w, rec)
				},
			})
			continue
		}
		if t.Record == nil {
			errs = append(errs, fmt.Errorf("%s: table %s is missing", path.Join(ParquetDir, t.Name+".parquet"), t.Name))
			continue
		}
		if t.PartitionBy == "" {
			rec, withhold := t.Record, t.Withhold
			outs = append(outs, output{
				name: path.Join(ParquetDir, t.Name+".parquet"),
				write: func(ctx context.Context, w io.Writer) error {
					if withhold == nil {
						return writeParquet(ctx, w, rec)
					}
					withheld, err := withholdRates(rec, *withhold)
					if err != nil {
						return err
					}
					defer withheld.Release()
					return writeParquet(ctx, w, withheld)
				},
			})
			continue
		}
		parts, err := partitions(t.Record, t.PartitionBy)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path.Join(ParquetDir, t.Name), err))
			continue
		}
		for _, p := range parts {
			rec, col, lo, hi := t.Record, p.col, p.lo, p.hi
			outs = append(outs, output{
				name: partitionFile(t, p.value),
				write: func(ctx context.Context, w io.Writer) error {
					slice := rec.NewSlice(lo, hi)
					defer slice.Release()
					part := dropColumn(slice, col)
					defer part.Release()
					return writeParquet(ctx, w, part)
				},
			})
		}
	}
	if len(errs) > 0 {
		return outs, errs
	}
	return outs, nil
}

// partitionFile is the output name of one partition of a partitioned table.
func partitionFile(t ParquetTable, value int32) string {
	return path.Join(ParquetDir, t.Name, fmt.Sprintf("%s=%d", t.PartitionBy, value), ParquetPart)
}

// partition is one value's run of rows [lo, hi) in a record sorted by the
// partition column, whose index is col.
type partition struct {
	value  int32
	col    int
	lo, hi int64
}

// partitions splits rec into the runs of equal values of column name, which
// must be a non-null int32 column sorted in ascending order (the fact table
// is sorted by year first).
func partitions(rec arrow.RecordBatch, name string) ([]partition, error) {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		return nil, fmt.Errorf("partition column %q: found %d", name, len(idx))
	}
	col, ok := rec.Column(idx[0]).(*array.Int32)
	if !ok {
		return nil, fmt.Errorf("partition column %q has type %s, want int32", name, rec.Column(idx[0]).DataType())
	}
	if col.NullN() > 0 {
		return nil, fmt.Errorf("partition column %q holds nulls", name)
	}
	var parts []partition
	for i := 0; i < col.Len(); i++ {
		v := col.Value(i)
		if n := len(parts); n > 0 && parts[n-1].value == v {
			parts[n-1].hi = int64(i + 1)
			continue
		} else if n > 0 && parts[n-1].value > v {
			return nil, fmt.Errorf("partition column %q is not sorted (%d after %d)", name, v, parts[n-1].value)
		}
		parts = append(parts, partition{value: v, col: idx[0], lo: int64(i), hi: int64(i + 1)})
	}
	return parts, nil
}

// withholdRates returns rec with success_rate null where the students
// column is withheld by sc (aggregate.SmallCounts.IsSuppressed). The caller
// releases it.
func withholdRates(rec arrow.RecordBatch, sc aggregate.SmallCounts) (arrow.RecordBatch, error) {
	c := newTabColumns(rec, "withheld")
	students := tabColumn[*array.Int64](c, aggregate.ColStudents)
	rate := tabColumn[*array.Float64](c, aggregate.ColRate)
	if c.err != nil {
		return nil, c.err
	}
	b := array.NewFloat64Builder(memory.NewGoAllocator())
	defer b.Release()
	b.Reserve(rate.Len())
	for i := range rate.Len() {
		if rate.IsNull(i) || sc.IsSuppressed(students.Value(i)) {
			b.AppendNull()
			continue
		}
		b.Append(rate.Value(i))
	}
	withheld := b.NewArray()
	defer withheld.Release()
	cols := slices.Clone(rec.Columns())
	cols[rec.Schema().FieldIndices(aggregate.ColRate)[0]] = withheld
	return array.NewRecordBatch(rec.Schema(), cols, rec.NumRows()), nil
}

// dropColumn returns rec without its column i. The caller releases it.
func dropColumn(rec arrow.RecordBatch, i int) arrow.RecordBatch {
	fields := slices.Delete(slices.Clone(rec.Schema().Fields()), i, i+1)
	cols := slices.Delete(slices.Clone(rec.Columns()), i, i+1)
	md := rec.Schema().Metadata()
	return array.NewRecordBatch(arrow.NewSchema(fields, &md), cols, rec.NumRows())
}

// parquetProperties are the writer's settings. Nothing in them varies from
// one run to the next (the file holds no timestamp and no random id; the
// created_by string is the library's version), so the same tables give the
// same bytes. Snappy is the codec every engine reads and Spark's default;
// dictionary encoding (on by default) suits the repeated texts (UAI,
// académie, track, file names); statistics let engines skip row groups.
func parquetProperties(mem memory.Allocator) (*parquet.WriterProperties, pqarrow.ArrowWriterProperties) {
	props := parquet.NewWriterProperties(
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithMaxRowGroupLength(parquetRowGroup),
		parquet.WithDictionaryDefault(true),
		parquet.WithStats(true),
	)
	// The Arrow schema stored in the file gives an Arrow reader back the
	// exact types (int32 year) whatever the Parquet mapping.
	return props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem))
}

// writeParquet writes rec as one Parquet file, a row group at a time,
// checking ctx between row groups.
// The fact table's texts, dictionary-encoded in memory (aggregate.TextType),
// are written as plain strings, a row group at a time, so that the files'
// schema is the same as before they were encoded.
func writeParquet(ctx context.Context, w io.Writer, rec arrow.RecordBatch) error {
	mem := memory.NewGoAllocator()
	props, arrProps := parquetProperties(mem)
	// The file writer closes a sink that is an io.Closer; the sink is
	// atomicfile's temporary file, which atomicfile syncs and closes itself.
	fw, err := pqarrow.NewFileWriter(plainSchema(rec.Schema()), struct{ io.Writer }{w}, props, arrProps)
	if err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	n := rec.NumRows()
	for lo := int64(0); lo < n; lo += parquetRowGroup {
		if err := ctx.Err(); err != nil {
			fw.Close()
			return err
		}
		err := writeRowGroup(mem, fw, rec.NewSlice(lo, min(lo+parquetRowGroup, n)))
		if err != nil {
			fw.Close()
			return fmt.Errorf("parquet: %w", err)
		}
	}
	if err := fw.Close(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

// writeRowGroup writes chunk, which it releases, as one row group: its
// texts plain and valid UTF-8.
func writeRowGroup(mem memory.Allocator, fw *pqarrow.FileWriter, chunk arrow.RecordBatch) error {
	plain, err := plainTexts(mem, chunk)
	chunk.Release()
	if err != nil {
		return err
	}
	valid := validUTF8(mem, plain)
	plain.Release()
	defer valid.Release()
	return fw.Write(valid)
}

// plainSchema is s with the fact table's text columns (aggregate.TextType)
// as plain strings.
func plainSchema(s *arrow.Schema) *arrow.Schema {
	fields := slices.Clone(s.Fields())
	changed := false
	for i, f := range fields {
		if arrow.TypeEqual(f.Type, aggregate.TextType) {
			fields[i].Type = arrow.BinaryTypes.String
			changed = true
		}
	}
	if !changed {
		return s
	}
	md := s.Metadata()
	return arrow.NewSchema(fields, &md)
}

// plainTexts returns rec (retained) with its text columns of
// aggregate.TextType as plain string columns (plainSchema). The caller
// releases the result.
func plainTexts(mem memory.Allocator, rec arrow.RecordBatch) (arrow.RecordBatch, error) {
	schema := plainSchema(rec.Schema())
	if schema == rec.Schema() {
		rec.Retain()
		return rec, nil
	}
	cols := slices.Clone(rec.Columns())
	var made []arrow.Array
	defer func() {
		for _, c := range made {
			c.Release()
		}
	}()
	for i, f := range rec.Schema().Fields() {
		if !arrow.TypeEqual(f.Type, aggregate.TextType) {
			continue
		}
		t, err := aggregate.TextsOf(cols[i])
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		size := 0
		for j := range t.Len() {
			size += len(t.Value(j))
		}
		b := array.NewStringBuilder(mem)
		b.Resize(t.Len())
		b.ReserveData(size)
		for j := range t.Len() {
			b.Append(t.Value(j))
		}
		cols[i] = b.NewArray()
		b.Release()
		made = append(made, cols[i])
	}
	return array.NewRecordBatch(schema, cols, rec.NumRows()), nil
}

// validUTF8 returns rec (retained) with every string column valid UTF-8,
// replacing a byte sequence that is not by U+FFFD. A Parquet string column
// must hold UTF-8, and DuckDB refuses a whole file that breaks it: a name
// read from a file nobody here wrote must not make the facts unreadable.
// Inputs are decoded to UTF-8 when read, so this copies nothing in
// practice. The caller releases the result.
func validUTF8(mem memory.Allocator, rec arrow.RecordBatch) arrow.RecordBatch {
	var cols []arrow.Array
	for i, c := range rec.Columns() {
		s, ok := c.(*array.String)
		if !ok || validStrings(s) {
			continue
		}
		if cols == nil {
			cols = slices.Clone(rec.Columns())
		}
		b := array.NewStringBuilder(mem)
		b.Reserve(s.Len())
		for j := 0; j < s.Len(); j++ {
			if s.IsNull(j) {
				b.AppendNull()
				continue
			}
			b.Append(strings.ToValidUTF8(s.Value(j), "\uFFFD"))
		}
		cols[i] = b.NewArray()
		defer cols[i].Release()
		b.Release()
	}
	if cols == nil {
		rec.Retain()
		return rec
	}
	return array.NewRecordBatch(rec.Schema(), cols, rec.NumRows())
}

// validStrings reports whether every value of s is valid UTF-8, in one pass
// over its bytes.
func validStrings(s *array.String) bool {
	if s.Len() == 0 {
		return true
	}
	if utf8.Valid(s.ValueBytes()) {
		// Each value is then valid unless a sequence is cut across two
		// values, which only a value that is invalid on its own can do:
		// check each only when a boundary could split one.
		offs := s.ValueOffsets()
		data := s.ValueBytes()
		base := offs[0]
		for _, o := range offs[1 : len(offs)-1] {
			if p := o - base; int(p) < len(data) && !utf8.RuneStart(data[p]) {
				return false
			}
		}
		return true
	}
	return false
}

// pruneParquet removes, from each partitioned table's folder under
// dir/parquet, the partition files that were not just written (written
// lists the paths that were), and the folders left empty. A year that left
// the data, or whose file could not be written this time, must not stay
// behind: engines read every file under the folder, and an old partition
// would be summed with the new ones. Other files are left alone.
func pruneParquet(dir string, tables []ParquetTable, written []string) error {
	done := map[string]bool{}
	for _, p := range written {
		done[filepath.Clean(p)] = true
	}
	var errs outputErrors
	for _, t := range tables {
		if t.PartitionBy == "" {
			continue
		}
		tdir := filepath.Join(dir, ParquetDir, t.Name)
		entries, err := os.ReadDir(tdir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path.Join(ParquetDir, t.Name), err))
			continue
		}
		for _, e := range entries {
			if !e.IsDir() || !strings.HasPrefix(e.Name(), t.PartitionBy+"=") {
				continue
			}
			pdir := filepath.Join(tdir, e.Name())
			file := filepath.Join(pdir, ParquetPart)
			if done[file] {
				continue
			}
			if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("remove old partition %s: %w", path.Join(ParquetDir, t.Name, e.Name(), ParquetPart), err))
				continue
			}
			// Only when empty: a folder holding anything else stays.
			os.Remove(pdir)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// joinOutputErrors joins the errors of two steps into one outputErrors,
// nil when both are nil.
func joinOutputErrors(errs ...error) error {
	var all outputErrors
	for _, err := range errs {
		var oe outputErrors
		switch {
		case err == nil:
		case errors.As(err, &oe):
			all = append(all, oe...)
		default:
			all = append(all, err)
		}
	}
	if len(all) > 0 {
		return all
	}
	return nil
}
