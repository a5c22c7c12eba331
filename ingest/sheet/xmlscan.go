package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// xmlScanner tokenises the XML of an xlsx part for the few elements the
// reader needs, without encoding/xml's allocations (a token, a name and an
// attribute slice per element; the profile of issue 10 had them as the
// largest cost of reading a form after inflating it).
//
// It is not a general XML parser, but it refuses what encoding/xml in its
// strict mode refuses, on the same grounds (well-formed tags, attributes
// quoted, end tags matching, the five predefined entities and character
// references only, characters valid in XML and in UTF-8, "]]>" outside
// CDATA, the version and encoding of an XML declaration), and returns the
// same text: line ends normalised to "\n", entities and references
// decoded. The differential tests (xmlscan_test.go) hold it to that against
// encoding/xml on every fixture and on fuzzed input.
//
// The bytes pass through the same xmlGuard as before, in chunks of
// scanChunk bytes ahead of the scanner, so every bound on a token's size
// holds before the scanner looks at it (but for a part read whole that
// the guard could not refuse: guardless); element depth is bounded as the
// elements open. A part read whole into memory (every part of a form) is
// scanned in place; a larger one is streamed through a window that holds
// one token at most (a tag of 64 KiB, a text run of 1 MiB, by the guard).
type xmlScanner struct {
	part  string
	src   io.Reader // nil when buf holds the whole part
	buf   []byte
	pos   int   // start of the next token in buf
	end   int   // buf[:end] has passed the guard
	err   error // why more() stops: io.EOF, the guard's refusal or a read error
	guard xmlGuard
	depth int
	// open holds the qualified names of the open elements, end to end;
	// openEnd the end of each in open.
	open    []byte
	openEnd []int
	// pendingEnd: the last start tag was self-closing, its end comes next.
	pendingEnd bool
	// after is the error to return after a text token that ended where
	// the bytes stopped (encoding/xml returns such text, then the error).
	after  error
	failed error

	// The current token: the element's local name (start and end), its
	// attributes (start), the text (text).
	local []byte
	attrs []xmlAttr
	text  []byte

	scratch []byte // decoded text
	abuf    []byte // decoded attribute values of the current tag

	// trackNS keeps the namespace prefixes declared by open elements,
	// for attrSpace; only the workbook part needs it.
	trackNS bool
	ns      []nsDecl
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// xmlAttr is one attribute, its name split as encoding/xml splits it (a
// prefix only when there is exactly one colon with text on both sides).
type xmlAttr struct {
	space, local []byte
	val          []byte
}

type nsDecl struct {
	prefix, uri string
	depth       int
}

// scanChunk is how far ahead of the scanner the guard reads, as the 4 KiB
// buffer in front of encoding/xml did.
const scanChunk = 4 << 10

const xmlURL = "http://www.w3.org/XML/1998/namespace"

func newScanner(part string, data []byte, src io.Reader) *xmlScanner {
	s := &xmlScanner{part: part, buf: data, src: src}
	s.guard.part = part
	if src != nil {
		s.buf = make([]byte, 0, 2*scanChunk)
		s.buf = s.buf[:cap(s.buf)]
	}
	return s
}

// more makes more bytes available after end, through the guard; false
// when there are none (s.err says why).
func (s *xmlScanner) more() bool {
	if s.err != nil {
		return false
	}
	if s.src == nil {
		if s.end >= len(s.buf) {
			s.err = io.EOF
			return false
		}
		if s.end == 0 && guardless(s.buf) {
			s.end = len(s.buf)
			return true
		}
		n := min(scanChunk, len(s.buf)-s.end)
		if err := s.guard.scan(s.buf[s.end : s.end+n]); err != nil {
			s.err = err
			return false
		}
		s.end += n
		return true
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.end -= s.pos
		s.pos = 0
	}
	if len(s.buf)-s.end < scanChunk {
		// Doubling, but not past what the longest token the guard lets
		// through needs: a text run of 1 MiB and the chunk after it.
		nb := make([]byte, max(min(2*len(s.buf), maxTextRunBytes+2*scanChunk), s.end+scanChunk))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.src.Read(s.buf[s.end : s.end+scanChunk])
		if n > 0 {
			if gerr := s.guard.scan(s.buf[s.end : s.end+n]); gerr != nil {
				s.err = gerr
				return false
			}
			s.end += n
			if err != nil {
				s.err = err
			}
			return true
		}
		if err != nil {
			s.err = err
			return false
		}
	}
}

// guardless reports whether the guard could refuse nothing of part, a
// part read whole: no token of it can pass the guard's bounds when the
// part itself is within the smallest of them, and the guard's other
// refusals (a DOCTYPE, a declaration, a comment or CDATA section begun
// wrongly) all start with "<!". Such a part, every part of a form, is
// given to the scanner without the guard's pass over its bytes (a fifth
// of scanning a form's XML); the scanner refuses what it refused before,
// in the same order.
func guardless(part []byte) bool {
	if len(part) > maxMarkupBytes {
		return false
	}
	for i := 0; ; {
		j := bytes.IndexByte(part[i:], '!')
		if j < 0 {
			return true
		}
		if i+j > 0 && part[i+j-1] == '<' {
			return false
		}
		i += j + 1
	}
}

// need makes buf[pos+i] available; false when the bytes stop first.
func (s *xmlScanner) need(i int) bool {
	for s.pos+i >= s.end {
		if !s.more() {
			return false
		}
	}
	return true
}

// stopped is the error for bytes that stop inside a token: the guard's
// refusal or the read error, or an unexpected end of the part.
func (s *xmlScanner) stopped() error {
	if s.err == io.EOF || s.err == nil {
		return s.syntax("unexpected EOF")
	}
	return s.err
}

func (s *xmlScanner) syntax(msg string) error {
	return fmt.Errorf("XML syntax error in %s: %s", s.part, msg)
}

func (s *xmlScanner) fail(err error) (tokKind, error) {
	s.failed = err
	return tokEOF, err
}

// next moves to the next start tag, end tag or text; comments and
// processing instructions are checked and skipped. At the end of the part
// it returns tokEOF, or an error if an element is still open.
func (s *xmlScanner) next() (tokKind, error) {
	if s.failed != nil {
		return tokEOF, s.failed
	}
	if s.pendingEnd {
		s.pendingEnd = false
		s.popOpen()
		return tokEnd, nil
	}
	if s.after != nil {
		return s.fail(s.after)
	}
	for {
		if !s.need(0) {
			if s.err != io.EOF {
				return s.fail(s.err)
			}
			if s.depth > 0 {
				return s.fail(s.syntax("unexpected EOF"))
			}
			return tokEOF, nil
		}
		if s.buf[s.pos] != '<' {
			return s.lexText()
		}
		if !s.need(1) {
			return s.fail(s.stopped())
		}
		switch s.buf[s.pos+1] {
		case '/':
			return s.lexEnd()
		case '?':
			if err := s.lexPI(); err != nil {
				return s.fail(err)
			}
		case '!':
			k, err := s.lexBang()
			if err != nil {
				return s.fail(err)
			}
			if k == tokText {
				return k, nil
			}
		default:
			return s.lexStart()
		}
	}
}

// lexText reads the text up to the next '<' or the end of the bytes.
func (s *xmlScanner) lexText() (tokKind, error) {
	i := 0
	for {
		if j := bytes.IndexByte(s.buf[s.pos+i:s.end], '<'); j >= 0 {
			i += j
			break
		}
		i = s.end - s.pos
		if !s.more() {
			if s.err != io.EOF {
				// As encoding/xml: the text read so far, then the error.
				s.after = s.err
			}
			break
		}
	}
	raw := s.buf[s.pos : s.pos+i]
	text, err := s.decodeText(raw, -1)
	if err != nil {
		if s.after != nil {
			err = s.after
		}
		return s.fail(err)
	}
	s.text = text
	s.pos += i
	return tokText, nil
}

// lexBang reads a comment (skipped) or a CDATA section (text). Anything
// else after "<!" has been refused by the guard already.
func (s *xmlScanner) lexBang() (tokKind, error) {
	if !s.need(2) {
		return tokEOF, s.stopped()
	}
	switch s.buf[s.pos+2] {
	case '-':
		if !s.need(3) {
			return tokEOF, s.stopped()
		}
		if s.buf[s.pos+3] != '-' {
			return tokEOF, s.syntax("invalid sequence <!- not part of <!--")
		}
		i, ok := s.find(4, "--")
		if !ok {
			return tokEOF, s.stopped()
		}
		if !s.need(i + 2) {
			return tokEOF, s.stopped()
		}
		if s.buf[s.pos+i+2] != '>' {
			return tokEOF, s.syntax(`invalid sequence "--" not allowed in comments`)
		}
		s.pos += i + 3
		return tokEOF, nil
	case '[':
		for k := range 6 {
			if !s.need(3 + k) {
				return tokEOF, s.stopped()
			}
			if s.buf[s.pos+3+k] != "CDATA["[k] {
				return tokEOF, s.syntax("invalid <![ sequence")
			}
		}
		i, ok := s.find(9, "]]>")
		if !ok {
			if s.err == io.EOF {
				return tokEOF, s.syntax("unexpected EOF in CDATA section")
			}
			return tokEOF, s.stopped()
		}
		text, err := s.decodeCDATA(s.buf[s.pos+9 : s.pos+i])
		if err != nil {
			return tokEOF, err
		}
		s.text = text
		s.pos += i + 3
		return tokText, nil
	}
	return tokEOF, s.syntax("a declaration, which a workbook may not hold")
}

// find returns the offset from pos of the first sep at or after from.
func (s *xmlScanner) find(from int, sep string) (int, bool) {
	for {
		if s.pos+from <= s.end {
			if j := bytes.Index(s.buf[s.pos+from:s.end], []byte(sep)); j >= 0 {
				return from + j, true
			}
			from = max(from, s.end-s.pos-len(sep)+1)
		}
		if !s.more() {
			return 0, false
		}
	}
}

// lexPI reads a processing instruction, checking an XML declaration's
// version and encoding as encoding/xml does.
func (s *xmlScanner) lexPI() error {
	i := 2
	start := i
	for {
		if !s.need(i) {
			return s.stopped()
		}
		if b := s.buf[s.pos+i]; b < utf8.RuneSelf && !isNameByte(b) {
			break
		}
		i++
	}
	if i == start {
		return s.syntax("expected target name after <?")
	}
	if !isXMLName(s.buf[s.pos+start : s.pos+i]) {
		return s.syntax("invalid XML name: " + string(s.buf[s.pos+start:s.pos+i]))
	}
	isXMLDecl := string(s.buf[s.pos+start:s.pos+i]) == "xml"
	for {
		if !s.need(i) {
			return s.stopped()
		}
		if b := s.buf[s.pos+i]; b != ' ' && b != '\r' && b != '\n' && b != '\t' {
			break
		}
		i++
	}
	j, ok := s.find(i, "?>")
	if !ok {
		return s.stopped()
	}
	if isXMLDecl {
		// Read in place: every part of a workbook begins with one.
		content := s.buf[s.pos+i : s.pos+j]
		if ver := procInst("version=", content); len(ver) > 0 && string(ver) != "1.0" {
			return fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
		}
		if enc := procInst("encoding=", content); len(enc) > 0 && string(enc) != "utf-8" && string(enc) != "UTF-8" && !bytes.EqualFold(enc, []byte("utf-8")) {
			return fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
		}
	}
	s.pos += j + 2
	return nil
}

// procInst is encoding/xml's reading of a parameter of the XML
// declaration, kept as it is so that the same declarations pass; param
// ends with "=".
func procInst(param string, s []byte) []byte {
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := bytes.Index(sub, []byte(param))
		if k < 0 || lenp+k >= len(sub) {
			return nil
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return nil
	}
	j := bytes.IndexByte(s[i:], sep)
	if j < 0 {
		return nil
	}
	return s[i : i+j]
}

// tagEnd returns the offset from pos of the '>' closing the tag that
// starts at pos: the first one outside quotes, as the guard counts.
func (s *xmlScanner) tagEnd() (int, bool) {
	i := 1
	var quote byte
	for {
		if !s.need(i) {
			return 0, false
		}
		w := s.buf[s.pos+i : s.end]
		k, q, found := tagClose(w, quote)
		if found {
			return i + k, true
		}
		quote = q
		i += len(w)
	}
}

// lexEnd reads an end tag.
func (s *xmlScanner) lexEnd() (tokKind, error) {
	e, ok := s.tagEnd()
	if !ok {
		return s.fail(s.stopped())
	}
	t := s.buf[s.pos : s.pos+e+1]
	i := 2
	n, simple := scanName(t[i:])
	if n == 0 {
		return s.fail(s.syntax("expected element name after </"))
	}
	qname := t[i : i+n]
	if !simple && !isXMLName(qname) {
		return s.fail(s.syntax("invalid XML name: " + string(qname)))
	}
	if !simple && bytes.Count(qname, []byte(":")) > 1 {
		return s.fail(s.syntax("expected element name after </"))
	}
	i += n
	i = skipSpace(t, i)
	if i != e {
		return s.fail(s.syntax("invalid characters between </" + string(localOf(qname)) + " and >"))
	}
	if len(s.openEnd) == 0 {
		return s.fail(s.syntax("unexpected end element </" + string(localOf(qname)) + ">"))
	}
	top := s.open[s.openStart():]
	if !bytes.Equal(top, qname) {
		return s.fail(s.syntax("element <" + string(localOf(top)) + "> closed by </" + string(localOf(qname)) + ">"))
	}
	s.local = localOf(qname)
	s.pos += e + 1
	s.popOpen()
	return tokEnd, nil
}

func (s *xmlScanner) openStart() int {
	if len(s.openEnd) < 2 {
		return 0
	}
	return s.openEnd[len(s.openEnd)-2]
}

// popOpen closes the innermost element.
func (s *xmlScanner) popOpen() {
	s.open = s.open[:s.openStart()]
	s.openEnd = s.openEnd[:len(s.openEnd)-1]
	s.depth--
	for len(s.ns) > 0 && s.ns[len(s.ns)-1].depth > s.depth {
		s.ns = s.ns[:len(s.ns)-1]
	}
}

// lexStart reads a start tag and its attributes.
func (s *xmlScanner) lexStart() (tokKind, error) {
	e, ok := s.tagEnd()
	if !ok {
		return s.fail(s.stopped())
	}
	t := s.buf[s.pos : s.pos+e+1]
	i := 1
	n, simple := scanName(t[i:])
	qname := t[i : i+n]
	if n == 0 || !simple && (!isXMLName(qname) || bytes.Count(qname, []byte(":")) > 1) {
		if n > 0 && !isXMLName(qname) {
			return s.fail(s.syntax("invalid XML name: " + string(qname)))
		}
		return s.fail(s.syntax("expected element name after <"))
	}
	i += n
	s.attrs = s.attrs[:0]
	s.abuf = s.abuf[:0]
	empty := false
	for {
		i = skipSpace(t, i)
		if i > e {
			return s.fail(s.stopped())
		}
		b := t[i]
		if b == '/' {
			if i+1 > e || t[i+1] != '>' {
				return s.fail(s.syntax("expected /> in element"))
			}
			empty = true
			i += 2
			break
		}
		if b == '>' {
			i++
			break
		}
		n, simple := scanName(t[i:])
		an := t[i : i+n]
		if n == 0 || !simple && bytes.Count(an, []byte(":")) > 1 {
			if n > 0 && !isXMLName(an) {
				return s.fail(s.syntax("invalid XML name: " + string(an)))
			}
			return s.fail(s.syntax("expected attribute name in element"))
		}
		if !simple && !isXMLName(an) {
			return s.fail(s.syntax("invalid XML name: " + string(an)))
		}
		i = skipSpace(t, i+n)
		if i > e || t[i] != '=' {
			return s.fail(s.syntax("attribute name without = in element"))
		}
		i = skipSpace(t, i+1)
		if i > e || (t[i] != '"' && t[i] != '\'') {
			return s.fail(s.syntax("unquoted or missing attribute value in element"))
		}
		q := t[i]
		j := bytes.IndexByte(t[i+1:], q)
		if j < 0 {
			return s.fail(s.stopped())
		}
		val, err := s.decodeText(t[i+1:i+1+j], int(q))
		if err != nil {
			return s.fail(err)
		}
		sp, lo := splitName(an)
		s.attrs = append(s.attrs, xmlAttr{space: sp, local: lo, val: val})
		i += j + 2
	}
	if i != e+1 {
		// Cannot happen: the tag ends at its first '>' outside quotes.
		return s.fail(s.syntax("invalid characters after a tag"))
	}
	s.open = append(s.open, qname...)
	s.openEnd = append(s.openEnd, len(s.open))
	s.depth++
	if s.depth > maxXMLDepth {
		return s.fail(s.guard.fail("elements nested more than %d deep", maxXMLDepth))
	}
	if s.trackNS {
		for _, a := range s.attrs {
			if string(a.space) == "xmlns" {
				s.ns = append(s.ns, nsDecl{prefix: string(a.local), uri: string(a.val), depth: s.depth})
			}
		}
	}
	s.local = localOf(qname)
	s.pos += e + 1
	s.pendingEnd = empty
	return tokStart, nil
}

// attr returns the value of the attribute named local with no prefix.
func (s *xmlScanner) attr(local string) ([]byte, bool) {
	for _, a := range s.attrs {
		if len(a.space) == 0 && string(a.local) == local {
			return a.val, true
		}
	}
	return nil, false
}

// attrSpace is the namespace of an attribute as encoding/xml gives it: the
// URI its prefix is bound to, the prefix itself when unbound.
func (s *xmlScanner) attrSpace(a xmlAttr) string {
	switch sp := string(a.space); sp {
	case "", "xmlns":
		return sp
	case "xml":
		return xmlURL
	default:
		for k := len(s.ns) - 1; k >= 0; k-- {
			if s.ns[k].prefix == sp {
				return s.ns[k].uri
			}
		}
		return sp
	}
}

func skipSpace(t []byte, i int) int {
	for i < len(t) && (t[i] == ' ' || t[i] == '\r' || t[i] == '\n' || t[i] == '\t') {
		i++
	}
	return i
}

// nameLen is the length of the name at the start of t, as encoding/xml
// delimits one: up to the first ASCII byte that cannot be in a name.
func nameLen(t []byte) int {
	for i, b := range t {
		if b < utf8.RuneSelf && !isNameByte(b) {
			return i
		}
	}
	return len(t)
}

// scanName is nameLen of t, and whether that name is simple: ASCII,
// starting as an XML name must and holding at most one colon, which
// isXMLName accepts and encoding/xml splits (a start or end tag's name and
// its attributes' are nearly always simple). For one that is not, the
// caller checks as encoding/xml would.
func scanName(t []byte) (n int, simple bool) {
	colons, ascii := 0, true
	n = len(t)
	for i, b := range t {
		if b >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if !isNameByte(b) {
			n = i
			break
		}
		if b == ':' {
			colons++
		}
	}
	if n == 0 || !ascii || colons > 1 {
		return n, false
	}
	c := t[0]
	return n, 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// isXMLName reports whether n is a name for encoding/xml: ASCII names are
// checked here, others (rare in a workbook) by encoding/xml itself, whose
// tables of name characters are not exported.
func isXMLName(n []byte) bool {
	if len(n) == 0 {
		return false
	}
	ascii := true
	for _, b := range n {
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c := n[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	doc := make([]byte, 0, len(n)+3)
	doc = append(append(append(doc, '<'), n...), "/>"...)
	d := xml.NewDecoder(bytes.NewReader(doc))
	_, err := d.RawToken()
	if err == nil {
		return true
	}
	// A name of several colons is a valid name that encoding/xml then
	// refuses to split; its caller refuses it as such.
	return bytes.Count(n, []byte(":")) > 1 && !bytes.Contains([]byte(err.Error()), []byte("invalid XML name"))
}

// splitName splits a qualified name as encoding/xml does.
func splitName(n []byte) (space, local []byte) {
	// A loop rather than bytes.IndexByte: names are a few bytes, and
	// split for every tag and attribute.
	for i, b := range n {
		if b == ':' {
			if i > 0 && i < len(n)-1 {
				return n[:i], n[i+1:]
			}
			break
		}
	}
	return nil, n
}

func localOf(n []byte) []byte {
	_, l := splitName(n)
	return l
}

// decodeText decodes the text of a run (quote < 0) or of an attribute
// value delimited by quote, as encoding/xml's text does: references
// decoded, "\r\n" and "\r" as "\n", every character checked. The result
// is raw itself when there is nothing to decode, else s.scratch or
// s.abuf.
func (s *xmlScanner) decodeText(raw []byte, quote int) ([]byte, error) {
	plain := true
	for _, b := range raw {
		if b >= 0x20 && b < utf8.RuneSelf && b != '&' && b != ']' && b != '<' || b == '\n' || b == '\t' {
			continue
		}
		plain = false
		break
	}
	if plain {
		return raw, nil
	}
	var out []byte
	if quote < 0 {
		out = s.scratch[:0]
	} else {
		out = s.abuf
	}
	start := len(out)
	var b0, b1 byte
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			return nil, s.syntax("unescaped ]]> not in CDATA section")
		}
		if b == '<' {
			return nil, s.syntax("unescaped < inside quoted string")
		}
		if b == '&' {
			r, n, ok := entityAt(raw[i:])
			if !ok {
				return nil, s.syntax("invalid character entity " + string(raw[i:i+n]))
			}
			out = utf8.AppendRune(out, r)
			i += n - 1
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		b0, b1 = b1, b
	}
	if quote < 0 {
		s.scratch = out
	} else {
		s.abuf = out
	}
	text := out[start:]
	if err := s.checkChars(text); err != nil {
		return nil, err
	}
	return text, nil
}

// decodeCDATA normalises the line ends of a CDATA section and checks its
// characters.
func (s *xmlScanner) decodeCDATA(raw []byte) ([]byte, error) {
	out := s.scratch[:0]
	var b1 byte
	for _, b := range raw {
		switch {
		case b == '\r':
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		b1 = b
	}
	s.scratch = out
	if err := s.checkChars(out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *xmlScanner) checkChars(t []byte) error {
	for len(t) > 0 {
		if b := t[0]; b >= 0x20 && b < utf8.RuneSelf || b == '\n' || b == '\t' || b == '\r' {
			t = t[1:]
			continue
		}
		r, size := utf8.DecodeRune(t)
		if r == utf8.RuneError && size == 1 {
			return s.syntax("invalid UTF-8")
		}
		if !isInCharacterRange(r) {
			return s.syntax(fmt.Sprintf("illegal character code %U", r))
		}
		t = t[size:]
	}
	return nil
}

func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// entityAt decodes the reference at the start of t ("&amp;", "&#233;",
// "&#xE9;"): its rune and length; ok false, with the length to name it
// by, when encoding/xml would refuse it.
func entityAt(t []byte) (r rune, n int, ok bool) {
	i := 1
	if i < len(t) && t[i] == '#' {
		i++
		base := 10
		if i < len(t) && t[i] == 'x' {
			base = 16
			i++
		}
		start := i
		for i < len(t) && ('0' <= t[i] && t[i] <= '9' || base == 16 && ('a' <= t[i] && t[i] <= 'f' || 'A' <= t[i] && t[i] <= 'F')) {
			i++
		}
		if i >= len(t) || t[i] != ';' {
			return 0, i, false
		}
		v, err := strconv.ParseUint(string(t[start:i]), base, 64)
		if err != nil || v > unicode.MaxRune {
			return 0, i + 1, false
		}
		return rune(v), i + 1, true
	}
	start := i
	i += nameLen(t[i:])
	if i >= len(t) || t[i] != ';' {
		return 0, i, false
	}
	switch string(t[start:i]) {
	case "lt":
		return '<', i + 1, true
	case "gt":
		return '>', i + 1, true
	case "amp":
		return '&', i + 1, true
	case "apos":
		return '\'', i + 1, true
	case "quot":
		return '"', i + 1, true
	}
	return 0, i + 1, false
}
