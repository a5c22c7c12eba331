package aggregate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest/registry"
)

// Column names of the analysis tables (completeness, panel, comparison).
const (
	ColExpected     = "expected"
	ColAnswered     = "answered"
	ColUnexpected   = "unexpected"
	ColResponseRate = "response_rate"
	ColLastAnswered = "last_answered"
	ColReason       = "reason"
	ColPreviousYear = "previous_year"
	ColGroup        = "group"
	ColBy           = "by"
	ColKey          = "key"
	ColFragile      = "fragile"
	// The previous year's figures of a year pair, and the raw figures (every
	// institution that answered, not only the panel).
	ColPrevInstitutions = "previous_institutions"
	ColPrevStudents     = "previous_students"
	ColPrevCerts        = "previous_certificates"
	ColPrevRate         = "previous_success_rate"
	ColPrevShare        = "previous_share"
	ColPrevFragile      = "previous_fragile"
	ColRawInstitutions  = "raw_institutions"
	ColRawStudents      = "raw_students"
	ColRawCerts         = "raw_certificates"
	ColRawPrevInst      = "raw_previous_institutions"
	ColRawPrevStudents  = "raw_previous_students"
	ColRawPrevCerts     = "raw_previous_certificates"
)

// Reasons an answer is not expected by the registry (Unexpected table).
const (
	// ReasonUnknown: the UAI is not in the registry at all.
	ReasonUnknown = "unknown"
	// ReasonNotYet: the institution answered before its first expected year.
	ReasonNotYet = "not-yet"
	// ReasonEnded: the institution answered after its last expected year and
	// no successor expected that year takes its answer.
	ReasonEnded = "ended"
)

var (
	// CompletenessSchema: one row per year present in the facts. expected,
	// unexpected and response_rate are null without a registry: nothing is
	// invented. answered is the number of expected institutions that
	// answered (with a registry) or of institutions that answered (without).
	CompletenessSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColExpected, i64, true), field(ColAnswered, i64, false),
		field(ColUnexpected, i64, true), field(ColResponseRate, f64, true),
	}, nil)
	// MissingSchema: one row per year and expected institution that did not
	// answer, with the registry's name and académie and the last year before
	// this one in which it answered (null if never).
	MissingSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColUAI, str, false), field(ColInstitution, str, false),
		field(ColAcademie, str, false), field(ColLastAnswered, i32, true),
	}, nil)
	// UnexpectedSchema: one row per year and answering institution the
	// registry does not expect that year; its answer still counts in every
	// other table. Name and académie are as the institution wrote them.
	UnexpectedSchema = arrow.NewSchema([]arrow.Field{
		field(ColYear, i32, false), field(ColUAI, str, false), field(ColInstitution, str, false),
		field(ColAcademie, str, false), field(ColReason, str, false),
	}, nil)
)

// Completeness is who should have answered and who did, year by year.
// Release frees its tables.
type Completeness struct {
	Years      arrow.RecordBatch // CompletenessSchema
	Missing    arrow.RecordBatch // MissingSchema
	Unexpected arrow.RecordBatch // UnexpectedSchema
}

// Release frees every table.
func (c *Completeness) Release() {
	for _, r := range []arrow.RecordBatch{c.Years, c.Missing, c.Unexpected} {
		if r != nil {
			r.Release()
		}
	}
}

// resolver applies the registry's merger rule: the answer of an institution
// for a year counts for the entry expected that year that it is, or that it
// was merged into (following successors).
type resolver struct {
	byUAI map[string][]registry.Entry
}

func newResolver(reg *registry.Registry) *resolver {
	if reg == nil {
		return nil
	}
	r := &resolver{byUAI: make(map[string][]registry.Entry, len(reg.Entries))}
	for _, e := range reg.Entries {
		r.byUAI[e.UAI] = append(r.byUAI[e.UAI], e)
	}
	return r
}

// unit returns the UAI of the registry entry an answer of uai for year
// counts for, or "" and the reason it counts for none.
//
// The rule: if an entry of uai expects it that year, the answer is its own.
// Otherwise, if one of uai's entries ended before that year and names a
// successor, the answer is the successor's (resolved in turn: a chain of
// mergers is followed, a cycle is not). So, A merged into B after 2010
// (A: last_year 2010, successor B): in 2011 B is expected and an answer
// from A in 2011 counts as B answered; A is not expected and is not missing.
func (r *resolver) unit(uai string, year int) (string, string) {
	reason := ReasonUnknown
	u := uai
	for step := 0; step <= len(r.byUAI); step++ {
		es := r.byUAI[u]
		if len(es) == 0 {
			return "", reason
		}
		next, nextLast := "", 0
		for _, e := range es {
			if e.Expected(year) {
				return u, ""
			}
			if e.LastYear != 0 && e.LastYear < year && e.Successor != "" && e.LastYear >= nextLast {
				next, nextLast = e.Successor, e.LastYear
			}
		}
		if step == 0 {
			reason = ReasonNotYet
			for _, e := range es {
				if e.LastYear != 0 && e.LastYear < year {
					reason = ReasonEnded
				}
			}
		}
		if next == "" || next == u {
			return "", reason
		}
		u = next
	}
	return "", reason
}

// factCols are the fact table's columns the analysis reads.
type factCols struct {
	n                 int
	year              *array.Int32
	uai, inst, acad   Texts
	track, group      Texts
	students, certs   *array.Int64
	file, sheet, cell Texts
}

func readFactCols(facts arrow.RecordBatch) (*factCols, error) {
	if facts == nil {
		return nil, errors.New("no fact table")
	}
	if !facts.Schema().Equal(FactSchema) {
		return nil, fmt.Errorf("fact table schema %s, want %s", facts.Schema(), FactSchema)
	}
	col := func(name string) arrow.Array { return facts.Column(facts.Schema().FieldIndices(name)[0]) }
	var errs []error
	text := func(name string) Texts {
		t, err := TextsOf(col(name))
		if err != nil {
			errs = append(errs, fmt.Errorf("fact table %s: %w", name, err))
		}
		return t
	}
	fc := &factCols{
		n:        int(facts.NumRows()),
		year:     col(ColYear).(*array.Int32),
		uai:      text(ColUAI),
		inst:     text(ColInstitution),
		acad:     text(ColAcademie),
		track:    text(ColTrack),
		group:    text(ColTrackGroup),
		students: col(ColStudents).(*array.Int64),
		certs:    col(ColCerts).(*array.Int64),
		file:     text(ColSourceFile),
		sheet:    text(ColSourceSheet),
		cell:     text(ColSourceCell),
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return fc, nil
}

type yearUAI struct {
	year int32
	uai  string
}

// BuildCompleteness computes, from a fact table of FactSchema and the
// registry (nil when none was given), who was expected, who answered and
// who answered without being expected, for every year present in the
// facts. An institution answered a year when it has at least one fact that
// year: a total without track breakdown ("non-ventile") is an answer, and
// so is a form whose counts are all zero. The caller releases the result.
func BuildCompleteness(mem memory.Allocator, facts arrow.RecordBatch, reg *registry.Registry) (*Completeness, error) {
	fc, err := readFactCols(facts)
	if err != nil {
		return nil, fmt.Errorf("completeness: %w", err)
	}
	res := newResolver(reg)

	// Who answered, year by year; the name and académie of the first fact
	// (the fact table is sorted, so that is deterministic).
	type answer struct{ inst, acad string }
	answers := map[yearUAI]answer{}
	yearSet := map[int32]bool{}
	for i := 0; i < fc.n; i++ {
		k := yearUAI{fc.year.Value(i), fc.uai.Value(i)}
		yearSet[k.year] = true
		if _, ok := answers[k]; !ok {
			answers[k] = answer{fc.inst.Value(i), fc.acad.Value(i)}
		}
	}
	years := sortedKeys(yearSet, cmp.Compare[int32])
	keys := sortedKeys(answers, func(a, b yearUAI) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.uai, b.uai))
	})

	yb := array.NewRecordBuilder(mem, CompletenessSchema)
	defer yb.Release()
	mb := array.NewRecordBuilder(mem, MissingSchema)
	defer mb.Release()
	ub := array.NewRecordBuilder(mem, UnexpectedSchema)
	defer ub.Release()

	if res == nil {
		perYear := map[int32]int64{}
		for _, k := range keys {
			perYear[k.year]++
		}
		for _, y := range years {
			yb.Field(0).(*array.Int32Builder).Append(y)
			yb.Field(1).AppendNull()
			yb.Field(2).(*array.Int64Builder).Append(perYear[y])
			yb.Field(3).AppendNull()
			yb.Field(4).AppendNull()
		}
		return &Completeness{Years: yb.NewRecordBatch(), Missing: mb.NewRecordBatch(), Unexpected: ub.NewRecordBatch()}, nil
	}

	// answeredAs[year][unit]: the expected entry got an answer that year.
	// answeredYears[uai]: every year the UAI answered itself or had an
	// answer counted for it, for last_answered.
	answeredAs := map[yearUAI]bool{}
	answeredYears := map[string][]int32{}
	unexpected := map[int32]int64{}
	for _, k := range keys {
		answeredYears[k.uai] = append(answeredYears[k.uai], k.year)
		u, reason := res.unit(k.uai, int(k.year))
		if u == "" {
			unexpected[k.year]++
			a := answers[k]
			ub.Field(0).(*array.Int32Builder).Append(k.year)
			ub.Field(1).(*array.StringBuilder).Append(k.uai)
			ub.Field(2).(*array.StringBuilder).Append(a.inst)
			ub.Field(3).(*array.StringBuilder).Append(a.acad)
			ub.Field(4).(*array.StringBuilder).Append(reason)
			continue
		}
		answeredAs[yearUAI{k.year, u}] = true
		if u != k.uai {
			answeredYears[u] = append(answeredYears[u], k.year)
		}
	}

	// The registry's entries by UAI, in UAI order; a UAI listed twice (two
	// periods) is one institution, expected when either period says so.
	uais := sortedKeys(res.byUAI, cmp.Compare[string])
	for _, y := range years {
		var expected, answered int64
		for _, u := range uais {
			es := res.byUAI[u]
			idx := slices.IndexFunc(es, func(e registry.Entry) bool { return e.Expected(int(y)) })
			if idx < 0 {
				continue
			}
			expected++
			if answeredAs[yearUAI{y, u}] {
				answered++
				continue
			}
			e := es[idx]
			mb.Field(0).(*array.Int32Builder).Append(y)
			mb.Field(1).(*array.StringBuilder).Append(e.UAI)
			mb.Field(2).(*array.StringBuilder).Append(e.Institution)
			mb.Field(3).(*array.StringBuilder).Append(e.Academie)
			last := int32(0)
			for _, x := range answeredYears[u] {
				if x < y && x > last {
					last = x
				}
			}
			if last == 0 {
				mb.Field(4).AppendNull()
			} else {
				mb.Field(4).(*array.Int32Builder).Append(last)
			}
		}
		yb.Field(0).(*array.Int32Builder).Append(y)
		yb.Field(1).(*array.Int64Builder).Append(expected)
		yb.Field(2).(*array.Int64Builder).Append(answered)
		yb.Field(3).(*array.Int64Builder).Append(unexpected[y])
		appendRatio(yb.Field(4).(*array.Float64Builder), answered, expected)
	}
	return &Completeness{Years: yb.NewRecordBatch(), Missing: mb.NewRecordBatch(), Unexpected: ub.NewRecordBatch()}, nil
}
