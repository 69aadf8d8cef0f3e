package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// TestMain runs the command itself when the tests start this test binary
// as anzen.
func TestMain(m *testing.M) {
	if os.Getenv("ANZEN_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestSignalEndsCommandsThatDoNotBuild: SIGTERM and Ctrl-C end validate
// and check at once. They were caught for the build's sake and then
// ignored: a validate waiting on a pipe, or busy with a huge profile, kept
// running after `timeout` had sent SIGTERM.
func TestSignalEndsCommandsThatDoNotBuild(t *testing.T) {
	for _, tc := range []struct {
		cmd string
		sig syscall.Signal
	}{{"validate", syscall.SIGTERM}, {"validate", syscall.SIGINT}, {"check", syscall.SIGTERM}} {
		fifo := filepath.Join(t.TempDir(), "p.toml")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			testenv.Missing(t, err)
		}
		cmd := exec.Command(os.Args[0], tc.cmd, fifo)
		cmd.Env = append(os.Environ(), "ANZEN_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Opening the pipe returns once the command has opened it too
		// (its signal handling is set up by then); it then waits for a
		// profile that never comes, and only the signal ends it.
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Process.Signal(tc.sig)
		err = cmd.Wait()
		w.Close()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s after %v: %v", tc.cmd, tc.sig, err)
		}
		if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != tc.sig {
			t.Errorf("%s after %v: %v, want ended by the signal", tc.cmd, tc.sig, err)
		}
	}
}
