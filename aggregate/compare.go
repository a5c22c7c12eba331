package aggregate

import (
	"errors"
	"fmt"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/tracks"
)

// What a comparison is by (the by column).
const (
	ByTrack = "track"
	ByGroup = "group"
)

// CompareOptions choose a comparison.
type CompareOptions struct {
	// By is ByGroup (the default when empty) or ByTrack.
	By string
	// Only keeps these track or group codes (all when empty).
	Only []string
	// From and To bound the years (ending years, inclusive; 0 is open).
	From, To int
	// Panel restricts every year pair to the institutions that answered
	// both years (see BuildPanel): a year's row is then its figures on the
	// panel with the previous year present in the range, beside that
	// previous year's figures on the same panel; the first year of the
	// range has no row.
	Panel bool
	// Fragile is the number of students under which a rate is fragile
	// (DefaultFragile when 0).
	Fragile int64
}

// CompareSchema: one row per year and key (a track or group code) that
// has at least one fact that year (with Panel: in either year of the pair,
// among the panel's institutions). share is the key's part of the year's
// certificates (of every key, not only those kept by Only; with Panel, of
// the panel's); fragile is true when the rate is computed on fewer students
// than the threshold. Without Panel, previous_year and every previous_*
// column are null. institutions (previous_institutions) counts the
// institutions (panel units with Panel) that reported the key that year
// (the previous year): 0 says nothing was declared for it, which is not
// the same as declaring zero students.
var CompareSchema = arrow.NewSchema([]arrow.Field{
	field(ColYear, i32, false), field(ColPreviousYear, i32, true), field(ColBy, str, false), field(ColKey, str, false),
	field(ColInstitutions, i64, false), field(ColStudents, i64, false), field(ColCerts, i64, false),
	field(ColShare, f64, true), field(ColRate, f64, true), field(ColFragile, arrow.FixedWidthTypes.Boolean, false),
	field(ColPrevInstitutions, i64, true), field(ColPrevStudents, i64, true), field(ColPrevCerts, i64, true),
	field(ColPrevShare, f64, true), field(ColPrevRate, f64, true), field(ColPrevFragile, arrow.FixedWidthTypes.Boolean, true),
}, nil)

// BuildCompare compares tracks or groups across years. reg is only used
// with Panel, for the merger rule (nil: units are UAIs). The caller
// releases the result.
func BuildCompare(mem memory.Allocator, facts arrow.RecordBatch, reg *registry.Registry, dict *tracks.Dictionary, opts CompareOptions) (arrow.RecordBatch, error) {
	fc, err := readFactCols(facts)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	if dict == nil {
		return nil, errors.New("compare: no track dictionary")
	}
	by := opts.By
	if by == "" {
		by = ByGroup
	}
	var ix *index
	switch by {
	case ByGroup:
		ix = buildIndex(fc, fc.group, groupOrders(dict))
	case ByTrack:
		ix = buildIndex(fc, fc.track, dict.Order)
	default:
		return nil, fmt.Errorf("compare: by %q, want %q or %q", by, ByTrack, ByGroup)
	}
	fragileBelow := opts.Fragile
	if fragileBelow <= 0 {
		fragileBelow = DefaultFragile
	}
	var years []int32
	for _, y := range ix.years {
		if (opts.From == 0 || int(y) >= opts.From) && (opts.To == 0 || int(y) <= opts.To) {
			years = append(years, y)
		}
	}
	keep := func(key string) bool { return len(opts.Only) == 0 || slices.Contains(opts.Only, key) }
	fragile := func(students int64) bool { return students > 0 && students < fragileBelow }

	b := array.NewRecordBuilder(mem, CompareSchema)
	defer b.Release()
	nk := len(ix.keys)

	// sums adds a year's cells by key, over the institutions in (nil:
	// all): per key counts, institutions (units) reporting it, and the
	// year's certificates over every key.
	type keySum struct {
		counts
		// units are the units reporting the key when institutions are
		// merged into units (a panel's unitOf); n counts them, and is
		// the count of institutions without merging, where each
		// institution of a year comes once (index.each).
		units map[string]bool
		n     int64
	}
	sums := func(y int32, unitOf map[string]string, in map[string]bool) ([]keySum, int64) {
		out := make([]keySum, nk)
		var total int64
		ix.each(y, func(u string, cells cellsOf) {
			unit := u
			if unitOf != nil {
				unit = unitOf[u]
			}
			if in != nil && !in[unit] {
				return
			}
			cells.each(func(k int, c counts) {
				switch {
				case unitOf == nil:
					out[k].n++
				case !out[k].units[unit]:
					if out[k].units == nil {
						out[k].units = map[string]bool{}
					}
					out[k].units[unit] = true
					out[k].n++
				}
				out[k].add(c.students, c.certs)
				total += c.certs
			})
		})
		return out, total
	}
	appendCur := func(y int32, k int, s keySum, total int64) {
		b.Field(0).(*array.Int32Builder).Append(y)
		b.Field(2).(*array.StringBuilder).Append(by)
		b.Field(3).(*array.StringBuilder).Append(ix.keys[k])
		b.Field(4).(*array.Int64Builder).Append(s.n)
		b.Field(5).(*array.Int64Builder).Append(s.students)
		b.Field(6).(*array.Int64Builder).Append(s.certs)
		appendRatio(b.Field(7).(*array.Float64Builder), s.certs, total)
		appendRatio(b.Field(8).(*array.Float64Builder), s.certs, s.students)
		b.Field(9).(*array.BooleanBuilder).Append(fragile(s.students))
	}

	if !opts.Panel {
		for _, y := range years {
			cur, total := sums(y, nil, nil)
			for k := range nk {
				if cur[k].n == 0 || !keep(ix.keys[k]) {
					continue
				}
				appendCur(y, k, cur[k], total)
				b.Field(1).AppendNull()
				for f := 10; f <= 15; f++ {
					b.Field(f).AppendNull()
				}
			}
		}
		return b.NewRecordBatch(), nil
	}

	res := newResolver(reg)
	for i := 1; i < len(years); i++ {
		prev, year := years[i-1], years[i]
		unitOf, panel := panelOf(ix, res, prev, year)
		cur, total := sums(year, unitOf, panel)
		old, oldTotal := sums(prev, unitOf, panel)
		for k := range nk {
			if (cur[k].n == 0 && old[k].n == 0) || !keep(ix.keys[k]) {
				continue
			}
			appendCur(year, k, cur[k], total)
			b.Field(1).(*array.Int32Builder).Append(prev)
			b.Field(10).(*array.Int64Builder).Append(old[k].n)
			b.Field(11).(*array.Int64Builder).Append(old[k].students)
			b.Field(12).(*array.Int64Builder).Append(old[k].certs)
			appendRatio(b.Field(13).(*array.Float64Builder), old[k].certs, oldTotal)
			appendRatio(b.Field(14).(*array.Float64Builder), old[k].certs, old[k].students)
			b.Field(15).(*array.BooleanBuilder).Append(fragile(old[k].students))
		}
	}
	return b.NewRecordBatch(), nil
}
