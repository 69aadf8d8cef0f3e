package site

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/internal/testtemplates"
	"github.com/anzen-dev/anzen/generator/report"
)

func TestProject(t *testing.T) {
	evil := "\"\"\"\n[params]\ninjected = true\n+++"
	res := &assemble.Result{Documents: []assemble.Document{{
		DocumentInfo: fragment.DocumentInfo{ID: "basic-policy", Title: evil, Summary: "要約"},
		Markdown:     "## 目的 {#p}\n\n本文\n",
	}}}
	files, err := Content(res, nil, &report.Report{Clinic: report.Clinic{ID: "c", Name: evil}}, map[string][]byte{"contact-x.svg": []byte("<svg/>")}, "| キー |\n| --- |\n", testtemplates.Messages(t))
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

// TestHandbookPDFInThemeData: the theme links to handbook.pdf only when the
// build writes it.
func TestHandbookPDFInThemeData(t *testing.T) {
	res := &assemble.Result{Documents: []assemble.Document{{
		DocumentInfo: fragment.DocumentInfo{ID: "basic-policy", Title: "基本方針"},
		Markdown:     "## 目的 {#p}\n\n本文\n",
	}}}
	for _, tt := range []struct {
		opts []ContentOption
		want bool
	}{{nil, false}, {[]ContentOption{WithHandbookPDF()}, true}} {
		files, err := Content(res, nil, &report.Report{Clinic: report.Clinic{ID: "c", Name: "c"}}, nil, "", testtemplates.Messages(t), tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		var data struct {
			PDF bool `json:"pdf"`
		}
		if err := json.Unmarshal(files[ThemeData], &data); err != nil {
			t.Fatal(err)
		}
		if data.PDF != tt.want {
			t.Errorf("pdf = %v, want %v", data.PDF, tt.want)
		}
	}
}
