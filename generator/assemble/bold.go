package assemble

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zwsp separates a bold marker from the punctuation of a profile text. It
// is neither white space nor punctuation, so CommonMark sees the marker
// beside a letter and pairs it.
const zwsp = "\u200b"

// fixBold makes the fragments' bold markers (**) open and close around
// profile texts that begin or end with punctuation. CommonMark does not
// open ** before punctuation (（非常勤）伊藤) when a letter precedes it, nor
// close it after punctuation when a letter follows: the fragment wrote
// **{{ .Name }}** and the name decides. Markers are paired line by line,
// as fragments write them; where the pair would not form, a zero-width
// space goes between marker and punctuation. A line whose markers already
// pair is returned unchanged, so output changes only where bold was
// broken.
func fixBold(src string) string {
	if !strings.Contains(src, "**") {
		return src
	}
	lines := strings.SplitAfter(src, "\n")
	for i, line := range lines {
		lines[i] = fixBoldLine(line)
	}
	return strings.Join(lines, "")
}

func fixBoldLine(line string) string {
	var b strings.Builder
	open := false
	last := 0
	for i := 0; i+1 < len(line); i++ {
		if line[i] != '*' || line[i+1] != '*' || (i > 0 && (line[i-1] == '*' || line[i-1] == '\\')) || (i+2 < len(line) && line[i+2] == '*') {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(line[:i])
		after, _ := utf8.DecodeRuneInString(line[i+2:])
		if i == 0 {
			before = ' '
		}
		if i+2 == len(line) {
			after = ' '
		}
		if !open {
			// An opener followed by punctuation needs space or
			// punctuation before it.
			if punct(after) && !space(before) && !punct(before) {
				b.WriteString(line[last : i+2])
				b.WriteString(zwsp)
				last = i + 2
			}
		} else if punct(before) && !space(after) && !punct(after) {
			// A closer after punctuation needs space or punctuation
			// after it.
			b.WriteString(line[last:i])
			b.WriteString(zwsp)
			last = i
		}
		open = !open
		i++
	}
	if last == 0 {
		return line
	}
	b.WriteString(line[last:])
	return b.String()
}

// punct and space are CommonMark's Unicode punctuation (categories P and
// S) and white space, as goldmark reads them.
func punct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func space(r rune) bool { return unicode.IsSpace(r) || r == utf8.RuneError }
