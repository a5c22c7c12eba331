package report

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"c2isurvey/ingest/tracks"
)

// The PDF metadata tests read the bytes WritePDF wrote with a small reader
// of the PDF object syntax (the cross-reference table, dictionaries, arrays,
// literal strings, references), so that they always run: fpdf leaves the
// catalogue, the document information and the outline items uncompressed.

// pdfName is a PDF name object, without its slash.
type pdfName string

// pdfRef is an indirect reference "n 0 R".
type pdfRef int

// pdfObjects reads a PDF file's objects through its cross-reference table.
type pdfObjects struct {
	data    []byte
	offsets map[int]int // object number → byte offset of "n 0 obj"
	trailer map[pdfName]any
}

func readPDFObjects(t *testing.T, data []byte) *pdfObjects {
	t.Helper()
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		t.Fatal("PDF: no startxref")
	}
	fields := strings.Fields(string(data[i+len("startxref"):]))
	if len(fields) == 0 {
		t.Fatal("PDF: no offset after startxref")
	}
	xref, err := strconv.Atoi(fields[0])
	if err != nil || xref < 0 || xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref")) {
		t.Fatalf("PDF: startxref %q does not point at an xref table", fields[0])
	}
	tr := bytes.Index(data[xref:], []byte("trailer"))
	if tr < 0 {
		t.Fatal("PDF: no trailer")
	}
	lines := strings.Fields(string(data[xref+len("xref") : xref+tr]))
	if len(lines) < 2 {
		t.Fatal("PDF: empty xref table")
	}
	first, err1 := strconv.Atoi(lines[0])
	count, err2 := strconv.Atoi(lines[1])
	if err1 != nil || err2 != nil || len(lines) != 2+3*count {
		t.Fatalf("PDF: xref subsection %q %q with %d fields", lines[0], lines[1], len(lines)-2)
	}
	objs := &pdfObjects{data: data, offsets: map[int]int{}}
	for k := range count {
		off, err := strconv.Atoi(lines[2+3*k])
		if err != nil {
			t.Fatalf("PDF: xref entry %d: %v", first+k, err)
		}
		if lines[4+3*k] == "n" {
			objs.offsets[first+k] = off
		}
	}
	p := &pdfParser{t: t, b: data, i: xref + tr + len("trailer")}
	trailer, ok := p.value().(map[pdfName]any)
	if !ok {
		t.Fatal("PDF: trailer is not a dictionary")
	}
	objs.trailer = trailer
	return objs
}

// get returns the value of object n.
func (o *pdfObjects) get(t *testing.T, n int) any {
	t.Helper()
	off, ok := o.offsets[n]
	if !ok {
		t.Fatalf("PDF: object %d not in the xref table", n)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(o.data[off:], []byte(head)) {
		t.Fatalf("PDF: xref offset %d of object %d does not start %q", off, n, head)
	}
	p := &pdfParser{t: t, b: o.data, i: off + len(head)}
	return p.value()
}

// dict returns object ref as a dictionary.
func (o *pdfObjects) dict(t *testing.T, v any) map[pdfName]any {
	t.Helper()
	ref, ok := v.(pdfRef)
	if !ok {
		t.Fatalf("PDF: %v is not a reference", v)
	}
	d, ok := o.get(t, int(ref)).(map[pdfName]any)
	if !ok {
		t.Fatalf("PDF: object %d is not a dictionary", ref)
	}
	return d
}

// pdfParser reads one PDF value from b at i.
type pdfParser struct {
	t *testing.T
	b []byte
	i int
}

func (p *pdfParser) skipSpace() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\n', '\r', '\t', '\f', 0:
			p.i++
		case '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

func isDelim(c byte) bool { return strings.IndexByte(" \n\r\t\f\x00()<>[]{}/%", c) >= 0 }

func (p *pdfParser) token() string {
	start := p.i
	for p.i < len(p.b) && !isDelim(p.b[p.i]) {
		p.i++
	}
	return string(p.b[start:p.i])
}

func (p *pdfParser) value() any {
	p.t.Helper()
	p.skipSpace()
	if p.i >= len(p.b) {
		p.t.Fatal("PDF: unexpected end of file")
	}
	switch c := p.b[p.i]; {
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		p.i += 2
		d := map[pdfName]any{}
		for {
			p.skipSpace()
			if bytes.HasPrefix(p.b[p.i:], []byte(">>")) {
				p.i += 2
				return d
			}
			key, ok := p.value().(pdfName)
			if !ok {
				p.t.Fatalf("PDF: dictionary key at %d is not a name", p.i)
			}
			d[key] = p.value()
		}
	case c == '[':
		p.i++
		var a []any
		for {
			p.skipSpace()
			if p.i < len(p.b) && p.b[p.i] == ']' {
				p.i++
				return a
			}
			a = append(a, p.value())
		}
	case c == '/':
		p.i++
		return pdfName(p.token())
	case c == '(':
		return p.literal()
	default:
		tok := p.token()
		if tok == "" {
			p.t.Fatalf("PDF: unexpected %q at %d", c, p.i)
		}
		n, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return pdfName(tok) // true, false, null: keywords
		}
		// "n g R" is a reference.
		save := p.i
		p.skipSpace()
		if g := p.token(); g != "" {
			p.skipSpace()
			if p.i < len(p.b) && p.b[p.i] == 'R' && (p.i+1 == len(p.b) || isDelim(p.b[p.i+1])) {
				p.i++
				return pdfRef(int(n))
			}
		}
		p.i = save
		return n
	}
}

// literal reads a literal string "( ... )" with its escapes and balanced
// parentheses, and returns its bytes.
func (p *pdfParser) literal() []byte {
	p.i++ // (
	var out []byte
	depth := 0
	for p.i < len(p.b) {
		c := p.b[p.i]
		p.i++
		switch c {
		case '\\':
			if p.i >= len(p.b) {
				p.t.Fatal("PDF: string ends in a backslash")
			}
			e := p.b[p.i]
			p.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\n':
			case '\r':
				if p.i < len(p.b) && p.b[p.i] == '\n' {
					p.i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '7'; k++ {
						v = v*8 + int(p.b[p.i]-'0')
						p.i++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			if depth == 0 {
				return out
			}
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	p.t.Fatal("PDF: unterminated string")
	return nil
}

// pdfTextString decodes a PDF text string: UTF-16BE after its byte order
// mark, else PDFDocEncoding, which agrees with Latin-1 on the letters a
// report title uses.
func pdfTextString(t *testing.T, v any) string {
	t.Helper()
	b, ok := v.([]byte)
	if !ok {
		t.Fatalf("PDF: %v is not a string", v)
	}
	if bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		b = b[2:]
		if len(b)%2 != 0 {
			t.Fatalf("PDF: UTF-16 string of odd length %d", len(b))
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// outlineEntry is one outline item as read back: its level, title and the
// page (1-based) it points at.
type outlineEntry struct {
	level int
	title string
	page  int
	top   float64 // the /Dest's top, in points from the page's foot
}

func (e outlineEntry) String() string { return fmt.Sprintf("%d %q p.%d", e.level, e.title, e.page) }

// readOutline walks the outline tree from the catalogue's /Outlines, first
// child to last through /First and /Next, checking each item's /Parent.
func readOutline(t *testing.T, objs *pdfObjects, catalog map[pdfName]any, pages []any) []outlineEntry {
	t.Helper()
	rootRef, ok := catalog["Outlines"].(pdfRef)
	if !ok {
		t.Fatal("catalogue has no /Outlines")
	}
	// A viewer opens the document with its bookmarks shown.
	if mode := catalog["PageMode"]; mode != pdfName("UseOutlines") {
		t.Errorf("catalogue /PageMode = %v, want /UseOutlines", mode)
	}
	root := objs.dict(t, rootRef)
	if root["Type"] != pdfName("Outlines") {
		t.Errorf("/Outlines object has /Type %v", root["Type"])
	}
	pageOf := map[pdfRef]int{}
	for i, p := range pages {
		pageOf[p.(pdfRef)] = i + 1
	}
	var out []outlineEntry
	var walk func(parent pdfRef, first any, level int)
	walk = func(parent pdfRef, first any, level int) {
		seen := 0
		for ref, ok := first.(pdfRef); ok; ref, ok = objs.dict(t, ref)["Next"].(pdfRef) {
			if seen++; seen > 1000 {
				t.Fatal("outline: a /Next chain that does not end")
			}
			item := objs.dict(t, ref)
			if item["Parent"] != parent {
				t.Errorf("outline item %d: /Parent %v, want %v", ref, item["Parent"], parent)
			}
			// fpdf writes [page /XYZ left top zoom].
			dest, _ := item["Dest"].([]any)
			page, top := 0, 0.0
			if len(dest) == 5 && dest[1] == pdfName("XYZ") {
				ref, _ := dest[0].(pdfRef)
				page = pageOf[ref]
				top, _ = dest[3].(float64)
			}
			if page == 0 {
				t.Errorf("outline item %d: /Dest %v is not a place in a page of the document", ref, item["Dest"])
			}
			out = append(out, outlineEntry{level, pdfTextString(t, item["Title"]), page, top})
			if child, ok := item["First"]; ok {
				walk(ref, child, level+1)
			}
		}
	}
	walk(rootRef, root["First"], 0)
	return out
}

// outlineWant is the outline a year's report must carry: a catalogue key per
// section (level 0) and per titled part of one (level 1).
type outlineWant struct {
	level int
	key   string
}

func TestPDFMetadata(t *testing.T) {
	methods := func(broken bool) []outlineWant {
		w := []outlineWant{
			{0, "methods.title"},
			{1, "methods.scope.h"},
			{1, "methods.year.h"},
			{1, "methods.students.h"},
		}
		if broken {
			w = append(w, outlineWant{1, "methods.free.h"})
		}
		w = append(w, outlineWant{1, "methods.certs.h"}, outlineWant{1, "methods.rate.h"})
		if broken {
			w = append(w, outlineWant{1, "methods.share.h"})
		}
		return append(w,
			outlineWant{1, "methods.small.h"},
			outlineWant{1, "methods.changes.h"},
			outlineWant{1, "methods.asof.h"},
			outlineWant{1, "methods.published.h"})
	}
	join := func(parts ...[]outlineWant) []outlineWant {
		var all []outlineWant
		for _, p := range parts {
			all = append(all, p...)
		}
		return all
	}
	withTracks := join([]outlineWant{
		{0, "outline.cover"},
		{0, "ess.title"},
		{0, "key.title"},
		{0, "national.title"},
		{1, "national.table"},
		{1, "chart.title"},
		{0, "tracks.title"},
		{1, "tracks.chart"},
		{1, "series.title"},
		{0, "acad.title"},
		{0, "inst.title"},
		{0, "qsum.title"},
	}, methods(true))
	// A year reported in totals only says so in a sentence: no chart.
	totalsOnly := join([]outlineWant{
		{0, "outline.cover"},
		{0, "ess.title"},
		{0, "key.title"},
		{0, "national.title"},
		{1, "national.table"},
		{1, "chart.title"},
		{0, "tracks.title"},
		{0, "acad.title"},
		{0, "inst.title"},
		{0, "qsum.title"},
	}, methods(false))

	tests := []struct {
		lang, wantLang string
		year           int
		want           []outlineWant
	}{
		{"fr", "fr-FR", 2012, withTracks},
		{"en", "en-GB", 2012, withTracks},
		{"fr", "fr-FR", 2008, totalsOnly},
		{"en", "en-GB", 2008, totalsOnly},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %d", tc.lang, tc.year), func(t *testing.T) {
			pdf := renderPDF(t, testInput(t, tc.lang), tc.year)
			objs := readPDFObjects(t, pdf)
			catalog := objs.dict(t, objs.trailer["Root"])
			info := objs.dict(t, objs.trailer["Info"])

			if got := string(catalog["Lang"].([]byte)); got != tc.wantLang {
				t.Errorf("/Lang = %q, want %q", got, tc.wantLang)
			}
			yl := YearLabel(tc.year)
			for _, m := range []struct {
				key  pdfName
				want string
			}{
				{"Title", T(tc.lang, "report.title") + " " + yl},
				{"Subject", fmt.Sprintf(T(tc.lang, "pdf.subject"), yl)},
				{"Keywords", fmt.Sprintf(T(tc.lang, "pdf.keywords"), yl)},
				{"Author", T(tc.lang, "author")},
			} {
				v, ok := info[m.key]
				if !ok {
					t.Errorf("document information has no /%s", m.key)
					continue
				}
				if got := pdfTextString(t, v); got != m.want {
					t.Errorf("/%s = %q, want %q", m.key, got, m.want)
				}
			}

			pages, _ := objs.dict(t, catalog["Pages"])["Kids"].([]any)
			got := readOutline(t, objs, catalog, pages)
			var want []string
			for _, w := range tc.want {
				text := T(tc.lang, w.key)
				if w.key == "series.title" {
					text = fmt.Sprintf(text, groupLabel(tracks.Default(), "masters", tc.lang), groupLabel(tracks.Default(), "formation-continue", tc.lang))
				}
				want = append(want, fmt.Sprintf("%d %q", w.level, text))
			}
			var gotLT []string
			for _, e := range got {
				gotLT = append(gotLT, fmt.Sprintf("%d %q", e.level, e.title))
			}
			if strings.Join(gotLT, "\n") != strings.Join(want, "\n") {
				t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(gotLT, "\n"), strings.Join(want, "\n"))
			}
			if len(got) > 0 && got[0].page != 1 {
				t.Errorf("cover entry points at page %d", got[0].page)
			}
			for i := 1; i < len(got); i++ {
				if got[i].page < got[i-1].page {
					t.Errorf("outline goes back: %v after %v", got[i], got[i-1])
				}
			}

			// Each entry points at the page its title is printed on: the
			// outline breaks the page as the title's cell would.
			if _, err := exec.LookPath("pdftotext"); err != nil {
				t.Log("pdftotext not found (poppler-utils): the titles' pages are not checked")
				return
			}
			text := pdfPages(t, pdf)
			if len(text) != len(pages) {
				t.Fatalf("pdftotext read %d pages, the page tree has %d", len(text), len(pages))
			}
			for _, e := range got[1:] { // the cover's entry names the page, not a printed title
				title := strings.NewReplacer(ThinNBSP, " ", NBSP, " ").Replace(e.title)
				if !strings.Contains(text[e.page-1], title) {
					t.Errorf("%v: title not on that page", e)
				}
			}
		})
	}
}

// TestPDFOutlineAtPageFoot: a title with no room left at the foot of a page
// is printed at the top of the next, and its outline entry points there,
// not at the foot of the page before.
func TestPDFOutlineAtPageFoot(t *testing.T) {
	for _, tc := range []struct {
		name  string
		title func(d *pdfDoc, text string)
		level int
	}{
		{"heading", (*pdfDoc).heading, 0},
		{"subheading", (*pdfDoc).subheading, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newPDFDoc(t.Context(), "fr", 2012, nil)
			d.f.AddPage()
			d.heading("Première partie")
			d.f.SetY(bottomLimit - 3) // less than either title's height
			tc.title(d, "Titre en pied de page")
			var buf bytes.Buffer
			if err := d.output(&buf); err != nil {
				t.Fatal(err)
			}
			objs := readPDFObjects(t, buf.Bytes())
			catalog := objs.dict(t, objs.trailer["Root"])
			pages, _ := objs.dict(t, catalog["Pages"])["Kids"].([]any)
			if len(pages) != 2 {
				t.Fatalf("%d pages, want 2", len(pages))
			}
			got := readOutline(t, objs, catalog, pages)
			want := []outlineEntry{
				{0, "Première partie", 1, (pageH - marginT) * 72 / 25.4},
				{tc.level, "Titre en pied de page", 2, (pageH - marginT) * 72 / 25.4},
			}
			if len(got) != len(want) {
				t.Fatalf("outline %v, want %v", got, want)
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.level != w.level || g.title != w.title || g.page != w.page || g.top < w.top-0.01 || g.top > w.top+0.01 {
					t.Errorf("entry %d: %v top %.2f, want %v top %.2f", i, g, g.top, w, w.top)
				}
			}
			if _, err := exec.LookPath("pdftotext"); err != nil {
				t.Log("pdftotext not found (poppler-utils): the title's page is not checked")
				return
			}
			if text := pdfPages(t, buf.Bytes()); len(text) != 2 || !strings.Contains(text[1], "Titre en pied de page") {
				t.Errorf("the title is not printed on page 2: %q", text)
			}
		})
	}
}
