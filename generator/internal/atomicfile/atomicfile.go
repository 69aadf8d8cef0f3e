// Package atomicfile is anzen's one place for replacing what is on disk so
// that a reader sees either the old or the new, never part of either: a
// file (WriteFile: the data goes to a temporary file in the same folder,
// is synced, and is renamed over the name) and a finished folder
// (ReplaceDir: exchanged with the old one where the system can). It
// works on every platform anzen builds for (github.com/google/renameio
// does the same but does not build on Windows, where clinics run anzen).
package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes data to name with the permissions perm, atomically.
// name must not be a symbolic link the caller wants kept: the link is
// replaced (resolve it first to write through it).
func WriteFile(name string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
