//go:build !linux

package atomicfile

// exchange replaces final with tmp by renames: other systems have no
// atomic exchange, so a reader may find no folder for the moment between
// the two.
func exchange(tmp, final string) error { return replaceByRename(tmp, final) }
