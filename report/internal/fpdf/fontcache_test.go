// This file is c2isurvey's addition to fpdf v0.12.0 (docs/fpdf.md).

package fpdf

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// TestFontCutsByRunes draws documents through one font cache, each
// using other runes (among them the first runes of the font, which a
// document starts with unused: makeSubsetRange), some twice, and wants
// each to be the document drawn without a cache: a cut is taken from the
// cache only for the very runes it was made for, and is taken for them.
func TestFontCutsByRunes(t *testing.T) {
	regular, err := os.ReadFile("../../fonts/LiberationSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	draw := func(c *UTF8FontCache, text string, alias bool) []byte {
		t.Helper()
		pdf := New("P", "mm", "A4", "")
		pdf.SetUTF8FontCache(c)
		pdf.SetCompression(false)
		pdf.SetCreationDate(time.Date(2012, 12, 31, 0, 0, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2012, 12, 31, 0, 0, 0, 0, time.UTC))
		if alias { // the font then starts with fewer runes (makeSubsetRange)
			pdf.AliasNbPages("")
		}
		pdf.AddUTF8FontFromBytes("Sans", "", regular)
		pdf.AddPage()
		pdf.SetFont("Sans", "", 10)
		pdf.CellFormat(0, 6, text, "", 1, "L", false, 0, "")
		b, err := pdf.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Clone(b)
	}
	texts := []string{"0123", "abc", "abc 0", "0123", "(!)", "abc", "Île", "abc 0"}
	cache := NewUTF8FontCache()
	for i, text := range texts {
		for _, alias := range []bool{false, true} {
			got, want := draw(cache, text, alias), draw(nil, text, alias)
			if !bytes.Equal(got, want) {
				t.Errorf("document %d (%q, alias %v): %d bytes through the cache, %d without", i, text, alias, len(got), len(want))
			}
		}
	}
	// One cut for each text and alias, the repeated ones (three texts,
	// twice each) taken from the cache.
	if len(cache.defs) != 1 {
		t.Fatalf("the cache holds %d fonts, want 1", len(cache.defs))
	}
	if c := cache.defs[0].cmap; len(c.cuts) != 10 || c.hits != 6 {
		t.Errorf("the cache holds %d cuts and gave %d, want 10 (5 texts, with and without an alias) and 6", len(c.cuts), c.hits)
	}
}
