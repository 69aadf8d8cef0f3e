package build

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Zip writes the clinic folder dir as one archive at zipPath (the folder's
// name as the archive's top directory), for handing a client its
// documents as one file. Entries are in path order with the given time,
// so the same folder gives the same bytes. The archive is written beside
// its final name and renamed into place; a temporary archive left by a
// killed run is removed by the next one.
func Zip(dir, zipPath string, modTime time.Time) error {
	base := filepath.Base(dir)
	sc, err := zipScratch(filepath.Dir(zipPath), base, dir, modTime)
	if err != nil {
		return err
	}
	defer sc.release()
	return os.Rename(sc.path, zipPath)
}

// zipScratch writes dir as an archive whose top directory is base into a
// locked temporary file in out, and returns it.
func zipScratch(out, base, dir string, modTime time.Time) (_ *scratch, err error) {
	sc, f, err := newScratchFile(out, base)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			sc.release()
		}
	}()
	if err := writeZip(f, dir, base, modTime); err != nil {
		return nil, err
	}
	// The lock stays on the open file until the caller releases it.
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return nil, err
	}
	return sc, nil
}

// writeZip writes the files under dir to w as a zip archive under base/.
func writeZip(w io.Writer, dir, base string, modTime time.Time) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.ToSlash(filepath.Join(base, rel)), Method: zip.Deflate, Modified: modTime})
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("zip %s: %w", dir, err)
	}
	return zw.Close()
}
