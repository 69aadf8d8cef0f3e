package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// TestDiskFullKeepsPreviousOutput builds a clinic onto a small file
// system, then fills it so the next build runs out of space: the build
// fails with the error, the previous output stays as it was, and no
// temporary folder is left. It needs root to mount a tmpfs and is skipped
// otherwise.
func TestDiskFullKeepsPreviousOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a file system")
	}
	dir := filepath.Join(t.TempDir(), "small")
	os.MkdirAll(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		testenv.Missing(t, fmt.Sprintf("cannot mount a tmpfs (not root?): %v %s", err, out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	if code, _, stderr := run(t, "build", "-o", dir); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := treeHashes(t, dir)
	// Leave less room than a build needs.
	var st syscallStatfs
	free := freeBytes(t, dir, &st)
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, make([]byte, free-200<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "build", "-o", dir)
	if code != 1 || !strings.Contains(stderr, "no space left on device") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	os.Remove(filler)
	after := treeHashes(t, dir)
	for name, h := range before {
		if after[name] != h {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if strings.HasPrefix(name, ".anzen-") {
			t.Errorf("temporary file left: %s", name)
		}
	}
}
