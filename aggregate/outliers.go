package aggregate

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest/tracks"
)

// Outliers are figures for staff to check before publication, never
// published as such (issue 7, item 6; docs/outliers.md). Three kinds:
//
//   - success_rate: an institution's success rate outside the funnel limits
//     of its year, p ± FunnelZ·√(p(1−p)/n) around the national rate p of
//     that year, for n ≥ FunnelMinStudents students (Spiegelhalter's funnel
//     plot, 99.8 % limits);
//   - students, certificates: a count that changed by more than a factor
//     ChangeFactor up or down from the institution's previous answer (the
//     latest earlier year it answered), both counts at least ChangeMinCount;
//   - track: a track the institution reported (with at least one student)
//     in every year it answered before, at least TrackMinYears of them, and
//     not this year.
const (
	MeasureSuccessRate = "success_rate"
	MeasureStudents    = "students"
	MeasureCerts       = "certificates"
	MeasureTrack       = "track"

	// FunnelZ is the normal quantile of the 99.8 % funnel limits.
	FunnelZ = 3.09
	// FunnelMinStudents: below it, an institution's rate is not checked
	// against the funnel (the limits span almost 0 to 100 %).
	FunnelMinStudents = 10
	// ChangeFactor: a count more than this many times, or less than its
	// inverse, the previous answer's is flagged. Exactly twice is not.
	ChangeFactor = 2
	// ChangeMinCount: both counts must be at least this for a change to be
	// flagged; from 3 to 7 students is no news.
	ChangeMinCount = 30
	// TrackMinYears: the previous years, at least, in which the institution
	// must have reported the track.
	TrackMinYears = 2
)

// Column names of the outlier table beyond those of schema.go (its
// expected value is ColExpected, shared with the completeness table).
const (
	ColMeasure = "measure"
	ColValue   = "value"
	ColLow     = "low"
	ColHigh    = "high"
)

// OutlierSchema: one row per figure to check. value is this year's figure
// (a fraction for success_rate, a count for students and certificates, null
// for a track); expected is the national rate or the previous answer's
// count (null for a track); low and high are the funnel limits (clipped to
// 0 and 1) or the previous count halved and doubled. track is the missing
// track's code for measure track, "" otherwise. The source columns name
// this year's file and sheet of the institution and its students cells
// ("; "-separated, those with at least one student; empty for a track: it
// has no row).
var OutlierSchema = arrow.NewSchema([]arrow.Field{
	field(ColYear, i32, false), field(ColUAI, str, false), field(ColInstitution, str, false),
	field(ColMeasure, str, false), field(ColTrack, str, false),
	field(ColValue, f64, true), field(ColExpected, f64, true), field(ColLow, f64, true), field(ColHigh, f64, true),
	field(ColSourceFile, str, false), field(ColSourceSheet, str, false), field(ColSourceCell, str, false),
}, nil)

// noBreakdown is the track of totals sent without a breakdown. It is not a
// track an institution "stops reporting": moving from a total to a
// breakdown is the survey's own history (before 2011-2012 nearly every
// institution sent totals only).
const noBreakdown = "non-ventile"

// instYear is one institution's answer for one year.
type instYear struct {
	year            int32
	name            string
	students, certs int64
	tracks          []string // tracks with at least one student, in row order
	first           int      // row of its first fact
	cells           []string // students cells of its facts with students, same file and sheet as the first
}

// outlierRow is one row of the result before it is built.
type outlierRow struct {
	year                    int32
	uai, name, measure      string
	track                   string
	value, expected         float64
	low, high               float64
	hasNumbers              bool
	file, sheet, cell       string
	measureRank, trackOrder int
}

// text is the row's text of OutlierSchema's field.
func (r *outlierRow) text(field int) string {
	switch field {
	case 1:
		return r.uai
	case 2:
		return r.name
	case 3:
		return r.measure
	case 4:
		return r.track
	case 9:
		return r.file
	case 10:
		return r.sheet
	case 11:
		return r.cell
	}
	return ""
}

// Outliers returns the figures to check in a fact table of FactSchema,
// sorted by year, UAI, measure (success_rate, students, certificates,
// track) and track in dictionary order. The caller releases the result.
func Outliers(mem memory.Allocator, facts arrow.RecordBatch, dict *tracks.Dictionary) (arrow.RecordBatch, error) {
	fc, err := readFactCols(facts)
	if err != nil {
		return nil, fmt.Errorf("outliers: %w", err)
	}
	years, students, certs := fc.year, fc.students, fc.certs
	uais, insts, trks := fc.uai, fc.inst, fc.track
	files, sheets, cells := fc.file, fc.sheet, fc.cell

	// Strings below alias the fact table's buffers; the builder copies
	// them, so the result does not depend on the fact table.
	national := map[int32]*counts{}
	byInst := map[string]map[int32]*instYear{}
	for i := 0; i < fc.n; i++ {
		y, s, c := years.Value(i), students.Value(i), certs.Value(i)
		n := national[y]
		if n == nil {
			n = &counts{}
			national[y] = n
		}
		n.add(s, c)
		uai := uais.Value(i)
		ys := byInst[uai]
		if ys == nil {
			ys = map[int32]*instYear{}
			byInst[uai] = ys
		}
		iy := ys[y]
		if iy == nil {
			iy = &instYear{year: y, name: insts.Value(i), first: i}
			ys[y] = iy
		}
		iy.students += s
		iy.certs += c
		if s > 0 {
			if t := trks.Value(i); t != noBreakdown {
				iy.tracks = append(iy.tracks, t)
			}
			if files.Value(i) == files.Value(iy.first) && sheets.Value(i) == sheets.Value(iy.first) {
				iy.cells = append(iy.cells, cells.Value(i))
			}
		}
	}

	var rows []outlierRow
	for uai, ys := range byInst {
		answers := make([]*instYear, 0, len(ys))
		for _, iy := range ys {
			answers = append(answers, iy)
		}
		slices.SortFunc(answers, func(a, b *instYear) int { return cmp.Compare(a.year, b.year) })
		// every holds the tracks reported in every answer so far.
		var every []string
		for j, cur := range answers {
			base := outlierRow{
				year: cur.year, uai: uai, name: cur.name,
				file: files.Value(cur.first), sheet: sheets.Value(cur.first),
			}
			cell := strings.Join(cur.cells, "; ")
			if len(cur.cells) == 0 {
				cell = cells.Value(cur.first)
			}
			if rate, p, low, high, ok := funnelOutlier(national[cur.year], cur); ok {
				r := base
				r.measure, r.measureRank = MeasureSuccessRate, 0
				r.value, r.expected, r.low, r.high = rate, p, low, high
				r.hasNumbers, r.cell = true, cell
				rows = append(rows, r)
			}
			if j > 0 {
				prev := answers[j-1]
				for k, m := range []struct {
					measure   string
					now, then int64
				}{{MeasureStudents, cur.students, prev.students}, {MeasureCerts, cur.certs, prev.certs}} {
					if !changeOutlier(m.now, m.then) {
						continue
					}
					r := base
					r.measure, r.measureRank = m.measure, 1+k
					r.value, r.expected = float64(m.now), float64(m.then)
					r.low, r.high = float64(m.then)/ChangeFactor, float64(m.then)*ChangeFactor
					r.hasNumbers, r.cell = true, cell
					rows = append(rows, r)
				}
			}
			if j >= TrackMinYears {
				for _, t := range every {
					if slices.Contains(cur.tracks, t) {
						continue
					}
					r := base
					r.measure, r.measureRank = MeasureTrack, 3
					r.track, r.trackOrder = t, dict.Order(t)
					rows = append(rows, r)
				}
			}
			if j == 0 {
				every = slices.Clone(cur.tracks)
			} else {
				every = slices.DeleteFunc(every, func(t string) bool { return !slices.Contains(cur.tracks, t) })
			}
		}
	}
	slices.SortFunc(rows, func(a, b outlierRow) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.uai, b.uai),
			cmp.Compare(a.measureRank, b.measureRank), cmp.Compare(a.trackOrder, b.trackOrder), cmp.Compare(a.track, b.track))
	})

	b := array.NewRecordBuilder(mem, OutlierSchema)
	defer b.Release()
	reserveExactly(b, len(rows), func(field int) int {
		n := 0
		for i := range rows {
			n += len(rows[i].text(field))
		}
		return n
	})
	nums := []*array.Float64Builder{
		b.Field(5).(*array.Float64Builder), b.Field(6).(*array.Float64Builder),
		b.Field(7).(*array.Float64Builder), b.Field(8).(*array.Float64Builder),
	}
	for _, r := range rows {
		b.Field(0).(*array.Int32Builder).Append(r.year)
		b.Field(1).(*array.StringBuilder).Append(r.uai)
		b.Field(2).(*array.StringBuilder).Append(r.name)
		b.Field(3).(*array.StringBuilder).Append(r.measure)
		b.Field(4).(*array.StringBuilder).Append(r.track)
		for k, v := range []float64{r.value, r.expected, r.low, r.high} {
			if r.hasNumbers {
				nums[k].Append(v)
			} else {
				nums[k].AppendNull()
			}
		}
		b.Field(9).(*array.StringBuilder).Append(r.file)
		b.Field(10).(*array.StringBuilder).Append(r.sheet)
		b.Field(11).(*array.StringBuilder).Append(r.cell)
	}
	return b.NewRecordBatch(), nil
}

// funnelOutlier checks an institution's rate against its year's funnel.
func funnelOutlier(nat *counts, iy *instYear) (rate, p, low, high float64, ok bool) {
	if nat == nil || nat.students == 0 || iy.students < FunnelMinStudents {
		return 0, 0, 0, 0, false
	}
	p = float64(nat.certs) / float64(nat.students)
	low, high = FunnelLimits(p, iy.students)
	rate = float64(iy.certs) / float64(iy.students)
	return rate, p, low, high, rate < low || rate > high
}

// FunnelLimits returns the 99.8 % funnel limits around a rate p for n
// students, p ± FunnelZ·√(p(1−p)/n), clipped to [0, 1]: a rate outside is
// unlikely (2 in 1,000) to differ from p by chance alone.
func FunnelLimits(p float64, n int64) (low, high float64) {
	h := FunnelZ * math.Sqrt(p*(1-p)/float64(n))
	return max(0, p-h), min(1, p+h)
}

// changeOutlier reports whether a count changed by more than ChangeFactor
// up or down, both counts at least ChangeMinCount. Integer arithmetic: a
// change of exactly the factor is not flagged.
func changeOutlier(now, then int64) bool {
	if now < ChangeMinCount || then < ChangeMinCount {
		return false
	}
	return now > ChangeFactor*then || ChangeFactor*now < then
}
