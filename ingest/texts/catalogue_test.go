package texts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// catalogueKeys reads the keys of every area from this package's source:
// the string literals of the case clauses of the functions that lookup
// chains, so that a key added to an area is checked without being listed
// here.
func catalogueKeys(t *testing.T) map[string]string {
	t.Helper()
	areas := map[string]bool{"cliText": true, "commandText": true, "portalText": true, "usageText": true, "preflightText": true, "helpText": true, "formText": true, "kindText": true, "publishText": true, "usersText": true, "messageText": true, "ingestText": true, "inboxText": true, "settingsText": true, "reportText": true, "pdfText": true, "qualityText": true, "annotateText": true, "svgText": true, "workbookText": true}
	keys := map[string]string{} // key → area
	files, err := filepath.Glob("texts_*.go")
	if err != nil {
		t.Fatal(err)
	}
	// The editions' area (texts_editions.go), added apart from the list.
	areas["editionsText"] = true
	found := map[string]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !areas[fd.Name.Name] {
				continue
			}
			found[fd.Name.Name] = true
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				cc, ok := n.(*ast.CaseClause)
				if !ok {
					return true
				}
				for _, e := range cc.List {
					lit, ok := e.(*ast.BasicLit)
					if !ok {
						t.Errorf("%s: a case that is not a string literal", fd.Name.Name)
						continue
					}
					k, _ := strconv.Unquote(lit.Value)
					if prev, dup := keys[k]; dup {
						t.Errorf("key %q is in both %s and %s: lookup would only ever find the first", k, prev, fd.Name.Name)
					}
					keys[k] = fd.Name.Name
				}
				return true
			})
		}
	}
	for a := range areas {
		if !found[a] {
			t.Errorf("area %s not found in texts_*.go", a)
		}
	}
	if len(keys) < 200 {
		t.Fatalf("only %d keys found", len(keys))
	}
	return keys
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// blanks lists the fmt verbs of a text: in order when none is indexed,
// sorted and unique when they are (a language may reorder them).
func blanks(s string) []string {
	v := verb.FindAllString(s, -1)
	if strings.Contains(s, "%[") {
		slices.Sort(v)
		v = slices.Compact(v)
	}
	return v
}

// Every key has a French and an English text, with the same blanks, and
// the texts that differ only by language are really translated (a French
// text left in the English column, or the reverse, is caught by the
// marker words of the run tests in cmd/c2isurvey).
func TestCatalogueComplete(t *testing.T) {
	for k, area := range catalogueKeys(t) {
		fr, en, ok := lookup(k)
		if !ok || fr == "" || en == "" {
			t.Errorf("%s: key %q lacks a French or an English text (%q, %q)", area, k, fr, en)
			continue
		}
		if a, b := blanks(fr), blanks(en); !slices.Equal(a, b) {
			t.Errorf("%s: key %q: French blanks %v, English %v", area, k, a, b)
		}
		if strings.ContainsAny(en, "«»") {
			t.Errorf("%s: key %q: French quotation marks in English: %q", area, k, en)
		}
		// (An ASCII " is the shell's, in a command line a help shows.)
		if strings.ContainsAny(fr, "\u201c\u201d") {
			t.Errorf("%s: key %q: English quotation marks in French: %q", area, k, fr)
		}
		for _, sp := range []string{" :", " ;", " ?", " !"} {
			if strings.Contains(en, sp) {
				t.Errorf("%s: key %q: French spacing in English (%q): %q", area, k, sp, en)
			}
		}
	}
}

// keyShaped is what a catalogue key looks like; other string arguments of
// a call named T or F (a format, a text) are not keys.
var keyShaped = regexp.MustCompile(`^[a-z][a-z0-9]*([.\-][a-z0-9]+)+$|^[a-z]+$`)

// Every key the code names in a call to T or F (texts.Lang's methods, and
// the report's helpers T, t, p, pdfText and wbT, cmd's usagef, newFlagSet and flag
// usage strings) is in the catalogue: the module's
// sources are read, tests aside (they name missing keys on purpose).
func TestKeysUsedExist(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	used := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || strings.HasPrefix(n, ".") || n == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			args := call.Args
			switch name {
			case "T", "F", "t", "p", "pdfText", "wbT", "usagef":
			case "newFlagSet":
				args = args[min(1, len(args)):] // its name is a command's
			case "StringVar", "BoolVar", "IntVar", "Int64Var", "DurationVar", "Var", "String", "Int", "Bool":
				// A flag's usage string, its last argument, is a key.
				if len(args) == 0 {
					return true
				}
				args = args[len(args)-1:]
			default:
				return true
			}
			for _, a := range args {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				k, _ := strconv.Unquote(lit.Value)
				if !keyShaped.MatchString(k) {
					continue
				}
				used++
				if !Has(k) {
					t.Errorf("%s: key %q is not in the catalogue", fset.Position(lit.Pos()), k)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used < 50 {
		t.Errorf("only %d keys named in the code: the scan is not finding the calls", used)
	}
}

// An unknown key comes back as itself, visibly wrong, never empty.
func TestUnknownKey(t *testing.T) {
	if got := English.T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key gave %q", got)
	}
	if Has("no.such.key") {
		t.Error("Has reports a key that is not there")
	}
}
