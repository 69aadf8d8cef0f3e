// Package cli is the anzen command: it parses arguments and wires the
// generator's stages together. main calls Do; tests call it too.
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/pdf"
	"github.com/anzen-dev/anzen/generator/portfolio"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/site"
	"github.com/anzen-dev/anzen/generator/term"
)

// Version is anzen's version, set at link time with -ldflags.
var Version = "dev"

const usage = `anzen — security-management documents for small medical institutions
(医療情報システムの安全管理に関するガイドライン 第6.0版 / 小規模医療機関等向けガイダンス)

Usage:
  anzen build [flags] [PROFILE.toml ...]   build site, handbook and report
                                          (no profile: the embedded example clinic)
  anzen init [-o FILE] [-answers FILE]     write a first profile from a few questions
  anzen validate PROFILE.toml ...          check profiles; list every problem
  anzen check [flags] [PROFILE.toml ...]   list the gaps a consultant would flag
                                          (exit 1 at -fail-on severity or worse)
  anzen serve [flags] [PROFILE.toml]       preview the site on 127.0.0.1, rebuilding on change
  anzen diff OLD.toml NEW.toml             list the documents and sections a profile change alters
  anzen portfolio OUT                      rebuild OUT's portfolio (index.html, portfolio.csv,
                                          calendar.ics) from the clinics' report.json
  anzen version                            print versions

Run 'anzen build -h' for the build flags.
`

// Do runs the command with args (without the program name) and returns the
// exit code: 0 success, 1 failure, 2 usage error.
func Do(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr, time.Now)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "diff":
		return runDiff(args[1:], stdout, stderr)
	case "portfolio":
		return runPortfolio(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "anzen %s (Hugo %s, %s)\n", Version, site.HugoVersion(), runtime.Version())
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "anzen: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// parse parses a command's flags. When it returns false the command ends
// with the code: 0 after -h, 2 (usage) after a bad flag, whose message the
// flag set has printed.
func parse(fl *flag.FlagSet, args []string) (int, bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// outcome is one clinic's build in a batch.
type outcome struct {
	res *build.Result
	err error
	dur time.Duration
}

// summary prints a batch's table: each clinic's documents, findings by
// severity, time and result, then the totals.
func summary(w io.Writer, profiles []*profile.Profile, results []outcome, total time.Duration) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "clinic\tdocuments\thigh\tmedium\tlow\ttime\tresult")
	built := 0
	for i, r := range results {
		if r.err != nil {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t%.2fs\tFAILED\n", profiles[i].Clinic.ID, r.dur.Seconds())
			continue
		}
		built++
		c := r.res.Report.FindingCounts
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.2fs\tok\n", r.res.Clinic, r.res.Documents, c["high"], c["medium"], c["low"], r.dur.Seconds())
	}
	tw.Flush()
	fmt.Fprintf(w, "%d built, %d failed in %.2fs (%.1f clinics/s)\n", built, len(results)-built, total.Seconds(), float64(len(results))/total.Seconds())
}

// progress reports a batch's progress on stderr: a bar redrawn in place
// on a terminal, a plain line per clinic otherwise (logs, CI).
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	n     int
	tty   bool
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	if total < 2 {
		p.w = io.Discard
	}
	return p
}

func (p *progress) done(clinic string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	status := "ok"
	if err != nil {
		status = "FAILED"
	}
	if !p.tty {
		fmt.Fprintf(p.w, "[%d/%d] %s %s\n", p.n, p.total, clinic, status)
		return
	}
	const width = 30
	filled := width * p.n / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.n, p.total, clinic)
}

func (p *progress) finish() {
	if p.tty && p.total > 1 {
		fmt.Fprintln(p.w)
	}
}

// overlays turns the overlay flags into builder options.
func overlays(templates, themes, content, skel dirs) []build.Option {
	var opts []build.Option
	for _, d := range templates {
		opts = append(opts, build.WithTemplates(d))
	}
	for _, d := range themes {
		opts = append(opts, build.WithThemes(d))
	}
	for _, d := range content {
		opts = append(opts, build.WithContent(d))
	}
	for _, d := range skel {
		opts = append(opts, build.WithSite(d))
	}
	return opts
}

// today is the calendar date in Japan at the instant t, in the form of
// the dates in profiles (midnight UTC of the date), whatever the
// machine's time zone.
func today(t time.Time) time.Time { return profile.Today(t) }

type dirs []string

func (d *dirs) String() string     { return strings.Join(*d, ",") }
func (d *dirs) Set(v string) error { *d = append(*d, v); return nil }

// buildFlags are anzen build's flags.
type buildFlags struct {
	out, chromium, asOf                           string
	jobs                                          int
	verbose, recordHistory, explain, pdf, project bool
	zip                                           bool
	templates, themes, content, skel              dirs
	ld                                            loader
}

// newBuildFlags declares anzen build's flags, parsed into f.
func newBuildFlags(stderr io.Writer) (fl *flag.FlagSet, f *buildFlags) {
	f = &buildFlags{}
	fl = flag.NewFlagSet("anzen build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.out, "o", "out", "output `DIR`; each clinic is written to DIR/<clinic-id>/")
	fl.IntVar(&f.jobs, "j", runtime.NumCPU(), "build at most `N` clinics at once")
	fl.BoolVar(&f.verbose, "v", false, "print the time each step of the build took")
	fl.BoolVar(&f.recordHistory, "record-history", false, "when policy.version changed since the last build in DIR and the 改訂履歴 lacks it, append a [[policy.history]] entry (listing the changed documents) to the profile file")
	fl.BoolVar(&f.explain, "explain", false, "list the fragments in effect and where each came from (default or overlay), and those each clinic leaves out")
	fl.BoolVar(&f.pdf, "pdf", false, "also print each handbook to PDF with headless Chromium: site/handbook.pdf, site/emergency-card.pdf (the card alone, a poster), and the same under site/en/")
	fl.BoolVar(&f.project, "hugo-project", false, "also write each clinic's generated Hugo project to DIR/<clinic-id>/hugo/, for the stock hugo command")
	fl.BoolVar(&f.zip, "zip", false, "also write each clinic's folder as DIR/<clinic-id>.zip")
	fl.StringVar(&f.chromium, "chromium", "", "Chromium or Chrome executable `PATH` for -pdf (default: chromium on the PATH)")
	fl.StringVar(&f.asOf, "as-of", "", "judge dates (findings, overdue reviews) as of `DATE` (2026-04-01, or today); default SOURCE_DATE_EPOCH, else each profile's last review date")
	f.ld.flags(fl)
	fl.Var(&f.ld.shard, "shard", "build only shard `i/n` of the profiles (1 ≤ i ≤ n): a stable part, by clinic id, for spreading a batch over the jobs of a CI; merge the outputs and run anzen portfolio")
	fl.Var(&f.templates, "templates", "`DIR` of fragments layered over the defaults (repeatable; same id replaces)")
	fl.Var(&f.themes, "themes", "`DIR` layered over the default themes/ (repeatable)")
	fl.Var(&f.content, "content", "`DIR` of fixed pages layered over the default content/ (repeatable)")
	fl.Var(&f.skel, "site", "`DIR` layered over the default Hugo site skeleton (repeatable)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen build [flags] [PROFILE.toml ...]\n\nWithout a profile, builds the embedded example clinic (%s).\n\nFlags:\n", anzen.DefaultProfile)
		fl.PrintDefaults()
	}
	return fl, f
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl, f := newBuildFlags(stderr)
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if f.jobs < 1 {
		fmt.Fprintln(stderr, "anzen build: -j must be at least 1")
		return 2
	}
	opts, code := f.options(stderr)
	if code != 0 {
		return code
	}
	printer, pdfFailed := f.printer(ctx, stderr)
	if printer != nil {
		defer printer.Close()
		opts = append(opts, build.WithPDF(printer))
	}
	b, profiles, code := f.load(opts, fl.Args(), stderr)
	if b == nil {
		return code
	}
	if len(profiles) == 0 {
		if f.ld.shard.n > 0 && code == 0 {
			fmt.Fprintf(stderr, "anzen build: shard %s holds none of the %d profiles\n", f.ld.shard.String(), fl.NArg())
		}
		if len(f.ld.failed) > 0 {
			notePortfolio(b, f.out, nil, nil, f.ld.failed, len(f.ld.failed) > 1, stderr)
		}
		return code
	}
	if f.recordHistory && fl.NArg() == 0 {
		fmt.Fprintln(stderr, "anzen build: -record-history changes a profile file: name the profile (the embedded example cannot be changed)")
		return 2
	}
	batchStart := time.Now()
	results := f.buildAll(ctx, b, profiles, stderr)
	if f.reportOutcomes(profiles, results, stderr) {
		code = 1
	}
	if ctx.Err() == nil && notePortfolio(b, f.out, profiles, results, f.ld.failed, len(profiles)+len(f.ld.failed) > 1 || f.ld.shard.n > 0, stderr) {
		code = 1
	}
	if f.explain {
		explain(stdout, b.Fragments(), results)
	}
	if len(profiles) == 1 {
		f.printWhere(stdout, results[0], pdfFailed)
	} else {
		summary(stdout, profiles, results, time.Since(batchStart))
	}
	if pdfFailed {
		code = 1
	}
	return code
}

// options are the builder's options the flags ask for, but the PDF
// printer: the overlays, the date the documents are current as of (from
// -as-of, else SOURCE_DATE_EPOCH), the zip and the Hugo project. code is 2
// when the date is not one.
func (f *buildFlags) options(stderr io.Writer) (opts []build.Option, code int) {
	opts = overlays(f.templates, f.themes, f.content, f.skel)
	switch t, ok, err := sourceDateEpoch(); {
	case f.asOf == "today":
		opts = append(opts, build.WithAsOf(today(time.Now())))
	case f.asOf != "":
		t, err := time.Parse("2006-01-02", f.asOf)
		if err != nil {
			fmt.Fprintf(stderr, "anzen build: -as-of %q: want a date like 2026-04-01, or today\n", f.asOf)
			return nil, 2
		}
		opts = append(opts, build.WithAsOf(t))
	case err != nil:
		fmt.Fprintf(stderr, "anzen build: %s\n", term.Lines(err.Error()))
		return nil, 2
	case ok:
		opts = append(opts, build.WithAsOf(t))
	}
	if f.zip {
		opts = append(opts, build.WithZip())
	}
	if f.project {
		opts = append(opts, build.WithHugoProject())
	}
	return opts, 0
}

// printer starts Chromium for -pdf (nil without the flag). When it cannot
// start, failed is true: the sites and handbooks are still worth
// building, without the PDFs, and the build then ends with code 1.
func (f *buildFlags) printer(ctx context.Context, stderr io.Writer) (p *pdf.Printer, failed bool) {
	if !f.pdf {
		return nil, false
	}
	p, err := pdf.New(ctx, f.chromium)
	if err != nil {
		fmt.Fprintf(stderr, "anzen build: -pdf: %s\nanzen build: building without the PDFs\n", term.Lines(err.Error()))
		return nil, true
	}
	return p, false
}

// load makes the builder and reads the profiles named meanwhile (while
// the templates are parsed); the messages about the profiles follow any
// about the templates. The builder is nil when the templates failed, with
// code 1; else code is the loader's (1 when a profile was not read).
func (f *buildFlags) load(opts []build.Option, names []string, stderr io.Writer) (*build.Builder, []*profile.Profile, int) {
	var (
		profiles []*profile.Profile
		code     int
		loadLog  bytes.Buffer
		loaded   = make(chan struct{})
	)
	go func() {
		defer close(loaded)
		profiles, code = f.ld.load(names, &loadLog)
	}()
	start := time.Now()
	b, err := build.New(opts...)
	<-loaded
	if err != nil {
		fmt.Fprintf(stderr, "anzen build: templates:\n%s\n", term.Lines(err.Error()))
		return nil, nil, 1
	}
	if f.verbose {
		fmt.Fprintf(stderr, "load templates, theme and profiles: %.1f ms\n", ms(time.Since(start)))
	}
	stderr.Write(loadLog.Bytes())
	return b, profiles, code
}

// buildAll builds the batch of clinics, at most -j at once, each into
// its folder under -o (with -record-history, its profile's 改訂履歴 is
// brought up to date first), showing the progress on stderr. The
// outcomes are in the order of profiles.
func (f *buildFlags) buildAll(ctx context.Context, b *build.Builder, profiles []*profile.Profile, stderr io.Writer) []outcome {
	results := make([]outcome, len(profiles))
	prog := newProgress(stderr, len(profiles))
	sem := make(chan struct{}, f.jobs)
	var wg sync.WaitGroup
	for i, p := range profiles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			p, note, err := revision(b, p, f.out, f.recordHistory, profile.WithCatalog(f.ld.cat))
			if note != "" {
				fmt.Fprintln(stderr, term.Lines(note))
			}
			var res *build.Result
			if err == nil {
				res, err = b.Clinic(ctx, p, f.out)
			}
			results[i] = outcome{res, err, time.Since(start)}
			prog.done(p.Clinic.ID, err)
		}()
	}
	wg.Wait()
	prog.finish()
	return results
}

// reportOutcomes writes why each clinic that failed failed (interrupted,
// or its error) and, with -v, how long each step of the others took. It
// tells whether any failed.
func (f *buildFlags) reportOutcomes(profiles []*profile.Profile, results []outcome, stderr io.Writer) (failed bool) {
	for i, r := range results {
		if errors.Is(r.err, context.Canceled) {
			fmt.Fprintf(stderr, "anzen build: %s: interrupted; its previous output is unchanged\n", term.Name(profiles[i].File))
			failed = true
			continue
		}
		if r.err != nil {
			fmt.Fprintf(stderr, "anzen build: %s: %s\n", term.Name(profiles[i].File), term.Lines(r.err.Error()))
			failed = true
			continue
		}
		if f.verbose {
			for _, ph := range r.res.Phases {
				fmt.Fprintf(stderr, "%s: %s: %.1f ms\n", r.res.Clinic, ph.Name, ms(ph.Time))
			}
		}
	}
	return failed
}

// printWhere tells where a single clinic's build put the site, the
// handbook, the report and, when asked for and made, the PDFs and the
// archive. A failed build prints nothing.
func (f *buildFlags) printWhere(stdout io.Writer, r outcome, pdfFailed bool) {
	if r.err != nil {
		return
	}
	dir := r.res.Dir
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	dir = term.Name(dir)
	fmt.Fprintf(stdout, "%s: %d documents in %s (%.2fs)\n  site:     %s\n  handbook: %s\n  report:   %s\n",
		r.res.Clinic, r.res.Documents, dir, r.dur.Seconds(),
		filepath.Join(dir, "site", "index.html"), filepath.Join(dir, "site", "handbook.html"), filepath.Join(dir, "report.json"))
	if f.pdf && !pdfFailed {
		fmt.Fprintf(stdout, "  pdf:      %s\n  card:     %s\n", filepath.Join(dir, "site", "handbook.pdf"), filepath.Join(dir, "site", "emergency-card.pdf"))
	}
	if f.zip {
		fmt.Fprintf(stdout, "  zip:      %s.zip\n", dir)
	}
}

// notePortfolio records the batch's outcomes in out and writes its
// portfolio when the batch had several profiles (always), or when out
// already has one; it reports whether that failed. An interrupted batch
// does not call it: it leaves out as it was.
func notePortfolio(b *build.Builder, out string, profiles []*profile.Profile, results []outcome, unread []portfolio.Failure, batch bool, stderr io.Writer) bool {
	if err := recordOutcomes(out, profiles, results, unread); err != nil {
		fmt.Fprintf(stderr, "anzen build: portfolio: %v\n", err)
		return true
	}
	if !batch && !hasPortfolio(out) {
		return false
	}
	if _, err := writePortfolio(b, out); err != nil {
		fmt.Fprintf(stderr, "anzen build: portfolio: %v\n", err)
		return true
	}
	return false
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen validate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen validate [flags] PROFILE.toml ...\n\nChecks profiles and lists every problem as file:line:col: key: message.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	cat, err := ld.catalog()
	if err != nil {
		fmt.Fprintln(stderr, term.Lines(err.Error()))
		return 1
	}
	code := 0
	for _, n := range fl.Args() {
		p, err := profile.LoadFile(n, profile.WithCatalog(cat))
		if err != nil {
			fmt.Fprintln(stderr, term.Lines(err.Error()))
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s, %d staff, %d systems, %d vendors)\n", term.Name(n), term.Name(p.Clinic.Name), len(p.Staff), len(p.Systems), len(p.Vendors))
	}
	return code
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds
// convention for "the time this build is as of".
func sourceDateEpoch() (time.Time, bool, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", v)
	}
	// The date of that instant in Japan, like --as-of: the time of day
	// must not decide which findings are due.
	return today(time.Unix(n, 0)), true, nil
}
