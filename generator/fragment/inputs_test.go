package fragment

import (
	"slices"
	"strings"
	"testing"
)

// TestInputs: the field paths a fragment's body and condition read from
// the root, through range, with, variables and the templates it defines.
func TestInputs(t *testing.T) {
	tests := []struct {
		name, when, body string
		want             []string // nil with all
		all              bool
	}{
		{name: "fields", body: "{{ .Clinic.Name }} {{ .Clinic.Phone }}", want: []string{"Clinic.Name", "Clinic.Phone"}},
		{name: "method with arguments", body: `{{ (.HolderOf "x").Name }}`, want: []string{"HolderOf"}},
		{name: "dollar", body: "{{ range .Systems }}{{ .Name }}{{ $.Clinic.Name }}{{ end }}", want: []string{"Clinic.Name", "Systems"}},
		{name: "with keeps the else in the root", body: "{{ with .A }}{{ .B }}{{ else }}{{ .C }}{{ end }}", want: []string{"A", "C"}},
		{name: "variables", body: "{{ $v := .A.B }}{{ $v.C }}{{ range $i, $s := .D }}{{ $s.E }}{{ end }}", want: []string{"A.B", "D"}},
		{name: "pipelines and functions", body: `{{ .A | printf "%s" }} {{ join "、" (.B.C) }} {{ (index .D 0).E }}`, want: []string{"A", "B.C", "D"}},
		{name: "condition", when: ".On", body: "x", want: []string{"On"}},
		{name: "root handed to a function", body: `{{ dict "p" $ }}`, all: true},
		{name: "root printed", body: `{{ . }}`, all: true},
		{name: "root in a variable", body: `{{ $r := . }}{{ $r.A }}`, all: true},
		{name: "dot inside range is not the root", body: `{{ range .A }}{{ . }}{{ end }}`, want: []string{"A"}},
		{name: "template with a value", body: `{{ define "t" }}{{ .X }}{{ $.Y }}{{ end }}{{ template "t" .A }}`, want: []string{"A"}},
		{name: "template with the root", body: `{{ define "t" }}{{ .X }}{{ $.Y }}{{ end }}{{ template "t" . }}`, want: []string{"X", "Y"}},
		{name: "template with root in a dict", body: `{{ define "t" }}{{ .p.X }}{{ end }}{{ template "t" (dict "p" $) }}`, all: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front := "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n"
			if tt.when != "" {
				front += "when = '" + tt.when + "'\n"
			}
			set, err := testSet(t, map[string]string{"doc/a.md": front + "+++\n" + tt.body + "\n"})
			if err != nil {
				t.Fatal(err)
			}
			in := set.Inputs(set.Fragments[0])
			if in.All() != tt.all || !slices.Equal(in.Paths(), tt.want) {
				t.Errorf("inputs = all %t %v, want all %t %v", in.All(), in.Paths(), tt.all, tt.want)
			}
		})
	}
}

type readsData struct {
	*ReadsProfile
	Lang string
}

type ReadsProfile struct {
	Name  string
	Phone string
	Staff []string
	Kind  readsKind
}

type readsKind string

func (k readsKind) Label() string { return strings.ToUpper(string(k)) }

func (p *ReadsProfile) First() string { return p.Staff[0] }
func (p *ReadsProfile) Whole() string { return p.Name + p.Phone }

func (p *ReadsProfile) ReadsOf(m string) ([]string, bool) {
	if m == "First" {
		return []string{"Staff"}, true
	}
	return nil, false
}

// TestCompare: paths are followed through embedded fields and pointers; a
// method reads what its receiver says (MethodReader), else its receiver
// whole; a value's own method reads the value.
func TestCompare(t *testing.T) {
	old := readsData{&ReadsProfile{Name: "a", Phone: "1", Staff: []string{"x"}, Kind: "k"}, "ja"}
	phone := readsData{&ReadsProfile{Name: "a", Phone: "2", Staff: []string{"x"}, Kind: "k"}, "ja"}
	tests := []struct {
		path string
		now  readsData
		same bool
	}{
		{"Name", phone, true},
		{"Phone", phone, false},
		{"First", phone, true},  // reads Staff only
		{"Whole", phone, false}, // reads the profile whole
		{"Kind.Label", phone, true},
		{"Lang", phone, true},
		{"Missing", phone, false}, // cannot be followed: not the same
		{"Staff", readsData{&ReadsProfile{Name: "a", Phone: "1", Staff: []string{"y"}, Kind: "k"}, "ja"}, false},
		{"First", readsData{&ReadsProfile{Name: "a", Phone: "1", Staff: []string{"y"}, Kind: "k"}, "ja"}, false},
		{"Name", readsData{nil, "ja"}, false},
	}
	for _, tt := range tests {
		in := Inputs{paths: [][]string{strings.Split(tt.path, ".")}}
		if got := NewCompare(old, tt.now).Same(in); got != tt.same {
			t.Errorf("%s: same = %t, want %t", tt.path, got, tt.same)
		}
	}
	if NewCompare(old, old).Same(Inputs{all: true}) {
		t.Error("a fragment that reads everything is never the same")
	}
}
