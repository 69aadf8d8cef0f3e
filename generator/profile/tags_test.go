package profile

import (
	"testing"
)

// TestTags checks the tags of every key: a reference names a kind of thing
// validation knows, and only texts (or lists of them) hold ids or are
// required without a message of their own in conditional.
func TestTags(t *testing.T) {
	for _, k := range Keys() {
		for _, r := range k.Refs {
			if refNames[r] == "" {
				t.Errorf("%s: ref %q is none of staff, vendor, system", k.Path, r)
			}
		}
		if k.ID && k.Type != "text" && k.Type != "list" {
			t.Errorf("%s: an id is text, not %s", k.Path, k.Type)
		}
		if k.Required && k.Type != "text" && k.Values == nil && k.Type != "table" && conditional[k.Path] == nil {
			t.Errorf("%s: required %s without a check of its own in conditional", k.Path, k.Type)
		}
	}
}

// TestIDKeys: ids and references are not translated; names are.
func TestIDKeys(t *testing.T) {
	for path, want := range map[string]bool{
		"clinic.id": true, "clinic.manager": true, "devices[0].systems[1]": true, "systems[2].backup.operator": true,
		"vendors[0].definition": true, "clinic.name": false, "systems[0].name": false, `english."x"`: false,
	} {
		if got := isIDKey(path); got != want {
			t.Errorf("isIDKey(%q) = %v, want %v", path, got, want)
		}
	}
}
