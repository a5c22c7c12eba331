package registry

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"c2isurvey/ingest"
	"c2isurvey/ingest/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden want.txt files")

// problem is what a test expects of a refusal or a warning: its position
// and kind (the wording is in the golden files).
type problem struct{ cell, kind string }

func TestParse(t *testing.T) {
	cases := []struct {
		name     string
		entries  []Entry // when accepted
		refusals []problem
		warnings []problem
	}{
		{name: "valid",
			entries: []Entry{
				{UAI: "0333124S", Institution: "Université Michel de Montaigne Bordeaux 3", Academie: "Bordeaux", FirstYear: 2006, LastYear: 2013, Successor: "0331764N"},
				{UAI: "0331764N", Institution: "Université de Bordeaux", Academie: "Bordeaux", FirstYear: 2006},
				{UAI: "0693300M", Institution: "IUFM de l'académie de Lyon", Academie: "Lyon", FirstYear: 2006, LastYear: 2009, Successor: "0691774D"},
				{UAI: "0691774D", Institution: "Université Claude Bernard Lyon 1", Academie: "Lyon", FirstYear: 2006},
				{UAI: "0640251A", Institution: "Université de Pau; et des Pays de l'Adour", Academie: "Bordeaux", FirstYear: 2011},
				{UAI: "0751717J", Institution: "Université Paris 1", Academie: "Créteil", FirstYear: 2008, LastYear: 2012},
			},
			warnings: []problem{{"ligne 9, colonne 3 (academie)", ingest.KindRegistryAcademieUAI}}},
		{name: "academie-uai",
			entries:  []Entry{{UAI: "0331764N", Institution: "Université de Bordeaux", Academie: "Lyon", FirstYear: 2006}},
			warnings: []problem{{"ligne 2, colonne 3 (academie)", ingest.KindRegistryAcademieUAI}}},
		{name: "bad-header", refusals: []problem{{"ligne 1", ingest.KindRegistryHeader}}},
		{name: "header-only", refusals: []problem{{"", ingest.KindRegistryEmpty}}},
		{name: "empty-file", refusals: []problem{{"ligne 1", ingest.KindRegistryHeader}}},
		{name: "not-utf8", refusals: []problem{{"ligne 2, colonne 2 (institution)", ingest.KindRegistryEncoding}}},
		{name: "quotes", refusals: []problem{{"ligne 2", ingest.KindRegistryQuotes}}},
		{name: "field-count", refusals: []problem{{"ligne 2", ingest.KindRegistryFieldCount}, {"ligne 3", ingest.KindRegistryFieldCount}}},
		{name: "missing-value", refusals: []problem{
			{"ligne 2, colonne 1 (uai)", ingest.KindRegistryMissingValue},
			{"ligne 3, colonne 2 (institution)", ingest.KindRegistryMissingValue},
			{"ligne 3, colonne 3 (academie)", ingest.KindRegistryMissingValue},
			{"ligne 3, colonne 4 (first_year)", ingest.KindRegistryMissingValue}}},
		{name: "bad-uai", refusals: []problem{{"ligne 2, colonne 1 (uai)", ingest.KindBadUAI}}},
		{name: "uai-check-letter", refusals: []problem{{"ligne 2, colonne 1 (uai)", ingest.KindUAIKey}}},
		{name: "uai-corsica", refusals: []problem{{"ligne 2, colonne 1 (uai)", ingest.KindUAICorsica}}},
		{name: "unknown-academie", refusals: []problem{{"ligne 2, colonne 3 (academie)", ingest.KindRegistryUnknownAcademie}}},
		{name: "bad-year", refusals: []problem{
			{"ligne 2, colonne 4 (first_year)", ingest.KindBadYear},
			{"ligne 3, colonne 5 (last_year)", ingest.KindYearNotConsecutive}}},
		{name: "year-implausible", refusals: []problem{
			{"ligne 2, colonne 4 (first_year)", ingest.KindYearImplausible},
			{"ligne 3, colonne 5 (last_year)", ingest.KindYearImplausible}}},
		{name: "years-reversed", refusals: []problem{{"ligne 2, colonne 5 (last_year)", ingest.KindRegistryYearsReversed}}},
		{name: "duplicate-uai", refusals: []problem{{"ligne 4, colonne 1 (uai)", ingest.KindRegistryDuplicateUAI}}},
		{name: "successor-self", refusals: []problem{{"ligne 2, colonne 6 (successor)", ingest.KindRegistrySuccessorSelf}}},
		{name: "successor-open", refusals: []problem{{"ligne 2, colonne 6 (successor)", ingest.KindRegistrySuccessorOpen}}},
		{name: "successor-absent", refusals: []problem{{"ligne 2, colonne 6 (successor)", ingest.KindRegistrySuccessorAbsent}}},
		{name: "successor-bad-uai", refusals: []problem{{"ligne 2, colonne 6 (successor)", ingest.KindBadUAI}}},
		{name: "successor-gap", refusals: []problem{
			{"ligne 2, colonne 6 (successor)", ingest.KindRegistrySuccessorGap},
			{"ligne 4, colonne 6 (successor)", ingest.KindRegistrySuccessorGap}}},
		{name: "successor-loop", refusals: []problem{{"ligne 3, colonne 6 (successor)", ingest.KindRegistrySuccessorGap}}},
		{name: "many-faults", refusals: []problem{
			{"ligne 3, colonne 1 (uai)", ingest.KindUAIKey},
			{"ligne 4, colonne 2 (institution)", ingest.KindRegistryMissingValue},
			{"ligne 5, colonne 5 (last_year)", ingest.KindRegistryYearsReversed}}},
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*"))
	if len(dirs) != len(cases) {
		t.Errorf("%d folders in testdata, %d cases: every fixture needs a case", len(dirs), len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("testdata", tc.name)
			opts := Options{Lang: "fr", MaxYear: 2027}
			res := Load(filepath.Join(dir, "registry.csv"), opts)
			if got := problems(res.Refusals); !reflect.DeepEqual(got, tc.refusals) {
				t.Errorf("refusals:\n got %v\nwant %v", got, tc.refusals)
			}
			if got := problems(res.Warnings); !reflect.DeepEqual(got, tc.warnings) {
				t.Errorf("warnings:\n got %v\nwant %v", got, tc.warnings)
			}
			switch {
			case res.Refused() && res.Registry != nil:
				t.Error("a refused registry is returned: it must be taken whole or not at all")
			case !res.Refused() && !reflect.DeepEqual(res.Registry.Entries, tc.entries):
				t.Errorf("entries:\n got %+v\nwant %+v", res.Registry.Entries, tc.entries)
			}
			for _, p := range append(res.Refusals, res.Warnings...) {
				if p.File != filepath.Join(dir, "registry.csv") || p.Message == "" || strings.Contains(p.Message, "%!") {
					t.Errorf("problem %+v: want the file named and a worded message", p)
				}
			}
			// The golden file holds the words, French and English.
			var b strings.Builder
			for _, lang := range []string{"fr", "en"} {
				opts.Lang = lang
				r := Load(filepath.Join(dir, "registry.csv"), opts)
				fmt.Fprintf(&b, "[%s] refused=%v\n", lang, r.Refused())
				for _, p := range r.Refusals {
					fmt.Fprintf(&b, "refusal %s: %s\n", p.Cell, p.Message)
				}
				for _, p := range r.Warnings {
					fmt.Fprintf(&b, "warning %s: %s\n", p.Cell, p.Message)
				}
			}
			testutil.Golden(t, filepath.Join(dir, "want.txt"), []byte(b.String()), *update)
		})
	}
}

func problems(ps []ingest.Problem) []problem {
	var out []problem
	for _, p := range ps {
		out = append(out, problem{p.Cell, p.Kind})
	}
	return out
}

// TestWriteRoundTrip writes a registry and reads it back: the same entries,
// and writing again gives the same bytes.
func TestWriteRoundTrip(t *testing.T) {
	res := Load(filepath.Join("testdata", "valid", "registry.csv"), Options{})
	if res.Refused() {
		t.Fatal(res.Refusals)
	}
	var first bytes.Buffer
	if err := res.Registry.Write(&first); err != nil {
		t.Fatal(err)
	}
	again := Parse(bytes.NewReader(first.Bytes()), Options{})
	if again.Refused() || !reflect.DeepEqual(again.Registry.Entries, res.Registry.Entries) {
		t.Fatalf("read back: %+v %v", again.Registry, again.Refusals)
	}
	var second bytes.Buffer
	if err := again.Registry.Write(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("written twice, different bytes:\n%s\n%s", first.Bytes(), second.Bytes())
	}
	if !strings.HasPrefix(first.String(), Header+"\n") {
		t.Errorf("written without the header: %q", first.String())
	}
}

func TestTooLarge(t *testing.T) {
	big := strings.NewReader(Header + "\n" + strings.Repeat("x", MaxSize))
	res := Parse(big, Options{})
	if got := problems(res.Refusals); !reflect.DeepEqual(got, []problem{{"", ingest.KindRegistryTooLarge}}) {
		t.Errorf("refusals %v", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	res := Load(filepath.Join(t.TempDir(), "none.csv"), Options{Lang: "en"})
	if got := problems(res.Refusals); !reflect.DeepEqual(got, []problem{{"", ingest.KindCannotOpen}}) || res.Registry != nil {
		t.Errorf("refusals %v, registry %v", got, res.Registry)
	}
}

func TestExpectedAndLookup(t *testing.T) {
	res := Load(filepath.Join("testdata", "valid", "registry.csv"), Options{})
	e, ok := res.Registry.Lookup("0693300M")
	if !ok || e.Successor != "0691774D" {
		t.Fatalf("Lookup = %+v, %v", e, ok)
	}
	for year, want := range map[int]bool{2005: false, 2006: true, 2009: true, 2010: false} {
		if e.Expected(year) != want {
			t.Errorf("Expected(%d) = %v", year, !want)
		}
	}
	if _, ok := res.Registry.Lookup("0000000A"); ok {
		t.Error("Lookup of an absent UAI found it")
	}
}
