// Command c2isurvey collects and publishes the annual C2i2e survey: it reads
// the institutions' survey files, validates them, aggregates students,
// certificates and success rates by year and track, and writes the annual
// PDF reports, an Excel workbook and CSV tables.
//
// Exit codes:
//
//	0  the command ran (report: even if some files were refused; they are
//	   listed in rejections.csv and summarised on stderr)
//	1  the command could not run (unreadable input folder, unwritable output),
//	   or, for validate, at least one file was refused
//	2  usage error (unknown command or flag, missing argument)
//	3  run, rebuild, registry import, publish: another run holds the data
//	   folder (run: use --wait to wait for it)
//
// run also exits 1 when the store is damaged, or missing or empty while
// files were received: nothing is taken or published, and the message says
// to run rebuild. rebuild exits 1 when it replaced nothing: a sound store
// without --force, no manifest, a kept original missing or altered.
// registry import exits 1 when a line of the file is refused (nothing is
// changed); report exits 1 when the --registry file is refused. publish
// exits 1 when it refuses (the latest run failed, has no data for the year,
// or is already that year's latest edition): nothing is written.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"c2isurvey/cmd/c2isurvey/internal/nightly"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/textsafe"
)

// Exit codes, documented above and in the README.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitLocked  = 3
)

// usageError marks an error as the user's invocation being wrong (exit 2).
// It is worded by main, in the language the arguments ask for: a catalogue
// key and its arguments, or a message already worded (the flag package's,
// a --lang refused in both languages).
type usageError struct {
	key  string
	args []any
	msg  string
}

func (e *usageError) Error() string { return e.in(texts.French) }

// in words the error in lang.
func (e *usageError) in(lang texts.Lang) string {
	if e.key == "" {
		return e.msg
	}
	return lang.F(e.key, e.args...)
}

// usagef is a usage error: the catalogue's text of key with args.
func usagef(key string, args ...any) error {
	return &usageError{key: key, args: args}
}

// errRefused is returned by validate when a file was refused: the problems
// are already printed, so main only sets the exit code.
var errRefused = errors.New("refused files")

func main() {
	setMemoryLimit()
	// os.Interrupt is Ctrl-C (Ctrl-Break too on Windows); syscall.SIGTERM is
	// what a service manager sends, and on Windows what Go makes of a console
	// closed, a logoff or a shutdown. Both exist on every system.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal asks for a clean stop; from then on a second one
		// ends the process at once, as a user pressing Ctrl-C again expects.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a command and maps its error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := argsLang(args)
	if len(args) == 0 {
		fmt.Fprint(stderr, lang.T("cli.help.main"))
		return exitUsage
	}
	var err error
	switch args[0] {
	case "report":
		err = cmdReport(ctx, args[1:], stdout, stderr)
	case "validate":
		err = cmdValidate(ctx, args[1:], stdout, stderr)
	case "template":
		err = cmdTemplate(args[1:], stdout, stderr)
	case "run":
		err = cmdRun(ctx, args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "runs":
		err = cmdRuns(ctx, args[1:], stdout, stderr)
	case "files":
		err = cmdFiles(ctx, args[1:], stdout, stderr)
	case "rebuild":
		err = cmdRebuild(ctx, args[1:], stdout, stderr)
	case "registry":
		err = cmdRegistry(ctx, args[1:], stdout, stderr)
	case "compare":
		err = cmdCompare(ctx, args[1:], stdout, stderr)
	case "publish":
		err = cmdPublish(ctx, args[1:], stdout, stderr)
	case "users":
		err = cmdUsers(ctx, args[1:], os.Stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, lang.T("cli.help.main"))
		return exitOK
	default:
		fmt.Fprintf(stderr, "%s\n\n%s", lang.F("cli.unknown.command", texts.Quoted(shown(args[0]))), lang.T("cli.help.main"))
		return exitUsage
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s\n%s\n", lang.F("cli.error", args[0], textsafe.Show(ue.in(lang), textsafe.Options{})), lang.F("cli.usage.hint", args[0]))
		return exitUsage
	case errors.Is(err, errRefused):
		return exitFailure
	case errors.Is(err, nightly.ErrLocked):
		fmt.Fprintln(stderr, lang.F("cli.error", args[0], shownError(err))) // the error says what to do
		return exitLocked
	default:
		fmt.Fprintln(stderr, lang.F("cli.error", args[0], shownError(err)))
		return exitFailure
	}
}

// shownError is an error as the terminal may print it: errors quote paths
// and names a user chose, which may hold escape sequences or line breaks.
// It is not cut (an error is read whole), only made harmless.
func shownError(err error) string {
	return textsafe.Show(err.Error(), textsafe.Options{})
}
