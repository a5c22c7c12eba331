package main

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"c2isurvey/ingest/template"
	"c2isurvey/ingest/tracks"
)

// sampleFile is one file to write under the samples folder.
type sampleFile struct {
	path string // relative, with '/'
	data []byte
	// mod is the modification time to set: the order in which the ministry
	// received the files, which decides which of two files of the same
	// institution and year counts.
	mod time.Time
}

// consolidation is an académie's table covering its institutions for a
// year (Layout 2), in one of the shapes real files come in.
type consolidation struct {
	year     int
	academie string // preferred; another is taken if it has fewer than two institutions that year
	kind     string // "xlsx-fr", "xlsx-en", "csv-utf8-bom", "csv-cp1252"
}

func consolidations() []consolidation {
	return []consolidation{
		{2008, "Créteil", "xlsx-fr"},
		{2010, "Versailles", "xlsx-en"},
		{2012, "Lille", "csv-utf8-bom"},
		{2012, "Lyon", "csv-cp1252"},
	}
}

// received is when a year's files reached the ministry: from October after
// the academic year, one file every 37 minutes in the order they are written.
func received(year, i int) time.Time {
	return time.Date(year, time.October, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Minute)
}

// plan turns the answers into files: mostly one Layout 1 form per
// institution, a few académies' consolidated tables, a corrected form, an
// exact duplicate, and the broken files.
func plan(ds *dataset, dict *tracks.Dictionary) ([]sampleFile, error) {
	var files []sampleFile
	byYear := map[int][]answer{}
	var years []int
	for _, a := range ds.answers {
		if _, ok := byYear[a.year]; !ok {
			years = append(years, a.year)
		}
		byYear[a.year] = append(byYear[a.year], a)
	}
	for _, year := range years {
		answers := byYear[year]
		dir := template.YearLabel(year)
		consolidated := map[string]bool{} // UAI → covered by a table
		var yearFiles []sampleFile
		for _, c := range consolidations() {
			if c.year != year {
				continue
			}
			acad := pickAcademie(answers, c.academie, consolidated)
			var group []answer
			for _, a := range answers {
				if a.inst.academie == acad && !consolidated[a.uai] {
					group = append(group, a)
				}
			}
			if len(group) < 2 {
				return nil, fmt.Errorf("year %d: no académie left with two institutions for a consolidated table", year)
			}
			for _, a := range group {
				consolidated[a.uai] = true
			}
			f, err := consolidatedFile(c, acad, group, dict)
			if err != nil {
				return nil, err
			}
			f.path = dir + "/" + f.path
			yearFiles = append(yearFiles, f)
		}
		corrected, duplicated := false, false
		for i, a := range answers {
			if consolidated[a.uai] {
				continue
			}
			name := dir + "/" + a.uai + "_" + slug(a.inst.name)
			form := formOf(a, dict, i%3 != 2)
			if year == breakdownYear && !corrected && a.rows[0].certs >= 50 {
				// The institution first sent a form with two digits
				// swapped in its teaching masters' certificates, then the
				// whole form corrected: only the correction gives the
				// published totals.
				corrected = true
				wrong := formOf(a, dict, true)
				c := wrong.Values[a.rows[0].track]
				c.Certs = swapLastDigits(c.Certs)
				if c.Certs > c.Students || c.Certs == a.rows[0].certs {
					return nil, fmt.Errorf("%s: the slip gives %d certificates for %d students", name, c.Certs, c.Students)
				}
				wrong.Values[a.rows[0].track] = c
				data, err := writeForm(wrong)
				if err != nil {
					return nil, err
				}
				yearFiles = append(yearFiles, sampleFile{path: name + ".xlsx", data: data})
				name += "_corrige"
			}
			data, err := writeForm(form)
			if err != nil {
				return nil, err
			}
			yearFiles = append(yearFiles, sampleFile{path: name + ".xlsx", data: data})
			if year == breakdownYear-1 && !duplicated {
				// Sent twice: the same bytes under the name Windows gives a
				// copy. It must count once.
				duplicated = true
				yearFiles = append(yearFiles, sampleFile{path: name + " - Copie.xlsx", data: data})
			}
		}
		if year == breakdownYear && !corrected || year == breakdownYear-1 && !duplicated {
			return nil, fmt.Errorf("year %d: no form fit for the corrected or duplicated sample", year)
		}
		for i := range yearFiles {
			yearFiles[i].mod = received(year, i)
		}
		files = append(files, yearFiles...)
	}
	broken, err := brokenFiles(byYear[breakdownYear], dict)
	if err != nil {
		return nil, err
	}
	files = append(files, broken...)
	slices.SortFunc(files, func(a, b sampleFile) int { return cmp.Compare(a.path, b.path) })
	return files, nil
}

// pickAcademie returns the preferred académie if it has two institutions not
// yet covered that year, else the one with the most (ties alphabetical).
func pickAcademie(answers []answer, preferred string, taken map[string]bool) string {
	count := map[string]int{}
	for _, a := range answers {
		if !taken[a.uai] {
			count[a.inst.academie]++
		}
	}
	if count[preferred] >= 2 {
		return preferred
	}
	best := ""
	for acad, n := range count {
		if n > count[best] || n == count[best] && acad < best {
			best = acad
		}
	}
	return best
}

func formOf(a answer, dict *tracks.Dictionary, total bool) template.Form {
	values := map[string]template.Counts{}
	for _, r := range a.rows {
		values[r.track] = template.Counts{Students: r.students, Certs: r.certs}
	}
	return template.Form{
		Year: a.year, UAI: a.uai, Name: a.inst.name, Academie: a.inst.academie,
		Tracks: dict, Values: values, Total: total,
	}
}

func writeForm(f template.Form) ([]byte, error) {
	var buf bytes.Buffer
	if err := template.Write(&buf, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// swapLastDigits turns 731 into 713: the typing slip the corrected form fixes.
func swapLastDigits(n int64) int64 {
	s := []byte(strconv.FormatInt(n, 10))
	k := len(s)
	if s[k-1] == s[k-2] {
		s[k-2] = '0' + (s[k-2]-'0'+1)%10
	} else {
		s[k-1], s[k-2] = s[k-2], s[k-1]
	}
	v, _ := strconv.ParseInt(string(s), 10, 64)
	return v
}

// slug makes a file-name part of an institution name: lower case ASCII
// words joined by hyphens ("Université d'Artois" → "universite-d-artois").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

// Labels the consolidated tables use for tracks, as regional offices write
// them: synonyms of the dictionary, not its labels.
func consolidatedLabel(kind, code string) string {
	fr := map[string]string{
		"masters-enseignement": "Master MEEF",
		"autres-masters":       "Autres masters",
		"doctorats":            "Doctorat",
		"candidats-libres":     "Candidats libres",
		"fc-sup":               "Formation continue enseignement supérieur",
		"fc-sco":               "FC scolaire",
		"fc-autres":            "Formation continue autre",
		"non-ventile":          "Total non ventilé",
	}
	switch kind {
	case "xlsx-en":
		return map[string]string{"non-ventile": "All tracks"}[code]
	case "xlsx-fr":
		return map[string]string{"non-ventile": "Tous parcours"}[code]
	case "csv-cp1252":
		if code == "masters-enseignement" {
			return "Masters enseignement"
		}
	}
	return fr[code]
}

// frNumber writes 1139 as "1 139" with a no-break space, as French
// spreadsheet software exports it.
func frNumber(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// frPercent writes 0.646 as "64,6 %" (no-break space before the sign).
func frPercent(certs, students int64) string {
	return strings.Replace(strconv.FormatFloat(100*float64(certs)/float64(students), 'f', 1, 64), ".", ",", 1) + "\u00a0%"
}

// frFraction writes 0.646 as "0,646".
func frFraction(certs, students int64) string {
	return strings.Replace(strconv.FormatFloat(float64(certs)/float64(students), 'f', 3, 64), ".", ",", 1)
}

func consolidatedFile(c consolidation, acad string, group []answer, dict *tracks.Dictionary) (sampleFile, error) {
	base := "academie-" + slug(acad) + "_tableau-consolide"
	switch c.kind {
	case "csv-utf8-bom", "csv-cp1252":
		return consolidatedCSV(c, acad, base, group, dict)
	case "xlsx-fr", "xlsx-en":
		return consolidatedXLSX(c, acad, base, group)
	}
	return sampleFile{}, fmt.Errorf("consolidated table: unknown kind %q", c.kind)
}

// consolidatedCSV writes a table as exported by French spreadsheet software:
// ';' separators, CRLF line ends, numbers with no-break-space thousands
// separators, decimal commas. The UTF-8 one lists every track of each
// institution, leaving the counts empty where nobody followed it.
func consolidatedCSV(c consolidation, acad, base string, group []answer, dict *tracks.Dictionary) (sampleFile, error) {
	var b strings.Builder
	header := "Année;Code UAI;Établissement;Académie;Parcours;Étudiants concernés;Certificats délivrés;Taux de réussite"
	year := template.YearLabel(c.year)
	if c.kind == "csv-cp1252" {
		header = "Annee;Code UAI;Etablissement;Academie;Parcours;Etudiants concernes;Certificats delivres;Taux de reussite"
		year = strconv.Itoa(c.year)
	}
	b.WriteString(header + "\r\n")
	quote := func(s string) string {
		if strings.ContainsAny(s, ";\"") {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	for _, a := range group {
		have := map[string]row{}
		for _, r := range a.rows {
			have[r.track] = r
		}
		var rows []row
		if c.kind == "csv-utf8-bom" && len(a.rows) > 1 {
			for _, t := range dict.Tracks() {
				if t.Code != template.NonVentile {
					rows = append(rows, row{track: t.Code, students: -1})
					if r, ok := have[t.Code]; ok {
						rows[len(rows)-1] = r
					}
				}
			}
		} else {
			rows = a.rows
		}
		for _, r := range rows {
			students, certs, rate := "", "", ""
			if r.students >= 0 {
				students, certs = frNumber(r.students), frNumber(r.certs)
				if c.kind == "csv-cp1252" {
					rate = frFraction(r.certs, r.students)
				} else {
					rate = frPercent(r.certs, r.students)
				}
			}
			fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s;%s;%s\r\n", year, a.uai, quote(a.inst.name), quote(a.inst.academie),
				quote(consolidatedLabel(c.kind, r.track)), students, certs, rate)
		}
	}
	if c.kind == "csv-cp1252" {
		data, err := charmap.Windows1252.NewEncoder().String(b.String())
		if err != nil {
			return sampleFile{}, fmt.Errorf("encode %s in Windows-1252: %w", base, err)
		}
		return sampleFile{path: base + ".csv", data: []byte(data)}, nil
	}
	return sampleFile{path: base + ".csv", data: append([]byte("\ufeff"), b.String()...)}, nil
}

// consolidatedXLSX writes a table as an académie keeps it in Excel: counts as
// numbers, rates as percentages, a header with a line break in a cell (the
// French one) or English headers.
func consolidatedXLSX(c consolidation, acad, base string, group []answer) (sampleFile, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheetName := "C2i2e " + template.YearLabel(c.year)
	header := []any{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants\nconcernés", "Certificats\ndélivrés", "Taux de\nréussite"}
	var year any = template.YearLabel(c.year)
	if c.kind == "xlsx-en" {
		sheetName = "C2i2e survey " + strconv.Itoa(c.year)
		header = []any{"Year", "UAI", "Institution", "Académie", "Track", "Students", "Certificates", "Success rate"}
		year = c.year
		base = "academie-" + slug(acad) + "_consolidated-table"
	}
	if err := x.SetSheetName(x.GetSheetName(0), sheetName); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	if err := x.SetSheetRow(sheetName, "A1", &header); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	r := 2
	for _, a := range group {
		for _, rw := range a.rows {
			vals := []any{year, a.uai, a.inst.name, a.inst.academie, consolidatedLabel(c.kind, rw.track), rw.students, rw.certs, float64(rw.certs) / float64(rw.students)}
			if err := x.SetSheetRow(sheetName, fmt.Sprintf("A%d", r), &vals); err != nil {
				return sampleFile{}, fmt.Errorf("%s: %w", base, err)
			}
			r++
		}
	}
	pct := "0.0%"
	styles := []struct {
		cells string
		style excelize.Style
	}{
		{"A1:H1", excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true}}},
		{fmt.Sprintf("F2:G%d", r-1), excelize.Style{NumFmt: 3}},
		{fmt.Sprintf("H2:H%d", r-1), excelize.Style{CustomNumFmt: &pct}},
	}
	for _, s := range styles {
		id, err := x.NewStyle(&s.style)
		if err != nil {
			return sampleFile{}, fmt.Errorf("%s: %w", base, err)
		}
		cells := strings.Split(s.cells, ":")
		if err := x.SetCellStyle(sheetName, cells[0], cells[1], id); err != nil {
			return sampleFile{}, fmt.Errorf("%s: %w", base, err)
		}
	}
	if err := x.SetColWidth(sheetName, "B", "C", 14); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	if err := x.SetColWidth(sheetName, "C", "C", 48); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	date := fmt.Sprintf("%d-09-15T00:00:00Z", c.year)
	if err := x.SetDocProps(&excelize.DocProperties{Creator: "Rectorat de l'académie de " + acad, Created: date, Modified: date}); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		return sampleFile{}, fmt.Errorf("%s: %w", base, err)
	}
	return sampleFile{path: base + ".xlsx", data: buf.Bytes()}, nil
}

// brokenFiles are files every one of which ingest must refuse, each for one
// reason, named after it. They take institutions that answered in
// 2011-2012 with a good file: the broken one was received first.
func brokenFiles(answers []answer, dict *tracks.Dictionary) ([]sampleFile, error) {
	if len(answers) < 8 {
		return nil, fmt.Errorf("broken samples: %d answers, 8 needed", len(answers))
	}
	// From the end of the list, so that they are not the corrected form.
	pick := func(i int) answer { return answers[len(answers)-1-i] }
	// Without a Total row, so that each file shows its one defect and not
	// a total that no longer matches the rows.
	form := func(i int) template.Form { return formOf(pick(i), dict, false) }
	var files []sampleFile
	add := func(name string, data []byte) {
		files = append(files, sampleFile{path: "broken/" + name, data: data,
			mod: time.Date(breakdownYear, time.September, 20, 10, len(files), 0, 0, time.UTC)})
	}

	xls := legacyXLS()
	add("01_ancien-format-excel-97.xls", xls)

	good, err := writeForm(form(0))
	if err != nil {
		return nil, err
	}
	add("02_fichier-tronque.xlsx", good[:len(good)*6/10])

	f := form(1)
	for code, c := range f.Values {
		if code == "masters-enseignement" {
			c.Certs = c.Students + 25
			f.Values[code] = c
		}
	}
	data, err := writeForm(f)
	if err != nil {
		return nil, err
	}
	add("03_certificats-superieurs-aux-etudiants.xlsx", data)

	// A track the dictionary does not know, typed over a track's label.
	f = form(2)
	f.Values["doctorats"] = template.Counts{Students: 14, Certs: 9}
	data, err = writeForm(f)
	if err != nil {
		return nil, err
	}
	data, err = patchZip(data, "xl/sharedStrings.xml", func(s string) (string, error) {
		return replaceOnce(s, "<t>Doctorats</t>", "<t>Licences professionnelles</t>")
	})
	if err != nil {
		return nil, fmt.Errorf("broken unknown track: %w", err)
	}
	add("04_parcours-inconnu.xlsx", data)

	f = form(3)
	f.Values["autres-masters"] = template.Counts{Students: 42, Certs: -3}
	if data, err = writeForm(f); err != nil {
		return nil, err
	}
	add("05_effectif-negatif.xlsx", data)

	f = form(4)
	f.UAI = ""
	if data, err = writeForm(f); err != nil {
		return nil, err
	}
	add("06_code-uai-manquant.xlsx", data)

	// The certificates cell of the teaching masters holds a formula whose
	// cached result is #DIV/0!, as Excel saves it.
	f = form(5)
	if data, err = writeForm(f); err != nil {
		return nil, err
	}
	ref := fmt.Sprintf("C%d", template.FirstRow)
	data, err = patchZip(data, "xl/worksheets/sheet1.xml", func(s string) (string, error) {
		re := regexp.MustCompile(`<c r="` + ref + `"( s="\d+")?><v>\d+</v></c>`)
		m := re.FindStringSubmatch(s)
		if m == nil {
			return "", fmt.Errorf("cell %s not found", ref)
		}
		return strings.Replace(s, m[0], `<c r="`+ref+`"`+m[1]+` t="e"><f>B8/E8</f><v>#DIV/0!</v></c>`, 1), nil
	})
	if err != nil {
		return nil, fmt.Errorf("broken error value: %w", err)
	}
	add("07_erreur-de-formule-div0.xlsx", data)
	return files, nil
}

func replaceOnce(s, old, new string) (string, error) {
	if strings.Count(s, old) != 1 {
		return "", fmt.Errorf("%q found %d times, want once", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1), nil
}

// patchZip rewrites one entry of a zip, keeping the others and their order,
// with no timestamps, so that the result stays reproducible.
func patchZip(data []byte, name string, edit func(string) (string, error)) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("open zip: %w", err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", f.Name, err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		if path.Clean(f.Name) == name {
			found = true
			s, err := edit(string(content))
			if err != nil {
				return nil, fmt.Errorf("edit %s: %w", name, err)
			}
			content = []byte(s)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", f.Name, err)
		}
		if _, err := w.Write(content); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	if !found {
		return nil, fmt.Errorf("no entry %s", name)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("close zip: %w", err)
	}
	return out.Bytes(), nil
}
