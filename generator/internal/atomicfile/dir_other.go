//go:build !linux

package atomicfile

import (
	"errors"
	"fmt"
	"os"
)

// ReplaceDir moves the finished tmp folder to final. When final exists
// it is moved aside, tmp is moved in, and the old one removed: a reader
// may find no folder for the moment between the two renames, which
// systems other than Linux have no atomic exchange to avoid.
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
	return replaceByRename(tmp, final)
}
