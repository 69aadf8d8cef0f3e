package build

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// TestInputsHoldWhatFragmentsRead checks the claim anzen serve's rebuild
// stands on: a fragment whose inputs (fragment.Inputs) hold the same
// values renders the same. Each key of each example and test clinic is
// changed on its own, as for the key reference (change); every fragment
// the comparison calls unchanged is rendered again, in both languages,
// and must give the text it gave before.
func TestInputsHoldWhatFragmentsRead(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	set := b.Fragments()
	profiles := examples(t)
	others, err := loadProfiles("../verdict/testdata/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	profiles = append(profiles, others...)
	var keys []profile.Key
	for _, k := range profile.Keys() {
		if k.Type != "table" && k.Type != "list of tables" {
			keys = append(keys, k)
		}
	}
	var mu sync.Mutex
	reused, ran := 0, 0
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range profiles {
		for _, lang := range []string{"ja", "en"} {
			base := dataIn(set, p, lang)
			before := map[*fragment.Fragment]string{}
			for _, f := range set.Fragments {
				if f.Lang == lang {
					before[f] = renderIn(set, f, base)
				}
			}
			for _, k := range keys {
				g.Go(func() error {
					q := p.Clone()
					if !change(q, k) {
						return nil
					}
					now := dataIn(set, q, lang)
					cmp := fragment.NewCompare(base, now)
					r, n := 0, 0
					for f, text := range before {
						if !cmp.Same(set.Inputs(f)) {
							n++
							continue
						}
						r++
						if got := renderIn(set, f, now); got != text {
							return fmt.Errorf("%s (%s) with %s changed: inputs %v hold the same values, yet it renders differently:\n%s", f.File, p.Clinic.ID, k.Path, set.Inputs(f).Paths(), firstDiff(text, got))
						}
					}
					mu.Lock()
					reused, ran = reused+r, ran+n
					mu.Unlock()
					return nil
				})
			}
		}
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d fragment renders reused, %d run again, over every key of %d clinics in two languages", reused, ran, len(profiles))
	if reused == 0 || ran == 0 {
		t.Errorf("reused %d, ran %d: the test shows nothing", reused, ran)
	}
}

// dataIn is what a fragment of p sees in a language (without its
// document), as Assemble makes it.
func dataIn(set *fragment.Set, p *profile.Profile, lang string) assemble.Data {
	asOf := p.Policy.LastReview
	if lang != "ja" {
		p = p.In(lang)
	}
	return assemble.DataOf(p, judge(set, p, lang, asOf, checklist.SheetYear(asOf)), assemble.WithLang(lang))
}

// renderIn is a fragment's text for data, "" when its condition is false.
func renderIn(set *fragment.Set, f *fragment.Fragment, data assemble.Data) string {
	data.Doc = set.Document(f.Document)
	ok, err := set.Applies(f, data)
	if err != nil || !ok {
		return fmt.Sprint("skipped ", err)
	}
	md, err := set.Render(f, data)
	if err != nil {
		return "error " + err.Error()
	}
	return string(md)
}
