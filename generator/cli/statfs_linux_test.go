package cli

import (
	"syscall"
	"testing"
)

type syscallStatfs = syscall.Statfs_t

func freeBytes(t *testing.T, dir string, st *syscall.Statfs_t) int {
	t.Helper()
	if err := syscall.Statfs(dir, st); err != nil {
		t.Fatal(err)
	}
	return int(st.Bavail) * int(st.Bsize)
}
