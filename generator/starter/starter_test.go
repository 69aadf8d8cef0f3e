package starter

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // the time zones, on machines without a zoneinfo database

	"github.com/anzen-dev/anzen/generator/profile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.toml")

var day = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

func catalog(t *testing.T) *profile.Catalog {
	t.Helper()
	cat := profile.NewCatalog()
	def := "format = 1\nid = \"kit\"\nname = \"キット株式会社\"\n"
	if err := cat.AddDir("vendors", fstest.MapFS{"kit.toml": {Data: []byte(def)}}); err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestDefaultsValidate: for every clinic type, the defaults plus names
// give a profile that validates, with the systems the type usually has.
func TestDefaultsValidate(t *testing.T) {
	for _, ct := range profile.ClinicTypes {
		t.Run(ct.Value, func(t *testing.T) {
			a := Defaults(ct.Value)
			a.ID, a.Name, a.Date = "x-"+strings.ReplaceAll(ct.Value, "_", "-"), ct.Ja+"テスト", day
			a.Staff[0].Name, a.Staff[1].Name = "管理 者", "事務 員"
			out, err := Write(a, catalog(t))
			if err != nil {
				t.Fatal(err)
			}
			p, err := profile.Decode("p.toml", out, profile.WithCatalog(catalog(t)))
			if err != nil {
				t.Fatal(err)
			}
			if string(p.Clinic.Type) != ct.Value || len(p.Systems) < 2 || p.Role("security_officer").Deputy == "" {
				t.Errorf("profile does not reflect the answers: %+v", p.Clinic)
			}
		})
	}
}

// TestGoldenProfile keeps one starter profile per language in testdata
// (go test -update rewrites them; read them as a clinic would).
func TestGoldenProfile(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			a, err := DecodeAnswers("answers.toml", []byte(`lang = "`+lang+`"
type = "dental"
id = "kita-shika"
name = "きた歯科"
date = 2026-04-01
staff = [{ name = "北 一郎", job = "dentist" }, { name = "南 花子", job = "dental_hygienist" }, { name = "東 次郎", job = "clerk" }]
deputy = 1
systems = [{ kind = "receipt", name = "レセコン", hosting = "onprem", vendor = "kit" }, { kind = "imaging", name = "X線画像", hosting = "onprem", vendor = "画像システム株式会社" }]
`))
			if err != nil {
				t.Fatal(err)
			}
			out, err := Write(a, catalog(t))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "kita-shika."+lang+".toml")
			if *update {
				os.WriteFile(golden, out, 0o644)
			}
			want, _ := os.ReadFile(golden)
			if !bytes.Equal(out, want) {
				t.Errorf("%s differs (go test -update)\n%s", golden, out)
			}
		})
	}
}

// TestHostileAnswers: whatever is typed stays a value in the profile.
func TestHostileAnswers(t *testing.T) {
	for _, name := range []string{`"quoted" \ back`, "line\nbreak", `""" triple`, "{{ env \"HOME\" }}", "<script>alert(1)</script>"} {
		a := Defaults("clinic")
		a.ID, a.Name, a.Date = "x", name, day
		a.Staff[0].Name, a.Staff[1].Name = name, "b"
		a.Systems[0].Vendor = name
		out, err := Write(a, catalog(t))
		if err != nil {
			t.Errorf("%q: %v", name, err)
			continue
		}
		p, err := profile.Decode("p.toml", out)
		if err != nil {
			t.Errorf("%q: %v", name, err)
			continue
		}
		if p.Clinic.Name != name || p.Staff[0].Name != name || p.Vendors[0].Name != name {
			t.Errorf("%q came back as %q / %q / %q", name, p.Clinic.Name, p.Staff[0].Name, p.Vendors[0].Name)
		}
	}
}

// TestHiddenCharactersInAnswers: control characters and invisible
// direction or width marks, which a profile may not hold, are refused
// with the answer they are in.
func TestHiddenCharactersInAnswers(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"ctrl\x01\x7f", "name: 5文字目の U+0001"},
		{"\u202e逆", "name: 1文字目の U+202E"},
		{"北\u200b一郎", "name: 2文字目の U+200B"},
	} {
		a := Defaults("clinic")
		a.ID, a.Name, a.Date = "x", tt.name, day
		a.Staff[0].Name = tt.name
		_, err := Write(a, catalog(t))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "staff[0]."+tt.want) {
			t.Errorf("%q: err = %v, want %q for name and staff[0].name", tt.name, err, tt.want)
		}
	}
}

func TestBadAnswers(t *testing.T) {
	tests := []struct{ name, answers, want string }{
		{"unknown key", "type = \"clinic\"\nnmae = \"x\"", `unknown key "nmae"`},
		{"unknown type", "type = \"hospital\"\nid = \"x\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"doctor\" }]\ndeputy = -1", "type: 施設の種類は clinic, dental, pharmacy, home_nursing のどれかです"},
		{"unsafe id", "type = \"clinic\"\nid = \"../x\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"doctor\" }]\ndeputy = -1", "id: IDは小文字の英数字とハイフン"},
		{"reserved id", "type = \"clinic\"\nid = \"con\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"doctor\" }]\ndeputy = -1", "id: IDは小文字の英数字とハイフン"},
		{"no manager", "type = \"clinic\"\nid = \"x\"\nname = \"x\"\nstaff = []", "staff: 管理者（1人目の職員）の氏名を入れてください"},
		{"bad job, in English", "lang = \"en\"\ntype = \"clinic\"\nid = \"x\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"surgeon\" }]\ndeputy = -1", "staff[0].job: the job is one of doctor"},
		{"deputy out of range", "type = \"clinic\"\nid = \"x\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"doctor\" }]\ndeputy = 3", "deputy: 代理者は2人目以降の職員の番号です"},
		{"bad hosting", "type = \"clinic\"\nid = \"x\"\nname = \"x\"\nstaff = [{ name = \"a\", job = \"doctor\" }]\ndeputy = -1\nsystems = [{ kind = \"emr\", name = \"e\", hosting = \"saas\" }]", "systems[0].hosting: 設置形態は onprem, cloud, hybrid のどれかです"},
		{"not TOML", "type = ", "answers a.toml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := DecodeAnswers("a.toml", []byte(tt.answers))
			if err == nil {
				_, err = Write(a, catalog(t))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestAsk runs the questionnaire with typed answers, including a wrong
// one that is asked again, and defaults taken with Enter.
func TestAsk(t *testing.T) {
	input := strings.Join([]string{
		"9",               // not a choice: asked again
		"3",               // pharmacy
		"みなみ薬局",           // name
		"Minami",          // not a slug: asked again
		"minami-yakkyoku", // id
		"",                // address
		"03-0000-0000",    // phone
		"南 太郎",            // manager
		"",                // manager's job: pharmacist by default
		"南 花子", "",        // staff: pharmacy clerk by default
		"西 次郎", "pharmacist", // staff, job by value
		"",              // end of staff
		"2",             // deputy: 西 次郎
		"はい", "", "kit", // dispensing: on-premise, vendor definition
		"いいえ",       // no 電子薬歴
		"y", "", "", // online qualification: hybrid, same vendor
		"y", "2", "ネット株式会社", // network: cloud?? (choice 2), another vendor
	}, "\n") + "\n"
	var prompts bytes.Buffer
	a, err := Ask(strings.NewReader(input), &prompts, "ja", []string{"kit"})
	if err != nil {
		t.Fatalf("%v\n%s", err, prompts.String())
	}
	if a.Type != "pharmacy" || a.ID != "minami-yakkyoku" || len(a.Staff) != 3 || a.Staff[1].Job != "pharmacy_assistant" || a.Staff[2].Job != "pharmacist" || a.Deputy != 2 {
		t.Fatalf("answers: %+v", a)
	}
	if len(a.Systems) != 3 || a.Systems[0].Vendor != "kit" || a.Systems[1].Vendor != "kit" || a.Systems[2].Hosting != "cloud" {
		t.Fatalf("systems: %+v", a.Systems)
	}
	for _, want := range []string{"施設の種類：", "1〜4 の番号で答えてください。", "小文字の英数字とハイフンで入力してください。", "管理薬剤師の氏名", "事業者定義のID kit"} {
		if !strings.Contains(prompts.String(), want) {
			t.Errorf("prompts lack %q", want)
		}
	}
	a.Date = day
	if _, err := Write(a, catalog(t)); err != nil {
		t.Fatal(err)
	}
}

// TestAskEndsAtEOF: input that ends early stops the questionnaire with
// an error instead of waiting or looping.
func TestAskEndsAtEOF(t *testing.T) {
	for _, input := range []string{"", "1\n", "1\nやまだ\n"} {
		_, err := Ask(strings.NewReader(input), &bytes.Buffer{}, "en", nil)
		if !errors.Is(err, ErrAborted) {
			t.Errorf("%q: got %v, want ErrAborted", input, err)
		}
	}
}

// TestDefaultDateIsTodayInJapan: without a date in the answers, the first
// version takes effect today in Japan, in every time zone: at 00:30 in
// Tokyo on 1 April it is still 31 March in UTC and in Los Angeles.
func TestDefaultDateIsTodayInJapan(t *testing.T) {
	defer func(clock func() time.Time, local *time.Location) { now, time.Local = clock, local }(now, time.Local)
	now = func() time.Time { return time.Date(2026, 3, 31, 15, 30, 0, 0, time.UTC) }
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err) // time/tzdata is linked in: never missing
		}
		time.Local = loc
		a := Answers{ID: "x", Name: "テスト", Type: "clinic", Deputy: -1, Staff: []Person{{Name: "院長", Job: "doctor"}}, Systems: []System{{Kind: "emr", Name: "電子カルテ", Hosting: "cloud"}}}
		data, err := Write(a, catalog(t))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"\neffective = 2026-04-01 ", "\nlast_review = 2026-04-01\n", "\ndate = 2026-04-01\n"} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("TZ %s: profile lacks %q", zone, strings.TrimSpace(want))
			}
		}
	}
}

// TestNestedAnswersAreRefusedBeforeDecoding: answers shaped to make the
// TOML decoder work for minutes (thousands of nested tables, or more
// items than a profile may hold) are refused with the place, as a profile
// is, before the decoder reads them.
func TestNestedAnswersAreRefusedBeforeDecoding(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"type = \"clinic\"\nname = " + strings.Repeat("{a = ", 100_000) + "1" + strings.Repeat("}", 100_000) + "\n", "answers a.toml:2:48: name.a.a.a.a.a.a.a.a: nested more than 8 levels deep"},
		{"type = \"clinic\"\nstaff = [" + strings.Repeat("{name = \"x\"}, ", 60_000) + "]\n", "answers a.toml:2:"},
		{"type = \"clinic\"\nname = \"\x00\"\n", "answers a.toml:2:9: NUL byte"},
	} {
		_, err := DecodeAnswers("a.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %.200v, want %q", err, tt.want)
		}
	}
}
