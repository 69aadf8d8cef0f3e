// Package findings holds the rules that read a clinic profile the way a
// careful consultant would and flag the gaps: roles without deputies,
// backups without an offline copy or a recent restore test, vendors whose
// documents or contract terms are missing, shared accounts, devices past
// their end of support, an overdue review. Each finding says which profile
// key it is about, which guidance section and checklist item it relates
// to, and what to do.
package findings

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// Severity ranks findings; higher is more urgent.
type Severity int

// Severities, from least to most urgent.
const (
	Info Severity = iota
	Low
	Medium
	High
)

var severityNames = []string{"info", "low", "medium", "high"}
var severityJa = []string{"参考", "低", "中", "高"}

// String is the severity's name: info, low, medium or high.
func (s Severity) String() string { return severityNames[s] }

// Ja is the severity's Japanese label.
func (s Severity) Ja() string { return severityJa[s] }

// MarshalText writes the severity's name (for JSON).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name, so report.json reads back.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity reads a severity name.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (known: %s)", name, strings.Join(severityNames, ", "))
}

// Finding is one gap in one place of the profile.
type Finding struct {
	// ID identifies the finding across runs: its rule and profile path,
	// e.g. "role-no-deputy@roles[7]".
	ID string `json:"id"`
	// Rule identifies the rule, e.g. "role-no-deputy".
	Rule string `json:"rule"`
	// Kind is "gap" for a shortfall the profile shows, "confirm" for a
	// fact it does not state that someone must confirm (確認事項).
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	// Path is the profile key the finding is about, e.g. "roles[7]".
	Path string `json:"path"`
	// Title says what is wrong, Detail the specifics, Action what to do.
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Action string `json:"action"`
	// English versions of Title, Detail and Action, for the English site.
	TitleEn  string `json:"title_en"`
	DetailEn string `json:"detail_en"`
	ActionEn string `json:"action_en"`
	// Refs name the guidance sections and checklist items concerned, as
	// fragments' refs do ("guidance:3.3.1", "checklist:2-3").
	Refs []string `json:"refs"`
}

// Kinds of finding: a gap the profile shows, or a fact it does not state
// that someone must confirm (確認事項).
const (
	KindGap     = "gap"
	KindConfirm = "confirm"
)

// Check runs every rule over the profile and its verdicts and returns the
// findings, most severe first, then in profile order. The wording comes
// from the messages (findings.<lang>.toml), the kind, severity and refs
// from their rule table.
func Check(p *profile.Profile, v *verdict.Clinic, m *fragment.Messages) []Finding {
	c := &checker{p: p, v: v, m: m}
	c.roles()
	c.systems()
	c.devices()
	c.vendors()
	c.policy()
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Severity > c.out[j].Severity })
	return c.out
}

// Bilingual runs the rules on the profile and on its English copy (the
// same facts, the English of its texts) and returns the first run's
// findings with their English texts from the second, so the English
// pages name systems, vendors and devices in English. The verdicts are
// the same in both (text is judged in Japanese); should the runs ever
// differ, the English texts of the first run are kept.
func Bilingual(p *profile.Profile, v *verdict.Clinic, pe *profile.Profile, ve *verdict.Clinic, m *fragment.Messages) []Finding {
	ja, en := Check(p, v, m), Check(pe, ve, m)
	if len(ja) != len(en) {
		return ja
	}
	for i := range ja {
		if ja[i].ID != en[i].ID {
			return ja
		}
	}
	for i := range ja {
		ja[i].TitleEn, ja[i].DetailEn, ja[i].ActionEn = en[i].TitleEn, en[i].DetailEn, en[i].ActionEn
	}
	return ja
}

// Count tallies findings by severity.
func Count(fs []Finding) map[string]int {
	m := map[string]int{}
	for _, s := range severityNames {
		m[s] = 0
	}
	for _, f := range fs {
		m[f.Severity.String()]++
	}
	return m
}

// Confirms counts the findings that are facts to confirm (確認事項); the
// others are gaps.
func Confirms(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Kind == KindConfirm {
			n++
		}
	}
	return n
}

// Worst returns the highest severity among findings, and false when there
// are none.
func Worst(fs []Finding) (Severity, bool) {
	if len(fs) == 0 {
		return 0, false
	}
	w := Info
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w, true
}

type checker struct {
	p   *profile.Profile
	v   *verdict.Clinic
	m   *fragment.Messages
	out []Finding
}

// arg is one placeholder of a message, in both languages.
type arg struct{ name, ja, en string }

func same(name, value string) arg { return arg{name, value, value} }

// add records a finding of a rule about a profile path. The rule's table
// entry gives its kind, severity and refs; sev, when not zero, raises or
// lowers the severity (urgency from a verdict).
func (c *checker) add(rule, variant, path string, sev *Severity, args ...arg) {
	r, ok := c.m.Rules[rule+":"+variant]
	if !ok {
		r = c.m.Rules[rule]
	}
	f := Finding{Rule: rule, Path: path, Kind: r.Kind, Refs: r.Refs}
	f.Severity, _ = ParseSeverity(r.Severity)
	if sev != nil {
		f.Severity = *sev
	}
	ja := []string{"self", c.p.Clinic.Type.Self()}
	en := []string{"self", c.p.Clinic.Type.SelfEn()}
	for _, a := range args {
		ja = append(ja, a.name, a.ja)
		en = append(en, a.name, a.en)
	}
	key := "findings." + rule + "."
	f.Title, f.Detail, f.Action = c.m.Text("ja", key+"title", ja...), c.m.Text("ja", key+"detail", ja...), c.m.Text("ja", key+"action", ja...)
	f.TitleEn, f.DetailEn, f.ActionEn = c.m.Text("en", key+"title", en...), c.m.Text("en", key+"detail", en...), c.m.Text("en", key+"action", en...)
	if f.Kind == KindConfirm {
		// A fact to confirm gets a date (verdict.Clinic.ConfirmBy).
		by := date("date", c.v.ConfirmBy)
		f.Action += c.m.Text("ja", "findings.confirm.by", "date", by.ja)
		f.ActionEn += " " + c.m.Text("en", "findings.confirm.by", "date", by.en)
	}
	f.ID = rule + "@" + path
	c.out = append(c.out, f)
}

// parts joins the names of parts (copies, offline …) in both languages.
func (c *checker) parts(list []string) arg {
	ja, en := make([]string, len(list)), make([]string, len(list))
	for i, p := range list {
		ja[i] = c.m.Text("ja", "findings.parts."+p)
		en[i] = c.m.Text("en", "findings.parts."+p)
	}
	return arg{"parts", strings.Join(ja, c.m.Text("ja", "findings.parts.sep")), strings.Join(en, c.m.Text("en", "findings.parts.sep"))}
}

func date(name string, t time.Time) arg { return arg{name, fragment.JDate(t), fragment.EDate(t)} }

func num(name string, n int) arg { return same(name, strconv.Itoa(n)) }

func (c *checker) roles() {
	p := c.p
	for _, kind := range []profile.RoleKind{profile.RoleSecurityOfficer, profile.RoleIncidentContact, profile.RolePrivacyOfficer, profile.RoleBackupOperator} {
		if p.Role(string(kind)) == nil {
			c.add("role-missing", string(kind), "roles", nil, arg{"role", kind.Ja(), strings.ToLower(kind.En())})
		}
	}
	for i, r := range p.Roles {
		if r.Deputy == "" {
			c.add("role-no-deputy", "", fmt.Sprintf("roles[%d].deputy", i), nil,
				arg{"role", r.Role.Ja(), strings.ToLower(r.Role.En())}, same("holder", p.Party(r.Holder)))
		}
	}
	if d := c.v.Duties; d.OutsideReviewer {
		auditor := d.Auditor
		c.add("duties-outside-reviewer", "", "roles", nil, arg{"auditor", or(auditor, "未指定"), or(auditor, "not appointed")}, num("n", d.HeadCount))
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (c *checker) systems() {
	for _, s := range c.v.Systems {
		path := fmt.Sprintf("systems[%d]", s.Index)
		sys, who := same("system", s.Name), same("who", s.Confirmer)
		if s.ScopeUnconfirmed() {
			c.add("scope-unconfirmed", "", path+".medical_info", nil, sys, who)
		}
		if b := s.Backup; b.Applies {
			bwho := same("who", or(b.Operator, s.Confirmer))
			switch {
			case b.Missing():
				c.add("backup-missing", "", path+".backup", nil, sys, bwho)
			case b.Unrecorded():
				c.add("backup-unrecorded", "", path+".backup", nil, sys, bwho)
			default:
				if b.OfflineOrGenerations == verdict.Gap {
					c.add("backup-no-offline", "", path+".backup.offline", nil, sys, num("n", b.Generations.N()))
				} else if b.Gap("offline") {
					c.add("backup-offline", "", path+".backup.offline", nil, sys, num("n", b.Generations.N()))
				} else if b.Gap("generations") {
					c.add("backup-generations", "", path+".backup.generations", nil, sys, num("n", b.Generations.N()))
				}
				if b.Gap("copies") {
					c.add("backup-copies", "", path+".backup.copies", nil, sys, num("n", b.Copies.N()))
				}
				if len(b.Unknowns) > 0 {
					c.add("backup-unconfirmed", "", path+".backup", nil, sys, bwho, c.parts(b.Unknowns))
				}
			}
			switch {
			case !b.Kept():
			case b.Restore == verdict.Unknown:
				c.add("restore-unconfirmed", "", path+".backup.last_restore_test", nil, sys, bwho)
			case b.Restore == verdict.Gap && b.RestoreStale:
				c.add("restore-test-stale", "", path+".backup.last_restore_test", nil, sys, date("date", b.LastRestore))
			case b.Restore == verdict.Gap:
				c.add("restore-never-tested", "", path+".backup.last_restore_test", nil, sys, bwho)
			}
		}
		r := s.Remote
		switch {
		case r.Enabled.IsYes() && !r.Method:
			c.add("remote-undocumented", "", path+".remote_maintenance.method", nil, sys, who)
		case !r.Enabled.Known() && s.InScope() && s.Vendor != "":
			c.add("remote-unconfirmed", "", path+".remote_maintenance.enabled", nil, sys, who)
		}
		if r.Enabled.IsYes() && !r.Approval {
			c.add("remote-no-approval", "", path+".remote_maintenance.approval", nil, sys)
		}
		if !s.InScope() {
			continue
		}
		a := s.Auth
		if a.Shared == verdict.Gap {
			c.add("shared-accounts", "", path+".auth.shared_accounts", nil, sys, who)
		}
		if a.TwoFactorApplies && a.TwoFactor == verdict.Gap {
			c.add("no-two-factor", "", path+".auth.two_factor", nil, sys, who, date("date", c.v.TwoFactorBy))
		}
		if a.Password == verdict.Gap {
			c.add("password-short", "", path+".auth.password_min_length", nil, sys, num("n", a.PasswordMinLength.N()))
		}
		var unknown []string
		if a.Shared == verdict.Unknown {
			unknown = append(unknown, "shared")
		}
		if a.TwoFactorApplies && a.TwoFactor == verdict.Unknown {
			unknown = append(unknown, "two_factor")
		}
		if !s.National && !a.PasswordMinLength.Known() && a.Password == verdict.Unknown {
			unknown = append(unknown, "password")
		}
		if len(unknown) > 0 {
			c.add("auth-unconfirmed", "", path+".auth", nil, sys, who, c.parts(unknown))
		}
	}
}

func (c *checker) devices() {
	p := c.p
	var unknownJa, unknownEn []string
	for _, d := range c.v.Devices {
		pd := p.Devices[d.Index]
		path := fmt.Sprintf("devices[%d]", d.Index)
		dev, who := same("device", d.Name), same("who", or(p.Party(pd.ManagedBy), p.Manager().Name))
		os := arg{"os", or(pd.OS, pd.Kind.Ja()), or(pd.OS, pd.Kind.En())}
		switch d.Support {
		case verdict.SupportEnded:
			c.add("device-end-of-support", "", path+".end_of_support", nil, dev, os, who, date("date", pd.EndOfSupport))
		case verdict.SupportEndingSoon:
			c.add("device-end-of-support-soon", "", path+".end_of_support", nil, dev, os, who, date("date", pd.EndOfSupport))
		case verdict.SupportUnknown:
			if hasSoftware(pd.Kind) && !d.Personal {
				unknownJa = append(unknownJa, d.Name)
				unknownEn = append(unknownEn, d.Name)
			}
		}
		if pd.Owner == "" && pd.Portable.IsYes() && (pd.Kind == "smartphone" || pd.Kind == "tablet" || pd.Kind == "laptop") {
			c.add("device-owner-unconfirmed", "", path+".owner", nil, dev)
		}
		if !d.Personal || !d.Medical {
			continue
		}
		var names []string
		for _, id := range pd.Systems {
			if s := c.v.System(id); s != nil && s.InScope() {
				names = append(names, s.Name)
			}
		}
		systems := arg{"systems", strings.Join(names, "、"), strings.Join(names, ", ")}
		switch d.Managed {
		case verdict.Gap:
			c.add("byod-unmanaged", "", path+".mdm", nil, dev, systems, who)
		case verdict.Unknown:
			c.add("byod-unconfirmed", "", path+".mdm", nil, dev, systems)
		}
		if len(d.Uncontracted) > 0 {
			c.add("byod-no-contract", "", path+".systems", nil, dev,
				arg{"systems", strings.Join(d.Uncontracted, "、"), strings.Join(d.Uncontracted, ", ")})
		}
	}
	if len(unknownJa) > 0 {
		c.add("device-support-unconfirmed", "", "devices", nil, arg{"names", strings.Join(unknownJa, "、"), strings.Join(unknownEn, ", ")})
	}
}

// hasSoftware tells whether a kind of device runs software that stops
// getting security updates at an end of support.
func hasSoftware(k profile.DeviceKind) bool {
	switch k {
	case "server", "pc", "laptop", "tablet", "smartphone", "router", "utm", "wifi", "nas":
		return true
	}
	return false
}

func (c *checker) vendors() {
	p := c.p
	for _, v := range c.v.Vendors {
		pv := p.Vendors[v.Index]
		path := fmt.Sprintf("vendors[%d]", v.Index)
		ven := same("vendor", v.Name)
		if v.Medical {
			if v.NoMDS {
				c.add("vendor-no-disclosure", "", path+".documents", nil, ven)
			}
			if pv.Documents.Responsibility.IsZero() {
				c.add("vendor-no-responsibility", "", path+".documents.responsibility", nil, ven)
			}
			if strings.TrimSpace(pv.Contract.TerminationData) == "" {
				c.add("contract-no-termination-clause", "", path+".contract.termination_data", nil, ven)
			}
		}
		ct := v.Contract
		renewal := date("renewal", ct.Renewal)
		switch {
		case ct.Urgency == 0:
		case ct.NoticeKnown && !ct.NoticePassed:
			sev := Medium
			if ct.Urgency == verdict.High {
				sev = High
			}
			c.add("contract-notice-soon", "", path+".contract.notice_days", &sev, ven, renewal,
				date("date", ct.NoticeBy), num("days", ct.DaysToNotice), num("n", pv.Contract.NoticeDays.N()))
		case !ct.NoticeKnown:
			c.add("contract-notice-unconfirmed", "", path+".contract.notice_days", nil, ven, renewal)
		default:
			c.add("contract-renewal-soon", "", path+".contract.renewal", nil, ven, renewal)
		}
	}
	// Several vendors' systems connect, and the profile does not say who
	// advises on the whole and sorts out faults that cross them.
	if co := c.v.Coordination; co.Several() && co.Coordinator == nil {
		names := make([]string, len(co.Vendors))
		for i, v := range co.Vendors {
			names[i] = v.Name
		}
		suggest := arg{"suggest", "各事業者", "the vendors"}
		if co.Network != nil {
			suggest = same("suggest", co.Network.Name)
		}
		c.add("coordination-unconfirmed", "", "policy.coordinator", nil, num("n", len(co.Vendors)),
			arg{"vendors", strings.Join(names, "、"), strings.Join(names, ", ")}, suggest)
	}
}

func (c *checker) policy() {
	if r := c.v.Review; r.Overdue {
		c.add("review-overdue", "", "policy.last_review", nil, date("date", r.Next), date("last", r.Last))
	}
	switch t := c.v.Training; {
	case t.Never:
		c.add("training-none", "", "policy.last_training", nil)
	case t.Overdue:
		c.add("training-stale", "", "policy.last_training", nil, date("date", t.Last))
	}
}
