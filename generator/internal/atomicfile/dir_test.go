package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReplaceDir: a new folder is moved into place, an old one is replaced
// whole (nothing of it is left, beside it either), and a file in the way is
// refused and kept.
func TestReplaceDir(t *testing.T) {
	dir := t.TempDir()
	final := filepath.Join(dir, "site")
	fill := func(name, file string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, file), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, run := range []struct{ tmp, file string }{{"tmp1", "a.html"}, {"tmp2", "b.html"}} {
		if err := ReplaceDir(fill(run.tmp, run.file), final); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(final)
		if err != nil || len(entries) != 1 || entries[0].Name() != run.file {
			t.Fatalf("after %s: %v %v, want only %s", run.tmp, entries, err, run.file)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left beside the folder: %v", entries)
	}
	// The exchange's fallback, used where the system has none.
	if err := replaceByRename(fill("tmp3", "c.html"), final); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(final, "c.html")); err != nil {
		t.Error(err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceDir(fill("tmp4", "d.html"), file); !errors.Is(err, ErrNotDir) {
		t.Errorf("over a file: %v, want ErrNotDir", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "keep" {
		t.Error("the file in the way was changed")
	}
}
