package term

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"さくら内科.toml", "さくら内科.toml"},
		{"systems[0].name", "systems[0].name"},
		{"a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"line\nbreak\rtab\t", `line\nbreak\rtab\t`},
		{"090-\u202e1234-5678", `090-\u202e1234-5678`},
		{"院長\u200b太郎\ufeff", `院長\u200b太郎\ufeff`},
		{"c1 \u009b31m", `c1 \x9b31m`},
		{"del\x7f", `del\x7f`},
		{"sep\u2028", `sep\u2028`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"tag \U000E0041", `tag \U000e0041`},
		{`back\slash`, `back\slash`},
	}
	for _, tt := range tests {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := Lines("a.toml:1:1: x\x1b[31m\nb.toml: y\tz"), "a.toml:1:1: x\\x1b[31m\nb.toml: y\tz"; got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}

// TestNameLeavesNothingATerminalObeys: whatever the input, the output of
// Name is valid UTF-8 without a control, format or separator character,
// and the output of Lines has none but line breaks and tabs.
func TestNameLeavesNothingATerminalObeys(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r < 0xD800 || r > 0xDFFF {
			all.WriteRune(r)
		}
	}
	all.WriteString("\xff\xc0\x80")
	for name, out := range map[string]string{"Name": Name(all.String()), "Lines": Lines(all.String())} {
		if !utf8.ValidString(out) {
			t.Errorf("%s: output is not UTF-8", name)
		}
		for _, r := range out {
			if name == "Lines" && (r == '\n' || r == '\t') {
				continue
			}
			if unicode.IsControl(r) || Invisible(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
				t.Errorf("%s: %U left in the output", name, r)
			}
		}
	}
}
