package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/portfolio"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/term"
)

// runPortfolio makes OUT's portfolio again from what the builds left
// there, without building a clinic: after merging the outputs of several
// shards, or after a theme change.
func runPortfolio(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen portfolio", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var templates, themes dirs
	fl.Var(&templates, "templates", "`DIR` of fragments and messages layered over the defaults (repeatable)")
	fl.Var(&themes, "themes", "`DIR` layered over the default themes/ (repeatable)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen portfolio [flags] OUT\n\nWrites OUT/index.html, OUT/index-en.html, OUT/portfolio.csv and OUT/calendar.ics\nfrom the report.json of each clinic built into OUT (and the record of each\nclinic whose last build failed), without building the clinics.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return 2
	}
	b, err := build.New(overlays(templates, themes, nil, nil)...)
	if err != nil {
		fmt.Fprintf(stderr, "anzen portfolio: %s\n", term.Lines(err.Error()))
		return 1
	}
	out := fl.Arg(0)
	n, err := writePortfolio(b, out)
	if err != nil {
		fmt.Fprintf(stderr, "anzen portfolio: %s\n", term.Lines(err.Error()))
		if n == 0 {
			return 1
		}
	}
	fmt.Fprintf(stdout, "portfolio of %d clinics: %s\n", n, filepath.Join(out, portfolio.Pages["ja"]))
	if err != nil {
		return 1
	}
	return 0
}

// writePortfolio writes out's portfolio with the builder's theme and
// messages and returns the number of clinics in it. A report that cannot
// be read is reported, and the others are written.
func writePortfolio(b *build.Builder, out string) (int, error) {
	pf, readErr := portfolio.Read(out)
	if pf == nil {
		return 0, readErr
	}
	files, err := portfolio.Files(pf, b.Themes(), b.Fragments().Messages)
	if err != nil {
		return 0, err
	}
	if err := portfolio.Write(out, files); err != nil {
		return 0, err
	}
	return len(pf.Rows), readErr
}

// recordOutcomes keeps, under out, a record of each clinic whose build
// failed (and removes that of each clinic built), for the portfolio.
func recordOutcomes(out string, profiles []*profile.Profile, results []outcome, unread []portfolio.Failure) error {
	var errs []error
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i, r := range results {
		p := profiles[i]
		if r.err == nil {
			errs = append(errs, portfolio.ClearFailure(out, p.Clinic.ID, p.File))
			continue
		}
		errs = append(errs, portfolio.RecordFailure(out, portfolio.Failure{Clinic: p.Clinic.ID, Name: p.Clinic.Name, Profile: p.File, Error: r.err.Error()}))
	}
	for _, f := range unread {
		errs = append(errs, portfolio.RecordFailure(out, f))
	}
	return errors.Join(errs...)
}

// hasPortfolio tells whether out holds a portfolio already: a build of a
// single clinic into it then keeps the portfolio up to date.
func hasPortfolio(out string) bool {
	_, err := os.Stat(filepath.Join(out, "portfolio.csv"))
	return !errors.Is(err, fs.ErrNotExist)
}
