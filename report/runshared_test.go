package report

import (
	"bytes"
	"slices"
	"strings"
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

// TestOnceValue: a shared value is computed once whatever the number of
// outputs asking at once, and a panic while computing it is the error of
// every output that asks.
func TestOnceValue(t *testing.T) {
	var o onceValue[int]
	calls := 0
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() { got[i], _ = o.get(func() (int, error) { calls++; return 42, nil }) })
	}
	wg.Wait()
	if calls != 1 || slices.ContainsFunc(got, func(v int) bool { return v != 42 }) {
		t.Errorf("computed %d times, got %v; want once, 42 each", calls, got)
	}
	var p onceValue[int]
	for range 2 {
		if _, err := p.get(func() (int, error) { panic("boom") }); err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("after a panic: error %v, want one naming it", err)
		}
	}
}

// TestSharedAnalysis: within a run, the completeness and the panel are
// built once and given to every output that reads them; an output drawn
// on its own builds its own.
func TestSharedAnalysis(t *testing.T) {
	in := testInput(t, "fr")
	in.shared = &runShared{}
	c1, rel1, err := in.completeness()
	if err != nil {
		t.Fatal(err)
	}
	c2, rel2, _ := in.completeness()
	p1, relp1, err := in.panel()
	if err != nil {
		t.Fatal(err)
	}
	p2, relp2, _ := in.panel()
	if c1 != c2 || p1 != p2 {
		t.Errorf("the run's outputs were given different tables: %p %p, %p %p", c1, c2, p1, p2)
	}
	rel1()
	rel2()
	relp1()
	relp2()
	in.shared = nil
	c3, rel3, _ := in.completeness()
	defer rel3()
	if c3 == c1 {
		t.Error("an output on its own was given the run's table")
	}
}

// TestShowCell: a table cell's text is shown as pdfShow shows it, the
// first time and when remembered, and a long text is not kept.
func TestShowCell(t *testing.T) {
	d := newPDFDoc(t.Context(), "fr", 2012, nil)
	long := strings.Repeat("é", shownMaxText)
	for _, s := range []string{"", "0751717J", "Université de Nice", "e\u0301cole", "a\u202Eb", "🎓 emoji", "tab\there", long} {
		for range 2 {
			if got, want := d.showCell(s), pdfShow(s); got != want {
				t.Errorf("showCell(%q) = %q, pdfShow gives %q", s, got, want)
			}
		}
	}
	if _, kept := d.shown[long]; kept {
		t.Error("a text longer than shownMaxText was kept")
	}
	if _, kept := d.shown["Université de Nice"]; !kept {
		t.Error("a name was not remembered")
	}
}
