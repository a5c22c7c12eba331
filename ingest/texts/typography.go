package texts

import "strings"

// Typographic characters. The thousands separator is U+202F NARROW NO-BREAK
// SPACE, the one the Imprimerie nationale rules call for between digit
// groups and before « ; ! ? »; before "%" and ":" and inside guillemets
// French uses a no-break space (U+00A0), the ordinary word width.
const (
	ThinNBSP = "\u202f" // between digit groups, before ; ! ? in French
	NBSP     = "\u00a0" // before % and :, inside « » in French
	Minus    = "\u2212" // true minus sign, for signed changes
)

// frenchSpaces is the one rule of French spacing. A Replacer is immutable
// and safe for concurrent use, so a package-level one is constant state.
var frenchSpaces = strings.NewReplacer(
	" :", NBSP+":",
	" ;", ThinNBSP+";",
	" !", ThinNBSP+"!",
	" ?", ThinNBSP+"?",
	"« ", "«"+NBSP,
	" »", NBSP+"»",
)

// FrenchSpacing puts the no-break spaces French typography wants before
// high punctuation and inside guillemets, so that the catalogue can be typed
// with ordinary spaces and a line never starts with ":" or "»". T and F
// apply it to every French text; it is exported for texts built outside the
// catalogue (a sentence assembled from catalogue parts). A " %" is not
// rewritten, since " %s" is a format verb: the catalogue writes its few
// percent signs with an explicit no-break space.
func FrenchSpacing(s string) string { return frenchSpaces.Replace(s) }

// Quote puts s between the language's quotation marks: « texte » with
// no-break spaces inside (French), “text” (English). It is the one quoting
// rule of every output, the terminal included.
func (l Lang) Quote(s string) string {
	if l.English() {
		return "\u201c" + s + "\u201d"
	}
	return "«" + NBSP + s + NBSP + "»"
}

// List joins quoted items: « a », « b » et « c » / “a”, “b” and “c”.
func (l Lang) List(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = l.Quote(s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + l.T("word.and") + " " + q[len(q)-1]
}
