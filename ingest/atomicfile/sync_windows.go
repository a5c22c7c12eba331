package atomicfile

// SyncDir is a no-op on Windows: a folder cannot be opened for syncing
// there, and NTFS journals its metadata (the rename) itself.
func SyncDir(dir string) error { return nil }
