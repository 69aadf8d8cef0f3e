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
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/profile"
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
	Rule     string   `json:"rule"`
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

// FY2027End is the end of 令和9年度, by which systems in use are to have
// two-factor authentication (checklist 2-10).
var FY2027End = time.Date(2028, 3, 31, 0, 0, 0, 0, time.UTC)

// Check runs every rule over the profile as of the given date and returns
// the findings, most severe first, then in profile order.
func Check(p *profile.Profile, asOf time.Time) []Finding {
	c := &checker{p: p, asOf: asOf}
	c.roles()
	c.systems()
	c.devices()
	c.vendors()
	c.policy()
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Severity > c.out[j].Severity })
	return c.out
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
	p    *profile.Profile
	asOf time.Time
	out  []Finding
}

func (c *checker) add(f Finding) {
	f.ID = f.Rule + "@" + f.Path
	c.out = append(c.out, f)
}

func ymd(t time.Time) string { return t.Format("2006-01-02") }

// generations is "generation" or "generations", as n asks.
func generations(n int) string {
	if n == 1 {
		return "generation"
	}
	return "generations"
}

func (c *checker) roles() {
	p := c.p
	for _, key := range []struct {
		kind profile.RoleKind
		sev  Severity
		ref  string
	}{
		{profile.RoleSecurityOfficer, High, "checklist:1-1"},
		{profile.RoleIncidentContact, High, "checklist:3-1"},
		{profile.RolePrivacyOfficer, Medium, "guidance:3.1.1"},
		{profile.RoleBackupOperator, Medium, "checklist:3-2"},
	} {
		if p.Role(string(key.kind)) == nil {
			c.add(Finding{Rule: "role-missing", Severity: key.sev, Path: "roles",
				Title:    key.kind.Ja() + "が決まっていない",
				Detail:   key.kind.Ja() + "の担当者が決まっていません（roles に " + string(key.kind) + " がありません）。",
				Action:   "担当者と代理者を決め、[[roles]] に role = \"" + string(key.kind) + "\" として登録する。",
				TitleEn:  key.kind.En() + " not appointed",
				DetailEn: "No one has been appointed as " + strings.ToLower(key.kind.En()) + " (there is no " + string(key.kind) + " in roles).",
				ActionEn: "Decide on the person responsible and a deputy, and register them in [[roles]] as role = \"" + string(key.kind) + "\".",
				Refs:     []string{"guidance:3.3.1", key.ref}})
		}
	}
	for i, r := range p.Roles {
		if r.Deputy == "" {
			c.add(Finding{Rule: "role-no-deputy", Severity: Medium, Path: fmt.Sprintf("roles[%d]", i),
				Title:    r.Role.Ja() + "に代理者がいない",
				Detail:   fmt.Sprintf("%s（%s）が不在のとき、代わりに対応する人が決まっていません。", r.Role.Ja(), p.Party(r.Holder)),
				Action:   "代理者を決め、deputy に登録して本人に伝える。小規模な施設では属人化への備えが重要です（ガイダンス 2.1）。",
				TitleEn:  r.Role.En() + " has no deputy",
				DetailEn: fmt.Sprintf("No one has been named to act in place of the %s (%s) when they are away.", strings.ToLower(r.Role.En()), p.Party(r.Holder)),
				ActionEn: "Decide on a deputy, register them in deputy and tell them. In a small facility it is important to be prepared for work that depends on one person (guidance 2.1).",
				Refs:     []string{"guidance:2.1", "guidance:3.3.1"}})
		}
	}
}

func (c *checker) systems() {
	p := c.p
	for i, s := range p.Systems {
		path := fmt.Sprintf("systems[%d]", i)
		name := s.Name
		if s.MedicalInfo && !s.Kind.National() {
			b := s.Backup
			switch {
			case b.Missing():
				c.add(Finding{Rule: "backup-missing", Severity: High, Path: path + ".backup",
					Title:    name + "のバックアップがない",
					Detail:   "医療情報を扱うシステムですが、バックアップの方法・頻度が登録されていません（frequency = \"" + string(b.Frequency) + "\"）。",
					Action:   "事業者とバックアップの方法・頻度・保管場所を決め、backup に登録する。クラウドの場合は事業者のバックアップ内容を書面で確認する。",
					TitleEn:  "No backup of " + name,
					DetailEn: "This system handles medical information, but no backup method or frequency has been registered (frequency = \"" + string(b.Frequency) + "\").",
					ActionEn: "Agree with the vendor on the backup method, frequency and storage location, and register them in backup. For a cloud service, confirm in writing what the vendor's backup covers.",
					Refs:     []string{"checklist:3-2", "guidance:3.3.4"}})
			default:
				if !b.Offline && b.Generations < 2 {
					c.add(Finding{Rule: "backup-no-offline", Severity: High, Path: path + ".backup",
						Title:    name + "のバックアップにオフライン・世代の写しがない",
						Detail:   fmt.Sprintf("バックアップはネットワークにつながったまま（offline = false）で、世代は%d世代です。ランサムウェアはつながったバックアップも暗号化します。", b.Generations),
						Action:   "ネットワークから切り離した写し（外付けHDDの交換保管など）か、上書きされない複数世代の写しを作る。",
						TitleEn:  "The backup of " + name + " has no offline or generation copy",
						DetailEn: fmt.Sprintf("The backup stays connected to the network (offline = false) and keeps %d %s. Ransomware encrypts connected backups too.", b.Generations, generations(b.Generations)),
						ActionEn: "Make a copy disconnected from the network (for example, external hard drives used in rotation and stored separately), or copies in several generations that are not overwritten.",
						Refs:     []string{"checklist:3-2", "guidance:3.3.4"}})
				}
				switch {
				case b.LastRestoreTest.IsZero():
					c.add(Finding{Rule: "restore-never-tested", Severity: High, Path: path + ".backup.last_restore_test",
						Title:    name + "の復旧テストをしたことがない",
						Detail:   "バックアップから実際に戻せるかを確かめた記録がありません。",
						Action:   "事業者と復旧テストを行い、日付を last_restore_test に記録する。",
						TitleEn:  "No restore test has ever been done for " + name,
						DetailEn: "There is no record of checking that the data can actually be restored from the backup.",
						ActionEn: "Carry out a restore test with the vendor and record the date in last_restore_test.",
						Refs:     []string{"checklist:3-2", "guidance:3.3.4"}})
				case b.LastRestoreTest.Before(c.asOf.AddDate(-1, 0, 0)):
					c.add(Finding{Rule: "restore-test-stale", Severity: Medium, Path: path + ".backup.last_restore_test",
						Title:    name + "の復旧テストが1年以上前",
						Detail:   "最後の復旧テストは" + ymd(b.LastRestoreTest) + "です。",
						Action:   "年1回以上、バックアップからの復旧テストを行い記録する。",
						TitleEn:  "The last restore test for " + name + " was more than a year ago",
						DetailEn: "The last restore test was on " + ymd(b.LastRestoreTest) + ".",
						ActionEn: "Test restoring from the backup at least once a year, and record it.",
						Refs:     []string{"checklist:3-2", "guidance:3.3.4"}})
				}
			}
		}
		if s.Remote.Enabled {
			if strings.TrimSpace(s.Remote.Method) == "" {
				c.add(Finding{Rule: "remote-undocumented", Severity: High, Path: path + ".remote_maintenance.method",
					Title:    name + "のリモート保守の方法が記録されていない",
					Detail:   "リモート保守ありとされていますが、接続方法（VPN等）が分かりません。",
					Action:   "事業者に接続経路・認証・接続元制限を書面で確認し、method に記録する。",
					TitleEn:  "The remote maintenance method for " + name + " is not recorded",
					DetailEn: "Remote maintenance is marked as in use, but how it connects (VPN or similar) is not known.",
					ActionEn: "Confirm in writing with the vendor the connection route, the authentication and the restrictions on where connections may come from, and record them in method.",
					Refs:     []string{"checklist:2-2", "checklist:2-13"}})
			}
			if strings.TrimSpace(s.Remote.Approval) == "" {
				c.add(Finding{Rule: "remote-no-approval", Severity: Medium, Path: path + ".remote_maintenance.approval",
					Title:    name + "のリモート保守の承認方法が決まっていない",
					Detail:   "誰が接続を許可し、作業をどう記録するかが決まっていません。",
					Action:   "接続のたびに施設側が承認し、作業記録を残す手順を決めて approval に記録する。",
					TitleEn:  "How remote maintenance of " + name + " is approved has not been decided",
					DetailEn: "It has not been decided who allows a connection and how the work is recorded.",
					ActionEn: "Decide a procedure in which the facility approves every connection and a record of the work is kept, and record it in approval.",
					Refs:     []string{"checklist:2-2"}})
			}
		}
		if s.MedicalInfo && s.Auth.SharedAccounts {
			c.add(Finding{Rule: "shared-accounts", Severity: High, Path: path + ".auth.shared_accounts",
				Title:    name + "で共用アカウントを使っている",
				Detail:   "複数の職員が同じIDでログインしています。誰が操作したかが記録に残らず、真正性を確保できません。",
				Action:   "職員ごとにアカウントを発行し、共用IDを停止する。事業者にライセンスと設定を相談する。",
				TitleEn:  "Shared accounts are used on " + name,
				DetailEn: "Several members of staff log in with the same ID. Who did what is not recorded, so authenticity (真正性) cannot be ensured.",
				ActionEn: "Issue each member of staff their own account and stop the shared IDs. Discuss licences and settings with the vendor.",
				Refs:     []string{"checklist:2-4", "checklist:2-5"}})
		}
		if s.MedicalInfo && !s.Auth.TwoFactor && s.Kind != "network" {
			c.add(Finding{Rule: "no-two-factor", Severity: Medium, Path: path + ".auth.two_factor",
				Title:    name + "に二要素認証がない",
				Detail:   "令和9年度時点で稼働するシステムは、新規導入・更新のときに二要素認証を採用することが求められています（チェックリスト2-10は令和9年度（" + ymd(FY2027End) + "）までの実装予定でも可）。",
				Action:   "事業者に二要素認証の対応時期を確認し、更新・入替えの計画に入れる。チェックリストには「令和9年度までに実装予定」と記入できます。",
				TitleEn:  name + " has no two-factor authentication",
				DetailEn: "Systems in operation in FY2027 (令和9年度) are required to adopt two-factor authentication when they are newly introduced or updated (for checklist 2-10, a plan to implement it by the end of FY2027 (" + ymd(FY2027End) + ") is also acceptable).",
				ActionEn: "Ask the vendor when two-factor authentication will be supported, and include it in the plans for updates and replacements. On the checklist you can write “planned to be implemented by FY2027” (「令和9年度までに実装予定」).",
				Refs:     []string{"checklist:2-10"}})
		}
	}
}

func (c *checker) devices() {
	for i, d := range c.p.Devices {
		if d.EndOfSupport.IsZero() {
			continue
		}
		path := fmt.Sprintf("devices[%d].end_of_support", i)
		switch {
		case !d.EndOfSupport.After(c.asOf):
			c.add(Finding{Rule: "device-end-of-support", Severity: High, Path: path,
				Title:    d.Name + "のサポートが終了している",
				Detail:   fmt.Sprintf("%s（%s）のサポートは%sに終了し、セキュリティ更新が提供されません。", d.Name, d.OS, ymd(d.EndOfSupport)),
				Action:   "入替えるか、医療情報システムのネットワークから切り離す。入替えまでの間の対策を事業者と決める。",
				TitleEn:  "Support for " + d.Name + " has ended",
				DetailEn: fmt.Sprintf("Support for %s (%s) ended on %s, and security updates are no longer provided.", d.Name, d.OS, ymd(d.EndOfSupport)),
				ActionEn: "Replace it, or disconnect it from the network of the medical information systems. Agree with the vendor on measures for the time until it is replaced.",
				Refs:     []string{"checklist:2-6", "checklist:2-1"}})
		case d.EndOfSupport.Before(c.asOf.AddDate(1, 0, 0)):
			c.add(Finding{Rule: "device-end-of-support-soon", Severity: Low, Path: path,
				Title:    d.Name + "のサポートが1年以内に終了する",
				Detail:   fmt.Sprintf("%s（%s）のサポートは%sに終了します。", d.Name, d.OS, ymd(d.EndOfSupport)),
				Action:   "入替えの予算と時期を決める。",
				TitleEn:  "Support for " + d.Name + " ends within a year",
				DetailEn: fmt.Sprintf("Support for %s (%s) ends on %s.", d.Name, d.OS, ymd(d.EndOfSupport)),
				ActionEn: "Decide the budget and timing for replacing it.",
				Refs:     []string{"checklist:2-6"}})
		}
	}
}

func (c *checker) vendors() {
	p := c.p
	for i, v := range p.Vendors {
		path := fmt.Sprintf("vendors[%d]", i)
		medical := false
		for _, s := range p.SystemsOf(v.ID) {
			medical = medical || s.MedicalInfo
		}
		if medical && v.Documents.MDSSDS.IsZero() && v.Documents.ServiceSpec.IsZero() {
			c.add(Finding{Rule: "vendor-no-disclosure", Severity: Medium, Path: path + ".documents",
				Title:    v.Name + "からMDS/SDS・サービス仕様適合開示書を受け取っていない",
				Detail:   "医療情報を扱うシステムの事業者ですが、セキュリティ対策を示す開示書がありません。",
				Action:   "MDS/SDS（またはサービス仕様適合開示書）の提出を依頼し、受領日を documents に記録する。リスク分析に使います。",
				TitleEn:  "No MDS/SDS or service specification conformity disclosure (サービス仕様適合開示書) received from " + v.Name,
				DetailEn: "This vendor provides systems that handle medical information, but there is no disclosure document showing its security measures.",
				ActionEn: "Ask for the MDS/SDS (or the service specification conformity disclosure) and record the date received in documents. It is used in the risk analysis.",
				Refs:     []string{"checklist:2-3", "guidance:3.2.1", "guidance:3.5.1"}})
		}
		if medical && v.Documents.Responsibility.IsZero() {
			c.add(Finding{Rule: "vendor-no-responsibility", Severity: Medium, Path: path + ".documents.responsibility",
				Title:    v.Name + "との責任分界が書面になっていない",
				Detail:   "通常時・非常時の役割分担と責任の所在を取り決めた書面を受け取っていません。",
				Action:   "責任分界表を事業者と確認し、書面で取り交わす。",
				TitleEn:  "The responsibility split (責任分界) with " + v.Name + " is not in writing",
				DetailEn: "No document has been received setting out the division of roles and where responsibility lies, in normal operation and in emergencies.",
				ActionEn: "Confirm the responsibility split table with the vendor and exchange it in writing.",
				Refs:     []string{"guidance:3.5.3", "guidance:3.1.3"}})
		}
		if strings.TrimSpace(v.Contract.TerminationData) == "" {
			c.add(Finding{Rule: "contract-no-termination-clause", Severity: Medium, Path: path + ".contract.termination_data",
				Title:    v.Name + "との契約に終了時のデータの扱いがない",
				Detail:   "契約が終わったときにデータをどう返却・消去するかが分かりません。",
				Action:   "返却の形式・期限、消去と消去証明書の発行を契約書で確認し、termination_data に記録する。",
				TitleEn:  "The contract with " + v.Name + " does not say how data is handled when it ends",
				DetailEn: "It is not known how the data will be returned or erased when the contract ends.",
				ActionEn: "Check in the contract the format and deadline for returning the data, its erasure and the issue of a certificate of erasure, and record them in termination_data.",
				Refs:     []string{"guidance:3.5.2"}})
		}
		if r := v.Contract.Renewal; !r.IsZero() && !r.Before(c.asOf) && r.Before(c.asOf.AddDate(0, 0, 90)) {
			detail := "契約は" + ymd(r) + "に更新されます。"
			detailEn := "The contract renews on " + ymd(r) + "."
			if v.Contract.NoticeDays > 0 {
				detail += fmt.Sprintf("解約・変更の申出期限は%sです（%d日前）。", ymd(v.Contract.NoticeBy()), v.Contract.NoticeDays)
				detailEn += fmt.Sprintf(" The deadline for giving notice of cancellation or changes is %s (%d days before).", ymd(v.Contract.NoticeBy()), v.Contract.NoticeDays)
			}
			c.add(Finding{Rule: "contract-renewal-soon", Severity: Low, Path: path + ".contract.renewal",
				Title:    v.Name + "との契約更新が90日以内",
				Detail:   detail,
				Action:   "更新前に契約内容の変更点の説明を受け、責任分界と終了時のデータの扱いを確認する。",
				TitleEn:  "The contract with " + v.Name + " renews within 90 days",
				DetailEn: detailEn,
				ActionEn: "Before renewal, have the vendor explain the changes to the contract terms, and check the responsibility split and how data is handled when the contract ends.",
				Refs:     []string{"guidance:3.5.2"}})
		}
	}
}

func (c *checker) policy() {
	pol := c.p.Policy
	if next := pol.NextReview(); c.asOf.After(next) {
		c.add(Finding{Rule: "review-overdue", Severity: Medium, Path: "policy.last_review",
			Title:    "文書の見直しが期限を過ぎている",
			Detail:   "次回見直しは" + ymd(next) + "でした（最終見直し " + ymd(pol.LastReview) + "）。",
			Action:   "規程・手順を見直して改訂し、last_review と改訂履歴を更新する。",
			TitleEn:  "The review of the documents is overdue",
			DetailEn: "The next review was due on " + ymd(next) + " (last review " + ymd(pol.LastReview) + ").",
			ActionEn: "Review and revise the regulations and procedures, and update last_review and the revision history.",
			Refs:     []string{"guidance:3.1.2", "guidance:3.3.3"}})
	}
	switch {
	case pol.LastTraining.IsZero():
		c.add(Finding{Rule: "training-none", Severity: Medium, Path: "policy.last_training",
			Title:    "職員教育の記録がない",
			Detail:   "全職員向けの情報セキュリティ教育を行った日が登録されていません。",
			Action:   "年1回以上、全職員に教育を行い、日付を last_training に記録する。",
			TitleEn:  "No record of staff training",
			DetailEn: "No date is registered for information security training of all staff.",
			ActionEn: "Train all staff at least once a year, and record the date in last_training.",
			Refs:     []string{"guidance:3.3.2"}})
	case pol.LastTraining.Before(c.asOf.AddDate(-1, 0, 0)):
		c.add(Finding{Rule: "training-stale", Severity: Medium, Path: "policy.last_training",
			Title:    "職員教育が1年以上行われていない",
			Detail:   "最後の全職員教育は" + ymd(pol.LastTraining) + "です。",
			Action:   "年1回以上、全職員に教育を行い、日付を last_training に記録する。",
			TitleEn:  "No staff training for more than a year",
			DetailEn: "The last training for all staff was on " + ymd(pol.LastTraining) + ".",
			ActionEn: "Train all staff at least once a year, and record the date in last_training.",
			Refs:     []string{"guidance:3.3.2"}})
	}
}
