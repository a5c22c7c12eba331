package svgchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"c2isurvey/ingest/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// node is an element of a parsed SVG.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on n and every element below it.
func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// child returns the text of n's first child element of the given name.
func (n *node) child(name string) string {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c.Text
		}
	}
	return ""
}

func parse(t *testing.T, data []byte) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatalf("the SVG does not parse: %v\n%s", err, data)
	}
	return root
}

var nan = math.NaN()

// comparison is a chart like the portal's compare page draws: success
// rates of track groups over years, a missing year, a fragile value, and a
// name that would break markup.
func comparison() Chart {
	return Chart{
		ID:         "cmp",
		Title:      "Taux de réussite par groupe de parcours",
		XTitle:     "Année universitaire",
		YTitle:     "Taux de réussite",
		Categories: []string{"2008-2009", "2009-2010", "2010-2011", "2011-2012"},
		Series: []Series{
			{Name: "Masters", Values: []float64{0.61, 0.64, 0.66, 0.68}},
			{Name: "Doctorats", Values: []float64{0.4, nan, 0.45, 0.5}, Fragile: []bool{false, false, true, false}},
			{Name: `Formation <continue> & "autres"`, Values: []float64{0.9, 0.85, 0.8, 1}},
		},
		Unit: Rate,
	}
}

func TestBarsAndLines(t *testing.T) {
	for _, tc := range []struct {
		name string
		draw func(io.Writer, Chart) error
		c    Chart
		// marks is the number of bars or points; fragile, of those marked.
		marks, fragile int
		class          string
	}{
		{"bars-rates", Bars, comparison(), 11, 1, "bar"},
		{"lines-rates", Lines, comparison(), 11, 1, "point"},
		{"bars-counts-en", Bars, Chart{
			Title: "Certificates", YTitle: "Certificates delivered", Lang: "en",
			Categories: []string{"Teaching masters", "Other masters", "Doctorates", "Independent candidates", "Continuing education"},
			Series: []Series{
				{Name: "2011", Values: []float64{1200, 850, 40, 7, nan}, Fragile: []bool{false, false, false, true, false}},
				{Name: "2012", Values: []float64{1350, 800, 52, 12, 300}},
			},
		}, 9, 1, "bar"},
		{"lines-one-point", Lines, Chart{
			Title: "Une année", Categories: []string{"2012"},
			Series: []Series{{Name: "Masters", Values: []float64{35604}}},
		}, 1, 0, "point"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.draw(&buf, tc.c); err != nil {
				t.Fatal(err)
			}
			root := parse(t, buf.Bytes())
			if root.XMLName.Local != "svg" || root.attr("role") != "img" {
				t.Errorf("root %s role %q, want an svg of role img", root.XMLName.Local, root.attr("role"))
			}
			if got := root.child("title"); got != tc.c.Title {
				t.Errorf("title %q, want %q", got, tc.c.Title)
			}
			if root.child("desc") == "" {
				t.Error("no description")
			}
			for _, id := range strings.Fields(root.attr("aria-labelledby")) {
				found := false
				root.walk(func(n *node) { found = found || n.attr("id") == id })
				if !found {
					t.Errorf("aria-labelledby names %q, which is not in the SVG", id)
				}
			}
			marks, fragile := 0, 0
			var titles []string
			texts := map[string]bool{}
			root.walk(func(n *node) {
				classes := strings.Fields(n.attr("class"))
				if len(classes) > 0 && classes[0] == tc.class {
					marks++
					titles = append(titles, n.child("title"))
					if len(classes) > 1 && classes[1] == "fragile" {
						fragile++
					}
				}
				if n.XMLName.Local == "text" {
					texts[strings.TrimSpace(n.Text)] = true
				}
			})
			if marks != tc.marks || fragile != tc.fragile {
				t.Errorf("%d %s (%d fragile), want %d (%d fragile)", marks, tc.class, fragile, tc.marks, tc.fragile)
			}
			// Every category labels the axis; every series is in the legend
			// and in the titles of its marks, markup characters included.
			for _, cat := range tc.c.Categories {
				if !texts[cat] {
					t.Errorf("no label %q", cat)
				}
			}
			for _, s := range tc.c.Series {
				if !texts[s.Name] {
					t.Errorf("no legend %q", s.Name)
				}
				n := 0
				for _, ti := range titles {
					if strings.HasPrefix(ti, s.Name+" — ") {
						n++
					}
				}
				want := 0
				for _, v := range s.Values {
					if !math.IsNaN(v) {
						want++
					}
				}
				if n != want {
					t.Errorf("series %q: %d marks titled, want %d", s.Name, n, want)
				}
			}
			if tc.fragile > 0 {
				note := "fragile\u00a0: effectif faible, à lire avec prudence"
				if tc.c.Lang == "en" {
					note = "fragile: small count, read with care"
				}
				if !texts[note] {
					t.Errorf("no legend for the fragile mark")
				}
			}
			// Same chart, same bytes; and the golden file.
			var again bytes.Buffer
			_ = tc.draw(&again, tc.c)
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two drawings differ")
			}
			testutil.Golden(t, filepath.Join("testdata", tc.name+".svg"), buf.Bytes(), *update)
		})
	}
}

// TestLineGaps checks that a missing value breaks the line rather than
// joining its neighbours.
func TestLineGaps(t *testing.T) {
	c := comparison()
	var buf bytes.Buffer
	if err := Lines(&buf, c); err != nil {
		t.Fatal(err)
	}
	root := parse(t, buf.Bytes())
	var paths []string
	root.walk(func(n *node) {
		if n.attr("class") == "line" {
			paths = append(paths, n.attr("d"))
		}
	})
	if len(paths) != 3 {
		t.Fatalf("%d lines, want 3", len(paths))
	}
	if got := strings.Count(paths[1], "M"); got != 2 {
		t.Errorf("line with a gap %q: %d pieces, want 2", paths[1], got)
	}
	if got := strings.Count(paths[0], "M"); got != 1 {
		t.Errorf("line without a gap %q: %d pieces, want 1", paths[0], got)
	}
}

// TestHostileText checks that texts from the data cannot break the SVG nor
// inject markup: control characters, a script tag, a bidi override.
func TestHostileText(t *testing.T) {
	c := Chart{
		Title:      "</title><script>alert(1)</script>",
		Categories: []string{"a\x00b\x1b[2J", "\u202eevil"},
		Series:     []Series{{Name: "<g onload=x>", Values: []float64{1, 2}}},
	}
	var buf bytes.Buffer
	if err := Bars(&buf, c); err != nil {
		t.Fatal(err)
	}
	root := parse(t, buf.Bytes())
	root.walk(func(n *node) {
		if n.XMLName.Local == "script" || n.attr("onload") != "" {
			t.Errorf("markup injected: %s", n.XMLName.Local)
		}
	})
	if root.child("title") != c.Title {
		t.Errorf("title %q, want the text as it is", root.child("title"))
	}
	if bytes.ContainsAny(buf.Bytes(), "\x00\x1b\u202e") {
		t.Error("a control character reached the SVG")
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Chart
		want string
	}{
		{"no category", Chart{Title: "x"}, "no category"},
		{"values", Chart{Categories: []string{"a", "b"}, Series: []Series{{Name: "s", Values: []float64{1}}}}, "1 values for 2 categories"},
		{"fragile", Chart{Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []float64{1}, Fragile: []bool{true, false}}}}, "2 fragile flags"},
		{"id", Chart{ID: `a"b`, Categories: []string{"a"}}, "letters, digits"},
		{"infinite", Chart{Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []float64{math.Inf(1)}}}}, "infinite"},
	} {
		var buf bytes.Buffer
		err := Bars(&buf, tc.c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written on error", tc.name, buf.Len())
		}
	}
	if err := Lines(io.Discard, Chart{Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []float64{math.Inf(-1)}}}}); !errors.Is(err, errInfinite) {
		t.Errorf("Lines with -Inf: %v", err)
	}
}
