package profile

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// checkTypes walks a profile decoded as plain TOML values against the Go
// type it will be decoded into, and reports every value of the wrong type
// at its key path: the decoder itself stops at the first one, and an
// author should see every mistake in one run. Keys the type does not know
// are left to checkUndecoded.
func checkTypes(ps *problems, path string, v any, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	wrong := func(want string) {
		ps.addf(path, "expected %s, found %s", want, tomlKind(v))
	}
	switch {
	case t == flagType:
		if _, ok := v.(bool); !ok {
			wrong("true or false")
		}
		return
	case t == countType:
		n, ok := v.(int64)
		if !ok {
			wrong("a whole number")
		} else if n < 0 {
			ps.addf(path, "%d: a number of things cannot be negative", n)
		}
		return
	case t == reflect.TypeOf(time.Time{}):
		if _, ok := v.(time.Time); !ok {
			wrong("a date without quotes, like 2026-04-01")
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			wrong("text in quotes")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			wrong("true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if _, ok := v.(int64); !ok {
			wrong("a whole number")
		}
	case reflect.Slice:
		var items []any
		switch l := v.(type) {
		case []any:
			items = l
		case []map[string]any:
			for _, m := range l {
				items = append(items, m)
			}
		default:
			wrong("a list [ ... ]")
			return
		}
		for i, it := range items {
			checkTypes(ps, path+"["+strconv.Itoa(i)+"]", it, t.Elem())
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			wrong("a table")
			return
		}
		for k, val := range m {
			checkTypes(ps, joinPart(path, fmt.Sprintf("%q", k)), val, t.Elem())
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			wrong("a table")
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			if val, ok := m[tag]; ok {
				checkTypes(ps, joinPart(path, tag), val, f.Type)
			}
		}
	}
}
