package report

import (
	"math"
	"strings"
	"testing"
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
		if got := FormatInt(tc.n, tc.lang); got != tc.want {
			t.Errorf("FormatInt(%d, %q) = %s, want %s", tc.n, tc.lang, visible(got), visible(tc.want))
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
		if got := FormatPercent(tc.f, tc.decimals, tc.lang); got != tc.want {
			t.Errorf("FormatPercent(%v, %d, %q) = %s, want %s", tc.f, tc.decimals, tc.lang, visible(got), visible(tc.want))
		}
	}
}

func TestSignedFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"int up", FormatSignedInt(21626, "fr"), "+21" + ThinNBSP + "626"},
		{"int down", FormatSignedInt(-5030, "fr"), Minus + "5" + ThinNBSP + "030"},
		{"int down en", FormatSignedInt(-5030, "en"), Minus + "5,030"},
		{"int zero", FormatSignedInt(0, "fr"), "0"},
		{"pct up", FormatSignedPercent(1.5472, 1, "fr"), "+154,7" + NBSP + "%"},
		{"pct down", FormatSignedPercent(-0.464, 1, "en"), Minus + "46.4%"},
		{"pct zero", FormatSignedPercent(-0.00001, 1, "fr"), "0,0" + NBSP + "%"},
		{"pct none", FormatSignedPercent(math.Inf(1), 1, "fr"), "n.d."},
		{"points up", FormatPoints(0.023, 1, "fr"), "+2,3" + NBSP + "points"},
		{"points down en", FormatPoints(-0.371, 1, "en"), Minus + "37.1" + NBSP + "points"},
		{"point singular fr", FormatPoints(0.015, 1, "fr"), "+1,5" + NBSP + "point"},
		{"plural from two fr", FormatPoints(0.02, 1, "fr"), "+2,0" + NBSP + "points"},
		{"one point en", FormatPoints(-0.01, 0, "en"), Minus + "1" + NBSP + "point"},
		{"zero points", FormatPoints(0.0001, 1, "fr"), "0,0" + NBSP + "point"},
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
		if got := T(tc.lang, tc.key); got != tc.want {
			t.Errorf("T(%q, %q) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

func TestPDFTextFrenchSpacing(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pour %s : %s", "Pour %s" + NBSP + ": %s"}, // a format verb keeps its ordinary space
		{"fichiers ; doublons", "fichiers" + ThinNBSP + "; doublons"},
		{"le parcours « Doctorats »", "le parcours «" + NBSP + "Doctorats" + NBSP + "»"},
		{"Vraiment ? Oui !", "Vraiment" + ThinNBSP + "? Oui" + ThinNBSP + "!"},
	}
	for _, tc := range tests {
		if got := frenchSpacing(tc.in); got != tc.want {
			t.Errorf("frenchSpacing(%q) = %s, want %s", tc.in, visible(got), visible(tc.want))
		}
	}
	// Every French sentence with a format verb still formats cleanly.
	for _, key := range []string{"key.intro", "tracks.partial", "inst.intro", "methods.rate", "quality.accepted"} {
		if s := pdfText("fr", key); strings.Contains(s, NBSP+"%s") {
			t.Errorf("pdfText(fr, %q) glues a no-break space to a format verb: %s", key, visible(s))
		}
	}
}
