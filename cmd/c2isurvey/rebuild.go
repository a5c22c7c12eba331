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
)

const rebuildUsage = `Utilisation : c2isurvey rebuild [--data DOSSIER] [--force] [--lang fr|en] [--tracks FICHIER]

Reconstruit le registre DOSSIER/c2isurvey.db à partir des originaux gardés dans
archive/ et rejected/ et du manifeste DOSSIER/manifest.jsonl, qui liste chaque fichier
pris dans l'ordre de réception. À utiliser quand « run » refuse un registre endommagé,
vide ou absent : les rapports publiés ensuite sont identiques à ceux d'avant la perte.
Le registre remplacé est mis de côté (c2isurvey.db.before-rebuild-DATE), jamais effacé.
Un registre sain n'est remplacé qu'avec --force.

Chaque fichier est relu dans la langue et avec la dernière année plausible de son
passage ; --tracks doit être le dictionnaire des parcours utilisé par les passages.

Codes de sortie : 0 registre reconstruit ; 1 rien n'a été remplacé (registre sain sans
--force, pas de manifeste, original gardé manquant ou modifié, écriture impossible) ;
2 erreur d'utilisation ; 3 un passage est en cours sur ce dossier de données.

Options :
`

type rebuildOptions struct {
	dataOptions
	force bool
}

func cmdRebuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o rebuildOptions
	fs := newFlagSet("rebuild", rebuildUsage, stderr)
	o.register(fs)
	fs.BoolVar(&o.force, "force", false, "reconstruire même un registre sain (il est mis de côté)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
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
	sum, err := inbox.Rebuild(ctx, dirs, opts, o.force, now)
	var ce *inbox.CopiesError
	switch {
	case errors.Is(err, inbox.ErrStoreSound):
		if en {
			return fmt.Errorf("the store %s is sound and holds every file received: nothing to rebuild; to rebuild it anyway, add --force (the current store is set aside, not deleted)", dirs.Store)
		}
		return fmt.Errorf("le registre %s est sain et garde tous les fichiers reçus : rien à reconstruire ; pour le reconstruire quand même, ajoutez --force (le registre actuel est mis de côté, pas effacé)", dirs.Store)
	case errors.Is(err, inbox.ErrNoManifest):
		if en {
			return fmt.Errorf("%s has no manifest (%s): this data folder was last run by a version without one, and the store cannot be rebuilt from it; restore c2isurvey.db from a backup", dirs.Root, inbox.ManifestName)
		}
		return fmt.Errorf("%s n'a pas de manifeste (%s) : ce dossier de données n'a été traité que par une version qui n'en tenait pas, le registre ne peut pas en être reconstruit ; restaurez c2isurvey.db depuis une sauvegarde", dirs.Root, inbox.ManifestName)
	case errors.As(err, &ce):
		list := strings.Join(append(append([]string{}, ce.Missing...), ce.Altered...), ", ")
		if en {
			return fmt.Errorf("nothing was replaced: kept originals missing (%d) or not the bytes received (%d): %s; put each back (from a backup, or ask its sender), then run rebuild again", len(ce.Missing), len(ce.Altered), list)
		}
		return fmt.Errorf("rien n'a été remplacé : des originaux gardés manquent (%d) ou ne sont plus les octets reçus (%d) : %s ; remettez chacun en place (sauvegarde, ou demandez-le à l'établissement), puis relancez rebuild", len(ce.Missing), len(ce.Altered), list)
	case err != nil:
		return err
	}
	if en {
		fmt.Fprintf(stdout, "Store rebuilt: %d file(s) in the order received, %d accepted, %d refused, %d duplicate(s).\n", sum.Files, sum.Accepted, sum.Rejected, sum.Duplicates)
		if sum.SetAside != "" {
			fmt.Fprintf(stdout, "The previous store is set aside as %s.\n", sum.SetAside)
		}
	} else {
		fmt.Fprintf(stdout, "Registre reconstruit : %d fichier(s) dans l'ordre de réception, %d accepté(s), %d refusé(s), %d doublon(s).\n", sum.Files, sum.Accepted, sum.Rejected, sum.Duplicates)
		if sum.SetAside != "" {
			fmt.Fprintf(stdout, "L'ancien registre est mis de côté : %s.\n", sum.SetAside)
		}
	}
	// The manifest lists survey files only: the registry's imports come
	// back from the copies kept.
	restored, err := restoreRegistryImports(ctx, dirs, opts)
	if err != nil {
		return err
	}
	if restored > 0 {
		fmt.Fprintf(stdout, pick(en, "%d import(s) de la liste des établissements attendus repris de %s.\n",
			"%d import(s) of the list of expected institutions taken back from %s.\n"), restored, registryHistoryDir)
	}
	if sum.Unreadable > 0 {
		fmt.Fprintf(stdout, pick(en, "%d ligne(s) illisible(s) du manifeste ignorée(s) (écriture interrompue).\n",
			"%d unreadable manifest line(s) skipped (interrupted writes).\n"), sum.Unreadable)
	}
	if len(sum.FateChanged) > 0 {
		fmt.Fprintf(stdout, pick(en, "Sort différent de celui du passage (règles de lecture ou parcours changés) : %s\n",
			"Fate differs from the run's (reading rules or tracks changed): %s\n"), strings.Join(sum.FateChanged, ", "))
	}
	if len(sum.Unlisted) > 0 {
		fmt.Fprintf(stdout, pick(en, "Gardés mais absents du manifeste, donc non comptés (déposez-les à nouveau dans inbox/ pour les compter) : %s\n",
			"Kept but not in the manifest, so not counted (drop them in inbox/ again to count them): %s\n"), strings.Join(sum.Unlisted, ", "))
	}
	fmt.Fprint(stdout, pick(en, "Relancez « c2isurvey run » pour publier les rapports.\n", "Run « c2isurvey run » to publish the reports.\n"))
	return nil
}

func pick(en bool, fr, eng string) string {
	if en {
		return eng
	}
	return fr
}
