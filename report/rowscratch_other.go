//go:build !unix

package report

// scratchMemory is memory outside the Go heap, which is not mapped here:
// rows go to a scratch file (rowscratch_unix.go).
func scratchMemory(int) []byte { return nil }

func freeScratchMemory([]byte) {}
