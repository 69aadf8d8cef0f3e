package fragment

import (
	"fmt"
	"strings"
	"unicode"
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
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			// A line break would end a table row or start a new block.
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case r == ' ' || r == '\u3000':
			// Runs of spaces collapse, so four of them never start a code block.
			if space {
				continue
			}
			b.WriteRune(r)
			space = true
			continue
		default:
			b.WriteRune(r)
		}
		space = false
	}
	return b.String()
}
