package portal

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/report"
)

// ---- files ----

type fileRow struct {
	store.FileRecord
	Owners []store.FileOwner
	Fate   string // accepted | rejected | duplicate | replaced
}

type filesData struct {
	Files          []fileRow
	Uploads        []store.Upload
	Status, UAI    string
	Year           int
	Statuses       []string
	Total, Matched int
}

// visible reports whether rq may see a file whose owners are owners.
func visible(rq *request, owners []store.FileOwner) bool {
	if rq.staff() {
		return true
	}
	return slices.ContainsFunc(owners, func(o store.FileOwner) bool { return o.UAI == rq.user.UAI && o.UAI != "" })
}

func fateOf(r store.FileRecord) string {
	if r.Status == store.StatusAccepted && r.Replaced {
		return "replaced"
	}
	return r.Status
}

func (s *Server) files(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := filesData{Status: q.Get("status"), UAI: strings.ToUpper(strings.TrimSpace(q.Get("uai"))),
		Statuses: []string{store.StatusAccepted, "replaced", store.StatusRejected, store.StatusDuplicate}}
	if !slices.Contains(d.Statuses, d.Status) {
		d.Status = ""
	}
	if y := q.Get("year"); y != "" {
		d.Year, _ = ingest.ParseYear(y, 9999)
	}
	recs, err := s.st.Files(r.Context(), d.Status)
	if err != nil {
		return err
	}
	owners, err := s.st.FileOwners(r.Context())
	if err != nil {
		return err
	}
	for i := len(recs) - 1; i >= 0; i-- { // newest first
		row := fileRow{FileRecord: recs[i], Owners: owners[recs[i].ID], Fate: fateOf(recs[i])}
		if !visible(rq, row.Owners) {
			continue
		}
		d.Total++
		if d.UAI != "" && !slices.ContainsFunc(row.Owners, func(o store.FileOwner) bool { return o.UAI == d.UAI }) {
			continue
		}
		if d.Year != 0 && !slices.ContainsFunc(row.Owners, func(o store.FileOwner) bool { return o.Year == d.Year }) {
			continue
		}
		d.Files = append(d.Files, row)
	}
	d.Matched = len(d.Files)
	if len(d.Files) > 500 {
		d.Files = d.Files[:500]
	}
	d.Uploads, err = s.st.Uploads(r.Context(), rq.user.UAI, rq.staff(), 100)
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "files", d)
}

// fileOf returns the file of the {id} path value, if rq may see it.
func (s *Server) fileOf(r *http.Request, rq *request) (fileRow, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fileRow{}, errNotFound
	}
	rec, err := s.st.FileByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fileRow{}, errNotFound
	}
	if err != nil {
		return fileRow{}, err
	}
	owners, err := s.st.FileOwners(r.Context())
	if err != nil {
		return fileRow{}, err
	}
	row := fileRow{FileRecord: rec, Owners: owners[id], Fate: fateOf(rec)}
	if !visible(rq, row.Owners) {
		return fileRow{}, errNotFound // not 403: another institution's file does not exist for this account
	}
	return row, nil
}

type fileData struct {
	File      fileRow
	Annotated bool
}

func (s *Server) file(w http.ResponseWriter, r *http.Request, rq *request) error {
	row, err := s.fileOf(r, rq)
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "file", fileData{File: row,
		Annotated: s.cfg.Annotate != nil && len(row.Refusals) > 0 && s.keptPath(row.StoredAs) != ""})
}

// keptPath is the path of an original kept by a run (stored_as, relative
// to the data folder), or "" if it is not a local path or not there.
func (s *Server) keptPath(rel string) string {
	if rel == "" || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return ""
	}
	p := filepath.Join(s.cfg.Data, filepath.FromSlash(rel))
	if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
		return ""
	}
	return p
}

func (s *Server) fileAnnotated(w http.ResponseWriter, r *http.Request, rq *request) error {
	row, err := s.fileOf(r, rq)
	if err != nil {
		return err
	}
	path := s.keptPath(row.StoredAs)
	if s.cfg.Annotate == nil || len(row.Refusals) == 0 || path == "" {
		return errNotFound
	}
	res := ingest.FileResult{File: row.Name, Hash: row.SHA256, Size: row.Size, ModTime: row.ModTime, Layout: row.Layout,
		Refusals: row.Refusals, Warnings: row.Warnings}
	return s.writeAnnotated(w, rq, path, row.Name, res)
}

// ---- runs ----

type runView struct {
	store.Run
	Running bool
}

func viewRun(r store.Run) runView { return runView{Run: r, Running: r.Outcome == ""} }

type runsData struct {
	Runs    []runView
	Status  RunStatus
	CanRun  bool
	NextRun time.Time
	Started bool
	Busy    bool
	LastErr string
}

func (s *Server) runs(w http.ResponseWriter, r *http.Request, rq *request) error {
	runs, err := s.st.Runs(r.Context(), 60)
	if err != nil {
		return err
	}
	d := runsData{CanRun: s.cfg.RunNow != nil && rq.staff(), Started: r.URL.Query().Get("started") == "1",
		Busy: r.URL.Query().Get("busy") == "1"}
	for _, x := range runs {
		d.Runs = append(d.Runs, viewRun(x))
	}
	if s.cfg.Status != nil {
		d.Status = s.cfg.Status()
	}
	if s.cfg.NextRun != nil {
		d.NextRun = s.cfg.NextRun(s.cfg.Now())
	}
	s.runMu.Lock()
	d.Status.Running = d.Status.Running || s.running
	if rq.staff() && s.lastRunErr != nil {
		d.LastErr = s.lastRunErr.Error()
	}
	s.runMu.Unlock()
	return s.render(w, r, rq, http.StatusOK, "runs", d)
}

// runState is the « run now » button's run: one at a time from the
// portal; the nightly service's lock keeps it from overlapping the
// schedule's.
type runState struct {
	runMu      sync.Mutex
	running    bool
	lastRunErr error
}

func (s *Server) runNow(w http.ResponseWriter, r *http.Request, rq *request) error {
	if s.cfg.RunNow == nil {
		return errNotFound
	}
	s.runMu.Lock()
	if s.running {
		s.runMu.Unlock()
		http.Redirect(w, r, "/runs?busy=1", http.StatusSeeOther)
		return nil
	}
	s.running = true
	s.lastRunErr = nil
	done := make(chan struct{})
	s.runDone = done
	s.runMu.Unlock()
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "run.start", "")
	s.cfg.Log.Info("portal: run started", "by", rq.user.Email)
	go func() {
		defer close(done)
		err := s.safeRun(s.runCtx)
		if err != nil {
			s.cfg.Log.Error("portal: run failed", "by", rq.user.Email, "error", err.Error())
		}
		s.runMu.Lock()
		s.running, s.lastRunErr = false, err
		s.runMu.Unlock()
	}()
	http.Redirect(w, r, "/runs?started=1", http.StatusSeeOther)
	return nil
}

// safeRun runs a pass, a panic becoming an error: the portal goes on.
func (s *Server) safeRun(ctx context.Context) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return s.cfg.RunNow(ctx)
}

// WaitRun waits for a run started by the portal to end (tests, Close).
func (s *Server) WaitRun() {
	s.runMu.Lock()
	done := s.runDone
	s.runMu.Unlock()
	if done != nil {
		<-done
	}
}

// ---- outliers ----

type tableData struct {
	Header  []string
	Numeric []bool // columns aligned right
	Rows    [][]string
	Source  string
	None    bool
}

// readCSV reads a CSV of the latest publication.
func (s *Server) readCSV(name string) (tableData, error) {
	set := s.latestSet()
	if set == "" {
		return tableData{None: true}, nil
	}
	f, err := os.Open(filepath.Join(s.dirs.Reports, set, name))
	if errors.Is(err, os.ErrNotExist) {
		return tableData{None: true}, nil
	}
	if err != nil {
		return tableData{}, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return tableData{}, fmt.Errorf("read %s: %w", name, err)
	}
	d := tableData{Source: set + "/" + name}
	if len(recs) > 0 {
		d.Header, d.Rows = recs[0], recs[1:]
	}
	return d, nil
}

func (s *Server) outliers(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.readCSV("outliers.csv")
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "outliers", readable(d, rq.L()))
}

// readable writes a CSV table of the reports as the staff workbook does:
// column titles and measures from the catalogue (staff.col.*,
// staff.value.measure.*), academic years, rates as percentages and counts
// with the language's digit groups; Numeric marks the columns to align
// right. The CSV itself, linked from the page, keeps its codes.
func readable(d tableData, l texts.Lang) tableData {
	col := map[string]int{}
	for i, h := range d.Header {
		col[h] = i
		if k := "staff.col." + h; texts.Has(k) {
			d.Header[i] = l.T(k)
		}
	}
	if i, ok := col["expected"]; ok && texts.Has("staff.col.reference") {
		d.Header[i] = l.T("staff.col.reference") // an expected value, not expected institutions
	}
	d.Numeric = make([]bool, len(d.Header))
	for _, n := range []string{"value", "expected", "low", "high"} {
		if i, ok := col[n]; ok {
			d.Numeric[i] = true
		}
	}
	for _, row := range d.Rows {
		rate := false
		if i, ok := col["measure"]; ok && i < len(row) {
			rate = row[i] == "success_rate"
			if k := "staff.value.measure." + row[i]; texts.Has(k) {
				row[i] = l.T(k)
			}
		}
		if i, ok := col["year"]; ok && i < len(row) {
			if y, err := strconv.Atoi(row[i]); err == nil {
				row[i] = texts.YearLabel(y)
			}
		}
		for _, n := range []string{"value", "expected", "low", "high"} {
			i, ok := col[n]
			if !ok || i >= len(row) {
				continue
			}
			v, err := strconv.ParseFloat(row[i], 64)
			switch {
			case err != nil:
			case rate:
				row[i] = l.Percent(v, 1)
			default:
				row[i] = l.Decimal(v, 0)
			}
		}
	}
	return d
}

// ---- admin: users, registry, audit ----

type usersData struct {
	Users    []store.User
	Message  string
	Password string // a generated password, shown once
	Error    string
}

func (s *Server) users(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderUsers(w, r, rq, http.StatusOK, usersData{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, rq *request, status int, d usersData) error {
	var err error
	d.Users, err = s.st.Users(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, rq, status, "users", d)
}

// addUser creates an account from the admin page, with a generated
// password shown once (the admin hands it over; the user changes it with
// the users command or the admin resets it).
func (s *Server) addUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return s.renderUsers(w, r, rq, http.StatusBadRequest, usersData{Error: rq.L().T("portal.unreadable-form")})
	}
	u := store.User{Email: strings.ToLower(strings.TrimSpace(r.PostFormValue("email"))), Role: r.PostFormValue("role"),
		UAI: strings.ToUpper(strings.TrimSpace(r.PostFormValue("uai"))), Created: s.cfg.Now()}
	if msg := CheckAccount(u, rq.lang); msg != "" {
		return s.renderUsers(w, r, rq, http.StatusBadRequest, usersData{Error: msg})
	}
	pw := GeneratePassword()
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	if _, err := s.st.AddUser(r.Context(), u, hash); err != nil {
		return s.renderUsers(w, r, rq, http.StatusConflict, usersData{Error: rq.L().T("portal.account-exists-already")})
	}
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "user.add", fmt.Sprintf("%s (%s)", u.Email, strings.TrimSpace(u.Role+" "+u.UAI)))
	return s.renderUsers(w, r, rq, http.StatusOK, usersData{
		Message:  rq.L().F("portal.account-created", u.Email),
		Password: pw})
}

// CheckAccount says what is wrong with a new account ("" if nothing).
func CheckAccount(u store.User, lang string) string {
	switch {
	case !strings.Contains(u.Email, "@") || strings.ContainsAny(u.Email, " \t\r\n<>"):
		return texts.Lang(lang).T("portal.e-mail-address-not")
	case u.Role != store.RoleAdmin && u.Role != store.RoleStaff && u.Role != store.RoleInstitution:
		return texts.Lang(lang).T("portal.role-must-admin-staff")
	case u.Role == store.RoleInstitution && !validUAI(u.UAI):
		return texts.Lang(lang).T("portal.institution-account-needs-valid")
	case u.Role != store.RoleInstitution && u.UAI != "":
		return texts.Lang(lang).T("portal.only-institution-account-has")
	}
	return ""
}

// changeUser disables, enables or resets the password of an account.
func (s *Server) changeUser(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return s.renderUsers(w, r, rq, http.StatusBadRequest, usersData{Error: rq.L().T("portal.unreadable-form")})
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	users, err := s.st.Users(r.Context())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(users, func(u store.User) bool { return u.ID == id })
	if i < 0 {
		return errNotFound
	}
	u := users[i]
	now := s.cfg.Now()
	var d usersData
	switch r.PostFormValue("action") {
	case "disable":
		if u.ID == rq.user.ID {
			return s.renderUsers(w, r, rq, http.StatusBadRequest, usersData{Error: rq.L().T("portal.you-cannot-disable-your")})
		}
		err = s.st.SetDisabled(r.Context(), u.Email, true, now)
		s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "user.disable", u.Email)
		d.Message = rq.L().F("portal.account-disabled", u.Email)
	case "enable":
		err = s.st.SetDisabled(r.Context(), u.Email, false, now)
		s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "user.enable", u.Email)
		d.Message = rq.L().F("portal.account-enabled", u.Email)
	case "passwd":
		pw := GeneratePassword()
		hash, herr := HashPassword(pw)
		if herr != nil {
			return herr
		}
		err = s.st.SetPassword(r.Context(), u.Email, hash, now)
		s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "user.passwd", u.Email)
		d.Message = rq.L().F("portal.new-password-2", u.Email)
		d.Password = pw
	default:
		return s.renderUsers(w, r, rq, http.StatusBadRequest, usersData{Error: rq.L().T("portal.unknown-action")})
	}
	if err != nil {
		return err
	}
	return s.renderUsers(w, r, rq, http.StatusOK, d)
}

type registryData struct {
	Imports   []store.RegistryImport
	Table     tableData
	Refused   []ingest.Problem
	None      bool
	CanImport bool
	// What an import from the page gave.
	Name                           string
	ImportRefusals, ImportWarnings []ingest.Problem
	Message, Error                 string
}

func (s *Server) registry(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderRegistry(w, r, rq, http.StatusOK, registryData{})
}

func (s *Server) renderRegistry(w http.ResponseWriter, r *http.Request, rq *request, status int, d registryData) error {
	d.CanImport = s.cfg.ImportRegistry != nil
	var err error
	d.Imports, err = s.st.RegistryImports(r.Context())
	if err != nil {
		return err
	}
	reg, refused := s.loadRegistry(rq.lang)
	d.Refused = refused
	if reg == nil {
		d.None = len(refused) == 0
	} else {
		d.Table.Header = []string{"UAI", rq.L().T("portal.institution"), rq.L().T("portal.academie"), rq.L().T("portal.registry-first-year"), rq.L().T("portal.registry-last-year"), rq.L().T("portal.registry-successor")}
		for _, e := range reg.Entries {
			last := ""
			if e.LastYear != 0 {
				last = report.YearLabel(e.LastYear)
			}
			d.Table.Rows = append(d.Table.Rows, []string{e.UAI, e.Institution, e.Academie, report.YearLabel(e.FirstYear), last, e.Successor})
		}
	}
	return s.render(w, r, rq, status, "registry", d)
}

func (s *Server) audit(w http.ResponseWriter, r *http.Request, rq *request) error {
	entries, err := s.st.AuditLog(r.Context(), 1000)
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "audit", entries)
}

func validUAI(s string) bool {
	u, err := ingest.ParseUAI(s)
	return err == nil && u == s
}
