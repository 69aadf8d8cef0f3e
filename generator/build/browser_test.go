package build

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

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
	pages = append(append(pages, guide...), en...)
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
	t.Run("handbook printed", func(t *testing.T) {
		// Printed, the handbook is laid out by Chromium's own paged media
		// at the width of an A4 page's text (178 mm): phone numbers, the
		// reference tags and the write-in blanks each stay on one line.
		tab, cancel := browser.Tab()
		defer cancel()
		err := chromedp.Do(tab, chromedp.EmulateViewport(673, 900), chromedp.Navigate("file://"+filepath.Join(res.Dir, "site", "handbook.html")))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		type split struct{ Text, Where string }
		splits, err := chromedp.Run(tab, chromedp.Evaluate[[]split](`(() => {
		  const out = [];
		  const phone = /(?:0\d{1,4}-\d{1,4}-\d{3,4}|#\d{4})/g;
		  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		  const lines = (range) => new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top))).size;
		  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		    if (n.parentElement.closest("svg")) continue;
		    for (const m of n.data.matchAll(phone)) {
		      const r = document.createRange();
		      r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
		      if (lines(r) > 1) out.push({Text: m[0], Where: n.parentElement.closest("[id]").id});
		    }
		  }
		  for (const e of document.querySelectorAll(".refs a, .ref, .nw")) {
		    const r = document.createRange(); r.selectNodeContents(e);
		    if (lines(r) > 1) out.push({Text: e.textContent, Where: e.closest("[id]").id});
		  }
		  return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(splits) > 0 {
			t.Errorf("split across lines: %v", splits)
		}
		checked, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll(".refs a, .ref, .nw").length`))
		if checked < 100 {
			t.Errorf("only %d reference tags and blanks checked", checked)
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

// TestHandbookFitsTheA4Page: printed, nothing in any example handbook is
// wider than an A4 page between its margins (210 mm less 2 × 16 mm, the
// handbook's @page). One table wider than the page makes the browser
// shrink every page of the book to fit it: the whole handbook in smaller
// type than its print style sheet sets, and the emergency card too.
func TestHandbookFitsTheA4Page(t *testing.T) {
	browser := startBrowser(t)
	dirs := buildExamples(t)
	tab, cancel := browser.Tab()
	defer cancel()
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	const width = 673 // 178 mm in CSS pixels
	for id, dir := range dirs {
		for _, page := range []string{"handbook.html", "en/handbook.html"} {
			err := chromedp.Do(tab, chromedp.EmulateViewport(width, 1000), chromedp.Navigate("file://"+filepath.Join(dir, "site", filepath.FromSlash(page))))
			if err != nil {
				t.Fatal(err)
			}
			wide, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main *, body > *, section *"))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
  .map(e => Math.round(e.getBoundingClientRect().right) + " px: " + e.tagName + " in " + (e.closest("section") || {}).id + ": " + e.textContent.trim().replace(/\s+/g, " ").slice(0, 60))`))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range wide {
				t.Errorf("%s %s: wider than the page (%d px): %s", id, page, width, w)
			}
		}
	}
}
