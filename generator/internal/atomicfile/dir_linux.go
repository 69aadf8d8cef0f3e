package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders tmp and final atomically (renameat2
// RENAME_EXCHANGE) and removes the old one, now at tmp; where the file
// system cannot, it replaces by renames.
func exchange(tmp, final string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, final, unix.RENAME_EXCHANGE); err != nil {
		return replaceByRename(tmp, final)
	}
	return os.RemoveAll(tmp)
}
