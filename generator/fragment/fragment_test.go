package fragment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

func TestEscapeString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"さくら内科", "さくら内科"},
		{"<script>alert(1)</script>", `\<script\>alert\(1\)\<\/script\>`},
		{"[x](javascript:alert(1))", `\[x\]\(javascript\:alert\(1\)\)`},
		{"{{ .Secret }}", `\{\{ \.Secret \}\}`},
		{"a | b", `a \| b`},
		{"# 見出し", `\# 見出し`},
		{"1. list", `1\. list`},
		{"line1\nline2\r\n- item", `line1 line2 \- item`},
		{"    code", "code"},
		{"a    b", "a b"},
		{"**bold** _em_ `code`", `\*\*bold\*\* \_em\_ \` + "`code\\`"},
		{"Ｆｕｌｌ　ｗｉｄｔｈ＜＞", "Ｆｕｌｌ　ｗｉｄｔｈ＜＞"},
		{"\u202eevil", "\u202eevil"},
		{"tab\there", "tab here"},
		{"&amp; &#60;", `\&amp\; \&\#60\;`},
	}
	for _, tt := range tests {
		if got := EscapeString(tt.in); got != tt.want {
			t.Errorf("EscapeString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func testSet(t *testing.T, files map[string]string) (*Set, error) {
	t.Helper()
	m := fstest.MapFS{
		"documents.toml": {Data: []byte("[[documents]]\nid = \"doc\"\norder = 1\ntitle = \"文書\"\n")},
		"refs.toml":      {Data: []byte("[[guidance]]\nid = \"3.1\"\ntitle = \"責任\"\n[[checklist]]\nid = \"1-1\"\ntext = \"責任者\"\n")},
	}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return Load(Layer{Name: "t", FS: m})
}

type data struct {
	Name string
	N    int
	On   bool
	Date time.Time
}

func TestRenderEscapesEveryAction(t *testing.T) {
	set, err := testSet(t, map[string]string{"doc/a.md": "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n**{{ .Name }}** {{ .Name | trimSuffix \">\" }} {{ printf \"%s!\" .Name }} {{ docref \"doc\" }} {{ if .On }}{{ .Name }}{{ end }} {{ jdate .Date }}\n"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := set.Render(set.Fragments[0], data{Name: "<b>[x](y)</b>", On: true, Date: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := `**\<b\>\[x\]\(y\)\<\/b\>** \<b\>\[x\]\(y\)\<\/b \<b\>\[x\]\(y\)\<\/b\>\! 「[文書](anzen:doc)」 \<b\>\[x\]\(y\)\<\/b\> 2026年4月1日` + "\n"
	if string(got) != want {
		t.Errorf("Render =\n%q\nwant\n%q", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"no front matter", "doc/a.md", "hello", "t/doc/a.md:1: a fragment starts with TOML front matter"},
		{"unknown front matter key", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\nwhen_ = \"x\"\n+++\nx", `unknown key "when_"`},
		{"unknown document", "doc/a.md", "+++\nid = \"a\"\ndocument = \"nope\"\ntitle = \"A\"\n+++\nx", `t/doc/a.md: unknown document "nope" (known: doc)`},
		{"unknown ref", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\nrefs = [\"guidance:9.9\"]\n+++\nx", `t/doc/a.md: refs: "guidance:9.9": no guidance section "9.9" (known: 3.1)`},
		{"bad ref kind", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\nrefs = [\"law:1\"]\n+++\nx", `unknown kind "law"`},
		{"template syntax error", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\nline\n{{ if }}\n", `t/doc/a.md:7: missing value for if`},
		{"env is not available", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n{{ env \"HOME\" }}\n", `function "env" not defined`},
		{"getHostByName is not available", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n{{ getHostByName \"x\" }}\n", `function "getHostByName" not defined`},
		{"now is not available", "doc/a.md", "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n{{ now }}\n", `function "now" not defined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := testSet(t, map[string]string{tt.file: tt.body})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestRenderErrorNamesFileAndLine(t *testing.T) {
	set, err := testSet(t, map[string]string{"doc/a.md": "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\nfirst\n\n{{ .Missing }}\n"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = set.Render(set.Fragments[0], data{})
	if err == nil || !strings.Contains(err.Error(), "t/doc/a.md:8:") {
		t.Fatalf("err = %v, want t/doc/a.md:8", err)
	}
}

func TestApplies(t *testing.T) {
	tests := []struct {
		when string
		d    data
		want bool
	}{
		{"", data{}, true},
		{".On", data{On: true}, true},
		{".On", data{}, false},
		{`eq .Name "x"`, data{Name: "x"}, true},
		{"gt .N 2", data{N: 1}, false},
	}
	for _, tt := range tests {
		set, err := testSet(t, map[string]string{"doc/a.md": "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\nwhen = '" + tt.when + "'\n+++\nx\n"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := set.Applies(set.Fragments[0], tt.d)
		if err != nil || got != tt.want {
			t.Errorf("when %q on %+v = %v, %v; want %v", tt.when, tt.d, got, err, tt.want)
		}
	}
}

func TestOverlayReplacesByID(t *testing.T) {
	base := fstest.MapFS{
		"documents.toml": {Data: []byte("[[documents]]\nid = \"doc\"\norder = 1\ntitle = \"文書\"\n")},
		"doc/a.md":       {Data: []byte("+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"既定\"\n+++\ndefault\n")},
		"doc/b.md":       {Data: []byte("+++\nid = \"b\"\ndocument = \"doc\"\norder = 2\ntitle = \"B\"\n+++\nb\n")},
	}
	vendor := fstest.MapFS{
		"mine.md": {Data: []byte("+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"ベンダー版\"\n+++\nvendor\n")},
	}
	set, err := Load(Layer{"defaults", base}, Layer{"vendor", vendor})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Fragments) != 2 {
		t.Fatalf("fragments = %+v", set.Fragments)
	}
	a, b := set.Fragments[0], set.Fragments[1]
	if a.Title != "ベンダー版" || a.Origin != "vendor" || a.Replaces != "defaults/doc/a.md" || b.Origin != "defaults" || b.Replaces != "" {
		t.Fatalf("fragments = %+v", set.Fragments)
	}
}

func TestLink(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.mhlw.go.jp/stf/x.html", "[https\\:\\/\\/www\\.mhlw\\.go\\.jp\\/stf\\/x\\.html](<https://www.mhlw.go.jp/stf/x.html>)"},
		{"javascript:alert(1)", `javascript\:alert\(1\)`},
		{"https://x.example/a b", `https\:\/\/x\.example\/a b`},
		{"https://x.example/>)[y](javascript:z)", `https\:\/\/x\.example\/\>\)\[y\]\(javascript\:z\)`},
		{"//evil.example", `\/\/evil\.example`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(Link(tt.in)); got != tt.want {
			t.Errorf("Link(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLinkedFolderInOverlay: a link to a folder in an overlay is an error
// that names it, not fragments silently left out.
func TestLinkedFolderInOverlay(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(dir, "linked")); err != nil {
		testenv.Missing(t, "no symbolic links here: ", err)
	}
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "away")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Load(Layer{Name: "vendor", FS: root.FS()})
	if err == nil || !strings.Contains(err.Error(), "vendor/linked: a link to a folder") || !strings.Contains(err.Error(), "vendor/away: a link that leads outside") {
		t.Fatalf("err = %v", err)
	}
}

// TestTriStateLint: a yes/no fact or a count read as a plain value is
// refused wherever it stands (an action, a condition, an argument, a
// nested pipeline, a chain, the when condition); through its methods or
// tri and num it is allowed.
func TestTriStateLint(t *testing.T) {
	frag := func(when, body string) string {
		fm := "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n"
		if when != "" {
			fm += "when = '" + when + "'\n"
		}
		return fm + "+++\n" + body + "\n"
	}
	for _, tt := range []struct {
		name, when, body string
		refused          bool
	}{
		{"printed", "", "{{ .Backup.Offline }}", true},
		{"condition", "", "{{ if .Backup.Offline }}x{{ end }}", true},
		{"argument", "", `{{ printf "%v" .Auth.TwoFactor }}`, true},
		{"nested pipeline", "", `{{ if and true (not .Backup.Offline) }}x{{ end }}`, true},
		{"variable", "", "{{ $b := .Backup }}{{ $b.Generations }}", true},
		{"chain", "", "{{ (index .Systems 0).Backup.Offline }}", true},
		{"in a range", "", "{{ range .Systems }}{{ if .MedicalInfo }}x{{ end }}{{ end }}", true},
		{"when", ".Backup.Offline", "x", true},
		{"method", "", "{{ if .Backup.Offline.IsYes }}x{{ end }}", false},
		{"count", "", "{{ .Backup.Generations.N }}", false},
		{"tri", "", `{{ tri .Backup.Offline "あり" "なし" }}`, false},
		{"num", "", `{{ num .Backup.Generations "世代" }}`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := testSet(t, map[string]string{"doc/a.md": frag(tt.when, tt.body)})
			refused := err != nil && strings.Contains(err.Error(), "is unknown when the profile does not write it")
			if refused != tt.refused {
				t.Errorf("refused = %v, want %v (err %v)", refused, tt.refused, err)
			}
		})
	}
}

// TestTriWordsAreText: tri prints its words as the fragment's Markdown
// (「**なし**」 is bold), so they must be quoted text, never a value of the
// profile, which would reach the page unescaped.
func TestTriWordsAreText(t *testing.T) {
	fm := "+++\nid = \"a\"\ndocument = \"doc\"\ntitle = \"A\"\n+++\n"
	for _, tt := range []struct {
		body    string
		refused bool
	}{
		{`{{ tri .Backup.Offline "あり" "**なし**" }}`, false},
		{`{{ tri .Backup.Offline .Clinic.Name "なし" }}`, true},
		{`{{ tri .Backup.Offline "あり" (printf "%s" .Clinic.Name) }}`, true},
	} {
		_, err := testSet(t, map[string]string{"doc/a.md": fm + tt.body + "\n"})
		refused := err != nil && strings.Contains(err.Error(), "tri prints its words as Markdown: give them as quoted text")
		if refused != tt.refused {
			t.Errorf("%s: refused = %v, want %v (err %v)", tt.body, refused, tt.refused, err)
		}
	}
}
