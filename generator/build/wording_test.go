package build

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/fragment"
)

// docPage is one document of one clinic in one language, as assembled.
type docPage struct {
	clinic, lang, doc, md string
}

var (
	pagesOnce sync.Once
	pagesList []docPage
	pagesErr  error
)

// pages builds every example and test clinic and returns its documents in
// both languages, and the fixed pages that go with them; the tests of
// this file share one build.
func pages(t *testing.T) []docPage {
	t.Helper()
	pagesOnce.Do(func() { pagesList, pagesErr = buildPages(t) })
	if pagesErr != nil {
		t.Fatal(pagesErr)
	}
	return pagesList
}

func buildPages(t *testing.T) ([]docPage, error) {
	b, err := New()
	if err != nil {
		return nil, err
	}
	var out []docPage
	for _, p := range append(examples(t), testClinics(t)...) {
		o, err := b.Generate(p)
		if err != nil {
			return nil, err
		}
		for lang, res := range map[string]*assemble.Result{"ja": o.Docs, "en": o.DocsEn} {
			for _, d := range res.Documents {
				out = append(out, docPage{p.Clinic.ID, lang, d.ID, d.Markdown})
			}
		}
		for name, data := range o.Content {
			if !strings.HasPrefix(name, "content/") || strings.Contains(name, "/guide/") || !strings.HasSuffix(name, ".md") {
				continue
			}
			lang := "ja"
			if strings.HasPrefix(name, "content/en/") {
				lang = "en"
			}
			out = append(out, docPage{p.Clinic.ID, lang, name, string(data)})
		}
	}
	return out, nil
}

// prose is a page's Markdown without its front matter and without the
// basis lines under the headings (links to the traceability page).
func prose(md string) string {
	if rest, ok := strings.CutPrefix(md, "+++\n"); ok {
		if _, body, ok := strings.Cut(rest, "\n+++\n"); ok {
			md = body
		}
	}
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "根拠 [") || strings.HasPrefix(line, "Basis [") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// doubled finds a word written twice around a separator, as a template
// prints a role or a title next to a text that already holds it:
// 「システム運用担当者 システム運用担当者（…）」, 「責任分界表（「責任分界表…」,
// 「代理：代理者未指定」. A run of kanji or katakana of at least min
// letters that ends before the separator and starts the text after it
// is doubled; a name that only ends with the word after it
// (株式会社メディクラウド（メディクラウド サポート）) is not.
func doubled(s string) string {
	seps := []struct {
		sep string
		min int
	}{{" ", 3}, {"（", 3}, {"（「[", 3}, {"（「", 3}, {"：", 2}, {"・", 3}, {"、", 4}}
	word := func(r rune) bool {
		return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
	}
	for _, sp := range seps {
		for i := 0; ; {
			j := strings.Index(s[i:], sp.sep)
			if j < 0 {
				break
			}
			at := i + j
			before := []rune(s[:at])
			after := []rune(s[at+len(sp.sep):])
			n := 0
			for n < len(before) && word(before[len(before)-1-n]) {
				n++
			}
			left := before[len(before)-n:]
			// The whole word before the separator starts the text after
			// it: as a word of its own, or, after a label's colon, as the
			// start of a longer one (代理：代理者).
			k := len(left)
			if k >= sp.min && k <= len(after) && string(left) == string(after[:k]) &&
				(sp.sep == "：" || k == len(after) || !word(after[k])) {
				return string(left) + sp.sep + string(after[:min(len(after), k+4)])
			}
			i = at + len(sp.sep)
		}
	}
	return ""
}

// TestDoubled checks the doubled-word finder on the quotes of issue 14
// and on text that only looks alike.
func TestDoubled(t *testing.T) {
	for s, want := range map[string]bool{
		"補足（システム運用担当者 システム運用担当者（伊藤 美香） の担当）":        true,
		"責任分界表（「[責任分界表（通常時・非常時）](vendors.html#x)」）": true,
		"代理：代理者未指定": true,
		"院内NAS（スタッフルーム）、USB HDD（院長宅）、院内NAS（スタッフルーム）": false, // not a run: NAS is Latin
		"第三者提供記録（様式）":                  false,
		"システム運用担当者（伊藤 美香、代理：中村 拓也）":    false,
		"バックアップ（保管場所：院内）":              false,
		"電子処方箋（電子処方箋管理サービスとの連携機能）":     false,
		"株式会社メディクラウド（メディクラウド サポートデスク）": false,
		"厚生労働省：厚生労働省 医政局":              true,
	} {
		if got := doubled(s) != ""; got != want {
			t.Errorf("doubled(%q) = %q, want found %v", s, doubled(s), want)
		}
	}
}

// handbookNames are names for the handbook other than the one it uses
// (この手引き, "this handbook").
var handbookNames = map[string]*regexp.Regexp{
	"ja": regexp.MustCompile(`この手帳|このハンドブック|本文書集|この文書集|本手引き|本ハンドブック|印刷用ハンドブック`),
	"en": regexp.MustCompile(`(?i)this document set|this set of documents|this booklet|this manual`),
}

// isoDate is a date written 2026-04-01 (escaped in Markdown as
// 2026\-04\-01): the Japanese pages write 2026年4月1日.
var isoDate = regexp.MustCompile(`\b(?:19|20)\d\d\\?-\d\d?\\?-\d\d?\b`)

// circled is a checklist number with a circled digit (2-⑥); the
// documents write 2-6.
var circled = regexp.MustCompile(`\d[-‐－][①-⑳]`)

// crossRef is a link to a section or document of the handbook.
var crossRef = regexp.MustCompile(`\[((?:[^\]\\]|\\.)+)\]\(([a-z0-9-]+)\.html#[^)\s]+\)`)

// TestDocumentWording lints the assembled documents of every example and
// test clinic, in both languages, for the wording issue 14 found: a word
// printed twice, the annex cited as "annex" in Japanese, more than one
// name for the handbook, ISO dates and circled item numbers in Japanese
// prose, and section titles spliced into a sentence without quotation
// marks.
func TestDocumentWording(t *testing.T) {
	for _, pg := range pages(t) {
		where := pg.clinic + " " + pg.lang + " " + pg.doc
		md := prose(pg.md)
		if m := handbookNames[pg.lang].FindString(md); m != "" {
			t.Errorf("%s: the handbook is called %q (write %s)", where, m, map[string]string{"ja": "この手引き", "en": "this handbook"}[pg.lang])
		}
		if m := circled.FindString(md); m != "" {
			t.Errorf("%s: checklist number %q (write 2-6)", where, m)
		}
		if pg.lang != "ja" {
			continue
		}
		if d := doubled(md); d != "" {
			t.Errorf("%s: a word printed twice: %q", where, d)
		}
		if strings.Contains(strings.ToLower(md), "annex") {
			t.Errorf("%s: \"annex\" in Japanese text (write 別添)", where)
		}
		if m := isoDate.FindString(md); m != "" {
			t.Errorf("%s: date %q in Japanese prose (write 2026年4月1日)", where, m)
		}
		if !strings.HasPrefix(pg.doc, "content/") {
			for _, loc := range crossRef.FindAllStringIndex(md, -1) {
				if !strings.HasSuffix(md[:loc[0]], "「") || !strings.HasPrefix(md[loc[1]:], "」") {
					t.Errorf("%s: cross-reference %q is not quoted 「…」", where, md[loc[0]:loc[1]])
				}
			}
		}
	}
}

// TestDocumentWordingEnglish checks that the English documents quote
// the titles of the sections and documents they refer to.
func TestDocumentWordingEnglish(t *testing.T) {
	for _, pg := range pages(t) {
		if pg.lang != "en" || strings.HasPrefix(pg.doc, "content/") {
			continue
		}
		md := prose(pg.md)
		for _, loc := range crossRef.FindAllStringIndex(md, -1) {
			if !strings.HasSuffix(md[:loc[0]], "“") || !strings.HasPrefix(md[loc[1]:], "”") {
				t.Errorf("%s %s: cross-reference %q is not quoted “…”", pg.clinic, pg.doc, md[loc[0]:loc[1]])
			}
		}
		for _, w := range []string{"cyber attack", "Cyber attack"} {
			if strings.Contains(md, w) {
				t.Errorf("%s %s: %q (write cyberattack)", pg.clinic, pg.doc, w)
			}
		}
	}
}

// TestNoListItemSwallowsAParagraph parses every document and fails when
// a line of a list item's paragraph starts at the margin: a paragraph
// the template meant to stand alone that a trim joined onto the last
// item (a lazy continuation line).
func TestNoListItemSwallowsAParagraph(t *testing.T) {
	for _, pg := range pages(t) {
		if strings.HasPrefix(pg.doc, "content/") {
			continue
		}
		src := []byte(pg.md)
		doc := fragment.Goldmark.Parser().Parse(text.NewReader(src))
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			item, ok := n.(*ast.ListItem)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			for c := item.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
					continue
				}
				lines := c.Lines()
				for i := 1; i < lines.Len(); i++ {
					seg := lines.At(i)
					start := seg.Start
					for start > 0 && src[start-1] != '\n' {
						start--
					}
					if seg.Start == start {
						t.Errorf("%s %s %s: a list item swallows the line %q", pg.clinic, pg.lang, pg.doc, strings.TrimSpace(string(seg.Value(src))))
					}
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

// ackRow is a row of the handbook's sign-off sheet: name, then job.
var ackRow = regexp.MustCompile(`<tr><td>([^<]+)</td><td>([^<]*)</td><td class="sign">`)

// TestHandbookWording builds the examples' handbooks and checks what the
// theme prints there: the sign-off sheet names a job once (受付・医療事務,
// not 医療事務・受付・医療事務), and the Japanese handbook writes no ISO
// date (the cover, the page headers and the history included).
func TestHandbookWording(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	tags := regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<svg.*?</svg>|<[^>]+>`)
	iso := regexp.MustCompile(`\b(?:19|20)\d\d-\d\d-\d\d\b`)
	for _, p := range examples(t) {
		res, err := b.Clinic(context.Background(), p, out)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"handbook.html", "en/handbook.html"} {
			data, err := os.ReadFile(filepath.Join(res.Dir, "site", name))
			if err != nil {
				t.Fatal(err)
			}
			page := string(data)
			_, ack, ok := strings.Cut(page, `id="doc-acknowledgement"`)
			rows := ackRow.FindAllStringSubmatch(ack, -1)
			if !ok || len(rows) < len(p.Staff) {
				t.Fatalf("%s %s: %d rows on the sign-off sheet for %d staff", p.Clinic.ID, name, len(rows), len(p.Staff))
			}
			for _, r := range rows {
				seen := map[string]bool{}
				for _, part := range regexp.MustCompile(`・|, `).Split(html.UnescapeString(r[2]), -1) {
					if seen[part] {
						t.Errorf("%s %s: %s's job is %q", p.Clinic.ID, name, r[1], r[2])
					}
					seen[part] = true
				}
			}
			if name == "handbook.html" {
				if m := iso.FindString(html.UnescapeString(tags.ReplaceAllString(page, " "))); m != "" {
					t.Errorf("%s %s: date %q (write 2026年4月1日)", p.Clinic.ID, name, m)
				}
			}
		}
		// Every reference tag of the findings says what it refers to (a
		// section id such as 2.1 once printed an empty tag).
		for _, name := range []string{"findings.html", "en/findings.html", "handbook.html"} {
			data, err := os.ReadFile(filepath.Join(res.Dir, "site", name))
			if err != nil {
				t.Fatal(err)
			}
			if m := emptyRef.FindString(string(data)); m != "" {
				t.Errorf("%s %s: an empty reference tag: %s", p.Clinic.ID, name, m)
			}
		}
	}
}

// emptyRef is a reference tag with no text.
var emptyRef = regexp.MustCompile(`<span class="ref"[^>]*>\s*</span>`)
