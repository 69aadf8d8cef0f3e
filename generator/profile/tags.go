package profile

import (
	"reflect"
	"strings"
	"sync"
)

// field is one profile key of a struct, as its tags declare it (see the
// package comment of profile.go).
type field struct {
	reflect.StructField
	// Key is the TOML key.
	Key      string
	Desc     string
	Required bool
	// Refs are the kinds of thing whose id the key holds: "staff",
	// "vendor", "system"; either of them when there are several.
	Refs []string
	// ID tells that the key holds an id (its own or another's): never
	// translated.
	ID bool
}

// fieldCache maps a struct type to its keys, read from the tags once.
var fieldCache sync.Map

// fieldsOf returns the keys of a struct type in field order: the fields
// with a TOML key.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" {
			continue
		}
		var refs []string
		if r := f.Tag.Get("ref"); r != "" {
			refs = strings.Split(r, ",")
		}
		out = append(out, field{StructField: f, Key: key, Desc: f.Tag.Get("desc"),
			Required: f.Tag.Get("required") == "true", Refs: refs,
			ID: f.Tag.Get("id") == "true" || refs != nil})
	}
	fs, _ := fieldCache.LoadOrStore(t, out)
	return fs.([]field)
}

// keyIndex maps each profile key path without indices to its Key.
var keyIndex = sync.OnceValue(func() map[string]Key {
	m := map[string]Key{}
	for _, k := range Keys() {
		m[k.Path] = k
	}
	return m
})

// keyAt returns the Key of a key path (indices are ignored), and whether
// the profile has such a key.
func keyAt(path string) (Key, bool) {
	k, ok := keyIndex()[shapeOf(path)]
	return k, ok
}
