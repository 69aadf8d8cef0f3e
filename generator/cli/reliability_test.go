package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/anzen-dev/anzen/generator/internal/testenv"
)

// writeProfile writes the minimal profile, edited, as dir/name.
func writeProfile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fileSet lists the files under dir by slash path.
func fileSet(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

// TestBatchWithPrefixIDs: clinics whose ids are prefixes of each other
// (sakura, sakura-naika, sakura-naika-2) built together each get their
// whole folder: no build removes another's temporary folder.
func TestBatchWithPrefixIDs(t *testing.T) {
	dir := t.TempDir()
	ids := []string{"sakura-naika", "sakura", "sakura-naika-2", "s", "sa"}
	args := []string{"build", "-j", "3", "-o", filepath.Join(dir, "out")}
	for _, id := range ids {
		src := strings.Replace(minimal(t), `id = "test-clinic"`, `id = "`+id+`"`, 1)
		args = append(args, writeProfile(t, dir, id+".toml", src))
	}
	// Twice: the second batch replaces the first one's folders.
	for round := 0; round < 2; round++ {
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Fatalf("round %d: exit %d\n%s\n%s", round, code, stdout, stderr)
		}
		var first []string
		for _, id := range ids {
			files := fileSet(t, filepath.Join(dir, "out", id))
			for _, must := range []string{"report.json", "site/handbook.html", "site/index.html"} {
				if i := sort.SearchStrings(files, must); i == len(files) || files[i] != must {
					t.Errorf("round %d: %s has no %s", round, id, must)
				}
			}
			if first == nil {
				first = files
			} else if len(files) != len(first) {
				t.Errorf("round %d: %s has %d files, %s has %d", round, id, len(files), ids[0], len(first))
			}
		}
		entries, _ := os.ReadDir(filepath.Join(dir, "out"))
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".anzen-") {
				t.Errorf("round %d: temporary %s left", round, e.Name())
			}
		}
	}
}

// TestZipLeavesNoTemporaryFile: the archive of a killed --zip run (an
// unlocked .anzen-zip.<id>.* file) is removed by the next build of the
// clinic, which writes its archive complete.
func TestZipLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	stale := filepath.Join(out, ".anzen-zip.test-clinic.12345")
	os.WriteFile(stale, []byte("PK half an archive"), 0o600)
	other := filepath.Join(out, ".anzen-zip.test-clinic-2.12345")
	os.WriteFile(other, []byte("PK another clinic's"), 0o600)
	prof := writeProfile(t, dir, "p.toml", minimal(t))
	if code, _, stderr := run(t, "build", "--zip", "-o", out, prof); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale archive kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another clinic's temporary archive removed: %v", err)
	}
	z, err := os.ReadFile(filepath.Join(out, "test-clinic.zip"))
	if err != nil || len(z) < 1000 || string(z[:2]) != "PK" {
		t.Fatalf("archive: %v (%d bytes)", err, len(z))
	}
}

// TestNamesStartingWithPunctuationBuild: a profile that validates builds,
// even when the names the fragments print in bold begin or end with
// punctuation (CommonMark would leave the bold unclosed).
func TestNamesStartingWithPunctuationBuild(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"（非常勤）伊藤 美香", "伊藤 美香（非常勤）", "「代理」田中", "*鈴木*"} {
		src := strings.Replace(minimal(t), `name = "事務 花子"`, `name = "`+name+`"`, 1)
		src = strings.Replace(src, "[[systems]]", "[[roles]]\nrole = \"incident_contact\"\nholder = \"b\"\ndeputy = \"a\"\n\n[[roles]]\nrole = \"backup_operator\"\nholder = \"a\"\ndeputy = \"b\"\n\n[[systems]]", 1)
		prof := writeProfile(t, dir, "p.toml", src)
		out := filepath.Join(dir, "out")
		if code, _, stderr := run(t, "validate", prof); code != 0 {
			t.Fatalf("%s: validate: exit %d: %s", name, code, stderr)
		}
		code, _, stderr := run(t, "build", "-o", out, prof)
		if code != 0 {
			t.Fatalf("%s: build: exit %d: %s", name, code, stderr)
		}
		page, err := os.ReadFile(filepath.Join(out, "test-clinic", "site", "incident.html"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(page), "**") {
			t.Errorf("%s: incident.html shows bold markers as text", name)
		}
	}
}

// TestZipFailureKeepsPreviousOutput: when the archive cannot be put in
// place (a folder, or a link, has its name), the build fails before the
// clinic's folder is replaced: FAILED means nothing changed.
func TestZipFailureKeepsPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	prof := writeProfile(t, dir, "p.toml", minimal(t))
	if code, _, stderr := run(t, "build", "-o", out, prof); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "test-clinic", "site", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	changed := writeProfile(t, dir, "p.toml", strings.Replace(minimal(t), "テスト診療所", "変更後の診療所", 1))
	for _, blocker := range []string{"folder", "link"} {
		zip := filepath.Join(out, "test-clinic.zip")
		os.RemoveAll(zip)
		if blocker == "folder" {
			os.MkdirAll(filepath.Join(zip, "inside"), 0o755)
		} else if err := os.Symlink(filepath.Join(dir, "elsewhere.zip"), zip); err != nil {
			testenv.Missing(t, err)
		}
		code, stdout, stderr := run(t, "build", "--zip", "-o", out, changed)
		if code != 1 || !strings.Contains(stderr, "test-clinic.zip exists and is not a file; the previous output is unchanged") {
			t.Fatalf("%s: exit %d\n%s\n%s", blocker, code, stdout, stderr)
		}
		after, _ := os.ReadFile(filepath.Join(out, "test-clinic", "site", "index.html"))
		if string(after) != string(before) {
			t.Errorf("%s: the folder was replaced by a build that failed", blocker)
		}
		if _, err := os.Stat(filepath.Join(dir, "elsewhere.zip")); err == nil {
			t.Errorf("%s: the archive was written through the link", blocker)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".anzen-") {
			t.Errorf("temporary %s left", e.Name())
		}
	}
}

// TestInitAnswersAreBounded: answers that never end (a device) are
// refused after a profile's size instead of filling the memory.
func TestInitAnswersAreBounded(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, "init", "-answers", "/dev/zero", "-o", filepath.Join(dir, "p.toml"))
	if code != 1 || !strings.Contains(stderr, "/dev/zero: more than 4194304 bytes") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "p.toml")); err == nil {
		t.Error("a profile was written")
	}
}
