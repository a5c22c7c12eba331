// Package academies is the dictionary of académies (the ministry's regional
// education authorities): their canonical names, codes, synonyms, the years
// they existed, and the départements each covers, by which a UAI tells its
// académie. Like the track dictionary, it is data the ministry can extend
// without a new release: the default is embedded, and a user may pass a
// file of the same shape instead.
//
// Years are survey years, named by the academic year's ending year (2011-2012
// is 2012). Académies merge: Caen and Rouen became Normandie on 1 January
// 2020, so the file gives Caen and Rouen until 2019 and Normandie from 2020,
// and a name written for a year it did not exist is read as the académie
// that covered the UAI's département that year (Normandie in 2012 is Caen or
// Rouen; Caen in 2021 is Normandie).
package academies

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"c2isurvey/ingest/tracks"
)

//go:embed academies.csv
var defaultCSV string

// Academie is one entry of the dictionary.
type Academie struct {
	Code     string
	Name     string   // canonical name, as reports show it
	Synonyms []string // other ways files write it
	// Departements are the UAI département prefixes it covers: the first
	// three characters of a UAI ("075" Paris, "971" Guadeloupe, "620" and
	// "720" Corse).
	Departements []string
	// From and To bound the survey years it existed (ending years; 0 when
	// open).
	From, To int
}

// Exists reports whether the académie existed in the survey year (an ending
// year); year 0 means any year.
func (a Academie) Exists(year int) bool {
	return year == 0 || ((a.From == 0 || year >= a.From) && (a.To == 0 || year <= a.To))
}

// Covers reports whether the académie covers the département of a UAI (its
// first three characters), in any year.
func (a Academie) Covers(uai string) bool {
	if len(uai) < 3 {
		return false
	}
	for _, d := range a.Departements {
		if d == uai[:3] {
			return true
		}
	}
	return false
}

// Dictionary holds the académies in file order and an index of their
// normalised names and synonyms.
type Dictionary struct {
	list   []Academie
	byKey  map[string]int
	byDept map[string][]int // département → académies covering it, in file order
}

// Default returns the dictionary embedded in the program. It is parsed
// once: a Dictionary is never modified after Parse, so one value serves
// every caller and goroutine (ingest asks for it for every file).
func Default() *Dictionary { return defaultDict() }

var defaultDict = sync.OnceValue(func() *Dictionary {
	d, err := Parse(strings.NewReader(defaultCSV))
	if err != nil {
		// The embedded file is part of the program; a test guards it.
		panic("embedded academies.csv: " + err.Error())
	}
	return d
})

// Load reads a dictionary from a file of the same shape as the embedded one.
func Load(path string) (*Dictionary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open académie dictionary: %w", err)
	}
	defer f.Close()
	d, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("académie dictionary %s: %w", path, err)
	}
	return d, nil
}

var wantHeader = []string{"code", "name", "synonyms", "departements", "from", "to"}

// Parse reads a dictionary: UTF-8, ';'-separated, the header
// code;name;synonyms;departements;from;to, synonyms and départements
// separated by '|', from and to ending years or empty. Two académies that
// share a name or synonym are an error, and so are two that cover the same
// département in the same year: a UAI must name one académie.
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
	d := &Dictionary{byKey: map[string]int{}, byDept: map[string][]int{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		a := Academie{Code: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1])}
		if a.Code == "" || a.Name == "" {
			return nil, fmt.Errorf("line %d: code and name are required", line)
		}
		a.Synonyms = split(rec[2])
		a.Departements = split(rec[3])
		for _, dep := range a.Departements {
			if len(dep) != 3 {
				return nil, fmt.Errorf("line %d: département %q is not the three characters that start a UAI", line, dep)
			}
		}
		for i, p := range []*int{&a.From, &a.To} {
			if s := strings.TrimSpace(rec[4+i]); s != "" {
				if *p, err = strconv.Atoi(s); err != nil {
					return nil, fmt.Errorf("line %d: %s %q is not a year", line, wantHeader[4+i], s)
				}
			}
		}
		if a.From != 0 && a.To != 0 && a.To < a.From {
			return nil, fmt.Errorf("line %d: to %d is before from %d", line, a.To, a.From)
		}
		idx := len(d.list)
		for _, name := range append([]string{a.Code, a.Name}, a.Synonyms...) {
			k := Key(name)
			if k == "" {
				continue
			}
			if other, ok := d.byKey[k]; ok && other != idx {
				return nil, fmt.Errorf("line %d: name %q of %q already names %q", line, name, a.Code, d.list[other].Code)
			}
			d.byKey[k] = idx
		}
		for _, dep := range a.Departements {
			for _, other := range d.byDept[dep] {
				if overlap(d.list[other], a) {
					return nil, fmt.Errorf("line %d: département %s is already %q's in the same years", line, dep, d.list[other].Code)
				}
			}
			d.byDept[dep] = append(d.byDept[dep], idx)
		}
		d.list = append(d.list, a)
	}
	if len(d.list) == 0 {
		return nil, errors.New("no académie")
	}
	return d, nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// overlap reports two académies that existed in a common year.
func overlap(a, b Academie) bool {
	lo := func(x Academie) int { return x.From }
	hi := func(x Academie) int {
		if x.To == 0 {
			return 1 << 30
		}
		return x.To
	}
	return lo(a) <= hi(b) && lo(b) <= hi(a)
}

// All returns the académies in file order.
func (d *Dictionary) All() []Academie { return append([]Academie(nil), d.list...) }

// Lookup finds the académie a name written in a file stands for, tolerating
// case, accents, punctuation, spacing and a leading « Académie de »,
// « Rectorat de » or « Région académique ».
func (d *Dictionary) Lookup(name string) (Academie, bool) {
	i, ok := d.byKey[Key(name)]
	if !ok {
		return Academie{}, false
	}
	return d.list[i], true
}

// ForUAI returns the académie that covered a UAI's département in the survey
// year (year 0: the first académie listed for it).
func (d *Dictionary) ForUAI(uai string, year int) (Academie, bool) {
	if len(uai) < 3 {
		return Academie{}, false
	}
	for _, i := range d.byDept[uai[:3]] {
		if d.list[i].Exists(year) {
			return d.list[i], true
		}
	}
	return Academie{}, false
}

// prefixes are the words put before an académie's name; Key drops them.
var prefixes = []string{"academie de la ", "academie de ", "academie d ", "academie ", "rectorat de l ", "rectorat de la ", "rectorat de ", "rectorat d ", "region academique ", "vice rectorat de ", "ac "}

// Key reduces an académie name to the form under which names are compared:
// the track dictionary's key (case, accents, punctuation, spaces), without
// a leading « Académie de » and the like.
func Key(s string) string {
	k := tracks.Key(s)
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			return rest
		}
	}
	return k
}
