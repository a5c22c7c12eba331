package tracks

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestKeyAsBefore holds the one-pass Key to the first writing of it
// (keyOld) on the dictionary's labels, labels as files write them, and
// random text mixing ASCII, accents, ligatures, other scripts, spaces and
// invalid UTF-8.
func TestKeyAsBefore(t *testing.T) {
	inputs := []string{"", " ", "Masters enseignement", "MASTERS  ENSEIGNEMENT ", "Formation continue du supérieur",
		"Œuvres\u00a0complètes", "Doctorats (hors C2i2e)", "ÆSIR ñandú", "x\xffy", "Taux de réussite (%) :",
		"Candidats\nlibres", "cœurs", "boxs", "ßtraße", "한국어 문장", "ﬁn", "Ａｂｃ", "e\u0301tudiants", "abcs abcx abs"}
	for _, tr := range Default().Tracks() {
		inputs = append(inputs, tr.Label("fr"), tr.Label("en"), tr.Group, tr.GroupFR, tr.GroupEN)
	}
	alphabet := []rune("aAzZ09 sx\t\n.,'-()éÉèçœŒæÆß\u00a0\u0301\u2003ﬁ한Ω\ufffdı")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(24) {
			if rng.IntN(50) == 0 {
				b.WriteByte(0xff)
				continue
			}
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		if got, want := Key(s), keyOld(s); got != want {
			t.Fatalf("Key(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendKey([]byte("Ab "), s)), "Ab "+keyOld(s); got != want {
			t.Fatalf("AppendKey(\"Ab \", %q) = %q, want %q", s, got, want)
		}
	}
}

// TestKeyEveryRune holds Key to keyOld on every character, alone and
// between two letters.
func TestKeyEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), "ab" + string(r) + "cd"} {
			if got, want := Key(s), keyOld(s); got != want {
				t.Fatalf("Key(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func FuzzKey(f *testing.F) {
	f.Add("Formation continue du supérieur")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Key(s), keyOld(s); got != want {
			t.Fatalf("Key(%q) = %q, want %q", s, got, want)
		}
	})
}

// keyOld is Key as it was first written (strings.Fields over a builder),
// kept for the test that holds Key to it.
func keyOld(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			keyRune(&b, r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			keyRune(&b, d)
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) {
			words[i] = w[:len(w)-1]
		}
	}
	return strings.Join(words, " ")
}

// keyRune writes one decomposed rune of a label in its compared form.
func keyRune(b *strings.Builder, r rune) {
	switch {
	case unicode.Is(unicode.Mn, r):
		// a combining accent: dropped
	case r == 'œ' || r == 'Œ':
		b.WriteString("oe")
	case r == 'æ' || r == 'Æ':
		b.WriteString("ae")
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		b.WriteRune(unicode.ToLower(r))
	default:
		b.WriteByte(' ')
	}
}
