package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

// access is who may reach a route.
type access int

const (
	public    access = iota // the login page and the assets
	signedIn                // any account
	staffOnly               // staff and admins
	adminOnly               // admins
)

// route is one pattern of the mux. routes() is the one list: Handler
// registers it and the tests walk it.
type route struct {
	pattern string
	access  access
	handle  func(w http.ResponseWriter, r *http.Request, rq *request) error
}

// routes lists every route of the portal.
func (s *Server) routes() []route {
	return []route{
		{"GET /login", public, s.loginPage},
		{"POST /login", public, s.login},
		{"GET /assets/{name}", public, s.asset},
		{"POST /logout", signedIn, s.logout},
		{"GET /{$}", signedIn, s.home},
		{"GET /reports", signedIn, s.reports},
		{"GET /reports/{set}/{name}", signedIn, s.reportFile},
		{"GET /reports/editions/{year}/{n}/{name}", signedIn, s.editionFile},
		{"POST /reports/publish", staffOnly, s.publish},
		{"GET /upload", signedIn, s.uploadPage},
		{"POST /upload", signedIn, s.upload},
		{"GET /uploads/{id}", signedIn, s.uploadResult},
		{"GET /uploads/{id}/annotated", signedIn, s.uploadAnnotated},
		{"GET /files", signedIn, s.files},
		{"GET /files/{id}", signedIn, s.file},
		{"GET /files/{id}/annotated", signedIn, s.fileAnnotated},
		{"GET /runs", signedIn, s.runs},
		{"POST /runs", staffOnly, s.runNow},
		{"GET /compare", signedIn, s.compare},
		{"GET /compare.csv", signedIn, s.compareCSV},
		{"GET /completeness", staffOnly, s.completeness},
		{"GET /completeness.csv", staffOnly, s.completenessCSV},
		{"GET /outliers", staffOnly, s.outliers},
		{"GET /users", adminOnly, s.users},
		{"POST /users", adminOnly, s.addUser},
		{"POST /users/{id}", adminOnly, s.changeUser},
		{"GET /registry", adminOnly, s.registry},
		{"POST /registry", adminOnly, s.importRegistry},
		{"GET /settings", adminOnly, s.settingsPage},
		{"POST /settings", adminOnly, s.saveSettings},
		{"GET /audit", adminOnly, s.audit},
		// Anything else: 404, but only to a signed-in visitor; an anonymous
		// one is sent to the login page and learns nothing of what exists.
		{"/", signedIn, func(http.ResponseWriter, *http.Request, *request) error { return errNotFound }},
	}
}

// request is what a handler knows of who asks.
type request struct {
	user  store.User // zero for a public route
	lang  string
	token string // the session token's hash (hex), to end it
}

func (rq *request) staff() bool {
	return rq.user.Role == store.RoleStaff || rq.user.Role == store.RoleAdmin
}
func (rq *request) admin() bool { return rq.user.Role == store.RoleAdmin }

const (
	langCookie = "c2i_lang"
)

// sessionCookie is the session cookie's name: over TLS with the __Host-
// prefix, which browsers only accept Secure, for the whole site and from
// this host (no subdomain can set or shadow it).
func (s *Server) sessionCookie() string {
	if s.cfg.Secure {
		return "__Host-c2i_session"
	}
	return "c2i_session"
}

// guard checks the session and the role before a route's handler, and
// turns its error into a page.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &request{lang: s.lang(w, r)}
		if rt.access != public {
			u, tok, ok := s.session(r)
			if !ok {
				target := "/login"
				if r.Method == http.MethodGet && r.URL.Path != "/" {
					target += "?next=" + url.QueryEscape(r.URL.RequestURI())
				}
				http.Redirect(w, r, target, http.StatusSeeOther)
				return
			}
			rq.user, rq.token = u, tok
			if (rt.access == staffOnly && !rq.staff()) || (rt.access == adminOnly && !rq.admin()) {
				s.fail(w, r, rq, http.StatusForbidden)
				return
			}
			// Pages show who is signed in: never cache them.
			w.Header().Set("Cache-Control", "no-store")
		}
		err := rt.handle(w, r, rq)
		switch {
		case err == nil:
		case errors.Is(err, errNotFound):
			s.fail(w, r, rq, http.StatusNotFound)
		default:
			s.cfg.Log.Error("portal: request failed", "method", r.Method, "path", r.URL.Path, "user", rq.user.Email, "error", err.Error())
			s.fail(w, r, rq, http.StatusInternalServerError)
		}
	})
}

// lang is the request's language: ?lang=en|fr (remembered in a cookie),
// else the cookie, else French.
func (s *Server) lang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "fr" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
		return "en"
	}
	return "fr"
}

// tokenHash is what the store keeps of a session token: its SHA-256, so
// that a copy of the store opens no session.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// session returns the account of the request's session cookie.
func (s *Server) session(r *http.Request) (store.User, string, bool) {
	c, err := r.Cookie(s.sessionCookie())
	if err != nil || len(c.Value) != 43 { // 32 bytes, base64url without padding
		return store.User{}, "", false
	}
	h := tokenHash(c.Value)
	u, err := s.st.SessionUser(r.Context(), h, s.cfg.Now())
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.cfg.Log.Error("portal: read session", "error", err.Error())
		}
		return store.User{}, "", false
	}
	return u, h, true
}

// Login throttling. Failures are counted per account and per address over
// a window; past a number, each further attempt must wait a delay that
// doubles with every failure, up to the window. An attempt while throttled
// is refused without looking at the password (a right one included: else
// the throttle would only slow down, not stop, a guesser that finds it),
// and does not count as a failure (a guesser cannot keep a real user locked
// out forever by hammering; it only keeps its own delay).
const (
	throttleWindow   = 15 * time.Minute
	accountFailures  = 5  // failures of one account before delays
	addressFailures  = 20 // failures from one address (across accounts)
	throttleBaseWait = 30 * time.Second
)

// throttled returns how long a login for email from addr must still wait.
func (s *Server) throttled(ctx context.Context, email, addr string) (time.Duration, error) {
	now := s.cfg.Now()
	var wait time.Duration
	for _, k := range []struct {
		key   string
		after int
	}{{"account:" + email, accountFailures}, {"address:" + addr, addressFailures}} {
		n, last, err := s.st.LoginFailures(ctx, k.key, now.Add(-throttleWindow))
		if err != nil {
			return 0, err
		}
		if n < k.after {
			continue
		}
		d := throttleBaseWait
		for i := k.after; i < n && d < throttleWindow; i++ {
			d *= 2
		}
		d = min(d, throttleWindow)
		if left := last.Add(d).Sub(now); left > wait {
			wait = left
		}
	}
	return wait, nil
}

// clientAddr is the client's address, without the port. The portal is
// meant to be reached directly (or the proxy's address is everyone's: set
// the proxy's own limits then; see docs/portal.md).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// dummyHash is checked against when the account does not exist, so that a
// login for an unknown e-mail takes as long as one for a known account.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$5u2oVn2lTfSoVQ7X0HyU7xOI8D0bKaUVvLnI6x4Tx7Q"

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if _, _, ok := s.session(r); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return s.render(w, r, rq, http.StatusOK, "login", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

type loginData struct {
	Email, Next string
	Error       string
	Wait        string
}

// safeNext keeps a return address only if it is a path of this site.
// Browsers drop tabs and line breaks from a URL and read a backslash as a
// slash, so « /\t/evil.example » would lead off the site: any of them, or
// a scheme or host, and the visitor goes home instead.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return ""
	}
	return next
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return s.render(w, r, rq, http.StatusBadRequest, "login", loginData{Error: rq.L().T("portal.unreadable-form")})
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	addr := clientAddr(r)
	ctx := r.Context()
	now := s.cfg.Now()
	data := loginData{Email: email, Next: next}

	wait, err := s.throttled(ctx, email, addr)
	if err != nil {
		return err
	}
	if wait > 0 {
		s.auditLog(ctx, email, addr, "login.throttled", "")
		s.cfg.Log.Warn("portal: login throttled", "email", email, "address", addr, "wait", wait.Round(time.Second))
		data.Error = rq.L().T("portal.too-many-failed-sign")
		data.Wait = waitText(wait, rq.lang)
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		return s.render(w, r, rq, http.StatusTooManyRequests, "login", data)
	}
	u, hash, err := s.st.UserByEmail(ctx, email)
	known := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if !known {
		hash = dummyHash
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		s.cfg.Log.Error("portal: stored password hash unreadable", "email", email, "error", err.Error())
		ok = false
	}
	if !known || !ok || u.Disabled {
		if err := s.st.RecordLoginFailure(ctx, now, "account:"+email, "address:"+addr); err != nil {
			return err
		}
		s.auditLog(ctx, email, addr, "login.failed", "")
		s.cfg.Log.Info("portal: login failed", "email", email, "address", addr)
		data.Error = rq.L().T("portal.wrong-e-mail-address")
		return s.render(w, r, rq, http.StatusUnauthorized, "login", data)
	}
	if err := s.st.ClearLoginFailures(ctx, "account:"+email); err != nil {
		return err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	if err := s.st.CreateSession(ctx, tokenHash(token), u.ID, now, now.Add(s.cfg.SessionTTL)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookie(), Value: token, Path: "/", MaxAge: int(s.cfg.SessionTTL.Seconds()),
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	s.auditLog(ctx, u.Email, addr, "login.ok", "")
	s.cfg.Log.Info("portal: login", "email", u.Email, "role", u.Role, "address", addr)
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.st.EndSession(r.Context(), rq.token, s.cfg.Now()); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookie(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "logout", "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// auditLog records an action; a failure to record is logged, not shown:
// the action itself has happened.
func (s *Server) auditLog(ctx context.Context, actor, addr, action, detail string) {
	err := s.st.Audit(context.WithoutCancel(ctx), store.AuditEntry{At: s.cfg.Now(), Actor: actor, Address: addr, Action: action, Detail: detail})
	if err != nil {
		s.cfg.Log.Error("portal: audit", "action", action, "error", err.Error())
	}
}

func waitText(d time.Duration, lang string) string {
	m := int(d.Minutes() + 0.999)
	if d < time.Minute {
		return texts.Lang(lang).F("portal.retry-seconds", texts.Count(int(d.Seconds())+1))
	}
	return texts.Lang(lang).F("portal.retry-minutes", texts.Count(m))
}
