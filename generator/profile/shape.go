package profile

import (
	"fmt"
	"io"
	"os"
)

// MaxNesting is the deepest a profile may nest tables, lists and dotted
// keys, counted together ([[vendors.contacts]] is 3, a = {b = [1]} is 2).
// A profile nests at most 4 (vendors = [{contacts = [{…}]}]); the TOML
// decoder's work per key grows with the square of its nesting, so a few kilobytes nested thousands deep would take
// minutes. The bound is checked in one pass before decoding.
const MaxNesting = 8

// nestingAt returns the offset of the first place where data nests deeper
// than limit, or -1. It reads TOML's lexical structure only: brackets and
// braces outside strings and comments, and the dots of a dotted key (or of
// a number, which has at most two); it never recurses, whatever the input.
func nestingAt(data []byte, limit int) int {
	depth, dots := 0, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			dots = 0
		case '"', '\'':
			i = stringEnd(data, i)
		case '.':
			dots++
			if depth+dots > limit {
				return i
			}
		case '[', '{':
			depth++
			dots = 0
			if depth > limit {
				return i
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
			dots = 0
		case '=', ',', '\n':
			dots = 0
		}
	}
	return -1
}

// stringEnd returns the offset of the last byte of the TOML string that
// starts at data[i] (a quote): basic or literal, one-line or multi-line.
// An unterminated string ends at the end of data (the decoder reports it).
func stringEnd(data []byte, i int) int {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 3
	} else {
		i++
	}
	for ; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\\' && q == '"':
			i++ // the escaped byte cannot end the string
		case c == q && !multi:
			return i
		case c == q && i+2 < len(data) && data[i+1] == q && data[i+2] == q:
			// Up to two more quotes may belong to the content ("""a"""").
			i += 2
			for i+1 < len(data) && data[i+1] == q {
				i++
			}
			return i
		case c == '\n' && !multi:
			return i
		}
	}
	return len(data) - 1
}

// readFile reads a profile from disk, at most MaxSize bytes and one more to
// tell that it is too large: a device such as /dev/zero or a huge file is
// refused without reading it whole.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxSize {
		return nil, fmt.Errorf("%s: file is %d bytes; the limit is %d bytes (a profile is a few kilobytes)", path, st.Size(), MaxSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%s: more than %d bytes; the limit is %d bytes (a profile is a few kilobytes)", path, MaxSize, MaxSize)
	}
	return data, nil
}
