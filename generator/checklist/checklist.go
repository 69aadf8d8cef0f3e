// Package checklist answers the MHLW サイバーセキュリティ対策チェックリスト
// from a clinic profile: for each item はい, いいえ or 要確認 (an open
// question the profile cannot answer), with the profile facts the answer
// rests on, and for いいえ the step to take and the target date. It also
// lays out the 事業者確認用 sheets, one per vendor and system.
package checklist

import (
	"strconv"
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/refs"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// Answers.
const (
	Yes  = "はい"
	No   = "いいえ"
	Open = "要確認"
)

// Row is one item of a sheet, answered.
type Row struct {
	refs.ChecklistItem
	Answer string
	// Evidence names the profile facts the answer rests on.
	Evidence string
	// Step is what to do: for いいえ the measure to take, for 要確認 what to
	// ask or check.
	Step string
	// English versions of Evidence and Step, for the English documents.
	EvidenceEn string
	StepEn     string
	// Checked is the date the answer holds as of (the profile's date);
	// empty for open questions, which are dated by hand when checked.
	// CheckedOn is the same date, zero when Checked is empty.
	Checked   string
	CheckedOn time.Time
	// Target is the date by which an いいえ is to be fixed; TargetBy the
	// same date.
	Target   string
	TargetBy time.Time
}

// FiscalYearEnd is the last day of the Japanese fiscal year (April to
// March) containing t.
func FiscalYearEnd(t time.Time) time.Time {
	y := t.Year()
	if t.Month() >= time.April {
		y++
	}
	return time.Date(y, time.March, 31, 0, 0, 0, 0, time.UTC)
}

// EditionFY is the fiscal year of the checklist edition whose items
// templates/refs.toml holds: 2025, the 令和7年度版.
const EditionFY = 2025

// FiscalYear is the Japanese fiscal year (April to March) containing t,
// by the calendar year it starts in: 2026 for 2027-03-31.
func FiscalYear(t time.Time) int {
	if t.Month() >= time.April {
		return t.Year()
	}
	return t.Year() - 1
}

// Year is which year's checklist a sheet is: the manual of each year's
// edition asks for the target dates of いいえ within that year, so the
// sheet is for the fiscal year of the check, and its targets are that
// year's last day.
type Year struct {
	// FY is the fiscal year of the check; Edition that of the edition
	// whose items the sheet holds.
	FY, Edition int
	// Start and End are the first and last day of FY.
	Start, End time.Time
}

// SheetYear is the year of a sheet checked as of a date.
func SheetYear(asOf time.Time) Year {
	fy := FiscalYear(asOf)
	return Year{FY: fy, Edition: EditionFY,
		Start: time.Date(fy, time.April, 1, 0, 0, 0, 0, time.UTC), End: FiscalYearEnd(asOf)}
}

// Reiwa is FY as a 令和 year (2026 is 8).
func (y Year) Reiwa() int { return y.FY - 2018 }

// EditionReiwa is Edition as a 令和 year.
func (y Year) EditionReiwa() int { return y.Edition - 2018 }

// YearName is FY as the documents name it: 令和8年度.
func (y Year) YearName() string { return "令和" + strconv.Itoa(y.Reiwa()) + "年度" }

// YearNameEn is YearName in English, with the Japanese: FY2026 (令和8年度).
func (y Year) YearNameEn() string { return "FY" + strconv.Itoa(y.FY) + " (" + y.YearName() + ")" }

// EditionName is Edition as the documents name it: 令和7年度.
func (y Year) EditionName() string { return "令和" + strconv.Itoa(y.EditionReiwa()) + "年度" }

// EditionNameEn is EditionName in English: FY2025 (令和7年度).
func (y Year) EditionNameEn() string {
	return "FY" + strconv.Itoa(y.Edition) + " (" + y.EditionName() + ")"
}

// Later tells that the check falls in a fiscal year after the edition's:
// that year's edition, once published, is the one to fill in.
func (y Year) Later() bool { return y.FY > y.Edition }

// Clinic answers the 医療機関確認用 sheet (the 薬局確認用 one for a
// pharmacy: the items are the same) from the profile and its verdicts.
//
// The wording comes from the messages (checklist.<lang>.toml).
func Clinic(p *profile.Profile, v *verdict.Clinic, items []refs.ChecklistItem, m *fragment.Messages) []Row {
	asOf := v.AsOf
	var rows []Row
	for _, it := range items {
		if p.Clinic.Type == profile.TypePharmacy && !it.Pharmacy {
			continue
		}
		r := answer(p, v, it.ID, m)
		r.ChecklistItem = it
		if r.Answer != Open {
			r.Checked, r.CheckedOn = asOf.Format("2006-01-02"), asOf
		}
		if r.Answer == No && r.Target == "" {
			r.TargetBy = FiscalYearEnd(asOf)
			r.Target = r.TargetBy.Format("2006-01-02")
		}
		rows = append(rows, r)
	}
	return rows
}

// text is a message, or a value, in either language: lang is "ja" or "en".
type text func(lang string) string

// lit is a value that reads the same in both languages (a name, a date).
func lit(s string) text { return func(string) string { return s } }

// arg fills one placeholder of a message.
type arg struct {
	name string
	val  text
}

func same(name, value string) arg { return arg{name, lit(value)} }

func num(name string, n int) arg { return same(name, strconv.Itoa(n)) }

// day is a date as the language writes it in prose: 2026年4月1日,
// 1 April 2026.
func day(name string, t time.Time) arg {
	return arg{name, func(lang string) string {
		if lang == "en" {
			return fragment.EDate(t)
		}
		return fragment.JDate(t)
	}}
}

// words gives the messages of one checklist item: the table named by the
// item's id in checklist.<lang>.toml.
type words struct {
	m  *fragment.Messages
	id string
}

// msg is the item's message key with its placeholders filled.
func (w words) msg(key string, args ...arg) text {
	return func(lang string) string {
		pairs := make([]string, 0, 2*len(args))
		for _, a := range args {
			pairs = append(pairs, a.name, a.val(lang))
		}
		return w.m.Text(lang, "checklist."+w.id+"."+key, pairs...)
	}
}

// count is msg for a message in two forms chosen by the number n,
// key_one and key_many (the English singular and plural), with n filled
// in as {n}.
func (w words) count(key string, n int, args ...arg) text {
	form := "_many"
	if n == 1 {
		form = "_one"
	}
	return w.msg(key+form, append([]arg{num("n", n)}, args...)...)
}

// list fills the placeholder name with the items joined by the
// language's separator.
func (w words) list(name string, items []text) arg {
	return arg{name, func(lang string) string {
		out := make([]string, len(items))
		for i, t := range items {
			out[i] = t(lang)
		}
		return strings.Join(out, w.m.Text(lang, "checklist.list.sep"))
	}}
}

// row is an answer with its evidence and step (nil for none) in both
// languages.
func row(answer string, evidence, step text) Row {
	r := Row{Answer: answer}
	if evidence != nil {
		r.Evidence, r.EvidenceEn = evidence("ja"), evidence("en")
	}
	if step != nil {
		r.Step, r.StepEn = step("ja"), step("en")
	}
	return r
}

// names are the systems' names, as values of a list.
func names(ss []*verdict.System) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = lit(s.Name)
	}
	return out
}

// lits are the strings as values of a list.
func lits(ss []string) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = lit(s)
	}
	return out
}

// medical returns the systems in the medical-information scope that the
// clinic itself is responsible for (national systems excluded).
func medical(v *verdict.Clinic) []*verdict.System {
	var out []*verdict.System
	for _, s := range v.InScope() {
		if !s.National {
			out = append(out, s)
		}
	}
	return out
}

// answer answers one item, worded from the item's messages.
func answer(p *profile.Profile, v *verdict.Clinic, id string, m *fragment.Messages) Row {
	if a, ok := answers[id]; ok {
		return a(p, v, words{m, id})
	}
	return row(Open, nil, words{m, "other"}.msg("step"))
}

// answers answers each item of the sheet, by id, from the profile and its
// verdicts, worded by w; an item not here is an open question.
var answers = map[string]func(p *profile.Profile, v *verdict.Clinic, w words) Row{
	"0-1": systemsInUse,
	"1-1": securityOfficer,
	"2-1": deviceRegister,
	"2-2": remoteMaintenance,
	"2-3": disclosureStatements,
	"2-4": accessRights,
	"2-5": toCheck, "2-9": toCheck, "2-11": toCheck, "2-12": toCheck,
	"2-6":  securityPatches,
	"2-7":  passwordRules,
	"2-8":  passwordReuse,
	"2-10": twoFactor,
	"2-13": sourceLimits,
	"3-1":  contactChart,
	"3-2":  backups,
	"3-3":  cyberBCP,
	"4-1":  regulations,
}

// toCheck is an item the profile cannot answer: open, with what to check.
func toCheck(_ *profile.Profile, _ *verdict.Clinic, w words) Row {
	return row(Open, w.msg("evidence"), w.msg("step"))
}

// systemsInUse (0-1): the systems in the medical-information scope.
func systemsInUse(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	if all := v.InScope(); len(all) > 0 {
		return row(Yes, w.count("yes_evidence", len(all), w.list("systems", names(all))), nil)
	}
	return row(No, w.msg("no_evidence"), w.msg("no_step"))
}

// securityOfficer (1-1): who holds the security_officer role.
func securityOfficer(p *profile.Profile, _ *verdict.Clinic, w words) Row {
	if s := p.HolderOf("security_officer"); s.Name != "" {
		return row(Yes, w.msg("yes_evidence", same("officer", s.Name)), nil)
	}
	return row(No, w.msg("no_evidence"), w.msg("no_step"))
}

// deviceRegister (2-1): the clinic's kinds of device and how many units
// of them are counted.
func deviceRegister(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	n, kinds, uncounted := 0, 0, 0
	for _, d := range v.ClinicDevices() {
		kinds++
		if d.Count.Known() {
			n += d.Count.N()
		} else {
			uncounted++
		}
	}
	if kinds > 0 {
		k, u := arg{"kinds", w.count("kinds", kinds)}, arg{"units", w.count("units", n)}
		if uncounted > 0 {
			return row(Yes, w.msg("yes_uncounted_evidence", k, u, arg{"uncounted", w.count("uncounted", uncounted)}), nil)
		}
		return row(Yes, w.msg("yes_evidence", k, u), nil)
	}
	return row(No, w.msg("no_evidence"), w.msg("no_step"))
}

// remoteMaintenance (2-2): the systems with remote access, and whether
// its method is recorded.
func remoteMaintenance(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	var undocumented, unknown []string
	var remote []*verdict.System
	for _, s := range v.Systems {
		switch {
		case s.Remote.Enabled.IsYes() && !s.Remote.Method:
			undocumented = append(undocumented, s.Name)
		case s.Remote.Unconfirmed:
			unknown = append(unknown, s.Name)
		}
		if s.Remote.Enabled.IsYes() {
			remote = append(remote, s)
		}
	}
	if len(undocumented) > 0 {
		return row(No, w.msg("no_evidence", w.list("systems", lits(undocumented))), w.msg("no_step"))
	}
	if len(unknown) > 0 {
		return row(Open, w.msg("open_evidence", w.list("systems", lits(unknown))), w.msg("open_step"))
	}
	if len(remote) > 0 {
		return row(Yes, w.count("yes_evidence", len(remote), w.list("systems", names(remote))), nil)
	}
	return row(Open, w.msg("none_evidence"), w.msg("none_step"))
}

// disclosureStatements (2-3): which vendors of the clinic's medical
// systems have submitted their MDS/SDS, and when.
func disclosureStatements(p *profile.Profile, v *verdict.Clinic, w words) Row {
	var missing []string
	var have []text
	seen := map[string]bool{}
	for _, s := range medical(v) {
		pv := p.VendorByID(p.Systems[s.Index].Vendor)
		if pv == nil || seen[pv.ID] {
			continue
		}
		seen[pv.ID] = true
		if v.Vendor(pv.ID).NoMDS {
			missing = append(missing, pv.Name)
		} else {
			have = append(have, w.msg("received", same("vendor", pv.Name), day("date", pv.Documents.MDSSDS)))
		}
	}
	switch {
	case len(missing) > 0:
		return row(No, w.msg("no_evidence", w.list("vendors", lits(missing))), w.msg("no_step"))
	case len(have) > 0:
		return row(Yes, w.msg("yes_evidence", w.list("vendors", have)), nil)
	}
	return row(Open, w.msg("none_evidence"), w.msg("none_step"))
}

// accessRights (2-4): the systems whose accounts are shared. Accounts
// and passwords are the clinic's on every terminal, the national
// systems' included (安全管理規程 第11条 lists them).
func accessRights(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	var shared, unknown []string
	for _, s := range v.InScope() {
		switch s.Auth.Shared {
		case verdict.Gap:
			shared = append(shared, s.Name)
		case verdict.Unknown:
			unknown = append(unknown, s.Name)
		}
	}
	if len(unknown) > 0 && len(shared) == 0 {
		return row(Open, w.msg("open_evidence", w.list("systems", lits(unknown))), w.msg("open_step"))
	}
	if len(shared) > 0 {
		return row(No, w.msg("no_evidence", w.list("systems", lits(shared))), w.msg("no_step"))
	}
	return row(Open, w.msg("rights_evidence"), w.msg("rights_step"))
}

// securityPatches (2-6): the devices whose OS is out of support.
func securityPatches(p *profile.Profile, v *verdict.Clinic, w words) Row {
	var eos []text
	for _, vd := range v.Devices {
		d := p.Devices[vd.Index]
		if vd.Ended() {
			eos = append(eos, w.msg("ended", same("device", d.Name), same("os", d.OS), day("date", d.EndOfSupport)))
		}
	}
	if len(eos) > 0 {
		return row(No, w.msg("no_evidence", w.list("devices", eos)), w.msg("no_step"))
	}
	return row(Open, w.msg("open_evidence"), w.msg("open_step"))
}

// passwordRules (2-7): the password length of each medical system.
func passwordRules(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	med := medical(v)
	var short, unknown []text
	ok := 0
	for _, s := range med {
		l := s.Auth.PasswordMinLength
		switch {
		case s.Auth.Password == verdict.Met:
			ok++
		case s.Auth.Password == verdict.Gap:
			short = append(short, w.count("short", l.N(), same("system", s.Name)))
		case !l.Known():
			unknown = append(unknown, lit(s.Name))
		default:
			unknown = append(unknown, w.count("length_unchecked", l.N(), same("system", s.Name)))
		}
	}
	switch {
	case len(short) > 0:
		return row(No, w.msg("no_evidence", w.list("systems", short)), w.msg("no_step"))
	case len(unknown) > 0:
		return row(Open, w.msg("open_evidence", w.list("systems", unknown)), w.msg("open_step"))
	case ok > 0:
		return row(Yes, w.msg("yes_evidence", w.list("systems", names(med))), nil)
	}
	return row(Open, nil, w.msg("none_step"))
}

// passwordReuse (2-8): the handbook's regulations forbid reusing
// passwords.
func passwordReuse(_ *profile.Profile, _ *verdict.Clinic, w words) Row {
	return row(Yes, w.msg("evidence"), w.msg("step"))
}

// twoFactor (2-10): the systems with and without two-factor
// authentication.
func twoFactor(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	no, unknown, yes := v.TwoFactorSystems.Without, v.TwoFactorSystems.Unconfirmed, v.TwoFactorSystems.With
	if len(no) > 0 {
		// The regulations (規程 二要素認証) set the 令和9年度末 target
		// for every system without it: the item's 「令和9年度までに
		// 実装予定」 holds.
		return row(Yes, w.msg("planned_evidence", w.list("systems", names(no)), day("date", v.TwoFactorBy)), w.msg("planned_step"))
	}
	if len(unknown) > 0 {
		return row(Open, w.msg("open_evidence", w.list("systems", names(unknown))), w.msg("open_step"))
	}
	if len(yes) > 0 {
		return row(Yes, w.msg("yes_evidence", w.list("systems", names(yes))), nil)
	}
	return row(Open, nil, w.msg("open_step"))
}

// sourceLimits (2-13): the systems whose remote access is limited to
// known sources.
func sourceLimits(p *profile.Profile, v *verdict.Clinic, w words) Row {
	var limited []text
	for _, s := range v.Systems {
		if s.Remote.SourceLimited {
			limited = append(limited, w.msg("limited", same("system", s.Name), same("method", p.Systems[s.Index].Remote.Method)))
		}
	}
	if len(limited) > 0 {
		return row(Yes, w.msg("yes_evidence", w.list("systems", limited)), w.msg("yes_step"))
	}
	return row(Open, w.msg("evidence"), w.msg("step"))
}

// contactChart (3-1): the incident contact, the security officer and the
// contacts the chart is drawn from.
func contactChart(p *profile.Profile, _ *verdict.Clinic, w words) Row {
	ic, so := p.HolderOf("incident_contact"), p.HolderOf("security_officer")
	if ic.Name != "" && so.Name != "" && len(p.Contacts) > 0 {
		return row(Yes, w.msg("yes_evidence", same("contact", ic.Name)), nil)
	}
	return row(No, w.msg("no_evidence"), w.msg("no_step"))
}

// backups (3-2): each medical system's backup and its restore test.
func backups(_ *profile.Profile, v *verdict.Clinic, w words) Row {
	med := medical(v)
	var bad, open []text
	for _, s := range med {
		b, sys := s.Backup, same("system", s.Name)
		switch {
		case b.Missing():
			bad = append(bad, w.msg("no_backup", sys))
		case b.Unrecorded():
			open = append(open, w.msg("unrecorded", sys))
		case b.Restore == verdict.Unknown:
			open = append(open, w.msg("restore_unconfirmed", sys))
		case b.RestoreStale:
			bad = append(bad, w.msg("restore_stale", sys))
		case b.Restore == verdict.Gap:
			bad = append(bad, w.msg("restore_untested", sys))
		}
	}
	if len(bad) == 0 && len(open) > 0 {
		return row(Open, w.msg("open_evidence", w.list("systems", open)), w.msg("open_step"))
	}
	if len(bad) > 0 {
		return row(No, w.msg("no_evidence", w.list("systems", bad)), w.msg("no_step"))
	}
	if len(med) > 0 {
		return row(Yes, w.msg("yes_evidence", w.list("systems", names(med))), nil)
	}
	return row(Open, nil, w.msg("none_step"))
}

// cyberBCP (3-3): the handbook holds a business continuity plan for its
// information systems.
func cyberBCP(_ *profile.Profile, _ *verdict.Clinic, w words) Row {
	return row(Yes, w.msg("evidence"), nil)
}

// regulations (4-1): the handbook's policy and regulations, in force from
// the policy's effective date.
func regulations(p *profile.Profile, _ *verdict.Clinic, w words) Row {
	return row(Yes, w.msg("evidence", day("date", p.Policy.Effective)), nil)
}

// VendorSheet is one 事業者確認用 sheet: sent to a vendor for one system.
type VendorSheet struct {
	Vendor profile.Vendor
	System profile.System
	Rows   []Row
}

// Vendors returns a 事業者確認用 sheet for each vendor and each system it
// provides, with the items that apply to vendors. The vendor fills in the
// answers; where the clinic's records already tell (MDS/SDS received), the
// row says so.
func Vendors(p *profile.Profile, vc *verdict.Clinic, items []refs.ChecklistItem, m *fragment.Messages) []VendorSheet {
	var out []VendorSheet
	for _, v := range p.Vendors {
		for _, s := range p.SystemsOf(v.ID) {
			// The sheet concerns medical information systems only.
			if vs := vc.System(s.ID); vs == nil || !vs.InScope() {
				continue
			}
			sh := VendorSheet{Vendor: v, System: s}
			for _, it := range items {
				if !it.Vendor {
					continue
				}
				r := Row{ChecklistItem: it}
				w := words{m, it.ID}
				var ev text
				if it.ID == "2-3" && !v.Documents.MDSSDS.IsZero() {
					ev = w.msg("vendor_evidence", day("date", v.Documents.MDSSDS))
				}
				if it.ID == "2-2" && s.Remote.Enabled.IsYes() {
					ev = w.msg("vendor_evidence", same("method", s.Remote.Method))
				}
				if ev != nil {
					r.Evidence, r.EvidenceEn = ev("ja"), ev("en")
				}
				sh.Rows = append(sh.Rows, r)
			}
			out = append(out, sh)
		}
	}
	return out
}
