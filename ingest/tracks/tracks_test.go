package tracks

import (
	"strings"
	"testing"
)

func TestDefaultParses(t *testing.T) {
	d := Default()
	if got := len(d.Tracks()); got != 8 {
		t.Fatalf("default dictionary has %d tracks, want 8", got)
	}
}

func TestLookup(t *testing.T) {
	d := Default()
	cases := []struct {
		label, want string
	}{
		{"Masters enseignement", "masters-enseignement"},
		{"MASTERS  ENSEIGNEMENT", "masters-enseignement"},
		{"Master MEEF", "masters-enseignement"},
		{"master\nenseignement", "masters-enseignement"},
		{"Autres masters", "autres-masters"},
		{"autre master", "autres-masters"},
		{"Doctorat", "doctorats"},
		{"Doctorats", "doctorats"},
		{"Candidats libres", "candidats-libres"},
		{"candidat libre", "candidats-libres"},
		{"Formation continue du sup", "fc-sup"},
		{"Formation continue du sup(érieur)", "fc-sup"},
		{"Formation continue enseignement supérieur", "fc-sup"},
		{"formation continue enseignement superieur", "fc-sup"},
		{"Formation continue du sco", "fc-sco"},
		{"FC scolaire", "fc-sco"},
		{"Formation continue Autres", "fc-autres"},
		{"Formation\u00a0continue  autres", "fc-autres"},
		{"Total non ventilé", "non-ventile"},
		{"fc-sup", "fc-sup"},
		{"Other masters", "autres-masters"},
		{"Continuing education (schools)", "fc-sco"},
	}
	for _, c := range cases {
		tr, ok := d.Lookup(c.label)
		if !ok {
			t.Errorf("Lookup(%q): not found, want %s", c.label, c.want)
			continue
		}
		if tr.Code != c.want {
			t.Errorf("Lookup(%q) = %s, want %s", c.label, tr.Code, c.want)
		}
	}
	for _, unknown := range []string{"Licence", "Masters", "Formation continue", ""} {
		if tr, ok := d.Lookup(unknown); ok {
			t.Errorf("Lookup(%q) = %s, want not found", unknown, tr.Code)
		}
	}
}

func TestParseErrors(t *testing.T) {
	header := "code;label_fr;label_en;group;group_fr;group_en;synonyms\n"
	cases := []struct{ name, in, want string }{
		{"bad header", "code;label\n", "header"},
		{"empty", header, "no track"},
		{"duplicate code", header + "a;A;A;g;G;G;\na;B;B;g;G;G;\n", "appears twice"},
		{"ambiguous synonym", header + "a;A;A;g;G;G;x\nb;B;B;g;G;G;X\n", "already names"},
		{"missing group", header + "a;A;A;;;;\n", "required"},
	}
	for _, c := range cases {
		_, err := Parse(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Étudiants concernés", "etudiant concerne"},
		{"  CERTIFICATS\ndélivrés ", "certificat delivre"},
		{"Taux de réussite (%)", "tau de reussite"},
		{"Code UAI :", "code uai"},
		{"Cœur", "coeur"},
		{"Formation\u00a0continue\u202fdu sup.", "formation continue du sup"},
		{"Année", "annee"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkKey(b *testing.B) {
	for b.Loop() {
		Key("Formation continue de l'enseignement supérieur")
	}
}
