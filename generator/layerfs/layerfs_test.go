package layerfs

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestUpperLayerWins(t *testing.T) {
	base := fstest.MapFS{
		"a.txt":     {Data: []byte("base a")},
		"dir/b.txt": {Data: []byte("base b")},
		"dir/c.txt": {Data: []byte("base c")},
	}
	over := fstest.MapFS{
		"dir/b.txt": {Data: []byte("over b")},
		"dir/d.txt": {Data: []byte("over d")},
	}
	l := New(base, over)
	for name, want := range map[string]string{"a.txt": "base a", "dir/b.txt": "over b", "dir/c.txt": "base c", "dir/d.txt": "over d"} {
		got, err := fs.ReadFile(l, name)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	entries, err := fs.ReadDir(l, "dir")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 || names[0] != "b.txt" || names[2] != "d.txt" {
		t.Errorf("ReadDir = %v", names)
	}
	if _, err := fs.ReadFile(l, "../etc/passwd"); err == nil {
		t.Error("read outside the layers")
	}
	if err := fstest.TestFS(l, "a.txt", "dir/b.txt", "dir/c.txt", "dir/d.txt"); err != nil {
		t.Error(err)
	}
}
