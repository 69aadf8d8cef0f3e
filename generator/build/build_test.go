package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/internal/testenv"
	"github.com/anzen-dev/anzen/generator/profile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func examples(t testing.TB) []*profile.Profile {
	t.Helper()
	names, err := filepath.Glob("../../profiles/*.toml")
	if err != nil || len(names) < 4 {
		t.Fatalf("example profiles: %v %v", names, err)
	}
	cat := profile.NewCatalog()
	if err := cat.AddDir("vendors", os.DirFS("../../profiles/vendors")); err != nil {
		t.Fatal(err)
	}
	var out []*profile.Profile
	for _, n := range names {
		p, err := profile.LoadFile(n, profile.WithCatalog(cat))
		if err != nil {
			t.Fatal(err)
		}
		p.File = filepath.Base(n)
		out = append(out, p)
	}
	return out
}

// pageName names a page of the project as the golden files do:
// content/ja/bcp/index.md is bcp.md, content/en/bcp/index.md bcp.en.md.
func pageName(project string) (string, bool) {
	rest, ok := strings.CutPrefix(project, "content/")
	if !ok {
		return "", false
	}
	lang, rest, _ := strings.Cut(rest, "/")
	suffix := ".md"
	if lang == "en" {
		suffix = ".en.md"
	}
	if dir, ok := strings.CutSuffix(rest, "/index.md"); ok {
		return dir + suffix, true
	}
	if dir, ok := strings.CutSuffix(rest, "_index.md"); ok {
		return dir + "_index" + suffix, true
	}
	return rest, true
}

// TestGolden compares the documents of the example clinics, and their
// reports, with testdata/golden/<clinic>/: every page of one clinic, the
// Japanese documents of the others (inGolden). Rewrite them with
// `go test ./generator/build -run TestGolden -update`, then review the diff
// like code.
func TestGolden(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples(t) {
		t.Run(p.Clinic.ID, func(t *testing.T) {
			out, err := b.Generate(p)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]byte{}
			for name, data := range out.Content {
				if page, ok := pageName(name); ok && inGolden(p.Clinic.ID, page) {
					want[page] = data
				}
			}
			rep, err := json.MarshalIndent(out.Report, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want["report.json"] = append(rep, '\n')
			dir := filepath.Join("testdata", "golden", p.Clinic.ID)
			if *update {
				os.RemoveAll(dir)
				for name, data := range want {
					if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			if len(files) != len(want) {
				t.Errorf("golden has %d files, generated %d (run go test -update)", len(files), len(want))
			}
			for name, data := range want {
				golden, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Errorf("%s: %v (run go test -update)", name, err)
					continue
				}
				if string(golden) != string(data) {
					t.Errorf("%s differs from golden (run go test -update and review the diff)\n%s", name, firstDiff(string(golden), string(data)))
				}
			}
		})
	}
}

// fullGolden is the example clinic whose every page is a golden file. The
// others keep their Japanese documents and report.json: what their profiles
// tailor, without a second copy of the English pages and of the key
// reference (tested on its own, TestKeyReference).
const fullGolden = "sakura-naika"

func inGolden(clinic, page string) bool {
	return clinic == fullGolden || (!strings.HasSuffix(page, ".en.md") && !strings.HasPrefix(page, "guide/"))
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  golden: %s\n  now:    %s", i+1, wl, gl)
		}
	}
	return ""
}

// TestKeyReference keeps the documents that use each key (KeyUseFile)
// equal to what renders of the example profiles show, and the key
// reference in docs/profile-keys.md equal to the one generated from the
// Go types and KeyUseFile (-update rewrites both).
func TestKeyReference(t *testing.T) {
	if !*update {
		got, err := workKeyUse()
		if err != nil {
			t.Fatal(err)
		}
		if got != keyUseText {
			t.Errorf("%s is out of date (go test ./generator/build -run TestKeyReference -update)\n%s", KeyUseFile, firstDiff(keyUseText, got))
		}
	}
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const file = "../../docs/profile-keys.md"
	const start, end = "<!-- profile-keys:start -->\n", "<!-- profile-keys:end -->"
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the profile-keys markers", file)
	}
	want := s[:i+len(start)] + b.KeyReference() + s[j:]
	if *update {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Errorf("%s is out of date (go test ./generator/build -run TestKeyReference -update)", file)
	}
}

// TestEveryFragmentRendersForSomeClinic checks that the example profiles
// together exercise every default fragment: a fragment no example uses is
// untested content.
func TestEveryFragmentRendersForSomeClinic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	// The test clinics count: some fragments (personal devices, an
	// outside reviewer for three staff) exist for cases the examples do
	// not have.
	for _, p := range append(examples(t), testClinics(t)...) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Clinic.ID, err)
		}
		for _, d := range out.Docs.Documents {
			for _, s := range d.Sections {
				used[s.ID] = true
			}
		}
	}
	for _, f := range b.Fragments().Fragments {
		if !used[f.ID] {
			t.Errorf("%s: fragment %q is used by no example or test clinic", f.File, f.ID)
		}
	}
}

// TestEveryFragmentIsInEnglish: each Japanese fragment has an English one
// with the same document, order, condition and refs, so the English
// documents say the same things for the same clinic, and no example
// clinic's English documents fall back to Japanese.
// TestEveryRefIsInEnglish: the English pages name guidance sections and
// checklist items in English.
func TestEveryRefIsInEnglish(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range b.Fragments().Refs.Guidance {
		if g.TitleEn == "" {
			t.Errorf("guidance %s has no title_en in refs.toml", g.ID)
		}
	}
	for _, c := range b.Fragments().Refs.Checklist {
		if c.TextEn == "" || c.SectionEn == "" {
			t.Errorf("checklist item %s lacks text_en or section_en in refs.toml", c.ID)
		}
	}
}

func TestEveryFragmentIsInEnglish(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ id, lang string }
	frags := map[key]*fragment.Fragment{}
	for _, f := range b.Fragments().Fragments {
		frags[key{f.ID, f.Lang}] = f
	}
	for k, ja := range frags {
		if k.lang != "ja" {
			continue
		}
		en, ok := frags[key{k.id, "en"}]
		switch {
		case !ok:
			t.Errorf("%s: no English version (%s.en.md)", ja.File, strings.TrimSuffix(ja.File, ".ja.md"))
		case en.Document != ja.Document || en.Order != ja.Order || en.When != ja.When || strings.Join(en.Refs, " ") != strings.Join(ja.Refs, " "):
			t.Errorf("%s: document, order, when or refs differ from %s", en.File, ja.File)
		}
	}
	for _, p := range examples(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Clinic.ID, err)
		}
		for _, d := range out.DocsEn.Documents {
			for _, s := range d.Sections {
				if s.Fallback {
					t.Errorf("%s: %s: section %s is shown in Japanese", p.Clinic.ID, d.ID, s.ID)
				}
			}
		}
	}
}

// TestDocumentsSpeakToTheClinic: the printed documents never tell the
// reader to edit the profile or name its keys; what is missing is said in
// the documents' own terms (anzen check lists the keys).
func TestDocumentsSpeakToTheClinic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tool := regexp.MustCompile(`(?i)プロファイル|profile|\w\[\]\.\w|kind = `)
	for _, p := range examples(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, res := range []*assemble.Result{out.Docs, out.DocsEn} {
			for _, d := range res.Documents {
				for _, s := range d.Sections {
					if m := tool.FindString(s.Markdown); m != "" {
						t.Errorf("%s: %s (%s): tool instruction %q in the printed text", p.Clinic.ID, s.ID, res.Lang, m)
					}
				}
			}
		}
	}
}

// TestEveryGuidanceSectionAndChecklistItemIsCovered fails when a section
// of the guidance or an item of the checklist has no fragment naming it
// in its refs: the documents must cover the whole guidance.
func TestEveryGuidanceSectionAndChecklistItemIsCovered(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	set := b.Fragments()
	used := map[string]bool{}
	for _, f := range set.Fragments {
		for _, r := range f.Refs {
			used[r] = true
		}
	}
	for _, g := range set.Refs.Guidance {
		if !used["guidance:"+g.ID] {
			t.Errorf("guidance %s %s: no fragment implements it", g.ID, g.Title)
		}
	}
	for _, c := range set.Refs.Checklist {
		if !used["checklist:"+c.ID] {
			t.Errorf("checklist %s %s: no fragment implements it", c.ID, c.Text)
		}
	}
}

// TestEveryDocumentForEveryClinic checks that each example clinic gets
// every document in the registry.
func TestEveryDocumentForEveryClinic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples(t) {
		out, err := b.Generate(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Clinic.ID, err)
		}
		got := map[string]bool{}
		for _, d := range out.Docs.Documents {
			got[d.ID] = true
		}
		for _, d := range b.Fragments().Documents {
			if !got[d.ID] {
				t.Errorf("%s: document %q is missing", p.Clinic.ID, d.ID)
			}
		}
	}
}

func TestClinicKeepsPreviousOutputOnCancel(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	out := t.TempDir()
	if _, err := b.Clinic(context.Background(), p, out); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(out, p.Clinic.ID)); err != nil || st.Mode().Perm() != 0o755 {
		t.Fatalf("output folder: %v, mode %v; want 0755 (readable from a shared folder)", err, st.Mode())
	}
	marker := filepath.Join(out, p.Clinic.ID, "report.json")
	before, err := os.ReadFile(marker)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Clinic(ctx, p, out); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	after, err := os.ReadFile(marker)
	if err != nil || string(after) != string(before) {
		t.Fatalf("previous output changed: %v", err)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("output holds %v; want only %s", names, p.Clinic.ID)
	}
}

func TestClinicRefusesToReplaceAFile(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, p.Clinic.ID), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Clinic(context.Background(), p, out); !errors.Is(err, ErrNotDir) {
		t.Fatalf("err = %v, want ErrNotDir", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, p.Clinic.ID)); string(data) != "keep me" {
		t.Fatal("file was replaced")
	}
}

// TestStockHugoBuildsTheSameSite builds the generated project with the
// stock hugo command of the same version (`go tool hugo`) and checks it
// produces exactly the site anzen built in-process.
func TestStockHugoBuildsTheSameSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the hugo command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		testenv.Missing(t, "go command not found")
	}
	b, err := New(WithHugoProject())
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := b.Clinic(context.Background(), examples(t)[0], out)
	if err != nil {
		t.Fatal(err)
	}
	// Build a copy: stock hugo writes a lock file and caches into the project.
	project := filepath.Join(t.TempDir(), "hugo")
	if err := os.CopyFS(project, os.DirFS(filepath.Join(res.Dir, "hugo"))); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(gobin, "tool", "hugo", "--quiet", "-s", project, "-d", public, "--cacheDir", filepath.Join(t.TempDir(), "cache"))
	if outb, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool hugo: %v\n%s", err, outb)
	}
	want, got := map[string]string{}, map[string]string{}
	for dir, m := range map[string]map[string]string{filepath.Join(res.Dir, "site"): want, public: got} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[rel] = string(data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(want) == 0 || len(want) != len(got) {
		t.Errorf("anzen wrote %d files, stock hugo %d", len(want), len(got))
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s differs between anzen and stock hugo", name)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p := examples(b)[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bl.Generate(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClinic(b *testing.B) {
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	p := examples(b)[0]
	out := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bl.Clinic(context.Background(), p, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewRebuild is anzen serve's rebuild after a one-line
// profile edit: the phone number changes back and forth, and each
// iteration generates the documents and rebuilds the kept site. The
// collector is set as anzen serve sets it.
func BenchmarkPreviewRebuild(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	bl, err := New()
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../../profiles/sakura-naika.toml")
	if err != nil {
		b.Fatal(err)
	}
	var ps [2]*profile.Profile
	for i, text := range []string{string(src), strings.Replace(string(src), `phone = "03-5300-1234"`, `phone = "03-5300-1235"`, 1)} {
		if ps[i], err = profile.Decode("p.toml", []byte(text)); err != nil {
			b.Fatal(err)
		}
	}
	pv := NewPreview(b.TempDir())
	defer pv.Close()
	if _, err := pv.Build(context.Background(), bl, ps[0]); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pv.Build(context.Background(), bl, ps[(i+1)%2]); err != nil {
			b.Fatal(err)
		}
	}
}

func TestZipIsDeterministic(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := examples(t)[0]
	res, err := b.Clinic(context.Background(), p, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var zips [2][]byte
	for i := range zips {
		z := filepath.Join(t.TempDir(), "c.zip")
		if err := Zip(res.Dir, z, p.Policy.LastReview); err != nil {
			t.Fatal(err)
		}
		if zips[i], err = os.ReadFile(z); err != nil {
			t.Fatal(err)
		}
	}
	if len(zips[0]) < 1000 || string(zips[0]) != string(zips[1]) {
		t.Fatalf("zips differ or are empty (%d, %d bytes)", len(zips[0]), len(zips[1]))
	}
}

// TestPreviewRebuildsLikeAFreshBuild edits a profile between builds of one
// Preview, as anzen serve does, and checks each rebuild against a fresh
// build of the same profile: Hugo's partial rebuild, and the fragments not
// run again because their inputs did not change, must miss nothing. A
// phone-number edit runs again only the few fragments that can read it
// (of 194 in the two languages).
func TestPreviewRebuildsLikeAFreshBuild(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../profiles/sakura-naika.toml")
	if err != nil {
		t.Fatal(err)
	}
	aoba, err := os.ReadFile("../../profiles/aoba-dental.toml")
	if err != nil {
		t.Fatal(err)
	}
	cat := profile.NewCatalog()
	load := func(t *testing.T, text string) *profile.Profile {
		t.Helper()
		f := filepath.Join(t.TempDir(), "p.toml")
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := profile.LoadFile(f, profile.WithCatalog(cat))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	edit := func(old, new string) string {
		if !strings.Contains(string(src), old) {
			t.Fatalf("profile lacks %q", old)
		}
		return strings.Replace(string(src), old, new, 1)
	}
	pv := NewPreview(t.TempDir())
	defer pv.Close()
	if _, err := pv.Build(context.Background(), b, load(t, string(src))); err != nil {
		t.Fatal(err)
	}
	const all = 1000
	for _, tc := range []struct {
		name, profile string
		maxRun        int // fragments run again
	}{
		{"phone", edit(`phone = "03-5300-1234"`, `phone = "03-5300-9999"`), 10},
		{"staff name", edit(`name = "伊藤 美香"`, `name = "伊藤 美加子"`), all},
		{"unchanged", string(src), all},
		// The same text decoded again: only the fragments that read the
		// profile whole (they hand it on, or ask for the Japanese of an
		// English text) run.
		{"same again", string(src), 10},
		{"no English for a text", edit(`"受付PC" = "Reception PC"`, ``), all},
		{"English clinic name (theme data)", edit(`name_en = "Sakura Internal Medicine Clinic"`, `name_en = "Sakura Clinic"`), all},
		{"clinic name (configuration)", edit(`name = "さくら内科クリニック"`, `name = "さくら内科"`), all},
		{"another clinic", string(aoba), all},
		{"back", string(src), all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := load(t, tc.profile)
			ran := pv.checked.Ran()
			defer func() {
				n := pv.checked.Ran() - ran
				t.Logf("%d fragments run again", n)
				if n > tc.maxRun {
					t.Errorf("%d fragments run again, want at most %d", n, tc.maxRun)
				}
			}()
			fresh := NewPreview(t.TempDir())
			defer fresh.Close()
			// The site without its handbooks, then with them, as anzen
			// serve asks for them.
			for _, step := range []struct {
				run      func(pv *Preview) (map[string][]byte, error)
				handbook bool
			}{
				{func(pv *Preview) (map[string][]byte, error) { return pv.Build(context.Background(), b, p) }, false},
				{func(pv *Preview) (map[string][]byte, error) { return pv.Handbooks(context.Background()) }, true},
			} {
				got, err := step.run(pv)
				if err != nil {
					t.Fatal(err)
				}
				want, err := step.run(fresh)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("rebuild has %d files, a fresh build %d", len(got), len(want))
				}
				for name, data := range want {
					if !bytes.Equal(got[name], data) {
						t.Errorf("%s differs from a fresh build", name)
					}
				}
				for _, name := range handbooks {
					if _, ok := got[name]; ok != step.handbook {
						t.Errorf("%s in the site: %t, want %t", name, ok, step.handbook)
					}
				}
			}
		})
	}
}

// TestEveryDocumentInBothLanguages: the built site has every document as
// a Japanese page and an English one.
func TestEveryDocumentInBothLanguages(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range examples(t)[:2] {
		res, err := b.Clinic(context.Background(), p, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Report.Documents {
			for _, page := range []string{d.ID + ".html", "en/" + d.ID + ".html", "handbook.html", "en/handbook.html"} {
				if _, err := os.Stat(filepath.Join(res.Dir, "site", filepath.FromSlash(page))); err != nil {
					t.Errorf("%s: %v", p.Clinic.ID, err)
				}
			}
		}
	}
}
