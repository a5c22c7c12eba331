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
)

func cmdUsers(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, argsLang(args).T("cli.help.users"))
		return usagef("sous-commande manquante : add, list, disable, enable ou passwd")
	}
	sub, args := args[0], args[1:]
	var o dataOptions
	var email, role, uai string
	var generate bool
	fs := newFlagSet("users "+sub, "cli.help.users", args, stderr)
	fs.StringVar(&o.data, "data", "", "cli.flag.data")
	fs.StringVar(&email, "email", "", "cli.flag.users.email")
	fs.StringVar(&role, "role", "", "cli.flag.users.role")
	fs.StringVar(&uai, "uai", "", "cli.flag.users.uai")
	fs.BoolVar(&generate, "generate", false, "cli.flag.users.generate")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("argument inattendu %q", fs.Arg(0))
	}
	if sub != "list" && email == "" {
		return usagef("--email est obligatoire")
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
			fmt.Fprintf(stderr, "c2isurvey users : journal : %v\n", err)
		}
	}
	switch sub {
	case "add":
		u := store.User{Email: strings.ToLower(strings.TrimSpace(email)), Role: role, UAI: strings.ToUpper(strings.TrimSpace(uai)), Created: now}
		if msg := portal.CheckAccount(u, "fr"); msg != "" {
			return usagef("%s", msg)
		}
		pw, shown, err := readPassword(stdin, stderr, generate)
		if err != nil {
			return err
		}
		hash, err := portal.HashPassword(pw)
		if err != nil {
			return err
		}
		if _, err := st.AddUser(ctx, u, hash); err != nil {
			if _, _, e := st.UserByEmail(ctx, u.Email); e == nil {
				return fmt.Errorf("le compte %s existe déjà (« users passwd » change son mot de passe)", u.Email)
			}
			return err
		}
		audit("user.add", fmt.Sprintf("%s (%s)", u.Email, strings.TrimSpace(u.Role+" "+u.UAI)))
		fmt.Fprintf(stdout, "Compte créé : %s (%s%s)\n", u.Email, u.Role, map[bool]string{true: " " + u.UAI, false: ""}[u.UAI != ""])
		if shown {
			fmt.Fprintf(stdout, "Mot de passe (affiché une seule fois) : %s\n", pw)
		}
		return nil
	case "list":
		users, err := st.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ADRESSE\tRÔLE\tUAI\tCRÉÉ LE\tÉTAT")
		for _, u := range users {
			state := "actif"
			if u.Disabled {
				state = "désactivé"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", shown(u.Email), u.Role, u.UAI, u.Created.Local().Format("2006-01-02 15:04"), state)
		}
		return tw.Flush()
	case "disable", "enable":
		if err := st.SetDisabled(ctx, email, sub == "disable", now); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("aucun compte %s", email)
			}
			return err
		}
		audit("user."+sub, strings.ToLower(email))
		fmt.Fprintf(stdout, "Compte %s : %s\n", strings.ToLower(email), map[string]string{"disable": "désactivé (ses sessions sont terminées)", "enable": "réactivé"}[sub])
		return nil
	case "passwd":
		if _, _, err := st.UserByEmail(ctx, email); err != nil {
			return fmt.Errorf("aucun compte %s", email)
		}
		pw, shown, err := readPassword(stdin, stderr, generate)
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
		fmt.Fprintf(stdout, "Mot de passe de %s changé ; ses sessions ouvertes sont terminées.\n", strings.ToLower(email))
		if shown {
			fmt.Fprintf(stdout, "Mot de passe (affiché une seule fois) : %s\n", pw)
		}
		return nil
	}
	return usagef("sous-commande inconnue %q : add, list, disable, enable ou passwd", sub)
}

// readPassword reads one line of stdin as the password, or generates one
// when asked or when stdin gives nothing; shown says it must be printed.
func readPassword(stdin io.Reader, prompt io.Writer, generate bool) (pw string, shown bool, err error) {
	if f, ok := stdin.(*os.File); ok && !generate {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			// Typed at a terminal (it shows): say what is expected.
			fmt.Fprint(prompt, "Mot de passe (au moins 12 caractères ; vide : en créer un) : ")
		}
	}
	if !generate && stdin != nil {
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, fmt.Errorf("lecture du mot de passe : %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if pw == "" {
		return portal.GeneratePassword(), true, nil
	}
	if len([]rune(pw)) < portal.MinPasswordLength {
		return "", false, usagef("mot de passe trop court : au moins %d caractères (ou aucun, pour en créer un)", portal.MinPasswordLength)
	}
	return pw, false, nil
}
