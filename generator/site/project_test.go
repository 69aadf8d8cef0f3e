package site

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/report"
)

func TestProject(t *testing.T) {
	evil := "\"\"\"\n[params]\ninjected = true\n+++"
	res := &assemble.Result{Documents: []assemble.Document{{
		DocumentInfo: fragment.DocumentInfo{ID: "basic-policy", Title: evil, Summary: "要約"},
		Markdown:     "## 目的 {#p}\n\n本文\n",
	}}}
	files, err := Content(res, nil, &report.Report{Clinic: report.Clinic{ID: "c", Name: evil}}, map[string][]byte{"contact-x.svg": []byte("<svg/>")}, "| キー |\n| --- |\n")
	if err != nil {
		t.Fatal(err)
	}
	static, err := Static(fstest.MapFS{"layouts/baseof.html": {Data: []byte("x")}, ".DS_Store": {Data: []byte("junk")}},
		fstest.MapFS{"glossary.md": {Data: []byte("+++\ntitle = \"用語集\"\n+++\n")}})
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(files, static)
	if files["hugo.toml"], err = Config([]byte("theme = \"anzen\"\n"), evil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"hugo.toml", "content/ja/_index.md", "content/ja/basic-policy/index.md", "content/ja/traceability/index.md", "data/anzen.json", "themes/anzen/layouts/baseof.html", "content/ja/guide/glossary/index.md", "assets/charts/contact-x.svg", "content/ja/guide/profile-keys/index.md"} {
		if _, ok := files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	if _, ok := files["themes/anzen/.DS_Store"]; ok {
		t.Error("dot files are copied")
	}
	var cfg map[string]any
	if _, err := toml.Decode(string(files["hugo.toml"]), &cfg); err != nil {
		t.Fatalf("hugo.toml: %v", err)
	}
	if cfg["title"] != evil || cfg["theme"] != "anzen" || cfg["params"] != nil {
		t.Errorf("hugo.toml = %v", cfg)
	}
	page := string(files["content/ja/basic-policy/index.md"])
	fm, body, ok := strings.Cut(strings.TrimPrefix(page, "+++\n"), "\n+++\n")
	if !ok {
		t.Fatalf("no front matter end in %q", page)
	}
	var meta map[string]any
	if _, err := toml.Decode(fm, &meta); err != nil {
		t.Fatalf("front matter: %v\n%s", err, fm)
	}
	if meta["title"] != evil || meta["injected"] != nil {
		t.Errorf("front matter = %v", meta)
	}
	if body != "## 目的 {#p}\n\n本文\n" {
		t.Errorf("body = %q", body)
	}
}

func TestContentPath(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"bcp.md", "content/ja/bcp/index.md"},
		{"bcp.en.md", "content/en/bcp/index.md"},
		{"_index.md", "content/ja/_index.md"},
		{"_index.en.md", "content/en/_index.md"},
		{"guide/glossary.md", "content/ja/guide/glossary/index.md"},
		{"guide/glossary.en.md", "content/en/guide/glossary/index.md"},
		{"guide/figure.png", "content/ja/guide/figure.png"},
	} {
		if got := ContentPath(tt.name); got != tt.want {
			t.Errorf("ContentPath(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKeepTogether(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<td>090-1111-2202</td>`, `<td><span class="nw">090-1111-2202</span></td>`},
		{`<p>伊藤 美香 090-1111-2202、つながらなければ 03-5253-1111</p>`,
			`<p>伊藤 美香 <span class="nw">090-1111-2202</span>、つながらなければ <span class="nw">03-5253-1111</span></p>`},
		{`<td>0120-555-911（平日）</td>`, `<td><span class="nw">0120-555-911</span>（平日）</td>`},
		// Not in charts, styles or attributes; not in longer numbers.
		{`<svg><text x="1">090-1111-2202</text></svg><p title="090-1111-2202">x</p>`, `<svg><text x="1">090-1111-2202</text></svg><p title="090-1111-2202">x</p>`},
		{`<style>a > b { }</style><p>2026-04-01 12-34-5678 #9110</p>`, `<style>a > b { }</style><p>2026-04-01 12-34-5678 #9110</p>`},
	}
	for _, tt := range tests {
		if got := string(KeepTogether([]byte(tt.in))); got != tt.want {
			t.Errorf("KeepTogether(%s)\n = %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
