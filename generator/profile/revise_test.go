package profile

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestAppendRevision: the entry is added at the end of the bytes given,
// everything before it kept, the result decoded; the file is not touched.
// A result that does not decode is an error naming the file.
func TestAppendRevision(t *testing.T) {
	const path = "testdata/minimal.toml"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rev := Revision{Version: "1.0", Date: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Summary: "制定 \"初版\""}
	const entry = "\n[[policy.history]]\nversion = \"1.0\"\ndate = 2026-04-01\nsummary = \"制定 \\\"初版\\\"\"\n"
	for _, tt := range []struct {
		name, data, want string
	}{
		{"ends with a newline", string(src), string(src) + entry},
		{"no final newline", strings.TrimSuffix(string(src), "\n"), string(src) + entry},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, p, err := AppendRevision(path, []byte(tt.data), rev)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if !p.HasRevision("1.0") || p.Policy.History[len(p.Policy.History)-1].Summary != rev.Summary {
				t.Errorf("decoded history %+v", p.Policy.History)
			}
		})
	}
	if now, _ := os.ReadFile(path); string(now) != string(src) {
		t.Error("AppendRevision changed the file")
	}
	_, _, err = AppendRevision(path, []byte("format = 1\n[clinic\n"), rev)
	if err == nil || !strings.HasPrefix(err.Error(), path+": cannot append a [[policy.history]] entry (add it by hand): ") {
		t.Errorf("err = %v", err)
	}
}
