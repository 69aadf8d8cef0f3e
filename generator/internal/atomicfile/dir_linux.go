package atomicfile

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// ReplaceDir moves the finished tmp folder to final. When final exists the
// two are exchanged atomically (renameat2 RENAME_EXCHANGE), so a reader
// sees the old folder or the new one, never neither; then the old one,
// now at tmp, is removed.
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
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, final, unix.RENAME_EXCHANGE); err != nil {
		return replaceByRename(tmp, final)
	}
	return os.RemoveAll(tmp)
}
