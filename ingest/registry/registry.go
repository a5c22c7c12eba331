// Package registry is the list of institutions expected to answer the
// survey, year by year: the denominator of a response rate, and the way to
// say who has not answered. It is data the ministry keeps (a `;`-separated
// UTF-8 file, header `uai;institution;academie;first_year;last_year;successor`),
// read here, at the bottom of the flow, so that aggregate and report share
// one definition.
package registry

// Entry is one institution expected to answer.
type Entry struct {
	UAI         string
	Institution string
	Academie    string
	// FirstYear and LastYear are ending years (2011-2012 is 2012): the
	// first survey the institution is expected in, and the last; LastYear
	// 0 means it is still expected.
	FirstYear, LastYear int
	// Successor is the UAI of the institution that took over after a
	// merger or a closure ("" otherwise): an answer of this institution
	// after LastYear, or the successor's, counts for the successor.
	Successor string
}

// Expected reports whether the institution is expected to answer for year.
func (e Entry) Expected(year int) bool {
	return year >= e.FirstYear && (e.LastYear == 0 || year <= e.LastYear)
}

// Registry is a whole registry, in file order.
type Registry struct {
	Entries []Entry
}

// Lookup returns the entry of a UAI (as ingest.ParseUAI writes it).
func (r *Registry) Lookup(uai string) (Entry, bool) {
	for _, e := range r.Entries {
		if e.UAI == uai {
			return e, true
		}
	}
	return Entry{}, false
}
