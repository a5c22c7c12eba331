package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"

	"c2isurvey/ingest/sheet/internal/hostile"
)

// The million-row tables of shortTable as workbooks, in the two ways
// spreadsheet programs write them: texts in a shared-string table, as
// Excel and LibreOffice do (shortSharedXLSX), and texts inline, as
// excelize's StreamWriter does (shortInlineXLSX). Numbers are numbers in
// both. The streamed workbook reader (sheet.StreamXLSX) is measured on
// them (docs/performance.md, "The 1M-row consolidated table").

// cellValue is a field of shortRecords as a workbook cell holds it: the
// year, students and certificates as numbers, anything else as text.
func cellValue(col int, s string) (any, bool) {
	if col == 0 || col >= 5 {
		if n, err := strconv.Atoi(s); err == nil {
			return n, true
		}
	}
	return s, false
}

// shortSharedXLSX is shortTable as a workbook whose texts are in a
// shared-string table, in the order they first appear (as Excel writes
// it), each cell with its reference and the row its spans.
func shortSharedXLSX(rows int, order string, english bool) []byte {
	// A first pass numbers the texts, so that the table is written whole
	// without the sheet's XML being held.
	index := map[string]int{}
	var strs []string
	shortRecords(rows, order, english, func(f []string) {
		for j, s := range f {
			if _, num := cellValue(j, s); !num {
				if _, ok := index[s]; !ok {
					index[s] = len(strs)
					strs = append(strs, s)
				}
			}
		}
	})
	sheetXML := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<dimension ref="A1:G` + strconv.Itoa(rows+1) + `"/><sheetData>`)
		r := 0
		shortRecords(rows, order, english, func(f []string) {
			r++
			n := strconv.Itoa(r)
			bw.WriteString(`<row r="` + n + `" spans="1:7">`)
			for j, s := range f {
				ref := string(rune('A'+j)) + n
				if v, num := cellValue(j, s); num && r > 1 {
					fmt.Fprintf(bw, `<c r="%s" s="1"><v>%d</v></c>`, ref, v)
				} else {
					bw.WriteString(`<c r="` + ref + `" t="s"><v>` + strconv.Itoa(index[s]) + `</v></c>`)
				}
			}
			bw.WriteString(`</row>`)
		})
		bw.WriteString(`</sheetData></worksheet>`)
		return bw.Flush()
	}
	sstXML := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
		for _, s := range strs {
			bw.WriteString("<si><t>" + s + "</t></si>")
		}
		bw.WriteString(`</sst>`)
		return bw.Flush()
	}
	return hostile.Workbook(sheetXML, sstXML)
}

// shortInlineXLSX is shortTable written by excelize's StreamWriter: texts
// inline in their cells; with notes, a second sheet says where the table
// comes from, as an export often does.
func shortInlineXLSX(rows int, order string, english, notes bool) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		panic(err)
	}
	r := 0
	vals := make([]any, 7)
	shortRecords(rows, order, english, func(fields []string) {
		r++
		for j, s := range fields {
			vals[j], _ = cellValue(j, s)
			if r == 1 {
				vals[j] = s
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, vals); err != nil {
			panic(err)
		}
	})
	if err := sw.Flush(); err != nil {
		panic(err)
	}
	if notes {
		if _, err := f.NewSheet("Notes"); err != nil {
			panic(err)
		}
		for i, line := range []string{"Source : remontées des établissements, consolidées par le rectorat.", "Une ligne par établissement, année et parcours.", "Contact : statistiques@exemple.gouv.fr"} {
			if err := f.SetCellValue("Notes", "A"+strconv.Itoa(i+1), line); err != nil {
				panic(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// libreOffice is the CSV text csv (UTF-8, ';') saved as .xlsx by
// LibreOffice, headless (about 20 s and 2 GB for a million rows); nil, with
// a message, when soffice is not installed. Unlike the other files, not
// the same bytes from one run to the next: LibreOffice dates the document.
func libreOffice(csv []byte) []byte {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		log.Printf("soffice (LibreOffice) is not installed: no workbook saved by it")
		return nil
	}
	dir, err := os.MkdirTemp("", "mkfixtures-lo")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(in, csv, 0o644); err != nil {
		log.Fatal(err)
	}
	// A profile of its own, so that an office suite already running does
	// not take the conversion; the CSV is read as UTF-8 (76) with ';' (59)
	// and '"' (34).
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "table.xlsx"))
	if err != nil {
		log.Fatal(err)
	}
	return data
}
