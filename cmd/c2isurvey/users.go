package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"c2isurvey/cmd/c2isurvey/internal/portal"
	"c2isurvey/ingest/inbox"
	"c2isurvey/ingest/store"
	"c2isurvey/ingest/texts"
)

func cmdUsers(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, argsLang(args).T("cli.help.users"))
		return usagef("cli.usage-error.users-no-subcommand")
	}
	sub, args := args[0], args[1:]
	var o dataOptions
	var email, role, uai string
	var generate bool
	fs := newFlagSet("users "+sub, "cli.help.users", args, stderr)
	fs.StringVar(&o.data, "data", "", "cli.flag.data")
	fs.StringVar(&o.lang, "lang", "fr", "cli.flag.users.lang")
	fs.StringVar(&email, "email", "", "cli.flag.users.email")
	fs.StringVar(&role, "role", "", "cli.flag.users.role")
	fs.StringVar(&uai, "uai", "", "cli.flag.users.uai")
	fs.BoolVar(&generate, "generate", false, "cli.flag.users.generate")
	if err := parse(fs, args); err != nil {
		return err
	}
	lang, err := texts.Parse(o.lang)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	if sub != "list" && email == "" {
		return usagef("cli.usage-error.email-required")
	}
	dirs := inbox.Layout(o.dataDir())
	if err := dirs.EnsureDirs(); err != nil {
		return err
	}
	st, err := store.Open(dirs.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	audit := func(action, detail string) {
		// The command is run by whoever has the server's shell: the audit
		// names the command and the system account.
		actor := "cli:" + os.Getenv("USER")
		if err := st.Audit(ctx, store.AuditEntry{At: now, Actor: actor, Address: "local", Action: action, Detail: detail}); err != nil {
			fmt.Fprintln(stderr, lang.F("cli.users.audit-failed", err))
		}
	}
	switch sub {
	case "add":
		u := store.User{Email: strings.ToLower(strings.TrimSpace(email)), Role: role, UAI: strings.ToUpper(strings.TrimSpace(uai)), Created: now}
		if msg := portal.CheckAccount(u, lang.Code()); msg != "" {
			return &usageError{msg: msg}
		}
		pw, shown, err := readPassword(stdin, stderr, generate, lang)
		if err != nil {
			return err
		}
		hash, err := portal.HashPassword(pw)
		if err != nil {
			return err
		}
		if _, err := st.AddUser(ctx, u, hash); err != nil {
			if _, _, e := st.UserByEmail(ctx, u.Email); e == nil {
				return errors.New(lang.F("cli.users.exists", u.Email))
			}
			return err
		}
		audit("user.add", fmt.Sprintf("%s (%s)", u.Email, strings.TrimSpace(u.Role+" "+u.UAI)))
		fmt.Fprintln(stdout, lang.F("cli.users.created", u.Email, strings.TrimSpace(u.Role+" "+u.UAI)))
		if shown {
			fmt.Fprintln(stdout, lang.F("cli.users.password-shown", pw))
		}
		return nil
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, lang.T("cli.users.header"))
		for _, u := range users {
			state := lang.T("cli.users.active")
			if u.Disabled {
				state = lang.T("cli.users.disabled")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", shown(u.Email), u.Role, u.UAI, u.Created.Local().Format("2006-01-02 15:04"), state)
		}
		return tw.Flush()
	case "disable", "enable":
		if err := st.SetDisabled(ctx, email, sub == "disable", now); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errors.New(lang.F("cli.users.none", email))
			}
			return err
		}
		audit("user."+sub, strings.ToLower(email))
		fmt.Fprintln(stdout, lang.F("cli.users.done."+sub, strings.ToLower(email)))
		return nil
	case "passwd":
		if _, _, err := st.UserByEmail(ctx, email); err != nil {
			return errors.New(lang.F("cli.users.none", email))
		}
		pw, shown, err := readPassword(stdin, stderr, generate, lang)
		if err != nil {
			return err
		}
		hash, err := portal.HashPassword(pw)
		if err != nil {
			return err
		}
		if err := st.SetPassword(ctx, email, hash, now); err != nil {
			return err
		}
		audit("user.passwd", strings.ToLower(email))
		fmt.Fprintln(stdout, lang.F("cli.users.passwd", strings.ToLower(email)))
		if shown {
			fmt.Fprintln(stdout, lang.F("cli.users.password-shown", pw))
		}
		return nil
	}
	return usagef("cli.usage-error.users-subcommand", sub)
}

// readPassword reads one line of stdin as the password, or generates one
// when asked or when stdin gives nothing; shown says it must be printed.
func readPassword(stdin io.Reader, prompt io.Writer, generate bool, lang texts.Lang) (pw string, shown bool, err error) {
	if f, ok := stdin.(*os.File); ok && !generate {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			// Typed at a terminal (it shows): say what is expected.
			fmt.Fprint(prompt, lang.F("cli.users.prompt", texts.Count(portal.MinPasswordLength))+" ")
		}
	}
	if !generate && stdin != nil {
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, fmt.Errorf(lang.T("cli.users.read-failed"), err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if pw == "" {
		return portal.GeneratePassword(), true, nil
	}
	if len([]rune(pw)) < portal.MinPasswordLength {
		return "", false, usagef("cli.usage-error.password-short", texts.Count(portal.MinPasswordLength))
	}
	return pw, false, nil
}
