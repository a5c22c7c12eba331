package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneWayFlow guards the architecture: data flows ingest → aggregate →
// report. ingest imports neither aggregate nor report; aggregate does not
// import report. The nightly service is called by the commands and the
// portal, and knows neither.
func TestOneWayFlow(t *testing.T) {
	forbidden := map[string][]string{
		"ingest":                         {"c2isurvey/aggregate", "c2isurvey/report", "c2isurvey/cmd"},
		"aggregate":                      {"c2isurvey/report", "c2isurvey/cmd"},
		"report":                         {"c2isurvey/cmd"},
		"cmd/c2isurvey/internal/nightly": {"c2isurvey/cmd/c2isurvey/internal/portal"},
	}
	for dir, bans := range forbidden {
		root := filepath.Join("..", "..", dir)
		checked := 0
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			checked++
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				for _, ban := range bans {
					if path == ban || strings.HasPrefix(path, ban+"/") {
						t.Errorf("%s imports %s: data flows ingest → aggregate → report only", p, path)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if checked == 0 {
			t.Errorf("no Go file found under %s", root)
		}
	}
}

// TestTestutilInTestsOnly: the shared test helpers (ingest/testutil) are
// imported by tests alone, never by the program.
func TestTestutilInTestsOnly(t *testing.T) {
	root := filepath.Join("..", "..")
	used := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "testdata" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "c2isurvey/ingest/testutil" {
				used++
				if !strings.HasSuffix(p, "_test.go") {
					t.Errorf("%s imports %s: it is for tests only", p, path)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used == 0 {
		t.Error("no test imports ingest/testutil: the check checks nothing")
	}
}
