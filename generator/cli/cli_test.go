package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anzen-dev/anzen/generator/site"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"anzen": func() {
			// A script can shorten the bound on a Hugo build.
			if d, err := time.ParseDuration(os.Getenv("ANZEN_TEST_HUGO_TIMEOUT")); err == nil {
				site.BuildTimeout = d
			}
			// As generator/cmd/anzen: Ctrl-C and SIGTERM cancel the build.
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			os.Exit(Do(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the command
// as a user runs it, with exit codes, messages and output files.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("PROFILES", filepath.Join(root, "profiles"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitfor": waitFor,
		},
	})
}

// TestDeterministic builds every example clinic twice, concurrently and in a
// different order, and checks the output trees are byte-identical.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four sites twice")
	}
	profiles, err := filepath.Glob("../../profiles/*.toml")
	if err != nil || len(profiles) < 4 {
		t.Fatalf("profiles: %v %v", profiles, err)
	}
	a, b := t.TempDir(), t.TempDir()
	// The first build runs on one core, the second on all: output must
	// not depend on scheduling.
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	reversed := append([]string(nil), profiles...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	for _, run := range []struct {
		out  string
		args []string
	}{{a, append([]string{"build", "-o", a, "-j", "1"}, profiles...)}, {b, append([]string{"build", "-o", b, "-j", "4"}, reversed...)}} {
		var stderr bytes.Buffer
		if code := Do(context.Background(), run.args, nil, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("anzen %v: exit %d\n%s", run.args, code, stderr.String())
		}
		runtime.GOMAXPROCS(max(procs, 4))
	}
	ha, hb := treeHashes(t, a), treeHashes(t, b)
	if len(ha) == 0 {
		t.Fatal("empty output")
	}
	for name, h := range ha {
		if hb[name] != h {
			t.Errorf("%s differs between builds", name)
		}
	}
	if len(ha) != len(hb) {
		t.Errorf("file counts differ: %d vs %d", len(ha), len(hb))
	}
}

func treeHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHostileValues builds a clinic whose every text is an attack and
// checks it lands as text in the site and handbook.
func TestHostileValues(t *testing.T) {
	src, err := os.ReadFile("../../profiles/sakura-naika.toml")
	if err != nil {
		t.Fatal(err)
	}
	evil := `<script>alert(1)</script>[x](javascript:alert(2)){{ .Clinic.Phone }}<img src=x onerror=alert(3)>`
	s := strings.Replace(string(src), `name = "さくら内科クリニック"`, fmt.Sprintf("name = %q", evil), 1)
	s = strings.Replace(s, `name = "佐藤 健一"`, fmt.Sprintf("name = %q", "\"><svg onload=alert(4)> | ## 見出し"), 1)
	s = strings.Replace(s, `name = "株式会社メディクラウド"`, fmt.Sprintf("name = %q", "{{< shortcode >}} {{ env \"HOME\" }}"), 1)
	// The vendor's name is no longer a text of the profile: its English
	// entry goes too.
	s = regexp.MustCompile(`(?m)^"株式会社メディクラウド" = .*\n`).ReplaceAllLiteralString(s, "")
	// The English of a text is profile text too.
	line := fmt.Sprintf("%q = %q", "クラウド電子カルテ「メディクラウドK」", evil)
	entry := regexp.MustCompile(`(?m)^"クラウド電子カルテ「メディクラウドK」" = .*$`)
	switch {
	case entry.MatchString(s):
		s = entry.ReplaceAllLiteralString(s, line)
	case strings.Contains(s, "\n[english]\n"):
		s = strings.Replace(s, "\n[english]\n", "\n[english]\n"+line+"\n", 1)
	default:
		s += "\n[english]\n" + line + "\n"
	}
	dir := t.TempDir()
	prof := filepath.Join(dir, "evil.toml")
	if err := os.WriteFile(prof, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := Do(context.Background(), []string{"build", "-o", dir, prof}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"site/index.html", "site/basic-policy.html", "site/organization.html", "site/handbook.html", "site/en/inventory.html"} {
		data, err := os.ReadFile(filepath.Join(dir, "sakura-naika", f))
		if err != nil {
			if os.IsNotExist(err) && f == "site/organization.html" {
				continue
			}
			t.Fatal(err)
		}
		html := string(data)
		for _, bad := range []string{"<script>alert", "javascript:alert(2)\"", `href="javascript`, "<img src=x", "<svg onload"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
		if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the clinic name as text", f)
		}
	}
}

// TestCheckEnglish: check -english lists the texts without English as
// [english] lines that, once filled in, validate.
func TestCheckEnglish(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "p.toml")
	if err := os.WriteFile(prof, []byte(minimal(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "check", "-english", prof)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"[english]\n", "\"電子カルテ\" = \"\"\n", "\"ベンダー株式会社\" = \"\"\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, name := range []string{"院長 太郎", "テスト診療所"} {
		if strings.Contains(out, name) {
			t.Errorf("output lists %q, a name shown as written", name)
		}
	}
	// Filled in, the lines make a profile that validates and has nothing
	// left to translate.
	filled := strings.ReplaceAll(out, `= ""`, `= "x"`)
	if err := os.WriteFile(prof, []byte(minimal(t)+"\n"+filled), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "validate", prof); code != 0 {
		t.Fatalf("validate the filled-in profile: exit %d: %s", code, errs)
	}
	if _, out, _ := run(t, "check", "-english", prof); !strings.Contains(out, "every Japanese text has English") {
		t.Errorf("after filling in: %s", out)
	}
}

// waitFor is the script command `waitfor GLOB`: it waits until a file
// matching GLOB (relative to the script's directory) exists, for a
// background command to reach a stage. It gives up after two minutes.
func waitFor(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfor GLOB")
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(ts.MkAbs(args[0])); len(m) > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	ts.Fatalf("waitfor %s: nothing matched in two minutes", args[0])
}

// TestServeWarnsOffLoopback: serve warns when it listens where others on
// the network can connect, and not on the loopback.
func TestServeWarnsOffLoopback(t *testing.T) {
	for addr, warn := range map[string]bool{"127.0.0.1": false, "::1": false, "localhost": false, "0.0.0.0": true, "192.168.1.20": true, "::": true} {
		if got := loopback(addr); got == warn {
			t.Errorf("loopback(%q) = %v", addr, got)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the server stops at once
	var out, errb bytes.Buffer
	Do(ctx, []string{"serve", "-addr", "0.0.0.0", "-port", "0"}, nil, &out, &errb)
	if !strings.Contains(errb.String(), "anzen serve: warning: -addr 0.0.0.0 is not a loopback address") {
		t.Errorf("no warning:\n%s", errb.String())
	}
}
