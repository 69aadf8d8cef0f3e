package build

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func examples(t testing.TB) []*profile.Profile {
	t.Helper()
	names, err := filepath.Glob("../../profiles/*.toml")
	if err != nil || len(names) < 4 {
		t.Fatalf("example profiles: %v %v", names, err)
	}
	var out []*profile.Profile
	for _, n := range names {
		p, err := profile.LoadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		p.File = filepath.Base(n)
		out = append(out, p)
	}
	return out
}

// TestGolden compares every document of every example clinic, and its
// report, with testdata/golden/<clinic>/. Run `go test -update` to rewrite
// them, then review the diff like code.
func TestGolden(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples(t) {
		t.Run(p.Clinic.ID, func(t *testing.T) {
			out, err := b.Generate(p)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]byte{}
			for name, data := range out.Project {
				if strings.HasPrefix(name, "content/") && !strings.HasPrefix(name, "content/guide/") {
					want[strings.TrimPrefix(name, "content/")] = data
				}
			}
			rep, err := json.MarshalIndent(out.Report, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want["report.json"] = append(rep, '\n')
			dir := filepath.Join("testdata", "golden", p.Clinic.ID)
			if *update {
				os.RemoveAll(dir)
				for name, data := range want {
					if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			if len(files) != len(want) {
				t.Errorf("golden has %d files, generated %d (run go test -update)", len(files), len(want))
			}
			for name, data := range want {
				golden, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Errorf("%s: %v (run go test -update)", name, err)
					continue
				}
				if string(golden) != string(data) {
					t.Errorf("%s differs from golden (run go test -update and review the diff)", name)
				}
			}
		})
	}
}

// TestEveryFragmentRendersForSomeClinic checks that the example profiles
// together exercise every default fragment: a fragment no example uses is
// untested content.
func TestEveryFragmentRendersForSomeClinic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, p := range examples(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Clinic.ID, err)
		}
		for _, d := range out.Docs.Documents {
			for _, s := range d.Sections {
				used[s.ID] = true
			}
		}
	}
	for _, f := range b.Fragments().Fragments {
		if !used[f.ID] {
			t.Errorf("%s: fragment %q is used by no example profile", f.File, f.ID)
		}
	}
}

// TestEveryDocumentForEveryClinic checks that each example clinic gets
// every document in the registry.
func TestEveryDocumentForEveryClinic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Clinic.ID, err)
		}
		got := map[string]bool{}
		for _, d := range out.Docs.Documents {
			got[d.ID] = true
		}
		for _, d := range b.Fragments().Documents {
			if !got[d.ID] {
				t.Errorf("%s: document %q is missing", p.Clinic.ID, d.ID)
			}
		}
	}
}

func TestClinicKeepsPreviousOutputOnCancel(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	out := t.TempDir()
	if _, err := b.Clinic(context.Background(), p, out); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(out, p.Clinic.ID, "report.json")
	before, err := os.ReadFile(marker)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Clinic(ctx, p, out); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	after, err := os.ReadFile(marker)
	if err != nil || string(after) != string(before) {
		t.Fatalf("previous output changed: %v", err)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("output holds %v; want only %s", names, p.Clinic.ID)
	}
}

func TestClinicRefusesToReplaceAFile(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, p.Clinic.ID), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Clinic(context.Background(), p, out); !errors.Is(err, ErrNotDir) {
		t.Fatalf("err = %v, want ErrNotDir", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, p.Clinic.ID)); string(data) != "keep me" {
		t.Fatal("file was replaced")
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p := examples(b)[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bl.Generate(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClinic(b *testing.B) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p := examples(b)[0]
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bl.Clinic(context.Background(), p, out); err != nil {
			b.Fatal(err)
		}
	}
}
