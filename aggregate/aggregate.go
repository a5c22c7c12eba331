package aggregate

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// Build makes the fact table from the facts that count, every group-by
// from it and the outliers to check. The caller releases the result.
func Build(mem memory.Allocator, facts []ingest.Fact, dict *tracks.Dictionary) (*Tables, error) {
	return summariseFacts(mem, FactTable(mem, facts, dict), dict)
}

// BuildBatch is Build over a batch's facts, which it takes: b.Facts is nil
// once they are in the fact table, before the group-bys are computed, so
// that the facts, the fact table and the group-bys are never all held at
// once (for 400,000 institutions, the facts are 60 MB and the group-bys
// 200 MB while they are computed; docs/performance.md, "Memory"). The
// reports read the facts from the tables.
func BuildBatch(mem memory.Allocator, b *ingest.Batch, dict *tracks.Dictionary) (*Tables, error) {
	factRec := FactTable(mem, b.Facts, dict)
	b.Facts = nil
	return summariseFacts(mem, factRec, dict)
}

// BuildFromTable is Build over a fact table already made (by a
// FactBuilder fed from the store), which it takes: in the returned Tables,
// or released on error.
func BuildFromTable(mem memory.Allocator, factRec arrow.RecordBatch, dict *tracks.Dictionary) (*Tables, error) {
	return summariseFacts(mem, factRec, dict)
}

// summariseFacts computes the group-bys of a fact table and returns them
// with it, or releases it on error. The figures to check are computed
// beside the group-bys, on another core, for a table of up to
// besideMaxFacts facts: both only read the facts, and they are most of the
// time between reading the files and drawing the outputs, when one core
// would wait for the other (docs/performance.md). A larger table has them
// one after the other: each holds some hundreds of megabytes for a
// million distinct institutions, which at once would pass the 1 GiB such a
// table's publication is held to.
func summariseFacts(mem memory.Allocator, factRec arrow.RecordBatch, dict *tracks.Dictionary) (*Tables, error) {
	if factRec != nil && factRec.NumRows() > besideMaxFacts {
		t, err := Summarise(mem, factRec, dict)
		if err != nil {
			factRec.Release()
			return nil, err
		}
		t.Facts = factRec
		if t.Outliers, err = Outliers(mem, factRec, dict); err != nil {
			t.Release()
			return nil, err
		}
		return t, nil
	}
	// The text columns' dictionaries are made once here, before two
	// goroutines read them: arrow's Dictionary makes its dictionary array
	// on the first call and keeps it, a write two first calls would race
	// on. The outputs read them later the same way, two at a time.
	if _, err := readFactCols(factRec); err != nil {
		factRec.Release()
		return nil, fmt.Errorf("summarise: %w", err)
	}
	var (
		outliers arrow.RecordBatch
		oerr     error
		wg       sync.WaitGroup
	)
	wg.Go(func() {
		// A panic here would end the process: it is an error of this
		// run's, as it is when Outliers runs on the caller's goroutine.
		defer func() {
			if r := recover(); r != nil {
				oerr = fmt.Errorf("outliers: panic: %v", r)
			}
		}()
		outliers, oerr = Outliers(mem, factRec, dict)
	})
	t, err := Summarise(mem, factRec, dict)
	wg.Wait()
	if err != nil || oerr != nil {
		if outliers != nil {
			outliers.Release()
		}
		if t != nil {
			t.Release()
		}
		factRec.Release()
		return nil, cmp.Or(err, oerr)
	}
	t.Facts, t.Outliers = factRec, outliers
	return t, nil
}

// besideMaxFacts is the largest fact table whose group-bys and figures to
// check are computed at once (summariseFacts): 100,000 facts are about
// 15,000 forms of seven tracks.
const besideMaxFacts = 100_000

// counts is what every group-by sums.
type counts struct {
	students, certs int64
}

func (c *counts) add(s, k int64) { c.students += s; c.certs += k }

type yearKey struct {
	year int32
	key  string
}

// Summarise computes every group-by from a fact table of FactSchema. Rates
// come from summed counts; shares are of the year's certificates. The
// returned Tables has Facts nil: the caller owns the fact table it passed.
func Summarise(mem memory.Allocator, facts arrow.RecordBatch, dict *tracks.Dictionary) (*Tables, error) {
	fc, err := readFactCols(facts)
	if err != nil {
		return nil, fmt.Errorf("summarise: %w", err)
	}
	years, students, certs := fc.year, fc.students, fc.certs
	uais, acads, trks, groups := fc.uai.codes(), fc.acad.codes(), fc.track.codes(), fc.group.codes()

	type yearAgg struct {
		counts
		institutions int64
	}
	type instAgg struct {
		counts
		name, acad string
		// The académies it is counted in: the first one, and any other
		// (a file may name another académie than the previous one).
		acad0 int32
		acads []int32
	}
	type acadAgg struct {
		counts
		institutions int64
	}
	// The facts are summed by the numbers of their texts (textCodes), then
	// keyed by the texts for the tables below: hashing a pair of numbers
	// costs a fraction of hashing a text, for each of the facts.
	type yearCode struct{ year, code int32 }
	national := map[int32]*yearAgg{}
	trackSums := map[yearCode]*counts{}
	trackGroups := map[int32]int32{}
	groupSums := map[yearCode]*counts{}
	instSums := map[yearCode]*instAgg{}
	acadSums := map[yearCode]*acadAgg{}
	var in *instAgg
	var ik yearCode

	for i := 0; i < fc.n; i++ {
		y, s, c := years.Value(i), students.Value(i), certs.Value(i)
		uai, acad := uais.at(i), acads.at(i)

		n := national[y]
		if n == nil {
			n = &yearAgg{}
			national[y] = n
		}
		n.add(s, c)

		tk := yearCode{y, trks.at(i)}
		t := trackSums[tk]
		if t == nil {
			t = &counts{}
			trackSums[tk] = t
			trackGroups[tk.code] = groups.at(i)
		}
		t.add(s, c)

		gk := yearCode{y, groups.at(i)}
		g := groupSums[gk]
		if g == nil {
			g = &counts{}
			groupSums[gk] = g
		}
		g.add(s, c)

		// An institution's facts are together in a fact table: the
		// previous row's is looked up again only when it changes.
		newInst := false
		if k := (yearCode{y, uai}); in == nil || k != ik {
			ik = k
			if in = instSums[ik]; in == nil {
				in = &instAgg{name: fc.inst.Value(i), acad: fc.acad.Value(i), acad0: acad}
				instSums[ik] = in
				n.institutions++
				newInst = true
			}
		}
		in.add(s, c)

		ak := yearCode{y, acad}
		a := acadSums[ak]
		if a == nil {
			a = &acadAgg{}
			acadSums[ak] = a
		}
		a.add(s, c)
		if newInst {
			a.institutions++
		} else if acad != in.acad0 && !slices.Contains(in.acads, acad) {
			in.acads = append(in.acads, acad)
			a.institutions++
		}
	}
	byText := func(m map[yearCode]*counts, texts []string) map[yearKey]*counts {
		out := make(map[yearKey]*counts, len(m))
		for k, v := range m {
			out[yearKey{k.year, texts[k.code]}] = v
		}
		return out
	}
	byTrack, byGroup := byText(trackSums, trks.text), byText(groupSums, groups.text)
	trackGroup := map[string]string{}
	for t, g := range trackGroups {
		trackGroup[trks.text[t]] = groups.text[g]
	}
	byInst := make(map[yearKey]*instAgg, len(instSums))
	for k, v := range instSums {
		byInst[yearKey{k.year, uais.text[k.code]}] = v
	}
	byAcad := make(map[yearKey]*acadAgg, len(acadSums))
	for k, v := range acadSums {
		byAcad[yearKey{k.year, acads.text[k.code]}] = v
	}

	yearCerts := func(y int32) int64 { return national[y].certs }
	groupOrder := groupOrders(dict)

	// The map keys and names above alias the fact table's buffers (arrow's
	// String.Value does not copy); the builders below copy them, so nothing
	// returned depends on the fact table staying alive.
	t := &Tables{}

	// National.
	{
		b := array.NewRecordBuilder(mem, NationalSchema)
		ys := sortedKeys(national, cmp.Compare[int32])
		for _, y := range ys {
			n := national[y]
			b.Field(0).(*array.Int32Builder).Append(y)
			b.Field(1).(*array.Int64Builder).Append(n.institutions)
			b.Field(2).(*array.Int64Builder).Append(n.students)
			b.Field(3).(*array.Int64Builder).Append(n.certs)
			appendRatio(b.Field(4).(*array.Float64Builder), n.certs, n.students)
		}
		t.National = b.NewRecordBatch()
		b.Release()
	}
	// Tracks.
	{
		b := array.NewRecordBuilder(mem, TrackSchema)
		keys := sortedKeys(byTrack, func(a, b yearKey) int {
			return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(dict.Order(a.key), dict.Order(b.key)), cmp.Compare(a.key, b.key))
		})
		for _, k := range keys {
			c := byTrack[k]
			b.Field(0).(*array.Int32Builder).Append(k.year)
			b.Field(1).(*array.StringBuilder).Append(k.key)
			b.Field(2).(*array.StringBuilder).Append(trackGroup[k.key])
			b.Field(3).(*array.Int64Builder).Append(c.students)
			b.Field(4).(*array.Int64Builder).Append(c.certs)
			appendRatio(b.Field(5).(*array.Float64Builder), c.certs, yearCerts(k.year))
			appendRatio(b.Field(6).(*array.Float64Builder), c.certs, c.students)
		}
		t.Tracks = b.NewRecordBatch()
		b.Release()
	}
	// Track groups.
	{
		b := array.NewRecordBuilder(mem, GroupSchema)
		keys := sortedKeys(byGroup, func(a, b yearKey) int {
			return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(groupOrder(a.key), groupOrder(b.key)), cmp.Compare(a.key, b.key))
		})
		for _, k := range keys {
			c := byGroup[k]
			b.Field(0).(*array.Int32Builder).Append(k.year)
			b.Field(1).(*array.StringBuilder).Append(k.key)
			b.Field(2).(*array.Int64Builder).Append(c.students)
			b.Field(3).(*array.Int64Builder).Append(c.certs)
			appendRatio(b.Field(4).(*array.Float64Builder), c.certs, yearCerts(k.year))
			appendRatio(b.Field(5).(*array.Float64Builder), c.certs, c.students)
		}
		t.Groups = b.NewRecordBatch()
		b.Release()
	}
	// Institutions.
	{
		b := array.NewRecordBuilder(mem, InstitutionSchema)
		keys := sortedKeys(byInst, compareYearKey)
		var size [4]int
		for _, k := range keys {
			in := byInst[k]
			size[1] += len(k.key)
			size[2] += len(in.name)
			size[3] += len(in.acad)
		}
		reserveExactly(b, len(keys), func(field int) int { return size[field] })
		for _, k := range keys {
			in := byInst[k]
			b.Field(0).(*array.Int32Builder).Append(k.year)
			b.Field(1).(*array.StringBuilder).Append(k.key)
			b.Field(2).(*array.StringBuilder).Append(in.name)
			b.Field(3).(*array.StringBuilder).Append(in.acad)
			b.Field(4).(*array.Int64Builder).Append(in.students)
			b.Field(5).(*array.Int64Builder).Append(in.certs)
			appendRatio(b.Field(6).(*array.Float64Builder), in.certs, in.students)
		}
		t.Institutions = b.NewRecordBatch()
		b.Release()
	}
	// Académies.
	{
		b := array.NewRecordBuilder(mem, AcademieSchema)
		keys := sortedKeys(byAcad, compareYearKey)
		for _, k := range keys {
			a := byAcad[k]
			b.Field(0).(*array.Int32Builder).Append(k.year)
			b.Field(1).(*array.StringBuilder).Append(k.key)
			b.Field(2).(*array.Int64Builder).Append(a.institutions)
			b.Field(3).(*array.Int64Builder).Append(a.students)
			b.Field(4).(*array.Int64Builder).Append(a.certs)
			appendRatio(b.Field(5).(*array.Float64Builder), a.certs, a.students)
		}
		t.Academies = b.NewRecordBatch()
		b.Release()
	}
	return t, nil
}

func compareYearKey(a, b yearKey) int {
	return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.key, b.key))
}

// appendRatio appends num/den, or null when den is zero: a rate over nobody
// is not 0 %, it does not exist.
func appendRatio(b *array.Float64Builder, num, den int64) {
	if den == 0 {
		b.AppendNull()
		return
	}
	b.Append(float64(num) / float64(den))
}

func sortedKeys[K comparable, V any](m map[K]V, cmpFn func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmpFn)
	return keys
}

// groupOrders returns the rank of each group code by its first track in the
// dictionary, unknown groups last.
func groupOrders(dict *tracks.Dictionary) func(string) int {
	rank := map[string]int{}
	all := dict.Tracks()
	for _, t := range all {
		if _, ok := rank[t.Group]; !ok {
			rank[t.Group] = len(rank)
		}
	}
	return func(g string) int {
		if r, ok := rank[g]; ok {
			return r
		}
		return len(all)
	}
}
