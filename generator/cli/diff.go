package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/report"
	"github.com/anzen-dev/anzen/generator/term"
)

// runDiff lists the documents and sections whose text differs between two
// profiles (say, before and after an edit), or between a profile and the
// last build of its clinic, so a clinic and its vendor see what a change
// means for the printed documents.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen diff", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var templates dirs
	fl.Var(&templates, "templates", "`DIR` of fragments layered over the defaults (repeatable)")
	against := fl.String("against", "", "compare NEW.toml with the last build in `DIR` (DIR/<clinic-id>/report.json) instead of OLD.toml")
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen diff [flags] OLD.toml NEW.toml\n       anzen diff [flags] -against DIR NEW.toml\n\nLists the documents and sections that change; exit 1 when something changes.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	want := 2
	if *against != "" {
		want = 1
	}
	if fl.NArg() != want {
		fl.Usage()
		return 2
	}
	b, err := build.New(overlays(templates, nil, nil, nil)...)
	if err != nil {
		fmt.Fprintf(stderr, "anzen diff: templates:\n%s\n", term.Lines(err.Error()))
		return 2
	}
	cat, err := ld.catalog()
	if err != nil {
		fmt.Fprintln(stderr, term.Lines(err.Error()))
		return 2
	}
	var reps []*report.Report
	for _, name := range fl.Args() {
		p, err := profile.LoadFile(name, profile.WithCatalog(cat))
		if err != nil {
			fmt.Fprintln(stderr, term.Lines(err.Error()))
			return 2
		}
		if *against != "" {
			last := filepath.Join(*against, p.Clinic.ID, "report.json")
			old, err := report.Read(last)
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(stderr, "anzen diff: %s: no earlier build of %s (build it with anzen build -o %s)\n", term.Name(last), p.Clinic.ID, term.Name(*against))
				return 2
			} else if err != nil {
				fmt.Fprintf(stderr, "anzen diff: %s\n", term.Lines(err.Error()))
				return 2
			}
			reps = append(reps, old)
		}
		gen, err := b.Generate(p)
		if err != nil {
			fmt.Fprintf(stderr, "anzen diff: %s: %s\n", term.Name(name), term.Lines(err.Error()))
			return 2
		}
		reps = append(reps, gen.Report)
	}
	changes := report.Diff(reps[0], reps[1])
	for _, c := range changes {
		fmt.Fprintf(stdout, "%s %s — %s\n", c.Kind, term.Name(c.Document), term.Name(c.Section))
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "no document changes")
		return 0
	}
	fmt.Fprintf(stdout, "%d sections change; bump policy.version when you publish them (anzen build -record-history then adds the 改訂履歴 entry)\n", len(changes))
	return 1
}
