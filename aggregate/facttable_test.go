package aggregate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// TestFactBuilderSameAsFactTable feeds a FactBuilder each test case's
// facts one at a time, as the store reads them back (by year and UAI, an
// institution's tracks in the order of its file), however its columns
// were reserved, and wants FactTable's table of the same facts: same
// rows, same dictionaries.
func TestFactBuilderSameAsFactTable(t *testing.T) {
	dict := tracks.Default()
	reserves := []struct {
		name    string
		reserve func(n int) int // how many to reserve for n facts; -1: none
	}{
		{"exact", func(n int) int { return n }},
		{"none", func(int) int { return -1 }},
		{"too few", func(n int) int { return n / 3 }},
		{"too many", func(n int) int { return 2*n + 5 }},
	}
	// Each case's allocator is checked once all its reservations are.
	eachFactCase(t, dict, func(t *testing.T, _ string, facts []ingest.Fact, mem *memory.CheckedAllocator) {
		// In the store's order: by year and UAI, each institution's
		// facts as its file gave them (not by track).
		streamed := slices.Clone(facts)
		slices.SortStableFunc(streamed, func(a, b ingest.Fact) int { return compareInstitution(&a, &b) })
		for _, r := range reserves {
			t.Run(r.name, func(t *testing.T) {
				want := FactTable(mem, facts, dict)
				defer want.Release()
				b := NewFactBuilder(mem, dict)
				defer b.Release()
				if n := r.reserve(len(streamed)); n >= 0 {
					b.Reserve(n)
				}
				for _, f := range streamed {
					if err := b.Add(f); err != nil {
						t.Fatal(err)
					}
				}
				got := b.NewRecordBatch()
				defer got.Release()
				if !array.RecordEqual(got, want) {
					var g, w strings.Builder
					dump(&g, "builder", got)
					dump(&w, "FactTable", want)
					t.Errorf("%s\nwant:\n%s", g.String(), w.String())
				}
				if err := inOrder(got, dict); err != "" {
					t.Error(err)
				}
				for i, col := range got.Columns() {
					if d, ok := col.(*array.Dictionary); ok {
						wd := want.Column(i).(*array.Dictionary)
						if !array.Equal(d.Dictionary(), wd.Dictionary()) || !array.Equal(d.Indices(), wd.Indices()) {
							t.Errorf("column %s: dictionary %v, want %v", got.ColumnName(i), d.Dictionary(), wd.Dictionary())
						}
					}
				}
			})
		}
	})
}

// inOrder says where a fact table's rows are not by year, UAI and track
// (dictionary order, then code), if they are not.
func inOrder(rec arrow.RecordBatch, dict *tracks.Dictionary) string {
	years := rec.Column(0).(*array.Int32)
	uais, err1 := TextsOf(rec.Column(1))
	trks, err2 := TextsOf(rec.Column(4))
	if err1 != nil || err2 != nil {
		return fmt.Sprint(err1, err2)
	}
	for i := 1; i < int(rec.NumRows()); i++ {
		if c := cmp.Or(cmp.Compare(years.Value(i-1), years.Value(i)), cmp.Compare(uais.Value(i-1), uais.Value(i)),
			cmp.Compare(dict.Order(trks.Value(i-1)), dict.Order(trks.Value(i))), cmp.Compare(trks.Value(i-1), trks.Value(i))); c > 0 {
			return fmt.Sprintf("row %d (%d %s %s) before row %d (%d %s %s)", i-1, years.Value(i-1), uais.Value(i-1), trks.Value(i-1),
				i, years.Value(i), uais.Value(i), trks.Value(i))
		}
	}
	return ""
}

// TestFactBuilderRefusesDisorder checks that a fact out of order by year
// and UAI is refused, not put where the table would no longer be sorted,
// and that a builder given up frees what it held.
func TestFactBuilderRefusesDisorder(t *testing.T) {
	dict := tracks.Default()
	fact := func(year int, uai string) ingest.Fact {
		return ingest.Fact{Year: year, UAI: uai, Track: "doctorats", TrackGroup: "doctorats", Students: 10, Certs: 5}
	}
	for _, c := range []struct {
		name  string
		facts []ingest.Fact
		bad   int // the index of the fact refused; -1: none
	}{
		{"in order", []ingest.Fact{fact(2011, "B"), fact(2012, "A"), fact(2012, "A"), fact(2012, "B")}, -1},
		{"uai before", []ingest.Fact{fact(2012, "B"), fact(2012, "A")}, 1},
		{"year before", []ingest.Fact{fact(2012, "A"), fact(2011, "Z")}, 1},
		{"institution again", []ingest.Fact{fact(2012, "A"), fact(2012, "B"), fact(2012, "A")}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := NewFactBuilder(mem, dict)
			b.Reserve(len(c.facts))
			bad := -1
			for i, f := range c.facts {
				if err := b.Add(f); err != nil {
					bad = i
					if !strings.Contains(err.Error(), "not in order") {
						t.Errorf("error %q does not say why", err)
					}
					break
				}
			}
			if bad != c.bad {
				t.Errorf("fact %d refused, want %d", bad, c.bad)
			}
			if bad >= 0 {
				b.Release()
				b.Release() // twice: nothing more
				return
			}
			rec := b.NewRecordBatch()
			defer rec.Release()
			b.Release() // after NewRecordBatch: nothing
			if rec.NumRows() != int64(len(c.facts)) {
				t.Errorf("%d rows, want %d", rec.NumRows(), len(c.facts))
			}
		})
	}
}
