package findings

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

var messages = sync.OnceValues(func() (*fragment.Messages, error) {
	return fragment.LoadMessages(fragment.Layer{Name: "templates", FS: os.DirFS("../../templates")})
})

// check runs the rules with the default messages.
func check(t *testing.T, p *profile.Profile, asOf time.Time) []Finding {
	t.Helper()
	m, err := messages()
	if err != nil {
		t.Fatal(err)
	}
	return Check(p, verdict.Judge(p, asOf), m)
}

var asOf = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func load(t *testing.T, edit func(string) string) *profile.Profile {
	t.Helper()
	data, err := os.ReadFile("testdata/clean.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := edit(string(data))
	p, err := profile.Decode("clean.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCleanProfileHasNoFindings(t *testing.T) {
	if fs := check(t, load(t, func(s string) string { return s }), asOf); len(fs) != 0 {
		t.Fatalf("findings = %+v", fs)
	}
}

// secondVendor is a second vendor whose medical system is as clean as the
// first: it adds nothing to the clean profile but a second vendor.
const secondVendor = `[[systems]]
id = "booking"
name = "予約システム"
kind = "reservation"
hosting = "cloud"
vendor = "w"
medical_info = true

[systems.remote_maintenance]
enabled = false

[systems.backup]
method = "事業者のクラウドに毎日"
frequency = "daily"
offline = true
generations = 7
copies = 2
last_restore_test = 2026-01-15

[systems.auth]
two_factor = true
shared_accounts = false
password_min_length = 8

[[vendors]]
id = "w"
name = "予約事業者"

[vendors.contract]
renewal = 2027-03-31
notice_days = 60
termination_data = "返却後に消去し証明書を発行"

[vendors.documents]
mds_sds = 2025-01-10
responsibility = 2025-01-10
`

// TestRules changes one fact of the clean profile and checks that exactly
// the expected finding appears, at the expected path and severity.
func TestRules(t *testing.T) {
	tests := []struct {
		name, old, new string
		asOf           time.Time
		rule, path     string
		sev            Severity
		detail         string
		detailEn       string
	}{
		{"no deputy", "deputy = \"b\"\n\n[[roles]]\nrole = \"incident_contact\"", "\n[[roles]]\nrole = \"incident_contact\"", asOf,
			"role-no-deputy", "roles[0].deputy", Medium, "院長", "院長"},
		{"no security officer", "role = \"security_officer\"", "role = \"planning_manager\"", asOf,
			"role-missing", "roles", High, "医療情報システム安全管理責任者", "security officer"},
		{"no backup", "frequency = \"daily\"", "frequency = \"none\"", asOf,
			"backup-missing", "systems[0].backup", High, "バックアップを取っていません", "takes no backup"},
		{"online backup, one generation", "offline = true\ngenerations = 7", "offline = false\ngenerations = 1", asOf,
			"backup-no-offline", "systems[0].backup.offline", High, "1世代", "1 generation"},
		{"restore never tested", "last_restore_test = 2026-01-15\n", "", asOf,
			"restore-never-tested", "systems[0].backup.last_restore_test", High, "", ""},
		{"restore test over a year ago", "last_restore_test = 2026-01-15", "last_restore_test = 2025-05-31", asOf,
			"restore-test-stale", "systems[0].backup.last_restore_test", Medium, "2025年5月31日", "31 May 2025"},
		{"remote method missing", "method = \"IPsec-VPN\"", "method = \"\"", asOf,
			"remote-undocumented", "systems[0].remote_maintenance.method", High, "", ""},
		{"remote approval missing", "approval = \"事務長が都度承認し記録\"", "approval = \"\"", asOf,
			"remote-no-approval", "systems[0].remote_maintenance.approval", Medium, "", ""},
		{"shared accounts", "shared_accounts = false", "shared_accounts = true", asOf,
			"shared-accounts", "systems[0].auth.shared_accounts", High, "", ""},
		{"no two-factor", "two_factor = true", "two_factor = false", asOf,
			"no-two-factor", "systems[0].auth.two_factor", Medium, "2028年3月31日", "31 March 2028"},
		{"device past end of support", "end_of_support = 2031-10-14", "end_of_support = 2025-10-14", asOf,
			"device-end-of-support", "devices[0].end_of_support", High, "2025年10月14日", "14 October 2025"},
		{"device support ends within a year", "end_of_support = 2031-10-14", "end_of_support = 2027-01-31", asOf,
			"device-end-of-support-soon", "devices[0].end_of_support", Low, "2027年1月31日", "31 January 2027"},
		{"no disclosure documents", "mds_sds = 2025-01-10\n", "", asOf,
			"vendor-no-disclosure", "vendors[0].documents", Medium, "", ""},
		// Checklist 2-3 asks for the MDS/SDS: a service specification
		// conformity disclosure does not answer it.
		{"a service specification but no MDS/SDS", "mds_sds = 2025-01-10\n", "service_spec = 2025-01-10\n", asOf,
			"vendor-no-disclosure", "vendors[0].documents", Medium, "サービス仕様適合開示書だけでは", ""},
		{"no responsibility agreement", "responsibility = 2025-01-10\n", "", asOf,
			"vendor-no-responsibility", "vendors[0].documents.responsibility", Medium, "", ""},
		{"no termination clause", "termination_data = \"返却後に消去し証明書を発行\"", "termination_data = \"\"", asOf,
			"contract-no-termination-clause", "vendors[0].contract.termination_data", Medium, "", ""},
		{"renewal within 90 days", "renewal = 2027-03-31", "renewal = 2026-08-15", asOf,
			"contract-notice-soon", "vendors[0].contract.notice_days", High, "2026年6月16日", "16 June 2026"},
		{"review overdue", "review_interval_months = 12", "review_interval_months = 1", asOf,
			"review-overdue", "policy.last_review", Medium, "2026年5月1日", "1 May 2026"},
		{"no training record", "last_training = 2026-02-01\n", "", asOf,
			"training-none", "policy.last_training", Medium, "", ""},
		{"training over a year ago", "last_training = 2026-02-01", "last_training = 2025-05-01", asOf,
			"training-stale", "policy.last_training", Medium, "2025年5月1日", "1 May 2025"},
		{"two vendors, no coordinator", "[[devices]]", secondVendor + "\n[[devices]]", asOf,
			"coordination-unconfirmed", "policy.coordinator", Low, "予約事業者", "2 vendors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := load(t, func(s string) string {
				out := strings.Replace(s, tt.old, tt.new, 1)
				if out == s {
					t.Fatalf("edit %q did not apply", tt.old)
				}
				return out
			})
			fs := check(t, p, tt.asOf)
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %d: %+v", len(fs), fs)
			}
			f := fs[0]
			if f.Rule != tt.rule || f.Path != tt.path || f.Severity != tt.sev || !strings.Contains(f.Detail+f.Title, tt.detail) {
				t.Errorf("finding = %+v\nwant rule %s at %s, %s, detail containing %q", f, tt.rule, tt.path, tt.sev, tt.detail)
			}
			if f.ID != tt.rule+"@"+tt.path {
				t.Errorf("id = %q", f.ID)
			}
			if f.Title == "" || f.Action == "" || len(f.Refs) == 0 {
				t.Errorf("finding lacks title, action or refs: %+v", f)
			}
			if f.TitleEn == "" || f.DetailEn == "" || f.ActionEn == "" {
				t.Errorf("finding lacks its English title, detail or action: %+v", f)
			}
			if !strings.Contains(f.DetailEn+f.TitleEn, tt.detailEn) {
				t.Errorf("English detail %q lacks %q", f.DetailEn, tt.detailEn)
			}
		})
	}
}

func TestNationalSystemsNeedNoBackup(t *testing.T) {
	p := load(t, func(s string) string {
		return strings.Replace(s, "kind = \"emr\"", "kind = \"online_qualification\"", 1)
	})
	p.Systems[0].Backup = profile.Backup{Frequency: "none"}
	for _, f := range check(t, p, asOf) {
		if strings.HasPrefix(f.Rule, "backup") || strings.HasPrefix(f.Rule, "restore") {
			t.Errorf("national system got %s", f.Rule)
		}
	}
}

func TestSeverityOrderAndCount(t *testing.T) {
	p := load(t, func(s string) string {
		s = strings.Replace(s, "shared_accounts = false", "shared_accounts = true", 1)
		return strings.Replace(s, "renewal = 2027-03-31", "renewal = 2026-09-20", 1)
	})
	fs := check(t, p, asOf)
	if len(fs) != 2 || fs[0].Severity != High || fs[1].Severity != Medium {
		t.Fatalf("findings = %+v", fs)
	}
	if c := Count(fs); c["high"] != 1 || c["medium"] != 1 || c["low"] != 0 {
		t.Errorf("Count = %v", c)
	}
	if w, ok := Worst(fs); !ok || w != High {
		t.Errorf("Worst = %v %v", w, ok)
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepted urgent")
	}
}

// TestBilingual checks that the English texts name things as the
// English copy of the profile does.
func TestBilingual(t *testing.T) {
	p := load(t, func(s string) string {
		s = strings.Replace(s, "shared_accounts = false", "shared_accounts = true", 1)
		return s + "\n[english]\n\"電子カルテ\" = \"Medical record\"\n"
	})
	m, err := messages()
	if err != nil {
		t.Fatal(err)
	}
	pe := p.In("en")
	fs := Bilingual(p, verdict.Judge(p, asOf), pe, verdict.Judge(pe, asOf), m)
	if len(fs) != 1 || !strings.Contains(fs[0].Title, "電子カルテ") || !strings.Contains(fs[0].TitleEn, "Medical record") {
		t.Fatalf("findings = %+v", fs)
	}
}
