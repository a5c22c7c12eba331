package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

const runsUsage = `Utilisation : c2isurvey runs [--data DOSSIER] [--limit N]

Liste les derniers passages : début, durée, fichiers vus, acceptés, refusés, doublons,
remplacements, laissés pour plus tard, et leur issue.

Options :
`

const filesUsage = `Utilisation : c2isurvey files [--data DOSSIER] [--status accepted|rejected|replaced|duplicate|pending] [--limit N]

Liste les fichiers reçus, dans l'ordre de réception (les --limit derniers), avec leur
sort, l'endroit où l'original est gardé et, pour un fichier refusé, chaque motif.
« pending » liste les fichiers encore dans inbox/.

Options :
`

func cmdRuns(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o dataOptions
	fs := newFlagSet("runs", runsUsage, stderr)
	o.register(fs)
	limit := fs.Int("limit", 20, "nombre de passages à lister")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	st, err := store.Open(inbox.Layout(o.dataDir()).Store)
	if err != nil {
		return err
	}
	defer st.Close()
	runs, err := st.Runs(ctx, *limit)
	if err != nil {
		return err
	}
	en := o.lang == "en"
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	if en {
		fmt.Fprintln(tw, "RUN\tSTARTED\tDURATION\tSEEN\tACCEPTED\tREFUSED\tDUPLICATES\tREPLACED\tPENDING\tOUTCOME")
	} else {
		fmt.Fprintln(tw, "PASSAGE\tDÉBUT\tDURÉE\tVUS\tACCEPTÉS\tREFUSÉS\tDOUBLONS\tREMPLACÉS\tEN ATTENTE\tISSUE")
	}
	for _, r := range runs {
		dur := "—"
		if !r.Ended.IsZero() {
			dur = r.Ended.Sub(r.Started).Round(time.Millisecond).String()
		}
		outcome := word(o.lang, r.Outcome)
		if r.Message != "" {
			outcome += ": " + shown(r.Message)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Started.Local().Format("2006-01-02 15:04:05"), dur,
			r.Seen, r.Accepted, r.Rejected, r.Duplicates, r.Replaced, r.Pending, outcome)
	}
	return tw.Flush()
}

func cmdFiles(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o dataOptions
	fs := newFlagSet("files", filesUsage, stderr)
	o.register(fs)
	status := fs.String("status", "", "accepted, rejected, replaced, duplicate ou pending (défaut : tous)")
	limit := fs.Int("limit", 200, "nombre de fichiers à lister (les plus récents)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	switch *status {
	case "", "accepted", "rejected", "replaced", "duplicate", "pending":
	default:
		return usagef("--status %q : choisissez accepted, rejected, replaced, duplicate ou pending", *status)
	}
	dirs := inbox.Layout(o.dataDir())
	if *status == "pending" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		// What the next run would see now, with the default settle period.
		l, err := inbox.List(dirs, 30*time.Second, time.Now())
		if err != nil {
			return err
		}
		for _, group := range []struct {
			names []string
			fr    string
		}{{l.Ready, "prêt pour le prochain passage"}, {l.Pending, "en cours d'écriture"}, {l.Ignored, "ignoré (caché, verrou, partiel)"}} {
			for _, n := range group.names {
				fmt.Fprintf(tw, "%s\t%s\n", shown(filepath.Join(dirs.Inbox, n)), group.fr)
			}
		}
		return tw.Flush()
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Files(ctx, *status)
	if err != nil {
		return err
	}
	if len(recs) > *limit {
		recs = recs[len(recs)-*limit:] // the most recent
	}
	t := texts.Lang(o.lang)
	for _, r := range recs {
		fate := r.Status
		if r.Replaced {
			fate = "replaced"
		}
		fmt.Fprintf(stdout, "%s  %-9s  %s  → %s\n", r.ReceivedAt.Local().Format("2006-01-02 15:04"), word(o.lang, fate), shown(r.Name), shown(r.StoredAs))
		if r.DuplicateOf != "" {
			fmt.Fprintf(stdout, "    %s\n", t.F("cli.same.as", shown(r.DuplicateOf)))
		}
		for _, p := range r.Refusals {
			fmt.Fprintf(stdout, "    %s\n", strings.TrimSpace(where(p.Location, t)+" "+shown(p.Message)))
		}
		for _, p := range r.Warnings {
			fmt.Fprintf(stdout, "    %s %s\n", t.T("cli.warning"), strings.TrimSpace(where(p.Location, t)+" "+shown(p.Message)))
		}
	}
	return nil
}

// word gives a run outcome or a file's fate in the user's language (the
// store and the --status flag keep the English codes).
func word(lang, code string) string {
	if lang == "en" {
		if code == "" {
			return "running"
		}
		return code
	}
	fr := map[string]string{
		"":            "en cours",
		"ok":          "réussi",
		"failed":      "échec",
		"interrupted": "interrompu",
		"accepted":    "accepté",
		"rejected":    "refusé",
		"duplicate":   "doublon",
		"replaced":    "remplacé",
	}
	if w, ok := fr[code]; ok {
		return w
	}
	return code
}
