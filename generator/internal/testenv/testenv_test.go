package testenv

import (
	"testing"
)

// recorder records what Missing does to a test.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skip(...any)           { r.skipped = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestMissingSkipsOrFails(t *testing.T) {
	for _, tt := range []struct {
		env        string
		skip, fail bool
	}{
		{"", true, false},
		{"0", true, false},
		{"1", false, true},
	} {
		t.Setenv(Var, tt.env)
		r := &recorder{TB: t}
		Missing(r, "chromium")
		if r.skipped != tt.skip || r.failed != tt.fail {
			t.Errorf("%s=%q: skipped %v failed %v", Var, tt.env, r.skipped, r.failed)
		}
	}
}
