package profile

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestNestingAt(t *testing.T) {
	tests := []struct {
		name, src string
		limit     int
		want      int // offset, -1 for none
	}{
		{"flat", "a = 1\nb = \"x\"\n", 2, -1},
		{"table header", "[a.b]\nx = 1\n", 2, -1},
		{"header too deep", "[a.b.c]\n", 2, 4},
		{"array of tables", "[[vendors.contacts]]\n", 3, -1},
		{"dotted key", "a.b.c = 1\n", 2, -1},
		{"dotted key too deep", "a.b.c = 1\n", 1, 3},
		{"inline tables", "x = {a = {b = 1}}\n", 2, -1},
		{"inline too deep", "x = {a = {b = {c = 1}}}\n", 2, 14},
		{"arrays", "x = [[1], [2]]\n", 2, -1},
		{"arrays too deep", "x = [[[1]]]\n", 2, 6},
		{"brackets in a string", `x = "[[[[{{{{"` + "\n", 1, -1},
		{"brackets in a literal string", `x = '[[[[{{{{'` + "\n", 1, -1},
		{"escaped quote", `x = "\"[[[["` + "\n", 1, -1},
		{"multi-line string", "x = \"\"\"\n[[[[\n\"\"\"\ny = 1\n", 1, -1},
		{"multi-line literal", "x = '''\n{{{{\n'''\n", 1, -1},
		{"multi-line string ending in quotes", "x = \"\"\"a\"\"\"\"\ny = [[[1]]]\n", 2, 19},
		{"comment", "x = 1 # [[[[ {{{{ a.b.c.d\n", 1, -1},
		{"numbers and dates", "x = 1.5\ny = 2026-04-01T10:00:00.5\nz = [1.5, 2.5]\n", 2, -1},
		{"quoted key with dots", "\"a.b.c.d\" = 1\n", 1, -1},
		{"dots after a bracket", "x = [{a.b.c = 1}]\n", 3, 9},
		{"unterminated string", "x = \"[[[[", 1, -1},
	}
	for _, tt := range tests {
		if got := nestingAt([]byte(tt.src), tt.limit); got != tt.want {
			t.Errorf("%s: nestingAt = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDeepNestingIsRefusedBeforeDecoding: profiles nested far deeper than
// any profile needs, in every way TOML nests, up to the size limit, are
// refused with the place where they pass the bound. Decoding them would
// take minutes to hours (the decoder's work grows with the square of the
// nesting); the bound is checked in one pass before it.
func TestDeepNestingIsRefusedBeforeDecoding(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Count(string(base), "\n")
	for _, n := range []int{100, 8000, 100_000, MaxSize/6 - 1000} {
		shapes := map[string]string{
			"inline tables": "junk = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n),
			"arrays":        "junk = " + strings.Repeat("[", n) + strings.Repeat("]", n),
			"dotted key":    strings.Repeat("a.", n) + "b = 1",
			"table header":  "[" + strings.Repeat("a.", n) + "b]",
			"mixed":         "junk = " + strings.Repeat("[{a = ", n/2) + "1" + strings.Repeat("}]", n/2),
		}
		for name, s := range shapes {
			t.Run(fmt.Sprintf("%s %d", name, n), func(t *testing.T) {
				_, err := Decode("p.toml", append(append([]byte{}, base...), s+"\n"...))
				want := fmt.Sprintf("p.toml:%d:", lines+1)
				if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "nested more than 8 levels deep") {
					t.Fatalf("err = %.300v, want %s… nested more than 8 levels deep", err, want)
				}
			})
		}
	}
}

// TestManyMistakesAreCounted: a file with thousands of unknown keys lists
// the first MaxProblems and counts the rest.
func TestManyMistakesAreCounted(t *testing.T) {
	base, _ := os.ReadFile("testdata/minimal.toml")
	var b strings.Builder
	b.Write(base)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "junk%d = 1\n", i)
	}
	_, err := Decode("p.toml", []byte(b.String()))
	ps := Problems(err)
	if len(ps) != MaxProblems+1 || ps[len(ps)-1].Msg != "and 4900 more problems" {
		t.Fatalf("%d problems, last %v", len(ps), ps[len(ps)-1])
	}
}

// TestKeyPathAt: the nesting error names the key path where the bound is
// passed, in every way TOML nests.
func TestKeyPathAt(t *testing.T) {
	tests := []struct{ src, want string }{
		{"junk = {a = {b = {c = 1}}}", "junk.a.b"},
		{"junk = [[[1]]]", "junk[0][0]"},
		{"junk = [1, [2, [3", "junk[1][1]"},
		{"junk = [{a = 1}, {b = [{c = [", "junk[1].b[0].c"},
		{"[a.b.c]\n", "a.b"},
		{"[[systems]]\nid = 1\n[[systems]]\nid = 2\n[systems.backup]\nx = {y = {z = {", "systems[1].backup.x.y.z"},
		{"[[vendors]]\n[[vendors.contacts]]\n[[vendors.contacts]]\nname = {a = {", "vendors[0].contacts[1].name.a"},
		{"[clinic]\na.b.c.d = 1", "clinic.a.b.c"},
		{"\"a.b\" = {x = [", "\"a.b\".x"},
		{"x = \"[[{{\" # [[\ny = {z = {", "y.z"},
		{"x = {a = 1, b = {c = [", "x.b.c"},
	}
	for _, tt := range tests {
		// The place asked for is the last bracket, brace or dot, where
		// nestingAt stops.
		if got := keyPathAt([]byte(tt.src), strings.LastIndexAny(tt.src, "[{.")); got != tt.want {
			t.Errorf("keyPathAt(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestPositionIndexIsLinear: indexing the keys of a profile reads each
// byte about once to count columns, however many keys share a line. It
// counted every column from the start of its line, so 240 KB of inline
// tables on one line took 40 s to validate.
func TestPositionIndexIsLinear(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	shapes := map[string]string{
		"list of inline tables": "junk = [" + strings.TrimSuffix(strings.Repeat("{a = 1, b = \"長い\"}, ", 20_000), ", ") + "]",
		"wide inline table":     "junk = {" + strings.TrimSuffix(strings.Repeat("k = 1, ", 20_000), ", ") + "}",
		"list of lists":         "junk = [" + strings.TrimSuffix(strings.Repeat("[1, 2], ", 20_000), ", ") + "]",
	}
	for name, s := range shapes {
		data := append(append([]byte{}, base...), s+"\n"...)
		if _, n := indexPositionsCounted(data); n > len(data) {
			t.Errorf("%s: %d bytes read to count columns in a %d-byte file", name, n, len(data))
		}
	}
}

func TestItemsAt(t *testing.T) {
	tests := []struct {
		src   string
		limit int
		want  int
	}{
		{"a = 1\nb = [1, 2]\n", 4, -1},
		{"a = 1\nb = [1, 2]\n", 3, 12},
		{"[t]\n[[u]]\n", 2, 5},
		{"a = \"=,[{\" # = , [ {\nb = '=,'\n", 2, -1},
		{"a = \"\"\"\n=,[{\n\"\"\"\nb = {c = 1}\n", 3, 24},
	}
	for _, tt := range tests {
		if got := itemsAt([]byte(tt.src), tt.limit); got != tt.want {
			t.Errorf("itemsAt(%q, %d) = %d, want %d", tt.src, tt.limit, got, tt.want)
		}
	}
}
