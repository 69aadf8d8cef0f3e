// Package layerfs composes file systems into one in which upper layers win:
// a file in an upper layer hides the file of the same path below it, and
// directories list the union of their entries. It is how a vendor's
// templates, theme and content overlay the embedded defaults.
package layerfs

import (
	"errors"
	"io"
	"io/fs"
	"sort"
)

// FS is a stack of file systems; later layers win.
type FS struct {
	layers []fs.FS
}

// New returns the union of layers; later layers win.
func New(layers ...fs.FS) *FS {
	return &FS{layers: layers}
}

// Open opens the named file from the topmost layer that has it.
func (l *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for i := len(l.layers) - 1; i >= 0; i-- {
		f, err := l.layers[i].Open(name)
		if err == nil {
			st, err := f.Stat()
			if err != nil || !st.IsDir() {
				return f, err
			}
			// A directory lists the union of the layers' entries.
			entries, err := l.ReadDir(name)
			if err != nil {
				f.Close()
				return nil, err
			}
			return &dir{File: f, entries: entries}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile reads the named file from the topmost layer that has it.
func (l *FS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	for i := len(l.layers) - 1; i >= 0; i-- {
		data, err := fs.ReadFile(l.layers[i], name)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists the union of the named directory's entries across layers,
// sorted by name; an entry takes the type of its topmost layer.
func (l *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	found := false
	for i := len(l.layers) - 1; i >= 0; i-- {
		entries, err := fs.ReadDir(l.layers[i], name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if _, ok := seen[e.Name()]; !ok {
				seen[e.Name()] = e
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// dir is an open directory whose entries are merged across layers.
type dir struct {
	fs.File
	entries []fs.DirEntry
}

// ReadDir returns the next n merged entries (all when n <= 0).
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
