package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds the decoder and validator arbitrary bytes: it must never
// panic or hang, and every failure must be a list of located problems.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("../../profiles/*.toml")
	files = append(files, "testdata/minimal.toml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "format = 1", "[clinic]\nid = \"../x\"", "a = [[[[[[[[1]]]]]]]]", "x = 2026-02-30",
		"[[staff]]\n[[staff]]\nid = 1", "format = 1\n[clinic]\nname = \"\\u0000\"", "\xff\xfe", "a.b.c.d.e.f = 1",
		"[policy]\nhistory = \"x\"", "[[systems]]\n[systems.backup]\nfrequency = 3",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode("f.toml", data)
		if err == nil {
			if p == nil || p.Clinic.ID == "" || len(p.Systems) == 0 {
				t.Fatalf("accepted an incomplete profile: %+v", p)
			}
			return
		}
		ps := Problems(err)
		if len(ps) == 0 {
			t.Fatalf("error without problems: %v", err)
		}
		for _, pr := range ps {
			if pr.File != "f.toml" || pr.Msg == "" || !strings.HasPrefix(pr.Error(), "f.toml") {
				t.Fatalf("bad problem %#v", pr)
			}
		}
	})
}
