package portal

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/tracks"
	"c2isurvey/report"
	"c2isurvey/report/annotate"
)

// The tests run the portal over a real data folder and store in a
// temporary folder, through real HTTP: no handler is called directly.

const (
	nice      = "0060931E" // samples/2011-2012/0060931E_…
	marseille = "0134009M"
	goodForm  = "../../../../samples/2011-2012/0060931E_universite-nice-sophia-antipolis.xlsx"
	otherForm = "../../../../samples/2011-2012/0134009M_aix-marseille-universite.xlsx"
	badForm   = "../../../../samples/broken/03_certificats-superieurs-aux-etudiants.xlsx"
	password  = "correct horse battery staple"
)

// testNow is the portal's clock in the tests: the next run is then
// 1 December 2026 at 03:30.
var testNow = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

type env struct {
	t    *testing.T
	srv  *Server
	ts   *httptest.Server
	data string
	logs *bytes.Buffer
}

func newEnv(t *testing.T, edit func(*Config)) *env {
	t.Helper()
	data := t.TempDir()
	logs := &bytes.Buffer{}
	cfg := Config{
		Data:     data,
		Opts:     ingest.Options{Tracks: tracks.Default(), Limits: sheet.DefaultLimits()},
		Settle:   30 * time.Second,
		Location: time.UTC,
		NextRun: func(after time.Time) time.Time {
			return after.Truncate(24 * time.Hour).Add(27*time.Hour + 30*time.Minute)
		},
		Annotate: annotate.Write,
		Now:      func() time.Time { return testNow },
		Log:      slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if edit != nil {
		edit(&cfg)
	}
	s := New(cfg)
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	e := &env{t: t, srv: s, ts: ts, data: data, logs: logs}
	e.addUser("admin@example.fr", store.RoleAdmin, "")
	e.addUser("staff@example.fr", store.RoleStaff, "")
	e.addUser("nice@example.fr", store.RoleInstitution, nice)
	e.addUser("marseille@example.fr", store.RoleInstitution, marseille)
	return e
}

func (e *env) addUser(email, role, uai string) {
	e.t.Helper()
	h, err := HashPassword(password)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.srv.st.AddUser(context.Background(), store.User{Email: email, Role: role, UAI: uai, Created: time.Now()}, h); err != nil {
		e.t.Fatal(err)
	}
}

// client returns a client that keeps cookies and does not follow
// redirects (the tests look at them).
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *env) login(email string) *http.Client {
	e.t.Helper()
	c := e.client()
	resp, err := c.PostForm(e.ts.URL+"/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		e.t.Fatalf("login %s: %s, location %q", email, resp.Status, resp.Header.Get("Location"))
	}
	return c
}

func (e *env) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	resp, err := c.Get(e.ts.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// upload posts files (name → path on disk) through the upload form.
func (e *env) upload(c *http.Client, files map[string]string, fields map[string]string) (int, string) {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			e.t.Fatal(err)
		}
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(b)
	}
	mw.Close()
	resp, err := c.Post(e.ts.URL+"/upload", mw.FormDataContentType(), &body)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// take runs the ingest pass of a nightly run over the inbox (the real
// one), so that uploaded files become records of the store.
func (e *env) take() {
	e.t.Helper()
	ctx := context.Background()
	dirs := inbox.Layout(e.data)
	id, err := e.srv.st.BeginRun(ctx, time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	opts := e.srv.cfg.Opts
	opts.Lang, opts.MaxYear = "fr", time.Now().Year()+1
	if _, err := inbox.Take(ctx, e.srv.st, dirs, id, opts, 0, func() time.Time { return time.Now().Add(time.Hour) }, nil); err != nil {
		e.t.Fatal(err)
	}
}

// concrete turns a route pattern into a path that matches it.
func concrete(pattern string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = http.MethodGet, pattern
	}
	r := strings.NewReplacer("{$}", "", "{id}", "1", "{set}", "latest", "{name}", "national.csv", "{year}", "2011-2012", "{n}", "1")
	path = r.Replace(path)
	if path == "/" && pattern == "/" {
		path = "/no-such-page"
	}
	return method, path
}

func TestAnonymousIsSentToLogin(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	routes := e.srv.routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, rt := range routes {
		method, path := concrete(rt.pattern)
		req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(""))
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if rt.access == public {
			if method == http.MethodGet && path == "/login" && resp.StatusCode != http.StatusOK {
				t.Errorf("%s %s: %s, want the login page", method, path, resp.Status)
			}
			continue
		}
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Errorf("%s %s (anonymous): %s, location %q; want a redirect to /login", method, path, resp.Status, loc)
		}
		if len(bytes.TrimSpace(body)) > 0 && !bytes.Contains(body, []byte("See Other")) {
			t.Errorf("%s %s (anonymous): answered with content %.80q", method, path, body)
		}
	}
	// An asset is served to anyone; a made-up one is not.
	if code, _ := e.get(c, "/assets/style.css"); code != http.StatusOK {
		t.Errorf("style.css: %d", code)
	}
}

func TestDownloadPathsConfined(t *testing.T) {
	e := newEnv(t, nil)
	// A published folder and a secret beside the reports.
	run := filepath.Join(e.data, "reports", "run-000001")
	os.MkdirAll(filepath.Join(run, "parquet"), 0o755)
	os.WriteFile(filepath.Join(run, "national.csv"), []byte("year,institutions\n"), 0o644)
	os.WriteFile(filepath.Join(run, "outliers.csv"), []byte("year,uai\n"), 0o644)
	os.WriteFile(filepath.Join(e.data, "reports", "secret.txt"), []byte("SECRET"), 0o644)
	os.Symlink("run-000001", filepath.Join(e.data, "reports", "latest"))
	staff := e.login("staff@example.fr")
	follow := &http.Client{Jar: staff.Jar}
	if code, body := e.get(staff, "/reports/latest/national.csv"); code != http.StatusOK || !strings.HasPrefix(body, "year,") {
		t.Fatalf("national.csv: %d %q", code, body)
	}
	for _, p := range []string{
		"/reports/latest/..%2Fsecret.txt",
		"/reports/latest/..%2F..%2Fc2isurvey.db",
		"/reports/..%2Fsecret.txt/x",
		"/reports/latest/../secret.txt",
		"/reports/run-000001/..%5Csecret.txt",
		"/reports/editions/2011-2012/1/..%2F..%2F..%2Fsecret.txt",
		"/reports/editions/..%2F..%2F/1/secret.txt",
		"/assets/..%2Fportal.go",
		"/files/..%2F..%2Fc2isurvey.db",
		"/reports/latest/.",
	} {
		resp, err := follow.Get(e.ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || bytes.Contains(body, []byte("SECRET")) || bytes.Contains(body, []byte("SQLite")) {
			t.Errorf("GET %s: %s (want 404), body %.60q", p, resp.Status, body)
		}
	}
	// An institution does not get staff's outputs, by name either.
	inst := e.login("nice@example.fr")
	if code, _ := e.get(inst, "/reports/latest/outliers.csv"); code != http.StatusNotFound {
		t.Errorf("institution, outliers.csv: %d, want 404", code)
	}
	if code, _ := e.get(inst, "/reports/latest/parquet.zip"); code != http.StatusNotFound {
		t.Errorf("institution, parquet.zip: %d, want 404", code)
	}
	if code, _ := e.get(inst, "/reports/latest/national.csv"); code != http.StatusOK {
		t.Errorf("institution, national.csv: %d, want 200", code)
	}
}

func TestUploadValidatesAtOnce(t *testing.T) {
	e := newEnv(t, nil)
	staff := e.login("staff@example.fr")
	code, body := e.upload(staff, map[string]string{"bad.xlsx": badForm, "good.xlsx": goodForm}, nil)
	if code != http.StatusOK {
		t.Fatalf("upload: %d\n%s", code, body)
	}
	// The accepted file's verdict counts its track rows, as validate does.
	facts := 0
	for _, s := range ingest.ReadFile(goodForm, ingest.Options{MaxYear: 2030}).Submissions {
		facts += len(s.Facts)
	}
	if facts == 0 {
		t.Fatal("the good form has no track row")
	}
	rows := fmt.Sprintf("(%d ligne(s) de parcours)", facts)
	for _, want := range []string{"bad.xlsx — refusé", "cellule C8", "dépassent les étudiants concernés", "good.xlsx — accepté", rows, "1er" + report.NBSP + "décembre" + report.NBSP + "2026, 03:30", "/annotated"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not say %q:\n%s", want, body)
		}
	}
	// The accepted file is in the inbox, whole; the refused one is not.
	got, err := os.ReadFile(filepath.Join(e.data, "inbox", "portail", nice, "good.xlsx"))
	want, _ := os.ReadFile(goodForm)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("inbox copy: %v, %d bytes of %d", err, len(got), len(want))
	}
	if _, err := os.Stat(filepath.Join(e.data, "inbox", "portail", "personnel", "bad.xlsx")); err == nil {
		t.Error("the refused file went to the inbox")
	}
	// The same name again does not overwrite the file waiting.
	e.upload(staff, map[string]string{"good.xlsx": goodForm}, nil)
	if _, err := os.Stat(filepath.Join(e.data, "inbox", "portail", nice, "good (2).xlsx")); err != nil {
		t.Errorf("second upload of the same name: %v", err)
	}
	// The annotated copy of the refused file is a workbook.
	ups, _ := e.srv.st.Uploads(context.Background(), "", true, 0)
	var refused store.Upload
	for _, u := range ups {
		if u.Status == store.StatusRejected {
			refused = u
		}
	}
	code, body = e.get(staff, "/uploads/"+itoa(refused.ID)+"/annotated")
	if code != http.StatusOK || !strings.HasPrefix(body, "PK") {
		t.Errorf("annotated copy: %d, %.10q", code, body)
	}
}

func TestInstitutionSeesOnlyItsOwn(t *testing.T) {
	e := newEnv(t, nil)
	nice := e.login("nice@example.fr")
	mars := e.login("marseille@example.fr")
	// Marseille's own form is accepted; Nice's form sent by Marseille is refused.
	if _, body := e.upload(mars, map[string]string{"ours.xlsx": otherForm}, nil); !strings.Contains(body, "ours.xlsx — accepté") {
		t.Errorf("own form not accepted:\n%s", body)
	}
	if _, body := e.upload(mars, map[string]string{"theirs.xlsx": goodForm}, nil); !strings.Contains(body, "theirs.xlsx — refusé") || !strings.Contains(body, "pas du vôtre") {
		t.Errorf("another institution's form not refused:\n%s", body)
	}
	if _, body := e.upload(nice, map[string]string{"nice.xlsx": goodForm, "nice-bad.xlsx": badForm}, nil); !strings.Contains(body, "nice.xlsx — accepté") {
		t.Errorf("Nice's form not accepted:\n%s", body)
	}
	e.take()
	ctx := context.Background()
	files, _ := e.srv.st.Files(ctx, "")
	owners, _ := e.srv.st.FileOwners(ctx)
	var niceFile int64
	for _, f := range files {
		for _, o := range owners[f.ID] {
			if o.UAI == "0060931E" {
				niceFile = f.ID
			}
		}
	}
	if niceFile == 0 {
		t.Fatalf("Nice's file is not on record: %+v", files)
	}
	ups, _ := e.srv.st.Uploads(ctx, "0060931E", false, 0)
	if len(ups) != 2 {
		t.Fatalf("Nice's uploads: %+v", ups)
	}
	for _, p := range []string{"/files/" + itoa(niceFile), "/files/" + itoa(niceFile) + "/annotated",
		"/uploads/" + itoa(ups[0].ID), "/uploads/" + itoa(ups[1].ID), "/uploads/" + itoa(ups[0].ID) + "/annotated"} {
		if code, body := e.get(mars, p); code != http.StatusNotFound || strings.Contains(body, "nice") {
			t.Errorf("Marseille GET %s: %d, want 404", p, code)
		}
	}
	if code, _ := e.get(nice, "/files/"+itoa(niceFile)); code != http.StatusOK {
		t.Errorf("Nice GET its own file: %d", code)
	}
	if _, body := e.get(mars, "/files"); strings.Contains(body, "nice") || strings.Contains(body, "0060931E") {
		t.Errorf("Marseille's files page shows Nice's files")
	}
	for _, p := range []string{"/outliers", "/completeness", "/users", "/audit", "/registry"} {
		if code, _ := e.get(mars, p); code != http.StatusForbidden {
			t.Errorf("institution GET %s: %d, want 403", p, code)
		}
	}
	// Staff giving a UAI must send that institution's file.
	staffC := e.login("staff@example.fr")
	if _, body := e.upload(staffC, map[string]string{"slip.xlsx": goodForm}, map[string]string{"uai": marseille}); !strings.Contains(body, "slip.xlsx — refusé") || !strings.Contains(body, "pas de celui indiqué") {
		t.Errorf("staff's form for the wrong UAI not refused:\n%s", body)
	}
	if _, body := e.get(mars, "/files"); strings.Contains(body, "slip.xlsx") {
		t.Errorf("staff's slip (Nice's form sent for Marseille) is shown to Marseille")
	}
	// Staff sees both.
	staff := e.login("staff@example.fr")
	if _, body := e.get(staff, "/files"); !strings.Contains(body, "nice.xlsx") || !strings.Contains(body, "ours.xlsx") {
		t.Errorf("staff's files page misses files")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t, nil)
	staff := e.login("staff@example.fr")
	for _, p := range []string{"/upload", "/runs", "/logout", "/login", "/users"} {
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+p, strings.NewReader("email=a&password=b"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := staff.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin POST %s: %s, want 403", p, resp.Status)
		}
	}
	// The session survived: the logout above was refused.
	if code, _ := e.get(staff, "/files"); code != http.StatusOK {
		t.Errorf("after refused cross-origin logout: %d", code)
	}
}

func TestUploadLimits(t *testing.T) {
	e := newEnv(t, func(c *Config) {
		c.Limits = Limits{FileBytes: 20 << 10, RequestBytes: 60 << 10, Files: 2, KeptBytes: 1 << 20}
	})
	staff := e.login("staff@example.fr")
	big := filepath.Join(t.TempDir(), "big.csv")
	os.WriteFile(big, bytes.Repeat([]byte("a;b;c\n"), 5000), 0o644) // 30 KB
	small := filepath.Join(t.TempDir(), "small.csv")
	os.WriteFile(small, []byte("a;b\n"), 0o644)
	huge := filepath.Join(t.TempDir(), "huge.csv")
	os.WriteFile(huge, bytes.Repeat([]byte("a;b;c\n"), 20000), 0o644) // 120 KB
	for name, c := range map[string]struct {
		files map[string]string
		want  string
	}{
		"file":    {map[string]string{"big.csv": big}, "dépasse 0 Mo"},
		"count":   {map[string]string{"a.csv": small, "b.csv": small, "c.csv": small}, "Au plus 2 fichiers"},
		"request": {map[string]string{"huge.csv": huge}, "en tout"},
	} {
		code, body := e.upload(staff, c.files, nil)
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 413 saying %q", name, code, c.want)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(e.data, "inbox"))
	if len(entries) != 0 {
		t.Errorf("an upload over a limit left files in the inbox: %v", entries)
	}
}

func TestLoginThrottled(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	var codes []int
	for range 20 {
		resp, err := c.PostForm(e.ts.URL+"/login", url.Values{"email": {"staff@example.fr"}, "password": {"wrong password"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != http.StatusUnauthorized {
		t.Errorf("first wrong password: %d, want 401", codes[0])
	}
	if codes[19] != http.StatusTooManyRequests {
		t.Errorf("20th wrong password: %d, want 429 (codes %v)", codes[19], codes)
	}
	// The right password is refused too while throttled.
	resp, err := c.PostForm(e.ts.URL+"/login", url.Values{"email": {"staff@example.fr"}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("right password while throttled: %s, want 429 with Retry-After", resp.Status)
	}
	// Another account from the same address still can (5 failures of one
	// account do not lock out the others) until the address's bound.
	e.login("admin@example.fr")
	log, _ := e.srv.st.AuditLog(context.Background(), 0)
	failed, throttled := 0, 0
	for _, a := range log {
		switch a.Action {
		case "login.failed":
			failed++
		case "login.throttled":
			throttled++
		}
	}
	if failed != accountFailures || throttled != 20-accountFailures+1 {
		t.Errorf("audit: %d failed, %d throttled", failed, throttled)
	}
}

func TestLogoutEndsSession(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login("staff@example.fr")
	u, _ := url.Parse(e.ts.URL)
	cookies := c.Jar.Cookies(u)
	if len(cookies) == 0 {
		t.Fatal("no session cookie")
	}
	resp, err := c.Post(e.ts.URL+"/logout", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// Replay the old cookie: the server must have ended the session.
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+"/files", nil)
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	resp, err = e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("old session cookie after logout: %s, want a redirect to login", resp.Status)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	for _, secure := range []bool{false, true} {
		e := newEnv(t, func(c *Config) { c.Secure = secure })
		resp, err := e.client().PostForm(e.ts.URL+"/login", url.Values{"email": {"staff@example.fr"}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		sc := resp.Header.Get("Set-Cookie")
		if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") || strings.Contains(sc, "Secure") != secure {
			t.Errorf("secure=%v: Set-Cookie %q", secure, sc)
		}
		if secure && !strings.HasPrefix(sc, "__Host-") {
			t.Errorf("over TLS the cookie is not __Host-: %q", sc)
		}
	}
}

func TestNoSecretInLogs(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	resp, _ := c.PostForm(e.ts.URL+"/login", url.Values{"email": {"staff@example.fr"}, "password": {"a wrong secret password"}})
	resp.Body.Close()
	c = e.login("staff@example.fr")
	e.upload(c, map[string]string{"bad.xlsx": badForm}, nil)
	u, _ := url.Parse(e.ts.URL)
	token := c.Jar.Cookies(u)[0].Value
	resp, _ = c.Post(e.ts.URL+"/logout", "", nil)
	resp.Body.Close()
	logs := e.logs.String()
	if !strings.Contains(logs, "login failed") || !strings.Contains(logs, "portal: login") {
		t.Fatalf("the logs do not record the logins:\n%s", logs)
	}
	for _, secret := range []string{password, "a wrong secret password", token, tokenHash(token)} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs hold a secret %q:\n%s", secret, logs)
		}
	}
	// Nor the audit log, nor the store's sessions table.
	audit, _ := e.srv.st.AuditLog(context.Background(), 0)
	for _, a := range audit {
		if strings.Contains(a.Detail+a.Actor, "secret") || strings.Contains(a.Detail, token) {
			t.Errorf("audit entry holds a secret: %+v", a)
		}
	}
}

func TestPagesRender(t *testing.T) {
	e := newEnv(t, nil)
	admin := e.login("admin@example.fr")
	e.upload(admin, map[string]string{"good.xlsx": goodForm, "other.xlsx": otherForm}, nil)
	e.take()
	for _, lang := range []string{"fr", "en"} {
		for _, p := range []string{"/", "/reports", "/upload", "/files", "/files?status=accepted&year=2012", "/runs", "/compare", "/compare?by=track&panel=1",
			"/completeness", "/outliers", "/users", "/registry", "/audit", "/files/1"} {
			code, body := e.get(admin, p+sep(p)+"lang="+lang)
			if code != http.StatusOK {
				t.Errorf("%s (%s): %d\n%s", p, lang, code, body)
			}
		}
	}
	_, body := e.get(admin, "/compare?lang=fr")
	if !strings.Contains(body, "<svg") || !strings.Contains(body, "polyline") && !strings.Contains(body, "circle") {
		t.Errorf("compare page has no SVG chart")
	}
	code, body := e.get(admin, "/compare.csv?by=group")
	if code != http.StatusOK || !strings.HasPrefix(body, "year,by,key,") {
		t.Errorf("compare.csv: %d %.40q", code, body)
	}
}

func sep(p string) string {
	if strings.Contains(p, "?") {
		return "&"
	}
	return "?"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRunMessages: the runs page shows staff what a good run said (the
// reports it kept or took from an earlier run), not an institution.
func TestRunMessages(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	id, err := e.srv.st.BeginRun(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	said := "12 rapport(s) annuel(s) sur 14 repris tels quels du passage 3"
	if err := e.srv.st.FinishRun(ctx, id, store.Run{ID: id, Ended: time.Now(), Outcome: store.OutcomeOK, Message: said}); err != nil {
		t.Fatal(err)
	}
	if code, body := e.get(e.login("staff@example.fr"), "/runs"); code != http.StatusOK || !strings.Contains(body, said) {
		t.Errorf("staff's runs page: %d, message shown %v", code, strings.Contains(body, said))
	}
	if code, body := e.get(e.login("nice@example.fr"), "/runs"); code != http.StatusOK || strings.Contains(body, said) {
		t.Errorf("an institution's runs page: %d, message shown %v", code, strings.Contains(body, said))
	}
}
