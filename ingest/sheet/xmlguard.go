package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// Bounds on the XML of an xlsx part, which Excel's own output stays far
// within. encoding/xml builds each token whole before returning it (every
// attribute of a start tag, the whole of a text run or a comment) and keeps
// a stack entry per open element, so these are checked on the bytes, before
// the decoder reads them, and on the element depth, before it reads more.
const (
	// maxXMLDepth: a worksheet nests about ten elements deep
	// (worksheet/extLst/ext/x14:conditionalFormattings/…).
	maxXMLDepth = 64
	// maxMarkupBytes: one tag with its attributes, one comment or one
	// processing instruction. A cell tag is tens of bytes; the longest in
	// practice is a relationship to a long hyperlink (2,083 characters at
	// most in Excel).
	maxMarkupBytes = 64 << 10
	// maxTextRunBytes: one run of text or CDATA between two tags. Excel
	// holds at most 32,767 characters in a cell, 10 bytes each at worst as
	// a character reference (&#x10FFFF;); three times that.
	maxTextRunBytes = 1 << 20
	// maxValueBytes: the text of one cell or shared string once its runs
	// are joined: 32,767 characters, 4 bytes each at worst in UTF-8, twice.
	maxValueBytes = 32_767 * 4 * 2
)

// xmlGuard sits between a zip entry and the XML decoder and refuses a token
// that would be too large before the decoder sees it: it follows the XML
// lexical structure (text, tags with quoted attribute values, comments,
// CDATA sections, processing instructions) closely enough to know where
// each token ends. A DOCTYPE is refused: the Open Packaging Conventions
// forbid it, and its internal subset is a token of its own.
type xmlGuard struct {
	r     io.Reader
	part  string
	err   error // the refusal, once a limit is passed
	state guardState
	n     int  // bytes of the current token
	quote byte // the quote of the attribute value being read, in a tag
	run   int  // consecutive '-' (comment), ']' (CDATA) or '?' (PI) seen
	bang  []byte
}

type guardState uint8

const (
	gText    guardState = iota
	gOpen               // just after '<'
	gBang               // after "<!", deciding between comment and CDATA
	gTag                // in a start or end tag
	gComment            // in <!-- -->
	gCDATA              // in <![CDATA[ ]]>
	gPI                 // in <? ?>
)

func (g *xmlGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for _, b := range p[:n] {
		if g.err = g.step(b); g.err != nil {
			return 0, g.err
		}
	}
	return n, err
}

// scan is step over every byte of p, in bulk where the state allows: in
// text up to the next '<', in a tag up to the '>' that ends it, its
// quoted values crossed in the same loop (a form's tags are short and
// full of quotes: a call a quote cost more than the bytes). The
// differential test holds it to step.
func (g *xmlGuard) scan(p []byte) error {
	if g.err != nil {
		return g.err
	}
	for len(p) > 0 {
		switch g.state {
		case gText:
			k := bytes.IndexByte(p, '<')
			if k < 0 {
				k = len(p)
			}
			if g.n+k > maxTextRunBytes {
				k = maxTextRunBytes - g.n // the byte that passes the limit is stepped
			}
			g.n += k
			p = p[k:]
			// A tag starts: step('<') then step of its first byte,
			// which opens a start or end tag unless it begins a
			// comment, CDATA, a processing instruction or is '>'.
			if len(p) >= 2 && p[0] == '<' && p[1] != '!' && p[1] != '?' && p[1] != '>' {
				g.state, g.n, g.quote = gTag, 2, 0
				p = p[2:]
				continue
			}
		case gTag:
			k := g.tagRun(p[:min(len(p), maxMarkupBytes-g.n)])
			g.n += k
			p = p[k:]
			// The tag ends, within the limit: step('>').
			if len(p) > 0 && p[0] == '>' && g.quote == 0 && g.n < maxMarkupBytes {
				g.state, g.n = gText, 0
				p = p[1:]
				continue
			}
		}
		if len(p) == 0 {
			break
		}
		if g.err = g.step(p[0]); g.err != nil {
			return g.err
		}
		p = p[1:]
	}
	return nil
}

// tagRun is the number of bytes of p, in a tag, before the '>' that ends
// it (all of p when none does), noting the quote left open at the end of
// p: what step would do with them, but for counting them. The byte that
// passes the markup limit, not in p, is stepped, and refused.
func (g *xmlGuard) tagRun(p []byte) int {
	i, q, _ := tagClose(p, g.quote)
	g.quote = q
	return i
}

// tagClose returns the index in p, part of a tag, of the '>' that closes
// the tag (found), quote being the attribute value's quote open at p's
// start (0 when none); else len(p) and the quote open at p's end. A '>'
// inside quotes does not close a tag. The guard and the scanner both
// look for a tag's end this way.
func tagClose(p []byte, quote byte) (i int, open byte, found bool) {
	for i, b := range p {
		switch {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '>':
			return i, 0, true
		}
	}
	return len(p), quote, false
}

func (g *xmlGuard) step(b byte) error {
	g.n++
	if g.state != gText && g.state != gCDATA && g.n > maxMarkupBytes {
		return g.fail("a tag, comment or processing instruction longer than %d bytes", maxMarkupBytes)
	}
	switch g.state {
	case gText:
		if b == '<' {
			g.state, g.n = gOpen, 1
			return nil
		}
		if g.n > maxTextRunBytes {
			return g.fail("a run of text longer than %d bytes (Excel holds at most 32,767 characters in a cell)", maxTextRunBytes)
		}
		return nil
	case gOpen:
		switch b {
		case '!':
			g.state, g.bang = gBang, g.bang[:0]
		case '?':
			g.state, g.run = gPI, 0
		default:
			g.state, g.quote = gTag, 0
			if b == '>' {
				g.state, g.n = gText, 0
			}
		}
		return nil
	case gBang:
		g.bang = append(g.bang, b)
		switch s := string(g.bang); {
		case s == "--":
			g.state, g.run = gComment, 0
		case s == "[CDATA[":
			g.state, g.run = gCDATA, 0
		case len(s) < 7 && (s == "--"[:min(len(s), 2)] || s == "[CDATA["[:len(s)]):
		default:
			return g.fail("a DOCTYPE or other declaration (<!%s), which a workbook may not hold", s)
		}
		return nil
	case gTag:
		switch {
		case g.quote != 0:
			if b == g.quote {
				g.quote = 0
			}
		case b == '"' || b == '\'':
			g.quote = b
		case b == '>':
			g.state, g.n = gText, 0
			return nil
		}
	case gComment, gCDATA, gPI:
		closer, need := byte('-'), 2
		switch g.state {
		case gCDATA:
			closer = ']'
		case gPI:
			closer, need = '?', 1
		}
		switch {
		case b == '>' && g.run >= need:
			g.state, g.n = gText, 0
			return nil
		case b == closer:
			g.run++
		default:
			g.run = 0
		}
		if g.state == gCDATA && g.n > maxTextRunBytes {
			return g.fail("a CDATA section longer than %d bytes", maxTextRunBytes)
		}
	}
	return nil
}

func (g *xmlGuard) fail(format string, args ...any) error {
	return &Error{Kind: ErrUnreadable, Detail: fmt.Sprintf("part %s: %s", g.part, fmt.Sprintf(format, args...))}
}

// xmlReader is the decoder of one part with the guard in front of it and a
// count of open elements behind it.
type xmlReader struct {
	d     *xml.Decoder
	guard *xmlGuard
	depth int
}

// Token is xml.Decoder.Token, refusing an element nested deeper than
// maxXMLDepth before the decoder reads further, and returning the guard's
// refusal, rather than the decoder's account of it, when the guard stopped
// the bytes.
func (x *xmlReader) Token() (xml.Token, error) {
	tok, err := x.d.Token()
	if err != nil {
		if x.guard.err != nil {
			return nil, x.guard.err
		}
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxXMLDepth {
			return nil, x.guard.fail("elements nested more than %d deep", maxXMLDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}
