//go:build unix

package sheet

import (
	"os"
	"syscall"
)

// openFlags open a file to read without waiting: a named pipe put where a
// regular file was found would otherwise block the open until a writer
// came, and the reading worker with it. Opened at once, it is refused by
// the check made on the open file (load). Reading a regular file ignores
// the flag. It also spares os.Open's four fcntl calls a file.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
