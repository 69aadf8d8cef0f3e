package fragment

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
)

var seeds = []string{
	"さくら内科クリニック",
	"<script>alert(1)</script>",
	"[x](javascript:alert(1))",
	"![img](http://evil.example/x.png)",
	"{{ .Clinic }} {{< shortcode >}} {{% x %}}",
	"# heading\n- list\n> quote\n```\ncode\n```",
	"| a | b |\n| --- | --- |",
	"**bold** _it_ ~~del~~ `code` \\",
	"www.example.com https://example.com <https://x.example>",
	"&amp; &#x3c; &lt;",
	"\u202eevil\u200f \u202e ＜全角＞",
	"line1\r\nline2\u2028line3",
	"    indented code",
	"1. one\n2) two",
	"a\\\nb",
	"{#id .class}",
	"<!-- comment --> <?php ?> <![CDATA[x]]>",
	"\x00\x01\x1b[31m",
}

// visible is what a reader should see for a profile value: control and
// separator characters as single spaces, trimmed.
func visible(s string) string {
	return strings.Join(strings.FieldsFunc(s, separator), " ")
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// FuzzEscapeString checks that an escaped value renders as exactly its
// text: one paragraph, no other element, nothing lost or added.
func FuzzEscapeString(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) {
			return // profiles are UTF-8; the decoder rejects the rest
		}
		esc := EscapeString(s)
		var b bytes.Buffer
		if err := Goldmark.Convert([]byte("x "+esc+" x"), &b); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSpace(b.String())
		if !strings.HasPrefix(out, "<p>") || !strings.HasSuffix(out, "</p>") || strings.Count(out, "<") != 2 {
			t.Fatalf("EscapeString(%q) = %q renders as %q", s, esc, out)
		}
		text := html.UnescapeString(tagRE.ReplaceAllString(out, ""))
		if want := "x " + visible(s) + " x"; text != want {
			t.Fatalf("EscapeString(%q) renders as text %q, want %q", s, text, want)
		}
	})
}

// FuzzLink checks that a profile address becomes either plain text or one
// link to an http(s) address.
func FuzzLink(f *testing.F) {
	for _, s := range append(seeds, "https://www.mhlw.go.jp/", "http://x.example/a?b=c#d", "https://x.example/>)") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) {
			return
		}
		var b bytes.Buffer
		if err := Goldmark.Convert([]byte(Link(s)), &b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		switch strings.Count(out, "<a ") {
		case 0:
		case 1:
			if !regexp.MustCompile(`^<p><a href="https?://[^"]*">[^<]*</a></p>\n$`).MatchString(out) {
				t.Fatalf("Link(%q) renders as %q", s, out)
			}
		default:
			t.Fatalf("Link(%q) renders as %q", s, out)
		}
		if strings.Contains(out, "<script") || strings.Contains(out, "<img") {
			t.Fatalf("Link(%q) renders as %q", s, out)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\ufffd") == s }
