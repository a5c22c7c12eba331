package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"c2isurvey/ingest/testutil"

	"github.com/xuri/excelize/v2"
)

//go:generate go run ./internal/mkfixtures -dir testdata

var update = flag.Bool("update", false, "rewrite golden files")

// dump renders a Read outcome as text for the golden files: the error kind
// (and sheet) for a refusal, else every cell with its kind. The error
// Detail is left out: it holds Go error texts that are not a contract.
func dump(wb *Workbook, err error) string {
	var b strings.Builder
	if err != nil {
		var se *Error
		if !errors.As(err, &se) {
			return fmt.Sprintf("NOT AN *Error: %T %v\n", err, err)
		}
		fmt.Fprintf(&b, "error: %s\n", se.Kind)
		if se.Sheet != "" {
			fmt.Fprintf(&b, "sheet: %s\n", se.Sheet)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "format: %s\n", wb.Format)
	if wb.Format == CSV {
		fmt.Fprintf(&b, "encoding: %s\nseparator: %q\n", wb.Encoding, wb.Separator)
	}
	kinds := map[Kind]string{Empty: "empty", Text: "text", Number: "number", Bool: "bool", ErrorValue: "error", NoValue: "novalue"}
	for _, sh := range wb.Sheets {
		fmt.Fprintf(&b, "sheet %q hidden=%v rows=%d\n", sh.Name, sh.Hidden, len(sh.Rows))
		if len(sh.HiddenRows) > 0 || len(sh.HiddenCols) > 0 {
			fmt.Fprintf(&b, "  hidden rows %v, hidden columns %v\n", sh.HiddenRows, sh.HiddenCols)
		}
		for i, row := range sh.Rows {
			for j, c := range row {
				if c.Kind == Empty && !c.Formula {
					continue
				}
				f := ""
				if c.Formula {
					f = " formula"
				}
				fmt.Fprintf(&b, "  %s %s%s %q\n", CellRef(i+1, j+1), kinds[c.Kind], f, c.Value)
			}
		}
	}
	return b.String()
}

func TestReadCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if filepath.Base(dir) == "fuzz" {
			continue
		}
		inputs, _ := filepath.Glob(filepath.Join(dir, "input.*"))
		if len(inputs) != 1 {
			t.Errorf("%s: want exactly one input.* file, have %v", dir, inputs)
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			wb, err := Read(inputs[0], DefaultLimits())
			got := dump(wb, err)
			if (wb == nil) == (err == nil) {
				t.Errorf("want exactly one of workbook and error, have %v and %v", wb, err)
			}
			testutil.Golden(t, filepath.Join(dir, "want.txt"), []byte(got), *update)
		})
	}
	if n < 20 {
		t.Errorf("only %d cases found under testdata", n)
	}
}

// TestFormAgainstExcelize cross-checks the numbers and texts of the
// excelize-written form with excelize's own raw reading, an implementation
// independent of ours.
func TestFormAgainstExcelize(t *testing.T) {
	path := filepath.Join("testdata", "xlsx-form", "input.xlsx")
	wb, err := Read(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checked := 0
	for _, sh := range wb.Sheets {
		for i, row := range sh.Rows {
			for j, c := range row {
				if c.Kind != Text && c.Kind != Number {
					continue
				}
				want, err := f.GetCellValue(sh.Name, CellRef(i+1, j+1))
				if err != nil {
					t.Fatal(err)
				}
				if c.Value != want {
					t.Errorf("%s!%s: we read %q, excelize %q", sh.Name, CellRef(i+1, j+1), c.Value, want)
				}
				checked++
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d cells compared", checked)
	}
}

func TestLimits(t *testing.T) {
	form := filepath.Join("testdata", "xlsx-form", "input.xlsx")
	csvFile := filepath.Join("testdata", "csv-utf8-bom-semicolon", "input.csv")
	tests := []struct {
		name string
		path string
		lim  Limits
		want ErrorKind
	}{
		{"file bytes", form, Limits{MaxFileBytes: 1000}, ErrTooLarge},
		{"unzipped bytes", form, Limits{MaxUnzippedBytes: 2000}, ErrTooLarge},
		{"xlsx rows", form, Limits{MaxRows: 10}, ErrTooLarge},
		{"xlsx cols", form, Limits{MaxCols: 3}, ErrTooLarge},
		{"xlsx within", form, Limits{MaxRows: 11, MaxCols: 4}, ""},
		{"csv rows", csvFile, Limits{MaxRows: 5}, ErrTooLarge},
		{"csv cols", csvFile, Limits{MaxCols: 3}, ErrTooLarge},
		{"csv within", csvFile, Limits{MaxRows: 6, MaxCols: 4}, ""},
		{"xlsx shared strings", form, Limits{MaxSharedStrings: 5}, ErrTooLarge},
		{"xlsx text", form, Limits{MaxTextBytes: 100}, ErrTooLarge},
		{"xlsx cells", form, Limits{MaxCells: 30}, ErrTooLarge},
		{"csv text", csvFile, Limits{MaxTextBytes: 50}, ErrTooLarge},
		{"csv cells", csvFile, Limits{MaxCells: 10}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.path, tt.lim)
			var se *Error
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (!errors.As(err, &se) || se.Kind != tt.want):
				t.Errorf("error %v, want kind %s", err, tt.want)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "absent.xlsx"), DefaultLimits())
	var se *Error
	if !errors.As(err, &se) || se.Kind != ErrUnreadable {
		t.Fatalf("error %v, want kind %s", err, ErrUnreadable)
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		ref      string
		row, col int
		ok       bool
	}{
		{"A1", 1, 1, true},
		{"C7", 7, 3, true},
		{"AA10", 10, 27, true},
		{"XFD1048576", 1048576, 16384, true},
		{"$B$2", 2, 2, true},
		{"A0", 0, 0, false},
		{"1A", 0, 0, false},
		{"A", 0, 0, false},
		{"ABCDE1", 0, 0, false},
		{"A1234567890", 0, 0, false},
		{"A1B", 0, 0, false},
	}
	for _, tt := range tests {
		row, col, ok := parseRef(tt.ref)
		if ok != tt.ok || (ok && (row != tt.row || col != tt.col)) {
			t.Errorf("parseRef(%q) = %d, %d, %v; want %d, %d, %v", tt.ref, row, col, ok, tt.row, tt.col, tt.ok)
		}
	}
}

func TestDetectSeparator(t *testing.T) {
	tests := []struct {
		name, text string
		want       rune
	}{
		{"french decimals", "Parcours;Taux\nMasters;64,6\nDoctorats;59,1\n", ';'},
		{"french thousands", "A;B;C\n1 234,5;2,5;3\n", ';'},
		{"english", "Track,Students,Certificates\nMasters,1234,800\n", ','},
		{"tab with decimal commas", "Parcours\tTaux\nMasters\t64,6\n", '\t'},
		{"quoted commas ignored", "\"a,b,c\";\"d,e\"\n\"f,g\";h\n", ';'},
		{"single column", "Parcours\nDoctorats\n", ';'},
		{"title line then table", "Enquête C2i2e, année 2012\nParcours;Étudiants;Certificats\nMasters;10;5\nDoctorats;3;1\n", ';'},
	}
	for _, tt := range tests {
		if got := detectSeparator(tt.text); got != tt.want {
			t.Errorf("%s: detectSeparator = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDecodeOOXMLEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a_x000D_b", "a\rb"},
		{"_x005F_x000D_", "_x000D_"},
		{"_xZZZZ_", "_xZZZZ_"},
		{"end_x00", "end_x00"},
	}
	for _, tt := range tests {
		if got := decodeOOXMLEscapes(tt.in); got != tt.want {
			t.Errorf("decodeOOXMLEscapes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// zipBomb writes a workbook-shaped zip whose sheet entry inflates to size
// bytes of zeros; declared is the uncompressed size its headers claim.
func zipBomb(t testing.TB, size, declared uint64) []byte {
	t.Helper()
	comp := deflateZeros(t, size)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "xl/worksheets/sheet1.xml",
		Method:             zip.Deflate,
		CRC32:              0, // never reached: the size checks stop first
		CompressedSize64:   uint64(len(comp)),
		UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(comp); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		name           string
		size, declared uint64
		want           ErrorKind
	}{
		{"honest header", gib, gib, ErrTooLarge},
		// The header claims 1 KiB: archive/zip stops at the claimed length
		// and reports the entry as damaged.
		{"lying header", gib, 1024, ErrDamaged},
		// Claims exactly what the limit allows but inflates to more:
		// archive/zip stops at the claimed length (which our own count of
		// bytes read would also catch, one byte later).
		{"header at the limit", gib, 256 << 20, ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := zipBomb(t, tt.size, tt.declared)
			path := filepath.Join(t.TempDir(), "bomb.xlsx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Read(path, DefaultLimits())
			runtime.ReadMemStats(&after)
			var se *Error
			if !errors.As(err, &se) || se.Kind != tt.want {
				t.Fatalf("error %v, want kind %s", err, tt.want)
			}
			// The file itself (6.6 MB) is read into memory; refusing it
			// must cost little more than that, never the gigabyte.
			if got := after.TotalAlloc - before.TotalAlloc; got > uint64(len(data))+4<<20 {
				t.Errorf("refusing the bomb allocated %d bytes for a %d-byte file", got, len(data))
			}
		})
	}
}

func BenchmarkReadForm(b *testing.B) {
	path := filepath.Join("testdata", "xlsx-form", "input.xlsx")
	for b.Loop() {
		if _, err := Read(path, DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

// deflateZeros returns a raw deflate stream of size zero bytes, written
// directly as one fixed-Huffman block (a literal 0, then matches of length
// 258 at distance 1): 13 bits per 258 bytes, so 1 GiB costs 6.6 MB and a
// few milliseconds instead of compressing a gigabyte.
func deflateZeros(t testing.TB, size uint64) []byte {
	t.Helper()
	if size == 0 {
		t.Fatal("deflateZeros: size 0")
	}
	var w bitWriter
	w.bits(1, 1) // BFINAL
	w.bits(1, 2) // BTYPE 01: fixed Huffman
	literal0 := func() { w.code(0x30, 8) }
	literal0()
	rest := size - 1
	for ; rest >= 258; rest -= 258 {
		w.code(0xC5, 8) // length code 285: 258 bytes
		w.code(0, 5)    // distance code 0: distance 1
	}
	for ; rest > 0; rest-- {
		literal0()
	}
	w.code(0, 7) // end of block
	return w.flush()
}

// bitWriter packs bits least significant first, as deflate does.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

// code writes a Huffman code, which deflate stores most significant bit first.
func (w *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.bits(r, n)
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	return w.out
}

func TestDeflateZeros(t *testing.T) {
	for _, n := range []uint64{1, 2, 258, 259, 1000, 70000} {
		r := flate.NewReader(bytes.NewReader(deflateZeros(t, n)))
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%d: %v", n, err)
		}
		if uint64(len(got)) != n || bytes.ContainsFunc(got, func(r rune) bool { return r != 0 }) {
			t.Fatalf("%d zeros: inflated to %d bytes", n, len(got))
		}
	}
}

// BenchmarkRefuseZipBomb measures what refusing a 1 GiB zip bomb costs:
// time per refusal and bytes allocated (B/op), for both an honest header
// (refused from the central directory) and a lying one (refused while
// inflating, at the claimed length).
func BenchmarkRefuseZipBomb(b *testing.B) {
	for _, bc := range []struct {
		name     string
		declared uint64
	}{{"honest", 1 << 30}, {"lying-at-limit", 256 << 20}} {
		data := zipBomb(b, 1<<30, bc.declared)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadBytes("bomb.xlsx", data, DefaultLimits()); err == nil {
					b.Fatal("zip bomb accepted")
				}
			}
		})
	}
}

// TestReadOpened holds readOpened, which reads with system calls on unix,
// to what os.Open, File.Stat and io.ReadFull give: the same bytes, and
// the same refusals in the same words.
func TestReadOpened(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "enquete.xlsx")
	content := []byte("PK\x03\x04 some bytes")
	if err := os.WriteFile(file, content, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "absent.xlsx")
	_, openErr := os.Open(missing)
	for _, tc := range []struct {
		name, path string
		max        int64
		buf        []byte
		want       string // the error's detail, "" for the content
		kind       ErrorKind
	}{
		{"a file", file, 1 << 20, nil, "", ""},
		{"into a buffer large enough", file, 1 << 20, make([]byte, 0, 64), "", ""},
		{"into a buffer too small", file, 1 << 20, make([]byte, 0, 4), "", ""},
		{"missing", missing, 1 << 20, nil, fmt.Sprintf("open %s: %v", missing, openErr), ErrUnreadable},
		{"a folder", dir, 1 << 20, nil, dir + " is not a regular file", ErrUnreadable},
		{"larger than the limit", file, 4, nil, fmt.Sprintf("%s: %d bytes, limit 4", file, len(content)), ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := readOpened(tc.path, tc.max, tc.buf)
			if tc.want == "" {
				if err != nil || !bytes.Equal(data, content) {
					t.Fatalf("readOpened = %q, %v; want the file's bytes", data, err)
				}
				return
			}
			var se *Error
			if !errors.As(err, &se) || se.Kind != tc.kind || se.Detail != tc.want {
				t.Fatalf("readOpened error %v, want %s: %s", err, tc.kind, tc.want)
			}
		})
	}
}
