package main

import (
	"path/filepath"
	"testing"

	"c2isurvey/ingest/registry"
)

// TestSampleRegistry reads the generated registry as report --registry
// does, and checks that it shows every case: institutions that never
// answered (one expected from a later year), institutions expected from
// 2006 that first answered later, institutions expected only from a later
// year, mergers whose successor answers after them, and an answer the
// registry does not expect.
func TestSampleRegistry(t *testing.T) {
	dir := t.TempDir()
	if _, err := generate(dir); err != nil {
		t.Fatal(err)
	}
	res := registry.Load(filepath.Join(dir, registryName), registry.Options{Lang: "en", MaxYear: 2013})
	if res.Refused() {
		t.Fatalf("the samples' registry is refused: %v", res.Refusals)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("the samples' registry has warnings: %v", res.Warnings)
	}
	ds, err := build()
	if err != nil {
		t.Fatal(err)
	}
	answered := map[string][]int{} // UAI → years answered, in order
	for _, a := range ds.answers {
		answered[a.uai] = append(answered[a.uai], a.year)
	}
	var never, lateFirst, expectedLater, merged, unexpected int
	for u, years := range answered {
		if _, ok := res.Registry.Lookup(u); !ok {
			unexpected++
			if u != uai(unlisted) {
				t.Errorf("%s answers in %v but is not in the registry", u, years)
			}
		}
	}
	for _, e := range res.Registry.Entries {
		years := answered[e.UAI]
		switch {
		case len(years) == 0:
			never++
		case e.FirstYear == 2006 && years[0] > 2006:
			lateFirst++
		}
		if e.FirstYear > 2006 {
			expectedLater++
		}
		for _, y := range years {
			if !e.Expected(y) {
				t.Errorf("%s answers in %d, outside the years it is expected (%d-%d)", e.UAI, y, e.FirstYear, e.LastYear)
			}
		}
		if e.Successor != "" {
			merged++
			s, _ := res.Registry.Lookup(e.Successor)
			after := false
			for _, y := range answered[s.UAI] {
				after = after || y > e.LastYear
			}
			if !after {
				t.Errorf("%s merged into %s, which never answers after %d", e.UAI, s.UAI, e.LastYear)
			}
		}
	}
	for _, c := range []struct {
		what string
		n    int
	}{{"never answered", never}, {"expected from 2006, first answered later", lateFirst}, {"expected from a later year", expectedLater}, {"merged", merged}, {"answered unexpected", unexpected}} {
		if c.n == 0 {
			t.Errorf("no institution %s: the samples must show every case", c.what)
		}
		t.Logf("%s: %d", c.what, c.n)
	}
}
