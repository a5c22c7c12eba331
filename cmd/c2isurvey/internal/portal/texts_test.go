package portal

import (
	"io/fs"
	"regexp"
	"testing"

	"c2isurvey/ingest/texts"
)

// templateKey is a key a template looks up: {{.T "portal.x"}}, {{$.F "portal.x" …}}.
// (A comparison, {{if eq .F "accepted"}}, is not a look-up.)
var templateKey = regexp.MustCompile(`(eq )?\.[TF]\s+"([^"]+)"`)

// Every key the templates name is in the catalogue (the catalogue's own test
// reads the Go code's calls, not the templates), and every template names
// keys, not texts.
func TestTemplateKeysExist(t *testing.T) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		b, err := fs.ReadFile(templateFS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKey.FindAllSubmatch(b, -1) {
			if len(m[1]) > 0 {
				continue
			}
			n++
			if k := string(m[2]); !texts.Has(k) {
				t.Errorf("%s: key %q is not in the catalogue", name, k)
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d keys found in the templates", n)
	}
}
