package aggregate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/tracks"
)

// PanelAll is the group column's value for the whole of a panel.
const PanelAll = "all"

// PanelSchema: one row per year with a previous year present, for the
// whole ("all") and for each track group found in either year. The panel of
// a year pair is the institutions that answered both years (see BuildPanel);
// institutions, students, certificates and success_rate are the year's
// figures on the panel, previous_* the previous year's on the same panel,
// raw_* the figures of every institution that answered (what national.csv
// says), so that the change on the panel sits beside the raw change. For a
// group, institutions counts the panel's institutions that reported that
// group in either year.
var PanelSchema = arrow.NewSchema([]arrow.Field{
	field(ColYear, i32, false), field(ColPreviousYear, i32, false), field(ColGroup, str, false),
	field(ColInstitutions, i64, false), field(ColStudents, i64, false), field(ColCerts, i64, false), field(ColRate, f64, true),
	field(ColPrevStudents, i64, false), field(ColPrevCerts, i64, false), field(ColPrevRate, f64, true),
	field(ColRawInstitutions, i64, false), field(ColRawStudents, i64, false), field(ColRawCerts, i64, false),
	field(ColRawPrevInst, i64, false), field(ColRawPrevStudents, i64, false), field(ColRawPrevCerts, i64, false),
}, nil)

// index holds the facts summed by year, institution and key (a track or a
// group), keys numbered in the table's order.
type index struct {
	years  []int32
	keys   []string
	byYear map[int32]*yearIndex
	// uais are the institutions' UAIs by their number in the fact table
	// (textCodes); codeOf, made when first needed (answered), the other way.
	uais   []string
	codeOf map[string]int32
}

// yearIndex is one year of an index: its institutions, each once, and the
// keys each reported, only those. A cell for every key of every
// institution (a slice of them per institution in a map keyed by UAI) held
// nine cells for the one a single-track institution reports: at a million
// institutions, 261 MB at the peak of `report`, and the map's growth and
// hashing most of buildIndex's time (docs/performance.md, "A million
// rows").
type yearIndex struct {
	uais  []int32 // the institutions' numbers, in the order of their first fact
	first []int32 // each institution's first cell in cells
	cells []keyCell
	// sorted is uais in order, made when first needed (answered).
	sorted []int32
}

// keyCell is what one institution reported for one key in one year (a key
// it did not report has no cell), and the number of its next cell (-1
// after the last).
type keyCell struct {
	counts
	key, next int32
}

// answered reports whether the institution answered in year.
func (ix *index) answered(year int32, uai string) bool {
	y := ix.byYear[year]
	if y == nil {
		return false
	}
	if ix.codeOf == nil {
		ix.codeOf = make(map[string]int32, len(ix.uais))
		for c, u := range ix.uais {
			ix.codeOf[u] = int32(c)
		}
	}
	c, ok := ix.codeOf[uai]
	if !ok {
		return false
	}
	if y.sorted == nil {
		y.sorted = slices.Sorted(slices.Values(y.uais))
	}
	_, found := slices.BinarySearch(y.sorted, c)
	return found
}

// each calls f for each institution of year, in the order of their first
// fact, with its cells.
func (ix *index) each(year int32, f func(uai string, cells cellsOf)) {
	y := ix.byYear[year]
	if y == nil {
		return
	}
	for r, c := range y.uais {
		f(ix.uais[c], cellsOf{y, y.first[r]})
	}
}

// cellsOf are the cells of one institution in one year: a value, not a
// closure, which would be made on the heap for every institution.
type cellsOf struct {
	y     *yearIndex
	first int32
}

// each calls g with each key the institution reported and its counts.
func (c cellsOf) each(g func(key int, n counts)) {
	for e := c.first; e >= 0; e = c.y.cells[e].next {
		g(int(c.y.cells[e].key), c.y.cells[e].counts)
	}
}

// buildIndex sums the facts by year, UAI and keyCol (the track or the group
// column), ordering keys by rank. Institutions and keys are taken by their
// numbers in the fact table's dictionaries (textCodes), not hashed as texts
// fact after fact, and the facts are summed year after year, so that one
// slice, by institution number, finds an institution's row in its year.
func buildIndex(fc *factCols, keyCol Texts, rank func(string) int) *index {
	kc, uc := keyCol.codes(), fc.uai.codes()
	// Keys in report order, so that every table built from the index
	// lists them in that order: the keys of some fact, by rank then text.
	used := make([]bool, len(kc.text))
	for i := range fc.n {
		used[kc.at(i)] = true
	}
	var keys []string
	for c, k := range kc.text {
		if used[c] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	num := make(map[string]int32, len(keys))
	for n, k := range keys {
		num[k] = int32(n)
	}
	keyOf := make([]int32, len(kc.text)) // a key's number by its code
	for c, k := range kc.text {
		keyOf[c] = num[k]
	}
	ix := &index{keys: keys, byYear: map[int32]*yearIndex{}, uais: uc.text}
	// The facts of each year, in their order (a counting sort).
	count := map[int32]int{}
	for i := range fc.n {
		count[fc.year.Value(i)]++
	}
	for y := range count {
		ix.years = append(ix.years, y)
	}
	slices.Sort(ix.years)
	start := make(map[int32]int, len(ix.years))
	at := 0
	for _, y := range ix.years {
		start[y] = at
		at += count[y]
	}
	byYear := make([]int32, fc.n)
	for i := range fc.n {
		y := fc.year.Value(i)
		byYear[start[y]] = int32(i)
		start[y]++
	}
	row := make([]int32, len(uc.text)) // an institution's row in the year, -1: none yet
	for i := range row {
		row[i] = -1
	}
	at = 0
	for _, y := range ix.years {
		// A year has at most as many institutions and cells as facts:
		// sized once, rather than doubled as they come.
		n := count[y]
		yi := &yearIndex{uais: make([]int32, 0, n), first: make([]int32, 0, n), cells: make([]keyCell, 0, n)}
		for _, i := range byYear[at : at+n] {
			yi.add(row, uc.at(int(i)), keyOf[kc.at(int(i))], fc.students.Value(int(i)), fc.certs.Value(int(i)))
		}
		at += n
		for _, c := range yi.uais {
			row[c] = -1
		}
		ix.byYear[y] = yi
	}
	return ix
}

// add sums a fact of institution uai into its cell for key; row holds the
// year's row of each institution seen.
func (y *yearIndex) add(row []int32, uai, key int32, students, certs int64) {
	r := row[uai]
	if r < 0 {
		r = int32(len(y.uais))
		row[uai] = r
		y.uais = append(y.uais, uai)
		y.first = append(y.first, -1)
	}
	e := y.first[r]
	for e >= 0 && y.cells[e].key != key {
		e = y.cells[e].next
	}
	if e < 0 {
		e = int32(len(y.cells))
		y.cells = append(y.cells, keyCell{key: key, next: y.first[r]})
		y.first[r] = e
	}
	y.cells[e].add(students, certs)
}

// panelOf returns, for the year pair (prev, year), the unit every
// institution that answered either year counts as, and the set of units
// that make the panel.
//
// A unit is an institution, or with a registry the entry an answer counts
// for in the later year (the merger rule of resolver.unit): if A merged
// into B after prev, A's answer of prev counts as B's, and B is in the
// panel when B's unit answered both years. A unit is kept only if every
// registered member expected in prev (A and B here) answered in prev:
// otherwise its earlier figure would cover less than its later one, and the
// change would measure the merger, not the institutions.
func panelOf(ix *index, res *resolver, prev, year int32) (unitOf map[string]string, panel map[string]bool) {
	unitOf = map[string]string{}
	mapUAI := func(u string) {
		if _, ok := unitOf[u]; ok {
			return
		}
		unitOf[u] = u
		if res != nil {
			if to, _ := res.unit(u, int(year)); to != "" {
				unitOf[u] = to
			}
		}
	}
	inPrev, inYear := map[string]bool{}, map[string]bool{}
	ix.each(prev, func(u string, _ cellsOf) {
		mapUAI(u)
		inPrev[unitOf[u]] = true
	})
	ix.each(year, func(u string, _ cellsOf) {
		mapUAI(u)
		inYear[unitOf[u]] = true
	})
	panel = map[string]bool{}
	for u := range inYear {
		if inPrev[u] {
			panel[u] = true
		}
	}
	if res != nil {
		for uai, es := range res.byUAI {
			expectedPrev := slices.ContainsFunc(es, func(e registry.Entry) bool { return e.Expected(int(prev)) })
			if !expectedPrev {
				continue
			}
			if ix.answered(prev, uai) {
				continue
			}
			if to, _ := res.unit(uai, int(year)); to != "" {
				delete(panel, to)
			}
		}
	}
	return unitOf, panel
}

// BuildPanel computes the constant panel for every year with a previous
// year present in the facts (the previous year present, not necessarily
// year−1), for the whole and by track group (groups in dictionary order).
// reg may be nil: units are then UAIs. The caller releases the result.
func BuildPanel(mem memory.Allocator, facts arrow.RecordBatch, reg *registry.Registry, dict *tracks.Dictionary) (arrow.RecordBatch, error) {
	fc, err := readFactCols(facts)
	if err != nil {
		return nil, fmt.Errorf("panel: %w", err)
	}
	if dict == nil {
		return nil, errors.New("panel: no track dictionary")
	}
	ix := buildIndex(fc, fc.group, groupOrders(dict))
	res := newResolver(reg)
	b := array.NewRecordBuilder(mem, PanelSchema)
	defer b.Release()
	nk := len(ix.keys)
	for yi := 1; yi < len(ix.years); yi++ {
		prev, year := ix.years[yi-1], ix.years[yi]
		unitOf, panel := panelOf(ix, res, prev, year)
		// Per key (and nk for the whole): panel and raw sums, and the
		// panel's units and raw institutions reporting the key.
		type side struct{ panel, raw counts }
		cur := make([]side, nk+1)
		old := make([]side, nk+1)
		unitsWith := make([]map[string]bool, nk+1)
		rawInst := make([]int64, nk+1)
		rawPrevInst := make([]int64, nk+1)
		seen := make([]bool, nk)
		for k := range unitsWith {
			unitsWith[k] = map[string]bool{}
		}
		sum := func(y int32, into []side, rawN []int64) {
			ix.each(y, func(u string, cells cellsOf) {
				unit := unitOf[u]
				in := panel[unit]
				rawN[nk]++
				cells.each(func(k int, c counts) {
					seen[k] = true
					rawN[k]++
					into[k].raw.add(c.students, c.certs)
					into[nk].raw.add(c.students, c.certs)
					if in {
						unitsWith[k][unit] = true
						into[k].panel.add(c.students, c.certs)
						into[nk].panel.add(c.students, c.certs)
					}
				})
			})
		}
		sum(year, cur, rawInst)
		sum(prev, old, rawPrevInst)
		appendRow := func(key string, k int, units int64) {
			b.Field(0).(*array.Int32Builder).Append(year)
			b.Field(1).(*array.Int32Builder).Append(prev)
			b.Field(2).(*array.StringBuilder).Append(key)
			b.Field(3).(*array.Int64Builder).Append(units)
			b.Field(4).(*array.Int64Builder).Append(cur[k].panel.students)
			b.Field(5).(*array.Int64Builder).Append(cur[k].panel.certs)
			appendRatio(b.Field(6).(*array.Float64Builder), cur[k].panel.certs, cur[k].panel.students)
			b.Field(7).(*array.Int64Builder).Append(old[k].panel.students)
			b.Field(8).(*array.Int64Builder).Append(old[k].panel.certs)
			appendRatio(b.Field(9).(*array.Float64Builder), old[k].panel.certs, old[k].panel.students)
			b.Field(10).(*array.Int64Builder).Append(rawInst[k])
			b.Field(11).(*array.Int64Builder).Append(cur[k].raw.students)
			b.Field(12).(*array.Int64Builder).Append(cur[k].raw.certs)
			b.Field(13).(*array.Int64Builder).Append(rawPrevInst[k])
			b.Field(14).(*array.Int64Builder).Append(old[k].raw.students)
			b.Field(15).(*array.Int64Builder).Append(old[k].raw.certs)
		}
		appendRow(PanelAll, nk, int64(len(panel)))
		for k, key := range ix.keys {
			if seen[k] {
				appendRow(key, k, int64(len(unitsWith[k])))
			}
		}
	}
	return b.NewRecordBatch(), nil
}
