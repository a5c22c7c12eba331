package nightly

import (
	"context"
	"errors"

	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/texts"
)

// CheckStore refuses, before anything is taken or published, a store a run
// must not use (inbox.CheckStore): damaged, missing or empty while files
// were received, or behind the manifest. The message says what happened
// and what to do.
func CheckStore(ctx context.Context, dirs inbox.Dirs, lang string) error {
	err := inbox.CheckStore(ctx, dirs)
	var se *inbox.StoreError
	if !errors.As(err, &se) {
		return err
	}
	l := texts.Lang(lang)
	var what string
	switch se.Kind {
	case inbox.StoreDamaged:
		what = l.F("cli.rebuild.store-damaged", se.Path, se.Detail)
	case inbox.StoreMissing:
		what = l.F("cli.rebuild.store-missing-while-file", se.Path, texts.Count(se.Files))
	case inbox.StoreEmpty:
		what = l.F("cli.rebuild.store-empty-while-file", se.Path, texts.Count(se.Files))
	case inbox.StoreBehind:
		what = l.F("cli.rebuild.store-holds-only-files", se.Path, texts.Count(se.OnRecord), texts.Count(se.Files))
	default:
		what = l.F("cli.rebuild.store-does-not-match", se.Path, se.Detail)
	}
	return errors.New(l.F("cli.rebuild.no-file-was-taken", what, dirs.Root))
}
