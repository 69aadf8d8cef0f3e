package build

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestSiteInBrowser opens every page of the example clinic's site from
// file:// in headless Chromium on a 375 px phone screen and checks that no
// request leaves file://, nothing scrolls sideways, each page has one h1
// and its lang, and, printed, that each handbook document starts on a new
// page. Screenshots of key pages are kept in $TMPDIR/anzen-screenshots.
func TestSiteInBrowser(t *testing.T) {
	browser := startBrowser(t)
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Clinic(context.Background(), examples(t)[len(examples(t))-1], t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	shots := filepath.Join(os.TempDir(), "anzen-screenshots")
	os.MkdirAll(shots, 0o755)
	pages, _ := filepath.Glob(filepath.Join(res.Dir, "site", "*.html"))
	guide, _ := filepath.Glob(filepath.Join(res.Dir, "site", "guide", "*.html"))
	en, _ := filepath.Glob(filepath.Join(res.Dir, "site", "en", "*.html"))
	if len(en) < 18 {
		t.Fatalf("only %d English pages", len(en))
	}
	pages = append(append(append(pages, guide...), en...), filepath.Join(res.Dir, "handbook.html"))
	for _, page := range pages {
		name := strings.TrimPrefix(page, res.Dir+string(filepath.Separator))
		t.Run(name, func(t *testing.T) {
			tab, cancel := browser.Tab()
			defer cancel()
			var mu sync.Mutex
			var leaving []string
			chromedp.Listen(tab, func(ev any) {
				if e, ok := ev.(*network.EventRequestWillBeSent); ok {
					if u := e.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
						mu.Lock()
						leaving = append(leaving, u)
						mu.Unlock()
					}
				}
			})
			if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			err := chromedp.Do(tab, chromedp.EmulateViewport(375, 800), chromedp.Navigate("file://"+page))
			if err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(tab, chromedp.Evaluate[float64](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 1 {
				t.Errorf("scrolls sideways by %.0f px on a 375 px screen", overflow)
			}
			lang, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.documentElement.lang`))
			if want := map[bool]string{true: "en", false: "ja"}[strings.HasPrefix(name, filepath.Join("site", "en"))]; lang != want {
				t.Errorf("lang = %q, want %q", lang, want)
			}
			if !strings.HasSuffix(name, "handbook.html") {
				h1, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("h1").length`))
				if h1 != 1 {
					t.Errorf("%d h1 elements", h1)
				}
			} else {
				if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
					t.Fatal(err)
				}
				notPaged, _ := chromedp.Run(tab, chromedp.Evaluate[int](
					`Array.from(document.querySelectorAll("section.doc")).filter(s => getComputedStyle(s).breakBefore !== "page").length`))
				docs, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("section.doc").length`))
				if docs < 15 || notPaged != 0 {
					t.Errorf("%d of %d documents do not start on a new page", notPaged, docs)
				}
			}
			mu.Lock()
			if len(leaving) > 0 {
				t.Errorf("requests leaving file://: %v", leaving)
			}
			mu.Unlock()
			if base := filepath.Base(name); base == "index.html" || base == "incident.html" || base == "findings.html" || base == "organization.html" {
				png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
				if err == nil {
					os.WriteFile(filepath.Join(shots, strings.ReplaceAll(strings.TrimSuffix(name, ".html"), string(filepath.Separator), "-")+"-375.png"), png, 0o644)
				}
			}
		})
	}
	t.Run("search", func(t *testing.T) {
		tab, cancel := browser.Tab()
		defer cancel()
		for _, tt := range []struct{ page, q, want string }{
			{"search.html", "バックアップ", "backup.html#"},
			{"search.html", "ランサムウェア", "#"},
			{"search.html", "ﾊﾟｽﾜｰﾄﾞ", "regulations.html#"}, // half-width kana is normalised
			{"search.html", "MDS/SDS 事業者", "vendors.html#"},
			{"en/search.html", "backup", "backup.html#"},
			{"en/search.html", "Ransomware", "#"},
			{"en/search.html", "password", "regulations.html#"},
		} {
			err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.Join(res.Dir, "site", filepath.FromSlash(tt.page))+"?q="+url.QueryEscape(tt.q)))
			if err != nil {
				t.Fatal(err)
			}
			links, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#search-results a")).map(a => a.getAttribute("href"))`))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, l := range links {
				found = found || strings.Contains(l, tt.want)
			}
			if len(links) == 0 || !found {
				t.Errorf("search %q: %d results %v; want one to %s", tt.q, len(links), links, tt.want)
			}
			if strings.HasPrefix(tt.page, "en/") {
				texts, _ := chromedp.Run(tab, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#search-results a")).map(a => a.textContent).join("\n")`))
				if strings.Contains(texts, "医療情報システム安全管理規程") {
					t.Errorf("English search %q shows Japanese document titles:\n%s", tt.q, texts)
				}
			}
		}
		png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err == nil {
			os.WriteFile(filepath.Join(shots, "search-en-375.png"), png, 0o644)
		}
	})
	t.Run("handbook in pages", func(t *testing.T) {
		// On a screen wide enough for a page, Paged.js lays the handbook
		// out in A4 pages: the table of contents gets page numbers and
		// each page a running header with the clinic and the document.
		tab, cancel := browser.Tab()
		defer cancel()
		err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate("file://"+filepath.Join(res.Dir, "handbook.html")))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; ; i++ {
			done, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.documentElement.getAttribute("data-paged") || ""`))
			if done == "done" {
				break
			}
			if i > 1200 {
				t.Fatal("Paged.js did not finish in 2 minutes")
			}
			time.Sleep(100 * time.Millisecond)
		}
		pages, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll(".pagedjs_page").length`))
		if pages < 30 {
			t.Errorf("%d pages", pages)
		}
		numbers, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll(".toc-all a")).map(a => getComputedStyle(a, "::after").counterReset)`))
		// Every document starts a page: nothing comes before it in its
		// page's content.
		late, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("section.doc[id]")).filter(s => {
			   const content = s.closest(".pagedjs_page_content");
			   return !content || s.previousElementSibling !== null || s.getBoundingClientRect().top - content.getBoundingClientRect().top > 40;
			 }).map(s => s.id)`))
		if len(late) > 0 {
			t.Errorf("documents that do not start a page: %v", late)
		}
		// Paged.js resolves target-counter() as a counter reset on ::after.
		last := 0
		for _, n := range numbers {
			m := regexp.MustCompile(`^target-counter-\S+ ([1-9]\d*)$`).FindStringSubmatch(n)
			if m == nil {
				t.Errorf("table of contents entry without a page number: %s", n)
				break
			}
			page, _ := strconv.Atoi(m[1])
			if page < last || page > pages {
				t.Errorf("table of contents page %d after %d, of %d pages", page, last, pages)
				break
			}
			last = page
		}
		if len(numbers) < 50 {
			t.Errorf("%d table of contents entries", len(numbers))
		}
		header, _ := chromedp.Run(tab, chromedp.Evaluate[string](
			`(() => { const p = document.querySelector("#doc-regulations").closest(".pagedjs_page");
			  return ["left", "right"].map(s => getComputedStyle(p.querySelector(".pagedjs_margin-top-" + s + " .pagedjs_margin-content"), "::after").content).join(" | "); })()`))
		if !strings.Contains(header, "医療情報システム安全管理規程") {
			t.Errorf("running header of the regulations' first page: %s", header)
		}
		png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err == nil {
			os.WriteFile(filepath.Join(shots, "handbook-paged-1280.png"), png, 0o644)
		}
	})
	t.Run("language switch", func(t *testing.T) {
		tab, cancel := browser.Tab()
		defer cancel()
		err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.Join(res.Dir, "site", "regulations.html")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []struct{ path, lang string }{{"/site/en/regulations.html", "en"}, {"/site/regulations.html", "ja"}} {
			// Follow the switch link as a reader would.
			href, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("header a.lang").href`))
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tab, chromedp.Navigate(href)); err != nil {
				t.Fatal(err)
			}
			loc, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.pathname + " " + document.documentElement.lang`))
			if !strings.HasSuffix(loc, want.path+" "+want.lang) {
				t.Errorf("after the language switch: %q, want %s in %s", loc, want.path, want.lang)
			}
		}
	})
	t.Logf("screenshots in %s", shots)
}
