package build

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// TestScratchTouchesOnlyItsOwnAbandonedFolders: making clinic "sakura"'s
// temporary folder removes only sakura's folders that no build holds; the
// folders of "sakura-naika" (whose id sakura is a prefix of) and a sakura
// build still running are left alone.
func TestScratchTouchesOnlyItsOwnAbandonedFolders(t *testing.T) {
	if !canLock {
		testenv.Missing(t, "no advisory locks on this system")
	}
	out := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Join(p, "hugo"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	abandoned := mk(".anzen-build.sakura.111")
	other := mk(".anzen-build.sakura-naika.222")
	running := mk(".anzen-build.sakura.333")
	oldStyle := mk(".anzen-sakura-naika-444")
	held, err := lockPath(running)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	otherHeld, err := lockPath(other)
	if err != nil {
		t.Fatal(err)
	}
	defer otherHeld.Close()

	sc, err := newScratchDir(out, "sakura")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(sc.path), ".anzen-build.sakura.") {
		t.Errorf("scratch folder %s", sc.path)
	}
	// A second build of the same clinic at the same time gets its own
	// folder and leaves the first one's alone.
	sc2, err := newScratchDir(out, "sakura")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{other, running, oldStyle, sc.path, sc2.path} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if _, err := os.Stat(abandoned); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("abandoned folder kept: %v", err)
	}
	if _, err := lockPath(sc.path); !errors.Is(err, errLocked) {
		t.Errorf("scratch folder not locked: %v", err)
	}
	sc.release()
	sc2.release()
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{".anzen-build.sakura-naika.222", ".anzen-build.sakura.333", ".anzen-sakura-naika-444"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("after release: %v, want %v", names, want)
	}
}

// TestVerifyRefusesIncompleteOutput: a folder missing a file, or with a
// file of another size than written, is reported with the file names.
func TestVerifyRefusesIncompleteOutput(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "hugo"), 0o755)
	os.WriteFile(filepath.Join(dir, "hugo", "hugo.toml"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "report.json"), []byte("{}"), 0o644)
	tests := []struct {
		want map[string]int
		msg  string
	}{
		{map[string]int{"hugo/hugo.toml": 1, "report.json": 2}, ""},
		{map[string]int{"hugo/hugo.toml": 1, "site/index.html": 10}, "site/index.html is missing"},
		{map[string]int{"report.json": 5}, "report.json has 2 bytes, wrote 5"},
		{map[string]int{"hugo": -1}, "hugo is not a regular file"},
	}
	for _, tt := range tests {
		err := verify(dir, tt.want)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("%v: %v", tt.want, err)
			}
			continue
		}
		if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%v: err = %v, want %q", tt.want, err, tt.msg)
		}
	}
}
