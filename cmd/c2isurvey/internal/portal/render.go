package portal

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
	"c2isurvey/report"
)

// The portal's texts are keys of the program's one catalogue (ingest/texts,
// area portalText): L gives the request's language, whose T and F look
// them up, and the templates call .T and .F with a key.
func (rq *request) L() texts.Lang { return texts.Lang(rq.lang) }

// pageTemplate is a page: the layout with that page's content.
type pageTemplate = *template.Template

// parsePages parses each page of templates/ with the layout.
func parsePages() (map[string]pageTemplate, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]pageTemplate{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", base, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// view is what every page's template receives: the page's data in Data,
// and the helpers that write texts, numbers and dates in its language, as
// the reports do.
type view struct {
	Lang    string
	User    store.User
	Path    string
	Data    any
	Status  int
	loc     *time.Location
	request *request
}

// L is the page's language, for the catalogue and the formatters.
func (v view) L() texts.Lang { return texts.Lang(v.Lang) }

// T is a text of the catalogue by its key; F fills its blanks.
func (v view) T(key string) string              { return v.L().T(key) }
func (v view) F(key string, args ...any) string { return v.L().F(key, args...) }
func (v view) Int(n int64) string               { return v.L().Int(n) }
func (v view) Num(n int) string                 { return v.L().Int(int64(n)) }
func (v view) Pct(f float64) string             { return v.L().Percent(f, 1) }
func (v view) Year(y int) string                { return texts.YearLabel(y) }
func (v view) SignedIn() bool                   { return v.User.ID != 0 }
func (v view) Staff() bool                      { return v.request != nil && v.request.staff() }
func (v view) Admin() bool                      { return v.request != nil && v.request.admin() }

// Date is a day as in the reports (« 2 décembre 2026 »), in the portal's
// time zone.
func (v view) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(v.loc)
	return v.L().Date(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC))
}

// When is a day and time: « 2 décembre 2026, 03:30 ».
func (v view) When(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return v.Date(t) + ", " + t.In(v.loc).Format("15:04")
}

// Shown is a text from a file (a name, a message quoting a cell) made
// harmless to show: html/template escapes markup; this removes control
// characters and bidi overrides and cuts very long texts.
func (v view) Shown(s string) string {
	return textsafe.Show(s, textsafe.Options{Max: textsafe.TerminalMax})
}

// Where names a problem's place in words: « feuille Enquête, cellule C7 ».
func (v view) Where(p ingest.Problem) string {
	sheet, cell := v.Shown(p.Sheet), v.Shown(p.Cell)
	switch {
	case sheet != "" && cell != "":
		return fmt.Sprintf("%s %s, %s %s", v.L().T("portal.sheet"), sheet, v.L().T("portal.cell"), cell)
	case sheet != "":
		return v.L().T("portal.sheet-2") + sheet
	case cell != "":
		return cell
	}
	return v.L().T("portal.whole-file")
}

// Size is a file size in words.
func (v view) Size(n int64) string {
	switch {
	case n < 1024:
		return v.Int(n) + v.L().T("portal.bytes")
	case n < 1<<20:
		return v.Int((n+512)>>10) + v.L().T("portal.kb")
	}
	return v.Int((n+(1<<19))>>20) + v.L().T("portal.mb")
}

// ActionText names an audited action in words (the log keeps its code,
// shown as it is when the catalogue has no words for it).
func (v view) ActionText(action string) string {
	if k := "portal.audit." + action; texts.Has(k) {
		return v.T(k)
	}
	return action
}

// ActorText is who did an audited action: an account's e-mail, or the
// command line (recorded as cli:<system user>).
func (v view) ActorText(actor string) string {
	if user, ok := strings.CutPrefix(actor, "cli:"); ok {
		if user == "" {
			return v.T("portal.audit.cli")
		}
		return v.F("portal.audit.cli-user", v.Shown(user))
	}
	return v.Shown(actor)
}

// RunLabel names a run's report folder in words.
func (v view) RunLabel(set string) string { return runLabel(set, v.L()) }

// RoleText names a role in words.
func (v view) RoleText(role string) string {
	switch role {
	case store.RoleAdmin:
		return v.T("portal.administrator")
	case store.RoleStaff:
		return v.T("portal.ministry-staff")
	case store.RoleInstitution:
		return v.T("portal.institution-2")
	}
	return role
}

// SizeOf is the size of b in words.
func (v view) SizeOf(b []byte) string { return v.Size(int64(len(b))) }

// render writes a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, rq *request, status int, page string, data any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("no page %q", page)
	}
	v := view{Lang: rq.lang, User: rq.user, Path: r.URL.Path, Data: data, Status: status, loc: s.cfg.Location, request: rq}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return fmt.Errorf("page %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// fail writes an error page for status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, status int) {
	var msg string
	switch status {
	case http.StatusNotFound:
		msg = rq.L().T("portal.page-file-does-not")
	case http.StatusForbidden:
		msg = rq.L().T("portal.page-other-roles-ministry")
	default:
		msg = rq.L().T("portal.something-went-wrong-server")
	}
	if err := s.render(w, r, rq, status, "error", msg); err != nil {
		http.Error(w, msg, status)
	}
}

// asset serves an embedded file of assets/ by its name only.
func (s *Server) asset(w http.ResponseWriter, r *http.Request, rq *request) error {
	name := r.PathValue("name")
	if strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return errNotFound
	}
	b, err := fs.ReadFile(assetFS, "assets/"+name)
	if err != nil {
		return errNotFound
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "max-age=3600")
	_, err = w.Write(b)
	return err
}

// folderView is a report folder and the page's view, for the folder
// template.
type folderView struct {
	V view
	F reportFolder
}

func (v view) With(f reportFolder) folderView { return folderView{v, f} }

// Describe says what an output file holds.
func (v view) Describe(name string) string {
	switch name {
	case "c2i2e.xlsx":
		return v.L().T("portal.excel-workbook-every-table")
	case "national.csv":
		return v.L().T("portal.national-table-year-csv")
	case "tracks.csv":
		return v.L().T("portal.year-track-csv")
	case "rejections.csv":
		return v.L().T("portal.refused-files-why-csv")
	case "completeness.csv":
		return v.L().T("portal.response-rate-year-csv")
	case "missing.csv":
		return v.L().T("portal.expected-institutions-did-not")
	case "panel.csv":
		return v.L().T("portal.same-institutions-year-year")
	case "compare.csv":
		return v.L().T("portal.comparison-tracks-groups-csv")
	case "outliers.csv":
		return v.L().T("portal.figures-check-staff-csv")
	case report.StaffWorkbookName:
		return v.L().T("portal.internal-workbook-staff-responses")
	case "facts.csv":
		return v.L().T("portal.year-s-data-published")
	case "edition.json":
		return v.L().T("portal.what-edition-date-run")
	case "INCOMPLETE.txt":
		return v.L().T("portal.what-run-missing")
	}
	return ""
}

// problemsView is a list of problems and the page's view.
type problemsView struct {
	V view
	P []ingest.Problem
}

func (v view) Problems(p []ingest.Problem) problemsView { return problemsView{v, p} }

// fateView is a file's fate and the page's view.
type fateView struct {
	V view
	F string
}

func (v view) Fate(f string) fateView { return fateView{v, f} }

// PhaseText says what a run in progress is doing.
func (v view) PhaseText(phase string) string {
	switch phase {
	case "checking":
		return v.L().T("portal.checking-data-folder")
	case "taking":
		return v.L().T("portal.reading-files-dropped")
	case "aggregating":
		return v.L().T("portal.computing-tables")
	case "writing":
		return v.L().T("portal.writing-reports")
	}
	return ""
}
