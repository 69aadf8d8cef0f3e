package atomicfile

import (
	"errors"
	"os"
)

// ErrNotDir is returned by ReplaceDir when the final path exists and is
// not a directory.
var ErrNotDir = errors.New("exists and is not a directory")

// replaceByRename replaces final with tmp in two renames, for systems
// without an atomic exchange: final is moved aside first, and moved back if
// the second rename fails.
func replaceByRename(tmp, final string) error {
	old := tmp + ".old"
	if err := os.Rename(final, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.Rename(old, final)
		return err
	}
	return os.RemoveAll(old)
}
