package report

import (
	"strings"
	"testing"

	"c2isurvey/ingest/texts"
)

// visible shows the invisible spaces so that a failure message says which
// space was written.
func visible(s string) string {
	return strings.NewReplacer(ThinNBSP, "<nnbsp>", NBSP, "<nbsp>", texts.Minus, "<minus>").Replace(s)
}

func TestPDFTextFrenchSpacing(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Pour %s : %s", "Pour %s" + NBSP + ": %s"}, // a format verb keeps its ordinary space
		{"fichiers ; doublons", "fichiers" + ThinNBSP + "; doublons"},
		{"le parcours « Doctorats »", "le parcours «" + NBSP + "Doctorats" + NBSP + "»"},
		{"Vraiment ? Oui !", "Vraiment" + ThinNBSP + "? Oui" + ThinNBSP + "!"},
	}
	for _, tc := range tests {
		if got := texts.FrenchSpacing(tc.in); got != tc.want {
			t.Errorf("FrenchSpacing(%q) = %s, want %s", tc.in, visible(got), visible(tc.want))
		}
	}
	// Every French sentence with a format verb still formats cleanly.
	for _, key := range []string{"key.intro", "tracks.partial", "inst.intro", "methods.rate", "quality.accepted"} {
		if s := T("fr", key); strings.Contains(s, NBSP+"%s") {
			t.Errorf("T(fr, %q) glues a no-break space to a format verb: %s", key, visible(s))
		}
	}
}
