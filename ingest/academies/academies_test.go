package academies

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every département of metropolitan France (01 to 95 but 20), Corsica's two
// (620, 720) and the overseas ones map to exactly one académie in every
// survey year, from the first survey to the académies created since.
func TestDefaultCoversEveryDepartement(t *testing.T) {
	d := Default()
	var depts []string
	for i := 1; i <= 95; i++ {
		if i != 20 {
			depts = append(depts, fmt.Sprintf("%03d", i))
		}
	}
	depts = append(depts, "620", "720", "971", "972", "973", "974", "975", "976", "986", "987", "988")
	for year := 2006; year <= 2030; year++ {
		for _, dep := range depts {
			n := 0
			for _, a := range d.All() {
				if a.Exists(year) && a.Covers(dep+"0000A") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d: département %s is covered by %d académies, want 1", year, dep, n)
			}
			if _, ok := d.ForUAI(dep+"1234X", year); !ok {
				t.Errorf("%d: no académie for département %s", year, dep)
			}
		}
	}
}

func TestLookupAndForUAI(t *testing.T) {
	d := Default()
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"Paris", "Paris", true},
		{"PARIS", "Paris", true},
		{"Académie de Créteil", "Créteil", true},
		{"academie de creteil", "Créteil", true},
		{"Orleans-Tours", "Orléans-Tours", true},
		{"Académie de la Réunion", "La Réunion", true},
		{"Aix Marseille", "Aix-Marseille", true},
		{"Nancy-Metz", "Nancy-Metz", true},
		{"Normandie", "Normandie", true},
		{"=1+2", "", false},
		{"", "", false},
		{"Atlantide", "", false},
	}
	for _, tt := range tests {
		a, ok := d.Lookup(tt.name)
		if ok != tt.ok || a.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.name, a.Name, ok, tt.want, tt.ok)
		}
	}
	for _, tt := range []struct {
		uai  string
		year int
		want string
	}{
		{"0751717J", 2012, "Paris"},
		{"0593561A", 2012, "Lille"},
		{"9710585J", 2008, "Guadeloupe"},
		{"9740478B", 2012, "La Réunion"},
		{"7200664J", 2012, "Corse"},
		{"0141408E", 2012, "Caen"},
		{"0141408E", 2019, "Caen"},
		{"0141408E", 2020, "Normandie"},
		{"0761904G", 2012, "Rouen"},
		{"0761904G", 2024, "Normandie"},
	} {
		a, ok := d.ForUAI(tt.uai, tt.year)
		if !ok || a.Name != tt.want {
			t.Errorf("ForUAI(%s, %d) = %q, %v; want %q", tt.uai, tt.year, a.Name, ok, tt.want)
		}
	}
	if _, ok := d.ForUAI("0000000A", 2012); ok {
		t.Error("département 000 has an académie")
	}
}

func TestParseErrors(t *testing.T) {
	const head = "code;name;synonyms;departements;from;to\n"
	tests := []struct{ name, data, want string }{
		{"bad header", "code;nom;synonyms;departements;from;to\n", "header"},
		{"no name", head + "x;;;075;;\n", "required"},
		{"same name twice", head + "a;Paris;;075;;\nb;Lutèce;paris;076;;\n", "already names"},
		{"same département same years", head + "a;A;;075;;\nb;B;;075;2010;\n", "already"},
		{"bad département", head + "a;A;;75;;\n", "three characters"},
		{"bad year", head + "a;A;;075;deux mille;\n", "not a year"},
		{"empty", head, "no académie"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	p := filepath.Join(t.TempDir(), "academies.csv")
	if err := os.WriteFile(p, []byte("code;name;synonyms;departements;from;to\natl;Atlantide;Atlantis;999;;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := d.Lookup("atlantis"); !ok || a.Code != "atl" {
		t.Errorf("Lookup(atlantis) = %+v, %v", a, ok)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "absent.csv")); err == nil {
		t.Error("Load of a missing file gave no error")
	}
}
