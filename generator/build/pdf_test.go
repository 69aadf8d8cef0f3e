package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/anzen-dev/anzen/generator/pdf"
)

// startBrowser starts headless Chromium for a test, which is skipped
// where Chromium is not installed, unless ANZEN_REQUIRE_BROWSER=1 (set by
// .ci/run, which installs it): there a missing browser fails the test.
func startBrowser(t *testing.T) *pdf.Printer {
	t.Helper()
	required := os.Getenv("ANZEN_REQUIRE_BROWSER") == "1"
	if testing.Short() && !required {
		t.Skip("starts Chromium")
	}
	p, err := pdf.New(context.Background(), "")
	if errors.Is(err, pdf.ErrNoChromium) {
		if required {
			t.Fatalf("ANZEN_REQUIRE_BROWSER=1: %v", err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// TestHandbookPDF prints the example clinic's handbook with headless
// Chromium and checks the PDF: A4 pages, a page per document at least, an
// outline, and text that can be selected (ToUnicode maps).
func TestHandbookPDF(t *testing.T) {
	printer := startBrowser(t)
	b, err := New(WithPDF(printer))
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	res, err := b.Clinic(context.Background(), p, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(res.Dir, "handbook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pages < res.Documents+2 {
		t.Errorf("%d pages for %d documents", pages, res.Documents)
	}
	if !regexp.MustCompile(`/MediaBox\s*\[0 0 594\.9\d* 841\.9\d*\]`).Match(data) {
		t.Error("pages are not A4")
	}
	if want := "/CreationDate (D:" + p.Policy.LastReview.Format("20060102") + "000000"; !bytes.Contains(data, []byte(want)) {
		t.Errorf("PDF is not dated as of the profile (%s)", want)
	}
	for _, want := range []string{"/Outlines", "/ToUnicode", "/FontFile"} {
		if !bytes.Contains(data, []byte(want)) && !(want == "/FontFile" && bytes.Contains(data, []byte("/Type3"))) {
			t.Errorf("PDF has no %s", want)
		}
	}
}
