package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

// The admin pages that act on the data folder: a new registry of expected
// respondents, new publication settings. Each is validated whole by the
// same code as the command line (registry import, settings.Parse) and
// refused with every problem, line and column, in plain words; accepted,
// it replaces the file in force atomically and is audited.

// RegistryImport is what an import of a registry from the portal did: the
// problems found (a refusal changes nothing) and, accepted, the number of
// institutions now in force.
type RegistryImport struct {
	Refusals, Warnings []ingest.Problem
	Entries            int
}

// ErrBusy is returned by Config.ImportRegistry when a run holds the data
// folder: the page says to try again once it has finished.
var ErrBusy = errors.New("a run holds the data folder")

// maxAdminFile bounds a registry or settings file sent from the portal: a
// registry of every institution in France is well under a megabyte.
const maxAdminFile = 8 << 20

// adminFile reads the one file of an admin form (field) and its name; a
// missing file gives a nil slice.
func adminFile(w http.ResponseWriter, r *http.Request, field string) (name string, data []byte, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminFile+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return "", nil, err
	}
	f, h, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxAdminFile+1))
	if err != nil {
		return "", nil, err
	}
	if len(data) > maxAdminFile {
		return "", nil, errTooLarge
	}
	return filepath.Base(filepath.Clean("/" + strings.ReplaceAll(h.Filename, `\`, "/"))), data, nil
}

var errTooLarge = errors.New("file too large")

// importRegistry replaces the registry with the file sent.
func (s *Server) importRegistry(w http.ResponseWriter, r *http.Request, rq *request) error {
	var d registryData
	name, data, err := adminFile(w, r, "registry")
	switch {
	case errors.Is(err, errTooLarge):
		d.Error = rq.L().F("portal.admin-file-too-large", texts8MB(rq))
	case err != nil:
		d.Error = rq.L().T("portal.unreadable-form")
	case data == nil:
		d.Error = rq.L().T("portal.admin-choose-file")
	case s.cfg.ImportRegistry == nil:
		return errNotFound
	}
	if d.Error != "" {
		return s.renderRegistry(w, r, rq, http.StatusBadRequest, d)
	}
	imp, err := s.cfg.ImportRegistry(r.Context(), name, data, rq.lang)
	switch {
	case errors.Is(err, ErrBusy):
		d.Error = rq.L().T("portal.admin-run-in-progress")
		return s.renderRegistry(w, r, rq, http.StatusConflict, d)
	case err != nil:
		return err
	}
	d.Name, d.ImportRefusals, d.ImportWarnings = name, imp.Refusals, imp.Warnings
	if len(imp.Refusals) > 0 {
		s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "registry.refused", fmt.Sprintf("%s (%d)", name, len(imp.Refusals)))
		return s.renderRegistry(w, r, rq, http.StatusUnprocessableEntity, d)
	}
	s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "registry.import", fmt.Sprintf("%s (%d)", name, imp.Entries))
	d.Message = rq.L().F("portal.registry-imported", texts.Quoted(name), rq.L().Int(int64(imp.Entries)))
	return s.renderRegistry(w, r, rq, http.StatusOK, d)
}

func texts8MB(rq *request) string { return rq.L().Int(maxAdminFile >> 20) }

// settingsData is the settings page: the settings in force (the defaults
// when there is no file, or when it is refused: a run publishes with them
// then), the file's text to edit, and what a replacement gave.
type settingsData struct {
	File     string // the settings file in force ("" when serve has none)
	Exists   bool
	Settings *settings.Settings
	Refused  []string // the file in force is refused: its line errors
	Text     string   // the file's text, or a starting point
	Message  string
	Errors   []string // a replacement refused: its line errors
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderSettings(w, r, rq, http.StatusOK, settingsData{})
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, rq *request, status int, d settingsData) error {
	d.File = s.cfg.SettingsFile
	d.Settings = settings.Default()
	if d.File != "" {
		b, err := os.ReadFile(d.File)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		default:
			d.Exists = true
			if set, err := settings.Parse(b, d.File, rq.lang); err != nil {
				d.Refused = lineErrors(err)
			} else {
				d.Settings = set
			}
			if d.Text == "" && d.Errors == nil {
				d.Text = editable(b)
			}
		}
	}
	if d.Text == "" {
		d.Text = rq.L().T("portal.settings-example")
	}
	return s.render(w, r, rq, status, "settings", d)
}

// editable is a settings file as text to edit: a file Notepad saved in
// Windows-1252 is read as settings.Parse reads it (Latin-1).
func editable(b []byte) string {
	if utf8.Valid(b) {
		return strings.TrimPrefix(string(b), "\ufeff")
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// lineErrors splits settings.Parse's joined errors, one a line.
func lineErrors(err error) []string {
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, textsafe.Show(l, textsafe.Options{Max: textsafe.TerminalMax}))
		}
	}
	return out
}

// saveSettings replaces the settings file with the text edited on the
// page, or a file sent: validated whole by settings.Parse (its logo path
// read from the settings file's folder), refused with its line errors,
// written atomically, audited. The next run publishes with it.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	if s.cfg.SettingsFile == "" {
		return errNotFound
	}
	var d settingsData
	name, data, err := adminFile(w, r, "file")
	switch {
	case errors.Is(err, errTooLarge):
		d.Errors = []string{rq.L().F("portal.admin-file-too-large", texts8MB(rq))}
	case err != nil:
		d.Errors = []string{rq.L().T("portal.unreadable-form")}
	case data == nil:
		data = []byte(strings.ReplaceAll(r.PostFormValue("content"), "\r\n", "\n"))
		name = filepath.Base(s.cfg.SettingsFile)
	}
	if d.Errors != nil {
		return s.renderSettings(w, r, rq, http.StatusBadRequest, d)
	}
	d.Text = editable(data)
	if _, err := settings.Parse(data, s.cfg.SettingsFile, rq.lang); err != nil {
		d.Errors = lineErrors(err)
		s.auditLog(r.Context(), rq.user.Email, clientAddr(r), "settings.refused", fmt.Sprintf("%s (%d)", name, len(d.Errors)))
		return s.renderSettings(w, r, rq, http.StatusUnprocessableEntity, d)
	}
	if err := atomicfile.WriteBytes(s.cfg.SettingsFile, data); err != nil {
		return fmt.Errorf("replace the settings file: %w", err)
	}
	sum := sha256.Sum256(data)
	s.auditLog(context.WithoutCancel(r.Context()), rq.user.Email, clientAddr(r), "settings.replace", fmt.Sprintf("%s (sha256 %s)", name, hex.EncodeToString(sum[:6])))
	d.Message = rq.L().T("portal.settings-saved")
	d.Text = ""
	return s.renderSettings(w, r, rq, http.StatusOK, d)
}
