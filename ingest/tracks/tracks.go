// Package tracks is the dictionary of survey tracks (parcours): their codes,
// French and English labels, synonyms and groups. It is data the ministry can
// extend without a new release: the default is embedded, and a user may pass
// a file of the same shape instead.
package tracks

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed tracks.csv
var defaultCSV string

// Track is one entry of the dictionary.
type Track struct {
	Code     string
	LabelFR  string
	LabelEN  string
	Group    string // group code, e.g. "formation-continue"
	GroupFR  string
	GroupEN  string
	Synonyms []string
}

// Label returns the track's label in lang ("en" for English, French otherwise).
func (t Track) Label(lang string) string {
	if lang == "en" {
		return t.LabelEN
	}
	return t.LabelFR
}

// GroupLabel returns the track group's label in lang.
func (t Track) GroupLabel(lang string) string {
	if lang == "en" {
		return t.GroupEN
	}
	return t.GroupFR
}

// Dictionary holds the tracks in their file order (the order reports use) and
// an index of every normalised label and synonym.
type Dictionary struct {
	tracks []Track
	byCode map[string]int
	byKey  map[string]int
}

// Default returns the dictionary embedded in the program.
func Default() *Dictionary {
	d, err := Parse(strings.NewReader(defaultCSV))
	if err != nil {
		// The embedded file is part of the program; a test guards it.
		panic("embedded tracks.csv: " + err.Error())
	}
	return d
}

// Load reads a dictionary from a file of the same shape as the embedded one.
func Load(path string) (*Dictionary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open track dictionary: %w", err)
	}
	defer f.Close()
	d, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("track dictionary %s: %w", path, err)
	}
	return d, nil
}

var wantHeader = []string{"code", "label_fr", "label_en", "group", "group_fr", "group_en", "synonyms"}

// Parse reads a dictionary: UTF-8, ';'-separated, the header
// code;label_fr;label_en;group;group_fr;group_en;synonyms, synonyms separated
// by '|'. Two entries that share a label or synonym are an error, since a
// label must name one track only.
func Parse(r io.Reader) (*Dictionary, error) {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.FieldsPerRecord = len(wantHeader)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	for i, h := range header {
		if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) != wantHeader[i] {
			return nil, fmt.Errorf("header: column %d is %q, want %q", i+1, h, wantHeader[i])
		}
	}
	d := &Dictionary{byCode: map[string]int{}, byKey: map[string]int{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		t := Track{
			Code: strings.TrimSpace(rec[0]), LabelFR: strings.TrimSpace(rec[1]), LabelEN: strings.TrimSpace(rec[2]),
			Group: strings.TrimSpace(rec[3]), GroupFR: strings.TrimSpace(rec[4]), GroupEN: strings.TrimSpace(rec[5]),
		}
		if t.Code == "" || t.LabelFR == "" || t.Group == "" {
			return nil, fmt.Errorf("line %d: code, label_fr and group are required", line)
		}
		if t.LabelEN == "" {
			t.LabelEN = t.LabelFR
		}
		if t.GroupFR == "" {
			t.GroupFR = t.Group
		}
		if t.GroupEN == "" {
			t.GroupEN = t.GroupFR
		}
		for _, s := range strings.Split(rec[6], "|") {
			if s = strings.TrimSpace(s); s != "" {
				t.Synonyms = append(t.Synonyms, s)
			}
		}
		if _, dup := d.byCode[t.Code]; dup {
			return nil, fmt.Errorf("line %d: code %q appears twice", line, t.Code)
		}
		idx := len(d.tracks)
		d.byCode[t.Code] = idx
		for _, label := range append([]string{t.Code, t.LabelFR, t.LabelEN}, t.Synonyms...) {
			k := Key(label)
			if k == "" {
				continue
			}
			if other, ok := d.byKey[k]; ok && other != idx {
				return nil, fmt.Errorf("line %d: label %q of %q already names track %q", line, label, t.Code, d.tracks[other].Code)
			}
			d.byKey[k] = idx
		}
		d.tracks = append(d.tracks, t)
	}
	if len(d.tracks) == 0 {
		return nil, errors.New("no track")
	}
	return d, nil
}

// Tracks returns the tracks in dictionary order.
func (d *Dictionary) Tracks() []Track { return append([]Track(nil), d.tracks...) }

// Len returns the number of tracks of d.
func (d *Dictionary) Len() int { return len(d.tracks) }

// ByCode returns the track with the given code.
func (d *Dictionary) ByCode(code string) (Track, bool) {
	i, ok := d.byCode[code]
	if !ok {
		return Track{}, false
	}
	return d.tracks[i], true
}

// Order returns the position of a track code in the dictionary, or the number
// of tracks for an unknown code, so that sorting by it puts unknowns last.
func (d *Dictionary) Order(code string) int {
	if i, ok := d.byCode[code]; ok {
		return i
	}
	return len(d.tracks)
}

// Lookup finds the track a label written in a file stands for, tolerating
// case, accents, punctuation, spacing, line breaks and plurals.
func (d *Dictionary) Lookup(label string) (Track, bool) {
	var buf [128]byte // a lookup by the key's bytes allocates nothing
	i, ok := d.byKey[string(AppendKey(buf[:0], label))]
	if !ok {
		return Track{}, false
	}
	return d.tracks[i], true
}

// Key reduces a label to the form under which labels are compared: accents
// removed, lower case, punctuation and any run of spaces (no-break spaces and
// line breaks included) as a single space, and a plural "s" or "x" dropped
// from every word longer than three letters.
func Key(s string) string {
	var arr [128]byte
	return string(AppendKey(arr[:0], s))
}

// AppendKey appends the key of s (Key) to dst: a caller that only compares
// keys makes them without an allocation.
func AppendKey(dst []byte, s string) []byte {
	// One pass into a byte buffer: words are cut as they end, a plural
	// dropped, one space between two. (strings.Fields and Join over a
	// builder cost five allocations a label; labels are keyed on every
	// row of every file.)
	k := keyBuf{b: dst, start: len(dst)}
	var dec [16]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, nearly every character of a survey: no decomposition.
			k.ascii(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		var enc [utf8.UTFMax]byte
		m := utf8.EncodeRune(enc[:], r)
		// The table's decomposition, without norm's buffers (an accented
		// letter of Latin-1 is most non-ASCII characters of a survey);
		// Hangul syllables are decomposed by rule, not by the table.
		var d []byte
		if r >= 0xAC00 && r <= 0xD7A3 {
			d = norm.NFD.Append(dec[:0], enc[:m]...)
		} else if d = norm.NFD.Properties(enc[:m]).Decomposition(); d == nil {
			d = enc[:m]
		}
		for _, c := range string(d) {
			k.rune(c)
		}
	}
	k.endWord()
	return k.b
}

// keyBuf builds a key: b holds the words ended so far, one space between
// two, and the word being read after them from word on.
type keyBuf struct {
	b      []byte
	start  int  // where the key starts in b (AppendKey's dst before it)
	word   int  // start of the current word in b
	inWord bool // a word is being read
}

func (k *keyBuf) ascii(c byte) {
	switch {
	case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		k.letter()
		k.b = append(k.b, c)
	case 'A' <= c && c <= 'Z':
		k.letter()
		k.b = append(k.b, c+'a'-'A')
	default:
		k.endWord()
	}
}

// rune is keyRune for one decomposed rune.
func (k *keyBuf) rune(r rune) {
	if r < utf8.RuneSelf {
		k.ascii(byte(r))
		return
	}
	switch {
	case unicode.Is(unicode.Mn, r):
		// a combining accent: dropped (and not the end of a word)
	case r == 'œ' || r == 'Œ':
		k.letter()
		k.b = append(k.b, "oe"...)
	case r == 'æ' || r == 'Æ':
		k.letter()
		k.b = append(k.b, "ae"...)
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		k.letter()
		k.b = utf8.AppendRune(k.b, unicode.ToLower(r))
	default:
		k.endWord()
	}
}

// letter starts a word if none is being read.
func (k *keyBuf) letter() {
	if k.inWord {
		return
	}
	if len(k.b) > k.start {
		k.b = append(k.b, ' ')
	}
	k.word, k.inWord = len(k.b), true
}

// endWord ends the word being read, dropping its plural mark.
func (k *keyBuf) endWord() {
	if !k.inWord {
		return
	}
	if w := k.b[k.word:]; len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'x') {
		k.b = k.b[:len(k.b)-1]
	}
	k.inWord = false
}
