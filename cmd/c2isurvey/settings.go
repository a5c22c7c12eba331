package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"c2isurvey/ingest/settings"
	"c2isurvey/ingest/texts"
)

// The publication settings (ingest/settings, docs/settings.md) of the
// report and run commands. report stops on a faulty settings file, as on a
// faulty registry: the user named it and can correct it. A nightly run
// publishes with the defaults instead and logs why: no single file may stop
// the publication.

// reportSettings reads --settings for report; nil when not given (the
// defaults).
func reportSettings(path, lang string) (*settings.Settings, error) {
	if path == "" {
		return nil, nil
	}
	return settings.Load(path, lang)
}

// runSettings reads the run's settings file (--settings, or else the data
// folder's, nightly.Config.SettingsFile); a missing one gives the defaults,
// a faulty one is logged and the defaults serve.
func runSettings(path, lang string, logTo io.Writer) *settings.Settings {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	s, err := settings.Load(path, lang)
	if err != nil {
		fmt.Fprintln(logTo, texts.Lang(lang).T("cli.settings.refused"))
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(logTo, "  "+shown(line))
		}
		return nil
	}
	return s
}
