package texts

import (
	"math"
	"strings"
	"testing"
	"time"
)

// visible shows the invisible spaces so that a failure message says which
// space was written.
func visible(s string) string {
	return strings.NewReplacer(ThinNBSP, "<nnbsp>", NBSP, "<nbsp>", Minus, "<minus>").Replace(s)
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int64
		lang string
		want string
	}{
		{0, "fr", "0"},
		{999, "fr", "999"},
		{1000, "fr", "1" + ThinNBSP + "000"},
		{35604, "fr", "35" + ThinNBSP + "604"},
		{35604, "en", "35,604"},
		{1234567, "fr", "1" + ThinNBSP + "234" + ThinNBSP + "567"},
		{-1234, "fr", "-1" + ThinNBSP + "234"},
		{-12, "en", "-12"},
		{math.MinInt64, "en", "-9,223,372,036,854,775,808"},
		{123456, "", "123" + ThinNBSP + "456"}, // French is the default
	}
	for _, tc := range tests {
		if got := Lang(tc.lang).Int(tc.n); got != tc.want {
			t.Errorf("Lang(%q).Int(%d) = %s, want %s", tc.lang, tc.n, visible(got), visible(tc.want))
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		f        float64
		decimals int
		lang     string
		want     string
	}{
		{23009.0 / 35604.0, 1, "fr", "64,6" + NBSP + "%"},
		{23009.0 / 35604.0, 1, "en", "64.6%"},
		{23009.0 / 35604.0, 0, "fr", "65" + NBSP + "%"},
		{0.728, 1, "fr", "72,8" + NBSP + "%"},
		{0.6465, 1, "fr", "64,7" + NBSP + "%"}, // half away from zero despite binary 64.649999…
		{0.001, 1, "fr", "0,1" + NBSP + "%"},
		{1, 1, "en", "100.0%"},
		{12.5, 0, "fr", "1" + ThinNBSP + "250" + NBSP + "%"},
		{-0.00001, 1, "fr", "0,0" + NBSP + "%"}, // no "-0,0"
		{-0.05, 1, "en", "-5.0%"},
		{math.NaN(), 1, "fr", "n.d."},
		{math.Inf(1), 1, "en", "n/a"},
	}
	for _, tc := range tests {
		if got := Lang(tc.lang).Percent(tc.f, tc.decimals); got != tc.want {
			t.Errorf("Lang(%q).Percent(%v, %d) = %s, want %s", tc.lang, tc.f, tc.decimals, visible(got), visible(tc.want))
		}
	}
}

func TestSignedFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"int up", Lang("fr").SignedInt(21626), "+21" + ThinNBSP + "626"},
		{"int down", Lang("fr").SignedInt(-5030), Minus + "5" + ThinNBSP + "030"},
		{"int down en", Lang("en").SignedInt(-5030), Minus + "5,030"},
		{"int zero", Lang("fr").SignedInt(0), "0"},
		{"pct up", Lang("fr").SignedPercent(1.5472, 1), "+154,7" + NBSP + "%"},
		{"pct down", Lang("en").SignedPercent(-0.464, 1), Minus + "46.4%"},
		{"pct zero", Lang("fr").SignedPercent(-0.00001, 1), "0,0" + NBSP + "%"},
		{"pct none", Lang("fr").SignedPercent(math.Inf(1), 1), "n.d."},
		{"points up", Lang("fr").Points(0.023, 1), "+2,3" + NBSP + "points"},
		{"points down en", Lang("en").Points(-0.371, 1), Minus + "37.1" + NBSP + "points"},
		{"point singular fr", Lang("fr").Points(0.015, 1), "+1,5" + NBSP + "point"},
		{"plural from two fr", Lang("fr").Points(0.02, 1), "+2,0" + NBSP + "points"},
		{"one point en", Lang("en").Points(-0.01, 0), Minus + "1" + NBSP + "point"},
		{"zero points", Lang("fr").Points(0.0001, 1), "0,0" + NBSP + "point"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, visible(tc.got), visible(tc.want))
		}
	}
}

func TestYearLabel(t *testing.T) {
	for year, want := range map[int]string{2012: "2011-2012", 2006: "2005-2006", 2000: "1999-2000"} {
		if got := YearLabel(year); got != want {
			t.Errorf("YearLabel(%d) = %q, want %q", year, got, want)
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct{ lang, key, want string }{
		{"fr", "success.rate", "Taux de réussite"},
		{"en", "success.rate", "Success rate"},
		{"", "students", "Étudiants concernés"},
		{"en", "certificates", "Certificates delivered"},
		{"fr", "certificate.name", "Certificat informatique et internet de niveau 2 «" + NBSP + "enseignant" + NBSP + "»"},
		{"fr", "no.such.key", "no.such.key"},
	}
	for _, tc := range tests {
		if got := Lang(tc.lang).T(tc.key); got != tc.want {
			t.Errorf("T(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		t    time.Time
		lang Lang
		want string
	}{
		{time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC), French, "2" + NBSP + "décembre" + NBSP + "2026"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), French, "1er" + NBSP + "mars" + NBSP + "2026"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), English, "1" + NBSP + "March" + NBSP + "2026"},
	}
	for _, tc := range tests {
		if got := tc.lang.Date(tc.t); got != tc.want {
			t.Errorf("%s.Date(%v) = %s, want %s", tc.lang, tc.t, visible(got), visible(tc.want))
		}
	}
}

func TestFrenchSpacing(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pour %s : %s", "Pour %s" + NBSP + ": %s"}, // a format verb keeps its ordinary space
		{"fichiers ; doublons", "fichiers" + ThinNBSP + "; doublons"},
		{"le parcours « Doctorats »", "le parcours «" + NBSP + "Doctorats" + NBSP + "»"},
		{"Vraiment ? Oui !", "Vraiment" + ThinNBSP + "? Oui" + ThinNBSP + "!"},
		{"déjà" + NBSP + ": espacé", "déjà" + NBSP + ": espacé"}, // applying it twice changes nothing
	}
	for _, tc := range tests {
		if got := FrenchSpacing(tc.in); got != tc.want {
			t.Errorf("FrenchSpacing(%q) = %s, want %s", tc.in, visible(got), visible(tc.want))
		}
	}
}

func TestQuoteAndList(t *testing.T) {
	tests := []struct{ got, want string }{
		{French.Quote("x"), "«" + NBSP + "x" + NBSP + "»"},
		{English.Quote("x"), "\u201cx\u201d"},
		{English.List([]string{"a", "b", "c"}), "\u201ca\u201d, \u201cb\u201d and \u201cc\u201d"},
		{French.List([]string{"a", "b"}), "«" + NBSP + "a" + NBSP + "» et «" + NBSP + "b" + NBSP + "»"},
		{French.List([]string{"a"}), "«" + NBSP + "a" + NBSP + "»"},
		{French.F("cli.summary.more", Count(1234)), " et 1" + ThinNBSP + "234 autre(s)"},
		{English.F("cli.summary.more", Count(1234)), " and 1,234 more"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %s, want %s", i, visible(tc.got), visible(tc.want))
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"fr", French, true}, {"en", English, true}, {"", French, true}, {" EN ", English, true},
		{"de", French, false}, {"english", French, false}, {"fr-FR", French, false},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && (!strings.Contains(err.Error(), "--lang doit valoir fr ou en") || !strings.Contains(err.Error(), "--lang must be fr or en")) {
			t.Errorf("Parse(%q): the refusal is not in both languages: %v", tc.in, err)
		}
	}
}

func TestCodes(t *testing.T) {
	for _, tc := range []struct {
		lang      Lang
		code, tag string
	}{{French, "fr", "fr-FR"}, {English, "en", "en-GB"}, {"", "fr", "fr-FR"}, {"de", "fr", "fr-FR"}} {
		if tc.lang.Code() != tc.code || tc.lang.Tag() != tc.tag {
			t.Errorf("%q: Code %q, Tag %q; want %q, %q", tc.lang, tc.lang.Code(), tc.lang.Tag(), tc.code, tc.tag)
		}
	}
}
