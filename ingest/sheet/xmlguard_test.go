package sheet

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// decodeAll runs a document through the guard and the decoder, as open
// does, and returns the number of tokens or the refusal.
func decodeAll(doc string) (int, error) {
	g := &xmlGuard{r: strings.NewReader(doc), part: "test.xml"}
	x := &xmlReader{d: xml.NewDecoder(g), guard: g}
	n := 0
	for {
		_, err := x.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func TestXMLGuard(t *testing.T) {
	tag := func(n int) string { // a start tag of exactly n bytes with '>' in its value
		return `<a x="` + strings.Repeat(">", n-len(`<a x="">`)) + `">`
	}
	nest := func(n int) string { return strings.Repeat("<a>", n) + strings.Repeat("</a>", n) }
	tests := []struct {
		name   string
		doc    string
		detail string // "" for accepted
	}{
		{"markup of every kind", `<?xml version="1.0"?><a x=">&gt;" y='"'><!-- a > b - c --><![CDATA[x > y ]] ]]><?pi a > b ?>t&amp;t</a>`, ""},
		{"tag at the limit", tag(maxMarkupBytes) + "</a>", ""},
		{"tag over the limit", tag(maxMarkupBytes+1) + "</a>", "longer than 65536 bytes"},
		{"comment over the limit", "<a><!--" + strings.Repeat("-> ", maxMarkupBytes/3) + "--></a>", "longer than 65536 bytes"},
		{"processing instruction over the limit", "<a><?pi " + strings.Repeat("?", maxMarkupBytes) + " ?></a>", "longer than 65536 bytes"},
		{"text at the limit", "<a>" + strings.Repeat("x", maxTextRunBytes) + "</a>", ""},
		{"text over the limit", "<a>" + strings.Repeat("x", maxTextRunBytes+1) + "</a>", "run of text longer than"},
		{"CDATA over the limit", "<a><![CDATA[" + strings.Repeat("]>", maxTextRunBytes/2) + "]]></a>", "CDATA section longer than"},
		{"doctype", `<!DOCTYPE a><a/>`, "DOCTYPE"},
		{"depth at the limit", nest(maxXMLDepth), ""},
		{"depth over the limit", nest(maxXMLDepth + 1), "nested more than 64 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := decodeAll(tt.doc)
			if tt.detail == "" {
				if err != nil || n == 0 {
					t.Fatalf("%d tokens, error %v; want the document read", n, err)
				}
				return
			}
			var se *Error
			if !errors.As(err, &se) || !strings.Contains(se.Detail, tt.detail) {
				t.Fatalf("error %v; want a refusal with %q", err, tt.detail)
			}
		})
	}
}
