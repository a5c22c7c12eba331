package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"c2isurvey/ingest/academies"
)

// shortTable is a consolidated table of rows data rows in the shape of
// issue 10's million-row table: short texts, about 36 to 50 bytes a row
// ("2012;0750001A;Lycée 1;Paris;MEEF;12;8"), seven columns, no rate.
// Institutions are spread over twenty académies, each UAI in its
// académie's département with its right check letter, so that the table
// is accepted without a warning. order says how the rows come:
//
//   - "one": one row per institution and year (a submission of one track),
//     an institution's seven years one after the other;
//   - "tracks": seven rows per institution and year, its seven tracks
//     together;
//   - "bytrack": the same rows sorted by track, every submission's rows
//     apart (the streamed reader then reads the file a second time);
//   - "distinct": every row its own institution, one year (2012), over the
//     départements of every académie of the dictionary that always
//     existed: as many institutions as rows, the costliest shape.
//
// english gives the header in English; cp1252 writes the text in
// Windows-1252 rather than UTF-8.
func shortTable(rows int, order string, english, cp1252 bool) []byte {
	var b bytes.Buffer
	put := func(s string) {
		if !cp1252 {
			b.WriteString(s)
			return
		}
		for _, r := range s {
			if r >= 0x80 && r < 0xA0 || r > 0xFF {
				panic(fmt.Sprintf("%q is not written the same in Windows-1252", r))
			}
			b.WriteByte(byte(r)) // Latin-1 letters have the same code in Windows-1252
		}
	}
	shortRecords(rows, order, english, func(f []string) {
		put(strings.Join(f, ";") + "\r\n")
	})
	return b.Bytes()
}

// shortRecords calls emit with the header, then each row of shortTable's
// table, as fields (the slice is reused).
func shortRecords(rows int, order string, english bool, emit func(fields []string)) {
	depts := []struct{ dept, academie string }{
		{"075", "Paris"}, {"069", "Lyon"}, {"013", "Aix-Marseille"}, {"059", "Lille"}, {"033", "Bordeaux"},
		{"031", "Toulouse"}, {"067", "Strasbourg"}, {"044", "Nantes"}, {"035", "Rennes"}, {"006", "Nice"},
		{"034", "Montpellier"}, {"038", "Grenoble"}, {"021", "Dijon"}, {"025", "Besançon"}, {"080", "Amiens"},
		{"051", "Reims"}, {"087", "Limoges"}, {"086", "Poitiers"}, {"045", "Orléans-Tours"}, {"054", "Nancy-Metz"},
	}
	if order == "distinct" {
		depts = depts[:0]
		for _, a := range academies.Default().All() {
			if a.From == 0 && a.To == 0 {
				for _, d := range a.Departements {
					depts = append(depts, struct{ dept, academie string }{d, a.Name})
				}
			}
		}
	}
	tracks := []string{"MEEF", "Autre master", "PhD", "Libres", "FC sup", "FC sco", "FC autres"}
	if english {
		emit([]string{"Year", "UAI", "Institution", "Academy", "Track", "Students", "Certificates"})
	} else {
		emit([]string{"Année", "Code UAI", "Établissement", "Académie", "Parcours", "Étudiants", "Certificats"})
	}
	per := (rows + 6) / 7 // rows of one track (bytrack)
	f := make([]string, 7)
	for i := range rows {
		var inst, year, track int
		switch order {
		case "one":
			inst, year, track = i/7, 2006+i%7, i%7
		case "tracks":
			k := i / 7
			inst, year, track = k/7, 2006+k%7, i%7
		case "bytrack":
			k := i % per
			inst, year, track = k/7, 2006+k%7, i/per
		case "distinct":
			inst, year, track = i, 2012, i%7
		default:
			panic("order " + order)
		}
		d := depts[inst%len(depts)]
		num := fmt.Sprintf("%s%04d", d.dept, inst/len(depts))
		n, _ := strconv.Atoi(num)
		students := 5 + (i*7)%90
		f[0], f[1], f[2], f[3], f[4] = strconv.Itoa(year), fmt.Sprintf("%s%c", num, "ABCDEFGHJKLMNPRSTUVWXYZ"[n%23]), fmt.Sprintf("Lycée %d", inst), d.academie, tracks[track]
		f[5], f[6] = strconv.Itoa(students), strconv.Itoa(students*2/3)
		emit(f)
	}
}
