package main

import (
	"strings"
	"testing"

	"c2isurvey/ingest/texts"
)

// TestSummaryCounts: the terminal counts the samples' files as the
// workbook and the quality reports do (ingest.Batch.Counts): the replaced
// form is not accepted, the copy is a duplicate and not accepted, and the
// fates add up to the files read. The copy, not its original, is named
// the duplicate.
func TestSummaryCounts(t *testing.T) {
	cases := []struct {
		lang, counts, duplicate string
	}{
		{"fr", "178 fichier(s) lu(s)\u00a0: 169 accepté(s), 1 remplacé(s) par un fichier plus récent, 7 refusé(s), 1 doublon(s) ignoré(s).",
			"Doublon\u00a0: ../../samples/2010-2011/0141408E_universite-de-caen-basse-normandie - Copie.xlsx a le même contenu que ../../samples/2010-2011/0141408E_universite-de-caen-basse-normandie.xlsx"},
		{"en", "178 file(s) read: 169 accepted, 1 replaced by a later file, 7 refused, 1 duplicate(s) ignored.",
			"Duplicate: ../../samples/2010-2011/0141408E_universite-de-caen-basse-normandie - Copie.xlsx has the same content as ../../samples/2010-2011/0141408E_universite-de-caen-basse-normandie.xlsx"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			code, _, stderr := runCmd(t, "report", "--lang", c.lang, "--in", samplesDir, "--out", t.TempDir())
			if code != exitOK {
				t.Fatalf("report exited %d: %s", code, stderr)
			}
			for _, want := range []string{c.counts, c.duplicate} {
				if c.lang == "fr" {
					want = texts.FrenchSpacing(want) // the no-break spaces French puts before « : »
				}
				if !strings.Contains(stderr, want) {
					t.Errorf("the summary lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
}
