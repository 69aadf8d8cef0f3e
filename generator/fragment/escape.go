package fragment

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Goldmark parses and renders Markdown the way the site's Hugo
// configuration does (site/hugo.toml): GFM tables, strikethrough, linkify,
// CJK line breaking, heading attributes, raw HTML not rendered. Fragments
// are linted with it and escaping is checked against it.
var Goldmark = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.CJK),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// Markdown is trusted Markdown, written by a fragment author or built by a
// template function from escaped parts. Values of this type are inserted
// as they are; everything else is escaped (see Escape).
type Markdown string

// Escape turns any value into Markdown that renders as exactly its text:
// every ASCII punctuation character is backslash-escaped (CommonMark allows
// it for all of them), so `<script>`, `[x](javascript:…)`, `{{ … }}`,
// `| cell |` and `# heading` stay text wherever they land — in a paragraph,
// a table cell, a list item or a heading. Line breaks and other control
// characters become spaces so a value cannot start a new block. Markdown
// values pass through unchanged.
func Escape(v any) Markdown {
	switch v := v.(type) {
	case Markdown:
		return v
	case nil:
		return ""
	case fmt.Stringer:
		return Markdown(EscapeString(v.String()))
	case error:
		return Markdown(EscapeString(v.Error()))
	default:
		return Markdown(EscapeString(fmt.Sprint(v)))
	}
}

// EscapeString escapes one string as Escape does.
func EscapeString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, field := range strings.FieldsFunc(s, separator) {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, r := range field {
			if r < 0x80 && (unicode.IsPunct(r) || unicode.IsSymbol(r)) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// separator reports the characters that become a single space: ASCII
// spaces (so four of them never start a code block) and line breaks and
// other control characters (so a value cannot end a table row or start a
// new block). Full-width spaces are text and stay.
func separator(r rune) bool {
	return r == ' ' || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff'
}
