package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// inflateFixtures are workbooks whose every entry is deflated: the form
// as excelize writes it (the shared benchmark's generator) and as the
// fixtures' generator writes it.
var inflateFixtures = []string{
	filepath.Join("..", "testdata", "gen-form", "input.xlsx"),
	filepath.Join("testdata", "xlsx-form", "input.xlsx"),
}

// damage is one way of spoiling one entry of a zip archive.
type damage struct {
	name string
	// apply spoils a copy of data at entry f, whose compressed bytes
	// start at off; ok false when the entry does not lend itself to it.
	apply func(data []byte, f *zip.File, off int64) (out []byte, ok bool)
}

var damages = []damage{
	{"crc", func(data []byte, f *zip.File, _ int64) ([]byte, bool) {
		// The CRC-32 of the central directory header: the entry inflates
		// as before, to bytes that no longer match it.
		p := centralHeaderOf(data, f.Name)
		if p < 0 {
			return nil, false
		}
		out := bytes.Clone(data)
		binary.LittleEndian.PutUint32(out[p+16:], f.CRC32^0x5a5a5a5a)
		return out, true
	}},
	{"deflate", func(data []byte, f *zip.File, off int64) ([]byte, bool) {
		// A byte in the middle of the compressed bytes: the stream is
		// corrupt or inflates to other bytes.
		if f.CompressedSize64 < 4 {
			return nil, false
		}
		out := bytes.Clone(data)
		out[off+int64(f.CompressedSize64)/2] ^= 0xff
		return out, true
	}},
	{"cut", func(data []byte, f *zip.File, off int64) ([]byte, bool) {
		// The last compressed bytes zeroed: the stream stops early or
		// runs on into nonsense.
		if f.CompressedSize64 < 8 {
			return nil, false
		}
		out := bytes.Clone(data)
		end := off + int64(f.CompressedSize64)
		clear(out[end-4 : end])
		return out, true
	}},
	// The next three leave the compressed bytes as they were, so that a
	// Reader that has seen them gives them from its memo without opening
	// the entry (inflaters.known): each must be refused all the same.
	{"descriptor", func(data []byte, f *zip.File, off int64) ([]byte, bool) {
		// The CRC-32 of the data descriptor after the entry.
		if f.Flags&0x8 == 0 {
			return nil, false
		}
		out := bytes.Clone(data)
		d := off + int64(f.CompressedSize64)
		if binary.LittleEndian.Uint32(out[d:]) == 0x08074b50 {
			d += 4
		}
		binary.LittleEndian.PutUint32(out[d:], f.CRC32^0x0f0f0f0f)
		return out, true
	}},
	{"size", func(data []byte, f *zip.File, _ int64) ([]byte, bool) {
		// The uncompressed size of the central directory header, one
		// byte more than the entry inflates to.
		p := centralHeaderOf(data, f.Name)
		if p < 0 {
			return nil, false
		}
		out := bytes.Clone(data)
		binary.LittleEndian.PutUint32(out[p+24:], uint32(f.UncompressedSize64)+1)
		return out, true
	}},
	{"local", func(data []byte, f *zip.File, off int64) ([]byte, bool) {
		// The signature of the entry's local header.
		h := off - 30 - int64(len(f.Name)) - int64(len(f.Extra))
		if h <= 0 || binary.LittleEndian.Uint32(data[h:]) != 0x04034b50 { // the first one is the file's signature
			return nil, false
		}
		out := bytes.Clone(data)
		out[h] ^= 0xff
		return out, true
	}},
}

// centralHeaderOf returns the offset of the central directory header of
// the entry named name, or -1.
func centralHeaderOf(data []byte, name string) int64 {
	found := int64(-1)
	p, _, ok := centralDirectory(memView(data))
	if !ok {
		return -1
	}
	_ = walkCentral(memView(data), func(n []byte, _ int64) error {
		if found < 0 && string(n) == name {
			found = p
		}
		le := binary.LittleEndian
		p += 46 + int64(le.Uint16(data[p+28:])) + int64(le.Uint16(data[p+30:])) + int64(le.Uint16(data[p+32:]))
		return nil
	})
	return found
}

// flateOffset is the offset in a CorruptInputError's text, which
// klauspost's inflater counts one byte further than compress/flate's on
// some streams: where it stopped reading, not what the error is.
var flateOffset = regexp.MustCompile(`corrupt input before offset [0-9]+`)

func sameDetail(d string) string { return flateOffset.ReplaceAllString(d, "corrupt input") }

// TestDamagedEntriesRefused spoils each entry of the fixtures in turn, the
// parts never parsed (theme, styles, document properties, content types)
// as much as the sheet, and wants each file refused as damaged with the
// entry named and the detail that archive/zip and compress/flate gave
// (the reader as it was, xlsx_ref_test.go; but for the offset of a corrupt
// stream): the inflater changed, the verification did not. One Reader reads every file, a sound one between
// two damaged ones, as a worker of ingest.ReadAll does.
func TestDamagedEntriesRefused(t *testing.T) {
	var rd Reader
	lim := DefaultLimits()
	for _, path := range inflateFixtures {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sound, err := rd.ReadBytes(path, data, lim)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		tried := 0
		for _, f := range zr.File {
			if f.Method != zip.Deflate {
				t.Fatalf("%s: entry %s is not deflated", path, f.Name)
			}
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range damages {
				bad, ok := d.apply(data, f, off)
				if !ok {
					continue
				}
				tried++
				name := fmt.Sprintf("%s: %s of %s", filepath.Base(filepath.Dir(path)), d.name, f.Name)
				_, err := rd.ReadBytes("bad.xlsx", bad, lim)
				var se *Error
				if !errors.As(err, &se) || se.Kind != ErrDamaged || !strings.Contains(se.Detail, fmt.Sprintf("zip entry %q", f.Name)) {
					t.Errorf("%s: error %v, want %s naming the entry", name, err, ErrDamaged)
					continue
				}
				_, ref := refReadBytes(bad, lim)
				var re *Error
				if !errors.As(ref, &re) || sameDetail("bad.xlsx: "+re.Detail) != sameDetail(se.Detail) {
					t.Errorf("%s: detail %q, the reader with compress/flate %v", name, se.Detail, ref)
				}
				// The Reader is as good as new for the next file.
				again, err := rd.ReadBytes(path, data, lim)
				if err != nil || !reflect.DeepEqual(again, sound) {
					t.Fatalf("%s: the sound file after it: %v", name, err)
				}
			}
		}
		if tried < 2*len(zr.File) {
			t.Errorf("%s: %d damaged files for %d entries", path, tried, len(zr.File))
		}
	}
}

// TestInflatersReused checks that a Reader inflates the entries of the
// files it reads with the inflaters it keeps, reading each entry from the
// archive's bytes (not through a buffer), and lets go of the archive
// once read.
func TestInflatersReused(t *testing.T) {
	var rd Reader
	data, err := os.ReadFile(inflateFixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	var first *inflater
	for i := range 3 {
		if _, err := rd.ReadBytes("form.xlsx", data, DefaultLimits()); err != nil {
			t.Fatal(err)
		}
		x := &rd.inflate
		if len(x.free) != 1 || x.archive != nil || x.data != nil {
			t.Fatalf("read %d: %d inflaters kept, archive kept %v", i, len(x.free), x.archive != nil || x.data != nil)
		}
		inf := x.free[0]
		if inf.br != nil || inf.open || inf.in.Len() != 0 {
			t.Fatalf("read %d: inflater read through a buffer %v, open %v, holds %d bytes", i, inf.br != nil, inf.open, inf.in.Len())
		}
		if first == nil {
			first = inf
		} else if inf != first {
			t.Fatalf("read %d: a new inflater", i)
		}
	}
}

// memoHits is the number of entries a Reader gave from its memo.
func memoHits(rd *Reader) uint64 {
	var n uint64
	for _, e := range rd.inflate.memo {
		n += e.hits
	}
	return n
}

// TestMemoGivesWhatInflatingGives reads every workbook of the fixtures,
// the fuzz corpus and the samples twice over with one Reader, whose memo
// then gives most entries instead of inflating them, and wants what the
// former reader (archive/zip with compress/flate, xlsx_ref_test.go) reads
// from each: the same workbook or a refusal of the same kind. The memo
// stays within its bounds.
func TestMemoGivesWhatInflatingGives(t *testing.T) {
	seeds := xlsxSeeds(t)
	names := slices.Sorted(maps.Keys(seeds))
	lim := DefaultLimits()
	var rd Reader
	for round := range 2 {
		for _, name := range names {
			data := seeds[name]
			got, gerr := rd.ReadBytes(name, data, lim)
			want, werr := refReadBytes(data, lim)
			var ge, we *Error
			errors.As(gerr, &ge)
			errors.As(werr, &we)
			switch {
			case (gerr == nil) != (werr == nil), gerr != nil && (ge == nil || we == nil || ge.Kind != we.Kind):
				t.Fatalf("round %d, %s: error %v, the former reader %v", round, name, gerr, werr)
			case gerr == nil && !reflect.DeepEqual(got, want):
				t.Fatalf("round %d, %s: workbook differs from the former reader's", round, name)
			}
			x := &rd.inflate
			held := 0
			for _, e := range x.memo {
				held += len(e.comp) + len(e.out)
			}
			if len(x.memo) > memoEntries || held != x.bytes || held > memoMaxBytes {
				t.Fatalf("round %d, %s: memo of %d entries, %d bytes (counted %d)", round, name, len(x.memo), held, x.bytes)
			}
		}
	}
	if hits := memoHits(&rd); hits < uint64(len(names)) {
		t.Errorf("the memo gave %d entries over %d files read twice", hits, len(names))
	}
}

// TestMemoEntryStillVerified reads a form until the memo gives all its
// entries, then the same form with the CRC-32 of one entry changed: the
// entry, given by the memo, is refused as archive/zip refuses it (its
// checksum is computed over the bytes given, whoever inflated them).
func TestMemoEntryStillVerified(t *testing.T) {
	data, err := os.ReadFile(inflateFixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	for _, f := range zr.File {
		var rd Reader
		for range 3 {
			if _, err := rd.ReadBytes("form.xlsx", data, lim); err != nil {
				t.Fatal(err)
			}
		}
		bad, _ := damages[0].apply(data, f, 0)
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		comp := data[off : off+int64(f.CompressedSize64)]
		hits := func() uint64 {
			for _, e := range rd.inflate.memo {
				if bytes.Equal(e.comp, comp) {
					return e.hits
				}
			}
			t.Fatalf("%s: not in the memo", f.Name)
			return 0
		}
		before := hits()
		_, err = rd.ReadBytes("bad.xlsx", bad, lim)
		var se *Error
		want := fmt.Sprintf("bad.xlsx: zip entry %q is damaged: %v", f.Name, zip.ErrChecksum)
		if !errors.As(err, &se) || se.Kind != ErrDamaged || se.Detail != want {
			t.Errorf("%s: error %v, want %s: %s", f.Name, err, ErrDamaged, want)
		}
		if hits() != before+1 {
			t.Errorf("%s: not given by the memo", f.Name)
		}
	}
}

// TestReaderLoadReuses checks that a Reader's Load gives each file's own
// bytes in the buffer it keeps, a smaller file after a larger one
// included.
func TestReaderLoadReuses(t *testing.T) {
	var rd Reader
	paths := append(slices.Clone(inflateFixtures), filepath.Join("testdata", "csv-quoted", "input.csv"), inflateFixtures[0])
	for _, p := range paths {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := rd.Load(p, DefaultLimits())
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: %d bytes, want %d (%v)", p, len(got), len(want), err)
		}
	}
	if cap(rd.file) == 0 {
		t.Error("no buffer kept")
	}
}

// TestReaderAllocations is a guard on what reading a form costs a Reader
// that has read forms before (its inflaters, memo, maps and buffers
// reused): the Workbook itself, archive/zip's records of the entries and
// little else.
func TestReaderAllocations(t *testing.T) {
	var forms [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "gen-forms", "*.xlsx"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		forms = append(forms, data)
	}
	if len(forms) < 2 {
		t.Fatalf("%d forms in ../testdata/gen-forms", len(forms))
	}
	var rd Reader
	i := 0
	read := func() {
		if _, err := rd.ReadBytes("form.xlsx", forms[i%len(forms)], DefaultLimits()); err != nil {
			t.Fatal(err)
		}
		i++
	}
	for range 2 * len(forms) {
		read()
	}
	allocs := testing.AllocsPerRun(len(forms), read)
	t.Logf("%.0f allocations a form", allocs)
	// 297 before the Reader kept anything from one form to the next;
	// 207 when this guard was written, of which archive/zip's about 100.
	if allocs > 220 {
		t.Errorf("%.0f allocations a form, more than 220", allocs)
	}
}

// TestPartsParsedOnce reads the generated forms with one Reader: their
// relationships and sheet lists, the same bytes in every form, are read
// once and remembered (three parts), and every workbook is the one a new
// Reader reads.
func TestPartsParsedOnce(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "gen-forms", "*.xlsx"))
	if len(files) < 2 {
		t.Fatalf("%d forms in ../testdata/gen-forms", len(files))
	}
	var rd Reader
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := rd.ReadBytes(p, data, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		want, err := ReadBytes(p, data, DefaultLimits())
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the workbook differs from a new Reader's (%v)", p, err)
		}
	}
	if len(rd.parsed) != 3 {
		t.Errorf("%d parts remembered, want 3 (_rels/.rels, the workbook's relationships, its sheet list)", len(rd.parsed))
	}
}
