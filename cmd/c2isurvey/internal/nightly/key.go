package nightly

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/store"
	"c2isurvey/report"
)

// stateName is the note, in the reports folder, of the last reports a run
// published and the key they were drawn from (docs/service.md). It is
// hidden: staff browsing reports/ see the runs' folders only.
const stateName = ".published.json"

// keyFormat changes when what the key covers changes: every old key is
// then different, and the next run redraws.
const keyFormat = "c2isurvey nightly key 1"

// published is the content of stateName.
type published struct {
	Run    int64  `json:"run"`
	Folder string `json:"folder"` // the run's folder under reports/
	Key    string `json:"key"`
	// DataKey is the key without the editions (keys): publish compares it.
	DataKey string `json:"data_key,omitempty"`
	// Files are the published files (relative, slash-separated) and their
	// sizes, to see that the folder is still whole.
	Files map[string]int64 `json:"files"`
	// Outputs are the keys of the yearly reports and the SHA-256 of their
	// bytes, for the next run to take those whose data did not change
	// (report.Reuse).
	Outputs map[string]report.Drawn `json:"outputs,omitempty"`
}

// earlier is the publication a run may take unchanged yearly reports from.
type earlier struct {
	run   int64
	reuse *report.Reuse
}

// reuse returns what a run may take from the reports last published: their
// folder and the keys they were drawn from, with this build's name; a
// Reuse that copies nothing when there are none, or when the build cannot
// be named (its outputs are still keyed for the next run only with a name).
// Each report taken is checked against the SHA-256 it was drawn with, so a
// folder edited or damaged since costs a drawing, never a wrong report.
func (s *Service) reuse(d inbox.Dirs) earlier {
	version := s.cfg.Version
	if version == "" {
		version = BuildVersion()
	}
	e := earlier{reuse: &report.Reuse{Salt: version}}
	b, err := os.ReadFile(filepath.Join(d.Reports, stateName))
	if err != nil {
		return e
	}
	var p published
	if err := json.Unmarshal(b, &p); err != nil || p.Folder != runFolder(p.Run) || len(p.Outputs) == 0 {
		return e
	}
	e.run, e.reuse.From, e.reuse.Drawn = p.Run, filepath.Join(d.Reports, p.Folder), p.Outputs
	return e
}

// keys returns the key, the digest of everything the reports are drawn
// from: the store's record (store.Fingerprint), the registry's bytes, the
// settings (language, dictionaries, reading limits, the last plausible
// year, Config.Settings), the editions published and the program's build
// (same key, same reports); and the data key, the same digest without the
// editions. Same data key, same figures drawn the same way: what publish
// checks before it draws an edition's documents again (Drawn), an edition
// published since changing only its own year's reports. Both are "" when
// the build cannot be named.
func (s *Service) keys(ctx context.Context, st *store.Store, registry []byte) (key, dataKey string, err error) {
	fp, err := st.Fingerprint(ctx)
	if err != nil {
		return "", "", err
	}
	version := s.cfg.Version
	if version == "" {
		version = BuildVersion()
	}
	if version == "" {
		return "", "", nil // a build that cannot be named always redraws
	}
	hk, hd := sha256.New(), sha256.New()
	h := io.MultiWriter(hk, hd)
	o := s.cfg.Options
	field := func(name string, v any) { fmt.Fprintf(h, "%s=%+v\x1e", name, v) }
	field("format", keyFormat)
	field("version", version)
	field("store", fp)
	field("lang", o.Lang)
	field("maxyear", o.MaxYear)
	field("limits", o.Limits)
	if o.Tracks != nil {
		field("tracks", o.Tracks.Tracks())
	}
	if o.Academies != nil {
		field("academies", o.Academies.All())
	}
	field("registry", len(registry))
	h.Write(registry)
	// A published edition changes the reports (the revisions since it, the
	// edition named on the cover) with no new file: publish may run from
	// the command line between two nights.
	fmt.Fprintf(hk, "%s=%+v\x1e", "editions", editionsList(filepath.Join(s.dirs.Reports, "editions")))
	field("settings", settingsKey(s.cfg.SettingsFile, o.Lang))
	for i, x := range s.cfg.Settings {
		field(fmt.Sprint("setting", i), len(x))
		io.WriteString(h, x)
	}
	return hex.EncodeToString(hk.Sum(nil)), hex.EncodeToString(hd.Sum(nil)), nil
}

// settingsKey is what the reports take from the settings file at path: its
// bytes and its logo's (the logo is read from its own file). A file that
// cannot be read or is refused gives its error, so that correcting it
// redraws.
func settingsKey(path, lang string) string {
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		return "unreadable: " + err.Error()
	}
	sum := sha256.Sum256(b)
	set, err := settings.Load(path, lang)
	if err != nil {
		return hex.EncodeToString(sum[:]) + " refused: " + err.Error()
	}
	logo := sha256.Sum256(set.Logo)
	return hex.EncodeToString(sum[:]) + " logo " + hex.EncodeToString(logo[:])
}

// editionsList names the editions published under dir (year/N folders),
// sorted; an unreadable folder names itself, so that it redraws.
func editionsList(dir string) []string {
	years, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return []string{"unreadable: " + err.Error()}
	}
	var out []string
	for _, y := range years {
		if !y.IsDir() {
			continue
		}
		eds, err := os.ReadDir(filepath.Join(dir, y.Name()))
		if err != nil {
			out = append(out, y.Name()+"/unreadable")
			continue
		}
		for _, e := range eds {
			out = append(out, y.Name()+"/"+e.Name())
		}
	}
	return out // os.ReadDir sorts by name
}

// unchanged says whether the reports latest points at can stand for run
// id's: they were drawn from the same key, the run before id ended well
// (a failed or interrupted run always redraws after it), latest points at
// them and their folder is whole.
func unchanged(ctx context.Context, st *store.Store, d inbox.Dirs, id int64, key string) (published, bool) {
	b, err := os.ReadFile(filepath.Join(d.Reports, stateName))
	if err != nil {
		return published{}, false
	}
	var p published
	if err := json.Unmarshal(b, &p); err != nil || p.Key != key || p.Folder != runFolder(p.Run) {
		return published{}, false
	}
	runs, err := st.Runs(ctx, 2)
	if err != nil || len(runs) < 2 || runs[0].ID != id || runs[1].Outcome != store.OutcomeOK {
		return published{}, false
	}
	if target, err := os.Readlink(filepath.Join(d.Reports, report.LatestName)); err != nil || filepath.Base(target) != p.Folder {
		return published{}, false
	}
	folder := filepath.Join(d.Reports, p.Folder)
	if _, err := os.Lstat(filepath.Join(folder, report.IncompleteName)); err == nil {
		return published{}, false
	}
	files, err := listFiles(folder)
	if err != nil || len(files) == 0 || !sameFiles(files, p.Files) {
		return published{}, false
	}
	p.Folder = folder
	return p, true
}

// Drawn returns the run whose reports reports/latest holds and their
// folder when they are what a run of cfg would draw now from the store st
// (same data key: the same record, registry, settings, options and
// program; editions published since aside), and their folder is whole.
// That run may be older than the latest: a run that found nothing new
// kept its reports. ok is false when latest's reports differ from what
// cfg's runs would draw or cannot be told to be the same; with a build
// that cannot be named (no key), latest's reports are taken for the
// latest run's when latest points at that run's folder.
func Drawn(ctx context.Context, cfg Config, st *store.Store) (run int64, folder string, ok bool, err error) {
	s := &Service{cfg: cfg, dirs: inbox.Layout(cfg.Dir)}
	d := s.dirs
	_, regBytes, _ := loadRegistry(cfg)
	_, dataKey, err := s.keys(ctx, st, regBytes)
	if err != nil {
		return 0, "", false, err
	}
	target, err := os.Readlink(filepath.Join(d.Reports, report.LatestName))
	if err != nil {
		return 0, "", false, nil
	}
	target = filepath.Base(target)
	if _, err := os.Lstat(filepath.Join(d.Reports, target, report.IncompleteName)); err == nil {
		return 0, "", false, nil
	}
	if dataKey == "" {
		runs, err := st.Runs(ctx, 1)
		if err != nil || len(runs) == 0 || target != runFolder(runs[0].ID) {
			return 0, "", false, err
		}
		return runs[0].ID, target, true, nil
	}
	b, err := os.ReadFile(filepath.Join(d.Reports, stateName))
	if err != nil {
		return 0, "", false, nil
	}
	var p published
	if err := json.Unmarshal(b, &p); err != nil || p.DataKey != dataKey || p.Folder != target || p.Folder != runFolder(p.Run) {
		return 0, "", false, nil
	}
	files, err := listFiles(filepath.Join(d.Reports, p.Folder))
	if err != nil || len(files) == 0 || !sameFiles(files, p.Files) {
		return 0, "", false, nil
	}
	return p.Run, p.Folder, true, nil
}

// writeState records the reports just published and their key. It is
// written after latest moved: a process killed in between leaves the note
// of older reports, which latest no longer points at, so the next run
// redraws. An error is returned for the record only: the reports stand.
func writeState(d inbox.Dirs, p published) error {
	files, err := listFiles(filepath.Join(d.Reports, p.Folder))
	if err != nil {
		return err
	}
	p.Files = files
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(filepath.Join(d.Reports, stateName), append(b, '\n'))
}

// listFiles lists the regular files under dir with their sizes.
func listFiles(dir string) (map[string]int64, error) {
	files := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = info.Size()
		return nil
	})
	return files, err
}

// sameFiles says whether two listings name the same files of the same
// sizes.
func sameFiles(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if m, ok := b[k]; !ok || m != n {
			return false
		}
	}
	return true
}

// BuildVersion names this build of the program for the key of the
// reports: the module version and the commit it was built from; a build
// from a modified tree, or without that information (go run, go test),
// is named by the hash of its executable, so that any change of the
// program redraws. "" when it cannot be named.
func BuildVersion() string {
	v := ""
	rev, modified := "", true
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Version + " " + bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if rev != "" && !modified {
		return v + " " + rev
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return v + " " + rev + " " + hex.EncodeToString(h.Sum(nil))
}
