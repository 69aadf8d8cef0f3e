package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// Deadline is one dated obligation the documents state: a contract's
// notice deadline or renewal, a device's end of support, the next review,
// training, drill or restore test, the two-factor target, a checklist
// target date. Its date comes from the verdicts; a date the profile does
// not give makes no deadline.
type Deadline struct {
	// ID identifies the obligation across builds (kind@subject, e.g.
	// "contract-notice@vendor:medisys"), so a calendar event keeps its
	// UID when its date moves.
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Date string `json:"date"`
	// Title says what falls due, Action what to do; TitleEn and ActionEn
	// are the English.
	Title    string `json:"title"`
	TitleEn  string `json:"title_en"`
	Action   string `json:"action"`
	ActionEn string `json:"action_en"`
	// Confirm: part of the obligation is a fact to confirm (確認事項),
	// such as a notice period the profile does not give.
	Confirm bool `json:"confirm,omitempty"`
	// Urgency is the verdict's urgency ("high", "medium", "low"), empty
	// when the verdicts rate none.
	Urgency string `json:"urgency,omitempty"`
	// Past: the date is before the report's as-of date.
	Past bool `json:"past,omitempty"`
	// Document and Section name the section that states the obligation
	// (empty when the clinic's documents leave it out).
	Document string `json:"document,omitempty"`
	Section  string `json:"section,omitempty"`
}

// deadlineSections are the sections that state each kind of deadline,
// the first of them the documents have.
var deadlineSections = map[string][][2]string{
	"contract-notice":  {{"vendors", "vendors-renewal"}},
	"contract-renewal": {{"vendors", "vendors-renewal"}},
	"end-of-support":   {{"inventory", "inventory-devices"}},
	"review":           {{"basic-policy", "basic-policy-review"}},
	"training":         {{"training", "training-plan"}},
	"drill":            {{"bcp", "bcp-drill"}},
	"restore-test":     {{"backup", "backup-restore-test"}},
	"two-factor":       {{"regulations", "regulations-passwords"}},
	"checklist-target": {{"checklist", "checklist-items"}},
	"confirm":          {{"vendors", "vendors-confirm"}, {"backup", "backup-list"}, {"inventory", "inventory-upkeep"}},
}

// levelName is a verdict level as a finding severity is named.
func levelName(l verdict.Level) string {
	switch l {
	case verdict.High:
		return "high"
	case verdict.Medium:
		return "medium"
	case verdict.Low:
		return "low"
	}
	return ""
}

// SetDeadlines lists the clinic's dated obligations in the report, sorted
// by date: from the verdicts made for the Japanese pages (p, v) and for
// the English ones (pe, ve), and the target dates of the checklist
// (given before with SetChecklist). The wording comes from the messages (deadlines.<lang>.toml).
func (r *Report) SetDeadlines(p, pe *profile.Profile, v, ve *verdict.Clinic, m *fragment.Messages) {
	asOf := v.AsOf
	sections := map[string]bool{}
	for _, d := range r.Documents {
		for _, s := range d.Sections {
			sections[d.ID+"#"+s.ID] = true
		}
	}
	var out []*Deadline
	// add records a deadline worded by the messages title and action
	// of its kind (prefixed variant_ for a variant).
	add := func(kind, subject string, date time.Time, titleVariant, actionVariant string, ja, en []string) *Deadline {
		d := Deadline{ID: kind + "@" + subject, Kind: kind, Date: date.Format("2006-01-02"), Past: date.Before(asOf)}
		base := "deadlines." + kind + "."
		title, action := "title", "action"
		if titleVariant != "" {
			title = titleVariant + "_title"
		}
		if actionVariant != "" {
			action = actionVariant + "_action"
		}
		d.Title, d.TitleEn = m.Text("ja", base+title, ja...), m.Text("en", base+title, en...)
		d.Action, d.ActionEn = m.Text("ja", base+action, ja...), m.Text("en", base+action, en...)
		for _, loc := range deadlineSections[kind] {
			if sections[loc[0]+"#"+loc[1]] {
				d.Document, d.Section = loc[0], loc[1]
				break
			}
		}
		out = append(out, &d)
		return &d
	}
	dates := func(t time.Time) (string, string) { return fragment.JDate(t), fragment.EDate(t) }
	pair := func(name string, ja, en string, jaArgs, enArgs *[]string) {
		*jaArgs = append(*jaArgs, name, ja)
		*enArgs = append(*enArgs, name, en)
	}

	for i, vv := range v.Vendors {
		c := vv.Contract
		if c.Renewal.IsZero() {
			continue
		}
		var ja, en []string
		pair("vendor", vv.Name, ve.Vendors[i].Name, &ja, &en)
		rj, re := dates(c.Renewal)
		pair("renewal", rj, re, &ja, &en)
		subject := "vendor:" + vv.ID
		if c.NoticeKnown {
			d := add("contract-notice", subject, c.NoticeBy, "", "", ja, en)
			d.Urgency = levelName(c.Urgency)
			add("contract-renewal", subject, c.Renewal, "", "", ja, en)
			continue
		}
		d := add("contract-renewal", subject, c.Renewal, "", "confirm", ja, en)
		d.Confirm = true
		d.Urgency = levelName(c.Urgency)
	}
	for i, dv := range v.Devices {
		if dv.EndOfSupport.IsZero() {
			continue
		}
		var ja, en []string
		pair("device", dv.Name, ve.Devices[i].Name, &ja, &en)
		key := ""
		if os := p.Devices[dv.Index].OS; os != "" {
			pair("os", os, pe.Devices[dv.Index].OS, &ja, &en)
			key = "os"
		}
		d := add("end-of-support", "device:"+dv.ID, dv.EndOfSupport, key, "", ja, en)
		switch dv.Support {
		case verdict.SupportEnded:
			d.Urgency = "high"
		case verdict.SupportEndingSoon:
			d.Urgency = "medium"
		}
	}
	if !v.Review.Next.IsZero() && !v.Review.Last.IsZero() {
		var ja, en []string
		lj, le := dates(v.Review.Last)
		pair("last", lj, le, &ja, &en)
		d := add("review", "policy", v.Review.Next, "", "", ja, en)
		if v.Review.Overdue {
			d.Urgency = "high"
		}
	}
	for _, rc := range []struct {
		kind string
		r    verdict.Recurring
	}{{"training", v.Training}, {"drill", v.Drill}} {
		// Never done: the date would be invented; the findings ask for
		// it instead.
		if rc.r.Never {
			continue
		}
		var ja, en []string
		lj, le := dates(rc.r.Last)
		pair("last", lj, le, &ja, &en)
		d := add(rc.kind, "policy", rc.r.Next, "", "", ja, en)
		if rc.r.Overdue {
			d.Urgency = "medium"
		}
	}
	for i, sv := range v.Systems {
		b := sv.Backup
		if !b.Applies || b.Missing() {
			continue
		}
		var ja, en []string
		pair("system", sv.Name, ve.Systems[i].Name, &ja, &en)
		variant := ""
		if b.LastRestore.IsZero() {
			// None recorded: the documents ask for one within 90 days,
			// or, where the vendor runs the backup, to confirm its tests.
			variant = "first"
			if b.Restore.IsUnknown() {
				variant = "confirm"
			}
		} else {
			lj, le := dates(b.LastRestore)
			pair("last", lj, le, &ja, &en)
		}
		d := add("restore-test", "system:"+sv.ID, b.RestoreDue, "", variant, ja, en)
		d.Confirm = b.Restore.IsUnknown()
		if b.RestoreStale || b.LastRestore.IsZero() {
			d.Urgency = "medium"
		}
	}
	if tf, tfe := v.TwoFactorSystems, ve.TwoFactorSystems; len(tf.Without)+len(tf.Unconfirmed) > 0 {
		names := func(sep string, lists ...[]*verdict.System) string {
			var s []string
			for _, l := range lists {
				for _, sv := range l {
					s = append(s, sv.Name)
				}
			}
			return strings.Join(s, sep)
		}
		var ja, en []string
		pair("systems", names("、", tf.Without, tf.Unconfirmed), names(", ", tfe.Without, tfe.Unconfirmed), &ja, &en)
		key := ""
		if len(tf.Without) == 0 {
			key = "confirm"
		}
		d := add("two-factor", "clinic", v.TwoFactorBy, "", key, ja, en)
		d.Confirm = key == "confirm"
	}
	// The facts the profile does not write (the findings' 確認事項) are
	// to be confirmed by one date, which the documents state.
	if n := findings.Confirms(r.Findings); n > 0 {
		var ja, en []string
		pair("count", strconv.Itoa(n), strconv.Itoa(n), &ja, &en)
		d := add("confirm", "clinic", v.ConfirmBy, "", "", ja, en)
		d.Confirm = true
	}
	// The checklist's いいえ items grouped by target date; 2-10 is the
	// two-factor deadline above.
	targets := map[string][]string{}
	for _, c := range r.Checklist {
		if c.Target == "" || c.ID == "2-10" {
			continue
		}
		targets[c.Target] = append(targets[c.Target], c.ID)
	}
	for date, ids := range targets {
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			continue
		}
		var ja, en []string
		pair("items", strings.Join(ids, "、"), strings.Join(ids, ", "), &ja, &en)
		add("checklist-target", date, t, "", "", ja, en)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	r.Deadlines = make([]Deadline, len(out))
	for i, d := range out {
		r.Deadlines[i] = *d
	}
}
