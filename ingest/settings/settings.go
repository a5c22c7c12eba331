// Package settings reads the publication settings: who publishes the
// survey (ministry, service, contact), an optional logo for the report's
// cover, and the small-count thresholds. They sit in a small text file of
// the data folder (FileName), one « clé = valeur » per line, that staff edit
// by hand in Notepad; docs/settings.md has the format and an example.
//
// Every stage reads this vocabulary (the reports print it, the thresholds
// judge rates), so it lives in ingest, beside the tracks and académies.
package settings

import (
	"bufio"
	"bytes"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"c2isurvey/ingest/texts"
)

// FileName is the settings file of a data folder.
const FileName = "settings.txt"

// Limits on what the file may hold. A settings file is a few lines; a logo
// printed 40 mm wide needs no more than a thousand pixels, and a bigger one
// would swell every report.
const (
	maxFileSize   = 64 << 10
	maxValueLen   = 300
	MaxLogoBytes  = 2 << 20
	MaxLogoPixels = 4000
)

// Default thresholds of the small-count rule, the same as
// aggregate.DefaultFragile and aggregate.DefaultSuppress (ingest cannot
// import aggregate; a test in report checks that they agree).
const (
	DefaultFragile  = 30
	DefaultSuppress = 10
)

// Settings are the publication settings. The zero value is not meant to be
// used: Default gives the settings that serve when there is no file.
type Settings struct {
	// File is the file read, "" for the defaults.
	File string
	// Ministry and Service name the publisher, in French and, when the
	// file gives them (ministere_en, service_en), in English; see
	// MinistryIn and ServiceIn.
	Ministry, MinistryEN string
	Service, ServiceEN   string
	// Contact is an e-mail or postal address, printed as written ("" for
	// none).
	Contact string
	// Logo is a PNG image for the report's cover (nil for none), read and
	// checked when the file was read, so that a report never fails on it.
	Logo []byte
	// Fragile and Suppress are the small-count thresholds, in students:
	// a rate on fewer is fragile, on fewer still not published at
	// institution level (docs/small-counts.md).
	Fragile, Suppress int64
}

// Default returns the settings that serve when there is no file.
func Default() *Settings {
	return &Settings{
		Ministry:   "ministère de l’Éducation nationale",
		MinistryEN: "French Ministry of Education",
		Service:    "service statistique",
		ServiceEN:  "Statistics department",
		Fragile:    DefaultFragile,
		Suppress:   DefaultSuppress,
	}
}

// MinistryIn is the ministry's name in lang ("en" or French): the English
// name when there is one, else the French one, a proper name.
func (s *Settings) MinistryIn(lang string) string {
	if texts.Lang(lang).English() && s.MinistryEN != "" {
		return s.MinistryEN
	}
	return s.Ministry
}

// ServiceIn is the service's name in lang, as MinistryIn.
func (s *Settings) ServiceIn(lang string) string {
	if texts.Lang(lang).English() && s.ServiceEN != "" {
		return s.ServiceEN
	}
	return s.Service
}

// Error is a fault in a settings file: the file, the line (0 for the file
// as a whole) and what to do, in the language asked for.
type Error struct {
	File string
	Line int
	Msg  string
	lang string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return texts.Lang(e.lang).F("settings.error.file", e.File, e.Msg)
	}
	return texts.Lang(e.lang).F("settings.error.line", e.File, e.Line, e.Msg)
}

// key is a key of the file with its French name (the one documented) and
// where its value goes.
type key struct {
	name string
	set  func(s *Settings, v string, lang, dir string) string // returns a problem, "" when fine
}

// keys are the keys the file may hold. The names are ASCII so that a
// keyboard without accents types them; accented spellings are accepted too
// (normalise).
var keys = []key{
	{"ministere", func(s *Settings, v, _, _ string) string { s.Ministry, s.MinistryEN = v, ""; return "" }},
	{"ministere_en", func(s *Settings, v, _, _ string) string { s.MinistryEN = v; return "" }},
	{"service", func(s *Settings, v, _, _ string) string { s.Service, s.ServiceEN = v, ""; return "" }},
	{"service_en", func(s *Settings, v, _, _ string) string { s.ServiceEN = v; return "" }},
	{"contact", func(s *Settings, v, _, _ string) string { s.Contact = v; return "" }},
	{"logo", func(s *Settings, v, lang, dir string) string { return s.setLogo(v, lang, dir) }},
	{"seuil_fragile", func(s *Settings, v, lang, _ string) string { return setCount(&s.Fragile, v, lang) }},
	{"seuil_non_publie", func(s *Settings, v, lang, _ string) string { return setCount(&s.Suppress, v, lang) }},
}

// normalise turns a key as typed into its documented name: lower case,
// accents off, spaces and hyphens as underscores.
func normalise(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	return strings.NewReplacer("é", "e", "è", "e", "ê", "e", " ", "_", "-", "_").Replace(k)
}

func setCount(dst *int64, v, lang string) string {
	n, err := strconv.ParseInt(strings.ReplaceAll(v, " ", ""), 10, 64)
	if err != nil || n < 0 || n > 1_000_000 {
		return texts.Lang(lang).F("settings.not-a-count", v)
	}
	*dst = n
	return ""
}

// setLogo reads the logo, a PNG file named relative to the settings file's
// folder, and checks it is one the cover can draw.
func (s *Settings) setLogo(v, lang, dir string) string {
	if v == "" {
		s.Logo = nil
		return ""
	}
	path := v
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return texts.Lang(lang).F("settings.logo.missing", v)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return texts.Lang(lang).F("settings.logo.unreadable", v, err)
	}
	if len(data) > MaxLogoBytes {
		return texts.Lang(lang).F("settings.logo.too-heavy", v, MaxLogoBytes>>20)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return texts.Lang(lang).F("settings.logo.not-png", v)
	}
	if cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels || cfg.Width == 0 || cfg.Height == 0 {
		return texts.Lang(lang).F("settings.logo.too-large", v, cfg.Width, cfg.Height, MaxLogoPixels)
	}
	// A complete decode catches a file cut short after its header, which
	// would otherwise make the report fail.
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		return texts.Lang(lang).F("settings.logo.damaged", v, err)
	}
	s.Logo = data
	return ""
}

// Load reads the settings file at path, with lang ("en" or French) the
// language of its errors. Keys the file does not give keep their default.
// Every problem of the file is reported at once, joined, each naming the
// file and the line.
func Load(path, lang string) (*Settings, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, lang: lang, Msg: texts.Lang(lang).F("settings.cannot-open", err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, lang: lang, Msg: err.Error()}
	}
	if len(data) > maxFileSize {
		return nil, &Error{File: path, lang: lang, Msg: texts.Lang(lang).T("settings.too-large")}
	}
	return Parse(data, path, lang)
}

// Parse reads settings from data; file names it in errors and its folder
// is where a relative logo path starts.
func Parse(data []byte, file, lang string) (*Settings, error) {
	s := Default()
	s.File = file
	dir := filepath.Dir(file)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Notepad's byte order mark
	var errs []error
	fail := func(line int, msg string) { errs = append(errs, &Error{File: file, Line: line, Msg: msg, lang: lang}) }
	if !utf8.Valid(data) {
		// Notepad before 2019 saved in Windows-1252 by default: the only
		// non-ASCII bytes then are accented letters, which Latin-1 maps.
		data = latin1ToUTF8(data)
	}
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxFileSize+1)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, ";") {
			continue
		}
		name, value, ok := strings.Cut(text, "=")
		if !ok {
			fail(line, texts.Lang(lang).T("settings.no-equals"))
			continue
		}
		k := normalise(name)
		value = strings.TrimSpace(value)
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
		}
		if utf8.RuneCountInString(value) > maxValueLen {
			fail(line, texts.Lang(lang).F("settings.value-too-long", strings.TrimSpace(name), maxValueLen))
			continue
		}
		idx := -1
		for i, kk := range keys {
			if kk.name == k {
				idx = i
			}
		}
		if idx < 0 {
			fail(line, texts.Lang(lang).F("settings.unknown-key", strings.TrimSpace(name), keyList()))
			continue
		}
		if first, dup := seen[k]; dup {
			fail(line, texts.Lang(lang).F("settings.twice", k, first))
			continue
		}
		seen[k] = line
		if msg := keys[idx].set(s, value, lang, dir); msg != "" {
			fail(line, msg)
		}
	}
	if err := sc.Err(); err != nil {
		fail(line+1, err.Error())
	}
	if len(errs) == 0 && s.Suppress > s.Fragile {
		fail(seen["seuil_non_publie"], texts.Lang(lang).F("settings.suppress-above-fragile", s.Suppress, s.Fragile))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func keyList() string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// Find returns the settings of a data folder: its FileName when there is
// one, the defaults otherwise.
func Find(dataDir, lang string) (*Settings, error) {
	path := filepath.Join(dataDir, FileName)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return Default(), nil
	}
	return Load(path, lang)
}
