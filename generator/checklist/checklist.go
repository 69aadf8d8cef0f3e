// Package checklist answers the MHLW サイバーセキュリティ対策チェックリスト
// from a clinic profile: for each item はい, いいえ or 要確認 (an open
// question the profile cannot answer), with the profile facts the answer
// rests on, and for いいえ the step to take and the target date. It also
// lays out the 事業者確認用 sheets, one per vendor and system.
package checklist

import (
	"fmt"
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
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
	fragment.ChecklistItem
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
	Checked string
	// Target is the date by which an いいえ is to be fixed.
	Target string
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

// Clinic answers the 医療機関確認用 sheet (the 薬局確認用 one for a
// pharmacy: the items are the same) from the profile and its verdicts.
func Clinic(p *profile.Profile, v *verdict.Clinic, items []fragment.ChecklistItem) []Row {
	asOf := v.AsOf
	var rows []Row
	for _, it := range items {
		if p.Clinic.Type == profile.TypePharmacy && !it.Pharmacy {
			continue
		}
		r := answer(p, v, it.ID, asOf)
		r.ChecklistItem = it
		if r.Answer != Open {
			r.Checked = asOf.Format("2006-01-02")
		}
		if r.Answer == No && r.Target == "" {
			r.Target = FiscalYearEnd(asOf).Format("2006-01-02")
		}
		rows = append(rows, r)
	}
	return rows
}

func names(ss []*verdict.System) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return strings.Join(out, "、")
}

// namesEn is names for the English documents: the same names, joined
// with commas.
func namesEn(ss []*verdict.System) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return strings.Join(out, ", ")
}

// plural returns one or many by n, for the English texts.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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

func answer(p *profile.Profile, v *verdict.Clinic, id string, asOf time.Time) Row {
	med := medical(v)
	switch id {
	case "0-1":
		if all := v.InScope(); len(all) > 0 {
			return Row{Answer: Yes, Evidence: fmt.Sprintf("医療情報を扱うシステム%d件（%s）", len(all), names(all)),
				EvidenceEn: fmt.Sprintf("%d %s handling medical information (%s)", len(all), plural(len(all), "system", "systems"), namesEn(all))}
		}
		return Row{Answer: No, Evidence: "医療情報を扱うシステムの登録なし", Step: "「いいえ」の場合、以下の項目は確認不要です。",
			EvidenceEn: "No system handling medical information is registered",
			StepEn:     "If the answer is “No” (いいえ), the remaining items need not be checked."}
	case "1-1":
		if s := p.HolderOf("security_officer"); s.Name != "" {
			return Row{Answer: Yes, Evidence: "安全管理責任者：" + s.Name,
				EvidenceEn: "Security officer (安全管理責任者): " + s.Name}
		}
		return Row{Answer: No, Evidence: "安全管理責任者が決まっていない", Step: "医療情報システム安全管理責任者を任命する。",
			EvidenceEn: "No security officer has been appointed",
			StepEn:     "Appoint a medical information system security officer (医療情報システム安全管理責任者)."}
	case "2-1":
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
			r := Row{Answer: Yes, Evidence: fmt.Sprintf("機器台帳に%d種類・%d台を登録", kinds, n),
				EvidenceEn: fmt.Sprintf("%d %s (%d %s in all) registered in the device register", kinds, plural(kinds, "kind of device", "kinds of device"), n, plural(n, "unit", "units"))}
			if uncounted > 0 {
				r.Evidence += fmt.Sprintf("（ほかに台数未確認が%d種類）", uncounted)
				r.EvidenceEn += fmt.Sprintf(" (and %d %s whose number is not confirmed)", uncounted, plural(uncounted, "kind", "kinds"))
			}
			return r
		}
		return Row{Answer: No, Evidence: "機器台帳に登録された機器がない", Step: "サーバ・端末PC・ネットワーク機器の台帳を作る。",
			EvidenceEn: "No equipment is registered in the device register",
			StepEn:     "Draw up a register of the servers, terminal PCs and network equipment."}
	case "2-2":
		var undocumented, unknown []string
		var remote []*verdict.System
		for _, s := range v.Systems {
			switch {
			case s.Remote.Enabled.IsYes() && !s.Remote.Method:
				undocumented = append(undocumented, s.Name)
			case !s.Remote.Enabled.Known() && s.InScope() && s.Vendor != "":
				unknown = append(unknown, s.Name)
			}
			if s.Remote.Enabled.IsYes() {
				remote = append(remote, s)
			}
		}
		if len(undocumented) > 0 {
			return Row{Answer: No, Evidence: "リモート保守の方法が未記録：" + strings.Join(undocumented, "、"), Step: "事業者に接続方法を確認し記録する。",
				EvidenceEn: "Remote maintenance method not recorded: " + strings.Join(undocumented, ", "),
				StepEn:     "Confirm the connection method with the vendor and record it."}
		}
		if len(unknown) > 0 {
			return Row{Answer: Open, Evidence: "リモート保守の有無が未確認：" + strings.Join(unknown, "、"), Step: "リモート保守の有無と接続方法を各事業者に確認する。",
				EvidenceEn: "Whether there is remote maintenance not confirmed: " + strings.Join(unknown, ", "),
				StepEn:     "Ask each vendor whether there is remote maintenance and how it connects."}
		}
		if rs := remote; len(rs) > 0 {
			return Row{Answer: Yes, Evidence: "リモート保守あり：" + names(rs) + "（方法を記録済み）",
				EvidenceEn: "Remote maintenance in use: " + namesEn(rs) + " (" + plural(len(rs), "method", "methods") + " recorded)"}
		}
		return Row{Answer: Open, Evidence: "リモート保守を使うシステムの登録なし", Step: "リモート保守を使う機器が本当にないか、各事業者に確認する。",
			EvidenceEn: "No system using remote maintenance is registered",
			StepEn:     "Confirm with each vendor that there really is no equipment using remote maintenance."}
	case "2-3":
		var missing, have, haveEn []string
		seen := map[string]bool{}
		for _, s := range med {
			pv := p.VendorByID(p.Systems[s.Index].Vendor)
			if pv == nil || seen[pv.ID] {
				continue
			}
			seen[pv.ID] = true
			if pv.Documents.MDSSDS.IsZero() {
				missing = append(missing, pv.Name)
			} else {
				have = append(have, pv.Name+" "+pv.Documents.MDSSDS.Format("2006-01-02"))
				haveEn = append(haveEn, pv.Name+" (on "+pv.Documents.MDSSDS.Format("2006-01-02")+")")
			}
		}
		switch {
		case len(missing) > 0:
			return Row{Answer: No, Evidence: "MDS/SDS未受領：" + strings.Join(missing, "、"), Step: "MDS/SDSの提出を依頼する。",
				EvidenceEn: "MDS/SDS not received: " + strings.Join(missing, ", "),
				StepEn:     "Ask for the MDS/SDS (医療情報セキュリティ開示書) to be submitted."}
		case len(have) > 0:
			return Row{Answer: Yes, Evidence: "MDS/SDS受領：" + strings.Join(have, "、"),
				EvidenceEn: "MDS/SDS received: " + strings.Join(haveEn, ", ")}
		}
		return Row{Answer: Open, Evidence: "医療情報システムの事業者の登録なし", Step: "事業者がいれば MDS/SDS の提出を依頼する。",
			EvidenceEn: "No vendor of a medical information system is registered",
			StepEn:     "If there is a vendor, ask for the MDS/SDS to be submitted."}
	case "2-4":
		// Accounts and passwords are the clinic's on every terminal,
		// the national systems' included (安全管理規程 第11条 lists them).
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
			return Row{Answer: Open, Evidence: "共用アカウントの有無が未確認：" + strings.Join(unknown, "、"), Step: "共用アカウントの有無、職種・業務別の権限と管理者権限の対象者を事業者と確認する。",
				EvidenceEn: "Whether accounts are shared not confirmed: " + strings.Join(unknown, ", "),
				StepEn:     "Check with the vendor whether accounts are shared, the access rights by job type and duties, and who has administrator rights."}
		}
		if len(shared) > 0 {
			return Row{Answer: No, Evidence: "共用アカウントあり：" + strings.Join(shared, "、"), Step: "職員ごとにアカウントを発行し、職種・業務別の権限と管理者権限の対象者を設定する。",
				EvidenceEn: "Shared accounts in use: " + strings.Join(shared, ", "),
				StepEn:     "Issue each member of staff their own account, and set access rights by job type and duties, as well as who has administrator rights."}
		}
		return Row{Answer: Open, Evidence: "共用アカウントなし（権限の設定内容は未確認）", Step: "職種・業務別の権限と管理者権限の対象者を事業者と確認する。",
			EvidenceEn: "No shared accounts (the access rights settings have not been checked)",
			StepEn:     "Check with the vendor the access rights by job type and duties, and who has administrator rights."}
	case "2-5":
		return Row{Answer: Open, Evidence: "アカウントの棚卸しの記録は未確認", Step: "退職者・未使用のアカウントがないか、各システムのアカウント一覧を職員名簿と照合する。",
			EvidenceEn: "The records of account reviews have not been checked",
			StepEn:     "Compare each system's list of accounts with the staff list, to make sure there are no accounts of staff who have left and no unused accounts."}
	case "2-6":
		var eos, eosEn []string
		for _, vd := range v.Devices {
			d := p.Devices[vd.Index]
			if vd.Ended() {
				eos = append(eos, fmt.Sprintf("%s（%s、%sサポート終了）", d.Name, d.OS, d.EndOfSupport.Format("2006-01-02")))
				eosEn = append(eosEn, fmt.Sprintf("%s (%s, support ended %s)", d.Name, d.OS, d.EndOfSupport.Format("2006-01-02")))
			}
		}
		if len(eos) > 0 {
			return Row{Answer: No, Evidence: "サポート終了の機器：" + strings.Join(eos, "、"), Step: "入替えるか、ネットワークから切り離す。",
				EvidenceEn: "Equipment past the end of support: " + strings.Join(eosEn, ", "),
				StepEn:     "Replace the equipment, or disconnect it from the network."}
		}
		return Row{Answer: Open, Evidence: "サポート終了の機器なし（更新の適用状況は未確認）", Step: "各機器の更新プログラムの適用状況を事業者と確認する。",
			EvidenceEn: "No equipment past the end of support (whether updates have been applied has not been checked)",
			StepEn:     "Check with the vendor whether updates have been applied to each piece of equipment."}
	case "2-7":
		var short, unknown, shortEn, unknownEn []string
		ok := 0
		for _, s := range med {
			l := s.Auth.PasswordMinLength
			switch {
			case s.Auth.Password == verdict.Met:
				ok++
			case s.Auth.Password == verdict.Gap:
				short = append(short, fmt.Sprintf("%s（%d文字）", s.Name, l.N()))
				shortEn = append(shortEn, fmt.Sprintf("%s (%d %s)", s.Name, l.N(), plural(l.N(), "character", "characters")))
			case !l.Known():
				unknown = append(unknown, s.Name)
				unknownEn = append(unknownEn, s.Name)
			default:
				unknown = append(unknown, fmt.Sprintf("%s（%d文字、定期変更は未確認）", s.Name, l.N()))
				unknownEn = append(unknownEn, fmt.Sprintf("%s (%d characters, periodic change not checked)", s.Name, l.N()))
			}
		}
		switch {
		case len(short) > 0:
			return Row{Answer: No, Evidence: "8文字未満：" + strings.Join(short, "、"), Step: "英数字・記号を混ぜた8文字以上に設定を変える。",
				EvidenceEn: "Fewer than 8 characters: " + strings.Join(shortEn, ", "),
				StepEn:     "Change the setting to at least 8 characters, mixing letters, numbers and symbols."}
		case len(unknown) > 0:
			return Row{Answer: Open, Evidence: "未確認：" + strings.Join(unknown, "、"), Step: "最小文字数と定期変更の設定を事業者と確認する（二要素認証か13文字以上なら定期変更は不要）。",
				EvidenceEn: "Not checked: " + strings.Join(unknownEn, ", "),
				StepEn:     "Check with the vendor the settings for minimum length and periodic change (no periodic change is needed with two-factor authentication or 13 characters or more)."}
		case ok > 0:
			return Row{Answer: Yes, Evidence: "すべて二要素認証または13文字以上：" + names(med),
				EvidenceEn: "All have two-factor authentication or at least 13 characters: " + namesEn(med)}
		}
		return Row{Answer: Open, Step: "パスワードの設定を事業者と確認する。",
			StepEn: "Check the password settings with the vendor."}
	case "2-8":
		return Row{Answer: Yes, Evidence: "本文書集の安全管理規程（パスワードの扱い）で使い回しを禁止", Step: "規程の施行後、職員に周知する。",
			EvidenceEn: "Reuse is prohibited by the security management regulations in this handbook (handling of passwords)",
			StepEn:     "Once the regulations are in force, make this known to staff."}
	case "2-9":
		return Row{Answer: Open, Evidence: "安全管理規程で登録した媒体以外の接続を禁止（技術的な制限の有無は未確認）", Step: "USB等の接続を制限する設定の有無を事業者と確認する。",
			EvidenceEn: "The security management regulations prohibit connecting media other than registered ones (whether there is a technical restriction has not been checked)",
			StepEn:     "Check with the vendor whether there are settings restricting the connection of USB devices and the like."}
	case "2-10":
		var no, unknown, yes []*verdict.System
		for _, s := range v.InScope() {
			switch {
			case !s.Auth.TwoFactorApplies:
			case s.Auth.TwoFactor == verdict.Gap:
				no = append(no, s)
			case s.Auth.TwoFactor == verdict.Unknown:
				unknown = append(unknown, s)
			default:
				yes = append(yes, s)
			}
		}
		if len(no) > 0 {
			return Row{Answer: No, Evidence: "二要素認証なし：" + names(no), Step: "令和9年度までの実装計画を事業者と決める（計画があれば「令和9年度までに実装予定」と回答できる）。", Target: v.TwoFactorBy.Format("2006-01-02"),
				EvidenceEn: "No two-factor authentication: " + namesEn(no),
				StepEn:     "Agree with the vendor on a plan to implement it by FY2027 (令和9年度). With a plan, the answer can be “planned to be implemented by FY2027” (「令和9年度までに実装予定」)."}
		}
		if len(unknown) > 0 {
			return Row{Answer: Open, Evidence: "二要素認証の有無が未確認：" + names(unknown), Step: "二要素認証の有無を事業者と確認する。",
				EvidenceEn: "Whether there is two-factor authentication not confirmed: " + namesEn(unknown),
				StepEn:     "Check with the vendor whether there is two-factor authentication."}
		}
		if len(yes) > 0 {
			return Row{Answer: Yes, Evidence: "二要素認証あり：" + names(yes) + "（オンライン資格確認など国のシステムは国の定める認証による）",
				EvidenceEn: "Two-factor authentication in use: " + namesEn(yes) + " (national systems such as the online eligibility check follow the authentication the national system sets)"}
		}
		return Row{Answer: Open, Step: "二要素認証の有無を事業者と確認する。",
			StepEn: "Check with the vendor whether there is two-factor authentication."}
	case "2-11":
		return Row{Answer: Open, Evidence: "アクセスログの管理状況は未確認", Step: "各システムのアクセスログの保存期間と確認方法を事業者と確認する。",
			EvidenceEn: "How access logs are managed has not been checked",
			StepEn:     "Check with the vendor how long each system keeps its access logs and how they are reviewed."}
	case "2-12":
		return Row{Answer: Open, Evidence: "サーバ・端末の設定内容は未確認", Step: "不要なソフトウェア・サービスの停止を事業者と確認する。",
			EvidenceEn: "The settings of the servers and terminals have not been checked",
			StepEn:     "Check with the vendor that unnecessary software and services are stopped."}
	case "2-13":
		return Row{Answer: Open, Evidence: "ネットワーク機器の設定内容は未確認", Step: "接続元の制限（VPNの接続元、無線LANの利用者の限定）を事業者と確認する。",
			EvidenceEn: "The settings of the network equipment have not been checked",
			StepEn:     "Check with the vendor the restrictions on where connections may come from (where VPN connections may come from, and limiting who may use the wireless LAN)."}
	case "3-1":
		ic, so := p.HolderOf("incident_contact"), p.HolderOf("security_officer")
		if ic.Name != "" && so.Name != "" && len(p.Contacts) > 0 {
			return Row{Answer: Yes, Evidence: "本文書集の「インシデント対応手順と連絡体制」に連絡体制図（窓口 " + ic.Name + "、事業者、外部機関）",
				EvidenceEn: "Contact chart in “Incident response and contact chain” in this handbook (contact point " + ic.Name + ", vendors, external bodies)"}
		}
		return Row{Answer: No, Evidence: "連絡窓口・安全管理責任者・外部の連絡先のいずれかが未登録", Step: "連絡窓口と安全管理責任者を決め、外部機関の連絡先を登録する。",
			EvidenceEn: "The contact point, the security officer or the external contacts are not registered",
			StepEn:     "Decide on the contact point and the security officer, and register the contact details of external bodies."}
	case "3-2":
		var bad, badEn, open, openEn []string
		for _, s := range med {
			b := s.Backup
			switch {
			case b.Missing():
				bad = append(bad, s.Name+"（バックアップなし）")
				badEn = append(badEn, s.Name+" (no backup)")
			case b.Unrecorded():
				open = append(open, s.Name+"（バックアップの内容が未確認）")
				openEn = append(openEn, s.Name+" (backup not confirmed)")
			case b.Restore == verdict.Unknown:
				open = append(open, s.Name+"（事業者の復旧テストの結果が未確認）")
				openEn = append(openEn, s.Name+" (result of the vendor's restore test not confirmed)")
			case b.RestoreStale:
				bad = append(bad, s.Name+"（復旧テストが1年以上前）")
				badEn = append(badEn, s.Name+" (last restore test more than a year ago)")
			case b.Restore == verdict.Gap:
				bad = append(bad, s.Name+"（復旧テストの記録なし）")
				badEn = append(badEn, s.Name+" (no record of a restore test)")
			}
		}
		if len(bad) == 0 && len(open) > 0 {
			return Row{Answer: Open, Evidence: strings.Join(open, "、"), Step: "バックアップの内容と復旧テストの結果を事業者に確認する。",
				EvidenceEn: strings.Join(openEn, ", "),
				StepEn:     "Ask the vendor what the backup covers and for the result of its restore test."}
		}
		if len(bad) > 0 {
			return Row{Answer: No, Evidence: strings.Join(bad, "、"), Step: "バックアップを取り、復旧手順を事業者と確かめて復旧テストを行う。",
				EvidenceEn: strings.Join(badEn, ", "),
				StepEn:     "Take backups, confirm the restore procedure with the vendor and carry out a restore test."}
		}
		if len(med) > 0 {
			return Row{Answer: Yes, Evidence: "すべてのシステムでバックアップと1年以内の復旧テストを確認：" + names(med),
				EvidenceEn: "Backups and a restore test within the past year confirmed for every system: " + namesEn(med)}
		}
		return Row{Answer: Open, Step: "バックアップの有無を確認する。",
			StepEn: "Check whether backups are taken."}
	case "3-3":
		return Row{Answer: Yes, Evidence: "本文書集の「事業継続計画（BCP）」（システムごとの代替手順・復旧順序）",
			EvidenceEn: "The “Business continuity plan (information systems)” in this handbook, with fallback procedures and an order of recovery for each system"}
	case "4-1":
		return Row{Answer: Yes, Evidence: "本文書集（基本方針・安全管理規程ほか）を施行日 " + p.Policy.Effective.Format("2006-01-02") + " に制定",
			EvidenceEn: "This handbook (the basic policy, the security management regulations and others) adopted with effect from " + p.Policy.Effective.Format("2006-01-02")}
	}
	return Row{Answer: Open, Step: "実際の状況を確かめて回答する。",
		StepEn: "Check the actual situation and answer."}
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
func Vendors(p *profile.Profile, vc *verdict.Clinic, items []fragment.ChecklistItem) []VendorSheet {
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
				if it.ID == "2-3" && !v.Documents.MDSSDS.IsZero() {
					r.Evidence = "医療機関側で " + v.Documents.MDSSDS.Format("2006-01-02") + " 受領済み"
					r.EvidenceEn = "Received by the medical institution on " + v.Documents.MDSSDS.Format("2006-01-02")
				}
				if it.ID == "2-2" && s.Remote.Enabled.IsYes() {
					r.Evidence = "医療機関の記録：リモート保守あり（" + s.Remote.Method + "）"
					r.EvidenceEn = "The medical institution's records: remote maintenance in use (" + s.Remote.Method + ")"
				}
				sh.Rows = append(sh.Rows, r)
			}
			out = append(out, sh)
		}
	}
	return out
}
