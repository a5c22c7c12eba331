package aggregate

import "fmt"

// Default thresholds of the small-count rule (issue 7, item 5). They are
// defined here and only here: the PDF, the workbook, compare.csv's fragile
// flag and the methods note all read them through SmallCounts, so that a
// rate is judged the same way in every table and every year.
const (
	// DefaultFragile: a rate on fewer students is flagged fragile.
	DefaultFragile = 30
	// DefaultSuppress: a rate on fewer students is not published at
	// institution level (the counts still are).
	DefaultSuppress = 10
)

// SmallCounts are the thresholds, in students, below which a success rate
// is fragile (shown with a caution) or not published at institution level.
// A rate on 9 students moves by 11 points when one student more or less
// succeeds; its 95 % interval is some 60 points wide: printed beside a rate
// on 26,000 students, it reads as a finding when it is noise.
//
// Why suppression is not secondary (docs/small-counts.md): the counts of an
// institution stay published, so its rate is never secret — anyone divides
// the two. What the rule withholds is the rate as a published figure, not
// information; subtracting the other institutions from an académie or the
// national total gives back only counts already in the row. A complementary
// suppression would hide sound rates and protect nothing.
type SmallCounts struct {
	Fragile  int64 // a rate on fewer students is fragile
	Suppress int64 // a rate on fewer students is not published at institution level
}

// DefaultSmallCounts returns the thresholds the issue sets: fragile below
// 30 students, not published below 10.
func DefaultSmallCounts() SmallCounts {
	return SmallCounts{Fragile: DefaultFragile, Suppress: DefaultSuppress}
}

// Validate reports thresholds that cannot work together: negative ones, or
// a suppression threshold above the fragile one (a rate would be hidden
// without ever having been fragile).
func (s SmallCounts) Validate() error {
	if s.Fragile < 0 || s.Suppress < 0 {
		return fmt.Errorf("small counts: thresholds must not be negative (fragile %d, suppress %d)", s.Fragile, s.Suppress)
	}
	if s.Suppress > s.Fragile {
		return fmt.Errorf("small counts: the suppression threshold (%d) is above the fragile one (%d)", s.Suppress, s.Fragile)
	}
	return nil
}

// RateStatus says how a rate on a number of students is shown.
type RateStatus uint8

const (
	// RateShown: enough students, the rate is published as it is.
	RateShown RateStatus = iota
	// RateFragile: published, with a caution.
	RateFragile
	// RateSuppressed: not published at institution level; the counts are.
	RateSuppressed
	// RateNone: no student, there is no rate at all (n.d. as always).
	RateNone
)

// Status returns how a rate computed on students students is shown.
func (s SmallCounts) Status(students int64) RateStatus {
	switch {
	case students <= 0:
		return RateNone
	case students < s.Suppress:
		return RateSuppressed
	case students < s.Fragile:
		return RateFragile
	}
	return RateShown
}

// IsFragile reports whether a rate on students students is fragile: fewer
// than Fragile, nobody included (a rate on nobody is the least sure of all;
// compare.csv writes it true).
func (s SmallCounts) IsFragile(students int64) bool { return students < s.Fragile }

// IsSuppressed reports whether a rate on students students is withheld at
// institution level. A rate on nobody does not exist and is not "withheld".
func (s SmallCounts) IsSuppressed(students int64) bool {
	return students > 0 && students < s.Suppress
}
