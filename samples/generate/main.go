// Command generate writes the sample survey files under samples/: the
// answers of 2005-2006 to 2011-2012 as institutions and académies send them,
// such that reading them all reproduces the published national tables, plus
// broken files that show what refusals look like, and the registry of the
// institutions expected to answer (registry.csv).
//
// Run from the repository root: go run ./samples/generate
// The output depends on nothing but this code (fixed random seeds, no clock,
// no map order): running it again must leave git clean.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"c2isurvey/ingest/template"
	"c2isurvey/ingest/tracks"
)

func main() {
	out := flag.String("out", "samples", "folder to write the samples into")
	flag.Parse()
	n, err := generate(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files written under %s\n", n, *out)
}

// generate writes every sample file under dir, replacing the folders it owns
// (one per academic year, and broken/) and the registry of expected
// respondents (registry.csv), and leaving anything else alone.
func generate(dir string) (int, error) {
	ds, err := build()
	if err != nil {
		return 0, err
	}
	files, err := plan(ds, tracks.Default())
	if err != nil {
		return 0, err
	}
	reg, err := registryFile()
	if err != nil {
		return 0, err
	}
	files = append(files, reg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create %s: %w", dir, err)
	}
	for _, d := range ownedDirs() {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return 0, fmt.Errorf("clear %s: %w", d, err)
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, fmt.Errorf("create folder for %s: %w", f.path, err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return 0, fmt.Errorf("write %s: %w", f.path, err)
		}
		if err := os.Chtimes(p, f.mod, f.mod); err != nil {
			return 0, fmt.Errorf("set time of %s: %w", f.path, err)
		}
	}
	if len(files) == 0 {
		return 0, errors.New("no file planned")
	}
	return len(files), nil
}

// ownedDirs are the folders under samples/ that the generator rewrites.
func ownedDirs() []string {
	var dirs []string
	for _, n := range publishedNational() {
		dirs = append(dirs, template.YearLabel(n.year))
	}
	return append(dirs, "broken")
}
