package fragment

import (
	"reflect"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// Inputs are the parts of its data a fragment can read: the field paths
// from the data's root that its body and its when condition name
// (Clinic.Name, Verdicts, Systems), found by reading the parse trees.
// A path ends where the template leaves the root: at a method, whose
// receiver is read whole unless it says which of its fields the method
// reads (MethodReader), and at a value that range, with or a variable
// carry on, which is read whole. A fragment that hands the root itself
// on (to a function, a variable or a template) reads everything.
//
// A preview that assembles a clinic again after an edit runs again only
// the fragments whose inputs changed: a template is a function of the
// values it reaches, and it reaches them only through these paths.
type Inputs struct {
	all   bool
	paths [][]string
}

// MethodReader is implemented by data types whose methods fragments
// call: ReadsOf names the fields (paths from the receiver, "Clinic.Manager")
// the method reads, and false for a method that reads the receiver whole.
type MethodReader interface {
	ReadsOf(method string) ([]string, bool)
}

// Inputs returns the fragment's inputs (everything for a fragment not in
// the set).
func (s *Set) Inputs(f *Fragment) Inputs {
	c, ok := s.compiled[f]
	if !ok {
		return Inputs{all: true}
	}
	return c.inputs
}

// All tells whether the fragment reads its data whole.
func (in Inputs) All() bool { return in.all }

// Paths lists the field paths read, dotted and sorted; none when All.
func (in Inputs) Paths() []string {
	out := make([]string, len(in.paths))
	for i, p := range in.paths {
		out[i] = strings.Join(p, ".")
	}
	return out
}

// inputsOf reads the inputs of a compiled fragment: its body (with the
// templates it defines, as they are called) and its condition.
func inputsOf(c compiled) Inputs {
	r := &reader{defs: c.body, seen: map[string]bool{}, paths: map[string][]string{}}
	root := scope{dot: true, dollar: true}
	r.list(c.body.Tree.Root, root)
	if c.when != nil {
		r.list(c.when.Tree.Root, root)
	}
	if r.all {
		return Inputs{all: true}
	}
	in := Inputs{}
	for _, p := range r.paths {
		in.paths = append(in.paths, p)
	}
	slices.SortFunc(in.paths, func(a, b []string) int { return slices.Compare(a, b) })
	return in
}

// scope tells whether dot and $ are the data's root where a node runs:
// range and with move dot to a value read from the root, and a called
// template gets its argument as both.
type scope struct{ dot, dollar bool }

type reader struct {
	defs  *template.Template
	seen  map[string]bool // templates read, with the scope they were called in
	all   bool
	paths map[string][]string
}

func (r *reader) add(path []string) {
	r.paths[strings.Join(path, ".")] = path
}

func (r *reader) list(l *parse.ListNode, sc scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		r.node(n, sc)
	}
}

func (r *reader) node(n parse.Node, sc scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		r.pipe(n.Pipe, sc)
	case *parse.IfNode:
		r.branch(&n.BranchNode, sc, sc)
	case *parse.RangeNode:
		r.branch(&n.BranchNode, sc, scope{dot: false, dollar: sc.dollar})
	case *parse.WithNode:
		r.branch(&n.BranchNode, sc, scope{dot: false, dollar: sc.dollar})
	case *parse.TemplateNode:
		// The called template's dot and $ are the argument: the root
		// when the argument is (its body is read as the fragment's),
		// else a value the argument read.
		root := n.Pipe != nil && isRoot(n.Pipe, sc)
		if !root {
			r.pipe(n.Pipe, sc)
		}
		key := n.Name + "\x00" + map[bool]string{true: "root", false: "value"}[root]
		if r.seen[key] {
			return
		}
		r.seen[key] = true
		t := r.defs.Lookup(n.Name)
		if t == nil || t.Tree == nil {
			r.all = true // not ours: cannot tell what it reads
			return
		}
		r.list(t.Tree.Root, scope{dot: root, dollar: root})
	case *parse.ListNode:
		r.list(n, sc)
	}
}

// branch reads an if, range or with: its pipeline in the outer scope, its
// body in inner and its else in the outer scope.
func (r *reader) branch(b *parse.BranchNode, outer, inner scope) {
	r.pipe(b.Pipe, outer)
	r.list(b.List, inner)
	r.list(b.ElseList, outer)
}

func (r *reader) pipe(p *parse.PipeNode, sc scope) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			r.arg(a, sc)
		}
	}
}

func (r *reader) arg(n parse.Node, sc scope) {
	switch n := n.(type) {
	case *parse.FieldNode:
		if sc.dot {
			r.add(n.Ident)
		}
	case *parse.VariableNode:
		if n.Ident[0] == "$" && sc.dollar {
			if len(n.Ident) == 1 {
				r.all = true
			} else {
				r.add(n.Ident[1:])
			}
		}
		// Any other variable holds a value its declaration read.
	case *parse.DotNode:
		if sc.dot {
			r.all = true
		}
	case *parse.ChainNode:
		// (pipeline).Field: the fields are of a value the pipeline read.
		r.arg(n.Node, sc)
	case *parse.PipeNode:
		r.pipe(n, sc)
	}
}

// isRoot tells whether a pipeline is the root itself: . or $ where they
// are.
func isRoot(p *parse.PipeNode, sc scope) bool {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return sc.dot
	case *parse.VariableNode:
		return sc.dollar && len(a.Ident) == 1 && a.Ident[0] == "$"
	}
	return false
}

// Compare tells, for fragments' inputs, whether two data values (of the
// same type: the data a fragment saw last time and the data it would see
// now) hold the same values there. It remembers each path's answer, so a
// path many fragments read is compared once. Not safe for concurrent use.
type Compare struct {
	old, now reflect.Value
	memo     map[string]bool
}

// NewCompare compares the data old and now.
func NewCompare(old, now any) *Compare {
	return &Compare{old: reflect.ValueOf(old), now: reflect.ValueOf(now), memo: map[string]bool{}}
}

// Same tells whether every input holds the same value in both data.
func (c *Compare) Same(in Inputs) bool {
	if in.all || c.old.Type() != c.now.Type() {
		return false
	}
	for _, p := range in.paths {
		key := strings.Join(p, ".")
		same, ok := c.memo[key]
		if !ok {
			same = sameAt(c.old, c.now, p)
			c.memo[key] = same
		}
		if !same {
			return false
		}
	}
	return true
}

// sameAt compares the values a path reaches from a and b.
func sameAt(a, b reflect.Value, path []string) bool {
	va, ok := reach(a, path)
	if !ok {
		return false
	}
	vb, ok := reach(b, path)
	if !ok || len(va) != len(vb) {
		return false
	}
	for i := range va {
		if !va[i].CanInterface() || !vb[i].CanInterface() {
			return false
		}
		if !reflect.DeepEqual(va[i].Interface(), vb[i].Interface()) {
			return false
		}
	}
	return true
}

// reach returns the values a template reading path from v depends on:
// the field at the end of the path, or the receiver of the first method
// on it (or the fields the method says it reads), or the first value that
// is not a struct. False when the path cannot be followed the same way
// (a method that would read unexported state, say).
func reach(v reflect.Value, path []string) ([]reflect.Value, bool) {
	for i, name := range path {
		for v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		// A method is looked for on the value as the template would
		// call it, pointer receivers included.
		if m, ok := methodOf(v, name); ok {
			return readsOf(m, name)
		}
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return []reflect.Value{v}, true
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return []reflect.Value{v}, true
		}
		f, ok := v.Type().FieldByName(name)
		if !ok {
			// A method promoted from an embedded field: read it there.
			if e, ok := embeddedWith(v.Type(), name); ok && v.Type().Field(e).IsExported() {
				return reach(v.Field(e), path[i:])
			}
			return nil, false
		}
		if !f.IsExported() {
			return nil, false
		}
		fv, err := v.FieldByIndexErr(f.Index)
		if err != nil {
			// Through a nil embedded pointer: the template would fail
			// the same way on both.
			return []reflect.Value{v}, true
		}
		v = fv
	}
	return []reflect.Value{v}, true
}

// methodOf returns v itself when a method name is declared on v's own
// type or its pointer (not promoted from an embedded field).
func methodOf(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
		if _, promoted := embeddedWith(t, name); !promoted {
			return v, true
		}
	}
	return reflect.Value{}, false
}

// embeddedWith returns the index of the embedded field of struct type t
// whose type (or its pointer) has the method name.
func embeddedWith(t reflect.Type, name string) (int, bool) {
	if t.Kind() != reflect.Struct {
		return 0, false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.Anonymous {
			continue
		}
		ft := f.Type
		if ft.Kind() != reflect.Pointer {
			ft = reflect.PointerTo(ft)
		}
		if _, ok := ft.MethodByName(name); ok {
			return i, true
		}
	}
	return 0, false
}

// readsOf is what a method of recv depends on: the fields it names as
// a MethodReader, else the receiver whole.
func readsOf(recv reflect.Value, name string) ([]reflect.Value, bool) {
	mr, ok := asMethodReader(recv)
	if !ok {
		return []reflect.Value{recv}, true
	}
	reads, ok := mr.ReadsOf(name)
	if !ok {
		return []reflect.Value{recv}, true
	}
	var out []reflect.Value
	for _, r := range reads {
		vs, ok := reach(recv, strings.Split(r, "."))
		if !ok {
			return nil, false
		}
		out = append(out, vs...)
	}
	return out, true
}

func asMethodReader(v reflect.Value) (MethodReader, bool) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, false
	}
	if v.CanInterface() {
		if mr, ok := v.Interface().(MethodReader); ok {
			return mr, true
		}
	}
	if v.CanAddr() && v.Addr().CanInterface() {
		if mr, ok := v.Addr().Interface().(MethodReader); ok {
			return mr, true
		}
	}
	return nil, false
}
