package sheet

import (
	"archive/zip"
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
		_ = checkLocalNames(memView(data[:cut])) // must not panic
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

// TestPartKey holds partKey, and the key lookup makes on the stack, to
// the normalisation parts were always looked up by.
func TestPartKey(t *testing.T) {
	ref := func(name string) string {
		return strings.ToLower(strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/"))
	}
	names := []string{"", "/", "//", `\`, `\/x`, `/\x`, "xl/workbook.xml", "XL/Workbook.xml", "/xl/workbook.xml",
		`xl\worksheets\Sheet1.xml`, "[Content_Types].xml", "docProps/core.xml", "xl/ÉTAT.xml", "xl/état.xml",
		"ΣΊΣΥΦΟΣ", "x\x00Y", strings.Repeat("A", 300), strings.Repeat("a", 256), strings.Repeat("A", 256), "\xff\xfeA"}
	for _, n := range names {
		if got, want := partKey(n), ref(n); got != want {
			t.Errorf("partKey(%q) = %q, want %q", n, got, want)
		}
		var buf [256]byte
		if k, ok := asciiPartKey(buf[:0], n); ok && string(k) != ref(n) {
			t.Errorf("asciiPartKey(%q) = %q, want %q", n, k, ref(n))
		}
	}
	// A package's lookup finds a part under any of its spellings.
	p := &zipPackage{parts: map[string]*zip.File{}, data: map[string][]byte{}}
	for _, n := range names {
		f := &zip.File{FileHeader: zip.FileHeader{Name: n}}
		p.parts[ref(n)] = f
		p.data[ref(n)] = []byte(n)
		if got, data, ok := p.lookup(n); got != f || !ok || string(data) != n {
			t.Errorf("lookup(%q): entry %v, bytes %q", n, got, data)
		}
		delete(p.parts, ref(n))
		delete(p.data, ref(n))
	}
}
