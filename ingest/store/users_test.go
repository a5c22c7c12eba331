package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSessions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	u, err := s.AddUser(ctx, User{Email: " Staff@Example.FR ", Role: RoleStaff, Created: t0}, "hash")
	if err != nil || u.Email != "staff@example.fr" {
		t.Fatalf("AddUser = %+v, %v", u, err)
	}
	if _, err := s.AddUser(ctx, User{Email: "staff@example.fr", Role: RoleStaff}, "h2"); err == nil {
		t.Error("a second account with the same e-mail was accepted")
	}
	if _, err := s.AddUser(ctx, User{Email: "x@example.fr", Role: "root"}, "h"); err == nil {
		t.Error("an unknown role was accepted")
	}
	for _, c := range []struct {
		name    string
		setup   func(token string)
		at      time.Time
		present bool
	}{
		{"live", func(string) {}, t0.Add(time.Hour), true},
		{"expired", func(string) {}, t0.Add(13 * time.Hour), false},
		{"logged out", func(tok string) { s.EndSession(ctx, tok, t0) }, t0.Add(time.Hour), false},
		{"password changed", func(string) { s.SetPassword(ctx, "staff@example.fr", "new", t0) }, t0.Add(time.Hour), false},
		{"disabled", func(string) { s.SetDisabled(ctx, "staff@example.fr", true, t0) }, t0.Add(time.Hour), false},
	} {
		s.SetDisabled(ctx, "staff@example.fr", false, t0)
		tok := "token-" + c.name
		if err := s.CreateSession(ctx, tok, u.ID, t0, t0.Add(12*time.Hour)); err != nil {
			t.Fatal(err)
		}
		c.setup(tok)
		got, err := s.SessionUser(ctx, tok, c.at)
		if c.present != (err == nil) || (!c.present && !errors.Is(err, ErrNotFound)) || (c.present && got.ID != u.ID) {
			t.Errorf("%s: SessionUser = %+v, %v; want present=%v", c.name, got, err, c.present)
		}
	}
	if _, hash, _ := s.UserByEmail(ctx, "STAFF@example.fr"); hash != "new" {
		t.Errorf("hash after SetPassword = %q", hash)
	}
}

func TestLoginFailures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if err := s.RecordLoginFailure(ctx, t0.Add(time.Duration(i)*time.Minute), "account:a", "address:1"); err != nil {
			t.Fatal(err)
		}
	}
	n, last, err := s.LoginFailures(ctx, "account:a", t0.Add(30*time.Second))
	if err != nil || n != 2 || !last.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("LoginFailures = %d, %v, %v; want 2 since t0+30s, last t0+2m", n, last, err)
	}
	s.ClearLoginFailures(ctx, "account:a")
	if n, _, _ := s.LoginFailures(ctx, "account:a", t0); n != 0 {
		t.Errorf("after clearing: %d failures", n)
	}
	if n, _, _ := s.LoginFailures(ctx, "address:1", t0); n != 3 {
		t.Errorf("the address's failures were cleared with the account's: %d", n)
	}
}

// CarryAccounts copies accounts, audit and uploads (ids kept) from a
// readable old store; from a missing one it carries nothing; from one that
// is not a store it fails and leaves the new store without any of them.
func TestCarryAccounts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	oldPath := filepath.Join(dir, "old.db")
	old, err := Open(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	old.AddUser(ctx, User{Email: "a@example.fr", Role: RoleAdmin, Created: t0}, "hash-a")
	u, err := old.AddUser(ctx, User{Email: "i@example.fr", Role: RoleInstitution, UAI: "0751717J", Created: t0}, "hash-i")
	if err != nil {
		t.Fatal(err)
	}
	old.Audit(ctx, AuditEntry{At: t0, Actor: "a@example.fr", Action: "user.add", Detail: "i@example.fr"})
	if _, err := old.AddUpload(ctx, Upload{At: t0, UserID: u.ID, UAI: "0751717J", Name: "f.xlsx", SHA256: "ab", Size: 3, Status: "rejected"}); err != nil {
		t.Fatal(err)
	}
	old.CreateSession(ctx, "tok", u.ID, t0, t0.Add(time.Hour))
	old.Close()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("not a store, a long enough line of text to be a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, from string
		want       Carried
		fails      bool
	}{
		{"readable", oldPath, Carried{Users: 2, Audit: 1, Uploads: 1}, false},
		{"missing", filepath.Join(dir, "none.db"), Carried{}, false},
		{"not a store", garbage, Carried{}, true},
	} {
		s := openTemp(t)
		got, err := s.CarryAccounts(ctx, c.from)
		if (err != nil) != c.fails || got != c.want {
			t.Errorf("%s: CarryAccounts = %+v, %v", c.name, got, err)
		}
		users, _ := s.Users(ctx)
		if len(users) != c.want.Users {
			t.Errorf("%s: %d accounts in the new store, want %d", c.name, len(users), c.want.Users)
		}
		if c.want.Uploads > 0 {
			up, err := s.UploadByID(ctx, 1)
			if err != nil || up.UserID != u.ID || up.Name != "f.xlsx" {
				t.Errorf("%s: upload carried %+v, %v", c.name, up, err)
			}
			if _, err := s.SessionUser(ctx, "tok", t0); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: a session was carried: %v", c.name, err)
			}
			if _, hash, err := s.UserByEmail(ctx, "i@example.fr"); err != nil || hash != "hash-i" {
				t.Errorf("%s: password hash carried %q, %v", c.name, hash, err)
			}
		}
	}
}
