package build

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Zip writes the clinic folder dir as one archive at zipPath (the folder's
// name as the archive's top directory), for handing a client its
// documents as one file. Entries are in path order with the given time,
// so the same folder gives the same bytes. The archive is written beside
// its final name and renamed into place.
func Zip(dir, zipPath string, modTime time.Time) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(zipPath), ".anzen-zip-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	base := filepath.Base(dir)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), zipPath)
}
