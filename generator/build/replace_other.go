//go:build !linux

package build

import (
	"errors"
	"fmt"
	"os"
)

func replaceDir(tmp, final string) error {
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
