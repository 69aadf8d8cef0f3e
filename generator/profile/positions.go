package profile

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Position is a line and column in a profile, both starting at 1.
type Position struct {
	Line, Col int
}

// positions maps key paths such as `staff[2].name` to where the key is
// written. BurntSushi/toml decodes but does not expose key positions, so the
// document is parsed a second time with go-toml's AST parser, which does.
type positions struct {
	at map[string]Position
	// byShape maps an index-free path (`staff.name`) to every indexed path
	// written in the file, in order: MetaData.Undecoded reports keys without
	// array indices.
	byShape map[string][]string
	// value maps a key path to where its value starts, for keys whose
	// value is a single token or an inline table (not a list).
	value map[string]Position
}

// cursor converts byte offsets to positions. Offsets asked in increasing
// order on a line cost only the bytes between them, so indexing a file
// whose keys all sit on one long line stays linear (counting each column
// from the start of its line made a 240 KB line of inline tables take 40 s).
type cursor struct {
	data  []byte
	lines []int // offset of each line's first byte
	// The last position computed: its offset and position.
	off int
	at  Position
	// counted is how many bytes the cursor has read to count columns.
	counted int
}

func newCursor(data []byte) *cursor {
	c := &cursor{data: data, lines: []int{0}, at: Position{1, 1}}
	for i, b := range data {
		if b == '\n' {
			c.lines = append(c.lines, i+1)
		}
	}
	return c
}

func (c *cursor) pos(off int) Position {
	off = min(max(off, 0), len(c.data))
	l := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off }) - 1
	from, col := c.lines[l], 1
	if c.at.Line == l+1 && c.off <= off {
		from, col = c.off, c.at.Col
	}
	c.counted += off - from
	c.off, c.at = off, Position{Line: l + 1, Col: col + utf8.RuneCount(c.data[from:off])}
	return c.at
}

func indexPositions(data []byte) positions {
	ps, _ := indexPositionsCounted(data)
	return ps
}

// indexPositionsCounted is indexPositions, and the bytes read to count
// columns (at most the size of data: the work is linear).
func indexPositionsCounted(data []byte) (positions, int) {
	ps := positions{at: map[string]Position{}, byShape: map[string][]string{}, value: map[string]Position{}}
	c := newCursor(data)
	pos := func(off uint32) Position { return c.pos(int(off)) }
	counts := map[string]int{} // array-of-tables path → elements seen
	var prefix string
	add := func(path string, n *unstable.Node) {
		if _, ok := ps.at[path]; ok {
			return
		}
		ps.at[path] = pos(n.Raw.Offset)
		shape := shapeOf(path)
		ps.byShape[shape] = append(ps.byShape[shape], path)
	}
	var value func(path string, v *unstable.Node)
	value = func(path string, v *unstable.Node) {
		if v.Kind != unstable.Array && v.Raw.Length > 0 {
			if _, ok := ps.value[path]; !ok {
				ps.value[path] = pos(v.Raw.Offset)
			}
		}
		switch v.Kind {
		case unstable.InlineTable:
			it := v.Children()
			for it.Next() {
				kv := it.Node()
				p, first := joinKey(path, kv)
				add(p, first)
				value(p, kv.Value())
			}
		case unstable.Array:
			it := v.Children()
			for i := 0; it.Next(); i++ {
				value(path+"["+strconv.Itoa(i)+"]", it.Node())
			}
		}
	}
	p := unstable.Parser{}
	p.Reset(data)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			var path string
			it := e.Key()
			var first *unstable.Node
			for it.Next() {
				k := it.Node()
				if first == nil {
					first = k
				}
				path = joinPart(path, string(k.Data))
				if it.IsLast() {
					break
				}
				if n, ok := counts[path]; ok {
					path += "[" + strconv.Itoa(n-1) + "]"
				}
			}
			if e.Kind == unstable.ArrayTable {
				n := counts[path]
				counts[path] = n + 1
				path += "[" + strconv.Itoa(n) + "]"
			} else if n, ok := counts[path]; ok {
				path += "[" + strconv.Itoa(n-1) + "]"
			}
			if first != nil {
				add(path, first)
			}
			prefix = path
		case unstable.KeyValue:
			path, first := joinKey(prefix, e)
			add(path, first)
			value(path, e.Value())
		}
	}
	return ps, c.counted
}

// joinKey appends a key-value node's (possibly dotted) key to a path and
// returns the first key part, whose position is reported.
func joinKey(path string, kv *unstable.Node) (string, *unstable.Node) {
	var first *unstable.Node
	it := kv.Key()
	for it.Next() {
		if first == nil {
			first = it.Node()
		}
		path = joinPart(path, string(it.Node().Data))
	}
	return path, first
}

func joinPart(path, part string) string {
	if strings.ContainsAny(part, ".[] \"") || part == "" {
		part = strconv.Quote(part)
	}
	if path == "" {
		return part
	}
	return path + "." + part
}

// shapeOf drops array indices: `staff[2].name` → `staff.name`.
func shapeOf(path string) string {
	var b strings.Builder
	depth := 0
	inQuote := false
	for _, r := range path {
		switch {
		case r == '"':
			inQuote = !inQuote
			b.WriteRune(r)
		case !inQuote && r == '[':
			depth++
		case !inQuote && r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// of returns where a path is written: the path itself, or its nearest
// written parent (a missing key is reported at its table).
func (ps positions) of(path string) Position {
	for path != "" {
		if p, ok := ps.at[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return Position{}
}

// valueOf returns where the value of a path's nearest written key starts,
// when that value is a single token or an inline table.
func (ps positions) valueOf(path string) (Position, bool) {
	for path != "" {
		if _, ok := ps.at[path]; ok {
			p, ok := ps.value[path]
			return p, ok
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return Position{}, false
}
