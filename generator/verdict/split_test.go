package verdict

import (
	"os"
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
