package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadFull(t *testing.T) {
	s, err := Load(filepath.Join("testdata", "full", FileName), "fr")
	if err != nil {
		t.Fatal(err)
	}
	logo, err := os.ReadFile(filepath.Join("testdata", "full", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"ministry fr", s.MinistryIn("fr"), "ministère de l’Enseignement supérieur"},
		{"ministry en", s.MinistryIn("en"), "Ministry of Higher Education"},
		{"service fr", s.ServiceIn("fr"), "sous-direction des systèmes d’information et des études statistiques"},
		{"service en", s.ServiceIn("en"), "Information systems and statistical studies"},
		{"contact", s.Contact, "sies@example.fr"},
		{"logo", string(s.Logo), string(logo)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if s.Fragile != 40 || s.Suppress != 5 {
		t.Errorf("thresholds %d/%d, want 40/5", s.Fragile, s.Suppress)
	}
}

func TestDefaults(t *testing.T) {
	s, err := Find(t.TempDir(), "fr")
	if err != nil {
		t.Fatal(err)
	}
	if s.File != "" || s.Fragile != DefaultFragile || s.Suppress != DefaultSuppress || s.Logo != nil || s.MinistryIn("en") == s.MinistryIn("fr") {
		t.Errorf("defaults: %+v", s)
	}
	// A French ministry name given alone is printed in English reports
	// too (a proper name), not the English default.
	s, err = Parse([]byte("ministere = ministère X\n"), "settings.txt", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.MinistryIn("en"); got != "ministère X" {
		t.Errorf("MinistryIn(en) = %q, want the name given", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, lang string
		want             []string
	}{
		{"no equals", "# c\n\nministere\n", "fr", []string{"settings.txt, ligne 3", "«\u00a0clé = valeur\u00a0»"}},
		{"unknown key", "ministre = X\n", "fr", []string{"ligne 1", "clé inconnue «\u00a0ministre\u00a0»", "seuil_fragile"}},
		{"unknown key en", "ministre = X\n", "en", []string{"settings file settings.txt, line 1", "unknown key “ministre”"}},
		{"twice", "service = A\nservice = B\n", "fr", []string{"ligne 2", "déjà donnée ligne 1"}},
		{"not a number", "seuil_fragile = trente\n", "fr", []string{"ligne 1", "«\u00a0trente\u00a0» n'est pas un nombre"}},
		{"suppress above fragile", "seuil_fragile = 5\nseuil_non_publie = 10\n", "fr", []string{"ligne 2", "seuil de non-publication (10) dépasse"}},
		{"missing logo", "logo = absent.png\n", "fr", []string{"ligne 1", "le logo absent.png est introuvable"}},
		{"two faults", "x = 1\ny = 2\n", "fr", []string{"ligne 1", "ligne 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text), "settings.txt", tc.lang)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLogoNotPNG(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "notpng", FileName), "fr")
	if err == nil || !strings.Contains(err.Error(), "n'est pas une image PNG") || !strings.Contains(err.Error(), "ligne 1") {
		t.Fatalf("error %v, want a refusal of the JPEG naming line 1", err)
	}
}

func TestLatin1AndBOM(t *testing.T) {
	// Notepad's old default encoding, and its byte order mark.
	s, err := Parse([]byte("minist\xe8re = minist\xe8re Z\n"), "settings.txt", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if s.Ministry != "ministère Z" {
		t.Errorf("Latin-1: %q", s.Ministry)
	}
	s, err = Parse([]byte("\xef\xbb\xbfcontact = a@b.fr\r\n"), "settings.txt", "fr")
	if err != nil || s.Contact != "a@b.fr" {
		t.Errorf("BOM and CRLF: %v %+v", err, s)
	}
}
