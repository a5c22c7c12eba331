package portal

import (
	"archive/zip"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// Downloads are served from the known report folders only, and a file only
// by a name found by listing that folder: nothing the visitor typed is ever
// joined to a path. A set is « latest » or run-NNNNNN; an edition is
// editions/AAAA-AAAA/N.
var (
	runSetRe     = regexp.MustCompile(`^run-[0-9]{6,}$`)
	yearDirRe    = regexp.MustCompile(`^([0-9]{4})-([0-9]{4})$`)
	editionRe    = regexp.MustCompile(`^[0-9]{1,6}$`)
	editionSetRe = regexp.MustCompile(`^editions/[0-9]{4}-[0-9]{4}/[0-9]{1,6}$`)
	pdfYearRe    = regexp.MustCompile(`^c2i2e-([0-9]{4})-([0-9]{4})\.pdf$`)
	qualityRe    = regexp.MustCompile(`^qualite-([0-9]{4})-([0-9]{4})\.pdf$`)
	parquetZip   = "parquet.zip"
)

// institutionFiles are the outputs an institution account may download:
// the publication (the annual PDFs and its national tables). The workbook
// and the Parquet files carry every fact with its source file, the
// refusals name other institutions' files, and outliers.csv, missing.csv
// and the quality PDF are staff's working documents.
func institutionMay(name string) bool {
	switch name {
	case "national.csv", "tracks.csv", "panel.csv", "compare.csv":
		return true
	}
	return pdfYearRe.MatchString(name)
}

func (s *Server) mayDownload(rq *request, name string) bool {
	return rq.staff() || institutionMay(name)
}

// reportFolder is a published set: its files, PDFs by year first.
type reportFolder struct {
	Set     string // latest, run-000012 or editions/2012-2013/2
	Label   string
	Time    time.Time
	PDFs    []yearFile
	Quality []yearFile
	Others  []string
	Parquet bool
}

type yearFile struct {
	Year int
	Name string
}

// listFolder lists a report folder as rq may see it.
func (s *Server) listFolder(dir, set string, rq *request) (reportFolder, bool) {
	f := reportFolder{Set: set}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return f, false
	}
	if info, err := os.Stat(dir); err == nil {
		f.Time = info.ModTime()
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case e.IsDir() && n == "parquet":
			f.Parquet = rq.staff()
		case !e.Type().IsRegular() || strings.HasPrefix(n, "."):
		case !s.mayDownload(rq, n):
		case pdfYearRe.MatchString(n):
			y, _ := strconv.Atoi(pdfYearRe.FindStringSubmatch(n)[2])
			f.PDFs = append(f.PDFs, yearFile{y, n})
		case qualityRe.MatchString(n):
			y, _ := strconv.Atoi(qualityRe.FindStringSubmatch(n)[2])
			f.Quality = append(f.Quality, yearFile{y, n})
		default:
			f.Others = append(f.Others, n)
		}
	}
	byYear := func(a, b yearFile) int { return b.Year - a.Year }
	slices.SortFunc(f.PDFs, byYear)
	slices.SortFunc(f.Quality, byYear)
	return f, true
}

// latestSet is the run folder reports/latest points at ("" if none).
func (s *Server) latestSet() string {
	target, err := os.Readlink(filepath.Join(s.dirs.Reports, report.LatestName))
	if err != nil || !runSetRe.MatchString(filepath.Base(target)) {
		return ""
	}
	return filepath.Base(target)
}

// editions lists reports/editions/AAAA-AAAA/N, newest year and edition first.
func (s *Server) editions(rq *request) []reportFolder {
	root := filepath.Join(s.dirs.Reports, "editions")
	years, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var out []reportFolder
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		if !y.IsDir() || !yearDirRe.MatchString(y.Name()) {
			continue
		}
		ns, _ := os.ReadDir(filepath.Join(root, y.Name()))
		slices.SortFunc(ns, func(a, b os.DirEntry) int {
			x, _ := strconv.Atoi(a.Name())
			z, _ := strconv.Atoi(b.Name())
			return z - x
		})
		for _, n := range ns {
			if !n.IsDir() || !editionRe.MatchString(n.Name()) {
				continue
			}
			set := "editions/" + y.Name() + "/" + n.Name()
			f, ok := s.listFolder(filepath.Join(root, y.Name(), n.Name()), set, rq)
			if ok {
				f.Label = y.Name() + " n° " + n.Name()
				out = append(out, f)
			}
		}
	}
	return out
}

type reportsData struct {
	Latest     reportFolder
	HasRun     bool
	Editions   []reportFolder
	Older      []string
	CanPublish bool   // staff, the latest publication shown, a publish function
	Published  string // the edition just published
	Error      string
}

func (s *Server) reports(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderReports(w, r, rq, http.StatusOK, reportsData{Published: r.URL.Query().Get("published")})
}

func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, rq *request, status int, d reportsData) error {
	set := s.latestSet()
	if q := r.URL.Query().Get("set"); rq.staff() && runSetRe.MatchString(q) {
		set = q // an earlier run's folder, for staff
	}
	if set != "" {
		d.Latest, d.HasRun = s.listFolder(filepath.Join(s.dirs.Reports, set), set, rq)
		d.Latest.Label = runLabel(set, rq.L())
	}
	d.Editions = s.editions(rq)
	if rq.staff() {
		entries, _ := os.ReadDir(s.dirs.Reports)
		for i := len(entries) - 1; i >= 0 && len(d.Older) < 30; i-- {
			n := entries[i].Name()
			if entries[i].IsDir() && runSetRe.MatchString(n) && n != d.Latest.Set {
				d.Older = append(d.Older, n)
			}
		}
	}
	d.CanPublish = rq.staff() && s.cfg.Publish != nil && d.HasRun && d.Latest.Set == s.latestSet()
	if !editionSetRe.MatchString(d.Published) {
		d.Published = "" // only an edition's folder is named back
	}
	return s.render(w, r, rq, status, "reports", d)
}

// publish freezes the latest reports of a year as its next edition.
func (s *Server) publish(w http.ResponseWriter, r *http.Request, rq *request) error {
	if s.cfg.Publish == nil {
		return errNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return s.renderReports(w, r, rq, http.StatusBadRequest, reportsData{Error: rq.L().T("portal.unreadable-form")})
	}
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 2000 || year > s.cfg.Now().Year()+1 {
		return s.renderReports(w, r, rq, http.StatusBadRequest, reportsData{Error: rq.L().T("portal.choose-year")})
	}
	dir, err := s.cfg.Publish(r.Context(), year, rq.lang)
	if err != nil {
		s.cfg.Log.Warn("portal: publish refused", "by", rq.user.Email, "year", year, "error", err.Error())
		return s.renderReports(w, r, rq, http.StatusConflict, reportsData{Error: err.Error()})
	}
	rel, _ := filepath.Rel(s.dirs.Reports, dir)
	rel = filepath.ToSlash(rel)
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "edition.publish", report.YearLabel(year)+" → reports/"+rel)
	s.cfg.Log.Info("portal: edition published", "by", rq.user.Email, "year", year, "folder", dir)
	http.Redirect(w, r, "/reports?published="+url.QueryEscape(rel), http.StatusSeeOther)
	return nil
}

// reportFile serves a file of a run's folder (or latest) by its name.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	set := r.PathValue("set")
	if set == report.LatestName {
		set = s.latestSet()
	}
	if !runSetRe.MatchString(set) {
		return errNotFound
	}
	if set != s.latestSet() && !rq.staff() {
		return errNotFound // institutions see the latest publication and the editions
	}
	return s.serveFromFolder(w, r, rq, filepath.Join(s.dirs.Reports, set), r.PathValue("name"))
}

// editionFile serves a file of an edition.
func (s *Server) editionFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	year, n := r.PathValue("year"), r.PathValue("n")
	if !yearDirRe.MatchString(year) || !editionRe.MatchString(n) {
		return errNotFound
	}
	return s.serveFromFolder(w, r, rq, filepath.Join(s.dirs.Reports, "editions", year, n), r.PathValue("name"))
}

// serveFromFolder serves the regular file of dir whose name is name, found
// by listing dir, if rq may download it; parquet.zip is dir/parquet zipped.
func (s *Server) serveFromFolder(w http.ResponseWriter, r *http.Request, rq *request, dir, name string) error {
	if !s.mayDownload(rq, name) {
		return errNotFound
	}
	if name == parquetZip {
		return s.serveParquetZip(w, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return errNotFound
	}
	i := slices.IndexFunc(entries, func(e os.DirEntry) bool { return e.Name() == name && e.Type().IsRegular() })
	if i < 0 || strings.HasPrefix(name, ".") {
		return errNotFound
	}
	f, err := os.Open(filepath.Join(dir, entries[i].Name()))
	if err != nil {
		return errNotFound
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	setDownloadHeaders(w, entries[i].Name())
	http.ServeContent(w, r, entries[i].Name(), info.ModTime(), f)
	return nil
}

// setDownloadHeaders names the file for the browser: PDFs open in it, the
// rest is saved.
func setDownloadHeaders(w http.ResponseWriter, name string) {
	ct := mime.TypeByExtension(filepath.Ext(name))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		ct = "text/csv; charset=utf-8"
	case ".xlsx":
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	disp := "attachment"
	if strings.HasSuffix(name, ".pdf") {
		disp = "inline"
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
}

// serveParquetZip writes dir/parquet as a zip, its files under parquet/.
func (s *Server) serveParquetZip(w http.ResponseWriter, dir string) error {
	root := filepath.Join(dir, "parquet")
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return errNotFound
	}
	setDownloadHeaders(w, parquetZip)
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		// Parquet is compressed already: store, do not deflate again.
		hw, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.ToSlash(rel), Method: zip.Store})
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(hw, f)
		return err
	})
	if err != nil {
		// The headers are sent: cut the zip short, the browser reports it.
		s.cfg.Log.Error("portal: parquet zip", "folder", dir, "error", err.Error())
		return nil
	}
	return zw.Close()
}

// homeData: the latest publication of each year, the last run, the next.
type homeData struct {
	Latest   reportFolder
	HasRun   bool
	Editions map[int]reportFolder // year → latest edition
	EdYears  []int
	LastRun  *runView
	NextRun  time.Time
	Status   RunStatus
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	var d homeData
	if set := s.latestSet(); set != "" {
		d.Latest, d.HasRun = s.listFolder(filepath.Join(s.dirs.Reports, set), set, rq)
	}
	d.Editions = map[int]reportFolder{}
	for _, e := range s.editions(rq) {
		m := yearDirRe.FindStringSubmatch(strings.Split(e.Set, "/")[1])
		y, _ := strconv.Atoi(m[2])
		if _, seen := d.Editions[y]; !seen {
			d.Editions[y] = e
			d.EdYears = append(d.EdYears, y)
		}
	}
	runs, err := s.st.Runs(r.Context(), 1)
	if err != nil {
		return err
	}
	if len(runs) > 0 {
		v := viewRun(runs[0])
		d.LastRun = &v
	}
	if s.cfg.NextRun != nil {
		d.NextRun = s.cfg.NextRun(s.cfg.Now())
	}
	if s.cfg.Status != nil {
		d.Status = s.cfg.Status()
	}
	return s.render(w, r, rq, http.StatusOK, "home", d)
}

// runLabel names a run's folder in words: run-000012 is « passage n° 12 ».
func runLabel(set string, l texts.Lang) string {
	n, err := strconv.Atoi(strings.TrimPrefix(set, "run-"))
	if err != nil || !strings.HasPrefix(set, "run-") {
		return set
	}
	return l.F("portal.run-label", texts.Count(n))
}
