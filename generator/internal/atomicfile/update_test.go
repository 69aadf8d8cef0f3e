package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpdate: a file is changed through a symbolic link (the link stays),
// keeps its hard links and its mode, and a read-only one is refused and
// left as it was.
func TestUpdate(t *testing.T) {
	const src = "# a profile\nversion = \"1.0\"\n"
	const entry = "\n[[policy.history]]\nversion = \"1.0\"\ndate = 2026-04-01\nsummary = \"制定\"\n"
	tests := []struct {
		name string
		// setup makes the file and returns the path to give and the
		// path of the real file.
		setup   func(dir string) (string, string)
		mode    os.FileMode
		wantErr error
	}{
		{"plain file", func(dir string) (string, string) {
			p := filepath.Join(dir, "p.toml")
			os.WriteFile(p, []byte(src), 0o640)
			return p, p
		}, 0o640, nil},
		{"symbolic link", func(dir string) (string, string) {
			real := filepath.Join(dir, "real", "p.toml")
			os.MkdirAll(filepath.Dir(real), 0o755)
			os.WriteFile(real, []byte(src), 0o600)
			link := filepath.Join(dir, "link.toml")
			os.Symlink(filepath.Join("real", "p.toml"), link)
			return link, real
		}, 0o600, nil},
		{"hard link", func(dir string) (string, string) {
			p := filepath.Join(dir, "p.toml")
			os.WriteFile(p, []byte(src), 0o644)
			os.Link(p, filepath.Join(dir, "other-name.toml"))
			return p, filepath.Join(dir, "other-name.toml")
		}, 0o644, nil},
		{"read-only", func(dir string) (string, string) {
			p := filepath.Join(dir, "p.toml")
			os.WriteFile(p, []byte(src), 0o444)
			return p, p
		}, 0o444, ErrReadOnly},
		{"link to a read-only file", func(dir string) (string, string) {
			real := filepath.Join(dir, "real.toml")
			os.WriteFile(real, []byte(src), 0o444)
			link := filepath.Join(dir, "link.toml")
			os.Symlink("real.toml", link)
			return link, real
		}, 0o444, ErrReadOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			given, real := tt.setup(dir)
			before, _ := os.Lstat(given)
			err := Update(given, []byte(src+entry), len(src))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got, _ := os.ReadFile(real)
			want := src
			if tt.wantErr == nil {
				want += entry
			}
			if string(got) != want {
				t.Errorf("%s holds:\n%s\nwant:\n%s", real, got, want)
			}
			st, _ := os.Stat(real)
			if st.Mode().Perm() != tt.mode {
				t.Errorf("mode %v, want %v", st.Mode().Perm(), tt.mode)
			}
			after, _ := os.Lstat(given)
			if before.Mode().Type() != after.Mode().Type() {
				t.Errorf("%s was a %v, is a %v", given, before.Mode().Type(), after.Mode().Type())
			}
			if got, _ := os.ReadFile(given); string(got) != want {
				t.Errorf("%s does not show the change", given)
			}
			entries, _ := os.ReadDir(filepath.Dir(real))
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file %s left", e.Name())
				}
			}
		})
	}
}

// TestUpdateChangedMeanwhile: a file with several names whose content is
// no longer what the caller read is left alone.
func TestUpdateChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.toml")
	os.WriteFile(p, []byte("edited since\n"), 0o644)
	os.Link(p, filepath.Join(dir, "other-name.toml"))
	err := Update(p, []byte("as read\nappended\n"), len("as read\n"))
	if err == nil || err.Error() != "changed while anzen read it: build again" {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "edited since\n" {
		t.Errorf("file holds %q", got)
	}
}
