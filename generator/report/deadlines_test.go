package report

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// deadlines lists the deadlines of the findings' clean profile, edited.
func deadlines(t *testing.T, edit func(string) string, fs ...findings.Finding) map[string]Deadline {
	t.Helper()
	data, err := os.ReadFile("../findings/testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Decode("clean.toml", []byte(edit(string(data))))
	if err != nil {
		t.Fatal(err)
	}
	m, err := fragment.LoadMessages(fragment.Layer{Name: "templates", FS: os.DirFS("../../templates")})
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	pe := p.In("en")
	r := &Report{Findings: fs}
	r.SetDeadlines(p, pe, verdict.Judge(p, asOf), verdict.Judge(pe, asOf), m)
	out := map[string]Deadline{}
	for i, d := range r.Deadlines {
		if i > 0 && d.Date < r.Deadlines[i-1].Date {
			t.Errorf("%s before %s: not in date order", d.ID, r.Deadlines[i-1].ID)
		}
		if strings.Contains(d.Title+d.Action+d.TitleEn+d.ActionEn, "[") {
			t.Errorf("%s: a message is missing: %q %q", d.ID, d.Title, d.ActionEn)
		}
		out[d.ID] = d
	}
	return out
}

// TestDeadlines checks which dated obligations become deadlines: a date
// the profile does not give makes none (unknown is not no), a renewal
// without a notice period asks to confirm it, a restore test never done
// is due when the documents say.
func TestDeadlines(t *testing.T) {
	same := func(s string) string { return s }
	tests := []struct {
		name    string
		edit    func(string) string
		want    map[string]string // id → date
		confirm []string
		absent  []string
	}{
		{"clean", same, map[string]string{
			"contract-notice@vendor:v": "2027-01-30", "contract-renewal@vendor:v": "2027-03-31",
			"training@policy": "2027-02-01", "end-of-support@device:srv": "2031-10-14",
		}, nil, []string{"two-factor@clinic", "drill@policy"}},
		{"no notice period", func(s string) string { return strings.Replace(s, "notice_days = 60\n", "", 1) },
			map[string]string{"contract-renewal@vendor:v": "2027-03-31"}, []string{"contract-renewal@vendor:v"}, []string{"contract-notice@vendor:v"}},
		{"no renewal date", func(s string) string { return strings.Replace(s, "renewal = 2027-03-31\n", "", 1) },
			nil, nil, []string{"contract-notice@vendor:v", "contract-renewal@vendor:v"}},
		{"no training recorded", func(s string) string { return strings.Replace(s, "last_training = 2026-02-01\n", "", 1) },
			nil, nil, []string{"training@policy"}},
		{"no end of support", func(s string) string { return strings.Replace(s, "end_of_support = 2031-10-14\n", "", 1) },
			nil, nil, []string{"end-of-support@device:srv"}},
		// No restore test on record: the documents ask for one within 90
		// days of their date, and so does the calendar.
		{"no restore test", func(s string) string { return strings.Replace(s, "last_restore_test = 2026-01-15\n", "", 1) },
			map[string]string{"restore-test@system:emr": "2026-08-30"}, nil, nil},
		{"two-factor unconfirmed", func(s string) string { return strings.Replace(s, "two_factor = true\n", "", 1) },
			map[string]string{"two-factor@clinic": "2028-03-31"}, []string{"two-factor@clinic"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := deadlines(t, tc.edit)
			for id, date := range tc.want {
				if d, ok := got[id]; !ok || d.Date != date {
					t.Errorf("%s: %+v, want the date %s (have %v)", id, d, date, keys(got))
				}
			}
			for _, id := range tc.confirm {
				if !got[id].Confirm {
					t.Errorf("%s does not ask to confirm", id)
				}
			}
			for _, id := range tc.absent {
				if _, ok := got[id]; ok {
					t.Errorf("%s is a deadline: %+v", id, got[id])
				}
			}
		})
	}
}

// TestConfirmDeadline: facts to confirm (確認事項) give one deadline, the
// date the documents give for confirming them, with their number; gaps
// alone give none.
func TestConfirmDeadline(t *testing.T) {
	same := func(s string) string { return s }
	gap := findings.Finding{ID: "g", Kind: findings.KindGap}
	confirm := findings.Finding{ID: "c", Kind: findings.KindConfirm}
	if d, ok := deadlines(t, same, gap)["confirm@clinic"]; ok {
		t.Errorf("a deadline without facts to confirm: %+v", d)
	}
	d, ok := deadlines(t, same, gap, confirm, confirm)["confirm@clinic"]
	if !ok {
		t.Fatal("no deadline for two facts to confirm")
	}
	if d.Date != "2026-07-01" || !d.Confirm || !strings.Contains(d.Title, "2件") || !strings.Contains(d.ActionEn, "2 facts") {
		t.Errorf("deadline %+v; want 2026-07-01 (a month after the documents' date), to confirm, 2 facts", d)
	}
}

func keys(m map[string]Deadline) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
