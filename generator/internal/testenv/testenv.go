// Package testenv decides what a test does when the machine lacks what it
// needs (Chromium, pdftotext, root to mount a file system, symbolic
// links): on a developer's machine the test is skipped; in CI, where
// .ci/run installs everything and sets ANZEN_CI=1, it fails, so a run
// that silently tests less never passes.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// Var is the environment variable that marks a CI run.
const Var = "ANZEN_CI"

// CI tells whether the tests run in CI.
func CI() bool { return os.Getenv(Var) == "1" }

// Missing skips the test, or fails it in CI, saying what the machine
// lacks.
func Missing(t testing.TB, what ...any) {
	t.Helper()
	msg := fmt.Sprint(what...)
	if CI() {
		t.Fatalf("%s=1 (CI) and this test cannot run: %s", Var, msg)
		return
	}
	t.Skip(msg)
}
