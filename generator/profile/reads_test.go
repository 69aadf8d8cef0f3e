package profile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestMethodReads works out from the source which fields each exported
// method of Profile reads, following the methods it calls, and checks
// methodReads says the same. A method that hands the profile on whole, or
// reads a field the table cannot name (unexported), must not be listed.
func TestMethodReads(t *testing.T) {
	methods := profileMethods(t)
	want := map[string][]string{}
	for name := range methods {
		if !ast.IsExported(name) || name == "ReadsOf" {
			continue
		}
		reads, whole := readsOfMethod(t, methods, name, map[string]bool{})
		if whole {
			continue
		}
		want[name] = minimal(reads)
	}
	if !reflect.DeepEqual(want, methodReads) {
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(want)) {
			b.WriteString("\t\"" + k + "\": {\"" + strings.Join(want[k], "\", \"") + "\"},\n")
		}
		t.Errorf("methodReads is not what the methods read; it should be:\n%s", b.String())
	}
}

// profileMethods parses the package's source and returns the methods
// declared on *Profile.
func profileMethods(t *testing.T) map[string]*ast.FuncDecl {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ast.FuncDecl{}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok && id.Name == "Profile" {
					out[fd.Name.Name] = fd
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d methods of *Profile", len(out))
	}
	return out
}

// readsOfMethod returns the field paths a method reads through its
// receiver, and true when it uses the receiver otherwise than to read a
// field or call a method (so reads it whole).
func readsOfMethod(t *testing.T, methods map[string]*ast.FuncDecl, name string, visiting map[string]bool) ([]string, bool) {
	fd := methods[name]
	if visiting[name] {
		return nil, false
	}
	visiting[name] = true
	defer delete(visiting, name)
	recv := fd.Recv.List[0].Names[0].Name
	var reads []string
	whole := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			chain, ok := selectorChain(n, recv)
			if !ok {
				return true
			}
			if _, isMethod := methods[chain[0]]; isMethod {
				r, w := readsOfMethod(t, methods, chain[0], visiting)
				reads = append(reads, r...)
				whole = whole || w
				return false
			}
			path, ok := fieldPath(chain)
			if !ok {
				whole = true
			}
			reads = append(reads, path)
			return false
		case *ast.Ident:
			if n.Name == recv {
				whole = true // the receiver itself, handed on
			}
		}
		return true
	})
	return reads, whole
}

// selectorChain returns the names of recv.A.B.C.
func selectorChain(s *ast.SelectorExpr, recv string) ([]string, bool) {
	var rev []string
	var x ast.Expr = s
	for {
		switch e := x.(type) {
		case *ast.SelectorExpr:
			rev = append(rev, e.Sel.Name)
			x = e.X
			continue
		case *ast.Ident:
			if e.Name != recv {
				return nil, false
			}
			slices.Reverse(rev)
			return rev, true
		}
		return nil, false
	}
}

// fieldPath is the part of a selector chain from Profile that is fields
// (a method of a field's type reads that field whole). False when it
// reaches an unexported field, which fragment.Inputs cannot follow.
func fieldPath(chain []string) (string, bool) {
	typ := reflect.TypeOf(Profile{})
	var path []string
	for _, name := range chain {
		if typ.Kind() != reflect.Struct {
			break
		}
		f, ok := typ.FieldByName(name)
		if !ok {
			break // a method of the value so far
		}
		if !f.IsExported() {
			return strings.Join(append(path, name), "."), false
		}
		path = append(path, name)
		typ = f.Type
	}
	return strings.Join(path, "."), len(path) > 0
}

// minimal sorts paths and drops those inside another.
func minimal(paths []string) []string {
	slices.Sort(paths)
	paths = slices.Compact(paths)
	var out []string
	for _, p := range paths {
		if len(out) > 0 && strings.HasPrefix(p, out[len(out)-1]+".") {
			continue
		}
		out = append(out, p)
	}
	return out
}
