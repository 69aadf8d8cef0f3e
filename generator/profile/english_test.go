package profile

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestIn checks the profile as the English pages see it: translated
// texts, the English clinic name, the Japanese name still at hand, and
// the original profile unchanged.
func TestIn(t *testing.T) {
	data, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "format = 1\n",
		"format = 1\n\n[english]\n\"電子カルテ\" = \"Electronic medical record\"\n\"ベンダー株式会社\" = \"Vendor Co., Ltd.\"\n", 1)
	src = strings.Replace(src, `name = "テスト診療所"`, "name = \"テスト診療所\"\nname_en = \"Test Clinic\"", 1)
	p, err := Decode("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	before := p.In("ja")
	if before != p {
		t.Error(`In("ja") should be the profile itself`)
	}
	snapshot := deepCopy(reflect.ValueOf(*p)).Interface().(Profile)
	en := p.In("en")
	for _, tt := range []struct{ name, got, want string }{
		{"system name", en.Systems[0].Name, "Electronic medical record"},
		{"vendor name", en.Vendors[0].Name, "Vendor Co., Ltd."},
		{"clinic name", en.Clinic.Name, "Test Clinic"},
		{"Japanese clinic name", en.Clinic.JaName(), "テスト診療所"},
		{"staff name stays", en.Staff[0].Name, "院長 太郎"},
		{"id stays", en.Systems[0].ID, p.Systems[0].ID},
		{"original system name", p.Systems[0].Name, "電子カルテ"},
		{"original clinic name", p.Clinic.Name, "テスト診療所"},
		{"JaName of the original", p.Clinic.JaName(), "テスト診療所"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if !reflect.DeepEqual(snapshot, *p) {
		t.Error(`In("en") changed the profile it was called on`)
	}
	for _, s := range p.Untranslated() {
		switch s {
		case "電子カルテ", "ベンダー株式会社":
			t.Errorf("Untranslated lists %q, which has English", s)
		case "院長 太郎", "テスト診療所":
			t.Errorf("Untranslated lists %q, a name shown as written", s)
		}
	}
}
