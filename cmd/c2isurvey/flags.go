package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/academies"
	"c2isurvey/ingest/sheet"
	"c2isurvey/ingest/texts"
	"c2isurvey/ingest/tracks"
)

// errHelp is returned when the user asked for --help: usage was printed.
var errHelp = errors.New("help")

// newFlagSet returns a flag set that prints its help on w and reports
// errors as usage errors rather than exiting. The help is the catalogue's
// text of helpKey, then the flags, whose usage strings are catalogue keys
// too, worded in the language args ask for (--lang en gives the help in
// English).
func newFlagSet(name, helpKey string, args []string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints its errors in English: they go nowhere, and
	// parse words them in the user's language (main prints them).
	fs.SetOutput(io.Discard)
	lang := argsLang(args)
	fs.Usage = func() {
		fmt.Fprint(w, lang.T(helpKey))
		printFlags(w, fs, lang)
	}
	return fs
}

// printFlags lists the flags as flag.PrintDefaults does, but in lang: the
// flag package words its defaults in English.
func printFlags(w io.Writer, fs *flag.FlagSet, lang texts.Lang) {
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(w, "  --%s\n    \t%s", f.Name, lang.T(f.Usage))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprint(w, lang.F("cli.flag.default", f.DefValue))
		}
		fmt.Fprintln(w)
	})
}

// parse parses args; --help gives errHelp, a bad flag a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		return errHelp
	}
	return flagError(err)
}

// flagErrors are the flag package's errors, read back to be worded in the
// user's language; the package's own detail (a strconv error) is left out.
var flagErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "cli.flag.undefined"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "cli.flag.needs-value"},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): `), "cli.flag.invalid"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "cli.flag.syntax"},
}

// flagError is a usage error for an error of the flag package.
func flagError(err error) error {
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			args := make([]any, len(m)-1)
			for i, v := range m[1:] {
				args[i] = v
			}
			return usagef(fe.key, args...)
		}
	}
	return &usageError{msg: err.Error()}
}

// listFlag is a flag that may be repeated, and that also takes the
// arguments following it up to the next flag (--in a b c --out d).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// spreadList rewrites "--in a b c" into "--in a --in b --in c" so that the
// standard flag package can parse a list after one flag name.
func spreadList(args []string, names ...string) []string {
	var out []string
	cur := ""
	for _, a := range args {
		switch {
		case a == "--":
			cur = ""
			out = append(out, a)
		case strings.HasPrefix(a, "-"):
			cur = ""
			trim := strings.TrimLeft(a, "-")
			for _, n := range names {
				if trim == n {
					cur = a
				}
			}
			out = append(out, a)
		case cur != "" && len(out) > 0 && out[len(out)-1] != cur:
			out = append(out, cur, a)
		default:
			out = append(out, a)
		}
	}
	return out
}

// commonOptions are the flags shared by the commands that read files.
type commonOptions struct {
	lang          string
	tracksFile    string
	academiesFile string
}

func (c *commonOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&c.lang, "lang", "fr", "cli.flag.lang")
	fs.StringVar(&c.tracksFile, "tracks", "", "cli.flag.tracks")
	fs.StringVar(&c.academiesFile, "academies", "", "cli.flag.academies")
}

// ingestOptions checks the shared flags and builds the reader's options.
func (c *commonOptions) ingestOptions(now time.Time) (ingest.Options, error) {
	lang, err := texts.Parse(c.lang)
	if err != nil {
		return ingest.Options{}, &usageError{msg: err.Error()}
	}
	dict := tracks.Default()
	if c.tracksFile != "" {
		d, err := tracks.Load(c.tracksFile)
		if err != nil {
			return ingest.Options{}, err
		}
		dict = d
	}
	// nil is the embedded dictionary, parsed once by ingest.
	var acad *academies.Dictionary
	if c.academiesFile != "" {
		d, err := academies.Load(c.academiesFile)
		if err != nil {
			return ingest.Options{}, err
		}
		acad = d
	}
	return ingest.Options{
		Lang:      lang.Code(),
		Tracks:    dict,
		Academies: acad,
		Limits:    sheet.DefaultLimits(),
		// A plausible academic year ends at the latest next year.
		MaxYear: now.Year() + 1,
	}, nil
}

// argsLang is the language the arguments ask for (--lang en, -lang=en…),
// French when none or an unknown one is given: main frames its errors and
// help in it before any command has parsed its flags.
func argsLang(args []string) texts.Lang {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if l, err := texts.Parse(value); err == nil {
			return l
		}
	}
	return texts.French
}
