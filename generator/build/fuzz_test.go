package build

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

var fuzzBuilder = sync.OnceValues(func() (*Builder, error) { return New() })

// FuzzGenerate checks that every profile that validates also builds: the
// documents, the report and the site's pages are generated without an
// error (a name that starts with punctuation once left a fragment's bold
// unclosed, and the build blamed the fragment).
func FuzzGenerate(f *testing.F) {
	names, _ := filepath.Glob("../../profiles/*.toml")
	more, _ := filepath.Glob("../verdict/testdata/*.toml")
	for _, n := range append(names, more...) {
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
	b, err := fuzzBuilder()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := profile.Decode("fuzz.toml", data)
		if err != nil {
			return // refused with an error: fine
		}
		if _, err := b.Generate(p); err != nil {
			t.Fatalf("a profile that validates does not build: %v", err)
		}
	})
}
