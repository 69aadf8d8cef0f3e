package build

import (
	"context"
	"strings"
	"testing"
)

// TestPreviewHasNoHugoLivereload: the preview's pages, the handbooks
// rendered on request included, do not load Hugo's livereload.js, which
// anzen serve does not serve (it reloads pages with its own script).
func TestPreviewHasNoHugoLivereload(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pv := NewPreview(t.TempDir())
	defer pv.Close()
	if _, err := pv.Build(context.Background(), b, examples(t)[0]); err != nil {
		t.Fatal(err)
	}
	files, err := pv.Handbooks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["handbook.html"]; !ok {
		t.Fatal("no handbook.html")
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

// TestPreviewHandbooksAfterClose: the handbooks are asked for before any
// build (an error), and after the site kept open was closed, as a failed
// rebuild closes it: they are rendered from the last good build, opened
// afresh.
func TestPreviewHandbooksAfterClose(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pv := NewPreview(t.TempDir())
	defer pv.Close()
	if _, err := pv.Handbooks(context.Background()); err == nil {
		t.Fatal("Handbooks before a build: no error")
	}
	if _, err := pv.Build(context.Background(), b, examples(t)[0]); err != nil {
		t.Fatal(err)
	}
	pv.Close()
	files, err := pv.Handbooks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(files["handbook.html"]) < 100000 {
		t.Fatalf("handbook.html: %d bytes", len(files["handbook.html"]))
	}
}
