package atomicfile

import (
	"errors"
	"fmt"
	"os"
)

// ErrNotDir is returned by ReplaceDir when the final path exists and is
// not a directory.
var ErrNotDir = errors.New("exists and is not a directory")

// ReplaceDir moves the finished tmp folder to final. When final exists the
// two are exchanged (see exchange), so that where the system allows a
// reader sees the old folder or the new one, never neither; then the old
// one is removed.
func ReplaceDir(tmp, final string) error {
	st, err := os.Lstat(final)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(tmp, final)
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("%s %w", final, ErrNotDir)
	}
	return exchange(tmp, final)
}

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
