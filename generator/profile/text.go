package profile

import (
	"fmt"
	"unicode"

	"github.com/anzen-dev/anzen/generator/term"
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
		case unicode.IsControl(r), term.Invisible(r):
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
