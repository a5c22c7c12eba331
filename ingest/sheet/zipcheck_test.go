package sheet

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestZipEntryNames checks that a workbook read differently by different
// programs is refused as damaged with a detail naming the entry.
func TestZipEntryNames(t *testing.T) {
	tests := []struct {
		dir    string
		detail string
	}{
		{"xlsx-duplicate-entry", `two zip entries have the name "xl/worksheets/sheet1.xml"`},
		{"xlsx-duplicate-case", `("xl/worksheets/sheet1.xml" and "XL/Worksheets/Sheet1.xml")`},
		{"xlsx-local-name", `zip entry "xl/worksheets/sheet1.xml" is named "xl/worksheets/sheet9.xml" in its local header`},
	}
	for _, tt := range tests {
		_, err := Read(filepath.Join("testdata", tt.dir, "input.xlsx"), DefaultLimits())
		var se *Error
		if !errors.As(err, &se) || se.Kind != ErrDamaged || !strings.Contains(se.Detail, tt.detail) {
			t.Errorf("%s: error %v; want kind %s with %s", tt.dir, err, ErrDamaged, tt.detail)
		}
	}
}

// TestCheckLocalNamesTruncated checks that the walk of the central
// directory stays within the bytes whatever they claim.
func TestCheckLocalNamesTruncated(t *testing.T) {
	data := formBytes(t)
	for cut := 1; cut < len(data); cut += 7 {
		_ = checkLocalNames(data[:cut]) // must not panic
	}
}

func formBytes(t *testing.T) []byte {
	t.Helper()
	data, err := Load(filepath.Join("testdata", "xlsx-form", "input.xlsx"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return data
}
