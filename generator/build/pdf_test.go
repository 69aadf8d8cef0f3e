package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
	"github.com/anzen-dev/anzen/generator/pdf"
)

// startBrowser starts headless Chromium for a test, which is skipped
// where Chromium is not installed, or fails in CI (testenv).
func startBrowser(t *testing.T) *pdf.Printer {
	t.Helper()
	if testing.Short() && !testenv.CI() {
		t.Skip("starts Chromium")
	}
	p, err := pdf.New(context.Background(), "")
	if errors.Is(err, pdf.ErrNoChromium) {
		testenv.Missing(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// TestHandbookPDF prints a clinic's handbooks with headless Chromium and
// checks the PDFs: A4 pages, a page per document at least, an outline,
// dated as of the profile, the same bytes from a second build; text that
// is the handbook's own — the words a reader searches for and every
// member of staff, and no Kangxi radical in any font's ToUnicode map
// where the handbook has none (pdftotext alone would not tell: it
// normalises radicals to the kanji they look like); table of contents
// page numbers that are the pages the headings landed on; running
// headers and "page / pages"; the emergency card alone on one page; and
// the English handbook.
func TestHandbookPDF(t *testing.T) {
	printer := startBrowser(t)
	b, err := New(WithPDF(printer))
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	// Names that take the font's rarer glyphs (髙 﨑 and 𠮷, which the
	// handbook's font lacks and another draws) and a Latin name.
	p.Staff[0].Name = "髙﨑 𠮷太郎"
	p.Staff[len(p.Staff)-1].Name = "Patrick O'Brien"
	res, err := b.Clinic(context.Background(), p, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	siteDir := filepath.Join(res.Dir, "site")
	read := func(name string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	data, page := read("handbook.pdf"), read("handbook.html")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	pageCount := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pageCount < res.Documents+2 {
		t.Errorf("%d pages for %d documents", pageCount, res.Documents)
	}
	if !regexp.MustCompile(`/MediaBox\s*\[0 0 594\.9\d* 841\.9\d*\]`).Match(data) {
		t.Error("pages are not A4")
	}
	if want := "/CreationDate (D:" + p.Policy.LastReview.Format("20060102") + "000000"; !bytes.Contains(data, []byte(want)) {
		t.Errorf("PDF is not dated as of the profile (%s)", want)
	}
	for _, want := range []string{"/Outlines", "/ToUnicode", "/FontFile2", "/StructTreeRoot"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("PDF has no %s", want)
		}
	}

	t.Run("text layer", func(t *testing.T) {
		for _, name := range []string{"handbook.pdf", "emergency-card.pdf", "en/handbook.pdf"} {
			html := read(strings.Replace(strings.Replace(name, ".pdf", ".html", 1), "emergency-card", "handbook", 1))
			if err := pdf.CheckText(read(name), string(html)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		got, err := pdf.ToUnicode(data)
		if err != nil {
			t.Fatal(err)
		}
		// The kanji that came out as radicals, and the middle dot, are
		// in the text layer as themselves.
		for _, r := range "文書施行日見直手順一覧行方人長高用・髙﨑𠮷" {
			if !got[r] {
				t.Errorf("no glyph of the PDF reads %q", r)
			}
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			testenv.Missing(t, "pdftotext is not installed (poppler-utils)")
		}
		// In the order the PDF draws its text (-raw): pdftotext's layout
		// analysis takes a glyph from another font (𠮷, drawn by the
		// fallback font) for the start of another block.
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", filepath.Join(siteDir, "handbook.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		words := []string{"文書", "施行日", "見直し", "手順", "一覧"}
		for _, s := range p.Staff {
			words = append(words, s.Name)
		}
		for _, w := range words {
			if !strings.Contains(text, w) {
				t.Errorf("the PDF's text has no %q", w)
			}
		}
	})

	t.Run("table of contents", func(t *testing.T) {
		dests, err := pdf.DestinationPages(data)
		if err != nil {
			t.Fatal(err)
		}
		toc, _, _ := bytes.Cut(page[bytes.Index(page, []byte(`<ol class="toc-all">`)):], []byte("</section>"))
		numbers := regexp.MustCompile(`<span class="pn" data-dest="([^"]+)">([0-9]*)</span>`).FindAllSubmatch(toc, -1)
		if len(numbers) < 50 {
			t.Fatalf("%d table of contents entries", len(numbers))
		}
		last := 0
		for _, m := range numbers {
			id, n := string(m[1]), string(m[2])
			want, ok := dests[id]
			if !ok {
				t.Errorf("%s: no such destination in the PDF", id)
				continue
			}
			if n != strconv.Itoa(want) {
				t.Errorf("%s: table of contents says page %q, the heading is on page %d", id, n, want)
			}
			if want < last {
				t.Errorf("%s: page %d after page %d", id, want, last)
			}
			last = want
		}
		// A quoted reference to a section gives the page the section is
		// on.
		xrefs := regexp.MustCompile(`」<span class="xref"><span class="pn" data-dest="([^"]+)">([0-9]*)</span></span>`).FindAllSubmatch(page, -1)
		if len(xrefs) < 20 {
			t.Errorf("%d cross-references with a page number", len(xrefs))
		}
		for _, m := range xrefs {
			id, n := string(m[1]), string(m[2])
			if want, ok := dests[id]; !ok || n != strconv.Itoa(want) {
				t.Errorf("a reference to %s says page %q; the section is on page %d (found: %t)", id, n, want, ok)
			}
		}
		// Each document starts a page: its title is the first line of
		// the page's text after the running header.
		if _, err := exec.LookPath("pdftotext"); err != nil {
			testenv.Missing(t, "pdftotext is not installed (poppler-utils)")
		}
		n := dests["doc-regulations"]
		out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), filepath.Join(siteDir, "handbook.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) < 3 || !strings.Contains(lines[0], p.Clinic.Name) || !strings.Contains(lines[0], "医療情報システム安全管理規程") {
			t.Errorf("running header of page %d: %q", n, lines[0])
		}
		if foot := strings.TrimSpace(lines[len(lines)-1]); foot != strconv.Itoa(n)+" / "+strconv.Itoa(pageCount) {
			t.Errorf("page %d ends with %q, want %d / %d", n, foot, n, pageCount)
		}
	})

	t.Run("emergency card", func(t *testing.T) {
		card := read("emergency-card.pdf")
		if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(card, -1)); n != 1 {
			t.Errorf("emergency-card.pdf has %d pages", n)
		}
		if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(read("en/emergency-card.pdf"), -1)); n != 1 {
			t.Errorf("en/emergency-card.pdf has %d pages", n)
		}
	})

	t.Run("linked from the site", func(t *testing.T) {
		for _, page := range []string{"index.html", "en/index.html", "guide/glossary.html"} {
			links := regexp.MustCompile(`href="([^"]+\.pdf)"`).FindAllSubmatch(read(page), -1)
			if len(links) != 2 {
				t.Errorf("%s links %d PDFs, want 2", page, len(links))
			}
			for _, l := range links {
				target := filepath.Join(siteDir, filepath.Dir(filepath.FromSlash(page)), filepath.FromSlash(string(l[1])))
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s: link %s: %v", page, l[1], err)
				}
			}
		}
	})

	t.Run("same bytes", func(t *testing.T) {
		// Built again into the same folder, the handbooks are printed
		// once, from the last build's page numbers, and come out the same.
		names := []string{"handbook.pdf", "handbook.html", "emergency-card.pdf", "en/handbook.pdf"}
		before := map[string][]byte{}
		for _, name := range names {
			before[name] = read(name)
		}
		if _, err := b.Clinic(context.Background(), p, filepath.Dir(res.Dir)); err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if !bytes.Equal(before[name], read(name)) {
				t.Errorf("%s differs between two builds", name)
			}
		}
	})
}
