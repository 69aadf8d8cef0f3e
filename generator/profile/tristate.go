package profile

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"time"
)

// Flag is a yes/no fact that a profile may leave unwritten. A key that is
// not written is Unknown, never No: the documents say 未確認 and who
// confirms it, and the findings ask for it. The zero Flag is Unknown, which
// is what the decoder leaves for a key the profile does not write.
//
// In fragments a Flag is read through its methods (.IsYes, .IsNo,
// .Known) or the tri helpers, never as a truth value: the fragment lint
// refuses `{{ if .Backup.Offline }}`, which would read No as true.
type Flag uint8

// Flag values.
const (
	Unknown Flag = iota
	No
	Yes
)

// FlagOf is Yes for true and No for false: a written value.
func FlagOf(b bool) Flag {
	if b {
		return Yes
	}
	return No
}

// IsYes tells whether the profile says yes.
func (f Flag) IsYes() bool { return f == Yes }

// IsNo tells whether the profile says no.
func (f Flag) IsNo() bool { return f == No }

// Known tells whether the profile says either.
func (f Flag) Known() bool { return f != Unknown }

// String is "yes", "no" or "unknown", for messages and tests.
func (f Flag) String() string {
	switch f {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// UnmarshalTOML reads true or false.
func (f *Flag) UnmarshalTOML(v any) error {
	b, ok := v.(bool)
	if !ok {
		return fmt.Errorf("expected true or false, found %s", tomlKind(v))
	}
	*f = FlagOf(b)
	return nil
}

// MarshalText writes true, false or nothing (for JSON and TOML writers).
func (f Flag) MarshalText() ([]byte, error) {
	switch f {
	case Yes:
		return []byte("true"), nil
	case No:
		return []byte("false"), nil
	}
	return nil, nil
}

// Count is a whole number that a profile may leave unwritten: the number
// of backup generations, of copies, of devices, of notice days. The zero
// Count is unknown — not 0 — for the same reason as Flag; a written 0 is
// known. It holds n+1 so that its zero value means unknown while the type
// stays a plain number for reflection.
type Count int32

// CountOf is a written count.
func CountOf(n int) Count { return Count(n + 1) }

// Known tells whether the count is written.
func (c Count) Known() bool { return c > 0 }

// N is the count; 0 when unknown (ask Known first).
func (c Count) N() int {
	if c <= 0 {
		return 0
	}
	return int(c) - 1
}

// String is the number, or "unknown".
func (c Count) String() string {
	if !c.Known() {
		return "unknown"
	}
	return strconv.Itoa(c.N())
}

// UnmarshalTOML reads a whole number of at least 0.
func (c *Count) UnmarshalTOML(v any) error {
	n, ok := v.(int64)
	if !ok {
		return fmt.Errorf("expected a whole number, found %s", tomlKind(v))
	}
	if n < 0 {
		return fmt.Errorf("%d: a number of things cannot be negative", n)
	}
	if n > 1<<20 {
		return fmt.Errorf("%d: too large (at most %d)", n, 1<<20)
	}
	*c = CountOf(int(n))
	return nil
}

// MarshalText writes the number, or nothing when unknown.
func (c Count) MarshalText() ([]byte, error) {
	if !c.Known() {
		return nil, nil
	}
	return []byte(strconv.Itoa(c.N())), nil
}

// tomlKind names the kind of a decoded TOML value as a profile author
// thinks of it.
func tomlKind(v any) string {
	switch v.(type) {
	case string:
		return "text in quotes"
	case bool:
		return "true or false"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case []any, []map[string]any:
		return "a list [ ... ]"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// TriStateFields lists the Go names of the profile's Flag and Count
// fields (Offline, Generations …), for the fragment lint that refuses
// reading them as plain truth values or numbers.
func TriStateFields() []string {
	seen := map[string]bool{}
	var out []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeOf(time.Time{}) {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == flagType || f.Type == countType {
				if !seen[f.Name] {
					seen[f.Name] = true
					out = append(out, f.Name)
				}
				continue
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Profile{}))
	sort.Strings(out)
	return out
}
