package fragment

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"unicode"
)

// TestPairsHaveTheSameControlFlow checks that the Japanese and the English
// fragment of each section make the same decisions and print the same
// things. The control actions — if, else if, else, range, with, break,
// continue, template calls and the templates a fragment defines — must
// come in the same order with the same pipelines. Between two control
// actions, each value printed or variable set in one language must be
// printed or set in the other too, but the order and the number of times
// are free: word order differs between the languages (「A を B が」,
// "B … A"), and Japanese leaves out a subject English repeats ("the
// clinic … it"), so comparing the prints in order would refuse good
// translations.
//
// Text between the actions is free, and so is the wording inside them:
// the string and number constants a function prints or returns (tri's
// and num's words, counted's, or's and default's fallbacks, printf's
// format, join's separator, dict's values, the words added to a list, a
// regexReplaceAll pattern, a variable set to a constant) read as "…", a
// run of them as one; every other constant (a document or section id, a
// kind compared with eq, a map key) must be the same. A field's Japanese
// and English twins read as one (.Kind.Ja and .Kind.En, .Clinic.Type.Self
// and .SelfEn), and so do jdate and edate; capfirst and lower change
// letters, not values, and read as their argument; a variable set once
// reads as its value ({{ $self := .Clinic.Type.Self }}…{{ $self }} as
// {{ .Clinic.Type.Self }}).
//
// English that needs a choice Japanese does not (a plural, an article, a
// capital) is worded through a function or a method both languages call
// alike (counted, num, capfirst, .Clinic.Type.PatientOne) or a sentence
// that needs no choice, so that a condition or a value added in one
// language cannot go missing in the other. The failure names the first
// action that differs, with its line in each file.
func TestPairsHaveTheSameControlFlow(t *testing.T) {
	set, err := Load(Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]*Fragment{}
	for _, f := range set.Fragments {
		if byID[f.ID] == nil {
			byID[f.ID] = map[string]*Fragment{}
		}
		byID[f.ID][f.Lang] = f
	}
	pairs := 0
	for _, id := range sortedKeys(byID) {
		ja, en := byID[id]["ja"], byID[id]["en"]
		if ja == nil || en == nil {
			continue // TestEveryFragmentIsInEnglish (generator/build) reports it
		}
		pairs++
		a, err := set.controlFlow(ja)
		if err != nil {
			t.Fatal(err)
		}
		b, err := set.controlFlow(en)
		if err != nil {
			t.Fatal(err)
		}
		if msg := compareFlows(ja.File, a, en.File, b); msg != "" {
			t.Error(msg)
		}
	}
	if pairs < 50 {
		t.Fatalf("only %d pairs of fragments", pairs)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// flowStep is one action of a fragment: its line in the file and what it
// does, the wording of its constants left out. plain marks an action that
// prints or sets a variable, not one that decides.
type flowStep struct {
	line  int
	text  string
	plain bool
}

// flowUnit is a control action, or a run of plain actions between two.
type flowUnit struct {
	control *flowStep
	plain   []flowStep
}

func flowUnits(steps []flowStep) []flowUnit {
	var out []flowUnit
	for i := range steps {
		switch {
		case !steps[i].plain:
			out = append(out, flowUnit{control: &steps[i]})
		case len(out) > 0 && out[len(out)-1].control == nil:
			out[len(out)-1].plain = append(out[len(out)-1].plain, steps[i])
		default:
			out = append(out, flowUnit{plain: []flowStep{steps[i]}})
		}
	}
	return out
}

// compareFlows reports where two fragments first differ, or "": a
// control action that differs, or a value printed or set in one and not
// in the other between the same two control actions.
func compareFlows(fileA string, a []flowStep, fileB string, b []flowStep) string {
	ua, ub := flowUnits(a), flowUnits(b)
	last := func(steps []flowStep) int {
		if len(steps) == 0 {
			return 0
		}
		return steps[len(steps)-1].line
	}
	show := func(file string, s *flowStep, all []flowStep) string {
		switch {
		case s == nil && len(all) == 0:
			return fmt.Sprintf("%s: (no such action at all)", file)
		case s == nil:
			return fmt.Sprintf("%s:%d: (nothing more after this line)", file, last(all))
		}
		return fmt.Sprintf("%s:%d: {{ %s }}", file, s.line, s.text)
	}
	first := func(u []flowUnit, i int) *flowStep {
		switch {
		case i >= len(u):
			return nil
		case u[i].control != nil:
			return u[i].control
		}
		return &u[i].plain[0]
	}
	for i := 0; i < len(ua) || i < len(ub); i++ {
		sa, sb := first(ua, i), first(ub, i)
		if sa != nil && sb != nil && ua[i].control == nil && ub[i].control == nil {
			// Two runs of plain actions: the same values, in any order.
			sa, sb = unmatched(ua[i].plain, ub[i].plain), unmatched(ub[i].plain, ua[i].plain)
			if sa == nil && sb == nil {
				continue
			}
			note := func(file string, s *flowStep, run, other []flowStep) string {
				if s == nil {
					return fmt.Sprintf("%s:%d: (the same values, but not {{ %s }})", file, run[0].line, unmatched(other, run).text)
				}
				return show(file, s, nil)
			}
			return fmt.Sprintf("%s and %s differ in what they print or set between the same two control actions:\n\t%s\n\t%s",
				fileA, fileB, note(fileA, sa, ua[i].plain, ub[i].plain), note(fileB, sb, ub[i].plain, ua[i].plain))
		}
		if sa != nil && sb != nil && sa.text == sb.text {
			continue
		}
		if sa != nil && sb != nil && (ua[i].control == nil) != (ub[i].control == nil) {
			// One prints or sets something where the other goes on to
			// its next control action.
			here := func(file string, s *flowStep, u flowUnit) string {
				if u.control == nil {
					return show(file, s, nil)
				}
				return fmt.Sprintf("%s:%d: (nothing printed or set before {{ %s }})", file, s.line, s.text)
			}
			return fmt.Sprintf("%s and %s differ in what they print or set between the same two control actions:\n\t%s\n\t%s",
				fileA, fileB, here(fileA, sa, ua[i]), here(fileB, sb, ub[i]))
		}
		return fmt.Sprintf("%s and %s differ in their control flow:\n\t%s\n\t%s",
			fileA, fileB, show(fileA, sa, a), show(fileB, sb, b))
	}
	return ""
}

// unmatched returns the first action of run whose text other lacks, or
// nil.
func unmatched(run, other []flowStep) *flowStep {
	has := map[string]bool{}
	for _, s := range other {
		has[s.text] = true
	}
	for i, s := range run {
		if !has[s.text] {
			return &run[i]
		}
	}
	return nil
}

// controlFlow parses a fragment's body as Load does, with the functions of
// its language, and lists its actions: those of the body, then those of
// each template it defines, by name.
func (s *Set) controlFlow(f *Fragment) ([]flowStep, error) {
	root, err := s.base[f.Lang].Clone()
	if err != nil {
		return nil, err
	}
	src := f.numberedBody()
	body, err := root.New(f.File).Parse(src)
	if err != nil {
		return nil, err
	}
	w := &flowWalker{src: src, value: map[string]string{}, assigned: map[string]bool{}}
	var defined []*template.Template
	for _, t := range body.Templates() {
		if t.Tree == nil {
			continue
		}
		inspect(t.Tree.Root, func(n parse.Node) {
			if p, ok := n.(*parse.PipeNode); ok && p.IsAssign {
				for _, v := range p.Decl {
					w.assigned[v.Ident[0]] = true
				}
			}
		})
		if t.Name() != f.File {
			defined = append(defined, t)
		}
	}
	w.list(body.Tree.Root)
	sort.Slice(defined, func(i, j int) bool { return defined[i].Name() < defined[j].Name() })
	for _, t := range defined {
		clear(w.value) // a defined template sees none of the body's variables
		w.add(t.Tree.Root.Pos, "define "+strconv.Quote(t.Name()))
		w.list(t.Tree.Root)
		w.add(w.next(t.Tree.Root, "end"), "end")
	}
	return w.steps, nil
}

type flowWalker struct {
	src string
	// value holds what a variable set once stands for, so that
	// {{ $self := .Clinic.Type.SelfEn }}…{{ $self }} reads as
	// …{{ .Clinic.Type.Self }}; assigned marks the variables set again
	// with =, which keep their names.
	value    map[string]string
	assigned map[string]bool
	steps    []flowStep
}

func (w *flowWalker) add(pos parse.Pos, text string) {
	w.steps = append(w.steps, flowStep{line: 1 + strings.Count(w.src[:min(int(pos), len(w.src))], "\n"), text: text})
}

func (w *flowWalker) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n)
	}
}

func (w *flowWalker) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode:
	case *parse.ActionNode:
		if d := n.Pipe.Decl; len(d) == 1 && !n.Pipe.IsAssign && !w.assigned[d[0].Ident[0]] {
			v := *n.Pipe
			v.Decl = nil
			w.value[d[0].Ident[0]] = w.pipe(&v)
			return
		}
		w.add(n.Pos, w.pipe(n.Pipe))
		w.steps[len(w.steps)-1].plain = true
	case *parse.IfNode:
		w.branch("if", &n.BranchNode)
	case *parse.RangeNode:
		w.branch("range", &n.BranchNode)
	case *parse.WithNode:
		w.branch("with", &n.BranchNode)
	case *parse.TemplateNode:
		text := "template " + strconv.Quote(n.Name)
		if n.Pipe != nil {
			text += " " + w.pipe(n.Pipe)
		}
		w.add(n.Pos, text)
	case *parse.BreakNode:
		w.add(n.Pos, "break")
	case *parse.ContinueNode:
		w.add(n.Pos, "continue")
	default:
		w.add(n.Position(), n.String())
	}
}

// branch lists an if, range or with; an else branch that holds nothing
// but another if (with) is listed as one "else if" ("else with").
func (w *flowWalker) branch(kind string, b *parse.BranchNode) {
	w.add(b.Pos, kind+" "+w.pipe(b.Pipe))
	for _, v := range b.Pipe.Decl {
		delete(w.value, v.Ident[0]) // range $i, $s := …: $s is the item now
	}
	for {
		w.list(b.List)
		if b.ElseList == nil {
			w.add(w.next(b.List, "end"), "end")
			return
		}
		if inner := soleBranch(b.ElseList, kind); inner != nil {
			w.add(w.next(b.List, "else"), "else "+kind+" "+w.pipe(inner.Pipe))
			b = inner
			continue
		}
		w.add(w.next(b.List, "else"), "else")
		w.list(b.ElseList)
		w.add(w.next(b.ElseList, "end"), "end")
		return
	}
}

// soleBranch returns the if (with) an else list is made of, {{ else if … }},
// or nil.
func soleBranch(l *parse.ListNode, kind string) *parse.BranchNode {
	if len(l.Nodes) != 1 {
		return nil
	}
	switch n := l.Nodes[0].(type) {
	case *parse.IfNode:
		if kind == "if" {
			return &n.BranchNode
		}
	case *parse.WithNode:
		if kind == "with" {
			return &n.BranchNode
		}
	}
	return nil
}

// simpleRE matches a value that needs no brackets before a field: .A.B,
// $x.A.
var simpleRE = regexp.MustCompile(`^[$.][\pL\pN_.$|‹›]*$`)

var keywordRE = map[string]*regexp.Regexp{
	"else": regexp.MustCompile(`\{\{-?\s*else\b`),
	"end":  regexp.MustCompile(`\{\{-?\s*end\b`),
}

// next finds the else or end that closes a list: the parse tree does not
// keep their places, so it is the first one in the source after the
// list's last node.
func (w *flowWalker) next(l *parse.ListNode, keyword string) parse.Pos {
	from := min(int(w.endOf(l)), len(w.src))
	if loc := keywordRE[keyword].FindStringIndex(w.src[from:]); loc != nil {
		return parse.Pos(from + loc[0])
	}
	return parse.Pos(from)
}

// endOf is a place after everything in a list and before what closes it.
func (w *flowWalker) endOf(l *parse.ListNode) parse.Pos {
	if len(l.Nodes) == 0 {
		return l.Pos
	}
	var b *parse.BranchNode
	switch n := l.Nodes[len(l.Nodes)-1].(type) {
	case *parse.TextNode:
		return n.Pos + parse.Pos(len(n.Text))
	case *parse.IfNode:
		b = &n.BranchNode
	case *parse.RangeNode:
		b = &n.BranchNode
	case *parse.WithNode:
		b = &n.BranchNode
	default:
		return n.Position()
	}
	// After the branch's own end.
	for b.ElseList != nil {
		inner := soleBranch(b.ElseList, "if")
		if inner == nil {
			inner = soleBranch(b.ElseList, "with")
		}
		if inner == nil {
			return w.next(b.ElseList, "end") + 1
		}
		b = inner
	}
	return w.next(b.List, "end") + 1
}

// letterCase are the functions that change only the case of letters.
var letterCase = map[string]bool{"capfirst": true, "lower": true}

// wording tells whether a command's argument i, a string or number
// constant, is wording rather than an id, a key or a value compared.
func wording(fn string, i int) bool {
	switch fn {
	case "tri", "num":
		return i >= 2
	case "or", "and", "append":
		return i >= 1 && (fn != "append" || i >= 2)
	case "default", "printf", "join":
		return i == 1
	case "counted":
		return i >= 2
	case "regexReplaceAll":
		// A pattern matches the language's text: "（.*）", ` *\(.*\)`.
		return i == 1
	case "dict":
		return i >= 2 && i%2 == 0
	case "set":
		return i == 3
	}
	return false
}

// pipe writes a pipeline the way it reads in the template, its wording
// constants as "…". In an English fragment, a field's English twin reads
// as the Japanese one (.SelfEn as .Self, .Kind.En as .Kind.Ja) and edate as
// jdate: the same value, in the page's language.
func (w *flowWalker) pipe(p *parse.PipeNode) string {
	var b strings.Builder
	for i, v := range p.Decl {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.String())
		if i == len(p.Decl)-1 {
			if p.IsAssign {
				b.WriteString(" = ")
			} else {
				b.WriteString(" := ")
			}
		}
	}
	sep := ""
	for _, c := range p.Cmds {
		fn := ""
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
			fn = id.Ident
		}
		if letterCase[fn] {
			// Letter case is spelling: capfirst .X reads as .X.
			if len(c.Args) == 2 {
				text := w.arg(c.Args[1], false)
				if p, ok := c.Args[1].(*parse.PipeNode); ok {
					text = w.pipe(p)
				}
				b.WriteString(sep + text)
				sep = " | "
			}
			continue
		}
		b.WriteString(sep)
		sep = " | "
		// A constant alone is wording: {{ $unit := "件" }}.
		alone := len(p.Cmds) == 1 && len(c.Args) == 1
		prev := ""
		for j, a := range c.Args {
			text := w.arg(a, alone || wording(fn, j))
			if text == `"…"` && prev == text {
				continue // a run of wording reads as one: "名", "person" "people"
			}
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(text)
			prev = text
		}
	}
	return b.String()
}

func (w *flowWalker) arg(a parse.Node, isWording bool) string {
	switch a := a.(type) {
	case *parse.StringNode, *parse.NumberNode:
		if isWording {
			return `"…"`
		}
		return a.String()
	case *parse.PipeNode:
		if t := w.pipe(a); !strings.Contains(t, " ") {
			return t
		} else {
			return "(" + t + ")"
		}
	case *parse.ChainNode:
		return w.arg(a.Node, false) + w.fields(a.Field)
	case *parse.FieldNode:
		return w.fields(a.Ident)
	case *parse.VariableNode:
		if v, ok := w.value[a.Ident[0]]; ok {
			if len(a.Ident) > 1 && !simpleRE.MatchString(v) {
				v = "(" + v + ")"
			}
			return v + w.fields(a.Ident[1:])
		}
		return a.Ident[0] + w.fields(a.Ident[1:])
	case *parse.IdentifierNode:
		if a.Ident == "jdate" || a.Ident == "edate" {
			return "‹jdate|edate›"
		}
		return a.Ident
	}
	return a.String()
}

func (w *flowWalker) fields(idents []string) string {
	var b strings.Builder
	for _, id := range idents {
		b.WriteByte('.')
		b.WriteString(langFree(id))
	}
	return b.String()
}

// langFree names a field or method of one language as that of both:
// Ja and En as ‹Ja|En›, PatientEn and RecordersJa as Patient and
// Recorders.
func langFree(id string) string {
	switch {
	case id == "Ja" || id == "En":
		return "‹Ja|En›"
	case len(id) > 2 && (strings.HasSuffix(id, "Ja") || strings.HasSuffix(id, "En")) && unicode.IsLower(rune(id[len(id)-3])):
		return id[:len(id)-2]
	}
	return id
}

// TestControlFlowComparison: what the pair test lets differ (text, wording
// constants, a field's language twin, else if written out) and what it
// does not (a condition, an id, a branch, a template), with the lines.
func TestControlFlowComparison(t *testing.T) {
	frag := func(body string) string {
		return "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n" + body + "\n"
	}
	for _, tt := range []struct {
		name, ja, en, want string
	}{
		{"text and wording", `{{ if .On }}はい{{ tri .Flag "あり" "なし" }}{{ end }}`, `{{ if .On }}Yes {{ tri .Flag "yes" "no" }}{{ end }}`, ""},
		{"language twins", `{{ with .Kind.Ja }}{{ jdate $.Date }}{{ end }}`, `{{ with .Kind.En }}{{ edate $.Date }}{{ end }}`, ""},
		{"dict keys kept", `{{ template "x" (dict "k" "語") }}{{ define "x" }}{{ end }}`, `{{ template "x" (dict "k" "word") }}{{ define "x" }}{{ end }}`, ""},
		{"if only in English", "{{ .N }}名", "{{ .N }}\n{{ if eq .N 1 }}person{{ else }}people{{ end }}",
			"t/doc/a.ja.md:6: (nothing more after this line)\n\tt/doc/a.en.md:7: {{ if eq .N 1 }}"},
		{"print order and repeats", "{{ .Name }}が{{ .N }}件{{ if .On }}x{{ end }}", "{{ .N }} of {{ .Name }}, {{ .Name }} says{{ if .On }}x{{ end }}", ""},
		{"a print only in English", "{{ .Name }}\n{{ if .On }}x{{ end }}", "{{ .Name }} {{ .N }}\n{{ if .On }}x{{ end }}",
			"t/doc/a.ja.md:6: (the same values, but not {{ .N }})\n\tt/doc/a.en.md:6: {{ .N }}"},
		{"a print on the other side of an if", "{{ if .On }}x{{ end }}{{ .Name }}", "{{ .Name }}{{ if .On }}x{{ end }}",
			"t/doc/a.ja.md:6: (nothing printed or set before {{ if .On }})\n\tt/doc/a.en.md:6: {{ .Name }}"},
		{"a variable set once", "{{ $n := .Name }}{{ $n }}", "{{ .Name }}", ""},
		{"capitals and plurals", "{{ .Name }}{{ counted .N \"名\" }}", "{{ capfirst .Name }} {{ counted .N \"person\" \"people\" }}", ""},
		{"another value", "{{ .Name }}", "{{ .Date }}", "t/doc/a.en.md:6: {{ .Date }}"},
		{"another condition", "x\n{{ if .On }}x{{ end }}", "x\n{{ if not .On }}x{{ end }}",
			"t/doc/a.ja.md:7: {{ if .On }}\n\tt/doc/a.en.md:7: {{ if not .On }}"},
		{"another id", `{{ if eq .Name "pharmacy" }}{{ end }}`, `{{ if eq .Name "clinic" }}{{ end }}`, `{{ if eq .Name "pharmacy" }}`},
		{"an else more", "{{ if .On }}x{{ end }}", "{{ if .On }}x\n{{ else }}y{{ end }}",
			"t/doc/a.ja.md:6: {{ end }}\n\tt/doc/a.en.md:7: {{ else }}"},
		{"else if written out", "{{ if .On }}x{{ else if .N }}y{{ end }}", "{{ if .On }}x{{ else }}{{ if .N }}y{{ end }}{{ end }}", ""},
		{"else if against else", "{{ if .On }}x{{ else if .N }}y{{ end }}", "{{ if .On }}x{{ else }}{{ if .N }}y{{ end }}z{{ end }}", "{{ else if .N }}"},
		{"defined template", `{{ define "x" }}{{ if .On }}{{ end }}{{ end }}`, `{{ define "x" }}{{ end }}`, `{{ if .On }}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set, err := testSet(t, map[string]string{"doc/a.ja.md": frag(tt.ja), "doc/a.en.md": frag(tt.en)})
			if err != nil {
				t.Fatal(err)
			}
			var flows [2][]flowStep
			for i, f := range set.Fragments {
				if flows[i], err = set.controlFlow(f); err != nil {
					t.Fatal(err)
				}
			}
			// Fragments are sorted by language: en, then ja.
			got := compareFlows(set.Fragments[1].File, flows[1], set.Fragments[0].File, flows[0])
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant it to contain %q", got, tt.want)
			}
		})
	}
}
