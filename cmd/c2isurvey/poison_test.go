package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// poisonForm is a Layout 1 form saved as CSV, the shape an institution's
// spreadsheet software writes.
func poisonForm(uai, name, academie string, rows ...string) []byte {
	lines := []string{
		"Enquête C2i2e",
		"Année universitaire;2011-2012",
		"Code UAI;" + uai,
		"Établissement;" + name,
		"Académie;" + academie,
		"",
		"Parcours;Étudiants concernés;Certificats délivrés",
	}
	if len(rows) == 0 {
		rows = []string{"Masters enseignement;100;60", "Autres masters;50;20"}
	}
	return []byte(strings.Join(append(lines, rows...), "\n") + "\n")
}

// poisonXLSX is a one-sheet workbook whose sheet (and shared strings, when
// not nil) are streamed from the given writers: the hostile part is made
// of many small repeats, a few hundred KB on disk.
func poisonXLSX(t *testing.T, sheet func(w *bytes.Buffer), sst func(w *bytes.Buffer)) []byte {
	t.Helper()
	var out bytes.Buffer
	z := zip.NewWriter(&out)
	part := func(name string, fill func(w *bytes.Buffer)) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		fill(&b)
		if _, err := w.Write(b.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	str := func(s string) func(w *bytes.Buffer) { return func(w *bytes.Buffer) { w.WriteString(s) } }
	part("[Content_Types].xml", str(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`))
	part("_rels/.rels", str(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", str(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Enquête" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", str(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	part("xl/worksheets/sheet1.xml", sheet)
	if sst != nil {
		part("xl/sharedStrings.xml", sst)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// TestPoisonFilesDoNotStopPublication drops, beside a year of good forms,
// one file of each class that used to stop every nightly publication (a
// crash in an output, a text too long to lay out, a shape that costs
// gigabytes, a name too long for the archive) and wants each night to
// publish the rest: exit 0, a complete set in reports/latest, the good
// forms counted exactly, the poison accepted or refused but never fatal.
func TestPoisonFilesDoNotStopPublication(t *testing.T) {
	if testing.Short() {
		t.Skip("builds hostile files of several MB")
	}
	good := sampleFiles(t, "2011-2012")
	ref := t.TempDir()
	drop(t, ref, good...)
	if code, _, stderr := runCmd(t, "run", "--data", ref, "--settle", "0s"); code != exitOK {
		t.Fatalf("reference run exited %d: %s", code, stderr)
	}
	refNational, err := os.ReadFile(filepath.Join(ref, "reports", "latest", "national.csv"))
	if err != nil {
		t.Fatal(err)
	}

	// Within a spreadsheet cell's 32,767 characters: accepted, and the
	// outputs must cut it before layout.
	long := strings.Repeat("Université de très longue dénomination ", 800) // 31,200 characters
	// Beyond what any spreadsheet cell holds: refused at its cell.
	huge := strings.Repeat("Université de très longue dénomination ", 30000) // 1.2 M characters
	for _, tc := range []struct {
		name    string
		file    string // relative to the inbox; folders are created
		content func(t *testing.T) []byte
		counted bool // an accepted file: national.csv gains it
	}{
		{"emoji in a name", "emoji.csv", func(*testing.T) []byte {
			return poisonForm("0753742K", "Université 😀 des Émojis 🎓", "Paris")
		}, true},
		{"a name of 31,200 characters", "long.csv", func(*testing.T) []byte {
			return poisonForm("0753742K", long, "Paris")
		}, true},
		{"a name of a million characters", "huge.csv", func(*testing.T) []byte {
			return poisonForm("0753742K", huge, "Paris")
		}, false},
		{"bidi override and escapes in a name", "bidi.csv", func(*testing.T) []byte {
			return poisonForm("0753742K", "Université \u202eesuoluoT\u202c \x1b[2J\x07", "Paris")
		}, true},
		{"a long value quoted in a refusal", "refused-long.csv", func(*testing.T) []byte {
			return poisonForm("0753742K", "Université", "Paris", long+";100;60", "Masters enseignement;10;5")
		}, false},
		{"one cell in column GR on 999,000 rows", "column-gr.xlsx", func(t *testing.T) []byte {
			return poisonXLSX(t, func(w *bytes.Buffer) {
				w.WriteString(sheetHead)
				for r := 1; r <= 999_000; r++ {
					fmt.Fprintf(w, `<row r="%d"><c r="GR%d"><v>1</v></c></row>`, r, r)
				}
				w.WriteString(sheetTail)
			}, nil)
		}, false},
		{"millions of unclosed nested elements", "nested.xlsx", func(t *testing.T) []byte {
			return poisonXLSX(t, func(w *bytes.Buffer) {
				w.WriteString(strings.TrimSuffix(sheetHead, "<sheetData>"))
				w.WriteString(strings.Repeat("<a>", 20_000_000))
			}, nil)
		}, false},
		{"millions of attributes on one element", "attrs.xlsx", func(t *testing.T) []byte {
			return poisonXLSX(t, func(w *bytes.Buffer) {
				w.WriteString(sheetHead + `<row r="1"><c r="A1"`)
				for i := 0; i < 10_000_000; i++ {
					w.WriteString(` x="1"`)
				}
				w.WriteString(`/></row>` + sheetTail)
			}, nil)
		}, false},
		{"millions of empty shared strings", "sst.xlsx", func(t *testing.T) []byte {
			return poisonXLSX(t, func(w *bytes.Buffer) {
				w.WriteString(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail)
			}, func(w *bytes.Buffer) {
				w.WriteString(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				w.WriteString(strings.Repeat("<si/>", 20_000_000))
				w.WriteString(`</sst>`)
			})
		}, false},
		{"a CSV line of 20 million separators", "separators.csv", func(*testing.T) []byte {
			return []byte(strings.Repeat(";", 20_000_000) + "\n")
		}, false},
		{"a file name of 250 bytes", strings.Repeat("é", 121) + ".csv", func(*testing.T) []byte {
			return poisonForm("0753742K", "Université au nom de fichier long", "Paris")
		}, true},
		{"a deep folder path", filepath.Join("Académie de "+strings.Repeat("Versailles ", 8), "Université de "+strings.Repeat("Versailles Saint-Quentin ", 4), "2011-2012", strings.Repeat("enquête ", 8)+".csv"), func(*testing.T) []byte {
			return poisonForm("0753742K", "Université au chemin long", "Paris")
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			drop(t, data, good...)
			p := filepath.Join(data, "inbox", tc.file)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, tc.content(t), 0o644); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCmd(t, "run", "--data", data, "--settle", "0s")
			if code != exitOK {
				t.Fatalf("run exited %d: %s", code, stderr)
			}
			latest := filepath.Join(data, "reports", "latest")
			for _, name := range []string{"national.csv", "tracks.csv", "rejections.csv", "c2i2e.xlsx", "c2i2e-2011-2012.pdf"} {
				if info, err := os.Stat(filepath.Join(latest, name)); err != nil || info.Size() == 0 {
					t.Errorf("%s not published: %v", name, err)
				}
			}
			national, _ := os.ReadFile(filepath.Join(latest, "national.csv"))
			if same := bytes.Equal(national, refNational); same == tc.counted {
				t.Errorf("national.csv counted the file: %v, want %v\n%s", !same, tc.counted, national)
			}
			// Folders may stay; every file must have been taken.
			filepath.WalkDir(filepath.Join(data, "inbox"), func(p string, de os.DirEntry, err error) error {
				if err == nil && !de.IsDir() {
					t.Errorf("left in the inbox: %s", p)
				}
				return nil
			})
		})
	}
}
