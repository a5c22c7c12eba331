package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// progressBar draws "[#####.....] 45/178 fichiers" on a terminal, and
// nothing at all when the output is a file or a pipe (logs must not fill
// with carriage returns).
type progressBar struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	label string
	last  int
}

// newProgress returns a bar on w when w is an interactive terminal and
// there is more than a handful of files, else nil (whose methods do nothing).
func newProgress(w io.Writer, total int, label string) *progressBar {
	f, ok := w.(*os.File)
	if !ok || total < 5 {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressBar{w: w, total: total, label: label, last: -1}
}

// Set shows done files out of the total; safe from several goroutines.
func (p *progressBar) Set(done int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if done <= p.last {
		return
	}
	p.last = done
	const width = 30
	n := width * done / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("#", n), strings.Repeat(".", width-n), done, p.total, p.label)
}

// Done clears the bar's line.
func (p *progressBar) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 50+len(p.label)))
}
