package assemble

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

func minimal(t *testing.T) *profile.Profile {
	t.Helper()
	data, err := os.ReadFile("../profile/testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Decode("minimal.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// judged is the facts the documents of p are given: its verdicts as of
// its last review (the test fragments show no role matrix or checklist).
func judged(p *profile.Profile) *Facts {
	return &Facts{Verdicts: verdict.Judge(p, p.Policy.LastReview)}
}

func set(t *testing.T, frags map[string]string) *fragment.Set {
	t.Helper()
	m := fstest.MapFS{
		"documents.toml": {Data: []byte("[[documents]]\nid = \"one\"\norder = 1\ntitle = \"文書1\"\n[[documents]]\nid = \"two\"\norder = 2\ntitle = \"文書2\"\n")},
		"refs.toml":      {Data: []byte("[[guidance]]\nid = \"3.1\"\ntitle = \"責任\"\n")},
	}
	// The words of the frame (根拠, ガイダンス …) come from the templates' messages.
	terms, err := os.ReadFile("../../templates/messages/terms.ja.toml")
	if err != nil {
		t.Fatal(err)
	}
	m["messages/terms.ja.toml"] = &fstest.MapFile{Data: terms}
	for name, body := range frags {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	s, err := fragment.Load(fragment.Layer{Name: "t", FS: m})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func frag(id, doc, when, body string) string {
	return "+++\nid = \"" + id + "\"\ndocument = \"" + doc + "\"\ntitle = \"" + id + " の見出し\"\nwhen = '" + when + "'\nrefs = [\"guidance:3.1\"]\n+++\n" + body
}

func TestAssemble(t *testing.T) {
	s := set(t, map[string]string{
		"one/a.md": frag("a", "one", "", "{{ .Clinic.Name }}の方針。\n\n### 詳細\n\n本文。{{ secref \"b\" }}\n"),
		"one/b.md": frag("b", "one", `eq .Clinic.Type "clinic"`, "診療所向け。\n"),
		"one/c.md": frag("c", "one", `eq .Clinic.Type "pharmacy"`, "薬局向け。\n"),
		"two/d.md": frag("d", "two", "", "{{ docref \"one\" }}を見る。\n"),
	})
	p := minimal(t)
	res, err := Assemble(p, s, judged(p))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("documents = %d", len(res.Documents))
	}
	one := res.Documents[0]
	wantMD := "## a の見出し {#a}\n\n根拠 [ガイダンス 3\\.1](traceability.html#ref-guidance-3-1 \"責任\")\n{.refs}\n\nテスト診療所の方針。\n\n### 詳細 {#a-1}\n\n本文。「[b の見出し](one.html#b)」\n\n## b の見出し {#b}\n\n根拠 [ガイダンス 3\\.1](traceability.html#ref-guidance-3-1 \"責任\")\n{.refs}\n\n診療所向け。\n"
	if one.Markdown != wantMD {
		t.Errorf("markdown =\n%q\nwant\n%q", one.Markdown, wantMD)
	}
	if len(res.Skipped) != 1 || res.Skipped[0] != "c" {
		t.Errorf("skipped = %v", res.Skipped)
	}
	if got := res.Trace["guidance:3.1"]; len(got) != 3 {
		t.Errorf("trace = %+v", got)
	}
	if h := one.Headings; len(h) != 3 || h[1].ID != "a-1" || h[1].Text != "詳細" || h[1].Level != 3 {
		t.Errorf("headings = %+v", h)
	}
}

// TestTexts: Texts renders the fragments Assemble keeps, by document, in
// order, and leaves out the ones whose condition does not hold.
func TestTexts(t *testing.T) {
	s := set(t, map[string]string{
		"one/a.md": frag("a", "one", "", "{{ .Clinic.Name }}の方針。\n"),
		"one/b.md": frag("b", "one", `eq .Clinic.Type "clinic"`, "診療所向け。\n"),
		"one/c.md": frag("c", "one", `eq .Clinic.Type "pharmacy"`, "薬局向け。\n"),
		"two/d.md": frag("d", "two", "", "{{ .Clinic.Phone }}\n"),
	})
	p := minimal(t)
	got, err := Texts(p, s, judged(p))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"one": "テスト診療所の方針。\n\n診療所向け。\n\n", "two": "\n\n"}
	if len(got) != len(want) || got["one"] != want["one"] || got["two"] != want["two"] {
		t.Errorf("Texts = %q, want %q", got, want)
	}
}

func TestLint(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty section", "{{ if false }}x{{ end }}", `t/one/a.md: section "a の見出し" is empty`},
		{"skipped heading level", "text\n\n#### deep\n\nmore\n", `heading "deep" skips from level 2 to 4`},
		{"h2 inside a fragment", "text\n\n## other\n\nmore\n", `heading "other" is level 2`},
		{"heading without content", "text\n\n### empty\n\n### next\n\nx\n", `heading "empty" has no content before the next heading`},
		{"raw HTML", "text <b>bold</b>\n", "raw HTML is not rendered"},
		{"HTML block", "<div>\nx\n</div>\n", "raw HTML is not rendered"},
		{"javascript link", "[x](javascript:alert(1))\n", `link "javascript:alert(1)": use anzen:`},
		{"missing document", "[x](anzen:nope)\n", `link "anzen:nope": no document "nope"`},
		{"missing anchor", "[x](anzen:one#nope)\n", `link "anzen:one#nope": document "one" has no section "nope"`},
		{"image", "![x](y.png)\n", "fragments cannot embed images"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := set(t, map[string]string{"one/a.md": frag("a", "one", "", tt.body)})
			p := minimal(t)
			_, err := Assemble(p, s, judged(p))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant %q", err, tt.want)
			}
		})
	}
}

func TestProfileTextStaysText(t *testing.T) {
	p := minimal(t)
	p.Clinic.Name = "## [x](javascript:alert(1)) <script>"
	s := set(t, map[string]string{"one/a.md": frag("a", "one", "", "{{ .Clinic.Name }}\n\n| 名前 |\n| --- |\n| {{ .Clinic.Name }} |\n")})
	res, err := Assemble(p, s, judged(p))
	if err != nil {
		t.Fatal(err)
	}
	md := res.Documents[0].Markdown
	if strings.Contains(md, "](javascript") || strings.Contains(md, "<script>") || strings.Contains(md, "\n## [") {
		t.Errorf("profile text became Markdown:\n%s", md)
	}
}

func TestResolveLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[規程](anzen:regulations)", "[規程](regulations.html#doc-regulations)"},
		{"[節](anzen:incident#incident-first-actions) と [他](anzen:bcp#bcp-drill)", "[節](incident.html#incident-first-actions) と [他](bcp.html#bcp-drill)"},
		{`名前\](anzen:x)`, `名前\](anzen:x)`},      // an escaped ]: text from a profile
		{`名前\\](anzen:x#y)`, `名前\\](x.html#y)`}, // an escaped backslash, then a real ]
		{"[web](https://example.jp)", "[web](https://example.jp)"},
	}
	for _, tt := range tests {
		if got := resolveLinks(tt.in); got != tt.want {
			t.Errorf("resolveLinks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCacheGivesTheSameResult: assembling through a cache, first empty and
// then holding the sections, gives what assembling without one gives, also
// after the profile changed in between.
func TestCacheGivesTheSameResult(t *testing.T) {
	s := set(t, map[string]string{
		"one/a.md": frag("a", "one", "", "{{ .Clinic.Name }}の方針。\n\n### 詳細\n\n本文。{{ secref \"b\" }}\n"),
		"one/b.md": frag("b", "one", "", "{{ .Clinic.Phone }}に連絡する。\n"),
		"two/d.md": frag("d", "two", "", "{{ docref \"one\" }}を見る。\n"),
	})
	p := minimal(t)
	changed := *p
	changed.Clinic.Phone = "03-0000-0000"
	c := NewCache()
	for i, q := range []*profile.Profile{p, p, &changed, p} {
		want, err := Assemble(q, s, judged(q))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Assemble(q, s, judged(q), WithCache(c))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("build %d: the cached result differs", i)
		}
	}
}

// TestPhoneLinksAndTableClasses: telephone numbers become tel: links
// (outside headings, links and code), centred columns become classes
// rather than style attributes, and the search text is the text a reader
// sees, without Markdown's escapes.
func TestPhoneLinksAndTableClasses(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // in the Markdown
		not        []string // not in the Markdown
		text       string   // in the search text
	}{
		{"escaped profile number", `連絡先 {{ "090-2222-3306" }}。`,
			[]string{`[090\-2222\-3306](tel:09022223306)`}, nil, "連絡先 090-2222-3306。"},
		{"fragment number and short number", "警察 #9110、厚労省 03-5253-1111（平日）",
			[]string{"[#9110](tel:%239110)", "[03-5253-1111](tel:0352531111)（平日）"}, nil, ""},
		{"free dial in bold in a table", "| 先 | 電話 |\n| --- | --- |\n| 業者 | **0120-456-799** |\n",
			[]string{"**[0120-456-799](tel:0120456799)**"}, nil, ""},
		{"dates, ids and longer runs are not numbers", "2026-04-01、ver 01-2345-67890、x090-1111-2222、090-1111-22223",
			nil, []string{"tel:"}, "2026-04-01"},
		{"links and code stay", "[090-1111-2222](https://example.jp) `03-1111-2222`",
			nil, []string{"tel:"}, ""},
		{"names with punctuation", `{{ "O'Brien" }}・{{ "Smith & Sons" }}・{{ "e-mail" }}`,
			nil, nil, "O'Brien・Smith & Sons・e-mail"},
		{"centred columns", "| 項目 | 回答 | 備考 |\n| --- | :-: | --: |\n| バックアップ | はい | 毎日の記録を確認する |\n",
			[]string{"| --- | --- | --- |", "{.nw-1 .ac-2 .nw-2 .ar-3 .nw-3}"}, []string{":-:", "--:"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := set(t, map[string]string{"one/a.md": frag("a", "one", "", tt.body+"\n")})
			p := minimal(t)
			res, err := Assemble(p, s, judged(p))
			if err != nil {
				t.Fatal(err)
			}
			md := res.Documents[0].Markdown
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("markdown lacks %q:\n%s", w, md)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(md, w) {
					t.Errorf("markdown has %q:\n%s", w, md)
				}
			}
			if text := res.Documents[0].Sections[0].Text; !strings.Contains(text, tt.text) || strings.Contains(text, `\`) {
				t.Errorf("search text %q, want it to contain %q and no backslash", text, tt.text)
			}
		})
	}
}
