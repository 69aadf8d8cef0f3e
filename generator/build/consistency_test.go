package build

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// testClinics are the clinics of generator/verdict/testdata: each one
// leaves facts unwritten or states a case the examples do not (a cloud
// system with nothing written about its backup, a pharmacy's POS
// register, personal phones, three staff, paper charts).
func testClinics(t testing.TB) []*profile.Profile {
	t.Helper()
	names, err := filepath.Glob("../verdict/testdata/*.toml")
	if err != nil || len(names) < 5 {
		t.Fatalf("test clinics: %v %v", names, err)
	}
	var out []*profile.Profile
	for _, n := range names {
		p, err := profile.LoadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		p.File = filepath.Base(n)
		out = append(out, p)
	}
	return out
}

// section returns the Markdown of a section of the assembled documents.
func section(res *assemble.Result, id string) string {
	for _, d := range res.Documents {
		for _, s := range d.Sections {
			if s.ID == id {
				return s.Markdown
			}
		}
	}
	return ""
}

// rowOf returns the table row of a section that starts with the name.
func rowOf(md, name string) string {
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| "+fragment.EscapeString(name)+" |") {
			return line
		}
	}
	return ""
}

// TestVerdictsAgree builds every example and test clinic and fails when two
// outputs state a different verdict for the same system: the findings,
// the checklist answers, the 3-2-1 table and the risk register.
func TestVerdictsAgree(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(examples(t), testClinics(t)...) {
		t.Run(p.Clinic.ID, func(t *testing.T) {
			out, err := b.Generate(p)
			if err != nil {
				t.Fatal(err)
			}
			v := verdict.Judge(p, p.Policy.LastReview)
			at := map[string]bool{} // rule@system index
			for _, f := range out.Report.Findings {
				if m := regexp.MustCompile(`^systems\[(\d+)\]`).FindStringSubmatch(f.Path); m != nil {
					at[f.Rule+"@"+m[1]] = true
				}
			}
			has := func(i int, rules ...string) bool {
				for _, r := range rules {
					if at[fmt.Sprintf("%s@%d", r, i)] {
						return true
					}
				}
				return false
			}
			rows := map[string]checklist.Row{}
			for _, r := range out.Facts.Checklist {
				rows[r.ID] = r
			}
			t321 := section(out.Docs, "backup-three-two-one")
			register := section(out.Docs, "risk-register")
			for _, s := range v.Systems {
				name := fragment.EscapeString(s.Name)
				row := rowOf(t321, s.Name)
				if (row != "") != s.Backup.Applies {
					t.Errorf("%s: in the 3-2-1 table %v, backup applies %v", s.Name, row != "", s.Backup.Applies)
				}
				if row != "" {
					gap := has(s.Index, "backup-missing", "backup-no-offline", "backup-offline", "backup-copies", "backup-generations")
					if strings.Contains(row, "要対応") != gap {
						t.Errorf("%s: 3-2-1 row %q, gap finding %v", s.Name, row, gap)
					}
					unknown := has(s.Index, "backup-unconfirmed", "backup-unrecorded")
					if strings.Contains(row, "未確認：") != unknown {
						t.Errorf("%s: 3-2-1 row %q, finding to confirm %v", s.Name, row, unknown)
					}
				}
				no2fa := has(s.Index, "no-two-factor")
				// A system without two-factor authentication is planned to
				// get it by 令和9年度末 (the regulations say so): 2-10
				// answers 「実装予定」 and names it.
				if r := rows["2-10"]; (r.Answer == checklist.Yes && strings.Contains(r.Evidence, "実装予定") && strings.Contains(r.Evidence, s.Name)) != no2fa {
					t.Errorf("%s: checklist 2-10 %s %q, finding no-two-factor %v", s.Name, r.Answer, r.Evidence, no2fa)
				}
				if strings.Contains(register, name) && strings.Contains(register, "二要素認証を導入する") {
					inRegister := false
					for _, line := range strings.Split(register, "\n") {
						if strings.Contains(line, "| "+name+"（") && strings.Contains(line, "二要素認証を導入する") {
							inRegister = true
						}
					}
					if inRegister != no2fa {
						t.Errorf("%s: risk register asks for two-factor %v, finding %v", s.Name, inRegister, no2fa)
					}
				}
				shared := has(s.Index, "shared-accounts")
				if r := rows["2-4"]; (r.Answer == checklist.No && strings.Contains(r.Evidence, s.Name)) != shared {
					t.Errorf("%s: checklist 2-4 %s %q, finding shared-accounts %v", s.Name, r.Answer, r.Evidence, shared)
				}
				if !s.InScope() {
					for _, f := range out.Report.Findings {
						if strings.HasPrefix(f.Path, fmt.Sprintf("systems[%d]", s.Index)) && f.Rule != "remote-undocumented" && f.Rule != "remote-no-approval" {
							t.Errorf("%s is out of scope but has finding %s", s.Name, f.ID)
						}
					}
				}
			}
			for _, vv := range v.Vendors {
				if vv.Medical {
					continue
				}
				for _, f := range out.Report.Findings {
					if strings.HasPrefix(f.Path, fmt.Sprintf("vendors[%d].documents", vv.Index)) || strings.HasPrefix(f.Path, fmt.Sprintf("vendors[%d].contract.termination_data", vv.Index)) {
						t.Errorf("vendor %s provides no medical system but has finding %s", vv.Name, f.ID)
					}
				}
			}
		})
	}
}

// keyWords are profile keys and tool words that must not reach the
// documents staff read.
var keyWords = regexp.MustCompile(`systems\\?\[\d|devices\\?\[\d|vendors\\?\[\d|roles\\?\[\d|(?:frequency|offline|generations|two_factor) = |last_restore_test|termination_data|shared_accounts|medical_info|deputy に`)

// TestNoProfileKeysInDocuments checks every page but the key reference
// for profile keys and key paths.
func TestNoProfileKeysInDocuments(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(examples(t), testClinics(t)...) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range out.Content {
			if strings.Contains(name, "/guide/") || !strings.HasSuffix(name, ".md") {
				continue
			}
			if m := keyWords.Find(data); m != nil {
				t.Errorf("%s %s: %q", p.Clinic.ID, name, m)
			}
		}
	}
}

// TestUnknownIsNotNo checks the statements the unwritten keys of the test
// clinics used to produce are gone, and the new ones are there.
func TestUnknownIsNotNo(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Output{}
	for _, p := range testClinics(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatal(err)
		}
		byID[p.Clinic.ID] = out
	}
	rules := func(id string) map[string]findings.Finding {
		m := map[string]findings.Finding{}
		for _, f := range byID[id].Report.Findings {
			m[f.Rule] = f
		}
		return m
	}
	page := func(id, name string) string { return string(byID[id].Content[name]) }

	// A vendor-run cloud system with nothing written about its backup is
	// a fact to confirm, not a missing offline copy.
	cu := rules("cloud-unwritten")
	if _, ok := cu["backup-no-offline"]; ok {
		t.Error("cloud-unwritten: backup-no-offline for an unwritten backup")
	}
	if f, ok := cu["backup-unrecorded"]; !ok || f.Kind != findings.KindConfirm {
		t.Errorf("cloud-unwritten: backup-unrecorded = %+v", f)
	}
	if f := cu["contract-notice-soon"]; f.Severity != findings.High {
		t.Errorf("cloud-unwritten: a notice deadline 16 days away is %s", f.Severity)
	}
	if _, ok := cu["no-two-factor"]; ok {
		t.Error("cloud-unwritten: an unwritten two_factor is reported as missing")
	}
	if _, ok := cu["auth-unconfirmed"]; !ok {
		t.Error("cloud-unwritten: no finding asks to confirm the sign-in settings")
	}
	if b := page("cloud-unwritten", "content/ja/backup/index.md"); strings.Contains(b, "0世代") || strings.Contains(b, "| なし |") {
		t.Error("cloud-unwritten: the backup document states 0 generations or なし")
	}

	// A POS register without medical information is out of scope.
	pp := rules("pharmacy-pos")
	if _, ok := pp["contract-no-termination-clause"]; ok {
		t.Error("pharmacy-pos: the POS vendor got a termination-data finding")
	}
	if strings.Contains(page("pharmacy-pos", "content/ja/basic-policy/index.md"), "同じく対象とします") {
		t.Error("pharmacy-pos: the POS register is still 同じく対象")
	}

	// Personal phones with a chat app and no contract.
	nb := rules("nursing-byod")
	for _, r := range []string{"byod-unmanaged", "byod-no-contract"} {
		if _, ok := nb[r]; !ok {
			t.Errorf("nursing-byod: no %s finding", r)
		}
	}

	// Three staff, the director audits his own work: an outside reviewer.
	if _, ok := rules("three-dental")["duties-outside-reviewer"]; !ok {
		t.Error("three-dental: no outside reviewer proposed")
	}

	// A contract whose automatic renewal, notice period and
	// confidentiality clause are not written: none of them is stated, in
	// any document, as absent or as a date.
	for _, tt := range []struct{ page, bad string }{
		{"content/ja/vendors/index.md", "株式会社なにわデンタルシステム：守秘義務条項がありません"},
		{"content/ja/vendors/index.md", "予告期限は**"},
		{"content/ja/vendors/index.md", "| 2026年7月31日 | いいえ |"},
		{"content/ja/risk/index.md", "契約に守秘義務の条項がなく"},
		{"content/ja/risk/index.md", "申入れ期限2026年7月31日"},
		{"content/en/vendors/index.md", "there is no confidentiality clause"},
		{"content/en/vendors/index.md", "the notice deadline is **"},
		{"content/en/risk/index.md", "The contract has no confidentiality clause"},
	} {
		if strings.Contains(page("three-dental", tt.page), tt.bad) {
			t.Errorf("three-dental %s: an unwritten contract term is stated: %q", tt.page, tt.bad)
		}
	}
	for _, tt := range []struct{ page, want string }{
		{"content/ja/vendors/index.md", "守秘義務条項があるかは未確認です"},
		{"content/ja/vendors/index.md", "解約の予告が何日前までかは未確認のため"},
		{"content/en/vendors/index.md", "has not been confirmed: check the contract **now**"},
	} {
		if !strings.Contains(page("three-dental", tt.page), tt.want) {
			t.Errorf("three-dental %s: missing %q", tt.page, tt.want)
		}
	}

	// The statements the issue quoted are gone, and tailored ones stand
	// in their place.
	for _, tt := range []struct {
		clinic, page string
		gone         *regexp.Regexp
		present      string
	}{
		// A paper-chart clinic with a doctor and an orthoptist, no nurse.
		{"paper-chart", "content/ja/basic-policy/index.md", regexp.MustCompile(`システム停止中に使う紙カルテ`), ""},
		{"paper-chart", "content/ja/bcp/index.md", regexp.MustCompile(`（医師・看護師）`), "記載した本人（医師・視能訓練士）"},
		{"paper-chart", "content/ja/regulations/index.md", regexp.MustCompile(`保健師助産師看護師法`), "視能訓練士法第19条"},
		// Personal phones: one rule, no exception that contradicts it.
		{"nursing-byod", "content/ja/regulations/index.md", regexp.MustCompile(`私物の端末から[^。]*認めない。ただし`), "私物端末には、利用者の情報を保存しない"},
		{"nursing-byod", "content/ja/inventory/index.md", nil, "私物端末（当ステーションの機器ではありません）"},
		// A 責任分界表 the vendor did not give is a draft, not a summary
		// of an agreement received.
		{"pharmacy-pos", "content/ja/vendors/index.md", regexp.MustCompile(`責任分界の取決めを受領済み。この表はその要点です`), "台帳の記録から作った"},
	} {
		b := page(tt.clinic, tt.page)
		if tt.gone != nil && tt.gone.MatchString(b) {
			t.Errorf("%s %s: still states %q", tt.clinic, tt.page, tt.gone.FindString(b))
		}
		if tt.present != "" && !strings.Contains(b, tt.present) {
			t.Errorf("%s %s: missing %q", tt.clinic, tt.page, tt.present)
		}
	}

	// A vendor contact without a phone or an emergency line written: the
	// register says not registered, never none.
	for _, id := range []string{"cloud-unwritten", "three-dental", "pharmacy-pos", "paper-chart", "nursing-byod"} {
		for _, tt := range []struct{ page, section, bad string }{
			{"content/ja/inventory/index.md", "事業者一覧", "電話なし"},
			{"content/ja/inventory/index.md", "事業者一覧", "| なし |"},
			{"content/en/inventory/index.md", "Vendors", "no phone"},
			{"content/en/inventory/index.md", "Vendors", "| none |"},
		} {
			if strings.Contains(sectionText(page(id, tt.page), tt.section), tt.bad) {
				t.Errorf("%s %s: an unwritten contact detail is stated as %q", id, tt.page, tt.bad)
			}
		}
	}

	// Facts the backup list cannot state get a table to write them in,
	// naming who confirms them and by when.
	if b := page("cloud-unwritten", "content/ja/backup/index.md"); !strings.Contains(b, "### 確認の記入欄：") || !strings.Contains(b, "株式会社ソラメディカルに確かめ") {
		t.Error("cloud-unwritten: no write-in table for the unconfirmed backup facts")
	}
}

// sectionText is the text of a document's section whose heading starts with
// title, up to the next section; empty when there is none.
func sectionText(doc, title string) string {
	i := strings.Index(doc, "\n## "+title)
	if i < 0 {
		return ""
	}
	rest := doc[i+1:]
	if j := strings.Index(rest[3:], "\n## "); j >= 0 {
		return rest[:j+3]
	}
	return rest
}
