package fragment

import (
	"flag"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template/parse"
)

var update = flag.Bool("update", false, "rewrite docs/fragment-functions.md")

const referenceFile = "../../docs/fragment-functions.md"

// TestFunctionReference checks that the published reference of the
// fragments' functions is the one the code makes.
func TestFunctionReference(t *testing.T) {
	got := FunctionReference()
	if *update {
		if err := os.WriteFile(referenceFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatalf("%v (go test ./generator/fragment -run TestFunctionReference -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s is out of date: go test ./generator/fragment -run TestFunctionReference -update", referenceFile)
	}
}

// TestFunctionsAllowedDocumentedUsed checks that fragments get exactly the
// documented functions, and that each of anzen's and sprig's is used by a
// fragment of the templates: the allow-list holds nothing dead.
func TestFunctionsAllowedDocumentedUsed(t *testing.T) {
	set, err := Load(Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, d := range append(slices.Clone(anzenFuncs), sprigAllowed...) {
		documented = append(documented, d.Name)
	}
	sort.Strings(documented)
	var have []string
	for name := range set.funcs("ja") {
		if name != escaperName {
			have = append(have, name)
		}
	}
	sort.Strings(have)
	if !slices.Equal(have, documented) {
		t.Errorf("fragment functions %v, documented %v", have, documented)
	}

	used := map[string]bool{}
	for _, c := range set.compiled {
		var trees []*parse.Tree
		for _, t := range c.body.Templates() {
			trees = append(trees, t.Tree)
		}
		if c.when != nil {
			trees = append(trees, c.when.Tree)
		}
		for _, tr := range trees {
			if tr == nil {
				continue
			}
			inspect(tr.Root, func(n parse.Node) {
				if id, ok := n.(*parse.IdentifierNode); ok {
					used[id.Ident] = true
				}
			})
		}
	}
	for _, name := range documented {
		if !used[name] {
			t.Errorf("%s is allowed but no fragment uses it: remove it from funcref.go", name)
		}
	}
	if len(set.compiled) == 0 || !strings.Contains(FunctionReference(), "`tri`") {
		t.Fatal("no fragments or no reference")
	}
}
