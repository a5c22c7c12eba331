//go:build unix

package report

import "syscall"

// scratchMemory maps n bytes of memory outside the Go heap, nil when it
// cannot: the caller then writes to a file. Pages are taken from the
// system as they are first written.
func scratchMemory(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	return b
}

// freeScratchMemory unmaps memory scratchMemory mapped; nothing may use it
// afterwards.
func freeScratchMemory(b []byte) { _ = syscall.Munmap(b) }
