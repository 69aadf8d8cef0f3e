package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrReadOnly is returned by Update when the file to change is not
// writable. (Its only caller changes a profile file, hence the advice.)
var ErrReadOnly = errors.New("is read-only: anzen does not change it (make it writable, or add the entry by hand)")

// Update replaces the file at path with data, whose first keep bytes are
// the file's present content. A symbolic link is written through to the
// file it names (the link stays a link); the file keeps its mode; a
// read-only file is refused with ErrReadOnly. A file with other hard
// links is appended to in place, so every name still shows the same file;
// any other is replaced whole by a rename (WriteFile), so a reader never
// sees half of it.
func Update(path string, data []byte, keep int) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", target)
	}
	if st.Mode().Perm()&0o222 == 0 {
		return ErrReadOnly
	}
	if hardLinks(st) > 1 {
		return appendInPlace(target, data, keep)
	}
	return WriteFile(target, data, st.Mode().Perm())
}

// appendInPlace writes the part of data after keep at the end of target,
// after checking that target still holds the first keep bytes.
func appendInPlace(target string, data []byte, keep int) error {
	f, err := os.OpenFile(target, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return ErrReadOnly
		}
		return err
	}
	defer f.Close()
	now := make([]byte, keep+1)
	n, _ := f.ReadAt(now, 0)
	if n != keep || !bytes.Equal(now[:n], data[:keep]) {
		return errors.New("changed while anzen read it: build again")
	}
	if _, err := f.WriteAt(data[keep:], int64(keep)); err != nil {
		return err
	}
	return f.Sync()
}
