// Package portal is the web portal of c2isurvey serve: ministry staff and
// institutions log in, drop their files and see at once what is wrong with
// them, download the reports, compare tracks, see who has answered, follow
// the nightly runs. It is plain net/http and html/template over the data
// folder and its store, with its assets embedded: nothing to install,
// nothing fetched at run time. Design and security choices: docs/portal.md.
package portal

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// RunStatus is what the portal shows of the nightly service's state.
type RunStatus struct {
	Running     bool
	Phase       string // checking | taking | aggregating | writing ("" when not known)
	Done, Total int    // files taken so far in the run in progress, of Total (0: not known yet)
}

// Limits bound an upload. A request over any of them is refused whole with
// 413 and a message saying which limit and what to do.
type Limits struct {
	FileBytes    int64 // one file
	RequestBytes int64 // the whole request
	Files        int   // files in one request
	KeptBytes    int64 // refused uploads kept for their annotated copy, in all
}

// DefaultLimits: a survey form is kilobytes and a consolidated table a few
// megabytes; the reader refuses a file over 64 MiB anyway.
func DefaultLimits() Limits {
	return Limits{FileBytes: 64 << 20, RequestBytes: 128 << 20, Files: 20, KeptBytes: 256 << 20}
}

// Config is what the portal needs from serve. The functions are the
// nightly service's; a nil one hides what it serves (the « run now »
// button, the annotated copy).
type Config struct {
	Data   string         // the data folder
	Opts   ingest.Options // the reader's options (the language is the request's)
	Settle time.Duration  // a dropped file is taken once unchanged for this long
	// Location is the time zone the schedule and the pages' times are in.
	Location *time.Location
	// NextRun gives the next scheduled run after a time (nil: no schedule).
	NextRun func(after time.Time) time.Time
	// RunNow starts a pass now and returns once it has finished; it must
	// refuse to overlap a scheduled one.
	RunNow func(ctx context.Context) error
	// Status says whether a run is in progress and how far it is.
	Status func() RunStatus
	// Publish freezes the latest run's reports of a year as its next
	// edition (the publish command) and returns the edition's folder.
	Publish func(ctx context.Context, year int, lang string) (string, error)
	// ImportRegistry replaces the registry of expected respondents with
	// data (the registry import command's import; name is the file's name
	// for messages and the record), in lang; ErrBusy while a run holds the
	// data folder. nil: the registry page only shows.
	ImportRegistry func(ctx context.Context, name string, data []byte, lang string) (RegistryImport, error)
	// SettingsFile is the publication settings file the runs read
	// (ingest/settings); the settings page shows and replaces it.
	SettingsFile string
	// Annotate writes the annotated copy of a refused file (report/annotate).
	Annotate func(w io.Writer, path string, res ingest.FileResult, lang string) error
	// Secure marks the cookies Secure: the portal is served over TLS.
	Secure bool
	Limits Limits
	Log    *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// SessionTTL is how long a session lasts (12 hours when 0).
	SessionTTL time.Duration
}

// Server is the portal. New builds it, Open opens the store, Handler
// serves it, Close closes it.
type Server struct {
	cfg   Config
	dirs  inbox.Dirs
	st    *store.Store
	pages map[string]pageTemplate
	// runCtx is the context of runs started by the « run now » button: they
	// outlive the request that started them, not the server.
	runCtx    context.Context
	cancelRun context.CancelFunc
	runDone   chan struct{}
	runState
}

// New returns a portal over cfg.Data; call Open before serving.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits()
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	return &Server{cfg: cfg, dirs: inbox.Layout(cfg.Data)}
}

// Open creates the portal's folders, opens the store and parses the pages.
func (s *Server) Open(ctx context.Context) error {
	if err := s.dirs.EnsureDirs(); err != nil {
		return err
	}
	for _, d := range []string{s.refusedDir(), s.tmpDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("portal: %w", err)
		}
	}
	pages, err := parsePages()
	if err != nil {
		return fmt.Errorf("portal: %w", err)
	}
	s.pages = pages
	st, err := store.Open(s.dirs.Store)
	if err != nil {
		return fmt.Errorf("portal: %w", err)
	}
	s.st = st
	s.runCtx, s.cancelRun = context.WithCancel(context.WithoutCancel(ctx))
	return nil
}

// Close stops a run the portal started (between two files) and closes the
// store.
func (s *Server) Close() error {
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.WaitRun()
	if s.st == nil {
		return nil
	}
	err := s.st.Close()
	s.st = nil
	return err
}

// Store is the portal's open store (for the users command's tests).
func (s *Server) Store() *store.Store { return s.st }

// The portal's own folder in the data folder: refused uploads kept for
// their annotated copy, and the uploads being read. Not served as such.
func (s *Server) portalDir() string  { return filepath.Join(s.cfg.Data, "portal") }
func (s *Server) refusedDir() string { return filepath.Join(s.portalDir(), "refused") }
func (s *Server) tmpDir() string     { return filepath.Join(s.portalDir(), "tmp") }

// Handler is the portal's handler: every route of routes(), behind the
// cross-origin protection of unsafe methods.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.guard(rt))
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Both languages: the page's cookie is not read for a request refused.
		http.Error(w, texts.French.T("portal.cross-origin")+" / "+texts.English.T("portal.cross-origin"), http.StatusForbidden)
	}))
	return securityHeaders(cop.Handler(mux))
}

// securityHeaders: no framing, no sniffing, no referrer leaking a page's
// query, and a content policy that allows only the portal's own assets.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

// errNotFound makes a handler answer 404.
var errNotFound = errors.New("not found")
