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

func cmdRuns(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o dataOptions
	fs := newFlagSet("runs", "cli.help.runs", args, stderr)
	o.register(fs)
	limit := fs.Int("limit", 20, "cli.flag.runs.limit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
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
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, texts.Lang(o.lang).T("cli.runs.header"))
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
	fs := newFlagSet("files", "cli.help.files", args, stderr)
	o.register(fs)
	status := fs.String("status", "", "cli.flag.status")
	limit := fs.Int("limit", 200, "cli.flag.files.limit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	switch *status {
	case "", "accepted", "rejected", "replaced", "duplicate", "pending":
	default:
		return usagef("cli.usage-error.status", *status)
	}
	dirs := inbox.Layout(o.dataDir())
	if *status == "pending" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		// What the next run would see now, with the default settle period.
		l, err := inbox.List(dirs, 30*time.Second, time.Now())
		if err != nil {
			return err
		}
		lang := texts.Lang(o.lang)
		for _, group := range []struct {
			names []string
			what  string
		}{{l.Ready, lang.T("cli.files.ready")}, {l.Pending, lang.T("cli.files.pending")}, {l.Ignored, lang.T("cli.files.ignored")}} {
			for _, n := range group.names {
				fmt.Fprintf(tw, "%s\t%s\n", shown(filepath.Join(dirs.Inbox, n)), group.what)
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
	if code == "" {
		code = "running"
	}
	if key := "cli.fate." + code; texts.Has(key) {
		return texts.Lang(lang).T(key)
	}
	return code
}
