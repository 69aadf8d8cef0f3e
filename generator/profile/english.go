package profile

import (
	"reflect"
	"sort"
	"strings"
	"unicode"
)

// texts walks the profile's own text values (keys of type string, not ids
// or coded values such as kinds, and not the english table), calling
// visit with each one's key path and value (settable when v is).
func texts(v reflect.Value, path string, visit func(path string, v reflect.Value)) {
	eachString(v, path, func(path string, v reflect.Value) {
		if v.Type() == reflect.TypeOf("") && !isIDKey(path) && path != "english" && !strings.HasPrefix(path, "english.") {
			visit(path, v)
		}
	})
}

// isIDKey tells whether a key holds an id or a reference to one (its
// tags say id or ref): those are never translated. An item of a list is
// judged by the list's key (devices[0].systems[1]).
func isIDKey(path string) bool {
	k, ok := keyAt(path)
	return ok && k.ID
}

// japanese tells whether s has Japanese script in it.
func japanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// In returns the profile as the pages of a language show it: for "en",
// a copy whose texts written in the english table are replaced by their
// English, and whose clinic name is name_en when there is one. Other
// languages get the profile itself.
func (p *Profile) In(lang string) *Profile {
	if lang != "en" {
		return p
	}
	// The copy has its own lists, so replacing a text in it leaves p as
	// it was.
	cp := deepCopy(reflect.ValueOf(*p)).Interface().(Profile)
	if len(p.English) > 0 {
		cp.jaOf = map[string]string{}
		texts(reflect.ValueOf(&cp).Elem(), "", func(_ string, v reflect.Value) {
			ja := v.String()
			if en, ok := p.English[ja]; ok {
				v.SetString(en)
				if _, seen := cp.jaOf[en]; !seen {
					cp.jaOf[en] = ja
				}
			}
		})
	}
	if p.Clinic.NameEn != "" {
		cp.Clinic.nameJa = p.Clinic.Name
		cp.Clinic.Name = p.Clinic.NameEn
	}
	return &cp
}

// Ja returns the Japanese a text of the profile was written in, when In
// replaced it with its English; any other text as it is. Fragments that
// decide by what a text says (鍵 in a location, 消去証明書 in a contract)
// look at the Japanese on every page.
func (p *Profile) Ja(s string) string {
	if ja, ok := p.jaOf[s]; ok {
		return ja
	}
	return s
}

// Clone returns a copy of the profile whose tables and lists are its own:
// setting a value in the copy leaves p as it was (the english table and
// vendor brands are shared).
func (p *Profile) Clone() *Profile {
	cp := deepCopy(reflect.ValueOf(*p)).Interface().(Profile)
	return &cp
}

// deepCopy returns a copy of v whose lists are copies too. Pointers and
// maps are shared: In changes only texts, which texts reaches through
// structs and lists alone.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := 0; i < c.NumField(); i++ {
			if f := c.Field(i); f.CanSet() && (f.Kind() == reflect.Slice || f.Kind() == reflect.Struct) {
				f.Set(deepCopy(f))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	}
	return v
}

// Untranslated lists the profile's Japanese texts that the English pages
// show in Japanese because the english table lacks them, sorted and
// without repeats. People's names and the address are left out: they stay
// as written.
func (p *Profile) Untranslated() []string {
	seen := map[string]bool{}
	var out []string
	texts(reflect.ValueOf(p).Elem(), "", func(path string, v reflect.Value) {
		s := v.String()
		if !japanese(s) || seen[s] || p.English[s] != "" || keepsScript(path) {
			return
		}
		seen[s] = true
		out = append(out, s)
	})
	sort.Strings(out)
	return out
}

// keepsScript tells whether a key's text is shown as written in every
// language: names of people, the clinic's name (name_en has the English)
// and addresses.
func keepsScript(path string) bool {
	shape := shapeOf(path)
	switch shape {
	case "staff.name", "clinic.name", "clinic.address":
		return true
	}
	return false
}

// checkEnglish reports english entries that translate no text of the
// profile (a typo would otherwise be silently ignored) and empty ones.
func checkEnglish(ps *problems, p *Profile) {
	if len(p.English) == 0 {
		return
	}
	have := map[string]bool{}
	texts(reflect.ValueOf(p).Elem(), "", func(_ string, v reflect.Value) { have[v.String()] = true })
	keys := make([]string, 0, len(p.English))
	for k := range p.English {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := joinPart("english", k)
		switch {
		case !have[k]:
			ps.addf(path, "%q is not a text of this profile: write the Japanese exactly as it appears in the key it translates (anzen check -english lists the texts without English)", k)
		case strings.TrimSpace(p.English[k]) == "":
			ps.addf(path, "empty: write the English for %q, or remove the line", k)
		}
	}
}
