package portal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

// KindWrongInstitution is the refusal of a file an institution account
// sent for another institution.
const KindWrongInstitution = "portal-wrong-institution"

type uploadPageData struct {
	Limits  Limits
	Results []uploadResult
	Error   string
	NextRun time.Time
	Settle  time.Duration
}

type uploadResult struct {
	store.Upload
	Facts  int
	Inbox  string // the name it was given in the inbox
	Annot  bool   // an annotated copy can be downloaded
	Detail bool   // shown on its own page
}

func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.render(w, r, rq, http.StatusOK, "upload", s.uploadData())
}

func (s *Server) uploadData() uploadPageData {
	d := uploadPageData{Limits: s.cfg.Limits, Settle: s.cfg.Settle}
	if s.cfg.NextRun != nil {
		// A file is taken once it has not changed for the settle period.
		d.NextRun = s.cfg.NextRun(s.cfg.Now().Add(s.cfg.Settle))
	}
	return d
}

// tooLarge answers 413 with the upload page and a message naming the limit.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request, rq *request, msg string) error {
	d := s.uploadData()
	d.Error = msg
	s.cfg.Log.Warn("portal: upload refused", "user", rq.user.Email, "reason", msg)
	return s.render(w, r, rq, http.StatusRequestEntityTooLarge, "upload", d)
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request, rq *request) error {
	lim := s.cfg.Limits
	mib := func(n int64) string { return strconv.FormatInt(n>>20, 10) }
	if r.ContentLength > lim.RequestBytes {
		return s.tooLarge(w, r, rq, rq.L().F("portal.upload-over-s-mb", mib(lim.RequestBytes)))
	}
	r.Body = http.MaxBytesReader(w, r.Body, lim.RequestBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		d := s.uploadData()
		d.Error = rq.L().T("portal.no-file-received-choose")
		return s.render(w, r, rq, http.StatusBadRequest, "upload", d)
	}
	// Each part is read into a temporary folder of the portal, under the
	// name the user gave (the reader names the file in its messages and
	// reads its extension), bounded as it is read.
	tmp, err := os.MkdirTemp(s.tmpDir(), "upload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	type received struct{ path, name string }
	var got []received
	forUAI := ""
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return s.tooLarge(w, r, rq, rq.L().F("portal.upload-over-s-mb", mib(lim.RequestBytes)))
		}
		if err != nil {
			return s.badUpload(w, r, rq)
		}
		switch part.FormName() {
		case "uai":
			b, _ := io.ReadAll(io.LimitReader(part, 64))
			forUAI = strings.ToUpper(strings.TrimSpace(string(b)))
			continue
		case "files":
		default:
			continue
		}
		if part.FileName() == "" {
			continue // the empty input of a form sent with no file chosen
		}
		if len(got) == lim.Files {
			return s.tooLarge(w, r, rq, rq.L().F("portal.most-d-files-per", texts.Count(lim.Files)))
		}
		name := uploadName(part.FileName(), len(got))
		dir := filepath.Join(tmp, strconv.Itoa(len(got)))
		if err := os.Mkdir(dir, 0o700); err != nil {
			return err
		}
		path := filepath.Join(dir, name)
		n, err := saveBounded(path, part, lim.FileBytes)
		switch {
		case errors.As(err, &mbe):
			return s.tooLarge(w, r, rq, rq.L().F("portal.upload-over-s-mb", mib(lim.RequestBytes)))
		case err != nil:
			return s.badUpload(w, r, rq)
		case n > lim.FileBytes:
			return s.tooLarge(w, r, rq, rq.L().F("portal.s-over-s-mb", texts.Quoted(name), mib(lim.FileBytes)))
		}
		got = append(got, received{path, name})
	}
	if len(got) == 0 {
		d := s.uploadData()
		d.Error = rq.L().T("portal.no-file-received-choose")
		return s.render(w, r, rq, http.StatusBadRequest, "upload", d)
	}
	if !rq.staff() {
		forUAI = rq.user.UAI // an institution uploads for itself, whatever the form says
	} else if forUAI != "" && !validUAI(forUAI) {
		forUAI = ""
	}
	d := s.uploadData()
	for _, g := range got {
		res, err := s.judge(r, rq, g.path, g.name, forUAI)
		if err != nil {
			return err
		}
		d.Results = append(d.Results, res)
	}
	return s.render(w, r, rq, http.StatusOK, "upload", d)
}

func (s *Server) badUpload(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := s.uploadData()
	d.Error = rq.L().T("portal.upload-was-cut-short")
	return s.render(w, r, rq, http.StatusBadRequest, "upload", d)
}

// saveBounded copies at most limit+1 bytes of src to path, so that a file
// over limit is known without reading it all.
func saveBounded(path string, src io.Reader, limit int64) (int64, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, io.LimitReader(src, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// uploadName is the base name of an uploaded file as it may be written to
// disk: the browser's path parts dropped, separators and control
// characters replaced, never empty or hidden, at most 150 bytes.
func uploadName(name string, i int) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = name[strings.LastIndex(name, "/")+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' || r == utf8.RuneError {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ".~$")
	if name == "" {
		name = "fichier-" + strconv.Itoa(i+1)
	}
	for len(name) > 150 {
		ext := filepath.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		_, size := utf8.DecodeLastRuneInString(strings.TrimSuffix(name, ext))
		name = name[:len(name)-len(ext)-size] + ext
	}
	return name
}

// judge reads one uploaded file as validate does, refuses it if it is for
// another institution than the account's, then puts it in the inbox
// (accepted) or keeps it for its annotated copy (refused), and records it.
func (s *Server) judge(r *http.Request, rq *request, path, name, forUAI string) (uploadResult, error) {
	opts := s.cfg.Opts
	opts.Lang = rq.lang
	opts.MaxYear = s.cfg.Now().Year() + 1
	// Only the verdict is wanted here, as in validate: the facts are
	// counted, not kept (a staff upload may be a table of a million rows).
	res, facts := ingest.CheckFile(path, opts)
	res.File = name
	for i := range res.Refusals {
		res.Refusals[i].File = name
	}
	for i := range res.Warnings {
		res.Warnings[i].File = name
	}
	if res.Hash == "" {
		h, err := ingest.HashFile(path)
		if err != nil {
			return uploadResult{}, err
		}
		res.Hash = h
	}
	if info, err := os.Stat(path); err == nil {
		res.Size = info.Size()
	}
	// An institution sends its own file; staff sending for an institution
	// must send that institution's (a UAI typed for one file and a form of
	// another is a slip to catch, not to record under the wrong name).
	wrongInstitution := false
	if want := forUAI; want != "" {
		for _, sub := range res.Submissions {
			if sub.UAI != want {
				key := "portal.file-institution-s-s"
				if rq.staff() {
					key = "portal.file-institution-s-s-2"
				}
				res.Refusals = append(res.Refusals, ingest.Problem{Location: ingest.Location{File: name}, Kind: KindWrongInstitution,
					Message: rq.L().F(key, sub.UAI, shownText(sub.Institution), want)})
				wrongInstitution = true
				break
			}
		}
	}
	up := store.Upload{At: s.cfg.Now(), UserID: rq.user.ID, UAI: forUAI, Name: name, SHA256: res.Hash, Size: res.Size,
		Refusals: res.Refusals, Warnings: res.Warnings}
	switch {
	case wrongInstitution && rq.staff():
		// Staff's slip: the file is another institution's; neither sees
		// it (only staff does), its bytes included.
		up.UAI = ""
	case up.UAI == "" && len(res.Submissions) == 1:
		up.UAI = res.Submissions[0].UAI
	}
	out := uploadResult{Facts: facts}
	if res.Refused() {
		up.Status = store.StatusRejected
		kept, err := s.keepRefused(path, res.Hash, name)
		if err != nil {
			// The verdict stands; only the annotated copy is lost.
			s.cfg.Log.Error("portal: keep refused upload", "name", name, "error", err.Error())
		}
		up.KeptAs = kept
	} else {
		up.Status = store.StatusAccepted
		inboxName, err := s.toInbox(path, name, up.UAI, rq)
		if err != nil {
			return uploadResult{}, err
		}
		out.Inbox = inboxName
	}
	up, err := s.st.AddUpload(r.Context(), up)
	if err != nil {
		return uploadResult{}, err
	}
	out.Upload = up
	out.Annot = s.cfg.Annotate != nil && up.KeptAs != ""
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "upload",
		fmt.Sprintf("%s (%s, %s, sha256 %s)", name, up.Status, up.UAI, up.SHA256[:12]))
	s.cfg.Log.Info("portal: upload", "user", rq.user.Email, "file", name, "status", up.Status, "uai", up.UAI)
	if up.KeptAs != "" {
		s.pruneKept(r)
	}
	return out, nil
}

// toInbox puts an accepted file into the inbox, atomically (the nightly
// pass never sees half a file: atomicfile writes a hidden temporary name
// the inbox passes over, then renames it), in a subfolder per institution
// (inbox/portail/<UAI>/, or inbox/portail/personnel/ for a consolidated
// table sent by staff) under a name not already waiting there. It returns
// the name relative to the inbox: the name the run records.
func (s *Server) toInbox(path, name, uai string, rq *request) (string, error) {
	sub := "personnel"
	if uai != "" {
		sub = uai
	}
	dir := filepath.Join(s.dirs.Inbox, "portail", sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("inbox: %w", err)
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	final := name
	for i := 2; ; i++ {
		if _, err := os.Lstat(filepath.Join(dir, final)); errors.Is(err, os.ErrNotExist) {
			break
		}
		final = fmt.Sprintf("%s (%d)%s", stem, i, ext)
	}
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	if err := atomicfile.Copy(filepath.Join(dir, final), src, nil); err != nil {
		return "", fmt.Errorf("inbox: %w", err)
	}
	return filepath.ToSlash(filepath.Join("portail", sub, final)), nil
}

// keepRefused keeps a refused upload's bytes in portal/refused/ for its
// annotated copy, named by content (the same bytes sent again are kept
// once). It returns the path relative to the data folder.
func (s *Server) keepRefused(path, hash, name string) (string, error) {
	keptName := hash + filepath.Ext(name)
	dst := filepath.Join(s.refusedDir(), keptName)
	if _, err := os.Stat(dst); err == nil {
		return filepath.ToSlash(filepath.Join("portal", "refused", keptName)), nil
	}
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	if err := atomicfile.Copy(dst, src, nil); err != nil {
		return "", err
	}
	return filepath.ToSlash(filepath.Join("portal", "refused", keptName)), nil
}

// pruneKept bounds portal/refused/ to Limits.KeptBytes: the oldest kept
// files go first, and their uploads lose their annotated copy (the page
// still lists every problem; the institution has its own file).
func (s *Server) pruneKept(r *http.Request) {
	entries, err := os.ReadDir(s.refusedDir())
	if err != nil {
		return
	}
	type kept struct {
		name string
		size int64
		mod  time.Time
	}
	var all []kept
	var total int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || atomicfile.IsTemp(e.Name()) {
			continue
		}
		all = append(all, kept{e.Name(), info.Size(), info.ModTime()})
		total += info.Size()
	}
	if total <= s.cfg.Limits.KeptBytes {
		return
	}
	slices.SortFunc(all, func(a, b kept) int { return a.mod.Compare(b.mod) })
	ups, err := s.st.Uploads(r.Context(), "", true, 0)
	if err != nil {
		return
	}
	for _, k := range all {
		if total <= s.cfg.Limits.KeptBytes {
			break
		}
		if err := os.Remove(filepath.Join(s.refusedDir(), k.name)); err != nil {
			continue
		}
		total -= k.size
		rel := filepath.ToSlash(filepath.Join("portal", "refused", k.name))
		for _, u := range ups {
			if u.KeptAs == rel {
				s.st.ForgetKept(r.Context(), u.ID)
			}
		}
	}
}

// uploadOf returns the upload of the {id} path value if rq may see it.
func (s *Server) uploadOf(r *http.Request, rq *request) (store.Upload, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.Upload{}, errNotFound
	}
	up, err := s.st.UploadByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return store.Upload{}, errNotFound
	}
	if err != nil {
		return store.Upload{}, err
	}
	if !rq.staff() && (up.UAI == "" || up.UAI != rq.user.UAI) {
		return store.Upload{}, errNotFound
	}
	return up, nil
}

func (s *Server) uploadResult(w http.ResponseWriter, r *http.Request, rq *request) error {
	up, err := s.uploadOf(r, rq)
	if err != nil {
		return err
	}
	d := s.uploadData()
	d.Results = []uploadResult{{Upload: up, Annot: s.cfg.Annotate != nil && s.keptPath(up.KeptAs) != "", Detail: true}}
	return s.render(w, r, rq, http.StatusOK, "upload", d)
}

func (s *Server) uploadAnnotated(w http.ResponseWriter, r *http.Request, rq *request) error {
	up, err := s.uploadOf(r, rq)
	if err != nil {
		return err
	}
	path := s.keptPath(up.KeptAs)
	if s.cfg.Annotate == nil || path == "" || len(up.Refusals) == 0 {
		return errNotFound
	}
	res := ingest.FileResult{File: up.Name, Hash: up.SHA256, Size: up.Size, Refusals: up.Refusals, Warnings: up.Warnings}
	return s.writeAnnotated(w, rq, path, up.Name, res)
}

// writeAnnotated writes the annotated copy of a refused file as a
// download named after it: « formulaire.xlsx » gives « formulaire-annote.xlsx ».
func (s *Server) writeAnnotated(w http.ResponseWriter, rq *request, path, name string, res ingest.FileResult) error {
	var buf bytes.Buffer
	if err := s.cfg.Annotate(&buf, path, res, rq.lang); err != nil {
		return fmt.Errorf("annotated copy of %s: %w", name, err)
	}
	out := strings.TrimSuffix(name, filepath.Ext(name)) + rq.L().T("portal.annotated-xlsx")
	setDownloadHeaders(w, out)
	_, err := w.Write(buf.Bytes())
	return err
}

// shownText is a name from a file as a message quotes it.
func shownText(s string) string { return textsafe.Show(s, textsafe.Options{Max: 200}) }
