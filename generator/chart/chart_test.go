package chart

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/internal/testtemplates"
	"github.com/anzen-dev/anzen/generator/profile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg")

func example(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, err := profile.LoadFile(filepath.Join("../../profiles", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGoldenSVG compares the contact chains of two example clinics with
// testdata/<clinic>-<chart>.svg (go test -update rewrites them; look at
// them in a browser before committing).
func TestGoldenSVG(t *testing.T) {
	for _, name := range []string{"sakura-naika.toml", "hikari-nursing.toml"} {
		p := example(t, name)
		for file, svg := range Files(p, p.In("en"), testtemplates.Messages(t)) {
			golden := filepath.Join("testdata", p.Clinic.ID+"-"+file)
			if *update {
				if err := os.WriteFile(golden, svg, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != string(svg) {
				t.Errorf("%s differs from %s (run go test -update and look at the SVG)", file, golden)
			}
		}
	}
}

// TestSVGEscapesProfileText checks that markup in profile values stays
// text and the SVG stays well-formed XML.
func TestSVGEscapesProfileText(t *testing.T) {
	p := example(t, "sakura-naika.toml")
	evil := `</text><script>alert(1)</script><text x="0">&amp;"'`
	p.Vendors[0].Name = evil
	p.Staff[1].Name = evil
	p.Contacts[0].Name = evil
	for file, svg := range Files(p, p.In("en"), testtemplates.Messages(t)) {
		s := string(svg)
		if strings.Contains(s, "<script") || strings.Contains(s, `<text x="0">`) {
			t.Errorf("%s: profile markup became SVG", file)
		}
		if !strings.Contains(s, "&lt;script&gt;") {
			t.Errorf("%s: escaped name missing", file)
		}
		d := xml.NewDecoder(strings.NewReader(s))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: not well-formed: %v", file, err)
				}
				break
			}
		}
	}
}

func TestWrapKeepsTextInsideTheBox(t *testing.T) {
	tests := []struct {
		s string
		w int
	}{
		{"厚生労働省 医政局 特定医薬品開発支援・医療情報担当参事官室", 200},
		{"株式会社ものすごく長い名前のシステムインテグレーションサービス", 120},
		{"https://www.example.jp/a/very/long/path/without/spaces/at/all", 150},
		{"短い", 100},
	}
	for _, tt := range tests {
		lines := wrap(tt.s, tt.w, fontSize)
		if strings.Join(lines, "") != strings.Join(strings.Fields(tt.s), " ") {
			t.Errorf("wrap(%q) lost text: %q", tt.s, lines)
		}
		for _, l := range lines {
			if textWidth(l, fontSize) > float64(tt.w) {
				t.Errorf("wrap(%q): line %q is %.0f wide, box %d", tt.s, l, textWidth(l, fontSize), tt.w)
			}
			if strings.ContainsRune(noLineStart, []rune(l)[0]) {
				t.Errorf("wrap(%q): line %q starts with closing punctuation", tt.s, l)
			}
		}
	}
}

func TestRoles(t *testing.T) {
	p := example(t, "sakura-naika.toml")
	m := Roles(p, "ja", testtemplates.Messages(t))
	if len(m.Roles) != len(profile.RoleKinds) || len(m.Rows) != len(p.Staff) {
		t.Fatalf("matrix %d×%d", len(m.Rows), len(m.Roles))
	}
	// 佐藤 holds 安全管理責任者 (column 0), 伊藤 deputises it.
	if m.Rows[0].Cells[0] != "◎" || m.Rows[1].Cells[0] != "○" || m.Rows[3].Cells[0] != "" {
		t.Errorf("column 0 = %q %q %q", m.Rows[0].Cells[0], m.Rows[1].Cells[0], m.Rows[3].Cells[0])
	}
	for _, c := range m.Roles {
		if !c.Held {
			t.Errorf("%s is held in the example", c.Kind)
		}
	}
}

// TestWordingIsData checks that every fixed text of the charts and the role
// matrix comes from the message files, in both languages: none is missing
// (a missing message shows as "[lang:key]") and an overlay's wording
// replaces the built-in one.
func TestWordingIsData(t *testing.T) {
	p := example(t, "sakura-naika.toml")
	m := testtemplates.Messages(t)
	for _, lang := range []string{"ja", "en"} {
		for _, c := range Chains(p, lang, m) {
			if s := string(c.SVG()); strings.Contains(s, "["+lang+":") {
				t.Errorf("%s %s: a message is missing: %s", lang, c.ID, s[strings.Index(s, "["+lang+":"):][:40])
			}
		}
		for _, c := range Roles(p, lang, m).Roles {
			if strings.HasPrefix(c.Short, "[") || c.Label == "" {
				t.Errorf("%s %s: heading %q, label %q", lang, c.Kind, c.Short, c.Label)
			}
		}
	}
	over := fstest.MapFS{"messages/chart.ja.toml": {Data: []byte("[chain]\nattack = \"不正アクセスが疑われるとき\"\n[role.auditor]\nshort = \"監査\"\n")}}
	m, err := fragment.LoadMessages(fragment.Layer{Name: "templates", FS: os.DirFS("../../templates")}, fragment.Layer{Name: "over", FS: over})
	if err != nil {
		t.Fatal(err)
	}
	if got := Chains(p, "ja", m)[0].Title; got != "不正アクセスが疑われるとき" {
		t.Errorf("overlay title = %q", got)
	}
	rm := Roles(p, "ja", m)
	if got := rm.Roles[len(rm.Roles)-1].Short; got != "監査" {
		t.Errorf("overlay heading = %q", got)
	}
}
