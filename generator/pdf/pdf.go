// Package pdf prints a clinic's handbook to PDF with headless Chromium,
// driven by chromedp: the browser lays the same HTML and print CSS out in
// pages that a user prints from (its own CSS paged media), with the fonts
// installed on the machine embedded, an outline (bookmarks) from the
// headings, tags, and selectable text. It reads back from a print where
// each link target landed, to number the table of contents, and what text
// the fonts' ToUnicode maps give, to check it. One browser serves every
// clinic of a batch, a tab per print.
package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned when no Chromium or Chrome executable is found.
var ErrNoChromium = errors.New("Chromium is not installed: install it with `sudo apt-get install chromium fonts-morisawa-bizud-gothic fonts-noto-cjk` (Debian/Ubuntu), or give its path with --chromium")

// candidates are the executable names tried in order.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Printer prints HTML files to PDF with one browser. It is safe for
// concurrent use: each print gets its own tab.
type Printer struct {
	browser context.Context
	cancel  func()
}

// New starts a headless browser. execPath may be empty to look for
// Chromium on the PATH.
func New(ctx context.Context, execPath string) (*Printer, error) {
	if execPath == "" {
		for _, c := range candidates {
			if p, err := exec.LookPath(c); err == nil {
				execPath = p
				break
			}
		}
		if execPath == "" {
			return nil, ErrNoChromium
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		// The handbook is a local file; nothing may be fetched, and the
		// browser must not phone home (this machine's network is closed).
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-gpu", true),
	)
	if os.Geteuid() == 0 {
		// Chromium's sandbox refuses to run as root (containers, CI).
		opts = append(opts, chromedp.NoSandbox)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	p := &Printer{browser: browser, cancel: func() { cancelBrowser(); cancelAlloc() }}
	// Start the browser now, so a broken installation fails here, once.
	if err := chromedp.Do(browser); err != nil {
		p.Close()
		return nil, fmt.Errorf("start %s: %w", execPath, err)
	}
	return p, nil
}

// Tab opens a new tab of the browser, for chromedp actions (the browser
// tests use it too). Cancel it to close the tab.
func (p *Printer) Tab() (context.Context, context.CancelFunc) {
	return chromedp.NewContext(p.browser)
}

// Close stops the browser.
func (p *Printer) Close() { p.cancel() }

// Options tell Print how to print a page.
type Options struct {
	// Date is the PDF's creation and modification date.
	Date time.Time
	// Footer, when not empty, has Chromium print a footer on every page
	// with the text and "page / pages", for pages without running headers
	// of their own.
	Footer string
	// PageRanges are the pages to print ("3", "3-4"); all when empty.
	PageRanges string
}

// PrintTimeout bounds one print of a page by the browser.
const PrintTimeout = 3 * time.Minute

// Print renders the HTML file to an A4 PDF (the page's own @page rules
// win) and returns it, made reproducible (see Reproducible).
func (p *Printer) Print(ctx context.Context, htmlFile string, o Options) ([]byte, error) {
	tab, done, err := p.open(ctx, htmlFile)
	if err != nil {
		return nil, err
	}
	defer done()
	return printTab(tab, htmlFile, o, true)
}

// Book is a handbook printed by PrintBook.
type Book struct {
	PDF []byte
	// Pages gives the page, counted from 1, of each element a link of the
	// page points to, by id (the PDF's named destinations).
	Pages map[string]int
	// Alone are the PDFs of the elements printed on their own, by id.
	Alone map[string][]byte
}

// MaxPasses bounds the prints PrintBook makes to number the table of
// contents: the numbers take a fixed width, so the second print normally
// lands every heading where the first did.
const MaxPasses = 3

// PrintBook prints a handbook whose table of contents wants page numbers:
// the page marks each place for a number as an element
// <span class="pn" data-dest="ID">, ID being a link target's id. A print
// tells on which page each target lands (the PDF's named destinations);
// the numbers are filled in and the page is printed again, until no
// target moves. The page's HTML file gets the same numbers with
// NumberPages, so that printing it from a browser gives the same pages.
//
// guess, when not empty, are the numbers to try first (those of the last
// build, which a profile edit seldom moves): when the first print lands
// every target there, it is the only one.
//
// Each id in alone is then printed on its own as a further PDF (the
// emergency card as a poster): the element with that id laid out by
// itself, everything else hidden, so that its pages are those of the book
// without a second layout of the whole book.
func (p *Printer) PrintBook(ctx context.Context, htmlFile string, date time.Time, guess map[string]int, alone ...string) (*Book, error) {
	tab, done, err := p.open(ctx, htmlFile)
	if err != nil {
		return nil, err
	}
	defer done()
	o := Options{Date: date}
	marks, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(".pn[data-dest]"), s => s.getAttribute("data-dest"))`))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", htmlFile, err)
	}
	// shown are the numbers the page shows, for the marked targets.
	shown := map[string]int{}
	number := func(pages map[string]int) error {
		clear(shown)
		for _, id := range marks {
			if n, ok := pages[id]; ok {
				shown[id] = n
			}
		}
		nums, _ := json.Marshal(shown)
		return chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`(function (n) {
  for (const s of document.querySelectorAll(".pn[data-dest]")) {
    const v = n[s.getAttribute("data-dest")];
    s.textContent = v === undefined ? "" : String(v);
  }
})(`+string(nums)+`)`))
	}
	guessed := len(marks) > 0 && len(guess) > 0
	if guessed {
		if err := number(guess); err != nil {
			return nil, fmt.Errorf("number %s: %w", htmlFile, err)
		}
	}
	var book Book
	for pass := 1; ; pass++ {
		// The last print is the one kept: only it needs the outline and
		// the tags, and a first print is the last only when it has
		// nothing to number or starts from a guess.
		data, err := printTab(tab, htmlFile, o, len(marks) == 0 || pass > 1 || guessed)
		if err != nil {
			return nil, err
		}
		pages, err := DestinationPages(data)
		if err != nil {
			return nil, fmt.Errorf("print %s: %w", htmlFile, err)
		}
		settled := true
		for _, id := range marks {
			if pages[id] != shown[id] {
				settled = false
				break
			}
		}
		if settled && (pass > 1 || guessed || len(marks) == 0) {
			book.PDF, book.Pages = data, pages
			break
		}
		if pass == MaxPasses {
			return nil, fmt.Errorf("print %s: the page numbers of the table of contents did not settle in %d prints", htmlFile, MaxPasses)
		}
		// The next print starts from the page loaded afresh, as a print
		// from a guess does: the ids of the PDF's structure tree follow
		// the DOM's history, which must be the same for the same bytes.
		if err := load(tab, htmlFile); err != nil {
			return nil, err
		}
		if err := number(pages); err != nil {
			return nil, fmt.Errorf("number %s: %w", htmlFile, err)
		}
	}
	for i, id := range alone {
		if _, ok := book.Pages[id]; !ok {
			return nil, fmt.Errorf("print %s alone: %s has no link to it", id, htmlFile)
		}
		if i > 0 {
			if err := load(tab, htmlFile); err != nil {
				return nil, err
			}
			if err := number(book.Pages); err != nil {
				return nil, fmt.Errorf("number %s: %w", htmlFile, err)
			}
		}
		// Everything but the element (and the elements it is in) is
		// hidden, so that the browser lays out its pages alone: a page
		// range of the book would lay the whole book out again. Its
		// pages are those of the book, numbered from 1.
		shown, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(function (id) {
  let e = document.getElementById(id);
  if (!e) { return false; }
  for (; e.parentElement; e = e.parentElement) {
    for (const s of e.parentElement.children) {
      if (s !== e && s.tagName !== "HEAD") { s.style.display = "none"; }
    }
  }
  return true;
})(`+strconv.Quote(id)+`)`))
		if err != nil || !shown {
			return nil, fmt.Errorf("print %s alone: %s: not found (%v)", id, htmlFile, err)
		}
		data, err := printTab(tab, htmlFile, o, true)
		if err != nil {
			return nil, err
		}
		if book.Alone == nil {
			book.Alone = map[string][]byte{}
		}
		book.Alone[id] = data
	}
	return &book, nil
}

var pageNumberRE = regexp.MustCompile(`<span class="pn" data-dest="([^"]*)">([0-9]*)</span>`)

// NumberPages fills the page numbers of PrintBook into the HTML of the
// page it printed.
func NumberPages(page []byte, pages map[string]int) []byte {
	return pageNumberRE.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := pageNumberRE.FindSubmatch(m)
		n, ok := pages[html.UnescapeString(string(sub[1]))]
		if !ok {
			return fmt.Appendf(nil, `<span class="pn" data-dest="%s"></span>`, sub[1])
		}
		return fmt.Appendf(nil, `<span class="pn" data-dest="%s">%d</span>`, sub[1], n)
	})
}

// open opens the HTML file in a new tab, which done closes.
func (p *Printer) open(ctx context.Context, htmlFile string) (tab context.Context, done func(), err error) {
	tab, cancel := p.Tab()
	stop := context.AfterFunc(ctx, cancel)
	done = func() { stop(); cancel() }
	if err := load(tab, htmlFile); err != nil {
		done()
		return nil, nil, err
	}
	return tab, done, nil
}

// load loads the HTML file into the tab, with the fonts it uses.
func load(tab context.Context, htmlFile string) error {
	abs, err := filepath.Abs(htmlFile)
	if err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		return fmt.Errorf("open %s: %w", htmlFile, err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("open %s: %w", htmlFile, err)
	}
	return nil
}

// printTab prints the page open in tab. Without final, the PDF is only
// read for where things land: it gets no outline and no tags.
func printTab(tab context.Context, htmlFile string, o Options, final bool) ([]byte, error) {
	yes, no := true, false
	params := page.PrintToPDFParams{
		PrintBackground:         &yes,
		PreferCSSPageSize:       &yes,
		GenerateDocumentOutline: &final,
		GenerateTaggedPDF:       &final,
		DisplayHeaderFooter:     &no,
	}
	if o.Footer != "" {
		style := `font-family:'BIZ UDPGothic','Noto Sans CJK JP','Noto Sans JP',sans-serif;font-size:8pt;color:#555;width:100%;margin:0 16mm;`
		params.DisplayHeaderFooter = &yes
		params.HeaderTemplate = `<div></div>`
		params.FooterTemplate = `<div style="` + style + `display:flex;justify-content:space-between"><span>` + html.EscapeString(o.Footer) +
			`</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
	}
	if o.PageRanges != "" {
		params.PageRanges = o.PageRanges
	}
	ctx, cancel := context.WithTimeout(tab, PrintTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, page.PrintToPDF, params)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("no PDF after %s", PrintTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("print %s: %w", htmlFile, err)
	}
	return Reproducible(res.Data, o.Date), nil
}

var (
	pdfDateRE = regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}[^)]{0,7}\)`)
	nodeIDRE  = regexp.MustCompile(`\(node(\d{8})\)`)
)

// Reproducible rewrites what differs between two prints of the same page
// (see Print), without changing the length of anything.
func Reproducible(data []byte, date time.Time) []byte {
	out := pdfDateRE.ReplaceAllFunc(data, func(m []byte) []byte {
		key, rest, _ := bytes.Cut(m, []byte(" (D:"))
		tz := string(rest[14 : len(rest)-1])
		switch len(tz) { // the date is given in UTC; keep the length
		case 7:
			tz = "+00'00'"
		case 1:
			tz = "Z"
		}
		return fmt.Appendf(nil, "%s (D:%s%s)", key, date.UTC().Format("20060102150405"), tz)
	})
	ids := map[string]string{}
	return nodeIDRE.ReplaceAllFunc(out, func(m []byte) []byte {
		old := string(m)
		id, ok := ids[old]
		if !ok {
			id = fmt.Sprintf("(node%08d)", len(ids)+1)
			ids[old] = id
		}
		return []byte(id)
	})
}

// PageNumbers returns the page numbers NumberPages filled into a page, by
// target id.
func PageNumbers(page []byte) map[string]int {
	out := map[string]int{}
	for _, m := range pageNumberRE.FindAllSubmatch(page, -1) {
		if n, err := strconv.Atoi(string(m[2])); err == nil {
			out[html.UnescapeString(string(m[1]))] = n
		}
	}
	return out
}
