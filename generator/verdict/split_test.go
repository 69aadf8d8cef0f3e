package verdict

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/profile"
)

func load(t *testing.T, path string) *Clinic {
	t.Helper()
	cat := profile.NewCatalog()
	if err := cat.AddDir("vendors", os.DirFS("../../profiles/vendors")); err != nil {
		t.Fatal(err)
	}
	p, err := profile.LoadFile(path, profile.WithCatalog(cat))
	if err != nil {
		t.Fatal(err)
	}
	return Judge(p, p.Policy.LastReview)
}

// TestSplit checks the facts the 責任分界表 is built from.
func TestSplit(t *testing.T) {
	// The vendor's own lines: the router's line for the network only,
	// the all-services lines for the レセコン, none for the オンライン資格確認
	// terminal (they name the レセコン, and it keeps no backup).
	f := load(t, "../../profiles/futaba-naika.toml")
	items := func(id string) []string {
		var out []string
		for _, r := range f.Split(id).Lines {
			out = append(out, r.Item)
		}
		return out
	}
	if got := items("network"); len(got) != 1 || got[0] != "ルータ" {
		t.Errorf("futaba network lines %q", got)
	}
	if got := items("receipt"); len(got) != 3 {
		t.Errorf("futaba receipt lines %q", got)
	}
	if got := items("oqs"); len(got) != 0 {
		t.Errorf("futaba oqs lines %q", got)
	}

	// A UTM the vendor manages, with the administrator password held by
	// the vendor.
	s := load(t, "../../profiles/sakura-naika.toml")
	if sp := s.Split("network"); !sp.Accounts.Vendor() || !sp.Equip.Vendor() {
		t.Errorf("sakura network: accounts %s, equipment %s", sp.Accounts, sp.Equip)
	}
	if sp := s.Split("receipt"); !sp.Accounts.Clinic() || !sp.Equip.Both() {
		t.Errorf("sakura receipt: accounts %s, equipment %s", sp.Accounts, sp.Equip)
	}

	// A chat app on staff's own phones with no contract.
	n := load(t, "testdata/nursing-byod.toml")
	if sp := n.Split("chat"); !sp.PersonalOnly || sp.Contracted || len(sp.Equipment) != 0 {
		t.Errorf("nursing-byod chat: %+v", sp)
	}
	if sp := n.Split("nursing-record"); sp.PersonalOnly || !sp.Contracted || !sp.Equip.Clinic() {
		t.Errorf("nursing-byod record: %+v", sp)
	}
	if got := n.PersonalOnlySystems(); len(got) != 1 || got[0].ID != "chat" {
		t.Errorf("nursing-byod personal-only systems %v", got)
	}
}

// TestSplitTable checks what the 責任分界表 shows for each system: its
// basis, why it is a draft, who keeps the backup and who disconnects.
func TestSplitTable(t *testing.T) {
	clinics := map[string]*Clinic{
		"futaba": load(t, "../../profiles/futaba-naika.toml"),
		"sakura": load(t, "../../profiles/sakura-naika.toml"),
		"byod":   load(t, "testdata/nursing-byod.toml"),
	}
	for _, tt := range []struct {
		clinic, system string
		basis          Basis
		draft          bool
		agreement      Agreement
		keeper         Keeper
		disconnects    bool
		managers       string
	}{
		// The vendor's own line for the router (out of scope: the
		// clinic keeps no backup of it).
		{"futaba", "network", BasisLines, false, "", KeptByNation, true, "株式会社埼玉メディコム"},
		// The vendor's lines name the レセコン, not the オンライン資格確認
		// terminal: a draft, whose data the nation keeps; the vendor
		// manages the terminal.
		{"futaba", "oqs", BasisDraft, true, AgreementElsewhere, KeptByNation, true, "株式会社埼玉メディコム"},
		// An agreement received but not written into the profile; four
		// devices, one manager.
		{"sakura", "emr", BasisDraft, true, AgreementReceived, KeptByVendor, false, "伊藤 美香"},
		// Devices managed by the vendor and by staff; the staff back up.
		{"sakura", "receipt", BasisDraft, true, AgreementMissing, KeptByClinic, false, "株式会社東京メディカルシステムズ・伊藤 美香・中村 拓也"},
		// A UTM the vendor manages: staff disconnect as it says.
		{"sakura", "network", BasisDraft, true, AgreementMissing, KeptByNation, true, "株式会社東京メディカルシステムズ"},
		// A chat app with no vendor at all, and no backup.
		{"byod", "chat", BasisNone, false, "", KeptByNobody, false, ""},
	} {
		sp := clinics[tt.clinic].Split(tt.system)
		got := fmt.Sprintf("%s %v %s %s %v %s", sp.Basis, sp.Draft, sp.Agreement, sp.Keeper, sp.VendorDisconnects, strings.Join(sp.Managers, "・"))
		want := fmt.Sprintf("%s %v %s %s %v %s", tt.basis, tt.draft, tt.agreement, tt.keeper, tt.disconnects, tt.managers)
		if got != want {
			t.Errorf("%s %s: %s, want %s", tt.clinic, tt.system, got, want)
		}
	}
}

// TestSplitCheckBackup: staff check the backups the clinic runs itself;
// not a national system's, even when a backup method is written for it.
func TestSplitCheckBackup(t *testing.T) {
	for _, tt := range []struct {
		kind, operator string
		keeper         Keeper
		check          bool
	}{
		{"online_qualification", "", KeptByNation, false},
		{"emr", "", KeptByClinic, true},
		{"emr", "ven", KeptByVendor, false},
	} {
		toml := riskClinic + `
[[systems]]
id = "sys"
name = "端末"
kind = "` + tt.kind + `"
hosting = "onprem"
vendor = "ven"
medical_info = true
[systems.backup]
method = "外付けHDDへ毎日"
frequency = "daily"
`
		if tt.operator != "" {
			toml += "operator = \"" + tt.operator + "\"\n"
		}
		toml += "\n[[vendors]]\nid = \"ven\"\nname = \"事業者A\"\n"
		p, err := profile.Decode("split.toml", []byte(toml))
		if err != nil {
			t.Fatal(err)
		}
		sp := Judge(p, p.Policy.LastReview).Split("sys")
		if sp.Keeper != tt.keeper || sp.CheckBackup() != tt.check {
			t.Errorf("%s (operator %q): keeper %s, check %t; want %s, %t", tt.kind, tt.operator, sp.Keeper, sp.CheckBackup(), tt.keeper, tt.check)
		}
	}
}
