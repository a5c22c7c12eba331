package aggregate

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The fact table's texts repeat: an institution's UAI, name, académie, file
// and sheet are the same on each of its tracks' rows, a track's code and
// group on every institution's, and the cells of forms of one layout on
// every form. Stored as plain strings they were two thirds of the table
// (65 of 96 MB at 60,000 forms, docs/performance.md). Each text column is
// therefore a dictionary: each distinct text once, in the order of its first
// row, and an int32 index a row.

// TextType is the Arrow type of the fact table's text columns: a dictionary
// of strings with int32 indices. Texts reads such a column. The Parquet
// files write them as plain strings (report/parquet.go).
var TextType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// Texts is a text column of the fact table (TextType), read without
// copying: Value aliases the table's buffers, so a text kept beyond the
// table's life must be copied.
type Texts struct {
	index []int32
	dict  *array.String
}

// TextsOf reads a as a text column of the fact table; an error when it is
// of another type.
func TextsOf(a arrow.Array) (Texts, error) {
	d, ok := a.(*array.Dictionary)
	if !ok || !arrow.TypeEqual(a.DataType(), TextType) {
		return Texts{}, fmt.Errorf("column of type %s, want %s", a.DataType(), TextType)
	}
	return Texts{index: d.Indices().(*array.Int32).Int32Values(), dict: d.Dictionary().(*array.String)}, nil
}

// Len is the number of rows.
func (t Texts) Len() int { return len(t.index) }

// Value is row i's text.
func (t Texts) Value(i int) string { return t.dict.Value(int(t.index[i])) }

// textColumn builds a text column of n rows from text(0) … text(n-1),
// row i's text the i-th. Texts are compared, not copied, until the
// dictionary is built: a row whose text is its previous row's (an
// institution's rows are together) skips the lookup.
func textColumn(mem memory.Allocator, n int, text func(i int) string) arrow.Array {
	seen := map[string]int32{}
	var values []string
	size := 0
	ib := array.NewInt32Builder(mem)
	defer ib.Release()
	ib.Resize(n) // exactly n: a builder left to grow doubles its buffer
	last, lastID := "", int32(-1)
	for i := range n {
		s := text(i)
		if lastID < 0 || s != last {
			id, ok := seen[s]
			if !ok {
				id = int32(len(values))
				seen[s] = id
				values = append(values, s)
				size += len(s)
			}
			last, lastID = s, id
		}
		ib.UnsafeAppend(lastID)
	}
	indices := ib.NewArray()
	defer indices.Release()
	db := array.NewStringBuilder(mem)
	defer db.Release()
	db.Resize(len(values))
	db.ReserveData(size)
	for _, s := range values {
		db.Append(s)
	}
	dict := db.NewArray()
	defer dict.Release()
	return array.NewDictionaryArray(TextType, indices, dict)
}
