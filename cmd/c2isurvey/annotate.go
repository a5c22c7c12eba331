package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/texts"
	"c2isurvey/report/annotate"
)

// annotateTo writes the annotated copy of a refused file into dir (validate
// --annotate) and says where, or why not: a copy that cannot be written is
// said and the other files go on, as their verdicts do not depend on it.
func annotateTo(dir string, r ingest.FileResult, lang string, taken map[string]bool, stdout io.Writer) {
	written, failed := texts.Lang(lang).T("cli.annotate.written"), texts.Lang(lang).T("cli.annotate.failed")
	path := filepath.Join(dir, annotatedName(r.File, lang, taken))
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = atomicfile.Write(path, func(w io.Writer) error { return annotate.Write(w, r.File, r, lang) })
	}
	if err != nil {
		fmt.Fprintf(stdout, "  %s %s\n", failed, shown(err.Error()))
		return
	}
	fmt.Fprintf(stdout, "  %s %s\n", written, shown(path))
}

// annotatedName names the annotated copy of a file after it: NAME.annote.xlsx
// (NAME-annotated.xlsx in English), numbered when two files of the run
// share a name.
func annotatedName(file, lang string, taken map[string]bool) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	suffix := texts.Lang(lang).T("annotate.file.suffix")
	name := base + suffix
	for n := 2; taken[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s (%d)%s", base, n, suffix)
	}
	taken[strings.ToLower(name)] = true
	return name
}
