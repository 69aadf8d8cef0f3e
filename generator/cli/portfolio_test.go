package cli

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	ical "github.com/arran4/golang-ical"

	"github.com/anzen-dev/anzen/generator/portfolio"
	"github.com/anzen-dev/anzen/generator/report"
)

// hostileName is a clinic name that is a spreadsheet formula, markup and
// iCalendar separators at once.
const hostileName = `=HYPERLINK("http://x")<script>alert(1)</script>, 悪意; クリニック`

// portfolioFiles are the portfolio's files under OUT.
var portfolioFiles = []string{"index.html", "index-en.html", "portfolio.csv", "calendar.ics",
	"_portfolio/anzen.css", "_portfolio/portfolio.css", "_portfolio/portfolio.js"}

func readFiles(t *testing.T, dir string, names []string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

// TestPortfolio builds a batch with a hostile clinic name, a clinic whose
// build fails and a profile that cannot be read, and checks the portfolio:
// every clinic has a row (the failed ones with their error), profile
// values are escaped in the page, the CSV and the calendar, the CSV reads
// with its byte-order mark, the calendar parses with stable UIDs, and
// `anzen portfolio OUT` makes the same files again.
func TestPortfolio(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	sakura, err := os.ReadFile("../../profiles/sakura-naika.toml")
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.Replace(string(sakura), `name = "さくら内科クリニック"`, `name = "`+strings.ReplaceAll(hostileName, `"`, `\"`)+`"`, 1)
	if hostile == string(sakura) {
		t.Fatal("the example's name was not replaced")
	}
	failing := strings.Replace(minimal(t), `id = "test-clinic"`, `id = "fails"`, 1)
	args := []string{"build", "-j", "2", "-o", out,
		writeProfile(t, dir, "sakura.toml", hostile),
		writeProfile(t, dir, "fails.toml", failing),
		writeProfile(t, dir, "broken.toml", "[clinic]\nid = 3\n")}
	// The failing clinic's folder is a file: its build fails.
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "fails"), []byte("keep"), 0o644)

	code, stdout, stderr := run(t, args...)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	first := readFiles(t, out, portfolioFiles)

	page := string(first["index.html"])
	for _, want := range []string{
		"=HYPERLINK(&#34;http://x&#34;)&lt;script&gt;alert(1)&lt;/script&gt;, 悪意; クリニック",
		`id="clinic-fails"`, "exists and is not a directory",
		`id="clinic-file.broken"`, "broken.toml:2:6",
		`href="sakura-naika/site/index.html"`, `href="sakura-naika/calendar.ics"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("index.html has the clinic name's markup unescaped")
	}
	if en := string(first["index-en.html"]); !strings.Contains(en, `href="sakura-naika/site/en/index.html"`) || !strings.Contains(en, `lang="en"`) {
		t.Error("index-en.html does not link the English sites")
	}

	// The CSV: a byte-order mark, then one row per clinic; the hostile
	// name is not a formula.
	data := first["portfolio.csv"]
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatal("portfolio.csv has no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want a header and 3 clinics", len(recs))
	}
	if !strings.HasPrefix(recs[0][0], "施設ID") {
		t.Errorf("header %q", recs[0])
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[0]] = r
		if len(r) != len(recs[0]) {
			t.Errorf("row %s has %d cells, the header %d", r[0], len(r), len(recs[0]))
		}
	}
	if got := rows["sakura-naika"][1]; got != "'"+hostileName {
		t.Errorf("name cell %q, want the name behind an apostrophe", got)
	}
	if r := rows["fails"]; r[3] != "生成に失敗" || !strings.Contains(r[4], "not a directory") {
		t.Errorf("failed clinic row %q", r)
	}
	if r := rows["file.broken"]; r[3] != "生成に失敗" || !strings.Contains(r[4], "broken.toml") {
		t.Errorf("unreadable profile row %q", r)
	}

	// The calendar: every deadline of the clinic once, with its UID.
	rep, err := report.Read(filepath.Join(out, "sakura-naika", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Deadlines) < 5 {
		t.Fatalf("the example has %d deadlines", len(rep.Deadlines))
	}
	// uids lists the UIDs of the example clinic's events; prefixed: the
	// summaries start with its name (the portfolio's calendar).
	uids := func(data []byte, prefixed bool) []string {
		cal, err := ical.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range cal.Events() {
			if !strings.HasSuffix(e.Id(), ".sakura-naika@anzen") {
				continue
			}
			ids = append(ids, e.Id())
			if s := e.GetProperty(ical.ComponentPropertySummary).Value; prefixed && !strings.HasPrefix(s, "【"+hostileName+"】") {
				t.Errorf("summary %q does not start with the clinic's name", s)
			}
		}
		sort.Strings(ids)
		return ids
	}
	// Every deadline links to a section the site has, in both languages.
	for _, d := range rep.Deadlines {
		if d.Document == "" {
			t.Errorf("%s links to no section", d.ID)
			continue
		}
		for _, page := range []string{d.Document + ".html", "en/" + d.Document + ".html"} {
			b, err := os.ReadFile(filepath.Join(out, "sakura-naika", "site", filepath.FromSlash(page)))
			if err != nil || !bytes.Contains(b, []byte(`id="`+d.Section+`"`)) {
				t.Errorf("%s: %s has no section %s (%v)", d.ID, page, d.Section, err)
			}
		}
	}
	before := uids(first["calendar.ics"], true)
	if len(before) != len(rep.Deadlines) {
		t.Errorf("%d events, the report has %d deadlines", len(before), len(rep.Deadlines))
	}

	// anzen portfolio OUT makes the same files from the folder alone.
	for _, n := range []string{"index.html", "portfolio.csv", "calendar.ics"} {
		os.Remove(filepath.Join(out, n))
	}
	if code, stdout, stderr := run(t, "portfolio", out); code != 0 {
		t.Fatalf("portfolio: exit %d\n%s\n%s", code, stdout, stderr)
	}
	again := readFiles(t, out, portfolioFiles)
	for _, n := range portfolioFiles {
		if !bytes.Equal(first[n], again[n]) {
			t.Errorf("anzen portfolio wrote a different %s", n)
		}
	}

	// A second build: the same UIDs, no document changed, and the
	// clinic whose folder is fixed leaves the failures.
	os.Remove(filepath.Join(out, "fails"))
	if code, stdout, stderr := run(t, args[:len(args)-1]...); code != 0 {
		t.Fatalf("second build: exit %d\n%s\n%s", code, stdout, stderr)
	}
	second := readFiles(t, out, portfolioFiles)
	if got := uids(second["calendar.ics"], true); strings.Join(got, " ") != strings.Join(before, " ") {
		t.Errorf("UIDs changed between builds:\n%v\n%v", before, got)
	}
	if clinic := readFiles(t, out, []string{"sakura-naika/calendar.ics"}); !bytes.Contains(second["calendar.ics"], []byte("UID:")) || len(uids(clinic["sakura-naika/calendar.ics"], false)) != len(before) {
		t.Error("the clinic's own calendar lacks events")
	}
	if rep, _ := report.Read(filepath.Join(out, "sakura-naika", "report.json")); rep.Changes == nil || len(rep.Changes.Documents) != 0 {
		t.Errorf("changes after an unchanged rebuild: %+v", rep.Changes)
	}
	p := string(second["index.html"])
	if strings.Contains(p, "exists and is not a directory") || !strings.Contains(p, "broken.toml") {
		t.Error("the fixed clinic still shows its failure, or the unreadable profile's record is gone")
	}
	if _, err := os.Stat(filepath.Join(out, portfolio.FailedDir, "fails.json")); err == nil {
		t.Error("the record of the fixed clinic's failure is left")
	}
}

// TestShard checks that the shards of a set of profiles are disjoint and
// together hold every profile, whatever order the profiles are named in,
// and that a profile that cannot be read lands in exactly one shard.
func TestShard(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := 0; i < 12; i++ {
		id := "clinic-" + string(rune('a'+i))
		src := strings.Replace(minimal(t), `id = "test-clinic"`, `id = "`+id+`"`, 1)
		names = append(names, writeProfile(t, dir, id+".toml", src))
	}
	names = append(names, writeProfile(t, dir, "broken.toml", "[clinic]\nid = 3\n"))
	reversed := append([]string(nil), names...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	for _, n := range []int{1, 2, 3, 5} {
		seen := map[string]int{}
		for i := 1; i <= n; i++ {
			if n <= 3 {
				// 13 profiles over at most three shards: none is empty
				// unless the hash spreads badly.
				in := 0
				for _, name := range names {
					if (shard{i, n}).has(strings.TrimSuffix(filepath.Base(name), ".toml")) {
						in++
					}
				}
				if in == 0 {
					t.Errorf("shard %d/%d is empty", i, n)
				}
			}
			for _, list := range [][]string{names, reversed} {
				ld := loader{shard: shard{i, n}}
				ps, _ := ld.load(list, &bytes.Buffer{})
				var got []string
				for _, p := range ps {
					got = append(got, p.Clinic.ID)
				}
				for _, f := range ld.failed {
					got = append(got, f.Profile)
				}
				sort.Strings(got)
				if list[0] == names[0] {
					for _, g := range got {
						seen[g]++
					}
				}
			}
		}
		if len(seen) != len(names) {
			t.Errorf("%d shards hold %d profiles, want %d", n, len(seen), len(names))
		}
		for k, c := range seen {
			if c != 1 {
				t.Errorf("%d shards: %s is in %d shards", n, k, c)
			}
		}
	}
	var s shard
	for _, bad := range []string{"0/2", "3/2", "1", "a/b", "1/0"} {
		if s.Set(bad) == nil {
			t.Errorf("-shard %s accepted", bad)
		}
	}
}

// TestShardsMergeToBatch builds a set of clinics in two shards into two
// folders, merges them as a CI would (the second copied over the first)
// and runs anzen portfolio: the portfolio is the one a single batch of
// all the clinics writes.
func TestShardsMergeToBatch(t *testing.T) {
	dir := t.TempDir()
	var names []string
	ids := []string{"north", "south", "east", "west"}
	in1 := 0
	for _, id := range ids {
		if (shard{1, 2}).has(id) {
			in1++
		}
	}
	if in1 == 0 || in1 == len(ids) {
		t.Fatalf("%d of the %d clinics are in shard 1/2: pick ids that split", in1, len(ids))
	}
	for _, id := range ids {
		src := strings.Replace(minimal(t), `id = "test-clinic"`, `id = "`+id+`"`, 1)
		names = append(names, writeProfile(t, dir, id+".toml", src))
	}
	all := filepath.Join(dir, "all")
	if code, _, stderr := run(t, append([]string{"build", "-o", all}, names...)...); code != 0 {
		t.Fatalf("batch: exit %d\n%s", code, stderr)
	}
	merged := filepath.Join(dir, "merged")
	built := 0
	for i := 1; i <= 2; i++ {
		out := filepath.Join(dir, "shard"+strconv.Itoa(i))
		if code, _, stderr := run(t, append([]string{"build", "-shard", strconv.Itoa(i) + "/2", "-o", out}, names...)...); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", i, code, stderr)
		}
		mergeInto(t, merged, out)
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if e.IsDir() && !strings.HasPrefix(e.Name(), "_") {
				built++
			}
		}
	}
	if built != len(names) {
		t.Fatalf("the shards built %d clinics, want %d", built, len(names))
	}
	if code, _, stderr := run(t, "portfolio", merged); code != 0 {
		t.Fatalf("portfolio: exit %d\n%s", code, stderr)
	}
	want, got := readFiles(t, all, portfolioFiles), readFiles(t, merged, portfolioFiles)
	for _, n := range portfolioFiles {
		if !bytes.Equal(want[n], got[n]) {
			t.Errorf("the merged shards' %s differs from the batch's", n)
		}
	}
}

// mergeInto copies the files under src into dst, replacing those of the
// same name, as a CI's download of several artifacts into one folder.
func mergeInto(t *testing.T, dst, src string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
