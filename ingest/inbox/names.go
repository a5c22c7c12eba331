package inbox

import (
	"path"
	"strings"
	"unicode/utf8"
)

// maxName is the longest file name most file systems take (ext4, NTFS,
// APFS: 255 bytes or UTF-16 units; bytes are the stricter bound for
// French text). A kept name leaves room for the ".txt" of reasons written
// beside a refused file.
const (
	maxName     = 255
	maxKeptName = maxName - len(".txt")
	// maxExt is the longest extension kept whole when a name is cut; a
	// longer "extension" is part of the name.
	maxExt = 16
)

// keptName is the name of a kept original: <sha256>-<name dropped>, the
// subfolders of the inbox flattened into the name. It is traceable to its
// record and manifest line by the full hash (two different files never
// share it, where 12 hex digits collide in seconds of search), recognisable
// by the name dropped, and the same if a killed pass is redone. Names that
// would pass the file system's limit (a long name, deep folders) are cut
// (cutName); the name as dropped is kept whole in the store and the
// manifest.
func keptName(hash, name string) string {
	if hash == "" {
		hash = "sans-empreinte"
	}
	return cutName(hash+"-"+strings.ReplaceAll(name, "/", "_"), maxKeptName)
}

// cutName bounds name to max bytes: the end of the stem gives way to an
// ellipsis, at a character boundary, and the extension stays (the file
// still opens with the right program). A name within max is unchanged.
func cutName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	const mark = "…"
	ext := path.Ext(name)
	if len(ext) > maxExt || !utf8.ValidString(ext) {
		ext = ""
	}
	cut := max - len(ext) - len(mark)
	// Back to the start of a character (at most 3 bytes back in UTF-8; a
	// name that is not UTF-8 is cut where it must be).
	for i := 0; i < utf8.UTFMax-1 && cut > 0 && !utf8.RuneStart(name[cut]); i++ {
		cut--
	}
	return name[:cut] + mark + ext
}
