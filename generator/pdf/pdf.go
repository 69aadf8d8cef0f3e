// Package pdf prints a clinic's handbook to PDF with headless Chromium,
// driven by chromedp: the browser renders the same HTML and print CSS a
// user prints from, with the CJK fonts installed on the machine embedded,
// an outline (bookmarks) from the headings, and selectable text. One
// browser serves every clinic of a batch.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"

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

// Print renders the HTML file to an A4 PDF at pdfFile. footer names the
// document set on every page, with the page number and page count.
func (p *Printer) Print(ctx context.Context, htmlFile, pdfFile, footer string) error {
	abs, err := filepath.Abs(htmlFile)
	if err != nil {
		return err
	}
	tab, cancel := p.Tab()
	defer cancel()
	// Stop printing when the build is cancelled.
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		return fmt.Errorf("open %s: %w", htmlFile, err)
	}
	yes := true
	style := `font-family:'Noto Sans CJK JP','Noto Sans JP',sans-serif;font-size:8pt;color:#555;width:100%;margin:0 16mm;`
	res, err := chromedp.Call(tab, page.PrintToPDF, page.PrintToPDFParams{
		PrintBackground:         &yes,
		PreferCSSPageSize:       &yes,
		GenerateDocumentOutline: &yes,
		GenerateTaggedPDF:       &yes,
		DisplayHeaderFooter:     &yes,
		HeaderTemplate:          `<div></div>`,
		FooterTemplate: `<div style="` + style + `display:flex;justify-content:space-between"><span>` + html.EscapeString(footer) +
			`</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
	})
	if err != nil {
		return fmt.Errorf("print %s: %w", htmlFile, err)
	}
	return os.WriteFile(pdfFile, res.Data, 0o644)
}
