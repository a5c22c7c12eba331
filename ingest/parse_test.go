package ingest

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

func kindOf(err error) string {
	var ve *ValueError
	if errors.As(err, &ve) {
		return ve.Kind
	}
	if err != nil {
		return "other"
	}
	return ""
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		kind string
	}{
		{"17671", 17671, ""},
		{"17 671", 17671, ""},
		{"17\u00a0671", 17671, ""},
		{"17\u202f671", 17671, ""},
		{" 17 671,0 ", 17671, ""},
		{"17671.00", 17671, ""},
		{"1,234,567", 1234567, ""},
		{"1.234.567", 1234567, ""},
		{"0", 0, ""},
		{"+12", 12, ""},
		{"-0", 0, ""},
		{"-12", 0, KindNegativeCount},
		{"\u221212", 0, KindNegativeCount},
		{"-12,5", 0, KindNegativeCount},
		{"12,5", 0, KindFractionalCount},
		{"17.671", 0, KindAmbiguousThousands},
		{"12,000", 0, KindAmbiguousThousands},
		{"12.000", 0, KindAmbiguousThousands},
		{" 1,500 ", 0, KindAmbiguousThousands},
		{"+12,000", 0, KindAmbiguousThousands},
		{"-12,000", 0, KindNegativeCount},
		{"12.000.000", 12000000, ""},
		{"1 234", 1234, ""},
		{"1,5", 0, KindFractionalCount},
		{"12,00", 12, ""},
		{"12,0000", 12, ""},
		{"1234,000", 1234, ""},
		{"17 671,000", 17671, ""},
		{"abc", 0, KindNotANumber},
		{"", 0, KindNotANumber},
		{"12a", 0, KindNotANumber},
		{"1e3", 0, KindNotANumber},
		{"1,2,3", 0, KindNotANumber},
		{"12,,0", 0, KindNotANumber},
		{",5", 0, KindNotANumber},
		{"99999999999999999999", 0, KindNotANumber},
	}
	for _, tt := range tests {
		got, err := ParseCount(tt.in)
		if kindOf(err) != tt.kind || got != tt.want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d, kind %q", tt.in, got, err, tt.want, tt.kind)
		}
	}
}

func TestParseNumberCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		kind string
	}{
		{"12", 12, ""},
		{"12.000000000000002", 12, ""},
		{"1.7671E4", 17671, ""},
		{"12.5", 0, KindFractionalCount},
		{"-3", 0, KindNegativeCount},
		{"-0.5", 0, KindNegativeCount},
		{"NaN", 0, KindNotANumber},
		{"x", 0, KindNotANumber},
		{"1e20", 0, KindNotANumber},
	}
	for _, tt := range tests {
		got, err := ParseNumberCount(tt.in)
		if kindOf(err) != tt.kind || got != tt.want {
			t.Errorf("ParseNumberCount(%q) = %d, %v; want %d, kind %q", tt.in, got, err, tt.want, tt.kind)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		bad  bool
	}{
		{"64%", 0.64, false},
		{"64 %", 0.64, false},
		{"64\u00a0%", 0.64, false},
		{"72,8 %", 0.728, false},
		{"0,646", 0.646, false},
		{"0.646", 0.646, false},
		{"64,6", 0.646, false},
		{"1", 1, false},
		{"100 %", 1, false},
		{"0", 0, false},
		{"101 %", 0, true},
		{"-5 %", 0, true},
		{"abc", 0, true},
		{"%", 0, true},
		{"", 0, true},
		{"NaN", 0, true},
		{"0x10", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if (err != nil) != tt.bad || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("ParseRate(%q) = %v, %v; want %v, bad %v", tt.in, got, err, tt.want, tt.bad)
		}
		if err != nil && kindOf(err) != KindBadRate {
			t.Errorf("ParseRate(%q): kind %q, want %q", tt.in, kindOf(err), KindBadRate)
		}
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		in   string
		want int
		kind string
	}{
		{"2011-2012", 2012, ""},
		{"2011/2012", 2012, ""},
		{"2011 - 2012", 2012, ""},
		{"2011–2012", 2012, ""},
		{"2011-12", 2012, ""},
		{"2012", 2012, ""},
		{"2012.0", 2012, ""},
		{"2027", 2027, ""},
		{"2011-2013", 0, KindYearNotConsecutive},
		{"2012-2011", 0, KindYearNotConsecutive},
		{"2011-13", 0, KindYearNotConsecutive},
		{"1999", 0, KindYearImplausible},
		{"2028", 0, KindYearImplausible},
		{"1012", 0, KindYearImplausible},
		{"40909", 0, KindBadYear},
		{"an 2012", 0, KindBadYear},
		{"", 0, KindBadYear},
		{"2011-", 0, KindBadYear},
		{"-2012", 0, KindBadYear},
	}
	for _, tt := range tests {
		got, err := ParseYear(tt.in, 2027)
		if kindOf(err) != tt.kind || got != tt.want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, kind %q", tt.in, got, err, tt.want, tt.kind)
		}
	}
}

func TestParseUAI(t *testing.T) {
	tests := []struct{ in, want, kind string }{
		{"0751717J", "0751717J", ""},
		{" 0751717j ", "0751717J", ""},
		{"0751717\u00a0J", "0751717J", ""},
		{"7200664J", "7200664J", ""}, // Université de Corse, as the directory writes it
		{"9740478B", "9740478B", ""},
		{"0000000A", "0000000A", ""},
		{"0751717K", "", KindUAIKey},
		{"0750101X", "", KindUAIKey},
		{"02B0664J", "", KindUAICorsica},
		{"2b0664j", "", KindUAICorsica},
		{"02A0001X", "", KindUAICorsica},
		{"2A001234X", "", KindBadUAI},
		{"751717J", "", KindBadUAI},
		{"07517170", "", KindBadUAI},
		{"0751717JJ", "", KindBadUAI},
		{"075171éJ", "", KindBadUAI},
		{"", "", KindBadUAI},
	}
	for _, tt := range tests {
		got, err := ParseUAI(tt.in)
		if got != tt.want || kindOf(err) != tt.kind {
			t.Errorf("ParseUAI(%q) = %q, %v; want %q, kind %q", tt.in, got, err, tt.want, tt.kind)
		}
	}
}

// The check letter is the seven-digit number modulo 23 over the alphabet
// without I, O and Q; a Corsican code written 2A/2B maps to 620/720.
func TestUAIKey(t *testing.T) {
	for number, want := range map[string]byte{"0751717": 'J', "7200664": 'J', "0000000": 'A', "0000022": 'Z', "0000023": 'A', "0000008": 'J', "0000013": 'P'} {
		if got := UAIKey(number); got != want {
			t.Errorf("UAIKey(%s) = %c, want %c", number, got, want)
		}
	}
	for in, want := range map[string]string{"02B0664J": "7200664J", "2A0001X": "6200001" + string(UAIKey("6200001"))} {
		if got, ok := corsicanUAI(in); !ok || got != want {
			t.Errorf("corsicanUAI(%s) = %s, %v; want %s", in, got, ok, want)
		}
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Université\u00a0de   Paris\n", "Université de Paris"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	m := newMatcher()
	tests := []struct {
		in   string
		want field
		ok   bool
	}{
		{"Parcours", fTrack, true},
		{"PARCOURS", fTrack, true},
		{"Track", fTrack, true},
		{"Étudiants concernés", fStudents, true},
		{"Etudiants\nconcernes", fStudents, true},
		{"Nombre d'étudiants concernés par le C2i2e", fStudents, true},
		{"Students", fStudents, true},
		{"Certificats délivrés (nombre)", fCerts, true},
		{"Certificates", fCerts, true},
		{"Taux de réussite (%)", fRate, true},
		{"Success rate", fRate, true},
		{"Code UAI :", fUAI, true},
		{"Code\u00a0RNE", fUAI, true},
		{"Année universitaire", fYear, true},
		{"Academic year", fYear, true},
		{"Etablissement", fInstitution, true},
		{"Nom de l'établissement", fInstitution, true},
		{"Academie", fAcademie, true},
		{"Enquête C2i2e 2011-2012", 0, false},
		{"Commentaires", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := m.match(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("match(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsTotalLabel(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Total", true},
		{"TOTAL :", true},
		{"Total général", true},
		{"Totaux", true},
		{"Grand total", true},
		{"Sous-total", true},
		{"Sous-total masters", true},
		{"SOUS TOTAL :", true},
		{"Sous-totaux", true},
		{"Subtotal", true},
		{"Tous parcours confondus", true},
		{"Ensemble", true},
		{"Ensemble des parcours", true},
		{"All tracks", true},
		{"Overall", true},
		{"Toutes formations", true},
		{"Total non ventilé", false}, // the no-breakdown track
		{"Non ventilé", false},
		{"Total (no breakdown)", false},
		{"Masters enseignement", false},
		{"Totalement", false},
		{"Sousou", false},
		{"Source : rectorat", false},
	}
	for _, tt := range tests {
		if got := isTotalLabel(tt.in); got != tt.want {
			t.Errorf("isTotalLabel(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTotalRule: what a total row totals, by rule, with the dictionary's
// groups and tracks.
func TestTotalRule(t *testing.T) {
	in := &interp{dict: tracks.Default(), totals: map[string]totalInfo{}, groups: map[string]string{}}
	for _, tk := range in.dict.Tracks() {
		for _, g := range []string{tk.Group, tk.GroupFR, tk.GroupEN} {
			in.groups[LabelKey(g)] = tk.Group
		}
	}
	tests := []struct {
		in   string
		want totalInfo
	}{
		{"Total", totalInfo{ok: true}},
		{"Total général", totalInfo{ok: true}},
		{"— TOTAL —", totalInfo{ok: true}},
		{"« Total »", totalInfo{ok: true}},
		{"0751717J", totalInfo{}},
		{"2011-2012", totalInfo{}},
		{"Tous parcours confondus", totalInfo{ok: true}},
		{"Ensemble des parcours", totalInfo{ok: true}},
		{"Sous-total", totalInfo{ok: true, sub: true}},
		{"Sous-total Lyon", totalInfo{ok: true, sub: true}},
		{"Sous-total masters", totalInfo{ok: true, sub: true, group: "masters"}},
		{"Total formation continue", totalInfo{ok: true, group: "formation-continue"}},
		{"Total des formations continues", totalInfo{ok: true, group: "formation-continue"}},
		{"Total doctorats", totalInfo{ok: true, group: "doctorats"}},
		{"Total Master MEEF", totalInfo{ok: true, track: "masters-enseignement"}},
		{"Total non ventilé", totalInfo{}},
		{"Total,110,65", totalInfo{}}, // a line written with another separator
		{"Masters", totalInfo{}},
		{"", totalInfo{}},
	}
	for _, tt := range tests {
		if got := in.totalRule(tt.in); got != tt.want {
			t.Errorf("totalRule(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// TestDataLine: a line of values written with another separator, not a
// sentence with commas.
func TestDataLine(t *testing.T) {
	tests := []struct {
		in  string
		sep rune
		ok  bool
	}{
		{"Doctorats,12,7", ',', true},
		{"2012,0751717J,Université,Doctorats,12,7", ',', true},
		{"2012;0751717J;Université;Doctorats;12;7", ';', true},
		{"Doctorats\t12\t7", '\t', true},
		{"Doctorats|12|7", '|', true},
		{"Chiffres au 1er octobre, hors doublons", 0, false},
		{"Source : rectorat, 2012", 0, false},
		{"12,5", 0, false},
		{"Doctorats", 0, false},
	}
	for _, tt := range tests {
		sep, ok := dataLine(tt.in)
		if ok != tt.ok || sep != tt.sep {
			t.Errorf("dataLine(%q) = %q, %v; want %q, %v", tt.in, sep, ok, tt.sep, tt.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{formatCount("fr", 35604), "35\u202f604"},
		{formatCount("en", 35604), "35,604"},
		{formatCount("fr", 1234567), "1\u202f234\u202f567"},
		{formatCount("fr", 604), "604"},
		{msgf("fr", KindRateMismatch, pct(0.6462), count(1), count(2), pct(0.5))[:39], "Le taux de réussite indiqué (64,6\u00a0%)"},
		{msgf("en", KindRateMismatch, pct(0.6462), count(1), count(2), pct(0.5))[:28], "The success rate given (64.6%)"[:28]},
		{Quote("fr", "x"), "«\u00a0x\u00a0»"},
		{list("en", []string{"a", "b", "c"}), "\u201ca\u201d, \u201cb\u201d and \u201cc\u201d"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// Every kind and phrase declared in messages.go has a French and an
// English wording of its own, with the same blanks: the constants are read
// from the source, so a new kind cannot be forgotten here.
func TestCatalogueComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Kind") && !strings.HasPrefix(name.Name, "phrase") {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s is not a string literal", name.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				kinds = append(kinds, v)
			}
		}
	}
	if len(kinds) < 50 {
		t.Fatalf("only %d kinds found in messages.go", len(kinds))
	}
	blanks := regexp.MustCompile(`%(\[\d+\])?[svd]`)
	for _, k := range kinds {
		if strings.HasPrefix(k, "phrase") || strings.HasPrefix(k, "Phrase") {
			// a phrase fills a message's blank; it names no kind
		} else if !texts.Has("kind." + k) {
			t.Errorf("kind %q has no short name (kind.%s) for the data-quality tables", k, k)
		}
		fr, en, ok := texts.Pair(k)
		if !ok || fr == en {
			t.Errorf("kind %q has no wording of its own in both languages", k)
		}
		a, b := blanks.FindAllString(fr, -1), blanks.FindAllString(en, -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(slices.Compact(a), slices.Compact(b)) {
			t.Errorf("kind %q: French blanks %v, English %v", k, a, b)
		}
	}
}
