package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/portal"
	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/tracks"
)

// The portal's admin pages act as the commands do: a registry sent from
// the registry page is imported by the registry import command's own code
// (refused with its lines, accepted into force, kept, recorded, audited),
// and the settings page replaces the settings file only when
// settings.Parse accepts it.
func TestPortalAdminPages(t *testing.T) {
	data := t.TempDir()
	opts := ingest.Options{Tracks: tracks.Default()}
	srv := portal.New(portal.Config{Data: data, Opts: opts, Location: time.UTC,
		ImportRegistry: portalImportRegistry(data, opts), SettingsFile: filepath.Join(data, settings.FileName)})
	if err := srv.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	st, err := store.Open(inbox.Layout(data).Store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const pw = "un mot de passe assez long"
	hash, err := portal.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddUser(context.Background(), store.User{Email: "admin@example.fr", Role: store.RoleAdmin, Created: time.Now()}, hash); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if resp, err := c.PostForm(ts.URL+"/login", url.Values{"email": {"admin@example.fr"}, "password": {pw}}); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	post := func(path, field, name string, content []byte, fields map[string]string) (int, string) {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		if content != nil {
			fw, _ := mw.CreateFormFile(field, name)
			fw.Write(content)
		}
		mw.Close()
		resp, err := c.Post(ts.URL+path, mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	read := func(name string) []byte {
		b, _ := os.ReadFile(filepath.Join(data, name))
		return b
	}
	bad, err := os.ReadFile(filepath.Join(registryFixtures, "many-faults", "registry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(registryFixtures, "valid", "registry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	settingsOK := []byte("ministere = ministère de l'Enseignement supérieur\nseuil_fragile = 40\n")
	for _, c := range []struct {
		name, path, field string
		content           []byte
		fields            map[string]string
		status            int
		page              []string // in the page
		file              string   // then the data folder's file…
		want              []byte   // …holds this (nil: absent)
	}{
		{"registry refused", "/registry", "registry", bad, nil, http.StatusUnprocessableEntity,
			[]string{"attendus.csv est refusé", "ligne 3, colonne 1 (uai)", "0331764N"}, registryFileName, nil},
		{"registry imported", "/registry", "registry", good, nil, http.StatusOK,
			[]string{"attendus.csv", "est maintenant la liste"}, registryFileName, good},
		{"settings refused", "/settings", "", nil, map[string]string{"content": "ministere = x\nseuil_fragile = beaucoup\n"}, http.StatusUnprocessableEntity,
			[]string{"Paramètres refusés", "ligne 2"}, settings.FileName, nil},
		{"settings saved", "/settings", "", nil, map[string]string{"content": string(settingsOK)}, http.StatusOK,
			[]string{"Paramètres enregistrés", "ministère de l&#39;Enseignement supérieur", "<td class=\"n\">40</td>"}, settings.FileName, settingsOK},
		{"settings file refused", "/settings", "file", []byte("logo = absent.png\n"), nil, http.StatusUnprocessableEntity,
			[]string{"ligne 1"}, settings.FileName, settingsOK},
	} {
		status, page := post(c.path, c.field, "attendus.csv", c.content, c.fields)
		if status != c.status {
			t.Errorf("%s: status %d, want %d", c.name, status, c.status)
		}
		for _, want := range c.page {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %q", c.name, want)
			}
		}
		if got := read(c.file); !bytes.Equal(got, c.want) {
			t.Errorf("%s: %s holds %q, want %q", c.name, c.file, got, c.want)
		}
	}
	imports, err := st.RegistryImports(context.Background())
	if err != nil || len(imports) != 1 || imports[0].Name != "attendus.csv" {
		t.Errorf("registry imports recorded: %+v, %v", imports, err)
	}
	log, err := st.AuditLog(context.Background(), 20)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	for _, want := range []string{"registry.refused", "registry.import", "settings.refused", "settings.replace"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("audit log %v lacks %s", actions, want)
		}
	}
}
