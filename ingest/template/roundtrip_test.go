package template

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"c2isurvey/ingest"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/tracks"
)

// TestRoundTrip writes filled forms and reads them back with the ingest
// reader: the form the ministry sends must be accepted with the very counts
// written, in both languages, with and without the Total row.
func TestRoundTrip(t *testing.T) {
	dict := tracks.Default()
	breakdown := map[string]Counts{
		"masters-enseignement": {Students: 1139, Certs: 731},
		"autres-masters":       {Students: 210, Certs: 128, Rate: rate(0.6095)},
		"candidats-libres":     {Students: 12, Certs: 0},
		"fc-sco":               {Students: 95, Certs: 61},
	}
	cases := []struct {
		name string
		form Form
	}{
		{"fr-breakdown-total", Form{Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Academie: "Bordeaux", Tracks: dict, Values: breakdown, Total: true}},
		{"fr-breakdown", Form{Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Tracks: dict, Values: breakdown}},
		{"en-breakdown-total", Form{Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Academie: "Bordeaux", Lang: "en", Tracks: dict, Values: breakdown, Total: true}},
		{"fr-non-ventile", Form{Year: 2008, UAI: "0693300M", Name: "IUFM de l'académie de Lyon", Academie: "Lyon", Tracks: dict,
			Values: map[string]Counts{NonVentile: {Students: 1204, Certs: 780}}, Total: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.form.UAI+".xlsx")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(f, tc.form); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			res := ingest.ReadFile(path, ingest.Options{Tracks: dict, Limits: sheet.DefaultLimits(), MaxYear: 2013})
			if res.Refused() {
				t.Fatalf("refused: %+v", res.Refusals)
			}
			for _, w := range res.Warnings {
				t.Errorf("warning: %s (%s %s)", w.Message, w.Sheet, w.Cell)
			}
			if res.Layout != 1 || len(res.Submissions) != 1 {
				t.Fatalf("layout %d, %d submissions; want one Layout 1 submission", res.Layout, len(res.Submissions))
			}
			s := res.Submissions[0]
			if s.UAI != tc.form.UAI || s.Year != tc.form.Year || s.Institution != tc.form.Name {
				t.Errorf("identification = %s %d %q", s.UAI, s.Year, s.Institution)
			}
			// The académie is optional: left blank, it must read as blank,
			// not as the label « Académie » next to the empty cell.
			if s.Academie != tc.form.Academie {
				t.Errorf("académie read %q, wrote %q", s.Academie, tc.form.Academie)
			}
			got := map[string]Counts{}
			for _, fact := range s.Facts {
				if fact.Students == 0 && fact.Certs == 0 {
					if _, written := tc.form.Values[fact.Track]; !written {
						continue // an empty row read as zero
					}
				}
				got[fact.Track] = Counts{Students: fact.Students, Certs: fact.Certs}
			}
			var want []string
			for code, c := range tc.form.Values {
				want = append(want, code)
				if g := got[code]; g.Students != c.Students || g.Certs != c.Certs {
					t.Errorf("%s: read %d/%d, wrote %d/%d", code, g.Students, g.Certs, c.Students, c.Certs)
				}
			}
			var read []string
			for code := range got {
				read = append(read, code)
			}
			slices.Sort(want)
			slices.Sort(read)
			if !slices.Equal(read, want) {
				t.Errorf("tracks read %v, written %v", read, want)
			}
		})
	}
}
