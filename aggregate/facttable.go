package aggregate

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// The fact table is built one way, by a FactBuilder fed one fact at a
// time: the store's record is read back straight into it, never as a
// slice of every fact (issue 10: the record of 50,000 forms read whole
// before its table was built cost 248 MB; docs/performance.md), and
// FactTable feeds it a slice, sorted, for the stateless runs that hold
// their facts anyway. Both give the same bytes for the same facts.

// FactTable returns the facts as an Arrow record batch of FactSchema, sorted
// by year, UAI and track (in dictionary order) so that the table does not
// depend on the order files were read in. Its texts are dictionaries
// (TextType), each distinct text once in the order of its first row.
func FactTable(mem memory.Allocator, facts []ingest.Fact, dict *tracks.Dictionary) arrow.RecordBatch {
	// The facts are ordered through their indexes, not copied: a copy of
	// half a million facts is 100 MB beside the caller's and the table's.
	// A stable sort by year and UAI, then the builder's stable sort of
	// each institution's facts by track, give the order a stable sort of
	// the facts by all three would.
	order := make([]int32, len(facts))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		return compareInstitution(&facts[i], &facts[j])
	})
	b := NewFactBuilder(mem, dict)
	b.Reserve(len(facts))
	for _, i := range order {
		if err := b.Add(facts[i]); err != nil {
			b.Release()
			panic(fmt.Sprintf("aggregate: FactTable sorted its facts, yet %v", err)) // cannot be: sorted above
		}
	}
	return b.NewRecordBatch()
}

// compareInstitution orders facts by year, then UAI: the order in which a
// FactBuilder takes them.
func compareInstitution(a, b *ingest.Fact) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.UAI, b.UAI))
}

// FactBuilder builds the fact table (FactSchema) from facts added one at a
// time in order by year and UAI, the order ingest.Resolve and the store's
// Facts give: each institution's facts of a year together. It puts those
// in track order itself (dictionary order, then code; stably), so that
// only an institution's few facts are ever held, never the table's. The
// table is FactTable's for the same facts.
type FactBuilder struct {
	dict                                             *tracks.Dictionary
	mem                                              memory.Allocator
	year                                             *array.Int32Builder
	students, certs                                  *array.Int64Builder
	rate                                             *array.Float64Builder
	uai, inst, acad, track, group, file, sheet, cell *textBuilder
	// The facts of one institution and year, not yet in the columns;
	// reused from one institution to the next.
	pending []ingest.Fact
	rows    int
}

// NewFactBuilder returns an empty builder: Reserve sizes it, Add fills it,
// NewRecordBatch gives the table; Release frees a builder given up.
func NewFactBuilder(mem memory.Allocator, dict *tracks.Dictionary) *FactBuilder {
	return &FactBuilder{
		dict: dict, mem: mem,
		year: array.NewInt32Builder(mem), students: array.NewInt64Builder(mem), certs: array.NewInt64Builder(mem),
		rate: array.NewFloat64Builder(mem),
		uai:  newTextBuilder(mem), inst: newTextBuilder(mem), acad: newTextBuilder(mem),
		track: newTextBuilder(mem), group: newTextBuilder(mem),
		file: newTextBuilder(mem), sheet: newTextBuilder(mem), cell: newTextBuilder(mem),
	}
}

// Reserve sizes every column for n more facts, exactly: a column left to
// grow doubles its buffer, up to twice the bytes it holds while the table
// is built. More facts than reserved are taken all the same.
func (b *FactBuilder) Reserve(n int) {
	rows := b.rows + len(b.pending) + n // an institution's facts wait in pending
	for _, c := range []array.Builder{b.year, b.students, b.certs, b.rate} {
		resizeTo(c, rows)
	}
	for _, t := range b.texts() {
		t.reserve(rows)
	}
}

func (b *FactBuilder) texts() []*textBuilder {
	return []*textBuilder{b.uai, b.inst, b.acad, b.track, b.group, b.file, b.sheet, b.cell}
}

// Add adds a fact. Its year and UAI are those of the previous fact, or
// come after them; an error otherwise (the fact is not taken): the table
// would not be in order.
func (b *FactBuilder) Add(f ingest.Fact) error {
	if len(b.pending) > 0 {
		switch c := compareInstitution(&b.pending[0], &f); {
		case c > 0:
			p := &b.pending[0]
			return fmt.Errorf("fact table: the facts of %s in %d come after those of %s in %d: not in order by year and UAI",
				f.UAI, f.Year, p.UAI, p.Year)
		case c < 0:
			b.flush()
		}
	}
	b.pending = append(b.pending, f)
	return nil
}

// flush puts the pending institution's facts in the columns, by track.
func (b *FactBuilder) flush() {
	slices.SortStableFunc(b.pending, func(x, y ingest.Fact) int {
		return cmp.Or(cmp.Compare(b.dict.Order(x.Track), b.dict.Order(y.Track)), cmp.Compare(x.Track, y.Track))
	})
	for i := range b.pending {
		f := &b.pending[i]
		b.year.Append(int32(f.Year))
		b.uai.append(f.UAI)
		b.inst.append(f.Institution)
		b.acad.append(f.Academie)
		b.track.append(f.Track)
		b.group.append(f.TrackGroup)
		b.students.Append(f.Students)
		b.certs.Append(f.Certs)
		if f.HasRate {
			b.rate.Append(f.SubmittedRate)
		} else {
			b.rate.AppendNull()
		}
		b.file.append(f.Source.File)
		b.sheet.append(f.Source.Sheet)
		b.cell.append(f.Source.Cell)
	}
	b.rows += len(b.pending)
	// Cleared, not only truncated: the texts of facts already in the
	// columns are not kept alive by the slice's spare room.
	clear(b.pending)
	b.pending = b.pending[:0]
}

// NewRecordBatch returns the table of the facts added and releases the
// builder; the caller releases the table.
func (b *FactBuilder) NewRecordBatch() arrow.RecordBatch {
	b.flush()
	mem := b.mem
	cols := []arrow.Array{
		b.year.NewArray(), b.uai.newArray(mem), b.inst.newArray(mem), b.acad.newArray(mem), b.track.newArray(mem), b.group.newArray(mem),
		b.students.NewArray(), b.certs.NewArray(), b.rate.NewArray(),
		b.file.newArray(mem), b.sheet.newArray(mem), b.cell.newArray(mem),
	}
	rec := array.NewRecordBatch(FactSchema, cols, int64(b.rows))
	for _, c := range cols {
		c.Release()
	}
	b.Release() // the text builders are released already
	return rec
}

// Release frees what the builder holds; after NewRecordBatch, nothing.
// Safe to call more than once.
func (b *FactBuilder) Release() {
	if b.year == nil {
		return
	}
	b.year.Release()
	b.students.Release()
	b.certs.Release()
	b.rate.Release()
	for _, t := range b.texts() {
		t.release()
	}
	*b = FactBuilder{}
}
