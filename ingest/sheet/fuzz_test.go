package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzLimits are tighter than the defaults so that one input costs little.
var fuzzLimits = Limits{MaxFileBytes: 1 << 20, MaxUnzippedBytes: 16 << 20, MaxRows: 10_000, MaxCols: 200}

// checkOutcome is the property of both fuzz targets: exactly one of
// workbook and error, the error an *Error of a known kind and never a
// recovered panic, the grid within the limits.
func checkOutcome(t *testing.T, wb *Workbook, err error) {
	t.Helper()
	if err != nil {
		var se *Error
		if !errors.As(err, &se) {
			t.Fatalf("error is %T, not *Error: %v", err, err)
		}
		switch se.Kind {
		case ErrEmpty, ErrDamaged, ErrNotSpreadsheet, ErrLegacyXLS, ErrODS, ErrEncrypted, ErrTooLarge, ErrUnreadable:
		default:
			t.Fatalf("unknown error kind %q", se.Kind)
		}
		if strings.Contains(se.Detail, "internal error while reading") {
			t.Fatalf("panic while reading: %s", se.Detail)
		}
		if wb != nil {
			t.Fatal("both a workbook and an error")
		}
		return
	}
	if wb == nil || len(wb.Sheets) == 0 {
		t.Fatal("no error and no sheet")
	}
	for _, sh := range wb.Sheets {
		if len(sh.Rows) > fuzzLimits.MaxRows {
			t.Fatalf("sheet %q: %d rows over the limit", sh.Name, len(sh.Rows))
		}
		for _, r := range sh.Rows {
			if len(r) > fuzzLimits.MaxCols {
				t.Fatalf("sheet %q: %d columns over the limit", sh.Name, len(r))
			}
		}
	}
}

func addSeeds(f *testing.F, glob string) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", glob))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzReadCSV(f *testing.F) {
	addSeeds(f, "input.csv")
	addSeeds(f, "input.txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := ReadBytes("fuzz.csv", data, fuzzLimits)
		checkOutcome(t, wb, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	addSeeds(f, "input.xlsx")
	addSeeds(f, "input.xls")
	addSeeds(f, "input.ods")
	addSeeds(f, "input.doc")
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := ReadBytes("fuzz.xlsx", data, fuzzLimits)
		checkOutcome(t, wb, err)
	})
}

// FuzzScanCSV checks the byte scan that guards encoding/csv against
// encoding/csv itself: it follows the same quoting rules, so it must
// foresee exactly whether strict quoting holds for the whole text (and the
// text must then parse with lazy quotes), which is what lets the file be
// parsed once.
func FuzzScanCSV(f *testing.F) {
	addSeeds(f, "input.csv")
	f.Add([]byte("a;\"b\"c;d\n\"e\n;f\";g\n\n\"h"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.IndexByte(data, 0) >= 0 {
			return
		}
		text, err := io.ReadAll(&lineEnds{r: bytes.NewReader(data)})
		if err != nil {
			t.Fatal(err)
		}
		strict, err := scanCSV(bytes.NewReader(text), ';', "utf-8", 7)
		if err != nil {
			return // a field or record over the bounds: not this property
		}
		records := func(lazy bool) (int, error) {
			r := csv.NewReader(bytes.NewReader(text))
			r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, lazy
			n := 0
			for {
				_, err := r.Read()
				if err == io.EOF {
					return n, nil
				}
				if err != nil {
					return n, err
				}
				n++
			}
		}
		if _, err := records(false); (err == nil) != strict {
			t.Fatalf("scan says strict=%v, encoding/csv strict: %v", strict, err)
		}
		if _, err := records(true); err != nil {
			t.Fatalf("encoding/csv with lazy quotes: %v", err)
		}
	})
}
