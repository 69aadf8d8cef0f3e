package verdict

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

// riskClinic is a one-person clinic with nothing but what each case of
// TestRisks adds.
const riskClinic = `format = 1

[clinic]
id = "risks"
name = "テスト医院"
type = "clinic"
manager = "dr"

[policy]
version = "1.0"
effective = 2026-04-01
last_review = 2026-04-01
review_interval_months = 12
approver = "dr"

[[staff]]
id = "dr"
name = "院長"
job = "doctor"
`

// riskRow describes a row of the register for a test: its number, kind,
// subject, likelihood and the clause flags that are set.
func riskRow(r *Risk) string {
	subject := ""
	switch {
	case r.System != nil:
		subject = r.System.ID
	case r.Device != nil:
		subject = r.Device.ID
	case r.Vendor != nil:
		subject = r.Vendor.ID
	}
	out := []string{r.No, string(r.Kind)}
	if subject != "" {
		out = append(out, subject)
	}
	out = append(out, r.Likelihood.En())
	v := reflect.ValueOf(*r)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Bool && f.Bool() {
			out = append(out, v.Type().Field(i).Name)
		}
	}
	if r.Insurer != "" {
		out = append(out, "insurer="+r.Insurer)
	}
	if len(r.Systems) > 0 {
		out = append(out, "systems="+strings.Join(r.Systems, ","))
	}
	for _, s := range r.OfflineCopies {
		out = append(out, "offline="+s.ID)
	}
	if !r.Contract.Renewal.IsZero() {
		out = append(out, fmt.Sprintf("renewal=%s notice=%v", r.Contract.Renewal.Format("2006-01-02"), r.Contract.NoticeKnown))
	}
	return strings.Join(out, " ")
}

// TestRisks checks the rows of the risk register for small clinics: which
// rows there are, in what order and numbered how, their likelihood and the
// facts that pick the clauses of their measures.
func TestRisks(t *testing.T) {
	for _, tt := range []struct {
		name, toml string
		want       []string
	}{
		{
			name: "a well-kept system on the premises",
			toml: `
[[systems]]
id = "emr"
name = "電子カルテ"
kind = "emr"
hosting = "onprem"
vendor = "ven"
medical_info = true
[systems.remote_maintenance]
enabled = false
[systems.backup]
method = "NASと外付けHDD"
frequency = "daily"
offline = true
generations = 7
copies = 2
location = "院長室"
operator = "dr"
last_restore_test = 2026-03-01
[systems.auth]
two_factor = true
shared_accounts = false
password_min_length = 13

[[vendors]]
id = "ven"
name = "事業者A"
[vendors.contract]
confidentiality = true
termination_data = "返却し消去証明書を発行"
[vendors.documents]
mds_sds = 2026-01-10
`,
			want: []string{
				"R01 ransomware emr Low",
				"R02 phishing High",
				"R03 insider Low",
				"R04 disaster Medium systems=電子カルテ offline=emr",
			},
		},
		{
			name: "a cloud system with nothing written, and its vendor",
			toml: `
[[systems]]
id = "cloud"
name = "クラウドカルテ"
kind = "emr"
hosting = "cloud"
vendor = "sora"

[[systems]]
id = "mail"
name = "院内メール"
kind = "email"
hosting = "cloud"
medical_info = false

[[vendors]]
id = "sora"
name = "ソラ"
[vendors.contract]
renewal = 2026-09-30
`,
			want: []string{
				"R01 ransomware cloud High SeeAuth",
				"R02 outage cloud Medium",
				"R03 backup-ransomware cloud Medium AskRestore",
				"R04 auth cloud Medium TwoFactorUnknown AskTwoFactor PasswordLengthUnknown WithOperator",
				"R05 outage mail Medium",
				"R06 mds sora Medium systems=クラウドカルテ",
				"R07 termination sora Medium systems=クラウドカルテ renewal=2026-09-30 notice=false",
				"R08 confidentiality sora Medium ConfidentialityUnknown systems=クラウドカルテ",
				"R09 phishing High systems=院内メール",
				"R10 insider Low",
				"R11 disaster Low",
			},
		},
		{
			name: "shared accounts, remote maintenance without a record, no backup, an insurer",
			toml: `
[[systems]]
id = "receipt"
name = "レセコン"
kind = "receipt"
hosting = "onprem"
vendor = "ven"
medical_info = true
[systems.remote_maintenance]
enabled = true
method = "VPN"
approval = "院長が承認"
[systems.backup]
method = "バックアップしない"
frequency = "none"
[systems.auth]
two_factor = false
shared_accounts = true
password_min_length = 6

[[vendors]]
id = "ven"
name = "事業者A"
[vendors.contract]
confidentiality = false
termination_data = "返却"
[vendors.documents]
mds_sds = 2026-01-10

[[contacts]]
kind = "insurer"
name = "保険会社"
phone = "0120-000-000"
`,
			want: []string{
				"R01 ransomware receipt High SeeAuth insurer=保険会社",
				"R02 remote receipt High AddWorkRecord",
				"R03 backup-missing receipt Low",
				"R04 auth receipt High Shared NeedTwoFactor PasswordTooShort WithOperator",
				"R05 confidentiality ven Medium systems=レセコン",
				"R06 phishing High",
				"R07 insider Medium",
				"R08 disaster Medium systems=レセコン",
			},
		},
		{
			name: "devices past, near and far from the end of support, taken out",
			toml: `
[[systems]]
id = "chart"
name = "紙カルテの予約表"
kind = "reservation"
hosting = "onprem"
medical_info = false

[[devices]]
id = "old"
name = "古いPC"
kind = "pc"
end_of_support = 2025-10-14
managed_by = "dr"

[[devices]]
id = "usb"
name = "USBメモリ"
kind = "media"
end_of_support = 2026-12-31
portable = true

[[devices]]
id = "tablet"
name = "タブレット"
kind = "tablet"
end_of_support = 2030-01-01
portable = true
`,
			want: []string{
				"R01 device-ended old High",
				"R02 device-ending usb Medium",
				"R03 portable usb Medium Media",
				"R04 portable tablet Medium",
				"R05 phishing High",
				"R06 insider Low",
				"R07 disaster Low",
			},
		},
		{
			// Two-factor authentication is not required of a router, but
			// the profile says it has none: ID and password only, not
			// "not confirmed".
			name: "a router whose sign-in is a password alone",
			toml: `
[[systems]]
id = "net"
name = "ルータ"
kind = "network"
hosting = "onprem"
medical_info = false
[systems.auth]
two_factor = false
`,
			want: []string{
				"R01 auth net Low PasswordLengthUnknown",
				"R02 phishing High",
				"R03 insider Low",
				"R04 disaster Low",
			},
		},
		{
			// Shared accounts on a register without medical information:
			// a risk of its own, but not a reason to rate insiders higher.
			name: "a POS register with shared accounts",
			toml: `
[[systems]]
id = "pos"
name = "POSレジ"
kind = "other"
hosting = "onprem"
medical_info = false
[systems.auth]
shared_accounts = true
`,
			want: []string{
				"R01 auth pos Low Shared TwoFactorUnknown PasswordLengthUnknown",
				"R02 phishing High",
				"R03 insider Low",
				"R04 disaster Low",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := profile.Decode("risks.toml", []byte(riskClinic+tt.toml))
			if err != nil {
				t.Fatal(err)
			}
			c := Judge(p, p.Policy.LastReview)
			var got []string
			for _, r := range c.Risks {
				got = append(got, riskRow(r))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			party := map[RiskKind]string{}
			for _, r := range c.Risks {
				if _, ok := party[r.Kind]; !ok {
					party[r.Kind] = r.Party
				}
			}
			if len(p.Systems) > 0 && p.Systems[0].Vendor != "" && party[RiskRansomware] != p.Party(p.Systems[0].Vendor) {
				t.Errorf("ransomware row's party %q, want the vendor", party[RiskRansomware])
			}
		})
	}
}
