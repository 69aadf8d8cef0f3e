package profile

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDefinitionMerge: a client profile's own keys win over its vendor
// definition's, even false and 0; tables merge key by key; lists are
// taken whole.
func TestDefinitionMerge(t *testing.T) {
	def := `format = 1
id = "kit"
name = "キット株式会社"
services = ["保守", "監視"]
[contract]
auto_renewal = true
notice_days = 60
termination_data = "返却と消去"
[[responsibilities]]
item = "バックアップ"
normal = "事業者：監視"
`
	cat := NewCatalog()
	if err := cat.AddDir("vendors", fstest.MapFS{"kit.toml": {Data: []byte(def)}}); err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		vendor string
		check  func(v Vendor) string
	}{
		{"all from the definition", `definition = "kit"`, func(v Vendor) string {
			if v.Name != "キット株式会社" || len(v.Services) != 2 || !v.Contract.AutoRenewal.IsYes() || v.Contract.NoticeDays.N() != 60 || len(v.Responsibilities) != 1 {
				return "definition values not applied"
			}
			return ""
		}},
		{"false and 0 override", "definition = \"kit\"\n[vendors.contract]\nauto_renewal = false\nnotice_days = 0", func(v Vendor) string {
			if !v.Contract.AutoRenewal.IsNo() || v.Contract.NoticeDays != CountOf(0) || v.Contract.TerminationData != "返却と消去" {
				return "client keys did not win, or the rest of the table was not merged"
			}
			return ""
		}},
		{"lists are taken whole", "definition = \"kit\"\nservices = [\"導入のみ\"]\nname = \"別名\"", func(v Vendor) string {
			if len(v.Services) != 1 || v.Services[0] != "導入のみ" || v.Name != "別名" {
				return "client list or name did not replace the definition's"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(base), "[[vendors]]\nid = \"v\"\nname = \"ベンダー株式会社\"", "[[vendors]]\nid = \"v\"\n"+tt.vendor, 1)
			p, err := Decode("p.toml", []byte(src), WithCatalog(cat))
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(p.Vendors[0]); msg != "" {
				t.Errorf("%s: %+v", msg, p.Vendors[0])
			}
		})
	}
	// The definition itself is not changed by a client.
	if d := cat.Lookup("kit"); d.Contract.NoticeDays.N() != 60 || len(d.Services) != 2 {
		t.Errorf("definition changed: %+v", d)
	}
}

func TestContrast(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#0b5394", "#ffffff", 7.84}} {
		if got := contrast(tt.a, tt.b); got < tt.want-0.1 || got > tt.want+0.1 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.1f", tt.a, tt.b, got, tt.want)
		}
	}
}
