package verdict

import (
	"reflect"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

// carriedRow is what the tests read of a device taken out.
type carriedRow struct {
	Name, Keeper                      string
	ByVendor, Personal, Media, Screen bool
	Numbered                          bool
}

func carriedRows(ks []*Carried) []carriedRow {
	var out []carriedRow
	for _, k := range ks {
		out = append(out, carriedRow{k.Name, k.Keeper, k.ByVendor, k.Personal, k.Media, k.Screen, k.Numbered})
	}
	return out
}

// TestCarried: the devices taken off the premises, who manages each and
// what the training and the contact chain make of them.
func TestCarried(t *testing.T) {
	for _, tt := range []struct {
		file    string
		carried []carriedRow
		// keepers are the names the incident contact calls when a clinic
		// device is lost, and whether each is a vendor.
		keepers  []string
		byVendor []bool
		// wiped and checked are the devices the training names.
		wiped, checked []string
		screens, loss  bool
	}{
		// Two devices a vendor manages (and wipes), both with screens,
		// several of each; a home-nursing station.
		{"../../profiles/hikari-nursing.toml", []carriedRow{
			{"訪問用タブレット", "株式会社九州モバイルソリューションズ", true, false, false, true, true},
			{"オンコール用スマートフォン", "株式会社九州モバイルソリューションズ", true, false, false, true, true},
		}, []string{"株式会社九州モバイルソリューションズ"}, []bool{true},
			[]string{"訪問用タブレット", "オンコール用スマートフォン"}, nil, true, true},
		// A backup disk a member of staff manages.
		{"../../profiles/sakura-naika.toml", []carriedRow{
			{"バックアップ用外付けHDD", "中村 拓也", false, false, true, false, true},
		}, []string{"中村 拓也"}, []bool{false}, nil, []string{"バックアップ用外付けHDD"}, false, true},
		// Staff's own smartphones are carried but managed by no one, and
		// are not the clinic's: no keeper for them.
		{"testdata/nursing-byod.toml", []carriedRow{
			{"訪問用タブレット", "遠藤 里美", false, false, false, true, true},
			{"職員の私用スマートフォン", "", false, true, false, true, true},
		}, []string{"遠藤 里美"}, []bool{false}, nil, []string{"訪問用タブレット"}, true, true},
	} {
		c := load(t, tt.file)
		if got := carriedRows(c.Carried); !reflect.DeepEqual(got, tt.carried) {
			t.Errorf("%s: carried\n%+v\nwant\n%+v", tt.file, got, tt.carried)
		}
		var keepers []string
		var byVendor []bool
		for _, k := range c.Incident.Keepers {
			keepers = append(keepers, k.Name)
			byVendor = append(byVendor, k.Vendor != nil)
			if k.Vendor == nil && k.Phone == "" {
				t.Errorf("%s: keeper %s has no phone", tt.file, k.Name)
			}
		}
		if !reflect.DeepEqual(keepers, tt.keepers) || !reflect.DeepEqual(byVendor, tt.byVendor) {
			t.Errorf("%s: keepers %q (vendor %v), want %q (%v)", tt.file, keepers, byVendor, tt.keepers, tt.byVendor)
		}
		l := c.Lessons
		if got := deviceNames(l.WipedByVendor); !reflect.DeepEqual(got, tt.wiped) {
			t.Errorf("%s: wiped by vendor %q, want %q", tt.file, got, tt.wiped)
		}
		if got := deviceNames(l.CheckedByStaff); !reflect.DeepEqual(got, tt.checked) {
			t.Errorf("%s: checked by staff %q, want %q", tt.file, got, tt.checked)
		}
		if l.Screens != tt.screens || l.Loss != tt.loss {
			t.Errorf("%s: screens %v, loss %v; want %v, %v", tt.file, l.Screens, l.Loss, tt.screens, tt.loss)
		}
	}
}

func deviceNames(ks []*Carried) []string {
	var out []string
	for _, k := range ks {
		out = append(out, k.Name)
	}
	return out
}

// TestLessons: the systems the training names for shared accounts and
// two-factor authentication.
func TestLessons(t *testing.T) {
	l := load(t, "../../profiles/sakura-naika.toml").Lessons
	// The network shares no account and is out of scope anyway; the
	// レセコン and the オンライン資格確認 terminal share accounts.
	want := Lessons{
		SharingAccounts:  []string{"レセコン「医事マスター」", "オンライン資格確認端末"},
		UsingTwoFactor:   []string{"クラウド電子カルテ「メディクラウドK」"},
		TwoFactorWithout: []string{"レセコン「医事マスター」"},
	}
	if !reflect.DeepEqual(l.SharingAccounts, want.SharingAccounts) || !reflect.DeepEqual(l.UsingTwoFactor, want.UsingTwoFactor) ||
		!reflect.DeepEqual(l.TwoFactorWithout, want.TwoFactorWithout) || l.TwoFactorUnconfirmed != nil {
		t.Errorf("sakura lessons %+v", l)
	}
}

// TestIncident: who the incident contact calls, and whom staff call last.
func TestIncident(t *testing.T) {
	for _, tt := range []struct {
		file                         string
		officerIsContact, privacyIsO bool
		// backstop is the last member of staff to call, "" for none;
		// manager whether that is the manager.
		backstop string
		manager  bool
	}{
		// The manager is neither the contact nor the deputy.
		{"../../profiles/sakura-naika.toml", false, true, "佐藤 健一", true},
		// The manager is the contact and the security officer: after the
		// deputy, only the vendors are left.
		{"../../profiles/hikari-nursing.toml", true, true, "", false},
		// Two staff: the contact and the deputy are all there is.
		{"../../profiles/futaba-naika.toml", false, true, "", false},
	} {
		in := load(t, tt.file).Incident
		if in.OfficerIsContact != tt.officerIsContact || in.PrivacyIsOfficer != tt.privacyIsO {
			t.Errorf("%s: officer is contact %v, privacy is officer %v", tt.file, in.OfficerIsContact, in.PrivacyIsOfficer)
		}
		switch b := in.Backstop; {
		case tt.backstop == "" && b != nil:
			t.Errorf("%s: backstop %+v, want none", tt.file, *b)
		case tt.backstop != "" && (b == nil || b.Name != tt.backstop || b.Manager != tt.manager):
			t.Errorf("%s: backstop %+v, want %s (manager %v)", tt.file, b, tt.backstop, tt.manager)
		}
	}
}

// TestVendorCall: the number to call a vendor on urgently, the one rule
// the documents and the contact chart follow.
func TestVendorCall(t *testing.T) {
	a := load(t, "../../profiles/aoba-dental.toml")
	for _, tt := range []struct {
		vendor string
		want   *Call
	}{
		// An emergency number among its contacts.
		{"shonan-dentsys", &Call{Number: "0120-456-799", Emergency: true}},
		// None: the first contact's phone, with its hours.
		{"minato-xray", &Call{Number: "045-330-2468", Hours: "平日 9:00〜17:30"}},
		// No phone at all: its e-mail.
		{"yoyaku-cloud", &Call{Number: "help@yoyaku-cloud.example.jp", Hours: "平日 10:00〜18:00", Email: true}},
	} {
		if v := a.Vendor(tt.vendor); !reflect.DeepEqual(v.Call, tt.want) {
			t.Errorf("aoba %s: call %+v; want %+v", tt.vendor, v.Call, tt.want)
		}
	}
	// An emergency line of a second contact comes before the first
	// contact's office phone.
	two := profile.Vendor{Contacts: []profile.VendorContact{{Phone: "03-1111-1111"}, {EmergencyPhone: "090-2222-2222"}}}
	if c := CallOf(two); c == nil || c.Number != "090-2222-2222" || !c.Emergency {
		t.Errorf("second contact's emergency line: %+v", c)
	}
	// A vendor with no contact written.
	if c := CallOf(profile.Vendor{}); c != nil {
		t.Errorf("call %+v for a vendor with no contact", c)
	}
}

// TestTakeout: what is registered to be taken out, who approves it and
// who checks it back in.
func TestTakeout(t *testing.T) {
	for _, tt := range []struct {
		file                   string
		devices                []string
		media, daily, numbered bool
		approvers              []Approver
		operatorChecks         bool
	}{
		// A backup disk in two units, approved by the member of staff
		// who manages it.
		{"testdata/paper-chart.toml", []string{"バックアップ用外付けHDD"}, true, false, true,
			[]Approver{{"菊池 由香", []string{"バックアップ用外付けHDD"}}}, true},
		// Devices a vendor manages are approved by the system operator,
		// the only approver, so the manager checks.
		{"../../profiles/hikari-nursing.toml", []string{"訪問用タブレット", "オンコール用スマートフォン"}, false, true, true,
			[]Approver{{"吉田 恵美", []string{"訪問用タブレット", "オンコール用スマートフォン"}}}, false},
		// Staff's own smartphones are not the clinic's to lend.
		// The system operator manages the tablet, so is its only
		// approver: the manager checks.
		{"testdata/nursing-byod.toml", []string{"訪問用タブレット"}, false, true, true,
			[]Approver{{"遠藤 里美", []string{"訪問用タブレット"}}}, false},
	} {
		to := load(t, tt.file).Takeout
		got := []any{deviceNames(to.Devices), to.Media, to.Daily, to.Numbered, to.Approvers, to.OperatorChecks}
		want := []any{tt.devices, tt.media, tt.daily, tt.numbered, tt.approvers, tt.operatorChecks}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: takeout\n%v\nwant\n%v", tt.file, got, want)
		}
	}
}
