package refs

import (
	"strings"
	"testing"
)

// TestMergeAndCheck: an overlay's entry replaces the one with its id and
// a new one is added at the end; refs are checked against the result.
func TestMergeAndCheck(t *testing.T) {
	r := Registry{
		Guidance:  []Guidance{{ID: "3.1", Title: "責任"}},
		Checklist: []ChecklistItem{{ID: "1-1", Text: "責任者"}},
	}
	r.Merge(Registry{
		Guidance:  []Guidance{{ID: "3.1", Title: "責任（改）"}, {ID: "3.2", Title: "リスク"}},
		Checklist: []ChecklistItem{{ID: "2-1", Text: "台帳"}},
	})
	if len(r.Guidance) != 2 || r.Guidance[0].Title != "責任（改）" || r.Guidance[1].ID != "3.2" {
		t.Errorf("guidance after merge: %+v", r.Guidance)
	}
	if len(r.Checklist) != 2 || r.Checklist[1].ID != "2-1" {
		t.Errorf("checklist after merge: %+v", r.Checklist)
	}
	for ref, want := range map[string]string{
		"guidance:3.2":  "",
		"checklist:2-1": "",
		"guidance:9.9":  `no guidance section "9.9" (known: 3.1, 3.2)`,
		"checklist:9-9": `no checklist item "9-9" (known: 1-1, 2-1)`,
		"law:1":         `unknown kind "law"`,
		"3.1":           "write guidance:<section> or checklist:<item>",
	} {
		err := r.Check(ref)
		if (err == nil) != (want == "") || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("Check(%q) = %v, want %q", ref, err, want)
		}
	}
	if got := r.Label("checklist:2-1"); got != "チェックリスト 2-1 台帳" {
		t.Errorf("Label = %q", got)
	}
}
