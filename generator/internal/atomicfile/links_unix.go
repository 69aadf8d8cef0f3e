//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// hardLinks returns the number of names the file has.
func hardLinks(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}
