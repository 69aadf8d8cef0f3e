package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// pngOf encodes a w×h image.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{0x1b, 0x5e, 0x8c, 0xff})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// kitDef is a valid vendor definition that the cases below edit.
const kitDef = `format = 1
id = "kit"
name = "キット株式会社"
services = ["電子カルテ保守"]

[[contacts]]
name = "サポート"
phone = "03-0000-0000"

[contract]
notice_days = 30
termination_data = "データを返却し消去証明書を発行する"

[[responsibilities]]
item = "バックアップ"
normal = "事業者：監視"
emergency = "事業者：復元"

[brand]
logo = "logo.png"
color = "#1b5e8c"
`

// client turns the minimal profile into a client of the kit vendor.
func client(t *testing.T) string {
	s := minimal(t)
	s = strings.Replace(s, "approver = \"a\"", "approver = \"a\"\nprepared_by = \"v\"", 1)
	return strings.Replace(s, "[[vendors]]\nid = \"v\"\nname = \"ベンダー株式会社\"", "[[vendors]]\nid = \"v\"\ndefinition = \"kit\"", 1)
}

// TestHostileVendorDefinitions: broken or hostile vendor definitions and
// logos give a clear error that names the file and key.
func TestHostileVendorDefinitions(t *testing.T) {
	tests := []struct {
		name  string
		def   func(string) string
		files map[string][]byte // more files in the vendors folder
		link  string            // logo.png is a symbolic link to this file outside the folder
		want  string
	}{
		{"logo outside the folder", func(s string) string { return strings.Replace(s, `"logo.png"`, `"../secret.png"`, 1) }, nil, "",
			`vendors/kit.toml:20:1: brand.logo: "../secret.png" is not allowed: name a file inside the definitions folder`},
		{"absolute logo path", func(s string) string { return strings.Replace(s, `"logo.png"`, `"/etc/passwd.png"`, 1) }, nil, "",
			`brand.logo: "/etc/passwd.png" is not allowed`},
		{"logo symlink outside", nil, nil, "secret.png", `brand.logo: "logo.png": path escapes from parent`},
		{"SVG logo", func(s string) string { return strings.Replace(s, `"logo.png"`, `"logo.svg"`, 1) }, map[string][]byte{"logo.svg": []byte(`<svg onload="alert(1)"/>`)}, "",
			`brand.logo: "logo.svg": SVG logos are not accepted (an SVG file can carry scripts); use PNG or JPEG`},
		{"text named .png", nil, map[string][]byte{"logo.png": []byte("<script>alert(1)</script>")}, "",
			`brand.logo: "logo.png" is not a PNG or JPEG image: image: unknown format`},
		{"JPEG named .png", nil, map[string][]byte{"logo.png": {0xff, 0xd8, 0xff, 0xdb}}, "", `brand.logo: "logo.png"`},
		{"huge logo file", nil, map[string][]byte{"logo.png": make([]byte, 300<<10)}, "",
			`brand.logo: "logo.png": larger than the limit of 262144 bytes`},
		{"logo too many pixels", nil, map[string][]byte{"logo.png": nil}, "", `brand.logo: "logo.png" is 3000×10 pixels; the limit is 2000×2000`},
		{"missing logo", func(s string) string { return strings.Replace(s, `"logo.png"`, `"nologo.png"`, 1) }, nil, "",
			`brand.logo: "nologo.png": no such file in the definitions folder`},
		{"colour with CSS", func(s string) string { return strings.Replace(s, `"#1b5e8c"`, `"red;}</style><script>x</script>"`, 1) }, nil, "",
			`brand.color: "red;}</style><script>x</script>" is not a colour: write it as #rrggbb`},
		{"pale colour", func(s string) string { return strings.Replace(s, `"#1b5e8c"`, `"#ffff00"`, 1) }, nil, "",
			`brand.color: #ffff00 on white has a contrast ratio of 1.1:1; links and buttons need at least 4.5:1`},
		{"id and file name differ", func(s string) string { return strings.Replace(s, `id = "kit"`, `id = "other"`, 1) }, nil, "",
			`kit.toml: id: "other" does not match the file name`},
		{"unknown key", func(s string) string { return strings.Replace(s, "services =", "servces =", 1) }, nil, "",
			`kit.toml:4:1: servces: unknown key "servces"; did you mean "services"?`},
		{"no format", func(s string) string { return strings.Replace(s, "format = 1\n", "", 1) }, nil, "",
			"kit.toml: format: missing: add `format = 1`"},
		{"empty responsibility", func(s string) string {
			return strings.Replace(s, "normal = \"事業者：監視\"\nemergency = \"事業者：復元\"\n", "", 1)
		}, nil, "",
			`responsibilities[0]: missing: say who does what`},
		{"truncated logo", nil, map[string][]byte{"truncate": nil}, "", `brand.logo: "logo.png" is not a complete PNG image: png: invalid format: unexpected EOF`},
		{"FIFO in the folder", nil, map[string][]byte{"fifo": nil}, "", `vendors/pipe.toml: not a regular file`},
		{"client names an unknown definition", func(s string) string { return s }, map[string][]byte{"p.toml": nil}, "",
			`p.toml:42:1: vendors[0].definition: no vendor definition "kti"; did you mean "kit"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			vendors := filepath.Join(dir, "vendors")
			os.MkdirAll(vendors, 0o755)
			def := kitDef
			if tt.def != nil {
				def = tt.def(def)
			}
			files := map[string][]byte{"kit.toml": []byte(def), "logo.png": pngOf(t, 40, 10)}
			prof := client(t)
			for name, data := range tt.files {
				switch {
				case name == "truncate":
					png := pngOf(t, 40, 10)
					files["logo.png"] = png[:len(png)-20]
				case name == "fifo":
					// Nobody writes to it: reading it would wait forever.
					if err := syscall.Mkfifo(filepath.Join(vendors, "pipe.toml"), 0o644); err != nil {
						testenv.Missing(t, err)
					}
				case name == "p.toml":
					prof = strings.Replace(prof, `definition = "kit"`, `definition = "kti"`, 1)
				case data == nil:
					files[name] = pngOf(t, 3000, 10)
				default:
					files[name] = data
				}
			}
			for name, data := range files {
				if err := os.WriteFile(filepath.Join(vendors, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tt.link != "" {
				os.Remove(filepath.Join(vendors, "logo.png"))
				os.WriteFile(filepath.Join(dir, tt.link), pngOf(t, 10, 10), 0o644)
				if err := os.Symlink(filepath.Join("..", tt.link), filepath.Join(vendors, "logo.png")); err != nil {
					testenv.Missing(t, err)
				}
			}
			os.WriteFile(filepath.Join(dir, "p.toml"), []byte(prof), 0o644)
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			code, _, stderr := run(t, "validate", "-vendors", "vendors", "p.toml")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d\n%s\nwant exit 1 and %q", code, stderr, tt.want)
			}
		})
	}
}

// TestVendorDefinitionBrandsClients builds two clients of one vendor
// definition: both carry its services, contract terms and 責任分界, the
// client's own keys win, and the brand (name shown as text, logo, colour)
// signs the site and the handbook.
func TestVendorDefinitionBrandsClients(t *testing.T) {
	dir := t.TempDir()
	vendors := filepath.Join(dir, "vendors")
	os.MkdirAll(vendors, 0o755)
	def := strings.Replace(kitDef, "[brand]\n", "[brand]\nname = \"<script>alert(1)</script> キット\"\n", 1)
	os.WriteFile(filepath.Join(vendors, "kit.toml"), []byte(def), 0o644)
	os.WriteFile(filepath.Join(vendors, "logo.png"), pngOf(t, 40, 10), 0o644)
	a := client(t)
	b := strings.Replace(strings.Replace(a, `id = "test-clinic"`, `id = "second"`, 1),
		`definition = "kit"`, "definition = \"kit\"\n\n[vendors.contract]\nnotice_days = 90", 1)
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte(a), 0o644)
	os.WriteFile(filepath.Join(dir, "b.toml"), []byte(b), 0o644)
	out := filepath.Join(dir, "out")
	if code, _, stderr := run(t, "build", "-vendors", vendors, "-o", out, filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, c := range []struct{ clinic, notice string }{{"test-clinic", "30日前"}, {"second", "90日前"}} {
		vendorsPage := read(c.clinic + "/site/vendors.html")
		for _, want := range []string{"キット株式会社", "電子カルテ保守", "データを返却し消去証明書を発行する", "事業者：復元", c.notice} {
			if !strings.Contains(vendorsPage, want) {
				t.Errorf("%s: vendors page lacks %q", c.clinic, want)
			}
		}
		index, handbook := read(c.clinic+"/site/index.html"), read(c.clinic+"/site/handbook.html")
		for name, page := range map[string]string{"site": index, "handbook": handbook} {
			if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; キット") {
				t.Errorf("%s %s: brand name not shown as text", c.clinic, name)
			}
		}
		if !strings.Contains(index, `src="./brand/logo.png"`) || !strings.Contains(handbook, `src="data:image/png;base64,`) {
			t.Errorf("%s: logo missing", c.clinic)
		}
		if logo := read(c.clinic + "/site/brand/logo.png"); logo != string(pngOf(t, 40, 10)) {
			t.Errorf("%s: logo differs from the vendor's file", c.clinic)
		}
		if !strings.Contains(handbook, "--accent: #1b5e8c") {
			t.Errorf("%s: brand colour missing from the handbook", c.clinic)
		}
	}
}
