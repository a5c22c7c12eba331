package template

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest/testutil"
	"c2isurvey/ingest/tracks"
)

var update = flag.Bool("update", false, "rewrite golden files")

func rate(f float64) *float64 { return &f }

// dump lists every non-empty cell of every sheet with its stored type, the
// number formats of count and rate cells, and the data validations: what a
// person checking the form would look at.
func dump(t *testing.T, data []byte) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("open written form: %v", err)
	}
	defer x.Close()
	var b strings.Builder
	for _, name := range x.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", name)
		rows, err := x.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("rows of %s: %v", name, err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := x.GetCellType(name, ref)
				if err != nil {
					t.Fatalf("type of %s: %v", ref, err)
				}
				format := ""
				if style, err := x.GetCellStyle(name, ref); err == nil {
					if st, err := x.GetStyle(style); err == nil {
						if st.CustomNumFmt != nil {
							format = " fmt=" + *st.CustomNumFmt
						} else if st.NumFmt != 0 {
							format = fmt.Sprintf(" fmt=%d", st.NumFmt)
						}
					}
				}
				fmt.Fprintf(&b, "%s [%d%s] %s\n", ref, typ, format, v)
			}
		}
		dvs, err := x.GetDataValidations(name)
		if err != nil {
			t.Fatalf("validations of %s: %v", name, err)
		}
		for _, dv := range dvs {
			msg := ""
			if dv.Error != nil {
				msg = *dv.Error
			}
			fmt.Fprintf(&b, "validation %s %s %s %s %s blank=%v: %s\n", dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, dv.AllowBlank, msg)
		}
	}
	return b.String()
}

func TestWrite(t *testing.T) {
	dict := tracks.Default()
	cases := []struct {
		name string
		form Form
	}{
		{"blank-fr", Form{Year: 2013, Tracks: dict, Total: true}},
		{"blank-en", Form{Year: 2013, Tracks: dict, Lang: "en", Total: true}},
		{"filled-breakdown", Form{
			Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Academie: "Bordeaux", Tracks: dict, Total: true,
			Values: map[string]Counts{
				"masters-enseignement": {Students: 1139, Certs: 731},
				"autres-masters":       {Students: 210, Certs: 128, Rate: rate(0.61)},
				"candidats-libres":     {Students: 0, Certs: 0},
				"fc-sco":               {Students: 95, Certs: 61},
			},
		}},
		{"filled-non-ventile", Form{
			Year: 2008, UAI: "0693300X", Name: "IUFM de l’académie de Lyon", Academie: "Lyon", Tracks: dict,
			Values: map[string]Counts{NonVentile: {Students: 1204, Certs: 780}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.form); err != nil {
				t.Fatalf("Write: %v", err)
			}
			got := dump(t, buf.Bytes())
			testutil.Golden(t, filepath.Join("testdata", tc.name, "cells.golden"), []byte(got), *update)
		})
	}
}

// TestWriteCells checks the facts of the contract directly, so that a golden
// file rewritten carelessly cannot hide a broken form.
func TestWriteCells(t *testing.T) {
	dict := tracks.Default()
	var buf bytes.Buffer
	form := Form{Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Tracks: dict, Total: true,
		Values: map[string]Counts{"masters-enseignement": {Students: 1139, Certs: 731}, "doctorats": {Students: 10, Certs: 6}}}
	if err := Write(&buf, form); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 2 || !strings.HasPrefix(got[0], "Enquête") || got[1] != InstructionsSheet {
		t.Fatalf("sheets = %q", got)
	}
	want := map[string]string{
		"A1": "Enquête nationale C2i2e — année universitaire 2011-2012",
		"A2": "Année universitaire", "B2": "2011-2012",
		"A3": "Code UAI", "B3": "0331764N",
		"A4": "Établissement", "B4": "Université de Bordeaux",
		"A5": "Académie", "B5": "",
		"A7": "Parcours", "B7": "Étudiants concernés", "C7": "Certificats délivrés", "D7": "Taux de réussite",
		"A8": "Masters enseignement", "B8": "1139", "C8": "731",
		"A9": "Autres masters", "B9": "", "C9": "", "D9": "",
		"A10": "Doctorats", "B10": "10", "C10": "6", "D10": "0.6",
		"A14": "Formation continue Autres",
		"A15": "Total", "B15": "1149", "C15": "737",
		"A16": "",
	}
	for ref, v := range want {
		got, err := x.GetCellValue(SurveySheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got != v {
			t.Errorf("%s = %q, want %q", ref, got, v)
		}
	}
	for _, ref := range []string{"B8", "C8", "D8", "B15"} {
		if typ, _ := x.GetCellType(SurveySheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s stored as type %d, want a number", ref, typ)
		}
		if f, _ := x.GetCellFormula(SurveySheet, ref); f != "" {
			t.Errorf("%s holds formula %q: a program-written form has no cached results", ref, f)
		}
	}
	dvs, err := x.GetDataValidations(SurveySheet)
	if err != nil {
		t.Fatal(err)
	}
	bySqref := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		bySqref[dv.Sqref] = dv
	}
	if dv := bySqref["B8:B15"]; dv == nil || dv.Type != "whole" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" || dv.Error == nil {
		t.Errorf("students validation = %+v", dv)
	}
	if dv := bySqref["C8:C15"]; dv == nil || dv.Type != "whole" || dv.Operator != "between" || dv.Formula2 != "B8" {
		t.Errorf("certificates validation = %+v", dv)
	}
}

func TestWriteDeterministic(t *testing.T) {
	form := Form{Year: 2012, UAI: "0331764N", Name: "Université de Bordeaux", Tracks: tracks.Default(), Total: true,
		Values: map[string]Counts{"masters-enseignement": {Students: 1139, Certs: 731}}}
	var a, b bytes.Buffer
	if err := Write(&a, form); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, form); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same form differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		// A zero MS-DOS date and time (read back as 1979-11-30) and no
		// extended timestamp: excelize does not put the clock in the zip.
		if f.ModifiedDate != 0 || f.ModifiedTime != 0 || len(f.Extra) != 0 {
			t.Errorf("zip entry %s carries a time %v: the bytes would depend on the clock", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		switch f.Name {
		case "docProps/core.xml":
			if !bytes.Contains(content, []byte("2012-07-01T00:00:00Z")) {
				t.Errorf("core.xml has no fixed date:\n%s", content)
			}
		case "xl/worksheets/sheet1.xml":
			// Institutions must be able to type in the form.
			if bytes.Contains(content, []byte("sheetProtection")) {
				t.Errorf("the survey sheet is protected")
			}
		}
	}
}

func TestWriteErrors(t *testing.T) {
	dict := tracks.Default()
	cases := []struct {
		name string
		form Form
		want string
	}{
		{"no dictionary", Form{Year: 2012}, "no track dictionary"},
		{"no year", Form{Tracks: dict}, "year 0"},
		{"unknown track", Form{Year: 2012, Tracks: dict, Values: map[string]Counts{"licences": {}}}, `"licences" is not in the dictionary`},
		{"mixed non-ventile", Form{Year: 2012, Tracks: dict, Values: map[string]Counts{NonVentile: {}, "doctorats": {}}}, "cannot be mixed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(io.Discard, tc.form)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
