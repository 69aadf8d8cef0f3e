package checklist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/internal/testtemplates"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/refs"
	"github.com/anzen-dev/anzen/generator/verdict"
)

func items(t *testing.T) []refs.ChecklistItem {
	t.Helper()
	var r refs.Registry
	if _, err := toml.DecodeFile("../../templates/refs.toml", &r); err != nil {
		t.Fatal(err)
	}
	return r.Checklist
}

func clean(t *testing.T, edit func(string) string) *profile.Profile {
	t.Helper()
	data, err := os.ReadFile("../findings/testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Decode("clean.toml", []byte(edit(string(data))))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var asOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func TestFiscalYearEnd(t *testing.T) {
	for in, want := range map[string]string{"2026-03-31": "2026-03-31", "2026-04-01": "2027-03-31", "2026-12-31": "2027-03-31", "2027-01-05": "2027-03-31"} {
		d, _ := time.Parse("2006-01-02", in)
		if got := FiscalYearEnd(d).Format("2006-01-02"); got != want {
			t.Errorf("FiscalYearEnd(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestSheetYear checks the year a sheet is for: the fiscal year of the
// check, whose last day is the target of every いいえ, and whether it is
// later than the edition's.
func TestSheetYear(t *testing.T) {
	for _, tt := range []struct {
		asOf       string
		fy, reiwa  int
		start, end string
		later      bool
	}{
		{"2025-10-01", 2025, 7, "2025-04-01", "2026-03-31", false},
		{"2026-03-31", 2025, 7, "2025-04-01", "2026-03-31", false},
		{"2026-04-01", 2026, 8, "2026-04-01", "2027-03-31", true},
	} {
		d, _ := time.Parse("2006-01-02", tt.asOf)
		y := SheetYear(d)
		if y.FY != tt.fy || y.Reiwa() != tt.reiwa || y.Start.Format("2006-01-02") != tt.start || y.End.Format("2006-01-02") != tt.end || y.Later() != tt.later {
			t.Errorf("SheetYear(%s) = %+v (令和%d, later %v), want FY%d 令和%d %s..%s later %v", tt.asOf, y, y.Reiwa(), y.Later(), tt.fy, tt.reiwa, tt.start, tt.end, tt.later)
		}
		if y.EditionReiwa() != 7 {
			t.Errorf("edition 令和%d", y.EditionReiwa())
		}
	}
}

// TestAnswers changes one fact of a clean profile and checks the answer
// of the item it bears on.
func TestAnswers(t *testing.T) {
	tests := []struct {
		name, old, new, item, answer, evidence, target string
	}{
		{"clean: officer appointed", "", "", "1-1", Yes, "院長", ""},
		{"no officer", `role = "security_officer"`, `role = "planning_manager"`, "1-1", No, "安全管理責任者", "2027-03-31"},
		{"MDS/SDS received", "", "", "2-3", Yes, "2025年1月10日", ""},
		{"MDS/SDS missing", "mds_sds = 2025-01-10\n", "", "2-3", No, "ベンダー", "2027-03-31"},
		{"shared accounts defeat per-job rights", "shared_accounts = false", "shared_accounts = true", "2-4", No, "電子カルテ", "2027-03-31"},
		{"rights not recorded", "", "", "2-4", Open, "", ""},
		{"device past end of support", "end_of_support = 2031-10-14", "end_of_support = 2025-10-14", "2-6", No, "サーバ", "2027-03-31"},
		{"2FA everywhere", "", "", "2-10", Yes, "電子カルテ", ""},
		{"no 2FA: planned by the regulations", "two_factor = true", "two_factor = false", "2-10", Yes, "令和9年度までに実装予定：二要素認証がまだない電子カルテ", ""},
		{"remote source not recorded", "", "", "2-13", Open, "", ""},
		{"remote from a fixed IP address", `method = "IPsec-VPN"`, `method = "IPsec-VPN（事業者の固定IPアドレスからのみ）"`, "2-13", Yes, "電子カルテ（IPsec-VPN（事業者の固定IPアドレスからのみ））", ""},
		{"no 2FA, password length unknown", "two_factor = true\nshared_accounts = false\npassword_min_length = 8", "two_factor = false\nshared_accounts = false", "2-7", Open, "電子カルテ", ""},
		{"short password", "two_factor = true\nshared_accounts = false\npassword_min_length = 8", "two_factor = false\nshared_accounts = false\npassword_min_length = 6", "2-7", No, "6文字", "2027-03-31"},
		{"backup and recent restore test", "", "", "3-2", Yes, "電子カルテ", ""},
		{"restore test stale", "last_restore_test = 2026-01-15", "last_restore_test = 2025-01-15", "3-2", No, "1年以上前", "2027-03-31"},
		{"remote maintenance documented", "", "", "2-2", Yes, "方法を記録済み", ""},
		{"remote maintenance undocumented", `method = "IPsec-VPN"`, `method = ""`, "2-2", No, "電子カルテ", "2027-03-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := clean(t, func(s string) string {
				if tt.old == "" {
					return s
				}
				out := strings.Replace(s, tt.old, tt.new, 1)
				if out == s {
					t.Fatalf("edit %q did not apply", tt.old)
				}
				return out
			})
			var row *Row
			rows := Clinic(p, verdict.Judge(p, asOf), items(t), testtemplates.Messages(t))
			for i := range rows {
				if rows[i].ID == tt.item {
					row = &rows[i]
				}
			}
			if row == nil {
				t.Fatalf("no row %s", tt.item)
			}
			checkEnglish(t, "clean profile", *row)
			if row.Answer != tt.answer || !strings.Contains(row.Evidence, tt.evidence) || row.Target != tt.target {
				t.Errorf("%s = %q (evidence %q, target %q); want %q with %q, target %q", tt.item, row.Answer, row.Evidence, row.Target, tt.answer, tt.evidence, tt.target)
			}
			if (row.Answer == Open) != (row.Checked == "") {
				t.Errorf("%s: checked %q for answer %s", tt.item, row.Checked, row.Answer)
			}
			if row.Answer != Yes && row.Step == "" {
				t.Errorf("%s: %s without a next step", tt.item, row.Answer)
			}
		})
	}
}

func TestEveryItemAnswered(t *testing.T) {
	its := items(t)
	p := clean(t, func(s string) string { return s })
	rows := Clinic(p, verdict.Judge(p, asOf), its, testtemplates.Messages(t))
	if len(rows) != len(its) {
		t.Fatalf("%d rows for %d items", len(rows), len(its))
	}
	for _, r := range rows {
		if r.Answer == Open && r.Evidence == "" && r.Step == "実際の状況を確かめて回答する。" {
			t.Errorf("item %s has no rule", r.ID)
		}
	}
}

func TestVendorSheets(t *testing.T) {
	p := clean(t, func(s string) string { return s })
	sheets := Vendors(p, verdict.Judge(p, asOf), items(t), testtemplates.Messages(t))
	if len(sheets) != 1 || sheets[0].System.ID != "emr" {
		t.Fatalf("sheets = %+v", sheets)
	}
	for _, r := range sheets[0].Rows {
		if !r.Vendor {
			t.Errorf("item %s does not apply to vendors", r.ID)
		}
		if r.ID == "2-3" && !strings.Contains(r.Evidence, "2025年1月10日") {
			t.Errorf("2-3 evidence = %q", r.Evidence)
		}
	}
}

// TestEnglish checks that every row of the example clinics' sheets, as of
// their review date and five years on (when support has ended and restore
// tests have gone stale), has an English text wherever it has a Japanese
// one, and that the English is not the Japanese copied over.
func TestEnglish(t *testing.T) {
	files, err := filepath.Glob("../../profiles/*.toml")
	if err != nil || len(files) < 4 {
		t.Fatalf("example profiles: %v %v", files, err)
	}
	cat := profile.NewCatalog()
	if err := cat.AddDir("vendors", os.DirFS("../../profiles/vendors")); err != nil {
		t.Fatal(err)
	}
	its, m := items(t), testtemplates.Messages(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			p, err := profile.LoadFile(file, profile.WithCatalog(cat))
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range []time.Time{p.Policy.LastReview, p.Policy.LastReview.AddDate(5, 0, 0)} {
				for _, r := range Clinic(p, verdict.Judge(p, at), its, m) {
					checkEnglish(t, "clinic sheet as of "+at.Format("2006-01-02"), r)
				}
			}
			for _, sh := range Vendors(p, verdict.Judge(p, p.Policy.LastReview), its, m) {
				for _, r := range sh.Rows {
					checkEnglish(t, "vendor sheet "+sh.Vendor.ID+"/"+sh.System.ID, r)
				}
			}
		})
	}
}

// checkEnglish reports a row whose Evidence or Step has no English
// version, an English version without the Japanese, the Japanese copied
// into the English field, or a message missing from the files.
func checkEnglish(t *testing.T, where string, r Row) {
	t.Helper()
	for _, f := range []struct{ name, ja, en string }{
		{"Evidence", r.Evidence, r.EvidenceEn},
		{"Step", r.Step, r.StepEn},
	} {
		switch {
		case f.ja != "" && f.en == "":
			t.Errorf("%s %s: %s %q has no English", where, r.ID, f.name, f.ja)
		case f.ja == "" && f.en != "":
			t.Errorf("%s %s: %sEn %q without the Japanese", where, r.ID, f.name, f.en)
		case f.ja != "" && f.en == f.ja:
			t.Errorf("%s %s: %sEn is the Japanese %q", where, r.ID, f.name, f.ja)
		}
		// A message missing from the files shows as its key in brackets.
		for _, s := range []string{f.ja, f.en} {
			if strings.Contains(s, "[ja:") || strings.Contains(s, "[en:") {
				t.Errorf("%s %s: %s %q uses a missing message", where, r.ID, f.name, s)
			}
		}
	}
}

// TestEnglishNumber checks that the English texts choose the singular or
// plural form by the number: the clean profile has one system, one kind
// of device (its number unknown) and one remote maintenance method.
func TestEnglishNumber(t *testing.T) {
	p := clean(t, func(s string) string { return s })
	want := map[string]string{
		"0-1": "1 system handling medical information (電子カルテ)",
		"2-1": "1 kind of device (0 units in all) registered in the device register (and 1 kind whose number is not confirmed)",
		"2-2": "Remote maintenance in use: 電子カルテ (method recorded)",
		"2-3": "MDS/SDS received: ベンダー (on 10 January 2025)",
	}
	for _, r := range Clinic(p, verdict.Judge(p, asOf), items(t), testtemplates.Messages(t)) {
		if w, ok := want[r.ID]; ok && r.EvidenceEn != w {
			t.Errorf("%s: EvidenceEn = %q, want %q", r.ID, r.EvidenceEn, w)
		}
	}
}
