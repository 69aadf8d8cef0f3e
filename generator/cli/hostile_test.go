package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// minimal is a valid profile that the cases below edit.
func minimal(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../profile/testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Do(context.Background(), args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

// TestHostileProfiles: broken or hostile profiles give a clear, located
// error (exit 1) — never a panic, a hang or a stack trace.
func TestHostileProfiles(t *testing.T) {
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"Shift_JIS bytes", func(s string) string { return strings.Replace(s, "テスト診療所", "\x83e\x83X\x83g", 1) }, "p.toml:5:9: invalid UTF-8: save the profile as UTF-8 (not Shift_JIS)"},
		{"NUL byte", func(s string) string { return strings.Replace(s, "テスト診療所", "テ\x00スト", 1) }, "p.toml:5:10: NUL byte: a profile is UTF-8 text"},
		{"duplicate key", func(s string) string {
			return strings.Replace(s, `name = "テスト診療所"`, "name = \"a\"\nname = \"b\"", 1)
		}, `p.toml:6:1: clinic.name: Key 'clinic.name' has already been defined.`},
		{"duplicate table", func(s string) string { return s + "\n[clinic]\nid = \"x\"\n" }, `Key 'clinic' has already been defined`},
		{"duplicate staff id", func(s string) string { return strings.Replace(s, "id = \"b\"\nname", "id = \"a\"\nname", 1) }, `p.toml:22:1: staff[1].id: duplicate id "a" (first used by staff[0])`},
		{"duplicate vendor id", func(s string) string { return s + "\n[[vendors]]\nid = \"v\"\nname = \"二重\"\n" }, `vendors[1].id: duplicate id "v" (first used by vendors[0])`},
		{"wrong type", func(s string) string { return strings.Replace(s, "medical_info = true", "medical_info = \"yes\"", 1) }, `systems[0].medical_info: expected true or false, found text in quotes`},
		{"date that does not exist", func(s string) string {
			return strings.Replace(s, "effective = 2026-04-01", "effective = 2026-02-30", 1)
		}, `p.toml:11:13: policy.effective: invalid datetime: "2026-02-30"`},
		{"month 13", func(s string) string {
			return strings.Replace(s, "last_review = 2026-04-01", "last_review = 2026-13-01", 1)
		}, `p.toml:12:15: policy.last_review: invalid datetime: "2026-13-01"`},
		{"date as text", func(s string) string {
			return strings.Replace(s, "effective = 2026-04-01", "effective = \"令和8年4月1日\"", 1)
		}, `policy.effective: expected a date without quotes, like 2026-04-01`},
		{"50 MB profile", func(s string) string { return s + "# " + strings.Repeat("x", 50<<20) }, "p.toml: file is 52429364 bytes; the limit is 4194304 bytes (a profile is a few kilobytes)"},
		{"deeply nested array", func(s string) string { return "junk = " + deep + "\n" + s }, `p.toml:1:16: junk[0][0][0][0][0][0][0][0]: nested more than 8 levels deep`},
		{"deeply nested table", func(s string) string {
			return s + "\n[" + strings.TrimSuffix(strings.Repeat("a.", 2000), ".") + "]\nx = 1\n"
		}, `p.toml:43:17: a.a.a.a.a.a.a.a: nested more than 8 levels deep`},
		{"nested inline tables (45 KB)", func(s string) string {
			return s + "\njunk = " + strings.Repeat("{a = ", 7500) + "1" + strings.Repeat("}", 7500) + "\n"
		}, `p.toml:43:48: vendors[0].junk.a.a.a.a.a.a.a.a: nested more than 8 levels deep (tables, lists and dotted keys together); a profile needs at most 4`},
		{"nested inline tables (4 MB)", func(s string) string {
			return s + "\njunk = " + strings.Repeat("{a = ", 690_000) + "1" + strings.Repeat("}", 690_000) + "\n"
		}, `p.toml:43:48: vendors[0].junk.a.a.a.a.a.a.a.a: nested more than 8 levels deep`},
		{"long dotted key", func(s string) string { return s + "\n" + strings.Repeat("a.", 40_000) + "b = 1\n" }, `p.toml:43:18: vendors[0].a.a.a.a.a.a.a.a.a: nested more than 8 levels deep`},
		{"a list of 30,000 inline tables on one line", func(s string) string {
			return s + "\njunk = [" + strings.TrimSuffix(strings.Repeat("{a = 1}, ", 30_000), ", ") + "]\n"
		}, `p.toml:43:1: vendors[0].junk: unknown key "junk"`},
		{"an inline table of 40,000 keys on one line", func(s string) string {
			var b strings.Builder
			for i := range 40_000 {
				fmt.Fprintf(&b, "k%d = %d, ", i, i)
			}
			return s + "\njunk = {" + strings.TrimSuffix(b.String(), ", ") + "}\n"
		}, `p.toml:43:1: vendors[0].junk: unknown key "junk"`},
		{"thousands of unknown keys", func(s string) string {
			var b strings.Builder
			for i := range 50_000 {
				fmt.Fprintf(&b, "junk%d = 1\n", i)
			}
			return s + b.String()
		}, "p.toml: and 49900 more problems"},
		{"4 MB of tables", func(s string) string {
			return s + strings.Repeat("[[junk]]\nx = 1\n", 250_000)
		}, "p.toml:66682:2: more than 100000 keys, values, lists and tables; a profile holds a few hundred"},
		{"4 MB list of inline tables", func(s string) string {
			return s + "\njunk = [" + strings.TrimSuffix(strings.Repeat("{a = 1}, ", 450_000), ", ") + "]\n"
		}, "p.toml:43:299887: vendors[0].junk[33319]: more than 100000 keys"},
		{"device instead of a file", nil, "p.toml: more than 4194304 bytes; the limit is 4194304 bytes"},
		{"very long name", func(s string) string { return strings.Replace(s, "テスト診療所", strings.Repeat("長", 3000), 1) }, "p.toml:5:1: clinic.name: text is 3000 characters long; the limit is 2000"},
		{"id with ..", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "../../etc"`, 1) }, `clinic.id: "../../etc" is not a safe id: use 1-63 lower-case letters`},
		{"absolute id", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "/tmp/x"`, 1) }, `clinic.id: "/tmp/x" is not a safe id`},
		{"id with separator", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "a\\b"`, 1) }, `clinic.id: "a\\b" is not a safe id`},
		{"reserved id", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "con"`, 1) }, `clinic.id: "con" is not a safe id`},
		{"COM port id", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "com1"`, 1) }, `clinic.id: "com1" is not a safe id`},
		{"printer port id", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "lpt9"`, 1) }, `clinic.id: "lpt9" is not a safe id`},
		{"right-to-left override in a phone", func(s string) string {
			return strings.Replace(s, `job = "clerk"`, "job = \"clerk\"\nemergency_phone = \"090-\u202e1234-5678\"", 1)
		}, "p.toml:25:1: staff[1].emergency_phone: character 5 is U+202E, an invisible direction or width mark: remove it"},
		{"zero-width space in a name", func(s string) string {
			return strings.Replace(s, `name = "院長 太郎"`, "name = \"院長\u200b太郎\"", 1)
		}, "staff[0].name: character 3 is U+200B, an invisible direction or width mark"},
		{"control character in a name", func(s string) string {
			return strings.Replace(s, `name = "電子カルテ"`, `name = "電子\u0007カルテ"`, 1)
		}, "systems[0].name: character 3 is U+0007, a control character"},
		{"terminal escape in a name", func(s string) string {
			return strings.Replace(s, `name = "テスト診療所"`, `name = "\u001b]0;pwned\u0007テスト"`, 1)
		}, "clinic.name: character 1 is U+001B, a control character"},
		{"upper-case id", func(s string) string { return strings.Replace(s, `id = "test-clinic"`, `id = "Sakura"`, 1) }, `clinic.id: "Sakura" is not a safe id`},
		{"staff id with space", func(s string) string { return strings.Replace(s, `id = "b"`, `id = "b c"`, 1) }, `staff[1].id: "b c" is not a valid id`},
		{"unknown clinic type", func(s string) string { return strings.Replace(s, `type = "clinic"`, `type = "hospital"`, 1) }, `clinic.type: unknown clinic type "hospital" (allowed: clinic 診療所, dental 歯科診療所, pharmacy 薬局, home_nursing 訪問看護ステーション)`},
		{"no systems", func(s string) string {
			return s[:strings.Index(s, "[[systems]]")] + s[strings.Index(s, "[[vendors]]"):]
		}, "p.toml: systems: missing: list at least one system as [[systems]]"},
		{"misspelt key", func(s string) string { return strings.Replace(s, "hosting =", "hostng =", 1) }, `systems[0].hostng: unknown key "hostng"; did you mean "hosting"?`},
		{"script URL", func(s string) string {
			return s + "\n[[contacts]]\nkind = \"police\"\nname = \"警察\"\nurl = \"javascript:alert(1)\"\n"
		}, `contacts[0].url: "javascript:alert(1)" is not a web address`},
		{"future format", func(s string) string { return strings.Replace(s, "format = 1", "format = 7", 1) }, "p.toml:1:1: format: format 7 is newer than this anzen, which reads format 1: install a newer anzen"},
		{"format 0", func(s string) string { return strings.Replace(s, "format = 1", "format = -1", 1) }, "p.toml:1:1: format: format -1 is not a profile format: the first and current format is 1; write format = 1"},
		{"no format", func(s string) string { return strings.Replace(s, "format = 1", "", 1) }, "p.toml: format: missing: add `format = 1` as the first key of the file"},
		{"syntax error", func(s string) string {
			return strings.Replace(s, `name = "テスト診療所"`, `name = "テスト`, 1)
		}, "p.toml:5:"},
		{"template syntax is just text", func(s string) string { return strings.Replace(s, `job = "doctor"`, `job = "{{ env \"HOME\" }}"`, 1) }, `staff[0].job: unknown job "{{ env \"HOME\" }}"`},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "p.toml")
			os.Remove(path)
			if tt.edit == nil {
				// /dev/zero never ends: only a bounded read stops.
				if err := os.Symlink("/dev/zero", path); err != nil {
					testenv.Missing(t, err)
				}
			} else if err := os.WriteFile(path, []byte(tt.edit(minimal(t))), 0o644); err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			code, _, stderr := run(t, "validate", "p.toml")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d\n%.2000s\nwant exit 1 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Fatalf("stack trace in output:\n%s", stderr)
			}
		})
	}
}

// TestHostileValuesStayText builds one clinic whose texts are attacks, one
// per field, and checks each lands as text in the site, the handbook,
// report.json and the charts.
func TestHostileValuesStayText(t *testing.T) {
	type payload struct{ field, value, shown string }
	payloads := []payload{
		{`name = "テスト診療所"`, `<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{`name = "院長 太郎"`, `[x](javascript:alert(2))`, `[x](javascript:alert(2))`},
		{`name = "事務 花子"`, `"><img src=x onerror=alert(3)>`, `&#34;&gt;&lt;img src=x onerror=alert(3)&gt;`},
		{`name = "電子カルテ"`, `{{ .Clinic.Name }}{{< x >}}{{% y %}}`, `{{ .Clinic.Name }}{{&lt; x &gt;}}{{% y %}}`},
		{`name = "ベンダー株式会社"`, `![i](http://evil.example/p.png) | # h`, `![i](http://evil.example/p.png) | # h`},
		{`address = ""`, "逆方向 ＜全角＞ &amp; `code`", "逆方向 ＜全角＞ &amp;amp; `code`"},
	}
	src := minimal(t)
	src = strings.Replace(src, `manager = "a"`, "manager = \"a\"\naddress = \"\"", 1)
	for _, p := range payloads {
		if !strings.Contains(src, p.field) {
			t.Fatalf("field %q not in profile", p.field)
		}
		src = strings.Replace(src, p.field, strings.SplitN(p.field, "=", 2)[0]+"= "+fmt.Sprintf("%q", p.value), 1)
	}
	dir := t.TempDir()
	prof := filepath.Join(dir, "evil.toml")
	if err := os.WriteFile(prof, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "build", "-hugo-project", "-o", dir, prof); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, "test-clinic", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pages := map[string]string{
		"index":     read("site/index.html"),
		"policy":    read("site/basic-policy.html"),
		"org":       read("site/organization.html"),
		"inventory": read("site/inventory.html"),
		"incident":  read("site/incident.html"),
		"handbook":  read("site/handbook.html"),
	}
	all := strings.Join([]string{pages["index"], pages["policy"], pages["org"], pages["inventory"], pages["incident"], pages["handbook"]}, "\n")
	// The handbook has no script at all (the browser lays it out in
	// pages); the pages load theirs from files.
	if n := strings.Count(pages["handbook"], "<script"); n != 0 {
		t.Errorf("handbook has %d script elements, want none", n)
	}
	if !strings.Contains(pages["handbook"], "script-src 'none'") {
		t.Error("the handbook's policy allows scripts")
	}
	for _, bad := range []string{"<script>alert", `href="javascript`, "<img src=x", `src="http://evil`, "onerror=alert(3)>"} {
		if strings.Contains(all, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	for _, p := range payloads {
		if !strings.Contains(all, p.shown) {
			t.Errorf("%q is not shown as text %q", p.value, p.shown)
		}
	}
	rep := read("report.json")
	if !strings.Contains(rep, `"name": "\u003cscript\u003ealert(1)\u003c/script\u003e"`) {
		t.Errorf("report.json does not carry the name as JSON text")
	}
	svg := read("hugo/assets/charts/contact-attack.svg")
	if strings.Contains(svg, "<script") || !strings.Contains(svg, "&#34;&gt;&lt;img src=x onerror=alert(3)&gt;") {
		t.Errorf("SVG does not escape the names")
	}
}

// TestHostileOverlays: overlay fragments that reach for the environment,
// the network or the file system, or that smuggle markup, are refused with
// the file they are in.
func TestHostileOverlays(t *testing.T) {
	frag := func(body string) string {
		return "+++\nid = \"x\"\ndocument = \"basic-policy\"\ntitle = \"X\"\n+++\n" + body + "\n"
	}
	tests := []struct {
		name, file, content, want string
	}{
		{"env", "x.md", frag(`{{ env "HOME" }}`), `over/x.md:6: function "env" not defined`},
		{"expandenv", "x.md", frag(`{{ expandenv "$HOME" }}`), `function "expandenv" not defined`},
		{"network lookup", "x.md", frag(`{{ getHostByName "example.com" }}`), `function "getHostByName" not defined`},
		{"clock", "x.md", frag(`{{ now }}`), `function "now" not defined`},
		{"randomness", "x.md", frag(`{{ randAlpha 5 }}`), `function "randAlpha" not defined`},
		{"raw HTML", "x.md", frag(`<iframe src="http://evil.example"></iframe>`), "over/x.md: raw HTML is not rendered"},
		{"script link", "x.md", frag(`[x](javascript:alert(1))`), `over/x.md: link "javascript:alert(1)": use anzen:`},
		{"image", "x.md", frag(`![x](http://evil.example/x.png)`), "over/x.md: image"},
		{"unsafe id", "x.md", "+++\nid = \"../x\"\ndocument = \"basic-policy\"\ntitle = \"X\"\n+++\nx\n", `over/x.md:2: front matter: id "../x" must be lower-case letters`},
		{"unknown document", "x.md", "+++\nid = \"x\"\ndocument = \"../../etc\"\ntitle = \"X\"\n+++\nx\n", `over/x.md: unknown document "../../etc"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			over := filepath.Join(dir, "over")
			os.MkdirAll(over, 0o755)
			if err := os.WriteFile(filepath.Join(over, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			code, _, stderr := run(t, "build", "-o", "out", "--templates", "over")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d\n%s\nwant exit 1 and %q", code, stderr, tt.want)
			}
			if _, err := os.Stat("out/sakura-naika"); err == nil {
				t.Fatal("a failed build left output")
			}
		})
	}
}

// TestOverlaySymlinkOutsideIsRefused: a link in an overlay pointing
// outside it is not followed.
func TestOverlaySymlinkOutsideIsRefused(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.md")
	os.WriteFile(secret, []byte("+++\nid = \"x\"\ndocument = \"basic-policy\"\ntitle = \"秘密\"\n+++\n秘密の内容\n"), 0o644)
	over := filepath.Join(dir, "over")
	os.MkdirAll(over, 0o755)
	if err := os.Symlink(secret, filepath.Join(over, "x.md")); err != nil {
		testenv.Missing(t, err)
	}
	code, _, stderr := run(t, "build", "-o", filepath.Join(dir, "out"), "--templates", over)
	if code != 1 || !strings.Contains(stderr, "x.md") || !strings.Contains(stderr, "outside the overlay") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "sakura-naika")); err == nil {
		t.Fatal("built with a file from outside the overlay")
	}
}

// TestOutputThatIsAFile: the output folder or a clinic's folder being a
// file is an error, and the file is kept.
func TestOutputThatIsAFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "file")
	os.WriteFile(f, []byte("keep"), 0o644)
	if code, _, stderr := run(t, "build", "-o", f); code != 1 || !strings.Contains(stderr, "not a directory") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	os.MkdirAll(filepath.Join(dir, "out"), 0o755)
	os.WriteFile(filepath.Join(dir, "out", "sakura-naika"), []byte("keep"), 0o644)
	if code, _, stderr := run(t, "build", "-o", filepath.Join(dir, "out")); code != 1 || !strings.Contains(stderr, "exists and is not a directory") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out", "sakura-naika")); string(b) != "keep" {
		t.Fatal("file replaced")
	}
}

// TestPDFWithoutChromium: asking for a PDF on a machine without Chromium
// says how to install it, and the site and handbook still land.
func TestPDFWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	code, stdout, stderr := run(t, "build", "-pdf", "-o", dir)
	if code != 1 || !strings.Contains(stderr, "Chromium is not installed: install it with `sudo apt-get install chromium fonts-morisawa-bizud-gothic fonts-noto-cjk`") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "sakura-naika: ") {
		t.Fatalf("no build reported: %s", stdout)
	}
	for _, f := range []string{"site/index.html", "site/handbook.html", "report.json"} {
		if _, err := os.Stat(filepath.Join(dir, "sakura-naika", f)); err != nil {
			t.Error(err)
		}
	}
	for _, f := range []string{"site/handbook.pdf", "site/emergency-card.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "sakura-naika", f)); err == nil {
			t.Errorf("%s without Chromium", f)
		}
	}
}

// TestTerminalOutputIsEscaped: a file name, a key or a name holding a
// terminal escape sequence or an invisible direction mark reaches the
// terminal escaped (\x1b, \u202e), from validate, check, build and diff,
// whether the profile is good or not.
func TestTerminalOutputIsEscaped(t *testing.T) {
	src := minimal(t)
	dir := t.TempDir()
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	good := "p\x1b]0;pwned\x07\u202e.toml"
	shown := `p\x1b]0;pwned\x07\u202e.toml`
	bad := "q\x1b[2J.toml"
	if err := os.WriteFile(good, []byte(src), 0o644); err != nil {
		testenv.Missing(t, err) // a file system that refuses such names
	}
	badKey := src + "\n\"\\u001b[31mred\" = {\"\\u202e\" = 1}\n"
	os.WriteFile(bad, []byte(badKey), 0o644)
	deep := src + "\n\"\\u001b]0;x\\u0007\" = " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n"
	os.WriteFile("deep.toml", []byte(deep), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate", good}, shown + ": ok (テスト診療所"},
		{[]string{"validate", bad}, `q\x1b[2J.toml: vendors."\u001b[31mred": unknown key "\x1b[31mred"`},
		{[]string{"validate", "deep.toml"}, `deep.toml:43:30: vendors[0]."\x1b]0;x\a"[0][0][0][0][0][0][0][0]: nested more than 8 levels deep`},
		{[]string{"check", "-fail-on", "none", good}, shown + ": テスト診療所 — "},
		{[]string{"check", bad}, `q\x1b[2J.toml: vendors."\u001b[31mred"`},
		{[]string{"check", "-english", good}, "# " + shown + ": "},
		{[]string{"build", "-o", "out", bad}, `q\x1b[2J.toml: vendors."\u001b[31mred"`},
		{[]string{"diff", good, bad}, `q\x1b[2J.toml: vendors."\u001b[31mred"`},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(t, tt.args...)
		all := stdout + stderr
		if !strings.Contains(all, tt.want) {
			t.Errorf("%q: exit %d, output does not show %q:\n%s", tt.args, code, tt.want, all)
		}
		for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(all, raw) {
				t.Errorf("%q: %+q reaches the terminal:\n%+q", tt.args, raw, all)
			}
		}
	}
}

// TestOverlayPipesAndDevicesAreRefused: a named pipe in an overlay folder
// (opening it waits for a writer forever) or a device is refused with its
// name instead of hanging or reading without end.
func TestOverlayPipesAndDevicesAreRefused(t *testing.T) {
	for _, tc := range []struct{ flag, file string }{
		{"--templates", "x.md"}, {"--themes", "anzen/layouts/home.html"}, {"--content", "ja/x.md"}, {"--site", "hugo.toml"},
	} {
		for _, kind := range []string{"pipe", "device"} {
			dir := t.TempDir()
			over := filepath.Join(dir, "over")
			path := filepath.Join(over, tc.file)
			os.MkdirAll(filepath.Dir(path), 0o755)
			want := "a named pipe, not a regular file"
			if kind == "pipe" {
				if err := syscall.Mkfifo(path, 0o644); err != nil {
					testenv.Missing(t, err)
				}
			} else {
				if err := os.Symlink("/dev/zero", path); err != nil {
					testenv.Missing(t, err)
				}
				// A link that leaves the overlay is refused before its type
				// is looked at ("leads outside the overlay", or the file
				// system's "path escapes from parent").
				want = "escapes"
				if tc.flag == "--templates" {
					want = "outside the overlay"
				}
			}
			code, _, stderr := run(t, "build", "-o", filepath.Join(dir, "out"), tc.flag, over)
			if code != 1 || !strings.Contains(stderr, filepath.Base(tc.file)) || !strings.Contains(stderr, want) {
				t.Errorf("%s %s: exit %d: %s", tc.flag, kind, code, stderr)
			}
		}
	}
}
