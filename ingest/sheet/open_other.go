//go:build !unix

package sheet

import "os"

// openFlags open a file to read (see open_unix.go: there is no named pipe
// to wait on here).
const openFlags = os.O_RDONLY
