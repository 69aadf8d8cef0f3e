// Package term prints untrusted text — file names, key paths, the names
// in a profile, error messages that quote them — to a terminal. A
// terminal obeys the control characters in what it is given (ESC starts a
// sequence that can retitle the window, move the cursor or rewrite what
// was printed), and direction and zero-width marks make what is shown
// differ from what is written. Name and Lines show each such character as
// an escape instead, the way strconv.Quote does, and leave every other
// character, Japanese included, as it is.
package term

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Invisible reports whether r is an invisible direction or width mark:
// the marks, embeddings, overrides and isolates that reorder text (U+202E
// can make a phone number read otherwise than it is dialled), and the
// zero-width characters. A profile text may not hold one (see
// profile.Hidden); printed, each is escaped.
func Invisible(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || // direction marks
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || // embeddings, overrides, isolates
		r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF || r == 0x180E // zero-width
}

// escaped reports whether Name shows r as an escape: control characters
// (C0, DEL, C1), every format character (the invisible marks among
// them), and the line and paragraph separators.
func escaped(r rune) bool {
	return unicode.IsControl(r) || Invisible(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Name returns s for printing on one line of a terminal: every control
// character, line break and tab included, and every invisible format
// character is written as an escape (\x1b, \n, \u202e), and each byte that
// is not UTF-8 as \xNN. Text without them is returned unchanged.
func Name(s string) string {
	if !needs(s, false) {
		return s
	}
	return escape(s, false)
}

// Lines is Name for a message of several lines: line breaks and tabs are
// kept, everything else Name escapes is escaped.
func Lines(s string) string {
	if !needs(s, true) {
		return s
	}
	return escape(s, true)
}

func needs(s string, keepLines bool) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || escaped(r) && !(keepLines && (r == '\n' || r == '\t')) {
			return true
		}
		i += n
	}
	return false
}

func escape(s string, keepLines bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepLines && (r == '\n' || r == '\t'), !escaped(r):
			b.WriteString(s[i : i+n])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
		i += n
	}
	return b.String()
}
