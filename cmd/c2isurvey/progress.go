package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws "[#####.....] 45/178 fichiers" on a terminal, and
// nothing at all when the output is a file, a pipe or /dev/null (logs must
// not fill with carriage returns).
type progressBar struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	label string
	last  int       // the most files reported done
	drawn time.Time // when the bar was last drawn
	bar   int       // the #s it showed then
}

// progressEvery is how often at most the bar is drawn again for the count
// alone: a file read takes a tenth of a millisecond, and a line written for
// each of 60,000 files is a system call and a lock taken by every reader.
const progressEvery = 100 * time.Millisecond

// newProgress returns a bar on w when w is an interactive terminal and
// there is more than a handful of files, else nil (whose methods do nothing).
// A terminal is what answers a terminal's control call: /dev/null is a
// character device too, and a bar drawn there cost a system call a file.
func newProgress(w io.Writer, total int, label string) *progressBar {
	f, ok := w.(*os.File)
	if !ok || total < 5 || !term.IsTerminal(int(f.Fd())) {
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
	first := p.last < 0
	p.last = done
	const width = 30
	n := width * done / p.total
	// Drawn when the bar grows, at the end, or every progressEvery.
	if !first && n == p.bar && done < p.total && time.Since(p.drawn) < progressEvery {
		return
	}
	p.drawn, p.bar = time.Now(), n
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
