package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// The portal end to end: `c2isurvey serve --listen` as users run it, with
// accounts made by `users add`, driven in a real Chromium through its forms
// and links.
//
// Chromium is Debian's (`apt-get install chromium`; .ci/run installs it).
// Without it the test is skipped, unless C2ISURVEY_CHROMIUM names the
// browser (CI): then it must run. C2ISURVEY_SCREENSHOTS=DIR keeps a
// screenshot of every page visited, to look at.
const chromiumEnv = "C2ISURVEY_CHROMIUM"

func chromiumPath(t *testing.T) string {
	if p := os.Getenv(chromiumEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("Chromium is not installed (apt-get install chromium): the portal's browser test is skipped")
	return ""
}

const e2ePassword = "un mot de passe assez long"

func TestPortalInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	chromium := chromiumPath(t)
	data := t.TempDir()
	for _, u := range [][]string{
		{"--email", "staff@example.fr", "--role", "staff"},
		{"--email", "marseille@example.fr", "--role", "institution", "--uai", "0134009M"},
		{"--email", "admin@example.fr", "--role", "admin"},
	} {
		var out bytes.Buffer
		if err := cmdUsers(context.Background(), append([]string{"add", "--data", data}, u...), strings.NewReader(e2ePassword+"\n"), &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), e2ePassword) {
			t.Errorf("users add printed the password it was given")
		}
	}

	// serve, with the portal on a free port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	var logs syncBuffer
	served := make(chan int, 1)
	go func() {
		served <- run(ctx, []string{"serve", "--data", data, "--listen", addr, "--settle", "0s", "--schedule", "0 0 1 1 *", "--tz", "UTC"}, io.Discard, &logs)
	}()
	t.Cleanup(func() {
		stop()
		select {
		case code := <-served:
			if code != 0 {
				t.Errorf("serve exited %d:\n%s", code, logs.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	base := "http://" + addr
	waitListening(t, addr)

	shots := os.Getenv("C2ISURVEY_SCREENSHOTS")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 3*time.Minute)
	defer cancelT()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v\nserve's log:\n%s", step, err, logs.String())
		}
	}
	shot := func(name string) {
		t.Helper()
		if shots == "" {
			return
		}
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		os.MkdirAll(shots, 0o755)
		os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
	}
	text := func(step, sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		// The catalogue's French puts a no-break space before « : ».
		return strings.ReplaceAll(s, "\u00a0", " ")
	}
	login := func(email string) {
		t.Helper()
		do("log in as "+email,
			chromedp.Navigate(base+"/files"),
			chromedp.WaitVisible(chromedp.CSS(`input[name="email"]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), email),
			chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), e2ePassword),
			chromedp.Submit(chromedp.CSS(`input[name="password"]`)),
			chromedp.WaitVisible(chromedp.CSS(`form.filters`)), // back on /files, where it was going
		)
	}

	do("open the login page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`input[name="password"]`)))
	shot("01-login")
	login("staff@example.fr")
	shot("02-files-empty")

	// A refused form: its cell is named in the page.
	bad, _ := filepath.Abs("../../samples/broken/03_certificats-superieurs-aux-etudiants.xlsx")
	do("upload a refused form",
		chromedp.Navigate(base+"/upload"),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="files"]`), []string{bad}),
		chromedp.Submit(chromedp.CSS(`input[name="files"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.result.refused`)),
	)
	shot("03-upload-refused")
	if got := text("read the refusal", `section.result.refused table.problems`); !strings.Contains(got, "cellule C8") || !strings.Contains(got, "dépassent les étudiants") {
		t.Errorf("the refusal does not name its cell: %q", got)
	}
	// Its annotated copy, downloaded through the page's link: the comment
	// is on that cell.
	annotated := fetchLink(t, bctx, `a[href$="/annotated"]`)
	wb, err := excelize.OpenReader(bytes.NewReader(annotated))
	if err != nil {
		t.Fatalf("the annotated copy is not a workbook: %v", err)
	}
	found := false
	for _, sh := range wb.GetSheetList() {
		comments, _ := wb.GetComments(sh)
		for _, c := range comments {
			if c.Cell == "C8" && strings.Contains(commentText(c), "dépassent") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no comment on C8 in the annotated copy (sheets %v)", wb.GetSheetList())
	}

	// A good form, then a run started from the portal.
	good, _ := filepath.Abs("../../samples/2011-2012/0060931E_universite-nice-sophia-antipolis.xlsx")
	other, _ := filepath.Abs("../../samples/2011-2012/0134009M_aix-marseille-universite.xlsx")
	do("upload good forms",
		chromedp.Navigate(base+"/upload"),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="files"]`), []string{good, other}),
		chromedp.Submit(chromedp.CSS(`input[name="files"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.result.ok`)),
	)
	shot("04-upload-accepted")
	if got := text("read the verdict", `main`); strings.Count(got, "— accepté") != 2 {
		t.Errorf("the good forms are not both accepted: %q", got)
	}
	do("run a pass",
		chromedp.Navigate(base+"/runs"),
		chromedp.Click(chromedp.CSS(`form[action="/runs"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`table.list`)),
	)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		do("follow the run", chromedp.Navigate(base+"/runs"))
		outcome := text("follow the run", `table.list tbody tr td:nth-child(4)`)
		if strings.Contains(outcome, "terminé") {
			break
		}
		if strings.Contains(outcome, "échec") || time.Now().After(deadline) {
			t.Fatalf("the run: %q\n%s", outcome, logs.String())
		}
		time.Sleep(time.Second)
	}
	shot("05-runs")

	// The new PDF, through the reports page's link.
	do("open the reports", chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.CSS(`a[href$="2011-2012.pdf"]`)))
	shot("06-reports")
	pdf := fetchLink(t, bctx, `a[href$="c2i2e-2011-2012.pdf"]`)
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the report is not a PDF: %.20q", pdf)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(path, pdf, 0o644)
		out, err := exec.Command(pdftotext, path, "-").Output()
		if err != nil || !strings.Contains(string(out), "2011-2012") {
			t.Errorf("pdftotext: %v, %.200q", err, out)
		}
	}

	// Staff publishes the year as an edition: its PDF is then listed.
	do("publish an edition",
		chromedp.Navigate(base+"/reports"),
		chromedp.Click(chromedp.CSS(`form[action="/reports/publish"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.ok`)),
	)
	if got := text("read the edition", `main`); !strings.Contains(got, "Édition publiée : editions/2011-2012/1") {
		t.Errorf("no edition published: %q", got)
	}
	ed := fetchLink(t, bctx, `a[href="/reports/editions/2011-2012/1/c2i2e-2011-2012.pdf"]`)
	if !bytes.HasPrefix(ed, []byte("%PDF")) {
		t.Errorf("the edition's PDF: %.20q", ed)
	}
	// Drawn as edition 1 (editions.Publish, as the command's).
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		path := filepath.Join(t.TempDir(), "ed.pdf")
		os.WriteFile(path, ed, 0o644)
		out, err := exec.Command(pdftotext, path, "-").Output()
		if err != nil || !strings.Contains(string(out), "Édition n° 1 du") || strings.Contains(string(out), "provisoire") {
			t.Errorf("the edition's PDF does not say it is edition 1: %v, %.300q", err, out)
		}
	}
	shot("06b-edition")

	// Compare: a table and an SVG chart drawn by the server.
	do("open compare", chromedp.Navigate(base+"/compare?by=group"), chromedp.WaitVisible(chromedp.CSS(`figure.chart svg`)))
	shot("07-compare")
	svg, err := chromedp.Run(bctx, chromedp.OuterHTML(chromedp.CSS(`figure.chart svg`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg, "<circle") {
		t.Errorf("the chart has no point: %.300s", svg)
	}
	for _, p := range []string{"/", "/files", "/completeness", "/outliers"} {
		do("open "+p, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS(`main`)))
		shot("08-staff" + strings.ReplaceAll(p, "/", "-"))
	}
	do("find Nice's file", chromedp.Navigate(base+"/files?uai=0060931E"))
	attr, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(`table.files tbody a[href^="/files/"]`), "href"))
	if err != nil || !attr.Exists {
		t.Fatalf("Nice's file is not listed: %v", err)
	}
	niceFile := attr.Value

	// An institution: its own files only.
	do("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name="password"]`)))
	login("marseille@example.fr")
	shot("09-institution-files")
	if got := text("read the institution's files", `main`); strings.Contains(got, "0060931E") || !strings.Contains(got, "0134009M") {
		t.Errorf("the institution's files page: %q", got)
	}
	do("open another institution's file", chromedp.Navigate(base+niceFile), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	shot("10-institution-other-file")
	if got := text("read the answer", `main h1`); got != "Introuvable" {
		t.Errorf("another institution's file %s: %q, want « Introuvable »", niceFile, got)
	}
	for _, p := range []string{niceFile + "/annotated", "/reports/latest/outliers.csv", "/reports/latest/c2i2e.xlsx", "/outliers", "/completeness"} {
		if status := fetchStatus(t, bctx, p); status != http.StatusNotFound && status != http.StatusForbidden {
			t.Errorf("institution GET %s: %d", p, status)
		}
	}

	// An admin: a refused registry shows its lines, nothing else to do in
	// a shell; new settings are saved from the page.
	do("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`input[name="password"]`)))
	login("admin@example.fr")
	faulty, err := filepath.Abs(filepath.Join(registryFixtures, "many-faults", "registry.csv"))
	if err != nil {
		t.Fatal(err)
	}
	do("send a faulty registry",
		chromedp.Navigate(base+"/registry"),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="registry"]`), []string{faulty}),
		chromedp.Submit(chromedp.CSS(`input[name="registry"]`)),
		chromedp.WaitVisible(chromedp.CSS(`div.result.refused`)),
	)
	shot("11-admin-registry-refused")
	if got := text("read the registry's problems", `div.result.refused`); !strings.Contains(got, "ligne 3, colonne 1 (uai)") {
		t.Errorf("the refused registry's page: %q", got)
	}
	do("save settings",
		chromedp.Navigate(base+"/settings"),
		chromedp.SetValue(chromedp.CSS(`textarea[name="content"]`), "seuil_fragile = 25\n"),
		chromedp.Click(chromedp.CSS(`form[action="/settings"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.ok`)),
	)
	shot("12-admin-settings")
	if b, err := os.ReadFile(filepath.Join(data, "settings.txt")); err != nil || string(b) != "seuil_fragile = 25\n" {
		t.Errorf("settings.txt after saving: %q, %v", b, err)
	}
	if strings.Contains(logs.String(), e2ePassword) {
		t.Errorf("serve's log holds a password")
	}
}

// fetchLink downloads what the link sel points to, in the browser, with
// its session: the bytes a user clicking it gets.
func fetchLink(t *testing.T, ctx context.Context, sel string) []byte {
	t.Helper()
	js := fmt.Sprintf(`(async () => {
		const a = document.querySelector(%q);
		if (!a) { throw new Error("no link"); }
		const r = await fetch(a.href);
		if (!r.ok) { throw new Error("status " + r.status); }
		const b = new Uint8Array(await r.arrayBuffer());
		let s = "";
		for (let i = 0; i < b.length; i += 8192) { s += String.fromCharCode.apply(null, b.subarray(i, i + 8192)); }
		return btoa(s);
	})()`, sel)
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download %s: %v", sel, err)
	}
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fetchStatus is the status the browser gets for a path, with its session.
func fetchStatus(t *testing.T, ctx context.Context, path string) int {
	t.Helper()
	js := fmt.Sprintf(`fetch(%q, {redirect: "manual"}).then(r => r.status)`, path)
	status, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", path, err)
	}
	return status
}

func commentText(c excelize.Comment) string {
	s := c.Text
	for _, r := range c.Paragraph {
		s += r.Text
	}
	return s
}

func waitListening(t *testing.T, addr string) {
	t.Helper()
	for range 200 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("serve does not listen on %s", addr)
}

// syncBuffer is a buffer serve logs into while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
