package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet/internal/hostile"
)

// scanTokens runs doc through the scanner (in memory, or streamed when
// stream is true) and renders its tokens, adjacent texts joined.
func scanTokens(doc []byte, stream bool) ([]string, error) {
	var s *xmlScanner
	if stream {
		s = newScanner("test.xml", nil, iotestHalf{bytes.NewReader(doc)})
	} else {
		s = newScanner("test.xml", doc, nil)
	}
	s.trackNS = true
	var out []string
	for {
		k, err := s.next()
		if err != nil {
			return out, err
		}
		switch k {
		case tokEOF:
			return out, nil
		case tokStart:
			t := "<" + string(s.local)
			for _, a := range s.attrs {
				t += fmt.Sprintf(" {%s}%s=%q", s.attrSpace(a), a.local, a.val)
			}
			out = append(out, t+">")
		case tokEnd:
			out = append(out, "</"+string(s.local)+">")
		case tokText:
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "T:") {
				out[n-1] += string(s.text)
			} else {
				out = append(out, "T:"+string(s.text))
			}
		}
	}
}

// iotestHalf returns at most half of what is asked, to exercise the
// scanner's window over a stream.
type iotestHalf struct{ r io.Reader }

func (h iotestHalf) Read(p []byte) (int, error) { return h.r.Read(p[:(len(p)+1)/2]) }

// xmlTokens is scanTokens by encoding/xml behind the guard, as the reader
// read parts before the scanner (comments and processing instructions,
// which the scanner skips once checked, left out).
func xmlTokens(doc []byte) ([]string, error) {
	g := &xmlGuard{r: bytes.NewReader(doc), part: "test.xml"}
	x := &xmlReader{d: xml.NewDecoder(g), guard: g}
	var out []string
	for {
		tok, err := x.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" {%s}%s=%q", a.Name.Space, a.Name.Local, a.Value)
			}
			out = append(out, s+">")
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local+">")
		case xml.CharData:
			if n := len(out); n > 0 && strings.HasPrefix(out[n-1], "T:") {
				out[n-1] += string(t)
			} else {
				out = append(out, "T:"+string(t))
			}
		}
	}
}

// checkSameTokens is the property: the scanner, in memory and streamed,
// refuses what encoding/xml refuses and otherwise gives the same tokens.
func checkSameTokens(t *testing.T, doc []byte) {
	t.Helper()
	want, werr := xmlTokens(doc)
	for _, stream := range []bool{false, true} {
		got, gerr := scanTokens(doc, stream)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("stream %v, document %q:\nscanner error %v\nencoding/xml error %v", stream, doc, gerr, werr)
		}
		if gerr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("stream %v, document %q:\nscanner  %q\nencoding/xml %q", stream, doc, got, want)
		}
	}
}

// randomXML writes a document from pieces that exercise what the scanner
// must check or decode, well-formed or not, then perhaps damages a byte.
func randomXML(rng *rand.Rand) []byte {
	// Each list: what a workbook holds, then (past the bar) what is
	// malformed or unusual; the latter is drawn one time in ten.
	pick := func(l []string) string {
		bar := slices.Index(l, "|")
		if rng.IntN(10) == 0 {
			return l[bar+1+rng.IntN(len(l)-bar-1)]
		}
		return l[rng.IntN(bar)]
	}
	names := []string{"a", "row", "c", "v", "t", "si", "x:c", "r:id", "_z", "|", "é", "a:b:c", "1a", ":k", "k:", "한", "a\xff"}
	values := []string{"1", "A1", "&amp;", "&#65;", "&#x41;", "a\r\nb", "'", "é", "\t", "", "|", "&#x10FFFF;", "&#0;", "&#xD800;", "&bogus;", "&amp", "<", "]]>", "\"", "\xff", "\x01", "&#99999999999;"}
	texts := []string{"12", " ", "\n", "a&lt;b", "x\r\ny\rz", "&quot;", "é", "_x000D_", "a>b", "]]", "|", "]]>", "&#1;", "\xc3", "\x7f", "&#xFFFE;", "&"}
	misc := []string{"<!-- c -->", "<!---->", "<![CDATA[x<y]]>", "<![CDATA[a\r\nb]]>", "<?pi data?>", `<?xml version="1.0" encoding="UTF-8"?>`, "<a\n>", "|",
		"<!-- a--b -->", `<?xml version="1.1"?>`, `<?xml encoding="latin1"?>`, "<? x?>", "</>", "< a>", "<a/ >", `<a x=1>`, `<a x>`, `<a x="1"y="2">`, "</a >", "<!DOCTYPE a>"}
	var b bytes.Buffer
	depth := 0
	var open []string
	for range rng.IntN(30) {
		switch rng.IntN(6) {
		case 0, 1:
			n := pick(names)
			b.WriteString("<" + n)
			if rng.IntN(3) == 0 {
				b.WriteString(` xmlns:r="urn:relationships"`)
			}
			for range rng.IntN(3) {
				q := `"`
				if rng.IntN(4) == 0 {
					q = "'"
				}
				fmt.Fprintf(&b, " %s=%s%s%s", pick(names), q, pick(values), q)
			}
			if rng.IntN(4) == 0 {
				b.WriteString("/>")
			} else {
				b.WriteString(">")
				open = append(open, n)
				depth++
			}
		case 2:
			if len(open) > 0 {
				n := open[len(open)-1]
				if rng.IntN(10) == 0 {
					n = pick(names)
				}
				b.WriteString("</" + n + ">")
				open = open[:len(open)-1]
			}
		case 3, 4:
			b.WriteString(pick(texts))
		case 5:
			b.WriteString(pick(misc))
		}
	}
	for len(open) > 0 && rng.IntN(8) != 0 {
		b.WriteString("</" + open[len(open)-1] + ">")
		open = open[:len(open)-1]
	}
	doc := b.Bytes()
	if len(doc) > 0 && rng.IntN(10) == 0 {
		doc[rng.IntN(len(doc))] = byte(rng.IntN(256))
	}
	return doc
}

// TestScannerAgreesWithEncodingXML holds the scanner to encoding/xml on
// random documents and on the guard's cases.
func TestScannerAgreesWithEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	for range 30_000 {
		checkSameTokens(t, randomXML(rng))
	}
	tag := func(n int) string { return `<a x="` + strings.Repeat(">", n-len(`<a x="">`)) + `">` }
	for _, doc := range []string{
		tag(maxMarkupBytes) + "</a>", tag(maxMarkupBytes+1) + "</a>",
		"<a>" + strings.Repeat("x", maxTextRunBytes) + "</a>", "<a>" + strings.Repeat("x", maxTextRunBytes+1) + "</a>",
		"<a><![CDATA[" + strings.Repeat("]>", maxTextRunBytes/2) + "]]></a>",
		strings.Repeat("<a>", maxXMLDepth) + strings.Repeat("</a>", maxXMLDepth),
		strings.Repeat("<a>", maxXMLDepth+1) + strings.Repeat("</a>", maxXMLDepth+1),
		"<a><!--" + strings.Repeat("-> ", maxMarkupBytes/3) + "--></a>",
	} {
		checkSameTokens(t, []byte(doc))
	}
}

func FuzzScanner(f *testing.F) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 50 {
		f.Add(randomXML(rng))
	}
	f.Fuzz(func(t *testing.T, doc []byte) { checkSameTokens(t, doc) })
}

// guardAgrees steps a guard over doc byte by byte and scans another over
// it in chunks of the sizes chunk gives, and wants the same refusal or
// the same state at the end.
func guardAgrees(t *testing.T, doc []byte, chunk func() int) {
	t.Helper()
	var a, b xmlGuard
	var errA, errB error
	for _, c := range doc {
		if errA = a.step(c); errA != nil {
			break
		}
	}
	for p := doc; len(p) > 0 && errB == nil; {
		n := min(len(p), chunk())
		errB, p = b.scan(p[:n]), p[n:]
	}
	if (errA == nil) != (errB == nil) || errA == nil && (a.state != b.state || a.n != b.n || a.quote != b.quote) {
		t.Fatalf("document of %d bytes (%.60q): step %v (%+v), scan %v (%+v)", len(doc), doc, errA, a, errB, b)
	}
}

// TestGuardScanAsStep holds the guard's bulk scan to its byte-by-byte step.
func TestGuardScanAsStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5_000 {
		doc := randomXML(rng)
		if rng.IntN(3) == 0 {
			doc = append(doc, bytes.Repeat([]byte{"x>'\"<"[rng.IntN(5)]}, rng.IntN(3*maxMarkupBytes))...)
		}
		guardAgrees(t, doc, func() int { return 1 + rng.IntN(5000) })
	}
	// Tags and texts ending right at their limits, or one byte past, cut
	// in chunks of every phase: where scan's bulk paths meet step.
	// And the bytes after '<' that do not open a tag.
	docs := [][]byte{[]byte("a<>b<c>"), []byte("a<>b"), []byte("<><>"), []byte("<"), []byte("<'x'>y"), []byte(`<"a>b`), []byte("<!---->x<?p?>y<![CDATA[>]]><a>")}
	for _, d := range []int{-2, -1, 0, 1} {
		n := maxMarkupBytes + d
		docs = append(docs,
			[]byte("<a x=\""+strings.Repeat("y", n-len("<a x=\"\">"))+"\">z"),
			[]byte("<a"+strings.Repeat(" ", n-len("<a>"))+"></a>"),
			[]byte("<"+strings.Repeat("b", n-len("<>"))+"><c/>"),
			[]byte("<a>"+strings.Repeat("t", maxTextRunBytes+d)+"</a>"),
			[]byte("<a>"+strings.Repeat("t", maxTextRunBytes+d)+"<"))
	}
	for _, doc := range docs {
		for _, chunk := range []int{1, 2, 3, 7, 4096, len(doc)} {
			guardAgrees(t, doc, func() int { return chunk })
		}
	}
}

// refReadBytes is ReadBytes with the reader as it was (xlsx_ref_test.go).
func refReadBytes(data []byte, lim Limits) (wb *Workbook, err error) {
	lim = lim.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, &Error{Kind: ErrUnreadable, Detail: fmt.Sprint(r)}
		}
	}()
	if bytes.HasPrefix(data, magicZip) || bytes.HasPrefix(data, magicZipEmpty) {
		if int64(len(data)) > lim.MaxFileBytes {
			return nil, &Error{Kind: ErrTooLarge}
		}
		return refReadZip(data, lim)
	}
	return new(Reader).readBytes(data, lim)
}

// checkSameRead is the property of the whole reader: the same workbook,
// or a refusal of the same kind.
func checkSameRead(t *testing.T, name string, data []byte, lim Limits) {
	t.Helper()
	got, gerr := ReadBytes(name, data, lim)
	want, werr := refReadBytes(data, lim)
	var ge, we *Error
	errors.As(gerr, &ge)
	errors.As(werr, &we)
	switch {
	case (gerr == nil) != (werr == nil):
		t.Fatalf("%s: error %v, the former reader %v", name, gerr, werr)
	case gerr != nil && (ge == nil || we == nil || ge.Kind != we.Kind || ge.Sheet != we.Sheet || ge.Row != we.Row || ge.Col != we.Col):
		t.Fatalf("%s: error %v, the former reader %v", name, gerr, werr)
	case gerr == nil && !reflect.DeepEqual(got, want):
		t.Fatalf("%s: workbook differs from the former reader's", name)
	}
}

// xlsxSeeds returns the xlsx fixtures and the fuzz corpus of FuzzReadXLSX.
func xlsxSeeds(t testing.TB) map[string][]byte {
	seeds := map[string][]byte{}
	for _, glob := range []string{"testdata/*/input.*", "../testdata/*/input.xlsx", "../../samples/*/*.xlsx"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			seeds[p] = data
		}
	}
	corpus, _ := filepath.Glob("testdata/fuzz/FuzzReadXLSX/*")
	for _, p := range corpus {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(text), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "[]byte(") {
			continue
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		seeds[p] = []byte(s)
	}
	return seeds
}

// TestReaderAgreesWithFormerReader reads every fixture, sample, fuzz seed
// and hostile shape with the reader and with the reader as it was, and
// every fixture again with bytes of its sheet XML damaged.
func TestReaderAgreesWithFormerReader(t *testing.T) {
	seeds := xlsxSeeds(t)
	if len(seeds) < 50 {
		t.Fatalf("only %d files to compare", len(seeds))
	}
	small := Limits{MaxCells: 100_000, MaxSharedStrings: 10_000, MaxTextBytes: 1 << 20}
	seeds["wide sparse"] = hostile.WideSparse(10_000)
	seeds["deep"] = hostile.Deep(100_000)
	seeds["attributes"] = hostile.Attributes(100_000)
	seeds["empty shared strings"] = hostile.EmptySharedStrings(100_000)
	seeds["long text"] = hostile.LongText(3 << 20)
	seeds["long inline"] = longInlineString(1000, 1000)
	// A sheet part over the 1 MiB kept in memory: streamed when parsed.
	seeds["consolidated"] = hostile.ConsolidatedXLSX(20_000)
	for name, data := range seeds {
		checkSameRead(t, name, data, Limits{})
		checkSameRead(t, name, data, small)
	}
	// Damaged XML inside sound zips: each fixture's parts rewritten with
	// a few bytes changed, the zip rebuilt so that its checksums hold.
	rng := rand.New(rand.NewPCG(5, 6))
	files, _ := filepath.Glob("testdata/xlsx-*/input.xlsx")
	for _, p := range files {
		parts := unzipParts(t, seeds[p])
		if parts == nil {
			continue
		}
		for range 300 {
			var mutated []hostile.Part
			for _, pt := range parts {
				body := []byte(pt.Body)
				if len(body) > 0 && strings.HasSuffix(pt.Name, ".xml") && rng.IntN(3) == 0 {
					body = bytes.Clone(body)
					for range 1 + rng.IntN(3) {
						body[rng.IntN(len(body))] = "<>/=\"'&;#x1 a\r]"[rng.IntN(15)]
					}
				}
				mutated = append(mutated, hostile.Text(pt.Name, string(body)))
			}
			checkSameRead(t, p+" (damaged)", hostile.Zip(mutated), Limits{})
		}
	}
}

// namedPart is a zip entry's name and bytes.
type namedPart struct {
	Name string
	Body string
}

func unzipParts(t *testing.T, data []byte) []namedPart {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var parts []namedPart
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil
		}
		parts = append(parts, namedPart{f.Name, string(body)})
	}
	return parts
}

func FuzzReaderAgrees(f *testing.F) {
	for _, data := range xlsxSeeds(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkSameRead(t, "fuzz.xlsx", data, fuzzLimits) })
}

// BenchmarkScanForm scans the worksheet and the shared strings of a form
// of the shared benchmark's generator (inflateFixtures), as readWorkbook
// does, token by token: the scanner's share of reading a form.
func BenchmarkScanForm(b *testing.B) {
	zr, err := zip.OpenReader(inflateFixtures[0])
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	var parts [][]byte
	for _, name := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		rc, err := zr.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, data)
	}
	var s *xmlScanner
	tokens := 0
	for b.Loop() {
		for _, data := range parts {
			if s == nil {
				s = newScanner("part", data, nil)
			} else {
				*s = xmlScanner{part: "part", buf: data, open: s.open[:0], openEnd: s.openEnd[:0], attrs: s.attrs[:0],
					scratch: s.scratch[:0], abuf: s.abuf[:0], ns: s.ns[:0]}
				s.guard.part = "part"
			}
			for {
				tok, err := s.next()
				if err != nil {
					b.Fatal(err)
				}
				if tok == tokEOF {
					break
				}
				tokens++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(tokens), "ns/token")
}

// TestGuardless: a part guardless lets past the guard is one the guard
// refuses nothing of, over 30,000 random documents (those the guard does
// refuse among them); and the declarations, comments and CDATA sections
// the guard may refuse, or a part beyond its bounds, are not let past.
func TestGuardless(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	passed, refused := 0, 0
	for range 30_000 {
		doc := randomXML(rng)
		var g xmlGuard
		err := g.scan(doc)
		if err != nil {
			refused++
		}
		if guardless(doc) {
			passed++
			if err != nil {
				t.Fatalf("guardless(%q), yet the guard refuses it: %v", doc, err)
			}
		}
	}
	if passed < 1000 || refused < 100 {
		t.Fatalf("%d documents guardless, %d refused by the guard: the test checks too little", passed, refused)
	}
	for doc, want := range map[string]bool{
		"":                     true,
		"<a>!</a>":             true,
		"!<a/>":                true,
		`<a x="!">!!</a>`:      true,
		"<a><!-- c --></a>":    false,
		"<!DOCTYPE a><a/>":     false,
		"<a><![CDATA[x]]></a>": false,
		"<a/><!":               false,
		"<a>" + strings.Repeat("x", maxMarkupBytes) + "</a>": false,
	} {
		if got := guardless([]byte(doc)); got != want {
			t.Errorf("guardless(%.40q…) = %v, want %v", doc, got, want)
		}
	}
}
