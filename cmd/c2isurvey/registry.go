package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/registry"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

// The registry of expected respondents in a data folder: the one in force,
// read by every run, and a copy of every file imported, kept for good so
// that the registry in force on any date can be known (the store lists the
// imports and names each copy).
const (
	registryFileName   = "registry.csv"
	registryHistoryDir = "registry-history"
	// historyTime starts a kept copy's name: the import's time in UTC, to
	// the nanosecond, so that the names sort in the order of the imports
	// and a rebuilt store can take the history back from them.
	historyTime = "20060102T150405.000000000Z"
)

func cmdRegistry(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, argsLang(args).T("cli.help.registry"))
		return usagef("cli.usage-error.no-subcommand")
	}
	sub, args := args[0], args[1:]
	var o dataOptions
	fs := newFlagSet("registry "+sub, "cli.help.registry", args, stderr)
	o.register(fs)
	var pos []string
	// Flags may come after the file too: parse until every argument is
	// either a flag or a positional one.
	for rest := args; ; {
		if err := parse(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, rest = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	switch sub {
	case "import":
		if len(pos) != 1 {
			return usagef("cli.usage-error.one-file", texts.Count(len(pos)))
		}
		return registryImport(ctx, o, pos[0], time.Now(), stdout)
	case "show", "list":
		if len(pos) > 0 {
			return usagef("cli.usage-error.unexpected-argument", pos[0])
		}
		return registryShow(ctx, o, stdout)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, argsLang(args).T("cli.help.registry"))
		return errHelp
	}
	return usagef("cli.usage-error.subcommand", sub)
}

// registryImport replaces the data folder's registry with file, only when
// every line of it is valid (importRegistry), and says what it did.
func registryImport(ctx context.Context, o dataOptions, file string, now time.Time, stdout io.Writer) error {
	opts, err := o.ingestOptions(now)
	if err != nil {
		return err
	}
	en := opts.Lang == "en"
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf(langOf(en).T("cli.registry.cannot-read"), file, err)
	}
	imp, err := importRegistry(ctx, o.dataDir(), file, data, opts, now, func(res registry.Result) {
		printProblems(stdout, texts.Lang(opts.Lang), res.Refusals, res.Warnings)
	})
	if err != nil {
		return err
	}
	if imp.Result.Refused() {
		fmt.Fprint(stdout, langOf(en).F("cli.registry.refused-problem-data-folder", shown(file), texts.Count(len(imp.Result.Refusals))))
		return errRefused
	}
	fmt.Fprint(stdout, langOf(en).F("cli.registry.imported-expected-institution-force", shown(file), texts.Count(imp.Entries), shown(imp.Current), shown(imp.Stored)))
	return nil
}

// registryImported is what importRegistry did: the file read (its
// refusals and warnings), and when none was refused, the institutions put
// in force, the registry in force and the copy kept (relative to the data
// folder).
type registryImported struct {
	Result          registry.Result
	Entries         int
	Current, Stored string
}

// importRegistry is the one import of a registry, for the registry import
// command and the portal's registry page: data (named name in messages and
// in the record) is read with the dictionaries and bounds of the survey
// files; refused, nothing changes (the Result says why, line and column);
// else it becomes the registry in force, a copy is kept for good and the
// import recorded. checked is called with the Result once read, before the
// data folder is touched. The data folder's lock is held: a run reading
// the registry never sees it half replaced (atomicfile does that too), and
// two imports are recorded in the order their files were put in force.
func importRegistry(ctx context.Context, dataDir, name string, data []byte, opts ingest.Options, now time.Time, checked func(registry.Result)) (registryImported, error) {
	var imp registryImported
	res := registry.Parse(bytes.NewReader(data), registry.Options{Lang: opts.Lang, File: name, Academies: opts.Academies, MaxYear: opts.MaxYear})
	imp.Result = res
	if checked != nil {
		checked(res)
	}
	if res.Refused() {
		return imp, nil
	}

	dirs := inbox.Layout(dataDir)
	if err := dirs.EnsureDirs(); err != nil {
		return imp, nightly.CannotWrite(opts.Lang, dirs.Root, err)
	}
	lock, err := nightly.AcquireLock(ctx, dirs, false, opts.Lang)
	if err != nil {
		return imp, err
	}
	defer lock.Release()
	if err := nightly.CheckStore(ctx, dirs, opts.Lang); err != nil {
		return imp, err
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return imp, err
	}
	defer st.Close()

	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	// The copy first, then the registry in force, then the record: a
	// process killed in between leaves at worst a copy nobody names, or a
	// registry in force that show reports as not matching the last import;
	// importing again mends either.
	stored := filepath.ToSlash(filepath.Join(registryHistoryDir, now.UTC().Format(historyTime)+"-"+hash[:12]+".csv"))
	if err := os.MkdirAll(filepath.Join(dirs.Root, registryHistoryDir), 0o755); err != nil {
		return imp, nightly.CannotWrite(opts.Lang, dirs.Root, err)
	}
	if err := atomicfile.WriteBytes(filepath.Join(dirs.Root, filepath.FromSlash(stored)), data); err != nil {
		return imp, err
	}
	current := filepath.Join(dirs.Root, registryFileName)
	if err := atomicfile.WriteBytes(current, data); err != nil {
		return imp, err
	}
	n := len(res.Registry.Entries)
	if _, err := st.RecordRegistryImport(ctx, store.RegistryImport{ImportedAt: now, Name: name, SHA256: hash, Entries: n, StoredAs: stored}); err != nil {
		return imp, err
	}
	imp.Entries, imp.Current, imp.Stored = n, current, stored
	return imp, nil
}

// printProblems lists a registry's refusals and warnings, each with its line
// and column.
func printProblems(w io.Writer, t texts.Lang, refusals, warnings []ingest.Problem) {
	for _, p := range refusals {
		fmt.Fprintf(w, "  %s\n", strings.TrimSpace(where(ingest.Location{Cell: p.Cell}, t)+" "+shown(p.Message)))
	}
	for _, p := range warnings {
		fmt.Fprintf(w, "  %s %s\n", t.T("cli.warning"), strings.TrimSpace(where(ingest.Location{Cell: p.Cell}, t)+" "+shown(p.Message)))
	}
}

// registryShow prints the registry in force and the history of imports.
func registryShow(ctx context.Context, o dataOptions, stdout io.Writer) error {
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	en := opts.Lang == "en"
	dirs := inbox.Layout(o.dataDir())
	var imports []store.RegistryImport
	if _, err := os.Stat(dirs.Store); err == nil {
		st, err := store.Open(dirs.Store)
		if err != nil {
			return err
		}
		defer st.Close()
		if imports, err = st.RegistryImports(ctx); err != nil {
			return err
		}
	}
	current := filepath.Join(dirs.Root, registryFileName)
	data, err := os.ReadFile(current)
	currentHash := ""
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stdout, langOf(en).T("cli.registry.no-list-expected-institutions"), shown(dirs.Root), shown(dirs.Root))
	case err != nil:
		return fmt.Errorf(langOf(en).T("cli.registry.cannot-read"), current, err)
	default:
		sum := sha256.Sum256(data)
		currentHash = hex.EncodeToString(sum[:])
		res := registry.Parse(bytes.NewReader(data), registry.Options{Lang: opts.Lang, File: current, Academies: opts.Academies, MaxYear: opts.MaxYear})
		if res.Refused() {
			fmt.Fprintf(stdout, langOf(en).T("cli.registry.refused-runs-publish-without"), shown(current))
			printProblems(stdout, texts.Lang(opts.Lang), res.Refusals, res.Warnings)
			break
		}
		fmt.Fprint(stdout, langOf(en).F("cli.registry.in-force", shown(current), texts.Count(len(res.Registry.Entries))))
		printProblems(stdout, texts.Lang(opts.Lang), nil, res.Warnings)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, langOf(en).T("cli.registry.show-header"))
		for _, e := range res.Registry.Entries {
			until, succ := "—", "—"
			if e.LastYear != 0 {
				until = yearLabel(e.LastYear)
			}
			if e.Successor != "" {
				succ = e.Successor
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.UAI, shown(e.Institution), shown(e.Academie), yearLabel(e.FirstYear), until, succ)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	fmt.Fprintln(stdout)
	if len(imports) == 0 {
		fmt.Fprintln(stdout, langOf(en).T("cli.registry.no-import-on-record"))
		return nil
	}
	fmt.Fprintln(stdout, langOf(en).T("cli.registry.history-imports"))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, langOf(en).T("cli.registry.history-header"))
	inForce := -1
	for i, r := range imports {
		if r.SHA256 == currentHash {
			inForce = i // the latest import of the content in force
		}
	}
	for i, r := range imports {
		mark := ""
		if i == inForce {
			mark = langOf(en).T("cli.registry.in-force-mark")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, r.ImportedAt.Local().Format("2006-01-02 15:04:05"), shown(r.Name), r.Entries, r.SHA256[:min(12, len(r.SHA256))], shown(r.StoredAs), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if currentHash != "" && inForce == -1 {
		fmt.Fprintf(stdout, langOf(en).T("cli.registry.warning-content-no-import"), shown(current))
	}
	return nil
}

// yearLabel names a survey year by its academic year: 2012 is 2011-2012.
func yearLabel(year int) string { return strconv.Itoa(year-1) + "-" + strconv.Itoa(year) }

// loadRegistry reads the registry a report or a run uses, with the
// dictionaries and bounds of the survey files.
func loadRegistry(path string, opts ingest.Options) registry.Result {
	return registry.Load(path, registry.Options{Lang: opts.Lang, Academies: opts.Academies, MaxYear: opts.MaxYear})
}

// restoreRegistryImports records again, in a store rebuilt from the
// manifest (which lists survey files only), the imports of the registry
// whose copies registry-history/ keeps: time and hash from the copy's name
// and bytes, institutions counted by reading it. The file name the user
// gave is not kept with the copy; the copy's own path stands for it. A
// store that already lists imports is left alone.
func restoreRegistryImports(ctx context.Context, dirs inbox.Dirs, opts ingest.Options) (int, error) {
	entries, err := os.ReadDir(filepath.Join(dirs.Root, registryHistoryDir))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if on, err := st.RegistryImports(ctx); err != nil || len(on) > 0 {
		return 0, err
	}
	n := 0
	for _, e := range entries { // sorted by name: by time of import
		name := e.Name()
		at, err := time.Parse(historyTime, strings.SplitN(name, "-", 2)[0])
		if err != nil || !e.Type().IsRegular() || atomicfile.IsTemp(name) {
			continue // not a copy this program kept
		}
		stored := filepath.ToSlash(filepath.Join(registryHistoryDir, name))
		data, err := os.ReadFile(filepath.Join(dirs.Root, filepath.FromSlash(stored)))
		if err != nil {
			return n, err
		}
		sum := sha256.Sum256(data)
		count := 0
		if res := registry.Parse(bytes.NewReader(data), registry.Options{Lang: opts.Lang, Academies: opts.Academies, MaxYear: opts.MaxYear}); !res.Refused() {
			count = len(res.Registry.Entries)
		}
		if _, err := st.RecordRegistryImport(ctx, store.RegistryImport{ImportedAt: at, Name: stored, SHA256: hex.EncodeToString(sum[:]), Entries: count, StoredAs: stored}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
