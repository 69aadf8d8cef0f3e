package profile

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// SchemaFile is the name of the profile's JSON Schema next to the example
// profiles; profiles point editors to it with a `#:schema` first line.
const SchemaFile = "anzen-profile.schema.json"

// kind is an enumerated type: what validation calls it and its allowed
// values.
type kind struct {
	what  string
	terms []Term
}

// kinds maps the enumerated types to their names and allowed values.
var kinds = map[reflect.Type]kind{
	reflect.TypeOf(ClinicType("")):  {"clinic type", ClinicTypes},
	reflect.TypeOf(Job("")):         {"job", Jobs},
	reflect.TypeOf(RoleKind("")):    {"role", RoleKinds},
	reflect.TypeOf(SystemKind("")):  {"system kind", SystemKinds},
	reflect.TypeOf(Hosting("")):     {"hosting", Hostings},
	reflect.TypeOf(Frequency("")):   {"backup frequency", Frequencies},
	reflect.TypeOf(DeviceKind("")):  {"device kind", DeviceKinds},
	reflect.TypeOf(ContactKind("")): {"contact kind", ContactKinds},
	reflect.TypeOf(Owner("")):       {"owner", Owners},
}

var (
	flagType  = reflect.TypeOf(Flag(0))
	countType = reflect.TypeOf(Count(0))
)

// unwrittenNote says what a tri-state key means when it is not written.
const unwrittenNote = "書かなければ「未確認」として扱う（「いいえ」「0」とはみなさない） / unwritten means not confirmed, never no or 0"

func withUnwritten(desc string) string {
	return strings.TrimSpace(desc + " " + unwrittenNote)
}

// Schema returns the JSON Schema (draft 2020-12) of a profile, generated
// from the Go types and their tags, so it cannot drift from what Decode
// accepts.
func Schema() ([]byte, error) {
	s := schemaOf(reflect.TypeOf(Profile{}), "", "")
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/anzen-dev/anzen/profiles/" + SchemaFile
	s["title"] = "anzen clinic profile"
	b, err := json.MarshalIndent(s, "", "  ")
	return append(b, '\n'), err
}

// DefinitionSchema returns the JSON Schema of a vendor definition file.
func DefinitionSchema() ([]byte, error) {
	s := schemaOf(reflect.TypeOf(Definition{}), "", "")
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/anzen-dev/anzen/profiles/vendors/" + DefinitionSchemaFile
	s["title"] = "anzen vendor definition"
	b, err := json.MarshalIndent(s, "", "  ")
	return append(b, '\n'), err
}

var (
	timeType       = reflect.TypeOf(time.Time{})
	definitionType = reflect.TypeOf(Definition{})
	vendorType     = reflect.TypeOf(Vendor{})
)

// description is a key's description: its desc tag; a key a vendor
// definition shares with the profile's vendors[] without one of its own is
// described as the vendors[] key.
func description(parent reflect.Type, f field) string {
	if f.Desc == "" && parent == definitionType {
		for _, vf := range fieldsOf(vendorType) {
			if vf.Key == f.Key {
				return vf.Desc
			}
		}
	}
	return f.Desc
}

// schemaOf builds the schema of t at the key path, described by desc.
func schemaOf(t reflect.Type, path, desc string) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := map[string]any{}
	if desc != "" {
		s["description"] = desc
	}
	if k, ok := kinds[t]; ok {
		vals := make([]string, len(k.terms))
		labels := make([]string, len(k.terms))
		for i, term := range k.terms {
			vals[i] = term.Value
			labels[i] = term.Value + "：" + term.Ja
		}
		s["type"] = "string"
		s["enum"] = vals
		s["description"] = strings.TrimSpace(desc + " (" + strings.Join(labels, "、") + ")")
		return s
	}
	switch t {
	case timeType:
		s["type"] = "string"
		s["format"] = "date"
		return s
	case flagType:
		s["type"] = "boolean"
		s["description"] = withUnwritten(desc)
		return s
	case countType:
		s["type"] = "integer"
		s["minimum"] = 0
		s["description"] = withUnwritten(desc)
		return s
	}
	switch t.Kind() {
	case reflect.String:
		s["type"] = "string"
		s["maxLength"] = MaxText
		if path == "id" || strings.HasSuffix(path, ".id") {
			s["pattern"] = slugRE.String()
		}
	case reflect.Bool:
		s["type"] = "boolean"
	case reflect.Int:
		s["type"] = "integer"
		s["minimum"] = 0
	case reflect.Slice:
		s["type"] = "array"
		s["items"] = schemaOf(t.Elem(), path, desc)
	case reflect.Map:
		s["type"] = "object"
		s["additionalProperties"] = map[string]any{"type": "string", "minLength": 1, "maxLength": MaxText}
	case reflect.Struct:
		structSchema(s, t, path)
	}
	return s
}

// structSchema fills s with the properties of a table and its required
// keys.
func structSchema(s map[string]any, t reflect.Type, path string) {
	props := map[string]any{}
	var req []string
	for _, f := range fieldsOf(t) {
		props[f.Key] = schemaOf(f.Type, joinPart(path, f.Key), description(t, f))
		if f.Required {
			req = append(req, f.Key)
		}
	}
	s["type"] = "object"
	s["properties"] = props
	s["additionalProperties"] = false
	if req != nil {
		s["required"] = req
	}
}

// Key describes one profile key, for the key reference.
type Key struct {
	// Path is the key path without indices (systems.backup.offline).
	Path string
	// Field is the Go field chain templates use (Systems.Backup.Offline).
	Field string
	// Type is "text", "integer", "true/false", "date", "list", "table" or
	// "list of tables".
	Type        string
	Values      []Term
	Required    bool
	Description string
	// TriState tells that an unwritten key means unknown (未確認), not
	// no or 0: a Flag or a Count.
	TriState bool
	// Refs are the kinds of thing whose id the key holds ("staff",
	// "vendor", "system"), none for other keys; ID tells that the key
	// holds an id, its entry's own or another's.
	Refs []string
	ID   bool
}

// keys is the list of Keys, made once.
var keys = sync.OnceValue(func() []Key {
	var out []Key
	walkKeys(reflect.TypeOf(Profile{}), "", "", &out)
	return out
})

// Keys lists every profile key in file order, from the Go types and their
// tags.
func Keys() []Key { return slices.Clone(keys()) }

func walkKeys(t reflect.Type, path, chain string, out *[]Key) {
	for _, f := range fieldsOf(t) {
		p := joinPart(path, f.Key)
		fc := strings.TrimPrefix(chain+"."+f.Name, ".")
		ft := f.Type
		k := Key{Path: p, Field: fc, Description: f.Desc, Required: f.Required, Refs: f.Refs, ID: f.ID}
		k.Type, k.TriState = typeName(ft)
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		k.Values = kinds[ft].terms
		*out = append(*out, k)
		if ft.Kind() == reflect.Struct && ft != timeType {
			walkKeys(ft, p, fc, out)
		}
	}
}

// typeName names a key's type for the key reference, and tells whether it
// is tri-state.
func typeName(t reflect.Type) (string, bool) {
	switch {
	case t == flagType:
		return "true/false", true
	case t == countType:
		return "integer", true
	case t == timeType:
		return "date", false
	}
	switch t.Kind() {
	case reflect.String:
		return "text", false
	case reflect.Bool:
		return "true/false", false
	case reflect.Int:
		return "integer", false
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "list of tables", false
		}
		return "list", false
	case reflect.Map:
		return "table of texts", false
	case reflect.Struct:
		return "table", false
	}
	return "", false
}
