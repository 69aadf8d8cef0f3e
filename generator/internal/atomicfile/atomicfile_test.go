package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.toml")
	for _, tt := range []struct {
		data string
		perm os.FileMode
	}{
		{"first", 0o644},  // a new file
		{"second", 0o600}, // replaces it, with the mode asked for
	} {
		if err := WriteFile(name, []byte(tt.data), tt.perm); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != tt.data {
			t.Fatalf("read %q, %v; want %q", got, err, tt.data)
		}
		if st, _ := os.Stat(name); st.Mode().Perm() != tt.perm {
			t.Errorf("mode %v, want %v", st.Mode().Perm(), tt.perm)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// A folder that cannot be written: an error, nothing left behind.
	if err := WriteFile(filepath.Join(dir, "missing", "p.toml"), []byte("x"), 0o644); err == nil {
		t.Error("no error writing into a missing folder")
	}
}
