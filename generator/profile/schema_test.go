package profile

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite profiles/"+SchemaFile+" and profiles/vendors/"+DefinitionSchemaFile)

var schemaPath = filepath.Join("..", "..", "profiles", SchemaFile)

// TestSchemaInSync keeps the committed schemas equal to the ones generated
// from the Go types (go test -update rewrites them).
func TestSchemaInSync(t *testing.T) {
	for _, tc := range []struct {
		path string
		gen  func() ([]byte, error)
	}{
		{schemaPath, Schema},
		{filepath.Join("..", "..", "profiles", "vendors", DefinitionSchemaFile), DefinitionSchema},
	} {
		s, err := tc.gen()
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(tc.path, s, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		committed, err := os.ReadFile(tc.path)
		if err != nil || !bytes.Equal(committed, s) {
			t.Errorf("%s is out of date with the Go types (run go test ./generator/profile -update): %v", tc.path, err)
		}
	}
}

// asJSON turns a TOML profile into the JSON value editors validate: dates
// become 2026-04-01 strings.
func asJSON(t *testing.T, src string) any {
	t.Helper()
	var v map[string]any
	if _, err := toml.Decode(src, &v); err != nil {
		t.Fatal(err)
	}
	var conv func(any) any
	conv = func(x any) any {
		switch x := x.(type) {
		case time.Time:
			return x.Format("2006-01-02")
		case map[string]any:
			for k, e := range x {
				x[k] = conv(e)
			}
		case []map[string]any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = conv(e)
			}
			return out
		case []any:
			for i, e := range x {
				x[i] = conv(e)
			}
		}
		return x
	}
	b, _ := json.Marshal(conv(v))
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(must(Schema()))))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("profile.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("profile.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestSchemaAcceptsExamplesAndFlagsMistakes: every example profile is
// valid against the schema, and the mistakes an editor should flag are
// flagged.
func TestSchemaAcceptsExamplesAndFlagsMistakes(t *testing.T) {
	s := compile(t)
	files, _ := filepath.Glob("../../profiles/*.toml")
	for _, f := range append(files, "testdata/minimal.toml") {
		src, _ := os.ReadFile(f)
		if err := s.Validate(asJSON(t, string(src))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	base, _ := os.ReadFile("testdata/minimal.toml")
	for _, tt := range []struct{ old, new string }{
		{`type = "clinic"`, `type = "hospital"`},
		{`job = "doctor"`, `jb = "doctor"`},
		{`id = "test-clinic"`, `id = "../x"`},
		{`medical_info = true`, `medical_info = "yes"`},
		{`effective = 2026-04-01`, `effective = "April"`},
	} {
		src := strings.Replace(string(base), tt.old, tt.new, 1)
		if err := s.Validate(asJSON(t, src)); err == nil {
			t.Errorf("schema accepts %s", tt.new)
		}
	}
}
