package aggregate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"c2isurvey/ingest"
	"c2isurvey/ingest/tracks"
)

// factText is each text column of the fact table and the fact's text it
// holds.
var factText = []struct {
	col string
	get func(*ingest.Fact) string
}{
	{ColUAI, func(f *ingest.Fact) string { return f.UAI }},
	{ColInstitution, func(f *ingest.Fact) string { return f.Institution }},
	{ColAcademie, func(f *ingest.Fact) string { return f.Academie }},
	{ColTrack, func(f *ingest.Fact) string { return f.Track }},
	{ColTrackGroup, func(f *ingest.Fact) string { return f.TrackGroup }},
	{ColSourceFile, func(f *ingest.Fact) string { return f.Source.File }},
	{ColSourceSheet, func(f *ingest.Fact) string { return f.Source.Sheet }},
	{ColSourceCell, func(f *ingest.Fact) string { return f.Source.Cell }},
}

// TestFactTableTexts checks the text columns of the fact table: each of
// TextType, each row's text the fact's (the facts given in the table's
// order), each distinct text once in the dictionary, in the order of its
// first row; nothing leaks.
func TestFactTableTexts(t *testing.T) {
	dict := tracks.Default()
	fact := func(year int, uai, name, acad, track, file, cell string) ingest.Fact {
		tr, _ := dict.ByCode(track)
		return ingest.Fact{Year: year, UAI: uai, Institution: name, Academie: acad, Track: track, TrackGroup: tr.Group,
			Students: 10, Certs: 5, Source: ingest.Location{File: file, Sheet: "Enquête", Cell: cell}}
	}
	cases := []struct {
		name  string
		facts []ingest.Fact
		// distinct is the number of distinct texts of each column of
		// factText.
		distinct []int
	}{
		{"none", nil, []int{0, 0, 0, 0, 0, 0, 0, 0}},
		{"one", []ingest.Fact{fact(2012, "0000001A", "Université", "Paris", "doctorats", "a.xlsx", "C8")}, []int{1, 1, 1, 1, 1, 1, 1, 1}},
		{"empty texts", []ingest.Fact{
			fact(2012, "0000001A", "", "", "doctorats", "a.xlsx", ""),
			fact(2012, "0000002B", "", "Créteil", "doctorats", "b.xlsx", ""),
		}, []int{2, 1, 2, 1, 1, 2, 1, 1}},
		{"a text again after another", []ingest.Fact{
			fact(2011, "0000001A", "Université 🎓", "Paris", "doctorats", "a.xlsx", "C8"),
			fact(2011, "0000001A", "Université 🎓", "Paris", "masters-meef", "a.xlsx", "C9"),
			fact(2011, "0000002B", "École", "Créteil", "doctorats", "b.xlsx", "C8"),
			fact(2012, "0000001A", "Université 🎓", "Paris", "doctorats", "a2.xlsx", "C8"),
			fact(2012, "0000002B", "École", "Créteil", "masters-meef", "b2.xlsx", "C9"),
		}, []int{2, 2, 2, 2, 2, 4, 1, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			rec := FactTable(mem, c.facts, dict)
			defer rec.Release()
			if int(rec.NumRows()) != len(c.facts) {
				t.Fatalf("%d rows, want %d", rec.NumRows(), len(c.facts))
			}
			for k, ft := range factText {
				a := rec.Column(rec.Schema().FieldIndices(ft.col)[0])
				if !arrow.TypeEqual(a.DataType(), TextType) {
					t.Fatalf("%s: type %s, want %s", ft.col, a.DataType(), TextType)
				}
				texts, err := TextsOf(a)
				if err != nil {
					t.Fatal(err)
				}
				values := a.(*array.Dictionary).Dictionary().(*array.String)
				var firsts []string
				for i := range c.facts {
					want := ft.get(&c.facts[i])
					if got := texts.Value(i); got != want {
						t.Errorf("%s row %d: %q, want %q", ft.col, i, got, want)
					}
					if !slices.Contains(firsts, want) {
						firsts = append(firsts, want)
					}
				}
				var dictValues []string
				for i := range values.Len() {
					dictValues = append(dictValues, values.Value(i))
				}
				if !slices.Equal(dictValues, firsts) {
					t.Errorf("%s: dictionary %q, want %q", ft.col, dictValues, firsts)
				}
				if texts.Len() != len(c.facts) || values.Len() != c.distinct[k] {
					t.Errorf("%s: %d rows, %d distinct texts; want %d, %d", ft.col, texts.Len(), values.Len(), len(c.facts), c.distinct[k])
				}
			}
		})
	}
}

// TestTextsOfRefuses checks that a column of another type is an error, not
// a panic.
func TestTextsOfRefuses(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewStringBuilder(mem)
	defer b.Release()
	b.Append("0000001A")
	plain := b.NewArray()
	defer plain.Release()
	if _, err := TextsOf(plain); err == nil || !strings.Contains(err.Error(), "want dictionary") {
		t.Errorf("plain strings: err = %v", err)
	}
	db := array.NewDictionaryBuilder(mem, &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String})
	defer db.Release()
	db.(*array.BinaryDictionaryBuilder).AppendString("0000001A")
	small := db.NewArray()
	defer small.Release()
	if _, err := TextsOf(small); err == nil {
		t.Error("a dictionary of int8 indices was read as the fact table's texts")
	}
}

// TestFactTableCompact is a memory guard: the fact table of 1,000
// institutions by 7 tracks, with names and file names as the forms give
// them, takes under 100 bytes a fact (each text once; with the texts as
// plain strings it took 230).
func TestFactTableCompact(t *testing.T) {
	dict := tracks.Default()
	all := dict.Tracks()
	var facts []ingest.Fact
	for i := range 7000 {
		tr := all[i%7]
		uai := fmt.Sprintf("%07dX", i/7)
		facts = append(facts, ingest.Fact{
			Year: 2012, UAI: uai, Institution: fmt.Sprintf("Université de recherche et d'enseignement supérieur n° %d", i/7),
			Academie: fmt.Sprintf("Académie %d", i/7%30), Track: tr.Code, TrackGroup: tr.Group, Students: 100, Certs: 50,
			Source: ingest.Location{File: "/data/inbox/C2i2e_2011-2012_" + uai + ".xlsx", Sheet: "Enquête C2i2e", Cell: fmt.Sprintf("C%d", 12+i%7)},
		})
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := FactTable(mem, facts, dict)
	defer rec.Release()
	if perFact := mem.CurrentAlloc() / len(facts); perFact >= 100 {
		t.Errorf("the fact table takes %d bytes a fact, want under 100", perFact)
	}
}

// TestSummariseAnyDictionary checks that the group-bys, which sum the facts
// by the numbers of their texts, give the same tables when a dictionary
// holds a text more than once (a fact table not built by FactTable): here
// every row its own entry.
func TestSummariseAnyDictionary(t *testing.T) {
	dict := tracks.Default()
	eachFactCase(t, dict, func(t *testing.T, dir string, facts []ingest.Fact, mem *memory.CheckedAllocator) {
		rec := FactTable(mem, facts, dict)
		defer rec.Release()
		cols := slices.Clone(rec.Columns())
		for i, c := range cols {
			texts, err := TextsOf(c)
			if err != nil {
				c.Retain()
				continue
			}
			ib := array.NewInt32Builder(mem)
			sb := array.NewStringBuilder(mem)
			for j := range texts.Len() {
				ib.Append(int32(j))
				sb.Append(texts.Value(j))
			}
			indices, values := ib.NewArray(), sb.NewArray()
			cols[i] = array.NewDictionaryArray(TextType, indices, values)
			indices.Release()
			values.Release()
			ib.Release()
			sb.Release()
		}
		spread := array.NewRecordBatch(FactSchema, cols, rec.NumRows())
		defer spread.Release()
		for _, c := range cols {
			c.Release()
		}
		want, err := Summarise(mem, rec, dict)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { want.Facts = nil; want.Release() }()
		got, err := Summarise(mem, spread, dict)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { got.Facts = nil; got.Release() }()
		// Summarise leaves the fact table to its caller.
		got.Facts, want.Facts = rec, rec
		if g, w := dumpTables(got), dumpTables(want); g != w {
			t.Errorf("a dictionary of repeated texts gives:\n%s\nwant:\n%s", g, w)
		}
	})
}

// TestReserveExactly checks that a table sized by reserveExactly takes its
// rows without its buffers growing again (a builder that grows doubles
// them).
func TestReserveExactly(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1000, 60000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			b := array.NewRecordBuilder(mem, InstitutionSchema)
			defer b.Release()
			name := func(i int) string { return strings.Repeat("é", i%50) }
			size := [4]int{1: 8 * n}
			for i := range n {
				size[2] += len(name(i))
				size[3] += len("Créteil")
			}
			reserveExactly(b, n, func(field int) int { return size[field] })
			before := mem.CurrentAlloc()
			for i := range n {
				b.Field(0).(*array.Int32Builder).Append(2012)
				b.Field(1).(*array.StringBuilder).Append(fmt.Sprintf("%07dX", i))
				b.Field(2).(*array.StringBuilder).Append(name(i))
				b.Field(3).(*array.StringBuilder).Append("Créteil")
				b.Field(4).(*array.Int64Builder).Append(10)
				b.Field(5).(*array.Int64Builder).Append(5)
				appendRatio(b.Field(6).(*array.Float64Builder), 5, int64(i%2*10))
			}
			if after := mem.CurrentAlloc(); after != before {
				t.Errorf("%d rows: %d bytes reserved, %d once appended", n, before, after)
			}
			b.NewRecordBatch().Release()
		})
	}
}
