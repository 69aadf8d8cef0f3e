package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/refs"
)

func TestNew(t *testing.T) {
	p := &profile.Profile{
		File:   "x.toml",
		Clinic: profile.Clinic{ID: "c", Name: "<b>診療所</b>", Type: profile.TypeDental, Manager: "a"},
		Policy: profile.Policy{Version: "2.0", Effective: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
			LastReview: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), ReviewIntervalMonths: 6, Approver: "a",
			History: []profile.Revision{{Version: "2.0", Date: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Summary: "改訂"}}},
		Staff: []profile.Staff{{ID: "a", Name: "院長"}},
	}
	set := &fragment.Set{Refs: refs.Registry{
		Guidance:  []refs.Guidance{{ID: "3.1", Title: "責任"}, {ID: "3.2", Title: "リスク"}},
		Checklist: []refs.ChecklistItem{{ID: "1-1", Text: "責任者", Status: "confirmed"}},
	}}
	res := &assemble.Result{
		Documents: []assemble.Document{{DocumentInfo: fragment.DocumentInfo{ID: "d", Title: "文書"},
			Sections: []assemble.Section{{ID: "s", Title: "節", File: "templates/d/s.md", Origin: "templates", Refs: []string{"guidance:3.1", "checklist:1-1"}}}}},
		Trace: map[string][]assemble.Trace{
			"guidance:3.1":  {{Document: "d", Section: "s", Title: "節"}},
			"checklist:1-1": {{Document: "d", Section: "s", Title: "節"}},
		},
		Skipped: []string{"other"},
	}
	r := New(p, set, res, map[string][]byte{"contact-attack.svg": []byte("<svg/>")}, p.Policy.LastReview, nil)
	if r.Clinic.TypeJa != "歯科診療所" || r.Clinic.Manager != "院長" || r.Policy.NextReview != "2026-10-01" || r.Policy.Approver != "院長" {
		t.Errorf("summary = %+v %+v", r.Clinic, r.Policy)
	}
	if len(r.Refs) != 3 || len(r.Refs[0].By) != 1 || len(r.Refs[1].By) != 0 || r.Refs[2].Status != "confirmed" {
		t.Errorf("refs = %+v", r.Refs)
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	for _, want := range []string{`"implemented_by":[]`, `"skipped_fragments":["other"]`, `"origin":"templates"`, `\u003cb\u003e診療所\u003c/b\u003e`} {
		if !strings.Contains(s, want) {
			t.Errorf("report.json lacks %s:\n%s", want, s)
		}
	}
}
