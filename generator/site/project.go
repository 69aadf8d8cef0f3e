// Package site writes a clinic's documents as a Hugo project and builds it
// with Hugo as a library. It is the only package that imports Hugo, whose Go
// API changes between releases.
package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/report"
)

// ThemeName is the directory of the theme under themes/.
const ThemeName = "anzen"

// ThemeData is the project file holding the part of the report the theme
// reads, as hugo.Data.anzen.
const ThemeData = "data/anzen.json"

// PrintData is the project file that tells the theme, as
// hugo.Data.anzen_print, that the site will have the handbooks' PDFs
// (handbook.pdf and emergency-card.pdf beside each handbook.html), to
// link them. Without it the site links none.
const PrintData = "data/anzen_print.json"

// themeData is the part of the report the theme reads. It holds nothing
// else: when anzen serve rebuilds, Hugo renders again every page that
// reads it if it changed, so a change the theme does not show (a phone
// number in the documents, a section's fingerprint) must leave it as it
// was.
type themeData struct {
	Clinic struct {
		Name    string `json:"name"`
		NameEn  string `json:"name_en,omitempty"`
		TypeJa  string `json:"type_ja"`
		Address string `json:"address,omitempty"`
	} `json:"clinic"`
	Policy        report.Policy        `json:"policy"`
	Staff         []report.StaffMember `json:"staff"`
	AsOf          string               `json:"as_of"`
	Findings      []findings.Finding   `json:"findings"`
	FindingCounts map[string]int       `json:"finding_counts"`
	Refs          []report.Ref         `json:"refs"`
	Brand         *report.Brand        `json:"brand,omitempty"`
	// PDF says the build also prints the handbook to handbook.pdf at the
	// site's root, for the site to link to.
	PDF bool `json:"pdf,omitempty"`
	// Docs are the documents in their order, by language: the theme's
	// lists and links read them here rather than from the pages, so that
	// an edit of one document re-renders only the pages that show it.
	Docs map[string][]docEntry `json:"docs"`
}

// docEntry is a document in the theme's lists.
type docEntry struct {
	Doc     string `json:"doc"`
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
}

// ContentOption configures Content.
type ContentOption func(*contentConfig)

type contentConfig struct {
	pdf      bool
	deferred bool
}

// WithHandbookPDF tells the site that the build writes handbook.pdf at
// its root, so its pages link to it.
func WithHandbookPDF() ContentOption { return func(c *contentConfig) { c.pdf = true } }

// WithDeferredHandbooks writes the handbook pages so that Hugo does not
// render them: a preview renders them only when one is asked for (see
// Handbooks), since every edit changes them and they are the largest
// pages.
func WithDeferredHandbooks() ContentOption { return func(c *contentConfig) { c.deferred = true } }

// handbookPages are the project's handbook pages, by slash path, and the
// site's pages they make.
var handbookPages = map[string]string{
	ContentPath("handbook.md"):    "handbook.html",
	ContentPath("handbook.en.md"): "en/handbook.html",
}

// HandbookOutputs are the site's handbook pages, by slash path.
func HandbookOutputs() []string { return slices.Sorted(maps.Values(handbookPages)) }

// Handbooks returns the handbook pages of a project that Content made
// WithDeferredHandbooks, as pages Hugo renders: the project with them
// replaced renders its handbooks too.
func Handbooks(files map[string][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name := range handbookPages {
		data, ok := files[name]
		if !ok {
			continue
		}
		fm, body, err := splitPage(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		delete(fm.Build, "render")
		if out[name], err = encodePage(fm, body); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return out, nil
}

// docEntries lists res's documents as their pages in lang title them.
func docEntries(res *assemble.Result, lang string) []docEntry {
	docs := make([]docEntry, len(res.Documents))
	for i := range res.Documents {
		fm := documentPage(&res.Documents[i], 0, lang)
		docs[i] = docEntry{Doc: res.Documents[i].ID, Title: fm.Title, Summary: fm.Summary}
	}
	return docs
}

// encodePage is a page's file: TOML front matter between +++ lines, then
// the body.
func encodePage(fm frontMatter, body string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("+++\n")
	if err := toml.NewEncoder(&b).Encode(fm); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("+++\n")
	b.WriteString(body)
	return b.Bytes(), nil
}

// splitPage reads back a page encodePage wrote.
func splitPage(data []byte) (frontMatter, string, error) {
	var fm frontMatter
	rest, ok := bytes.CutPrefix(data, []byte("+++\n"))
	head, body, ok2 := bytes.Cut(rest, []byte("+++\n"))
	if !ok || !ok2 {
		return fm, "", errors.New("no front matter")
	}
	_, err := toml.Decode(string(head), &fm)
	return fm, string(body), err
}

// Static returns the files of the Hugo project that do not depend on the
// clinic's documents: the theme (under themes/anzen/) and the fixed pages
// (under content/guide/). A builder reads them once for every clinic.
func Static(theme, content fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	// copyTree copies a tree, each file to where(its path).
	copyTree := func(src fs.FS, isTheme bool, where func(string) string) error {
		return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasPrefix(path.Base(p), ".") {
				return nil
			}
			if isTheme && themeConfig(p) {
				return fmt.Errorf("%s: a theme overlay cannot carry Hugo configuration (module imports, security)", p)
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			files[where(p)] = b
			return nil
		})
	}
	if err := copyTree(theme, true, func(p string) string { return path.Join("themes", ThemeName, p) }); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if err := copyTree(content, false, func(p string) string { return ContentPath(path.Join("guide", p)) }); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return files, nil
}

// themeConfig tells whether p, a path in the theme, is a file Hugo reads
// as the theme's configuration.
func themeConfig(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	base := strings.TrimSuffix(first, path.Ext(first))
	return base == "hugo" || base == "config"
}

// ContentPath is where the page named name ("bcp.md", "bcp.en.md",
// "_index.md", "guide/glossary.md") lives in the project: in a folder of
// its own (a leaf bundle) under its language's content directory, as
// content/ja/bcp/index.md or content/en/bcp/index.md. Hugo v0.165.0
// re-reads at most one changed file per folder when it rebuilds, so the
// preview server, which rebuilds after a profile edit changes many pages at
// once, needs each page in a folder of its own. The built site is the same
// either way (page.html with uglyURLs).
func ContentPath(name string) string {
	lang := "ja"
	if base, ok := strings.CutSuffix(name, ".en.md"); ok {
		lang, name = "en", base+".md"
	}
	dir, file := path.Split(name)
	page, ok := strings.CutSuffix(file, ".md")
	switch {
	case !ok:
		return path.Join("content", lang, name)
	case page == "_index":
		return path.Join("content", lang, dir, "_index.md")
	}
	return path.Join("content", lang, dir, page, "index.md")
}

// Config returns hugo.toml for a clinic: the site skeleton's hugo.toml
// with the site title set to the clinic's name.
func Config(skeleton []byte, title string) ([]byte, error) {
	var keys map[string]any
	if _, err := toml.Decode(string(skeleton), &keys); err != nil {
		return nil, fmt.Errorf("hugo.toml: %w", err)
	}
	if _, ok := keys["module"]; ok {
		return nil, errors.New("hugo.toml: [module] is not allowed: a site overlay cannot import Hugo modules (they are fetched with go and git)")
	}
	var head bytes.Buffer
	if err := toml.NewEncoder(&head).Encode(map[string]string{"title": title}); err != nil {
		return nil, err
	}
	return append(head.Bytes(), skeleton...), nil
}

type frontMatter struct {
	Title   string         `toml:"title"`
	Weight  int            `toml:"weight,omitempty"`
	Layout  string         `toml:"layout,omitempty"`
	Summary string         `toml:"summary,omitempty"`
	Params  map[string]any `toml:"params,omitempty"`
	// Build keeps a page out of the site's page lists (the handbook).
	Build map[string]string `toml:"build,omitempty"`
}

// Brand returns the project files that brand a site for the vendor that
// prepared it: the logo as an asset, and a style sheet that sets the
// accent colour (validated as #rrggbb, so it is safe in CSS). Nil without a
// brand.
func Brand(b *profile.Brand) map[string][]byte {
	if b == nil {
		return nil
	}
	files := map[string][]byte{}
	if b.LogoData != nil {
		files[path.Join("assets", report.LogoAsset(b.LogoType))] = b.LogoData
	}
	if b.Color != "" {
		files["assets/css/brand.css"] = fmt.Appendf(nil, ":root { --accent: %s; }\n", strings.ToLower(b.Color))
	}
	return files
}

// referencePages are the pages of the site that are not documents: each
// is laid out by the theme layout of its name.
var referencePages = []struct {
	name   string
	weight int
}{
	{"search", 9500},
	{"findings", 9000},
	{"traceability", 10000},
}

// Content returns the generated files of a clinic's Hugo project, by slash
// path relative to its root: a page per document, the home, findings and
// traceability pages, the report as site data, and the charts (SVG, by
// file name) as assets the chart shortcode inlines. The pages that are not
// documents are titled by the messages site.* of msgs. The result is the
// same for the same input.
func Content(res, en *assemble.Result, rep *report.Report, charts map[string][]byte, keys string, msgs *fragment.Messages, opts ...ContentOption) (map[string][]byte, error) {
	c := &project{files: map[string][]byte{}, msgs: msgs}
	for _, o := range opts {
		o(&c.cfg)
	}
	for name, svg := range charts {
		c.files[path.Join("assets", "charts", name)] = svg
	}
	if err := c.pages(res, "ja", rep.Clinic.Name); err != nil {
		return nil, err
	}
	// The key reference is for whoever maintains the profile: the theme
	// keeps pages marked editor out of the staff's lists.
	if err := c.page("guide/profile-keys.md", frontMatter{Title: c.text("ja", "keys.title"), Weight: 900, Params: map[string]any{"editor": true}},
		c.text("ja", "keys.intro")+"\n\n"+keys); err != nil {
		return nil, err
	}
	if err := c.reference("ja"); err != nil {
		return nil, err
	}
	if en != nil {
		// The English site: the same documents, from the English
		// fragments where they exist.
		if err := c.pages(en, "en", rep.Clinic.Name); err != nil {
			return nil, err
		}
		if err := c.reference("en"); err != nil {
			return nil, err
		}
		idx, err := searchIndex(en)
		if err != nil {
			return nil, err
		}
		c.files["assets/search-index.en.js"] = idx
	}
	if err := c.data(rep, res, en); err != nil {
		return nil, err
	}
	idx, err := searchIndex(res)
	if err != nil {
		return nil, err
	}
	c.files["assets/search-index.js"] = idx
	return c.files, nil
}

// project collects the generated files of a clinic's Hugo project, by
// slash path.
type project struct {
	files map[string][]byte
	cfg   contentConfig
	msgs  *fragment.Messages
}

// text is the message site.<key> in a language.
func (c *project) text(lang, key string) string { return c.msgs.Text(lang, "site."+key) }

// page adds a content page by its name under content/ (bcp.md, bcp.en.md:
// see ContentPath), with its front matter.
func (c *project) page(name string, fm frontMatter, body string) error {
	data, err := encodePage(fm, body)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	c.files[ContentPath(name)] = data
	return nil
}

// suffix is the end of a page's name before .md in a language: "" for
// Japanese, ".en" for English.
func suffix(lang string) string {
	if lang == "en" {
		return ".en"
	}
	return ""
}

// pages adds the home page, titled with the clinic's name, and a page per
// document of one language's site, in the documents' order.
func (c *project) pages(docs *assemble.Result, lang, clinic string) error {
	sfx := suffix(lang)
	if err := c.page("_index"+sfx+".md", frontMatter{Title: clinic}, ""); err != nil {
		return err
	}
	for i := range docs.Documents {
		d := &docs.Documents[i]
		if err := c.page(d.ID+sfx+".md", documentPage(d, (i+1)*10, lang), d.Markdown); err != nil {
			return err
		}
	}
	return nil
}

// documentPage is the front matter of a document's page in a language.
// An English page is titled in English where the document has an English
// title, and names the Japanese one; a Japanese page names the English.
func documentPage(d *assemble.Document, weight int, lang string) frontMatter {
	if lang != "en" {
		return frontMatter{Title: d.Title, Weight: weight, Summary: d.Summary,
			Params: map[string]any{"doc": d.ID, "title_en": d.TitleEn, "print": d.Print}}
	}
	return frontMatter{Title: cmp.Or(d.TitleEn, d.Title), Weight: weight, Summary: d.SummaryEn,
		Params: map[string]any{"doc": d.ID, "title_ja": d.Title, "print": d.Print}}
}

// reference adds one language's pages that the theme lays out from the
// report (search, findings, traceability) and its handbook.
func (c *project) reference(lang string) error {
	sfx := suffix(lang)
	for _, pg := range referencePages {
		title := c.text(lang, pg.name+".title")
		if err := c.page(pg.name+sfx+".md", frontMatter{Title: title, Weight: pg.weight, Layout: pg.name,
			Params: map[string]any{"doc": pg.name, "nav": "reference"}}, ""); err != nil {
			return err
		}
	}
	// The handbook is a page of the site rather than an output format
	// of the home page: with one output format Hugo renders each
	// document's Markdown once and the handbook reuses it (a second
	// format made it render all of them again, a third of the build).
	build := map[string]string{"list": "never"}
	if c.cfg.deferred {
		build["render"] = "link"
	}
	return c.page("handbook"+sfx+".md", frontMatter{Title: c.text(lang, "handbook.title"), Layout: "handbook", Build: build}, "")
}

// data adds the site data the theme reads: the report's parts it shows
// and the documents in their order, by language (ThemeData), and the
// refs by id (the findings list names them).
func (c *project) data(rep *report.Report, res, en *assemble.Result) error {
	td := themeData{Policy: rep.Policy, Staff: rep.Staff, AsOf: rep.AsOf, Findings: rep.Findings,
		FindingCounts: rep.FindingCounts, Refs: rep.Refs, Brand: rep.Brand, PDF: c.cfg.pdf}
	td.Docs = map[string][]docEntry{"ja": docEntries(res, "ja")}
	if en != nil {
		td.Docs["en"] = docEntries(en, "en")
	}
	td.Clinic.Name, td.Clinic.NameEn, td.Clinic.TypeJa, td.Clinic.Address = rep.Clinic.Name, rep.Clinic.NameEn, rep.Clinic.TypeJa, rep.Clinic.Address
	data, err := json.MarshalIndent(td, "", "  ")
	if err != nil {
		return err
	}
	c.files[ThemeData] = append(data, '\n')
	type refInfo struct {
		Kind    string `json:"kind"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		TitleEn string `json:"title_en,omitempty"`
		Label   string `json:"label,omitempty"`
		LabelEn string `json:"label_en,omitempty"`
	}
	index := struct {
		Refs map[string]refInfo `json:"refs"`
	}{map[string]refInfo{}}
	for _, r := range rep.Refs {
		index.Refs[r.Ref] = refInfo{r.Kind, r.ID, r.Title, r.TitleEn, r.Label, r.LabelEn}
	}
	if data, err = json.Marshal(index); err != nil {
		return err
	}
	c.files["data/anzen_index.json"] = append(data, '\n')
	return nil
}

// searchEntry is one section in the search index.
type searchEntry struct {
	URL      string `json:"u"`
	Document string `json:"d"`
	Section  string `json:"s"`
	Text     string `json:"t"`
}

// searchIndex is every section's plain text as a script that sets
// window.anzenSearch: a script, not JSON, because pages opened from a
// shared folder (file://) may load scripts but not fetch files.
// encoding/json escapes <, > and &, so no text can end the script.
func searchIndex(res *assemble.Result) ([]byte, error) {
	var entries []searchEntry
	for _, d := range res.Documents {
		title := d.Title
		if res.Lang == "en" && d.TitleEn != "" {
			title = d.TitleEn
		}
		for _, s := range d.Sections {
			entries = append(entries, searchEntry{d.ID + ".html#" + s.ID, title, s.Title, s.Text})
		}
	}
	data, err := json.Marshal(entries)
	if err != nil {
		return nil, err
	}
	return append(append([]byte("window.anzenSearch = "), data...), ";\n"...), nil
}
