package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/texts"
)

type rebuildOptions struct {
	dataOptions
	force bool
}

func cmdRebuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o rebuildOptions
	fs := newFlagSet("rebuild", "cli.help.rebuild", args, stderr)
	o.register(fs)
	fs.BoolVar(&o.force, "force", false, "cli.flag.force")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	now := time.Now()
	opts, err := o.ingestOptions(now)
	if err != nil {
		return err
	}
	dirs := inbox.Layout(o.dataDir())
	if err := dirs.EnsureDirs(); err != nil {
		return nightly.CannotWrite(opts.Lang, dirs.Root, err)
	}
	lock, err := nightly.AcquireLock(ctx, dirs, false, opts.Lang)
	if err != nil {
		return err
	}
	defer lock.Release()

	en := opts.Lang == "en"
	lang := langOf(en)
	sum, err := inbox.Rebuild(ctx, dirs, opts, o.force, now)
	var ce *inbox.CopiesError
	switch {
	case errors.Is(err, inbox.ErrStoreSound):
		return fmt.Errorf(lang.T("cli.rebuild.store-sound"), dirs.Store)
	case errors.Is(err, inbox.ErrNoManifest):
		return fmt.Errorf(lang.T("cli.rebuild.no-manifest"), dirs.Root, inbox.ManifestName)
	case errors.As(err, &ce):
		list := strings.Join(append(append([]string{}, ce.Missing...), ce.Altered...), ", ")
		return errors.New(lang.F("cli.rebuild.copies", texts.Count(len(ce.Missing)), texts.Count(len(ce.Altered)), list))
	case err != nil:
		return err
	}
	fmt.Fprintln(stdout, lang.F("cli.rebuild.done", texts.Count(sum.Files), texts.Count(sum.Accepted), texts.Count(sum.Rejected), texts.Count(sum.Duplicates)))
	if sum.SetAside != "" {
		fmt.Fprintln(stdout, lang.F("cli.rebuild.set-aside", sum.SetAside))
	}
	if sum.AccountsError != nil {
		fmt.Fprintln(stdout, lang.F("portal.rebuild-accounts-not-carried", sum.SetAside, sum.AccountsError))
	} else if c := sum.Accounts; c.Users+c.Audit+c.Uploads > 0 {
		fmt.Fprintln(stdout, lang.F("portal.rebuild-accounts-carried", texts.Count(c.Users), texts.Count(c.Audit), texts.Count(c.Uploads)))
	}
	// The manifest lists survey files only: the registry's imports come
	// back from the copies kept.
	restored, err := restoreRegistryImports(ctx, dirs, opts)
	if err != nil {
		return err
	}
	if restored > 0 {
		fmt.Fprint(stdout, langOf(en).F("cli.rebuild.import-list-expected-institutions", texts.Count(restored), registryHistoryDir))
	}
	if sum.Unreadable > 0 {
		fmt.Fprint(stdout, langOf(en).F("cli.rebuild.unreadable-manifest-line-skipped", texts.Count(sum.Unreadable)))
	}
	if len(sum.FateChanged) > 0 {
		fmt.Fprintf(stdout, langOf(en).T("cli.rebuild.fate-differs-from-run"), strings.Join(sum.FateChanged, ", "))
	}
	if len(sum.Unlisted) > 0 {
		fmt.Fprintf(stdout, langOf(en).T("cli.rebuild.kept-but-not-manifest"), strings.Join(sum.Unlisted, ", "))
	}
	fmt.Fprint(stdout, langOf(en).T("cli.rebuild.run-next"))
	return nil
}

// langOf is the language of a command that tells English by a bool.
func langOf(en bool) texts.Lang {
	if en {
		return texts.English
	}
	return texts.French
}
