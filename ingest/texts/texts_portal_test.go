package texts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The portal's area is checked as the others are (catalogue_test.go): every
// key has both texts with the same blanks, the right quotation marks, and no
// other area holds it (lookup would find the other first).
func TestPortalTexts(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "texts_portal.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	ast.Inspect(f, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if lit, ok := e.(*ast.BasicLit); ok {
					k, _ := strconv.Unquote(lit.Value)
					keys = append(keys, k)
				}
			}
		}
		return true
	})
	if len(keys) < 200 {
		t.Fatalf("only %d portal keys found", len(keys))
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, "portal.") || !keyShaped.MatchString(k) {
			t.Errorf("key %q: a portal key is portal.words-with-dashes", k)
		}
		pfr, pen := portalText(k)
		fr, en, ok := lookup(k)
		if !ok || fr != pfr || en != pen {
			t.Errorf("key %q: lookup finds another area's text first", k)
		}
		if fr == "" || en == "" {
			t.Errorf("key %q lacks a French or an English text (%q, %q)", k, fr, en)
			continue
		}
		if a, b := blanks(fr), blanks(en); !slices.Equal(a, b) {
			t.Errorf("key %q: French blanks %v, English %v", k, a, b)
		}
		if strings.ContainsAny(en, "«»") || strings.ContainsAny(fr, "\u201c\u201d") {
			t.Errorf("key %q: quotation marks of the other language", k)
		}
		for _, sp := range []string{" :", " ;", " ?", " !"} {
			if strings.Contains(en, sp) {
				t.Errorf("key %q: French spacing in English (%q): %q", k, sp, en)
			}
		}
		if slices.ContainsFunc(blanks(fr), func(v string) bool { return strings.HasSuffix(v, "d") }) {
			t.Errorf("key %q: a bare %%d; pass numbers as Count or formatted (%q)", k, fr)
		}
	}
}
