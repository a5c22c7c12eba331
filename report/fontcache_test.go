package report

import (
	"bytes"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFontCacheSameBytes draws the public and quality reports of several
// years at once through one font cache, as a run does (runShared.fonts),
// and compares each with the same document drawn alone, its fonts parsed
// by fpdf: the cache must change nothing in a document. The documents of
// the English input, whose texts differ, share the cache too.
func TestFontCacheSameBytes(t *testing.T) {
	type doc struct {
		lang    string
		year    int
		quality bool
	}
	var docs []doc
	for _, lang := range []string{"fr", "en"} {
		for _, y := range []int{2010, 2011, 2012} {
			docs = append(docs, doc{lang, y, false}, doc{lang, y, true})
		}
	}
	inputs := map[string]Input{"fr": testInput(t, "fr"), "en": testInput(t, "en")}
	draw := func(d doc, in Input) ([]byte, error) {
		var buf bytes.Buffer
		var err error
		if d.quality {
			err = WriteQualityPDF(t.Context(), &buf, in, d.year)
		} else {
			err = WritePDF(t.Context(), &buf, in, d.year)
		}
		return buf.Bytes(), err
	}
	alone := make([][]byte, len(docs))
	for i, d := range docs {
		b, err := draw(d, inputs[d.lang]) // no shared state: no cache
		if err != nil {
			t.Fatalf("%v alone: %v", d, err)
		}
		alone[i] = b
	}

	cache := fpdf.NewUTF8FontCache()
	cached := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		in := inputs[d.lang]
		in.shared = &runShared{fonts: cache}
		wg.Go(func() { cached[i], errs[i] = draw(d, in) })
	}
	wg.Wait()
	for i, d := range docs {
		if errs[i] != nil {
			t.Fatalf("%v through the cache: %v", d, errs[i])
		}
		if !bytes.Equal(alone[i], cached[i]) {
			t.Errorf("%v: %d bytes through the cache, %d alone: the documents differ", d, len(cached[i]), len(alone[i]))
		}
	}
	// The three fonts, parsed once each: the cache was used.
	if n := cache.Len(); n != 3 {
		t.Errorf("the cache holds %d fonts, want the 3 of the reports", n)
	}
}
