package portal

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "correct") {
		t.Errorf("hash %q", h)
	}
	h2, _ := HashPassword("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, c := range []struct {
		hash, password string
		ok, err        bool
	}{
		{h, "correct horse battery staple", true, false},
		{h, "correct horse battery stapl", false, false},
		{h, "", false, false},
		{strings.Replace(h, "t=2", "t=3", 1), "correct horse battery staple", false, false},
		{"$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "x", false, true},
		{"plain", "plain", false, true},
		{dummyHash, "anything", false, false},
	} {
		ok, err := CheckPassword(c.hash, c.password)
		if ok != c.ok || (err != nil) != c.err {
			t.Errorf("CheckPassword(%q, %q) = %v, %v", c.hash, c.password, ok, err)
		}
	}
	if p := GeneratePassword(); len(p) < MinPasswordLength || p == GeneratePassword() {
		t.Errorf("generated password %q", p)
	}
}

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/files?status=rejected": "/files?status=rejected",
		"/":                      "/",
		"":                       "",
		"//evil.example/":        "",
		"/\\evil.example":        "",
		"/\t/evil.example":       "",
		"https://evil.example/":  "",
		"files":                  "",
		"/%0a/x":                 "/%0a/x", // escaped: stays a path of this site
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}
