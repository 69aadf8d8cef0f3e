//go:build unix

package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// canLock tells whether tryLock can prove a scratch path abandoned.
const canLock = true

// tryLock takes an exclusive advisory lock on f without waiting. The
// kernel drops it when the process ends, however it ends, which is what
// proves a scratch folder abandoned.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}
