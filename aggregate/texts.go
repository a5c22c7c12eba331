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
// (65 of 97 MB at 60,000 forms; 30 MB in all now: docs/performance.md,
// "The fact table, compact"). Each text column is therefore a dictionary:
// each distinct text once, in the order of its first row, and an int32
// index a row.

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

// textCodes numbers the distinct texts of a column: at(i) is row i's
// number, the same for equal texts, and text[n] the text of number n.
type textCodes struct {
	index []int32
	code  []int32 // the number of each dictionary entry
	text  []string
}

func (c textCodes) at(i int) int32 { return c.code[c.index[i]] }

// codes numbers t's texts. FactTable's dictionaries hold each text once,
// so the numbers are the dictionary's indexes; a dictionary built
// elsewhere may hold a text twice, which then has one number.
func (t Texts) codes() textCodes {
	c := textCodes{index: t.index, code: make([]int32, t.dict.Len())}
	seen := make(map[string]int32, t.dict.Len())
	for j := range t.dict.Len() {
		s := t.dict.Value(j)
		n, ok := seen[s]
		if !ok {
			n = int32(len(c.text))
			seen[s] = n
			c.text = append(c.text, s)
		}
		c.code[j] = n
	}
	return c
}

// textBuilder builds a text column (TextType). Texts are compared, not
// copied, until the dictionary is built: a row whose text is its previous
// row's (an institution's rows are together) skips the lookup.
type textBuilder struct {
	seen   map[string]int32
	values []string // distinct, in the order of their first row
	size   int      // their bytes
	index  *array.Int32Builder
	last   string
	lastID int32
}

// newTextBuilder returns a builder of an empty column.
func newTextBuilder(mem memory.Allocator) *textBuilder {
	return &textBuilder{seen: map[string]int32{}, index: array.NewInt32Builder(mem), lastID: -1}
}

// reserve sizes the column for rows in all, exactly: a builder left to
// grow doubles its buffer.
func (t *textBuilder) reserve(rows int) { resizeTo(t.index, rows) }

// resizeTo sizes a builder for rows in all, if it has room for fewer.
func resizeTo(b array.Builder, rows int) {
	if b.Cap() < rows {
		b.Resize(rows)
	}
}

// append adds a row.
func (t *textBuilder) append(s string) {
	if t.lastID < 0 || s != t.last {
		id, ok := t.seen[s]
		if !ok {
			id = int32(len(t.values))
			t.seen[s] = id
			t.values = append(t.values, s)
			t.size += len(s)
		}
		t.last, t.lastID = s, id
	}
	t.index.Append(t.lastID)
}

// release frees a builder given up; after newArray, nothing.
func (t *textBuilder) release() {
	if t.index != nil {
		t.index.Release()
	}
	*t = textBuilder{}
}

// newArray returns the column and releases the builder.
func (t *textBuilder) newArray(mem memory.Allocator) arrow.Array {
	indices := t.index.NewArray()
	defer indices.Release()
	t.index.Release()
	db := array.NewStringBuilder(mem)
	defer db.Release()
	db.Resize(len(t.values))
	db.ReserveData(t.size)
	for _, s := range t.values {
		db.Append(s)
	}
	dict := db.NewArray()
	defer dict.Release()
	*t = textBuilder{}
	return array.NewDictionaryArray(TextType, indices, dict)
}

// reserveExactly sizes every field of b for n more rows, and each string
// field for the bytes text(field) says its n texts take: a builder left to
// grow doubles its buffers, up to twice what they hold, for as long as the
// table lives.
func reserveExactly(b *array.RecordBuilder, n int, text func(field int) int) {
	for i, f := range b.Fields() {
		f.Resize(f.Len() + n)
		if s, ok := f.(*array.StringBuilder); ok {
			s.ReserveData(text(i))
		}
	}
}
