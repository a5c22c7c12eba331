package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"c2isurvey/cmd/c2isurvey/internal/portal"
	"c2isurvey/ingest/store"
)

func TestUsersCommand(t *testing.T) {
	data := t.TempDir()
	users := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := cmdUsers(context.Background(), append([]string{args[0], "--data", data}, args[1:]...), strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}
	generated := regexp.MustCompile(`Mot de passe \(affiché une seule fois\)\x{00a0}: (\S+)`)
	for _, c := range []struct {
		name, stdin string
		args        []string
		usage       bool   // a usage error
		out         string // in the output
		printsPW    bool
	}{
		{"given password", "un mot de passe assez long\n", []string{"add", "--email", "Staff@Example.fr", "--role", "staff"}, false, "Compte créé\u00a0: staff@example.fr (staff)", false},
		{"generated", "", []string{"add", "--email", "inst@example.fr", "--role", "institution", "--uai", "0751717j"}, false, "(institution 0751717J)", true},
		{"short password", "court\n", []string{"add", "--email", "a@example.fr", "--role", "staff"}, true, "", false},
		{"institution without UAI", "", []string{"add", "--email", "b@example.fr", "--role", "institution"}, true, "", false},
		{"wrong UAI letter", "", []string{"add", "--email", "b@example.fr", "--role", "institution", "--uai", "0751717K"}, true, "", false},
		{"staff with UAI", "", []string{"add", "--email", "c@example.fr", "--role", "staff", "--uai", "0751717J"}, true, "", false},
		{"unknown role", "", []string{"add", "--email", "d@example.fr", "--role", "root"}, true, "", false},
		{"list", "", []string{"list"}, false, "institution  0751717J", false},
		{"disable", "", []string{"disable", "--email", "inst@example.fr"}, false, "désactivé", false},
		{"passwd generated", "", []string{"passwd", "--email", "staff@example.fr", "--generate"}, false, "changé", true},
		{"passwd unknown", "", []string{"passwd", "--email", "nobody@example.fr"}, false, "", false},
	} {
		out, err := users(c.stdin, c.args...)
		var ue *usageError
		if c.usage != errors.As(err, &ue) {
			t.Errorf("%s: error %v, want a usage error: %v", c.name, err, c.usage)
			continue
		}
		if c.name == "passwd unknown" {
			if err == nil {
				t.Errorf("%s: no error", c.name)
			}
			continue
		}
		if !c.usage && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !strings.Contains(out, c.out) {
			t.Errorf("%s: output %q, want %q", c.name, out, c.out)
		}
		if m := generated.FindStringSubmatch(out); (m != nil) != c.printsPW {
			t.Errorf("%s: printed a password: %v (%q)", c.name, m != nil, out)
		} else if m != nil && strings.Count(out, m[1]) != 1 {
			t.Errorf("%s: the password is printed more than once", c.name)
		}
		if strings.Contains(out, "un mot de passe assez long") {
			t.Errorf("%s: printed the password it read", c.name)
		}
	}
	st, err := store.Open(filepath.Join(data, "c2isurvey.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, hash, err := st.UserByEmail(context.Background(), "inst@example.fr")
	if err != nil || !u.Disabled || u.UAI != "0751717J" {
		t.Errorf("institution account: %+v, %v", u, err)
	}
	if ok, _ := portal.CheckPassword(hash, "un mot de passe assez long"); ok {
		t.Error("the generated password is the other account's")
	}
	audit, _ := st.AuditLog(context.Background(), 0)
	if len(audit) != 4 { // two adds, a disable, a passwd
		t.Errorf("audit: %+v", audit)
	}
}
