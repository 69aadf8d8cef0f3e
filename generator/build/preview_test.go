package build

import (
	"context"
	"strings"
	"testing"
)

// TestPreviewHasNoHugoLivereload: the preview's pages do not load Hugo's
// livereload.js, which anzen serve does not serve (it reloads pages with
// its own script).
func TestPreviewHasNoHugoLivereload(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pv := NewPreview(t.TempDir())
	defer pv.Close()
	files, err := pv.Build(context.Background(), b, examples(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if strings.Contains(string(data), "livereload") {
			t.Errorf("%s loads Hugo's livereload.js", name)
		}
	}
	if pages < 10 {
		t.Fatalf("%d pages", pages)
	}
}
