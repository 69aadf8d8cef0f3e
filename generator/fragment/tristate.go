package fragment

import (
	"fmt"
	"strings"
	"text/template/parse"

	"github.com/anzen-dev/anzen/generator/profile"
)

// triState holds the profile's Flag and Count field names.
var triState = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range profile.TriStateFields() {
		m[n] = true
	}
	return m
}()

// triFuncs take a Flag or a Count and print it, 未確認 included.
var triFuncs = map[string]bool{"tri": true, "num": true}

// lintTriState refuses a Flag or Count read as a plain value: in
// `{{ if .Backup.Offline }}` a written false is true, and an unwritten key
// would silently read as no. Fragments read them through their methods
// (.Backup.Offline.IsYes, .Backup.Generations.N, .Known) or print them
// with tri and num, which say 未確認 for an unwritten key.
func lintTriState(file string, tree *parse.Tree) error {
	var errs []string
	check := func(n parse.Node, idents []string) {
		if len(idents) > 0 && triState[idents[len(idents)-1]] {
			line, _ := tree.ErrorContext(n)
			errs = append(errs, fmt.Sprintf("%s: %s is unknown when the profile does not write it: read it with .%s.IsYes, .IsNo, .Known, .N, or print it with tri or num",
				line, n.String(), idents[len(idents)-1]))
		}
	}
	// Every command's own arguments are checked, unless the command is
	// tri or num; pipelines inside them are commands of their own.
	inspect(tree.Root, func(n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if !ok {
			return
		}
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok && triFuncs[id.Ident] {
			// tri's words are the fragment's own Markdown, printed as
			// they are written: text, never a value of the profile.
			for _, a := range c.Args[min(2, len(c.Args)):] {
				if _, ok := a.(*parse.StringNode); id.Ident == "tri" && !ok {
					line, _ := tree.ErrorContext(a)
					errs = append(errs, fmt.Sprintf("%s: tri prints its words as Markdown: give them as quoted text, not %s", line, a))
				}
			}
			return
		}
		for _, a := range c.Args {
			switch a := a.(type) {
			case *parse.FieldNode:
				check(a, a.Ident)
			case *parse.VariableNode:
				check(a, a.Ident)
			case *parse.ChainNode:
				check(a, a.Field)
			}
		}
	})
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}
