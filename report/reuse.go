package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"c2isurvey/aggregate"
	"c2isurvey/ingest/atomicfile"
)

// Reuse lets a publication take, from an earlier one, the outputs whose
// inputs did not change instead of drawing them again: a nightly run that
// received files for one year redraws that year's reports (and those of the
// years after it, which show its figures in their series) and copies the
// others (docs/service.md, "A run with new files redraws what they change"). Only the yearly PDFs have
// keys: the workbooks, CSV tables and Parquet files cover every year and
// are always drawn.
//
// An output's key is the SHA-256 of everything its bytes are drawn from,
// taken generously: the program's build (Salt), the language, the
// settings, thresholds, tracks, registry and edition, the year's
// revisions, and every fact and file record of that year and the years
// before it (a year's report never shows a later year), the files that
// belong to no year, the duplicates and the latest year of the data. An
// output is copied only when its key is the one it was drawn from and the
// earlier file still has the bytes drawn then (its SHA-256); otherwise it
// is drawn. TestReuseSameAsDrawn holds the copies to a full drawing.
type Reuse struct {
	// From is the folder of the earlier publication.
	From string
	// Drawn are the outputs of the earlier publication that had keys, by
	// file name (slash-separated, relative to From).
	Drawn map[string]Drawn
	// Salt names the program's build: outputs of another build are drawn
	// again. Reuse with an empty Salt copies nothing and keys nothing.
	Salt string

	mu sync.Mutex
	// now are the keys of this publication's outputs (drawn or copied), by
	// file name, and copied the names of the outputs copied.
	now    map[string]Drawn
	copied []string
}

// Drawn is what a publication records of an output it wrote: the key it
// was drawn from and the SHA-256 of its bytes.
type Drawn struct {
	Key    string `json:"key"`
	SHA256 string `json:"sha256"`
}

// Keys returns the keys of the outputs of the publication that used r (for
// the next one's Drawn), and the names of the outputs it copied from From,
// sorted.
func (r *Reuse) Keys() (map[string]Drawn, []string) {
	if r == nil {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	copied := slices.Clone(r.copied)
	slices.Sort(copied)
	return maps.Clone(r.now), copied
}

func (r *Reuse) record(name string, d Drawn, copied bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.now == nil {
		r.now = map[string]Drawn{}
	}
	r.now[name] = d
	if copied {
		r.copied = append(r.copied, name)
	}
}

// yearKey returns the key function of a yearly PDF of in (kind "public"
// or "quality"), for output.key; nil when r keys nothing.
func (r *Reuse) yearKey(in Input, kind, name string, year int) func() (string, error) {
	if r == nil || r.Salt == "" {
		return nil
	}
	return func() (string, error) { return yearKey(in, kind, name, year) }
}

// writeKeyed writes an output that has a key: copied from r.From when it
// was drawn there from the same key and still has the bytes drawn then,
// drawn otherwise; either way its key and the SHA-256 of its bytes are
// recorded. drawn is as for writeOutput.
func (r *Reuse) writeKeyed(ctx context.Context, path string, o output, fail func(string), drawn func()) error {
	key, err := o.key()
	if err != nil {
		return writeOutput(ctx, path, o, fail, drawn) // drawn: it will say what is wrong
	}
	if prev, ok := r.Drawn[o.name]; ok && prev.Key == key {
		if sum, ok := r.copy(path, o.name, prev.SHA256, drawn); ok {
			r.record(o.name, Drawn{Key: key, SHA256: sum}, true)
			return nil
		}
	}
	h := sha256.New()
	hashed := o
	hashed.write = func(ctx context.Context, w io.Writer) error { return o.write(ctx, io.MultiWriter(w, h)) }
	if err := writeOutput(ctx, path, hashed, fail, drawn); err != nil {
		return err
	}
	r.record(o.name, Drawn{Key: key, SHA256: hex.EncodeToString(h.Sum(nil))}, false)
	return nil
}

// copy copies the earlier publication's file name to path when its bytes
// have the SHA-256 want, and says so. A file changed or gone since is not
// copied: the copy is checked before it lands (atomicfile drops it), so
// that a drawing that then fails leaves no wrong report behind. drawn is
// called once the copy is found right, before it is synced: an output
// copied is not drawn.
func (r *Reuse) copy(path, name, want string, drawn func()) (string, bool) {
	f, err := os.Open(filepath.Join(r.From, filepath.FromSlash(name)))
	if err != nil {
		return "", false
	}
	defer f.Close()
	errChanged := errors.New("changed since drawn")
	err = atomicfile.Write(path, func(w io.Writer) error {
		h := sha256.New()
		if _, err := io.Copy(io.MultiWriter(w, h), f); err != nil {
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != want {
			return errChanged
		}
		drawn()
		return nil
	})
	return want, err == nil
}

// yearKey returns the key of the output name (a yearly PDF of kind) of
// year.
func yearKey(in Input, kind, name string, year int) (key string, err error) {
	// A value the digester cannot take (it panics) leaves the output to be
	// drawn: a key is a saving, never a reason to fail.
	defer func() {
		if r := recover(); r != nil {
			key, err = "", fmt.Errorf("%s: no key: %v", name, r)
		}
	}()
	keys, err := in.dataKeys()
	if err != nil {
		return "", err
	}
	d, ok := keys[year]
	if !ok {
		return "", fmt.Errorf("%s: no data for %s", name, YearLabel(year))
	}
	w := newDigester()
	w.str("c2isurvey output key 1")
	w.str(in.Reuse.Salt)
	w.str(kind)
	w.str(name)
	w.str(in.Lang)
	w.write(d)
	var rev *aggregate.Revisions
	if in.Revisions != nil {
		rev = in.Revisions[year]
	}
	for _, v := range []any{in.SmallCounts, in.Settings, in.Edition, in.Registry, in.Tracks, rev} {
		w.value(reflect.ValueOf(v))
	}
	return hex.EncodeToString(w.sum()), nil
}

// dataKeys digests, for each year of the fact table, its facts and the
// records of the files that gave a submission of that year, then chains
// them year after year, so that a year's digest covers the years before
// it; every digest also covers the files of no year (refused ones), the
// duplicates and the latest year.
func dataKeys(in Input) (map[int][]byte, error) {
	if in.Tables == nil || in.Tables.Facts == nil {
		return nil, fmt.Errorf("no tables")
	}
	facts := in.Tables.Facts
	yi := facts.Schema().FieldIndices(aggregate.ColYear)
	if len(yi) != 1 {
		return nil, fmt.Errorf("fact table: no %s column", aggregate.ColYear)
	}
	years, ok := facts.Column(yi[0]).(interface{ Value(int) int32 })
	if !ok {
		return nil, fmt.Errorf("fact table: column %s is %s", aggregate.ColYear, facts.Column(yi[0]).DataType())
	}
	perYear := map[int]*digester{}
	of := func(y int) *digester {
		d, ok := perYear[y]
		if !ok {
			d = newDigester()
			perYear[y] = d
		}
		return d
	}
	for i := range int(facts.NumRows()) {
		d := of(int(years.Value(i)))
		for c := range int(facts.NumCols()) {
			d.cell(facts.Column(c), i)
		}
	}
	common := newDigester()
	if b := in.Batch; b != nil {
		for i := range b.Files {
			f := &b.Files[i]
			var ys []int
			for _, s := range f.Submissions {
				if !slices.Contains(ys, s.Year) {
					ys = append(ys, s.Year)
				}
			}
			if len(ys) == 0 || f.Refused() {
				ys = []int{0} // of no year: every report
			}
			for _, y := range ys {
				d := common
				if y != 0 {
					d = of(y)
				}
				d.value(reflect.ValueOf(f))
			}
		}
		for _, r := range b.Replacements {
			of(r.Year).value(reflect.ValueOf(r))
		}
		common.value(reflect.ValueOf(b.Duplicates))
	}
	ordered := make([]int, 0, len(perYear))
	for y := range perYear {
		ordered = append(ordered, y)
	}
	slices.Sort(ordered)
	if len(ordered) > 0 {
		common.int(int64(ordered[len(ordered)-1]))
	}
	base := common.sum()
	keys := make(map[int][]byte, len(ordered))
	chain := base
	for _, y := range ordered {
		h := sha256.New()
		h.Write(chain)
		h.Write(perYear[y].sum())
		chain = h.Sum(nil)
		keys[y] = chain
	}
	return keys, nil
}

// digester feeds values to a hash unambiguously: each is written with its
// kind and length. value walks any Go value (the fields of structs, those
// not exported included, so that a field added later is covered without
// anyone thinking of it), with the few types whose memory is not their
// content written by what they mean.
type digester struct {
	h hash.Hash
	// b gathers what is written, for the hash to take in large writes:
	// most values are a few bytes.
	b    []byte
	seen map[uintptr]bool
}

func newDigester() *digester { return &digester{h: sha256.New()} }

func (d *digester) int(n int64) {
	d.b = binary.LittleEndian.AppendUint64(d.b, uint64(n))
	d.flush(false)
}

func (d *digester) str(s string) {
	d.b = binary.LittleEndian.AppendUint64(d.b, uint64(len(s)))
	d.b = append(d.b, s...)
	d.flush(false)
}

func (d *digester) write(p []byte) {
	d.b = append(d.b, p...)
	d.flush(false)
}

func (d *digester) flush(all bool) {
	if len(d.b) >= 16<<10 || all && len(d.b) > 0 {
		d.h.Write(d.b)
		d.b = d.b[:0]
	}
}

// sum is the digest of what was written.
func (d *digester) sum() []byte {
	d.flush(true)
	return d.h.Sum(nil)
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	locationType = reflect.TypeFor[time.Location]()
	recordType   = reflect.TypeFor[arrow.RecordBatch]()
	arrayType    = reflect.TypeFor[arrow.Array]()
)

func (d *digester) value(v reflect.Value) {
	if !v.IsValid() {
		d.str("nil")
		return
	}
	d.str(v.Type().String())
	switch {
	case v.Type() == timeType:
		d.time(v)
		return
	case v.Type() == locationType:
		// Its other fields are a cache that changes as times are shown.
		d.str(v.FieldByName("name").String())
		return
	case v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().Implements(recordType):
		d.record(v.Elem())
		return
	case v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().Implements(arrayType):
		d.array(v.Elem())
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			d.int(1)
		} else {
			d.int(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.int(int64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		d.int(int64(math.Float64bits(v.Float())))
	case reflect.String:
		d.str(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			d.str("nil")
			return
		}
		if d.seen == nil {
			d.seen = map[uintptr]bool{}
		}
		if d.seen[v.Pointer()] {
			d.str("seen") // a cycle, or a value shared: already covered
			return
		}
		d.seen[v.Pointer()] = true
		d.value(v.Elem())
	case reflect.Interface:
		d.value(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			d.str(v.Type().Field(i).Name)
			d.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			d.int(int64(v.Len()))
			d.write(v.Bytes())
			return
		}
		d.int(int64(v.Len()))
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Map:
		// In the order of the keys' digests, not Go's random one.
		type entry struct{ k, v []byte }
		entries := make([]entry, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			// Each with its own pointers seen: which entry met a shared
			// pointer first would depend on the map's order.
			kd := newDigester()
			kd.value(it.Key())
			vd := newDigester()
			vd.value(it.Value())
			entries = append(entries, entry{kd.sum(), vd.sum()})
		}
		slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
		d.int(int64(len(entries)))
		for _, e := range entries {
			d.write(e.k)
			d.write(e.v)
		}
	default:
		// Functions, channels and unsafe pointers are not data: a value
		// holding one cannot be keyed, and its output is always drawn.
		panic(fmt.Sprintf("report: cannot key a %s", v.Type()))
	}
}

// time writes the instant and the zone's name, not the monotonic reading a
// time.Now() carries, which differs from run to run. time.Time's fields
// are not exported; they are read as the time package lays them out.
func (d *digester) time(v reflect.Value) {
	const hasMonotonic = 1 << 63
	wall, ext := v.FieldByName("wall").Uint(), v.FieldByName("ext").Int()
	nsec := int64(wall & (1<<30 - 1))
	sec := ext
	if wall&hasMonotonic != 0 {
		sec = int64(wall<<1>>31) + 59453308800 // seconds from year 1 to 1885, as time stores them
	}
	d.int(sec)
	d.int(nsec)
	d.value(v.FieldByName("loc"))
}

func (d *digester) record(v reflect.Value) {
	rec := v.Interface().(arrow.RecordBatch)
	d.str(rec.Schema().String())
	d.int(rec.NumRows())
	for c := range int(rec.NumCols()) {
		col := rec.Column(c)
		for i := range col.Len() {
			d.cell(col, i)
		}
	}
}

func (d *digester) array(v reflect.Value) {
	col := v.Interface().(arrow.Array)
	d.str(col.DataType().String())
	d.int(int64(col.Len()))
	for i := range col.Len() {
		d.cell(col, i)
	}
}

// cell writes the value of row i of col: the common types directly (a
// fact table has hundreds of thousands of rows), the others as Arrow
// shows them. A dictionary-encoded cell is written as its value, whatever
// its index.
func (d *digester) cell(col arrow.Array, i int) {
	if col.IsNull(i) {
		d.str("null")
		return
	}
	switch a := col.(type) {
	case *array.String:
		d.str(a.Value(i))
	case *array.Int32:
		d.int(int64(a.Value(i)))
	case *array.Int64:
		d.int(a.Value(i))
	case *array.Float64:
		d.int(int64(math.Float64bits(a.Value(i))))
	case *array.Boolean:
		d.str(strconv.FormatBool(a.Value(i)))
	case *array.Dictionary:
		d.cell(a.Dictionary(), a.GetValueIndex(i))
	default:
		d.str(col.ValueStr(i))
	}
}
