package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxSize is the largest profile accepted, in bytes. A clinic's profile is a
// few kilobytes; anything near this is a mistake, and refusing it keeps a
// batch run fast.
const MaxSize = 4 << 20

// Load reads and decodes a profile from the file system (use os.DirFS or the
// embedded defaults).
func Load(fsys fs.FS, name string, opts ...Option) (*Profile, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", name, err)
	}
	return Decode(name, data, opts...)
}

// LoadFile reads and decodes a profile from a path on disk.
func LoadFile(path string, opts ...Option) (*Profile, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	return Decode(path, data, opts...)
}

// Option configures decoding.
type Option func(*options)

type options struct {
	catalog *Catalog
}

// WithCatalog resolves vendors[].definition against the catalog's vendor
// definitions.
func WithCatalog(c *Catalog) Option { return func(o *options) { o.catalog = c } }

// Decode decodes and validates a profile. file names it in messages. The
// error, when not nil, joins one *Problem per mistake found (see Problems).
func Decode(file string, data []byte, opts ...Option) (*Profile, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	ps := &problems{file: file}
	var p Profile
	md, ok := decodeTOML(ps, data, &p)
	if !ok {
		return nil, ps.err()
	}
	p.File = file
	checkUndecoded(ps, md.Undecoded(), reflect.TypeOf(Profile{}))
	applyDefinitions(&p, ps, o.catalog)
	validate(&p, ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return &p, nil
}

// CheckShape checks, in a few passes over the bytes and before any TOML
// decoder reads them, that data is a TOML text a decoder can read in
// reasonable time and memory: at most MaxSize bytes, UTF-8 without NUL,
// nested at most MaxNesting deep, with at most MaxItems keys, values,
// lists and tables. It returns the first problem found, located, or nil.
// Decode checks it; so must any other reader of a user's TOML (init's
// answers).
func CheckShape(file string, data []byte) *Problem {
	if len(data) > MaxSize {
		return &Problem{File: file, Msg: fmt.Sprintf("file is %d bytes; the limit is %d bytes (a profile is a few kilobytes)", len(data), MaxSize)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &Problem{File: file, Position: offsetPos(data, i), Msg: "NUL byte: a profile is UTF-8 text"}
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return &Problem{File: file, Position: offsetPos(data, i), Msg: "invalid UTF-8: save the profile as UTF-8 (not Shift_JIS)"}
	}
	if i := nestingAt(data, MaxNesting); i >= 0 {
		return &Problem{File: file, Position: offsetPos(data, i), Path: keyPathAt(data, i), Msg: fmt.Sprintf("nested more than %d levels deep (tables, lists and dotted keys together); a profile needs at most 4", MaxNesting)}
	}
	if i := itemsAt(data, MaxItems); i >= 0 {
		return &Problem{File: file, Position: offsetPos(data, i), Path: keyPathAt(data, i), Msg: fmt.Sprintf("more than %d keys, values, lists and tables; a profile holds a few hundred (a clinic with 1,000 systems about 35,000)", MaxItems)}
	}
	return nil
}

// decodeTOML checks that data is a reasonable UTF-8 text and decodes it
// into v, indexing key positions into ps. It reports false, with the
// problem recorded, when the text cannot be decoded.
func decodeTOML(ps *problems, data []byte, v any) (toml.MetaData, bool) {
	file := ps.file
	if pr := CheckShape(file, data); pr != nil {
		ps.list = append(ps.list, pr)
		return toml.MetaData{}, false
	}
	// The text is first read as plain values, so that every value of the
	// wrong type is reported, not only the first the decoder meets.
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err == nil {
		ps.pos = indexPositions(data)
		n := len(ps.list)
		checkTypes(ps, "", raw, reflect.TypeOf(v))
		if len(ps.list) > n {
			moved := map[Position]Position{}
			for _, pr := range ps.list[n:] {
				if vp, ok := ps.pos.valueOf(pr.Path); ok {
					pr.Position = vp
					continue
				}
				// A list: the value past the key's =. Many wrong items of
				// one list share their key's position; move it once.
				vp, ok := moved[pr.Position]
				if !ok {
					vp = valuePos(data, pr.Position)
					moved[pr.Position] = vp
				}
				pr.Position = vp
			}
			return toml.MetaData{}, false
		}
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos := Position{pe.Position.Line, pe.Position.Col}
			if pe.Position.Start > 0 && pe.Position.Start <= len(data) {
				pos = offsetPos(data, pe.Position.Start)
			}
			path := pe.LastKey
			// A value a field type refuses (a Flag given text) is reported
			// by key without list indices: find the indexed key written on
			// that line.
			ps.pos = indexPositions(data)
			for _, p := range ps.pos.byShape[path] {
				if ps.pos.at[p].Line == pos.Line {
					path = p
					break
				}
			}
			ps.list = append(ps.list, &Problem{File: file, Position: pos, Path: path, Msg: parseMessage(pe)})
			return md, false
		}
		ps.pos = indexPositions(data)
		ps.list = append(ps.list, typeProblem(file, ps.pos, err))
		return md, false
	}
	ps.pos = indexPositions(data)
	calendarDates(reflect.ValueOf(v))
	return md, true
}

// typeErrRE matches BurntSushi/toml's type mismatch error, which is not a
// ParseError and carries only a line number and the array-free key.
var typeErrRE = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)

func typeProblem(file string, pos positions, err error) *Problem {
	m := typeErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return &Problem{File: file, Msg: err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	pr := &Problem{File: file, Path: m[2], Msg: fmt.Sprintf("expected %s, found %s", describeType(m[4]), describeType(m[3]))}
	for _, path := range pos.byShape[m[2]] {
		if p := pos.at[path]; line == 0 || p.Line == line {
			pr.Path, pr.Position = path, p
			break
		}
	}
	if pr.Line == 0 && line > 0 {
		pr.Position = Position{Line: line, Col: 1}
	}
	return pr
}

// describeType names a Go or TOML type the way a profile author thinks of it.
func describeType(t string) string {
	switch {
	case t == "string" || strings.HasPrefix(t, "profile."):
		return "text in quotes"
	case t == "time.Time":
		return "a date without quotes, like 2026-04-01"
	case t == "bool" || t == "boolean":
		return "true or false"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]") || t == "array":
		return "a list [ ... ]"
	case strings.HasPrefix(t, "map") || t == "table":
		return "a table"
	}
	return t
}

// valuePos moves a key's position to its value's, on the same line: past
// the = and the spaces after it. Editors then put the cursor on the value
// to fix.
func valuePos(data []byte, p Position) Position {
	if p.Line == 0 {
		return p
	}
	lines := bytes.SplitN(data, []byte{'\n'}, p.Line+1)
	if len(lines) < p.Line {
		return p
	}
	line := []rune(string(lines[p.Line-1]))
	i := p.Col - 1
	for i < len(line) && line[i] != '=' {
		i++
	}
	if i == len(line) {
		return p
	}
	i++
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return Position{p.Line, i + 1}
}

// offsetPos converts a byte offset to a line and a column counted in
// characters, as editors show them.
func offsetPos(data []byte, off int) Position {
	line := bytes.Count(data[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Position{line, utf8.RuneCount(data[start:off]) + 1}
}

func parseMessage(pe toml.ParseError) string {
	msg := pe.Message
	if strings.HasPrefix(msg, "parsing time ") {
		return "expected a date without quotes, like 2026-04-01"
	}
	if msg == "" {
		msg = pe.Error()
	}
	if pe.Usage != "" {
		msg += " (" + strings.Join(strings.Fields(pe.Usage), " ") + ")"
	}
	return msg
}

// checkUndecoded reports keys that match no profile field, with the nearest
// known key as a suggestion.
func checkUndecoded(ps *problems, keys []toml.Key, root reflect.Type) {
	undecoded := map[string]bool{}
	for _, k := range keys {
		undecoded[k.String()] = true
	}
	for _, k := range keys {
		if len(k) > 1 && undecoded[k[:len(k)-1].String()] {
			continue // the parent is unknown already
		}
		if len(ps.list) >= MaxProblems {
			ps.more++ // only counted: the list shown is full
			continue
		}
		known := fieldsAt(root, k[:len(k)-1])
		msg := fmt.Sprintf("unknown key %q", k[len(k)-1])
		if s := nearest(k[len(k)-1], known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		if len(known) > 0 {
			msg += " (known: " + strings.Join(known, ", ") + ")"
		}
		paths := ps.pos.byShape[k.String()]
		if len(paths) == 0 {
			paths = []string{k.String()}
		}
		for _, path := range paths {
			ps.addf(path, "%s", msg)
		}
	}
}

// fieldsAt lists the TOML keys of the struct reached by following parts from
// t.
func fieldsAt(t reflect.Type, parts []string) []string {
	for {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		if len(parts) == 0 {
			break
		}
		f, ok := fieldByTag(t, parts[0])
		if !ok {
			return nil
		}
		t, parts = f.Type, parts[1:]
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	sort.Strings(out)
	return out
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("toml") == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

// nearest returns the candidate closest to s by edit distance, if close
// enough to be a likely typo.
func nearest(s string, candidates []string) string {
	n := len([]rune(s))
	best, bestD := "", n/3+2
	for _, c := range candidates {
		if d := distance(s, c); d < bestD && d < n {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment edit distance between two
// strings, by rune: Levenshtein plus adjacent transpositions (nures→nurse).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
