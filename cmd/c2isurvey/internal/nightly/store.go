package nightly

import (
	"context"
	"errors"
	"fmt"

	"c2isurvey/ingest/inbox"
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
	en := lang == "en"
	var what string
	switch se.Kind {
	case inbox.StoreDamaged:
		what = fmt.Sprintf(pick(en, "le registre %s est endommagé (%s)", "the store %s is damaged (%s)"), se.Path, se.Detail)
	case inbox.StoreMissing:
		what = fmt.Sprintf(pick(en, "le registre %s a disparu, alors que %d fichier(s) ont été reçus", "the store %s is missing, while %d file(s) were received"), se.Path, se.Files)
	case inbox.StoreEmpty:
		what = fmt.Sprintf(pick(en, "le registre %s est vide, alors que %d fichier(s) ont été reçus", "the store %s is empty, while %d file(s) were received"), se.Path, se.Files)
	case inbox.StoreBehind:
		what = fmt.Sprintf(pick(en, "le registre %s ne garde que %d des %d fichiers reçus (une copie ancienne, ou sa fin perdue)",
			"the store %s holds only %d of the %d files received (an old copy, or its end lost)"), se.Path, se.OnRecord, se.Files)
	default:
		what = fmt.Sprintf(pick(en, "le registre %s ne correspond pas au manifeste de ce dossier (%s)",
			"the store %s does not match this folder's manifest (%s)"), se.Path, se.Detail)
	}
	return fmt.Errorf(pick(en,
		"%s : aucun fichier n'a été pris ni aucun rapport publié (reports/latest est inchangé) ; reconstruisez le registre à partir des originaux gardés avec « c2isurvey rebuild --data %s » (l'ancien est mis de côté, pas effacé), puis relancez",
		"%s: no file was taken and no report published (reports/latest is unchanged); rebuild the store from the kept originals with « c2isurvey rebuild --data %s » (the old one is set aside, not deleted), then run again"),
		what, dirs.Root)
}

// pick is fr, or eng when en.
func pick(en bool, fr, eng string) string {
	if en {
		return eng
	}
	return fr
}
