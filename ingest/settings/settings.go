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
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
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
	if lang == "en" && s.MinistryEN != "" {
		return s.MinistryEN
	}
	return s.Ministry
}

// ServiceIn is the service's name in lang, as MinistryIn.
func (s *Settings) ServiceIn(lang string) string {
	if lang == "en" && s.ServiceEN != "" {
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
		return fmt.Sprintf(pick(e.lang, "fichier de paramètres %s : %s", "settings file %s: %s"), e.File, e.Msg)
	}
	return fmt.Sprintf(pick(e.lang, "fichier de paramètres %s, ligne %d : %s", "settings file %s, line %d: %s"), e.File, e.Line, e.Msg)
}

func pick(lang, fr, en string) string {
	if lang == "en" {
		return en
	}
	return fr
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
		return fmt.Sprintf(pick(lang, "« %s » n'est pas un nombre d'étudiants : écrivez un nombre entier positif, par exemple 30",
			"%q is not a number of students: write a whole positive number, for instance 30"), v)
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
		return fmt.Sprintf(pick(lang, "le logo %s est introuvable ou illisible : donnez le chemin d'une image PNG (relatif au dossier du fichier de paramètres), ou supprimez la ligne",
			"the logo %s cannot be found or read: give the path of a PNG image (relative to the settings file's folder), or remove the line"), v)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return fmt.Sprintf(pick(lang, "le logo %s est illisible (%v)", "the logo %s cannot be read (%v)"), v, err)
	}
	if len(data) > MaxLogoBytes {
		return fmt.Sprintf(pick(lang, "le logo %s pèse plus de %d Mo : enregistrez-le en plus petit (1 000 pixels de large suffisent)",
			"the logo %s is larger than %d MB: save it smaller (1,000 pixels wide is enough)"), v, MaxLogoBytes>>20)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Sprintf(pick(lang, "le logo %s n'est pas une image PNG : enregistrez-le au format PNG (les autres formats ne sont pas acceptés)",
			"the logo %s is not a PNG image: save it as PNG (other formats are not accepted)"), v)
	}
	if cfg.Width > MaxLogoPixels || cfg.Height > MaxLogoPixels || cfg.Width == 0 || cfg.Height == 0 {
		return fmt.Sprintf(pick(lang, "le logo %s mesure %d × %d pixels : réduisez-le à %d pixels au plus de côté",
			"the logo %s is %d × %d pixels: reduce it to at most %d pixels a side"), v, cfg.Width, cfg.Height, MaxLogoPixels)
	}
	// A complete decode catches a file cut short after its header, which
	// would otherwise make the report fail.
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Sprintf(pick(lang, "le logo %s est une image PNG abîmée (%v) : enregistrez-le de nouveau",
			"the logo %s is a damaged PNG image (%v): save it again"), v, err)
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
		return nil, &Error{File: path, lang: lang, Msg: pick(lang, "impossible de l'ouvrir ("+err.Error()+")", "cannot open it ("+err.Error()+")")}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &Error{File: path, lang: lang, Msg: err.Error()}
	}
	if len(data) > maxFileSize {
		return nil, &Error{File: path, lang: lang, Msg: pick(lang, "le fichier est trop gros pour un fichier de paramètres (plus de 64 Ko) : vérifiez que c'est le bon fichier",
			"the file is too large for a settings file (over 64 KB): check it is the right file")}
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
			fail(line, pick(lang, "une ligne s'écrit « clé = valeur » (ou commence par # pour un commentaire)",
				"a line reads “key = value” (or starts with # for a comment)"))
			continue
		}
		k := normalise(name)
		value = strings.TrimSpace(value)
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
		}
		if utf8.RuneCountInString(value) > maxValueLen {
			fail(line, fmt.Sprintf(pick(lang, "la valeur de « %s » est trop longue (plus de %d caractères)",
				"the value of “%s” is too long (over %d characters)"), strings.TrimSpace(name), maxValueLen))
			continue
		}
		idx := -1
		for i, kk := range keys {
			if kk.name == k {
				idx = i
			}
		}
		if idx < 0 {
			fail(line, fmt.Sprintf(pick(lang, "clé inconnue « %s » : les clés possibles sont %s",
				"unknown key “%s”: the keys are %s"), strings.TrimSpace(name), keyList()))
			continue
		}
		if first, dup := seen[k]; dup {
			fail(line, fmt.Sprintf(pick(lang, "« %s » est déjà donnée ligne %d : gardez une seule des deux lignes",
				"“%s” is already given on line %d: keep only one of the two lines"), k, first))
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
		fail(seen["seuil_non_publie"], fmt.Sprintf(pick(lang, "le seuil de non-publication (%d) dépasse le seuil de fragilité (%d) : il doit lui être inférieur ou égal",
			"the suppression threshold (%d) is above the fragile threshold (%d): it must be at most equal to it"), s.Suppress, s.Fragile))
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
