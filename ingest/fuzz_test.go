package ingest

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseCount checks that the count parser never panics, never returns a
// negative count, and reads back its own output with any thousands
// separator.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"17671", "17 671", "17\u00a0671", "17\u202f671", "17 671,0", "-3", "12,5", "1.234.567", "", "abc", "\u22125", "+0", "00012"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCount(s)
		if err != nil {
			if n != 0 {
				t.Fatalf("ParseCount(%q) = %d with error %v", s, n, err)
			}
			if kindOf(err) == "other" {
				t.Fatalf("ParseCount(%q): error %v is not a *ValueError", s, err)
			}
			return
		}
		if n < 0 || n > maxCount {
			t.Fatalf("ParseCount(%q) = %d, out of range", s, n)
		}
		for _, sep := range []string{"", " ", "\u00a0", "\u202f"} {
			w := strings.ReplaceAll(formatCount("fr", n), "\u202f", sep)
			if m, err := ParseCount(w); err != nil || m != n {
				t.Fatalf("ParseCount(%q) = %d, %v; want %d (from %q)", w, m, err, n, s)
			}
		}
		if m, err := ParseCount(strconv.FormatInt(n, 10) + ",00"); err != nil || m != n {
			t.Fatalf("decimal zeros: %d, %v", m, err)
		}
	})
}
