package profile

import (
	"fmt"
	"unicode"
)

// Hidden reports the first character of s, and its position in
// characters from 1, that a profile text may not hold (see hidden).
func Hidden(s string) (int, rune, bool) { return hidden(s) }

// hidden finds the first character of s that a profile text may not hold:
// a control character other than a line break or tab (XML, and so the
// charts, cannot carry it; a terminal obeys it), or an invisible
// direction or width mark (U+202E can make a displayed phone number read
// otherwise than it is dialled). It returns the character's position in
// characters, from 1.
func hidden(s string) (int, rune, bool) {
	n := 0
	for _, r := range s {
		n++
		switch {
		case r == '\n' || r == '\t':
		case unicode.IsControl(r),
			r == 0x061C, r == 0x200E, r == 0x200F, // direction marks
			r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // embeddings, overrides, isolates
			r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF, r == 0x180E: // zero-width
			return n, r, true
		}
	}
	return 0, 0, false
}

// hiddenMessage describes a hidden character for a problem.
func hiddenMessage(at int, r rune) string {
	what := "an invisible direction or width mark"
	if unicode.IsControl(r) {
		what = "a control character"
	}
	return fmt.Sprintf("character %d is %U, %s: remove it (it can make what is shown differ from what is written)", at, r, what)
}
