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
// pharmacy: the items are the same) from the profile as of a date.
func Clinic(p *profile.Profile, items []fragment.ChecklistItem, asOf time.Time) []Row {
	var rows []Row
	for _, it := range items {
		if p.Clinic.Type == profile.TypePharmacy && !it.Pharmacy {
			continue
		}
		r := answer(p, it.ID, asOf)
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

func names(ss []profile.System) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return strings.Join(out, "、")
}

// medical returns the systems holding medical information that the clinic
// itself is responsible for (national systems excluded).
func medical(p *profile.Profile) []profile.System {
	var out []profile.System
	for _, s := range p.MedicalSystems() {
		if !s.Kind.National() {
			out = append(out, s)
		}
	}
	return out
}

func answer(p *profile.Profile, id string, asOf time.Time) Row {
	med := medical(p)
	switch id {
	case "0-1":
		if all := p.MedicalSystems(); len(all) > 0 {
			return Row{Answer: Yes, Evidence: fmt.Sprintf("医療情報を扱うシステム%d件（%s）", len(all), names(all))}
		}
		return Row{Answer: No, Evidence: "医療情報を扱うシステムの登録なし", Step: "「いいえ」の場合、以下の項目は確認不要です。"}
	case "1-1":
		if s := p.HolderOf("security_officer"); s.Name != "" {
			return Row{Answer: Yes, Evidence: "安全管理責任者：" + s.Name}
		}
		return Row{Answer: No, Evidence: "roles に security_officer がない", Step: "医療情報システム安全管理責任者を任命する。"}
	case "2-1":
		n := 0
		for _, d := range p.Devices {
			n += max(d.Count, 1)
		}
		if n > 0 {
			return Row{Answer: Yes, Evidence: fmt.Sprintf("機器台帳に%d種類・%d台を登録", len(p.Devices), n)}
		}
		return Row{Answer: No, Evidence: "devices の登録なし", Step: "サーバ・端末PC・ネットワーク機器の台帳を作る。"}
	case "2-2":
		var undocumented []string
		for _, s := range p.RemoteSystems() {
			if strings.TrimSpace(s.Remote.Method) == "" {
				undocumented = append(undocumented, s.Name)
			}
		}
		if len(undocumented) > 0 {
			return Row{Answer: No, Evidence: "リモート保守の方法が未記録：" + strings.Join(undocumented, "、"), Step: "事業者に接続方法を確認し記録する。"}
		}
		if rs := p.RemoteSystems(); len(rs) > 0 {
			return Row{Answer: Yes, Evidence: "リモート保守あり：" + names(rs) + "（方法を記録済み）"}
		}
		return Row{Answer: Open, Evidence: "リモート保守を使うシステムの登録なし", Step: "リモート保守を使う機器が本当にないか、各事業者に確認する。"}
	case "2-3":
		var missing, have []string
		seen := map[string]bool{}
		for _, s := range med {
			v := p.VendorByID(s.Vendor)
			if v == nil || seen[v.ID] {
				continue
			}
			seen[v.ID] = true
			if v.Documents.MDSSDS.IsZero() {
				missing = append(missing, v.Name)
			} else {
				have = append(have, v.Name+" "+v.Documents.MDSSDS.Format("2006-01-02"))
			}
		}
		switch {
		case len(missing) > 0:
			return Row{Answer: No, Evidence: "MDS/SDS未受領：" + strings.Join(missing, "、"), Step: "MDS/SDSの提出を依頼する。"}
		case len(have) > 0:
			return Row{Answer: Yes, Evidence: "MDS/SDS受領：" + strings.Join(have, "、")}
		}
		return Row{Answer: Open, Evidence: "医療情報システムの事業者の登録なし", Step: "事業者がいれば MDS/SDS の提出を依頼する。"}
	case "2-4":
		// Accounts and passwords are the clinic's on every terminal,
		// the national systems' included (安全管理規程 第11条 lists them).
		var shared []string
		for _, s := range p.MedicalSystems() {
			if s.Auth.SharedAccounts {
				shared = append(shared, s.Name)
			}
		}
		if len(shared) > 0 {
			return Row{Answer: No, Evidence: "共用アカウントあり：" + strings.Join(shared, "、"), Step: "職員ごとにアカウントを発行し、職種・業務別の権限と管理者権限の対象者を設定する。"}
		}
		return Row{Answer: Open, Evidence: "共用アカウントなし（権限の設定内容は未確認）", Step: "職種・業務別の権限と管理者権限の対象者を事業者と確認する。"}
	case "2-5":
		return Row{Answer: Open, Evidence: "アカウントの棚卸しの記録は未確認", Step: "退職者・未使用のアカウントがないか、各システムのアカウント一覧を職員名簿と照合する。"}
	case "2-6":
		var eos []string
		for _, d := range p.Devices {
			if !d.EndOfSupport.IsZero() && !d.EndOfSupport.After(asOf) {
				eos = append(eos, fmt.Sprintf("%s（%s、%sサポート終了）", d.Name, d.OS, d.EndOfSupport.Format("2006-01-02")))
			}
		}
		if len(eos) > 0 {
			return Row{Answer: No, Evidence: "サポート終了の機器：" + strings.Join(eos, "、"), Step: "入替えるか、ネットワークから切り離す。"}
		}
		return Row{Answer: Open, Evidence: "サポート終了の機器なし（更新の適用状況は未確認）", Step: "各機器の更新プログラムの適用状況を事業者と確認する。"}
	case "2-7":
		var short, unknown []string
		ok := 0
		for _, s := range med {
			switch l := s.Auth.PasswordMinLength; {
			case s.Auth.TwoFactor || l >= 13:
				ok++
			case l == 0:
				unknown = append(unknown, s.Name)
			case l < 8:
				short = append(short, fmt.Sprintf("%s（%d文字）", s.Name, l))
			default:
				unknown = append(unknown, fmt.Sprintf("%s（%d文字、定期変更は未確認）", s.Name, l))
			}
		}
		switch {
		case len(short) > 0:
			return Row{Answer: No, Evidence: "8文字未満：" + strings.Join(short, "、"), Step: "英数字・記号を混ぜた8文字以上に設定を変える。"}
		case len(unknown) > 0:
			return Row{Answer: Open, Evidence: "未確認：" + strings.Join(unknown, "、"), Step: "最小文字数と定期変更の設定を事業者と確認する（二要素認証か13文字以上なら定期変更は不要）。"}
		case ok > 0:
			return Row{Answer: Yes, Evidence: "すべて二要素認証または13文字以上：" + names(med)}
		}
		return Row{Answer: Open, Step: "パスワードの設定を事業者と確認する。"}
	case "2-8":
		return Row{Answer: Yes, Evidence: "本文書集の安全管理規程（パスワードの扱い）で使い回しを禁止", Step: "規程の施行後、職員に周知する。"}
	case "2-9":
		return Row{Answer: Open, Evidence: "安全管理規程で登録した媒体以外の接続を禁止（技術的な制限の有無は未確認）", Step: "USB等の接続を制限する設定の有無を事業者と確認する。"}
	case "2-10":
		var no []string
		for _, s := range p.MedicalSystems() {
			if !s.Auth.TwoFactor {
				no = append(no, s.Name)
			}
		}
		if len(no) > 0 {
			return Row{Answer: No, Evidence: "二要素認証なし：" + strings.Join(no, "、"), Step: "令和9年度までの実装計画を事業者と決める（計画があれば「令和9年度までに実装予定」と回答できる）。", Target: "2028-03-31"}
		}
		if all := p.MedicalSystems(); len(all) > 0 {
			return Row{Answer: Yes, Evidence: "二要素認証あり：" + names(all)}
		}
		return Row{Answer: Open, Step: "二要素認証の有無を事業者と確認する。"}
	case "2-11":
		return Row{Answer: Open, Evidence: "アクセスログの管理状況は未確認", Step: "各システムのアクセスログの保存期間と確認方法を事業者と確認する。"}
	case "2-12":
		return Row{Answer: Open, Evidence: "サーバ・端末の設定内容は未確認", Step: "不要なソフトウェア・サービスの停止を事業者と確認する。"}
	case "2-13":
		return Row{Answer: Open, Evidence: "ネットワーク機器の設定内容は未確認", Step: "接続元の制限（VPNの接続元、無線LANの利用者の限定）を事業者と確認する。"}
	case "3-1":
		ic, so := p.HolderOf("incident_contact"), p.HolderOf("security_officer")
		if ic.Name != "" && so.Name != "" && len(p.Contacts) > 0 {
			return Row{Answer: Yes, Evidence: "本文書集の「インシデント対応手順と連絡体制」に連絡体制図（窓口 " + ic.Name + "、事業者、外部機関）"}
		}
		return Row{Answer: No, Evidence: "連絡窓口・安全管理責任者・外部の連絡先のいずれかが未登録", Step: "連絡窓口と安全管理責任者を決め、外部機関の連絡先を登録する。"}
	case "3-2":
		var bad []string
		for _, s := range med {
			b := s.Backup
			switch {
			case b.Missing():
				bad = append(bad, s.Name+"（バックアップなし）")
			case b.LastRestoreTest.IsZero():
				bad = append(bad, s.Name+"（復旧テスト未実施）")
			case b.LastRestoreTest.Before(asOf.AddDate(-1, 0, 0)):
				bad = append(bad, s.Name+"（復旧テストが1年以上前）")
			}
		}
		if len(bad) > 0 {
			return Row{Answer: No, Evidence: strings.Join(bad, "、"), Step: "バックアップを取り、復旧手順を事業者と確かめて復旧テストを行う。"}
		}
		if len(med) > 0 {
			return Row{Answer: Yes, Evidence: "すべてのシステムでバックアップと1年以内の復旧テストを確認：" + names(med)}
		}
		return Row{Answer: Open, Step: "バックアップの有無を確認する。"}
	case "3-3":
		return Row{Answer: Yes, Evidence: "本文書集の「事業継続計画（BCP）」（システムごとの代替手順・復旧順序）"}
	case "4-1":
		return Row{Answer: Yes, Evidence: "本文書集（基本方針・安全管理規程ほか）を施行日 " + p.Policy.Effective.Format("2006-01-02") + " に制定"}
	}
	return Row{Answer: Open, Step: "実際の状況を確かめて回答する。"}
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
func Vendors(p *profile.Profile, items []fragment.ChecklistItem) []VendorSheet {
	var out []VendorSheet
	for _, v := range p.Vendors {
		for _, s := range p.SystemsOf(v.ID) {
			sh := VendorSheet{Vendor: v, System: s}
			for _, it := range items {
				if !it.Vendor {
					continue
				}
				r := Row{ChecklistItem: it}
				if it.ID == "2-3" && !v.Documents.MDSSDS.IsZero() {
					r.Evidence = "医療機関側で " + v.Documents.MDSSDS.Format("2006-01-02") + " 受領済み"
				}
				if it.ID == "2-2" && s.Remote.Enabled {
					r.Evidence = "医療機関の記録：リモート保守あり（" + s.Remote.Method + "）"
				}
				sh.Rows = append(sh.Rows, r)
			}
			out = append(out, sh)
		}
	}
	return out
}
