package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Temporary names in the output folder. A clinic id is lower-case letters,
// digits and hyphens, so the dot after it ends it: the pattern of clinic
// "sakura" (.anzen-build.sakura.*) never matches the folder of
// "sakura-naika" (.anzen-build.sakura-naika.*).
const (
	buildPrefix = ".anzen-build."
	zipPrefix   = ".anzen-zip."
)

// scratch is a temporary folder or file this process made and holds a lock
// on until it is released: another build sees the lock and leaves it alone.
type scratch struct {
	path string
	lock *os.File
}

// newScratchDir makes a private temporary folder for clinic id's build in
// out and locks it, after removing the folders of earlier builds of the
// same clinic that were killed before they could clean up (proven
// abandoned: nobody holds their lock).
func newScratchDir(out, id string) (*scratch, error) {
	removeAbandoned(out, buildPrefix+id+".")
	dir, err := os.MkdirTemp(out, buildPrefix+id+".*")
	if err != nil {
		return nil, err
	}
	f, err := lockPath(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return &scratch{path: dir, lock: f}, nil
}

// newScratchFile creates a temporary file beside final for clinic id,
// locked like a scratch folder.
func newScratchFile(dir, id string) (*scratch, *os.File, error) {
	removeAbandoned(dir, zipPrefix+id+".")
	f, err := os.CreateTemp(dir, zipPrefix+id+".*")
	if err != nil {
		return nil, nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return &scratch{path: f.Name(), lock: f}, f, nil
}

// release removes the scratch path when it is still there (a failed
// build; after a successful swap it holds the previous output) and drops
// the lock.
func (s *scratch) release() {
	os.RemoveAll(s.path)
	s.unlock()
}

// unlock drops the lock, leaving the path.
func (s *scratch) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}

// removeAbandoned removes the entries of dir named prefix* whose lock can
// be taken: their build ended without cleaning up. An entry locked by a
// running build, of this process or another, is left alone.
func removeAbandoned(dir, prefix string) {
	if !canLock {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(prefix)+"*"))
	for _, m := range matches {
		f, err := lockPath(m)
		if err != nil {
			continue // in use, or not ours to judge
		}
		os.RemoveAll(m)
		f.Close()
	}
}

// lockPath opens path and takes its lock without waiting.
func lockPath(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// errLocked is returned when another build holds a scratch path's lock.
var errLocked = errors.New("in use by another build")

// globEscape quotes the glob metacharacters of s (ids have none, but the
// output folder's path may).
func globEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}
