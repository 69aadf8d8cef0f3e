package profile

import (
	"os"
	"strings"
	"testing"
)

func TestDecodeMinimal(t *testing.T) {
	data, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Decode("minimal.toml", data)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if p.Clinic.Name != "テスト診療所" || p.Clinic.Type.Ja() != "診療所" {
		t.Errorf("clinic = %+v", p.Clinic)
	}
	if got := p.HolderOf("security_officer").Name; got != "院長 太郎" {
		t.Errorf("HolderOf(security_officer) = %q", got)
	}
	if got := p.DeputyOf("security_officer").Name; got != "事務 花子" {
		t.Errorf("DeputyOf(security_officer) = %q", got)
	}
	if got := p.Policy.NextReview().Format("2006-01-02"); got != "2027-04-01" {
		t.Errorf("NextReview = %s", got)
	}
	if p.OffsiteData() {
		t.Error("a cloud system that keeps no records as originals is not offsite storage of legal records")
	}
	p.Systems[0].Originals = Yes
	if !p.OffsiteData() {
		t.Error("a cloud system keeping records as originals is offsite data")
	}
}

// TestDecodeProblems edits the minimal profile and checks the exact
// problem reported, with its line and column.
func TestDecodeProblems(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"unknown top-level key", "format = 1\n", "format = 1\nclinc = 3\n",
			[]string{`p.toml:2:1: clinc: unknown key "clinc"; did you mean "clinic"?`}},
		{"unknown key in array table", `job = "clerk"`, "job = \"clerk\"\nnmae = \"x\"",
			[]string{`p.toml:25:1: staff[1].nmae: unknown key "nmae"; did you mean "name"?`}},
		{"unknown clinic type", `type = "clinic"`, `type = "hospital"`,
			[]string{`p.toml:6:1: clinic.type: unknown clinic type "hospital" (allowed: clinic 診療所, dental 歯科診療所, pharmacy 薬局, home_nursing 訪問看護ステーション)`}},
		{"typo in enum", `job = "doctor"`, `job = "docter"`,
			[]string{`p.toml:19:1: staff[0].job: unknown job "docter"; did you mean "doctor"?`}},
		{"unresolved deputy", `deputy = "b"`, `deputy = "c"`,
			[]string{`p.toml:29:1: roles[0].deputy: no staff member with id "c" (known: a, b)`}},
		{"deputy is holder", `deputy = "b"`, `deputy = "a"`,
			[]string{`p.toml:29:1: roles[0].deputy: the deputy must be someone other than the holder "a"`}},
		{"english for a text the profile lacks", "format = 1\n", "format = 1\n\n[english]\n\"電子カルテー\" = \"EHR\"\n",
			[]string{`p.toml:4:1: english.電子カルテー: "電子カルテー" is not a text of this profile`}},
		{"empty english", "format = 1\n", "format = 1\n\n[english]\n\"電子カルテ\" = \" \"\n",
			[]string{`p.toml:4:1: english.電子カルテ: empty: write the English for "電子カルテ"`}},
		{"unresolved coordinator", `approver = "a"`, "approver = \"a\"\ncoordinator = \"w\"",
			[]string{`p.toml:15:1: policy.coordinator: no vendor with id "w" (known: v)`}},
		{"unresolved vendor", `vendor = "v"`, `vendor = "w"`,
			[]string{`p.toml:36:1: systems[0].vendor: no vendor with id "w" (known: v)`}},
		{"no systems", "[[systems]]\nid = \"emr\"\nname = \"電子カルテ\"\nkind = \"emr\"\nhosting = \"cloud\"\nvendor = \"v\"\nmedical_info = true\n", "",
			[]string{`p.toml: systems: missing: list at least one system as [[systems]]`}},
		{"unsafe clinic id", `id = "test-clinic"`, `id = "../etc"`,
			[]string{`p.toml:4:1: clinic.id: "../etc" is not a safe id`}},
		{"duplicate staff id", "id = \"b\"\nname = \"事務 花子\"", "id = \"a\"\nname = \"事務 花子\"",
			[]string{`p.toml:22:1: staff[1].id: duplicate id "a" (first used by staff[0])`}},
		{"wrong type", `review_interval_months = 12`, `review_interval_months = "12"`,
			[]string{`p.toml:13:26: policy.review_interval_months: expected a whole number, found text in quotes`}},
		{"date that does not exist", `effective = 2026-04-01`, `effective = 2026-02-30`,
			[]string{`p.toml:11:13: policy.effective: invalid datetime: "2026-02-30"`}},
		{"date as string", `effective = 2026-04-01`, `effective = "2026-04-01"`,
			[]string{`p.toml:11:13: policy.effective: expected a date without quotes, like 2026-04-01`}},
		{"missing format", "format = 1\n", "",
			[]string{`format: missing: add ` + "`format = 1`"}},
		{"future format", "format = 1\n", "format = 2\n",
			[]string{`p.toml:1:1: format: format 2 is newer than this anzen, which reads format 1: install a newer anzen`}},
		{"several problems at once", `job = "doctor"`, "job = \"docter\"\ncolor = \"red\"",
			[]string{`staff[0].job: unknown job "docter"`, `staff[0].color: unknown key "color"`}},
		{"contact URL with another scheme", "[[vendors]]", "[[contacts]]\nkind = \"police\"\nname = \"警察\"\nurl = \"javascript:alert(1)\"\n\n[[vendors]]",
			[]string{`contacts[0].url: "javascript:alert(1)" is not a web address: write it as https://…`}},
		{"NUL byte", `name = "テスト診療所"`, "name = \"テスト\x00\"",
			[]string{`p.toml:5:12: NUL byte: a profile is UTF-8 text`}},
		{"invalid UTF-8", `name = "テスト診療所"`, "name = \"\xff\"",
			[]string{`p.toml:5:9: invalid UTF-8: save the profile as UTF-8 (not Shift_JIS)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(base), tt.old, tt.new, 1)
			if src == string(base) {
				t.Fatalf("edit %q did not apply", tt.old)
			}
			_, err := Decode("p.toml", []byte(src))
			if err == nil {
				t.Fatal("Decode succeeded; want problems")
			}
			if len(Problems(err)) == 0 {
				t.Fatalf("error has no *Problem: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q; got:\n%v", w, err)
				}
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	_, err := Decode("big.toml", make([]byte, MaxSize+1))
	if err == nil || !strings.Contains(err.Error(), "the limit is") {
		t.Fatalf("err = %v", err)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"nurse", "nurse", 0}, {"nures", "nurse", 1}, {"vendr", "vendor", 1}, {"", "abc", 3}, {"看護", "看護師", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestEveryWrongTypeInOneRun checks that a profile with several values of
// the wrong type gets all of them reported at once, each at its key path
// and line, not only the first the decoder meets.
func TestEveryWrongTypeInOneRun(t *testing.T) {
	data, err := os.ReadFile("testdata/wrong-types.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decode("wrong-types.toml", data)
	want := []string{
		"wrong-types.toml:4:8: clinic.name: expected text in quotes, found a whole number",
		"wrong-types.toml:9:13: policy.effective: expected a date without quotes, like 2026-04-01, found text in quotes",
		"wrong-types.toml:11:26: policy.review_interval_months: expected a whole number, found text in quotes",
		"wrong-types.toml:22:16: systems[0].medical_info: expected true or false, found text in quotes",
		"wrong-types.toml:24:15: systems[0].backup.generations: -1: a number of things cannot be negative",
		"wrong-types.toml:29:9: devices[0].count: expected a whole number, found text in quotes",
	}
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d = %q\nwant %q", i, got[i], want[i])
		}
	}
}

// TestSubcontractorsKnown: a written empty list says the vendor uses no
// subcontractors; no list says nothing, in Japanese and in English.
func TestSubcontractorsKnown(t *testing.T) {
	base, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		add  string
		want bool
	}{
		{"", false},
		{"subcontractors = []\n", true},
		{"[[vendors.subcontractors]]\nname = \"株式会社データ\"\nservice = \"データセンター\"\n", true},
	} {
		p, err := Decode("p.toml", append(append([]byte{}, base...), []byte("\n[[vendors]]\nid = \"sub-v\"\nname = \"事業者\"\n"+tt.add)...))
		if err != nil {
			t.Fatalf("%q: %v", tt.add, err)
		}
		v := p.VendorByID("sub-v")
		if v == nil {
			t.Fatalf("%q: no vendor", tt.add)
		}
		if got := v.SubcontractorsKnown(); got != tt.want {
			t.Errorf("%q: SubcontractorsKnown = %v, want %v", tt.add, got, tt.want)
		}
		if got := p.In("en").VendorByID("sub-v").SubcontractorsKnown(); got != tt.want {
			t.Errorf("%q in English: SubcontractorsKnown = %v, want %v", tt.add, got, tt.want)
		}
	}
}
