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
	"c2isurvey/ingest/textsafe"
	"c2isurvey/report"
)

// The portal's texts are written in pairs, French then English, where they
// are used ((fr, en string) switches: pick, request.t, view.T), until they
// join the program's text catalogue.
func pick(lang, fr, en string) string {
	if lang == "en" {
		return en
	}
	return fr
}

func (rq *request) t(fr, en string) string { return pick(rq.lang, fr, en) }

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

// T is the templates' (fr, en) switch; Go code calls pick, so that the
// catalogue's test (ingest/texts), which reads every call named T as a
// key of the catalogue, is not misled.
func (v view) T(fr, en string) string { return pick(v.Lang, fr, en) }
func (v view) Int(n int64) string     { return report.FormatInt(n, v.Lang) }
func (v view) Num(n int) string       { return report.FormatInt(int64(n), v.Lang) }
func (v view) Pct(f float64) string   { return report.FormatPercent(f, 1, v.Lang) }
func (v view) Year(y int) string      { return report.YearLabel(y) }
func (v view) SignedIn() bool         { return v.User.ID != 0 }
func (v view) Staff() bool            { return v.request != nil && v.request.staff() }
func (v view) Admin() bool            { return v.request != nil && v.request.admin() }

// Date is a day as in the reports (« 2 décembre 2026 »), in the portal's
// time zone.
func (v view) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(v.loc)
	return report.FormatDate(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC), v.Lang)
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
		return fmt.Sprintf("%s %s, %s %s", pick(v.Lang, "feuille", "sheet"), sheet, pick(v.Lang, "cellule", "cell"), cell)
	case sheet != "":
		return pick(v.Lang, "feuille ", "sheet ") + sheet
	case cell != "":
		return cell
	}
	return pick(v.Lang, "tout le fichier", "the whole file")
}

// Size is a file size in words.
func (v view) Size(n int64) string {
	switch {
	case n < 1024:
		return v.Int(n) + pick(v.Lang, " octets", " bytes")
	case n < 1<<20:
		return v.Int((n+512)>>10) + pick(v.Lang, " Ko", " KB")
	}
	return v.Int((n+(1<<19))>>20) + pick(v.Lang, " Mo", " MB")
}

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
		msg = rq.t("Cette page ou ce fichier n'existe pas, ou n'est pas accessible à votre compte.",
			"This page or file does not exist, or your account cannot see it.")
	case http.StatusForbidden:
		msg = rq.t("Cette page est réservée à d'autres rôles (personnel du ministère ou administrateurs).",
			"This page is for other roles (ministry staff or administrators).")
	default:
		msg = rq.t("Une erreur s'est produite sur le serveur ; elle est notée dans son journal. Réessayez plus tard.",
			"Something went wrong on the server; it is written in its log. Try again later.")
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
		return pick(v.Lang, "Classeur Excel : tous les tableaux, graphiques, données et définitions", "Excel workbook: every table, chart, the data and definitions")
	case "national.csv":
		return pick(v.Lang, "Tableau national par année (CSV)", "National table by year (CSV)")
	case "tracks.csv":
		return pick(v.Lang, "Par année et parcours (CSV)", "By year and track (CSV)")
	case "rejections.csv":
		return pick(v.Lang, "Fichiers refusés et pourquoi (CSV)", "Refused files and why (CSV)")
	case "completeness.csv":
		return pick(v.Lang, "Taux de réponse par année (CSV)", "Response rate by year (CSV)")
	case "missing.csv":
		return pick(v.Lang, "Établissements attendus qui n'ont pas répondu (CSV)", "Expected institutions that did not answer (CSV)")
	case "panel.csv":
		return pick(v.Lang, "Mêmes établissements d'une année à l'autre (CSV)", "Same institutions year on year (CSV)")
	case "compare.csv":
		return pick(v.Lang, "Comparaison des parcours et groupes (CSV)", "Comparison of tracks and groups (CSV)")
	case "outliers.csv":
		return pick(v.Lang, "Valeurs à vérifier, pour le personnel (CSV)", "Figures to check, for staff (CSV)")
	case report.StaffWorkbookName:
		return pick(v.Lang, "Classeur interne, pour le personnel : réponses et non-répondants, mêmes établissements, comparaisons, valeurs à vérifier", "Internal workbook, for staff: responses and non-respondents, same institutions, comparisons, figures to check")
	case "facts.csv":
		return pick(v.Lang, "Les données de l'année telles que publiées, avec leur source (CSV)", "The year's data as published, with their source (CSV)")
	case "edition.json":
		return pick(v.Lang, "Ce qu'est cette édition : date, passage, fichiers", "What this edition is: date, run, files")
	case "INCOMPLETE.txt":
		return pick(v.Lang, "Ce qui manque à ce passage", "What this run is missing")
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
		return pick(v.Lang, "vérification du dossier de données", "checking the data folder")
	case "taking":
		return pick(v.Lang, "lecture des fichiers déposés", "reading the files dropped")
	case "aggregating":
		return pick(v.Lang, "calcul des tableaux", "computing the tables")
	case "writing":
		return pick(v.Lang, "écriture des rapports", "writing the reports")
	}
	return ""
}
