package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedBuildKeepsPreviousOutput builds the example clinics, then
// interrupts a second build of them at different moments (SIGINT, as
// Ctrl-C, and SIGKILL) and checks that every clinic's folder is either the
// previous one, byte for byte, or a complete new one, and that no
// temporary folder is left once a later build has run.
func TestInterruptedBuildKeepsPreviousOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and several sites")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "anzen")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/anzen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	profiles, _ := filepath.Glob("../../profiles/*.toml")
	out := filepath.Join(dir, "out")
	args := append([]string{"build", "-j", "1", "-o", out}, profiles...)
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := treeHashes(t, out)

	for _, tc := range []struct {
		sig   syscall.Signal
		after time.Duration
	}{
		{syscall.SIGINT, 40 * time.Millisecond}, {syscall.SIGINT, 150 * time.Millisecond},
		{syscall.SIGINT, 300 * time.Millisecond}, {syscall.SIGKILL, 100 * time.Millisecond},
		{syscall.SIGKILL, 250 * time.Millisecond},
	} {
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(tc.after)
		cmd.Process.Signal(tc.sig)
		err := cmd.Wait()
		after := treeHashes(t, out)
		for name, h := range after {
			if strings.HasPrefix(name, ".anzen-") {
				if tc.sig == syscall.SIGINT {
					t.Errorf("%v after %v: temporary file left: %s", tc.sig, tc.after, name)
				}
				continue
			}
			if before[name] != h {
				// A clinic rebuilt completely is fine only if its whole
				// folder is new and complete; the build is deterministic,
				// so its files equal the previous ones anyway.
				t.Errorf("%v after %v (exit %v): %s changed", tc.sig, tc.after, err, name)
			}
		}
		for name := range before {
			if _, ok := after[name]; !ok {
				t.Errorf("%v after %v: %s disappeared", tc.sig, tc.after, name)
			}
		}
	}
	// A later build removes what a killed one left behind.
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("last build: %v\n%s", err, b)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".anzen-") {
			t.Errorf("stale temporary folder %s survived a build", e.Name())
		}
	}
}
