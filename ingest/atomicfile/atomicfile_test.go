package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	// 244 bytes: a temporary name derived from it would pass the 255-byte limit.
	long := strings.Repeat("é", 120) + ".pdf"
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		file    string
		content string
		fail    bool
		want    string
	}{
		{name: "new file", file: "a.csv", content: "x,y\n", want: "x,y\n"},
		{name: "replaces", file: "a.csv", content: "z\n", want: "z\n"},
		{name: "long name", file: long, content: "long", want: "long"},
		{name: "failed write leaves the old file", file: "a.csv", content: "half", fail: true, want: "z\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			err := Write(path, func(w io.Writer) error {
				if _, err := w.Write([]byte(tc.content)); err != nil {
					return err
				}
				if tc.fail {
					return boom
				}
				return nil
			})
			if tc.fail != errors.Is(err, boom) {
				t.Fatalf("error %v, fail %v", err, tc.fail)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tc.want {
				t.Errorf("file holds %q (%v), want %q", got, err, tc.want)
			}
			if info, err := os.Stat(path); err != nil || info.Mode().Perm() != Perm {
				t.Errorf("permissions %v (%v), want %v", info.Mode().Perm(), err, Perm)
			}
			des, _ := os.ReadDir(dir)
			for _, de := range des {
				if IsTemp(de.Name()) {
					t.Errorf("temporary file %s left behind", de.Name())
				}
			}
		})
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{TempPrefix + "123" + TempSuffix, "kept.xlsx", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveTemps(dir); err != nil {
		t.Fatal(err)
	}
	des, _ := os.ReadDir(dir)
	var left []string
	for _, de := range des {
		left = append(left, de.Name())
	}
	if strings.Join(left, ",") != ".hidden,kept.xlsx" {
		t.Errorf("left %v", left)
	}
}
