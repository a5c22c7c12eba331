package portal

import (
	"context"
	"encoding/csv"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/aggregate"
	"c2isurvey/ingest"
	"c2isurvey/ingest/registry"
)

// The compare and completeness pages compute from the store what the
// compare command does (aggregate.BuildCompare, BuildCompleteness over the
// facts that count), so that they show the records as they stand, not as
// of the last publication.

// registryFileName is the data folder's registry of expected respondents.
const registryFileName = "registry.csv"

// loadRegistry reads the data folder's registry: nil without one; nil and
// its refusals if it is refused (the pages then say so, as runs do).
func (s *Server) loadRegistry(lang string) (*registry.Registry, []ingest.Problem) {
	path := filepath.Join(s.cfg.Data, registryFileName)
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	res := registry.Load(path, registry.Options{Lang: lang, Academies: s.cfg.Opts.Academies, MaxYear: s.cfg.Now().Year() + 1})
	if res.Refused() {
		return nil, res.Refusals
	}
	return res.Registry, nil
}

// factTable reads the facts that count from the store as an Arrow table;
// the caller releases it.
func (s *Server) factTable(ctx context.Context) (arrow.RecordBatch, error) {
	fb := aggregate.NewFactBuilder(memory.NewGoAllocator(), s.cfg.Opts.Tracks)
	if err := s.st.Facts(ctx, fb.Reserve, fb.Add); err != nil {
		fb.Release()
		return nil, err
	}
	return fb.NewRecordBatch(), nil
}

type compareRow struct {
	Year, PrevYear         int
	Key, Label             string
	Institutions           int64
	Students, Certificates int64
	Rate                   float64 // NaN: none
	Fragile                bool
	PrevInstitutions       int64
	PrevStudents           int64
	PrevRate               float64
}

type compareData struct {
	By       string
	From, To int
	Panel    bool
	Years    []int // every year with facts, for the form
	Rows     []compareRow
	Chart    template.HTML
	Registry bool
	Query    string
}

// compareOptions reads the form: by=group|track, from, to (years),
// panel=1 (same institutions only).
func (s *Server) compareOptions(r *http.Request) aggregate.CompareOptions {
	q := r.URL.Query()
	o := aggregate.CompareOptions{By: aggregate.ByGroup}
	if q.Get("by") == aggregate.ByTrack {
		o.By = aggregate.ByTrack
	}
	o.From, _ = ingest.ParseYear(q.Get("from"), 9999)
	o.To, _ = ingest.ParseYear(q.Get("to"), 9999)
	o.Panel = q.Get("panel") == "1"
	return o
}

func (s *Server) compareRows(ctx context.Context, o aggregate.CompareOptions, lang string) ([]compareRow, []int, bool, error) {
	facts, err := s.factTable(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	defer facts.Release()
	years := map[int]bool{}
	yc := facts.Column(facts.Schema().FieldIndices(aggregate.ColYear)[0])
	for i := 0; i < yc.Len(); i++ {
		years[int(yc.(*array.Int32).Value(i))] = true
	}
	reg, _ := s.loadRegistry(lang)
	rec, err := aggregate.BuildCompare(memory.NewGoAllocator(), facts, reg, s.cfg.Opts.Tracks, o)
	if err != nil {
		return nil, nil, false, err
	}
	defer rec.Release()
	col := func(name string) arrow.Array { return rec.Column(rec.Schema().FieldIndices(name)[0]) }
	year := col(aggregate.ColYear).(*array.Int32)
	prev := col(aggregate.ColPreviousYear).(*array.Int32)
	key := col(aggregate.ColKey).(*array.String)
	inst := col(aggregate.ColInstitutions).(*array.Int64)
	students := col(aggregate.ColStudents).(*array.Int64)
	certs := col(aggregate.ColCerts).(*array.Int64)
	rate := col(aggregate.ColRate).(*array.Float64)
	fragile := col(aggregate.ColFragile).(*array.Boolean)
	pInst := col(aggregate.ColPrevInstitutions).(*array.Int64)
	pStudents := col(aggregate.ColPrevStudents).(*array.Int64)
	pRate := col(aggregate.ColPrevRate).(*array.Float64)
	f := func(a *array.Float64, i int) float64 {
		if a.IsNull(i) {
			return math.NaN()
		}
		return a.Value(i)
	}
	rows := make([]compareRow, rec.NumRows())
	for i := range rows {
		r := compareRow{Year: int(year.Value(i)), Key: key.Value(i), Institutions: inst.Value(i),
			Students: students.Value(i), Certificates: certs.Value(i), Rate: f(rate, i), Fragile: fragile.Value(i), PrevRate: math.NaN()}
		r.Label = s.keyLabel(o.By, r.Key, lang)
		if !prev.IsNull(i) {
			r.PrevYear, r.PrevInstitutions, r.PrevStudents, r.PrevRate = int(prev.Value(i)), pInst.Value(i), pStudents.Value(i), f(pRate, i)
		}
		rows[i] = r
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return rows, ys, reg != nil, nil
}

// keyLabel names a track or group code in lang.
func (s *Server) keyLabel(by, key, lang string) string {
	for _, tr := range s.cfg.Opts.Tracks.Tracks() {
		if by == aggregate.ByTrack && tr.Code == key {
			return tr.Label(lang)
		}
		if by == aggregate.ByGroup && tr.Group == key {
			return tr.GroupLabel(lang)
		}
	}
	return key
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request, rq *request) error {
	o := s.compareOptions(r)
	rows, years, hasReg, err := s.compareRows(r.Context(), o, rq.lang)
	if err != nil {
		return err
	}
	d := compareData{By: o.By, From: o.From, To: o.To, Panel: o.Panel, Years: years, Rows: rows, Registry: hasReg, Query: r.URL.RawQuery}
	d.Chart, err = rateChart(rows, rq.lang, rq.L().T("portal.success-rate-year"))
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "compare", d)
}

// compareCSV is the comparison shown, as CSV (the columns of compare.csv,
// with the previous year's on the same institutions when panel=1).
func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	o := s.compareOptions(r)
	rows, _, _, err := s.compareRows(r.Context(), o, rq.lang)
	if err != nil {
		return err
	}
	setDownloadHeaders(w, "compare.csv")
	cw := csv.NewWriter(w)
	head := []string{"year", "by", "key", "institutions", "students", "certificates", "success_rate", "fragile"}
	if o.Panel {
		head = append(head, "previous_year", "previous_institutions", "previous_students", "previous_success_rate")
	}
	cw.Write(head)
	for _, x := range rows {
		rec := []string{strconv.Itoa(x.Year), o.By, x.Key, strconv.FormatInt(x.Institutions, 10), strconv.FormatInt(x.Students, 10),
			strconv.FormatInt(x.Certificates, 10), frac(x.Rate), strconv.FormatBool(x.Fragile)}
		if o.Panel {
			rec = append(rec, strconv.Itoa(x.PrevYear), strconv.FormatInt(x.PrevInstitutions, 10), strconv.FormatInt(x.PrevStudents, 10), frac(x.PrevRate))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// frac writes a fraction as the CSV outputs do: four decimals, empty when
// there is none.
func frac(f float64) string {
	if math.IsNaN(f) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', 4, 64)
}

// ---- completeness ----

type academieRow struct {
	Year                        int
	Academie                    string
	Expected, Answered, Missing int
	Rate                        float64
}

// acadGrid is the response rate by académie (rows) and year (columns).
type acadGrid struct {
	Years []int
	Rows  []acadGridRow
}

type acadGridRow struct {
	Academie string
	Cells    []*academieRow // nil where the académie expected nobody that year
}

func gridOf(rows []academieRow) acadGrid {
	var g acadGrid
	index := map[string]int{}
	for _, r := range rows {
		if !slices.Contains(g.Years, r.Year) {
			g.Years = append(g.Years, r.Year)
		}
		if _, ok := index[r.Academie]; !ok {
			index[r.Academie] = -1
		}
	}
	slices.Sort(g.Years)
	var acads []string
	for a := range index {
		acads = append(acads, a)
	}
	slices.Sort(acads)
	for i, a := range acads {
		index[a] = i
		g.Rows = append(g.Rows, acadGridRow{Academie: a, Cells: make([]*academieRow, len(g.Years))})
	}
	for i := range rows {
		r := &rows[i]
		g.Rows[index[r.Academie]].Cells[slices.Index(g.Years, r.Year)] = r
	}
	return g
}

type missingRow struct {
	UAI, Institution, Academie string
	LastAnswered               int
}

type completenessData struct {
	Registry bool
	Refused  []ingest.Problem
	Years    []yearCompleteness
	ByAcad   []academieRow // flat, for the CSV
	Grid     acadGrid      // académies down, years across, for the page
	Year     int           // the year whose missing institutions are listed
	Missing  []missingRow
}

type yearCompleteness struct {
	Year                           int
	Expected, Answered, Unexpected int64
	Rate                           float64
}

func (s *Server) completenessOf(ctx context.Context, r *http.Request, lang string) (completenessData, error) {
	var d completenessData
	reg, refused := s.loadRegistry(lang)
	d.Registry, d.Refused = reg != nil, refused
	facts, err := s.factTable(ctx)
	if err != nil {
		return d, err
	}
	defer facts.Release()
	c, err := aggregate.BuildCompleteness(memory.NewGoAllocator(), facts, reg)
	if err != nil {
		return d, err
	}
	defer c.Release()
	yr := c.Years
	year := yr.Column(0).(*array.Int32)
	exp := yr.Column(1).(*array.Int64)
	ans := yr.Column(2).(*array.Int64)
	unexp := yr.Column(3).(*array.Int64)
	rate := yr.Column(4).(*array.Float64)
	for i := 0; i < int(yr.NumRows()); i++ {
		y := yearCompleteness{Year: int(year.Value(i)), Answered: ans.Value(i), Expected: -1, Unexpected: -1, Rate: math.NaN()}
		if !exp.IsNull(i) {
			y.Expected = exp.Value(i)
		}
		if !unexp.IsNull(i) {
			y.Unexpected = unexp.Value(i)
		}
		if !rate.IsNull(i) {
			y.Rate = rate.Value(i)
		}
		d.Years = append(d.Years, y)
	}
	if reg == nil {
		return d, nil
	}
	// By académie: the registry's expected institutions of each year and
	// académie, less those listed missing.
	m := c.Missing
	mYear := m.Column(0).(*array.Int32)
	mUAI, mName, mAcad := m.Column(1).(*array.String), m.Column(2).(*array.String), m.Column(3).(*array.String)
	mLast := m.Column(4).(*array.Int32)
	type ya struct {
		y int
		a string
	}
	missing := map[ya]int{}
	for i := 0; i < int(m.NumRows()); i++ {
		missing[ya{int(mYear.Value(i)), mAcad.Value(i)}]++
	}
	d.Year, _ = ingest.ParseYear(r.URL.Query().Get("year"), 9999)
	if d.Year == 0 && len(d.Years) > 0 {
		d.Year = d.Years[len(d.Years)-1].Year
	}
	for i := 0; i < int(m.NumRows()); i++ {
		if int(mYear.Value(i)) != d.Year {
			continue
		}
		row := missingRow{UAI: mUAI.Value(i), Institution: mName.Value(i), Academie: mAcad.Value(i)}
		if !mLast.IsNull(i) {
			row.LastAnswered = int(mLast.Value(i))
		}
		d.Missing = append(d.Missing, row)
	}
	for _, y := range d.Years {
		expected := map[string]int{}
		for _, e := range reg.Entries {
			if e.Expected(y.Year) {
				expected[e.Academie]++
			}
		}
		var acads []string
		for a := range expected {
			acads = append(acads, a)
		}
		slices.Sort(acads)
		for _, a := range acads {
			row := academieRow{Year: y.Year, Academie: a, Expected: expected[a], Missing: missing[ya{y.Year, a}]}
			row.Answered = row.Expected - row.Missing
			row.Rate = float64(row.Answered) / float64(row.Expected)
			d.ByAcad = append(d.ByAcad, row)
		}
	}
	d.Grid = gridOf(d.ByAcad)
	return d, nil
}

func (s *Server) completeness(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.completenessOf(r.Context(), r, rq.lang)
	if err != nil {
		return err
	}
	return s.render(w, r, rq, http.StatusOK, "completeness", d)
}

// completenessCSV: by year and académie, or (what=missing) the
// institutions that have not answered the year asked for.
func (s *Server) completenessCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.completenessOf(r.Context(), r, rq.lang)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if r.URL.Query().Get("what") == "missing" {
		setDownloadHeaders(w, fmt.Sprintf("missing-%d.csv", d.Year))
		cw.Write([]string{"year", "uai", "institution", "academie", "last_answered"})
		for _, m := range d.Missing {
			last := ""
			if m.LastAnswered != 0 {
				last = strconv.Itoa(m.LastAnswered)
			}
			cw.Write([]string{strconv.Itoa(d.Year), m.UAI, csvSafe(m.Institution), csvSafe(m.Academie), last})
		}
	} else {
		setDownloadHeaders(w, "completeness-academies.csv")
		cw.Write([]string{"year", "academie", "expected", "answered", "response_rate"})
		for _, a := range d.ByAcad {
			cw.Write([]string{strconv.Itoa(a.Year), csvSafe(a.Academie), strconv.Itoa(a.Expected), strconv.Itoa(a.Answered), frac(a.Rate)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from running a text cell as a formula, as
// the report's CSV files do.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
