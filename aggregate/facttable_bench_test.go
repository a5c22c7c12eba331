package aggregate

import (
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// formFacts are n facts shaped as forms give them: seven tracks an
// institution and year, each institution's name, académie, file, sheet
// and cells on each of its rows.
func formFacts(n int) []ingest.Fact {
	all := tracks.Default().Tracks()
	facts := make([]ingest.Fact, n)
	for i := range facts {
		tr := all[i%7]
		inst, year := i/7%20000, 2006+i/140000
		uai := fmt.Sprintf("%07dX", inst)
		facts[i] = ingest.Fact{
			Year: year, UAI: uai, Institution: fmt.Sprintf("Université de recherche n° %d", inst),
			Academie: fmt.Sprintf("Académie %d", inst%30), Track: tr.Code, TrackGroup: tr.Group,
			Students: int64(100 + i%50), Certs: int64(i % 100),
			Source: ingest.Location{File: fmt.Sprintf("/data/inbox/C2i2e_%d-%d_%s.xlsx", year-1, year, uai), Sheet: "Enquête C2i2e", Cell: fmt.Sprintf("C%d", 12+i%7)},
		}
	}
	return facts
}

// BenchmarkFactTableForms builds the fact table of a million facts of
// forms (about 140,000 forms): the table's bytes are reported as
// table-B.
func BenchmarkFactTableForms(b *testing.B) {
	dict := tracks.Default()
	facts := formFacts(1_000_000)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	b.ReportAllocs()
	for b.Loop() {
		rec := FactTable(mem, facts, dict)
		b.ReportMetric(float64(mem.CurrentAlloc()), "table-B")
		rec.Release()
	}
}

// BenchmarkSummariseForms computes every group-by over the fact table of a
// million facts of forms.
func BenchmarkSummariseForms(b *testing.B) {
	mem, dict, rec := formTable(b)
	b.ReportAllocs()
	for b.Loop() {
		tab, err := Summarise(mem, rec, dict)
		if err != nil {
			b.Fatal(err)
		}
		tab.Release()
	}
}

// BenchmarkCompareForms compares the years of a million facts of forms by
// track, on every institution and on the panel (compare.csv and the
// reports' comparison), and BenchmarkPanelForms builds their panel: each
// builds its index of the facts by year, institution and key.
func BenchmarkCompareForms(b *testing.B) {
	mem, dict, rec := formTable(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, panel := range []bool{false, true} {
			out, err := BuildCompare(mem, rec, nil, dict, CompareOptions{By: ByTrack, Panel: panel})
			if err != nil {
				b.Fatal(err)
			}
			out.Release()
		}
	}
}

func BenchmarkPanelForms(b *testing.B) {
	mem, dict, rec := formTable(b)
	b.ReportAllocs()
	for b.Loop() {
		out, err := BuildPanel(mem, rec, nil, dict)
		if err != nil {
			b.Fatal(err)
		}
		out.Release()
	}
}

// formTable is the fact table of a million facts of forms, released when
// the benchmark ends.
func formTable(b *testing.B) (memory.Allocator, *tracks.Dictionary, arrow.RecordBatch) {
	dict := tracks.Default()
	mem := memory.NewGoAllocator()
	rec := FactTable(mem, formFacts(1_000_000), dict)
	b.Cleanup(rec.Release)
	return mem, dict, rec
}
