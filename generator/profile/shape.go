package profile

import (
	"fmt"
	"io"
	"os"
	"strconv"
)

// MaxNesting is the deepest a profile may nest tables, lists and dotted
// keys, counted together ([[vendors.contacts]] is 3, a = {b = [1]} is 2).
// A profile nests at most 4 (vendors = [{contacts = [{…}]}]); the TOML
// decoder's work per key grows with the square of its nesting, so a few kilobytes nested thousands deep would take
// minutes. The bound is checked in one pass before decoding.
const MaxNesting = 8

// MaxItems is the most keys, values, lists and tables a profile may hold,
// counted together. A clinic's profile holds a few hundred; a clinic with
// 1,000 systems about 35,000. Decoding costs tens of microseconds per
// item (the text is read three times: as plain values for the type
// check, for key positions and into the profile), so a 4 MB file of
// nothing but items would take minutes and a gigabyte; the bound is
// counted in one pass before decoding.
const MaxItems = 100_000

// itemsAt returns the offset where data passes limit items, or -1: the
// =, commas, brackets and braces outside strings and comments, each of
// which begins a key, a value, a list or a table.
func itemsAt(data []byte, limit int) int {
	n := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = stringEnd(data, i)
		case '=', ',', '[', '{':
			n++
			if n > limit {
				return i
			}
		}
	}
	return -1
}

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

// keyPathAt returns the key path of the place at offset end in data, in
// the form problems use (`systems[2].backup.method`): the key being read,
// or the value (a list item, an inline table) being read. It reads the
// same lexical structure as nestingAt, in one pass up to end, and is
// meant for the place nestingAt found, so the paths it builds stay short.
func keyPathAt(data []byte, end int) string {
	type frame struct {
		table bool   // an inline table; else a list
		path  string // the path of the table or list
		n     int    // a list's items begun so far, less one
	}
	var (
		stack    []frame
		table    string             // the path of the last [table] or [[table]]
		counts   = map[string]int{} // array-of-tables path → elements seen
		parts    []string           // the parts of the key being read
		inKey    = true             // reading a key (else a value)
		header   bool               // reading a [table] or [[table]] header
		arrTable bool               // the header is [[table]]
		value    string             // the path of the value being read
	)
	// resolve joins key parts onto base, giving array-of-tables parts the
	// index of their last element, as indexPositions does.
	resolve := func(base string, parts []string) string {
		path := base
		for _, p := range parts {
			path = joinPart(path, p)
			if n, ok := counts[path]; ok {
				path += "[" + strconv.Itoa(n-1) + "]"
			}
		}
		return path
	}
	base := func() string {
		if len(stack) > 0 && stack[len(stack)-1].table {
			return stack[len(stack)-1].path
		}
		return table
	}
	// after sets the value path once a value or a list item ends.
	after := func() {
		if len(stack) > 0 && !stack[len(stack)-1].table {
			f := stack[len(stack)-1]
			value = f.path + "[" + strconv.Itoa(f.n) + "]"
		}
	}
	end = min(end, len(data))
	for i := 0; i < end; i++ {
		c := data[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '#':
			for i < end && data[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '\n':
			if len(stack) == 0 {
				inKey, header, parts = true, false, nil
			}
			continue
		}
		if inKey || header {
			switch {
			case c == '"' || c == '\'':
				j := stringEnd(data, i)
				part := string(data[i+1 : max(j, i+1)])
				if u, err := strconv.Unquote(string(data[i : j+1])); c == '"' && err == nil {
					part = u // the escapes of a basic string, as the decoder reads them
				}
				parts = append(parts, part)
				i = j
			case isBareKeyByte(c):
				j := i
				for j < len(data) && isBareKeyByte(data[j]) {
					j++
				}
				parts = append(parts, string(data[i:j]))
				i = j - 1
			case c == '.':
			case c == '[' && header && !arrTable && len(parts) == 0:
				arrTable = true
			case c == '[' && len(stack) == 0 && len(parts) == 0 && !header:
				header, arrTable = true, false
			case c == ']' && header:
				path := resolve("", parts[:max(len(parts)-1, 0)])
				if len(parts) > 0 {
					path = joinPart(path, parts[len(parts)-1])
				}
				if arrTable {
					n := counts[path]
					counts[path] = n + 1
					path += "[" + strconv.Itoa(n) + "]"
				} else if n, ok := counts[path]; ok {
					path += "[" + strconv.Itoa(n-1) + "]"
				}
				table, header, inKey, parts = path, false, false, nil
				// The second ] of [[table]].
				if arrTable && i+1 < end && data[i+1] == ']' {
					i++
				}
			case c == '=' && !header:
				value = resolve(base(), parts)
				inKey, parts = false, nil
			case c == '}' && len(stack) > 0 && stack[len(stack)-1].table:
				value = stack[len(stack)-1].path
				stack = stack[:len(stack)-1]
				inKey = false
				after()
			}
			continue
		}
		switch c {
		case '"', '\'':
			i = stringEnd(data, i)
		case '{':
			stack = append(stack, frame{table: true, path: value})
			inKey, parts = true, nil
		case '[':
			stack = append(stack, frame{path: value})
			after()
		case ',':
			if len(stack) > 0 {
				if f := &stack[len(stack)-1]; f.table {
					inKey, parts = true, nil
				} else {
					f.n++
					after()
				}
			}
		case ']', '}':
			if len(stack) > 0 {
				value = stack[len(stack)-1].path
				stack = stack[:len(stack)-1]
				after()
			}
		}
	}
	if inKey || header {
		if header {
			return resolve("", parts)
		}
		return resolve(base(), parts)
	}
	return value
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
