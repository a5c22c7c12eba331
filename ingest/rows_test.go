package ingest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/tracks"
)

// expect is what a generated row must become.
type expect uint8

const (
	wantBlank      expect = iota
	wantFact              // read as a fact
	wantRecognised        // title, identification, header, total, note or hidden
	wantRefused           // named by a refusal
)

func (e expect) String() string {
	return [...]string{"blank", "fact", "recognised", "refused"}[e]
}

// genFile is a generated survey file: its CSV lines, what each must
// become, and the rows (1-based) to flag as hidden in Excel.
type genFile struct {
	lines     []string
	want      []expect
	hidden    []int
	refusable bool   // mutations that make the file refused may be written
	header    string // the table's header line, which a page break may repeat
}

func (g *genFile) add(line string, e expect) {
	g.lines = append(g.lines, line)
	g.want = append(g.want, e)
}

var genNotes = []string{
	"Source : rectorat, service statistique",
	"Chiffres au 1er octobre, hors doublons",
	"N.B. : les candidats libres sont comptés à part",
	"Données provisoires",
}

// genRow is one track row to write: a label (any synonym) and counts.
type genRow struct {
	label           string
	students, certs int64
}

func genTracks(rng *rand.Rand, dict *tracks.Dictionary) []genRow {
	var rows []genRow
	for _, t := range dict.Tracks() {
		if t.Code == nonVentile || rng.IntN(3) == 0 {
			continue
		}
		labels := append([]string{t.LabelFR, t.LabelEN}, t.Synonyms...)
		s := rng.Int64N(3000)
		rows = append(rows, genRow{labels[rng.IntN(len(labels))], s, rng.Int64N(s + 1)})
	}
	if len(rows) == 0 {
		rows = append(rows, genRow{"Doctorats", 10, 4})
	}
	return rows
}

// genMutation is written between track rows: nothing, a blank line, a
// note, the header repeated, a line with another separator, a track row
// with an ambiguous count, or a hidden track row.
func genMutation(rng *rand.Rand, g *genFile, dataLine func(sep string, r genRow) string, r genRow) {
	n := 12
	if !g.refusable {
		n = 2 // blank lines and notes only: the file is accepted
	}
	k := rng.IntN(n + 6)
	if k >= n {
		switch {
		case k == n && !g.refusable:
			g.add(dataLine(";", r), wantRecognised)
			g.hidden = append(g.hidden, len(g.lines))
		case k == n+1:
			g.add(g.header, wantRecognised)
		}
		return
	}
	switch k {
	case 0:
		g.add("", wantBlank)
	case 1:
		g.add(genNotes[rng.IntN(len(genNotes))], wantRecognised)
	case 2:
		g.add(dataLine(",", r), wantRefused)
	case 3:
		g.add(dataLine("|", r), wantRefused)
	case 4:
		g.add(dataLine("\t", r), wantRefused)
	case 5:
		bad := r
		bad.label = strings.Replace(bad.label, ";", " ", -1)
		line := dataLine(";", bad)
		// students written as "12,000": ambiguous
		g.add(strings.Replace(line, ";"+strconv.FormatInt(r.students, 10)+";", ";12,000;", 1), wantRefused)
	case 6:
		g.add(dataLine(";", r), wantRecognised)
		g.hidden = append(g.hidden, len(g.lines))
	}
}

// genForm writes one institution's form saved as CSV.
func genForm(rng *rand.Rand, dict *tracks.Dictionary, g *genFile) {
	g.add("Enquête nationale C2i2e", wantRecognised)
	g.add("Année universitaire;2011-2012", wantRecognised)
	g.add("Code UAI;0751717J", wantRecognised)
	g.add("Établissement;Université Paris Exemple", wantRecognised)
	g.add("", wantBlank)
	g.header = "Parcours;Étudiants concernés;Certificats délivrés"
	g.add(g.header, wantRecognised)
	line := func(sep string, r genRow) string {
		return strings.Join([]string{r.label, strconv.FormatInt(r.students, 10), strconv.FormatInt(r.certs, 10)}, sep)
	}
	var s, c int64
	for _, r := range genTracks(rng, dict) {
		genMutation(rng, g, line, genRow{"Doctorats", 12, 7})
		g.add(line(";", r), wantFact)
		s, c = s+r.students, c+r.certs
	}
	label := []string{"Total", "Total général", "Ensemble", "Tous parcours confondus"}[rng.IntN(4)]
	switch k := rng.IntN(4); {
	case k == 0 && g.refusable:
		g.add(fmt.Sprintf("%s,%d,%d", label, s, c), wantRefused) // written with ','
	case k < 2:
		g.add(fmt.Sprintf("%s;%d;%d", label, s, c), wantRecognised)
	}
	genMutation(rng, g, line, genRow{"Doctorats", 12, 7})
}

// genTable writes a consolidated table of several institutions, with
// per-institution and table-wide totals.
func genTable(rng *rand.Rand, dict *tracks.Dictionary, g *genFile) {
	if rng.IntN(2) == 0 {
		g.add("Tableau consolidé — académie de Paris", wantRecognised)
	}
	g.header = "Année;Code UAI;Établissement;Parcours;Étudiants concernés;Certificats délivrés"
	g.add(g.header, wantRecognised)
	var all [2]int64
	for i := 0; i < 1+rng.IntN(4); i++ {
		n := fmt.Sprintf("075%04d", 1000+i)
		uai := n + string(UAIKey(n))
		name := fmt.Sprintf("Université Paris %d", i+1)
		line := func(sep string, r genRow) string {
			return strings.Join([]string{"2012", uai, name, r.label, strconv.FormatInt(r.students, 10), strconv.FormatInt(r.certs, 10)}, sep)
		}
		var s, c int64
		for _, r := range genTracks(rng, dict) {
			genMutation(rng, g, line, genRow{"Doctorats", 12, 7})
			g.add(line(";", r), wantFact)
			s, c = s+r.students, c+r.certs
		}
		if rng.IntN(2) == 0 {
			g.add(line(";", genRow{"Total", s, c}), wantRecognised)
		}
		all[0], all[1] = all[0]+s, all[1]+c
	}
	switch k := rng.IntN(4); {
	case k == 0 && g.refusable:
		g.add(fmt.Sprintf("Total général,,,,%d,%d", all[0], all[1]), wantRefused) // written with ','
	case k < 2:
		g.add(fmt.Sprintf("Total général;;;;%d;%d", all[0], all[1]), wantRecognised)
	}
	if rng.IntN(3) == 0 {
		// a TOTAL row whose placeholder UAI has a valid letter
		g.add(fmt.Sprintf("2012;0000000A;TOTAL;Tous parcours;%d;%d", all[0], all[1]), wantRecognised)
	}
}

// TestRowInvariant reads generated forms and consolidated tables, each
// with random blank lines, notes, totals, lines written with another
// separator, ambiguous counts and hidden rows, and checks that every
// non-blank row ends as exactly what was written: a fact, a recognised row
// or a refused row named by a refusal; that non-blank rows = facts +
// recognised + refused; and, for an accepted file, that the facts are
// exactly the fact rows.
func TestRowInvariant(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2026))
	dict := tracks.Default()
	opts := Options{MaxYear: 2030, Tracks: dict}
	var accepted, refusedFiles, hiddenRows int
	for i := 0; i < 400; i++ {
		layout := 1 + i%2
		g := genFile{refusable: i%4 >= 2}
		if layout == 1 {
			genForm(rng, dict, &g)
		} else {
			genTable(rng, dict, &g)
		}
		content := strings.Join(g.lines, "\n") + "\n"
		name := fmt.Sprintf("gen-%03d.csv", i)
		wb, err := sheet.ReadBytes(name, []byte(content), sheet.DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, content)
		}
		wb.Sheets[0].HiddenRows = g.hidden
		res, disp := interpret(wb, name, opts)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s (layout %d): %s\n%s\nrefusals: %v", name, layout, fmt.Sprintf(format, args...), content, res.Refusals)
		}
		if res.Layout != layout {
			fail("layout %d", res.Layout)
			continue
		}
		named := map[string]bool{}
		for _, p := range res.Refusals {
			named[p.Cell] = true
		}
		var nonBlank, facts, recognised, refused int
		for r, w := range g.want {
			var d disposition
			if r < len(disp) {
				d = disp[r]
			}
			got := wantBlank
			switch d {
			case dispFact:
				got = wantFact
			case dispHeader, dispTotal, dispNote, dispHidden:
				got = wantRecognised
			case dispRefused:
				got = wantRefused
			}
			if w != wantBlank {
				nonBlank++
			}
			switch got {
			case wantFact:
				facts++
			case wantRecognised:
				recognised++
			case wantRefused:
				refused++
				rowNamed := false
				for cell := range named {
					if strings.HasPrefix(cell, fmt.Sprintf("ligne %d,", r+1)) {
						rowNamed = true
					}
				}
				if !rowNamed {
					fail("line %d refused but no refusal names it", r+1)
				}
			}
			if got != w {
				fail("line %d %q became %s, want %s", r+1, g.lines[r], got, w)
			}
		}
		if nonBlank != facts+recognised+refused {
			fail("%d non-blank rows, %d facts + %d recognised + %d refused", nonBlank, facts, recognised, refused)
		}
		if refused > 0 != res.Refused() {
			fail("%d refused rows, refused file: %v", refused, res.Refused())
		}
		hiddenRows += len(g.hidden)
		if res.Refused() {
			refusedFiles++
		} else {
			accepted++
			n := 0
			for _, s := range res.Submissions {
				for _, f := range s.Facts {
					n++
					line, _ := strconv.Atoi(strings.TrimSuffix(strings.Fields(strings.TrimPrefix(f.Source.Cell, "ligne "))[0], ","))
					if line < 1 || line > len(disp) || disp[line-1] != dispFact {
						fail("fact %+v comes from a row that is not a fact row", f)
					}
				}
			}
			if n != facts {
				fail("%d facts from %d fact rows", n, facts)
			}
		}
	}
	// The mix must exercise both outcomes, or the test proves little.
	if accepted < 50 || refusedFiles < 50 || hiddenRows < 50 {
		t.Errorf("%d accepted, %d refused files, %d hidden rows: the generator lost its mix", accepted, refusedFiles, hiddenRows)
	}
	t.Logf("%d accepted, %d refused files, %d hidden rows", accepted, refusedFiles, hiddenRows)
}
