package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"c2isurvey/ingest"
	"c2isurvey/ingest/atomicfile"
	"c2isurvey/ingest/template"
)

type templateOptions struct {
	commonOptions
	year               int
	out                string
	uai, name, academy string
}

func cmdTemplate(args []string, stdout, stderr io.Writer) error {
	var o templateOptions
	fs := newFlagSet("template", "cli.help.template", args, stderr)
	o.register(fs)
	fs.IntVar(&o.year, "year", 0, "cli.flag.year")
	fs.StringVar(&o.out, "out", "", "cli.flag.template.out")
	fs.StringVar(&o.uai, "uai", "", "cli.flag.uai")
	fs.StringVar(&o.name, "name", "", "cli.flag.name")
	fs.StringVar(&o.academy, "academie", "", "cli.flag.academie")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cli.usage-error.unexpected-argument", fs.Arg(0))
	}
	return runTemplate(o, stdout)
}

func runTemplate(o templateOptions, stdout io.Writer) error {
	opts, err := o.ingestOptions(time.Now())
	if err != nil {
		return err
	}
	if o.year < 2000 || o.year > opts.MaxYear {
		return usagef("cli.usage-error.template-year", opts.MaxYear)
	}
	if o.out == "" {
		return usagef("cli.usage-error.out-file")
	}
	if !strings.EqualFold(filepath.Ext(o.out), ".xlsx") {
		return usagef("cli.usage-error.out-xlsx")
	}
	uai := strings.ToUpper(strings.TrimSpace(o.uai))
	if _, err := ingest.ParseUAI(uai); uai != "" && err != nil {
		return usagef("cli.usage-error.uai", o.uai)
	}
	var buf bytes.Buffer
	f := template.Form{Year: o.year, UAI: uai, Name: o.name, Academie: o.academy, Lang: opts.Lang, Tracks: opts.Tracks}
	if err := template.Write(&buf, f); err != nil {
		return fmt.Errorf("write form: %w", err)
	}
	// The form is meant to be shared: atomicfile writes it readable by all
	// (0644), whole or not at all.
	if err := atomicfile.WriteBytes(o.out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(stdout, shown(o.out))
	return nil
}
