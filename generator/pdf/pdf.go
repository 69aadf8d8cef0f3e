// Package pdf prints a clinic's handbook to PDF with headless Chromium,
// driven by chromedp: the browser renders the same HTML and print CSS a
// user prints from, with the CJK fonts installed on the machine embedded,
// an outline (bookmarks) from the headings, and selectable text. One
// browser serves every clinic of a batch.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned when no Chromium or Chrome executable is found.
var ErrNoChromium = errors.New("Chromium is not installed: install it with `sudo apt-get install chromium fonts-noto-cjk` (Debian/Ubuntu), or give its path with --chromium")

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

// PagedTimeout bounds how long Paged.js may take to lay a handbook out.
const PagedTimeout = 3 * time.Minute

// Print renders the HTML file to an A4 PDF at pdfFile. A page that lays
// itself out with Paged.js (the handbook: it marks the html element
// data-paged="done" when finished) is printed as laid out, with its own
// running headers, page numbers and table of contents page numbers. Any
// other page gets footer, the page number and the page count in a footer
// of Chromium's.
//
// The PDF is made reproducible: its creation and modification dates are
// set to date, and the structure tree's element ids (Chromium numbers
// them after DOM nodes, which differ from run to run) are renumbered in
// order; both keep their length, so the file's offsets stay valid.
func (p *Printer) Print(ctx context.Context, htmlFile, pdfFile, footer string, date time.Time) error {
	abs, err := filepath.Abs(htmlFile)
	if err != nil {
		return err
	}
	tab, cancel := p.Tab()
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	// Tell the page it is being printed before its scripts run.
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "window.__anzenPrint = true;"}); err != nil {
		return fmt.Errorf("open %s: %w", htmlFile, err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		return fmt.Errorf("open %s: %w", htmlFile, err)
	}
	paged, err := waitPaged(tab)
	if err != nil {
		return fmt.Errorf("lay out %s: %w", htmlFile, err)
	}
	yes, no := true, false
	params := page.PrintToPDFParams{
		PrintBackground:         &yes,
		PreferCSSPageSize:       &yes,
		GenerateDocumentOutline: &yes,
		GenerateTaggedPDF:       &yes,
		DisplayHeaderFooter:     &no,
	}
	if !paged {
		style := `font-family:'Noto Sans CJK JP','Noto Sans JP',sans-serif;font-size:8pt;color:#555;width:100%;margin:0 16mm;`
		params.DisplayHeaderFooter = &yes
		params.HeaderTemplate = `<div></div>`
		params.FooterTemplate = `<div style="` + style + `display:flex;justify-content:space-between"><span>` + html.EscapeString(footer) +
			`</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
	} else {
		var zero float64
		params.MarginTop, params.MarginBottom, params.MarginLeft, params.MarginRight = &zero, &zero, &zero, &zero
	}
	res, err := chromedp.Call(tab, page.PrintToPDF, params)
	if err != nil {
		return fmt.Errorf("print %s: %w", htmlFile, err)
	}
	return os.WriteFile(pdfFile, Reproducible(res.Data, date), 0o644)
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

// waitPaged waits until a page that uses Paged.js has laid itself out, and
// tells whether it does.
func waitPaged(tab context.Context) (bool, error) {
	deadline := time.Now().Add(PagedTimeout)
	for {
		state, err := chromedp.Run(tab, chromedp.Evaluate[string](
			`window.PagedPolyfill === undefined ? "none" : (document.documentElement.getAttribute("data-paged") || "busy")`))
		switch {
		case err != nil:
			return false, err
		case state == "none":
			return false, nil
		case state == "done":
			return true, nil
		case time.Now().After(deadline):
			return false, fmt.Errorf("layout by Paged.js did not finish in %s", PagedTimeout)
		}
		select {
		case <-tab.Done():
			return false, tab.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
