package build

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// sitePages lists the HTML pages of a built site, by path relative to its
// folder, in both languages. The handbook is left out: it is a document
// for printing with a layout of its own.
func sitePages(t *testing.T, site string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || d.Name() == "handbook.html" {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 36 {
		t.Fatalf("only %d pages in %s", len(pages), site)
	}
	return pages
}

// buildExamples builds every example clinic into a temporary folder and
// returns their output folders, by clinic id.
func buildExamples(t *testing.T) map[string]string {
	t.Helper()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	dirs := map[string]string{}
	for _, p := range examples(t) {
		res, err := b.Clinic(context.Background(), p, out)
		if err != nil {
			t.Fatal(err)
		}
		dirs[p.Clinic.ID] = res.Dir
	}
	return dirs
}

// axeViolation is one rule axe-core found broken, with the first nodes.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
	Count  int      `json:"count"`
	Width  int64    `json:"-"`
}

// TestAccessibility runs axe-core (vendored in testdata/axe) over every page
// of every example clinic's site, in Japanese and English, on a 1280 px
// screen and a 375 px phone, and fails on any violation.
func TestAccessibility(t *testing.T) {
	browser := startBrowser(t)
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	dirs := buildExamples(t)
	for _, id := range slices.Sorted(maps.Keys(dirs)) {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			site := filepath.Join(dirs[id], "site")
			tab, cancel := browser.Tab()
			defer cancel()
			for _, page := range sitePages(t, site) {
				found, err := runAxe(tab, string(axe), filepath.Join(site, filepath.FromSlash(page)), 1280, 375)
				if err != nil {
					t.Fatalf("%s: %v", page, err)
				}
				for _, v := range found {
					t.Errorf("%s at %d px: %s (%s, %s) on %d nodes: %s", page, v.Width, v.ID, v.Impact, v.Help, v.Count, strings.Join(v.Nodes, " | "))
				}
			}
		})
	}
}

// runAxe opens a page and returns what axe-core finds at each screen
// width, the page resized in between (as a reader turning a tablet).
func runAxe(tab context.Context, axe, page string, widths ...int64) ([]axeViolation, error) {
	if err := chromedp.Do(tab, chromedp.EmulateViewport(widths[0], 900), chromedp.Navigate("file://"+page)); err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](axe+";true")); err != nil {
		return nil, fmt.Errorf("load axe: %w", err)
	}
	var all []axeViolation
	for i, w := range widths {
		if i > 0 {
			if err := chromedp.Do(tab, chromedp.EmulateViewport(w, 900)); err != nil {
				return nil, err
			}
		}
		// Resized, the page runs its resize handlers (site.js marks the
		// tables that scroll) before axe looks.
		found, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](`new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))).then(() => axe.run(document, {resultTypes: ["violations"]})).then(r => r.violations.map(v => ({
			id: v.id, impact: v.impact || "", help: v.help, count: v.nodes.length,
			nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + n.html.slice(0, 120))})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			return nil, err
		}
		for j := range found {
			found[j].Width = w
		}
		all = append(all, found...)
	}
	return all, nil
}

// phoneCheck is what TestPhoneNumbersAreLinks reads from a page.
type phoneCheck struct {
	Plain   []string `json:"plain"`   // numbers in the text, not links
	Wrapped []string `json:"wrapped"` // links on more than one line
	Wrong   []string `json:"wrong"`   // links that dial another number
	Links   int      `json:"links"`
}

// TestPhoneNumbersAreLinks: on the emergency card and the incident page of
// every example clinic, in both languages, on a phone, every telephone
// number in the text is a tel: link that dials the number shown, and no
// link breaks across lines.
func TestPhoneNumbersAreLinks(t *testing.T) {
	browser := startBrowser(t)
	dirs := buildExamples(t)
	tab, cancel := browser.Tab()
	defer cancel()
	for id, dir := range dirs {
		for _, page := range []string{"emergency-card.html", "incident.html", "en/emergency-card.html", "en/incident.html"} {
			t.Run(id+"/"+page, func(t *testing.T) {
				err := chromedp.Do(tab, chromedp.EmulateViewport(375, 800), chromedp.Navigate("file://"+filepath.Join(dir, "site", filepath.FromSlash(page))))
				if err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(tab, chromedp.Evaluate[phoneCheck](`(() => {
					const re = /0\d{1,4}[-‐－]\d{1,4}[-‐－]\d{3,4}|#\d{4}/g;
					const plain = [];
					const w = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
					for (let n; (n = w.nextNode());) {
						if (n.parentElement.closest("svg, a[href^='tel:']")) { continue; }
						plain.push(...(n.data.match(re) || []));
					}
					const links = Array.from(document.querySelectorAll("main a[href^='tel:']"));
					return {
						plain,
						wrapped: links.filter(a => a.getClientRects().length > 1).map(a => a.textContent),
						wrong: links.filter(a => decodeURIComponent(a.getAttribute("href").slice(4)) !== a.textContent.replace(/[^0-9#]/g, "")).map(a => a.outerHTML),
						links: links.length,
					};
				})()`))
				if err != nil {
					t.Fatal(err)
				}
				if got.Links == 0 {
					t.Error("no tel: links")
				}
				if len(got.Plain) > 0 {
					t.Errorf("numbers that are not tel: links: %v", got.Plain)
				}
				if len(got.Wrapped) > 0 {
					t.Errorf("tel: links broken across lines at 375 px: %v", got.Wrapped)
				}
				if len(got.Wrong) > 0 {
					t.Errorf("tel: links that dial another number: %v", got.Wrong)
				}
			})
		}
	}
}

// TestSearchFinds: the search page and the header's search box find phone
// numbers, dates (typed 2026-04-01, written 2026年4月1日 or 1 April 2026),
// words with hyphens, names with apostrophes and ampersands, katakana words
// typed in hiragana and words written with other okurigana (持ち出し finds
// 持出し); the matches are highlighted.
func TestSearchFinds(t *testing.T) {
	browser := startBrowser(t)
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[len(examples(t))-1]
	p.Staff[len(p.Staff)-1].Name = "Sean O'Brien"
	p.Vendors[0].Name = "Smith & Sons 株式会社"
	res, err := b.Clinic(context.Background(), p, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(res.Dir, "site")
	tab, cancel := browser.Tab()
	defer cancel()
	for _, tt := range []struct{ page, q, want string }{
		{"search.html", "090-1111-2202", "emergency-card.html#"},
		{"search.html", "2026-04-01", "checklist.html#"},
		{"search.html", "O'Brien", "#"},
		{"search.html", "Smith & Sons", "vendors.html#"},
		{"search.html", "ばっくあっぷ", "backup.html#"},
		{"search.html", "ﾊﾟｽﾜｰﾄﾞ", "regulations.html#"},
		{"search.html", "持ち出し", "inventory.html#"}, // written 持出し there
		{"search.html", "MDS/SDS 事業者", "vendors.html#"},
		{"en/search.html", "part-time", "#"},
		{"en/search.html", "O'Brien", "#"},
		{"en/search.html", "090-1111-2202", "emergency-card.html#"},
		{"en/search.html", "2026-04-01", "#"}, // written 1 April 2026
	} {
		t.Run(tt.page+"?q="+tt.q, func(t *testing.T) {
			err := chromedp.Do(tab, chromedp.EmulateViewport(375, 800), chromedp.Navigate("file://"+filepath.Join(site, filepath.FromSlash(tt.page))+"?q="+url.QueryEscape(tt.q)))
			if err != nil {
				t.Fatal(err)
			}
			links, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-results a")).map(a => a.getAttribute("href"))`))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(links, func(l string) bool { return strings.Contains(l, tt.want) }) {
				t.Errorf("%d results %v; want one to %s", len(links), links, tt.want)
			}
			marks, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-results mark")).map(m => m.textContent)`))
			if len(marks) == 0 {
				t.Error("no match highlighted")
			}
			text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("search-results").textContent`))
			if strings.Contains(text, `\`) {
				t.Errorf("results show Markdown escapes: %.200s", text)
			}
		})
	}
	// The header's box, on a page in a folder: results as one types,
	// with links that work from there.
	for _, tt := range []struct{ page, q, want string }{
		{"guide/glossary.html", "ばっくあっぷ", "../backup.html#"},
		{"regulations.html", "090-1111-2202", "incident.html#"},
		{"en/regulations.html", "backup", "backup.html#"},
	} {
		t.Run("header "+tt.page+" "+tt.q, func(t *testing.T) {
			err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate("file://"+filepath.Join(site, filepath.FromSlash(tt.page))))
			if err != nil {
				t.Fatal(err)
			}
			_, err = chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const i = document.getElementById("hsearch-q"); i.focus(); i.value = `+jsString(tt.q)+`; i.dispatchEvent(new Event("input")); return true; })()`))
			if err != nil {
				t.Fatal(err)
			}
			var links []string
			for i := 0; i < 100 && len(links) == 0; i++ {
				time.Sleep(50 * time.Millisecond)
				links, _ = chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".hsearch-results:not([hidden]) li:not(.more) a")).map(a => a.getAttribute("href"))`))
			}
			if !slices.ContainsFunc(links, func(l string) bool { return strings.HasPrefix(l, tt.want) || strings.Contains(l, "/"+tt.want) }) {
				t.Errorf("header search: %v; want a link to %s", links, tt.want)
			}
		})
	}
}

// jsString quotes s for JavaScript: a JSON string is one (encoding/json
// escapes U+2028 and U+2029 too).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestPrevNextFollowTheDocumentOrder reads every document page of a site
// in both languages: its previous and next links are the documents before
// and after it in the report's order.
func TestPrevNextFollowTheDocumentOrder(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Clinic(context.Background(), examples(t)[0], t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	docs := res.Report.Documents
	if len(docs) < 15 {
		t.Fatalf("%d documents", len(docs))
	}
	link := func(html []byte, rel string) string {
		m := regexp.MustCompile(`<a rel="` + rel + `" href="[^"]*?([^"/]+)"`).FindSubmatch(html)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	for _, lang := range []string{"", "en"} {
		for i, d := range docs {
			html, err := os.ReadFile(filepath.Join(res.Dir, "site", lang, d.ID+".html"))
			if err != nil {
				t.Fatal(err)
			}
			var prev, next string
			if i > 0 {
				prev = docs[i-1].ID + ".html"
			}
			if i+1 < len(docs) {
				next = docs[i+1].ID + ".html"
			}
			if got := link(html, "prev"); got != prev {
				t.Errorf("%s/%s.html: previous %q, want %q", lang, d.ID, got, prev)
			}
			if got := link(html, "next"); got != next {
				t.Errorf("%s/%s.html: next %q, want %q", lang, d.ID, got, next)
			}
		}
	}
}
