package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/build"
	"github.com/anzen-dev/anzen/generator/profile"
)

// runDiff lists the documents and sections whose text differs between two
// profiles (say, before and after an edit), so a clinic and its vendor see
// what a change means for the printed documents.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("anzen diff", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var templates dirs
	fl.Var(&templates, "templates", "`DIR` of fragments layered over the defaults (repeatable)")
	var ld loader
	ld.flags(fl)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: anzen diff [flags] OLD.toml NEW.toml\n\nLists the documents and sections that change between two profiles;\nexit 1 when something changes.\n\nFlags:\n")
		fl.PrintDefaults()
	}
	if code, ok := parse(fl, args); !ok {
		return code
	}
	if fl.NArg() != 2 {
		fl.Usage()
		return 2
	}
	b, err := build.New(overlays(templates, nil, nil, nil)...)
	if err != nil {
		fmt.Fprintf(stderr, "anzen diff: templates:\n%v\n", err)
		return 2
	}
	cat, err := ld.catalog()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	var docs [2]*assemble.Result
	var charts [2]map[string][]byte
	for i, name := range fl.Args() {
		p, err := profile.LoadFile(name, profile.WithCatalog(cat))
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		gen, err := b.Generate(p)
		if err != nil {
			fmt.Fprintf(stderr, "anzen diff: %s: %v\n", name, err)
			return 2
		}
		docs[i] = gen.Docs
		charts[i] = map[string][]byte{}
		for name, data := range gen.Content {
			if strings.HasPrefix(name, "assets/charts/") {
				charts[i][strings.TrimSuffix(path.Base(name), ".svg")] = data
			}
		}
	}
	changes := assemble.Diff(docs[0], docs[1])
	var names []string
	for name := range charts[1] {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !bytes.Equal(charts[0][name], charts[1][name]) {
			changes = append(changes, assemble.Change{Kind: "changed", Document: "図", Section: name})
		}
	}
	for _, c := range changes {
		fmt.Fprintf(stdout, "%s %s — %s\n", c.Kind, c.Document, c.Section)
	}
	if len(changes) == 0 {
		fmt.Fprintln(stdout, "no document changes")
		return 0
	}
	fmt.Fprintf(stdout, "%d sections change; bump policy.version and add a [[policy.history]] entry when you publish them\n", len(changes))
	return 1
}
