package build

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen"
	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// keyUseOf tells, for each profile key (by key path without indices),
// which documents use it: those whose text changes when the key's value
// does, in at least one of the example profiles. Each key is changed on
// its own in a copy of each profile (a yes/no fact flipped, a count or a
// date moved, a kind or a reference set to another, a text replaced, an id
// renamed with the references to it) and the documents are rendered
// again in Japanese. A key no example shows is tried in the test clinics
// (personal devices are only there), then in English (name_en, the
// english table). A table or a list of tables is used by the documents
// that use any of its keys. Only the documents' fragments are rendered,
// not checked: the work is one render of every fragment per key and
// profile.
func keyUseOf(set *fragment.Set, examples, others []*profile.Profile) (map[string]map[string]bool, error) {
	use := map[string]map[string]bool{}
	var keys []profile.Key
	for _, k := range profile.Keys() {
		if k.Type != "table" && k.Type != "list of tables" {
			keys = append(keys, k)
		}
	}
	if err := probe(set, examples, keys, "ja", use); err != nil {
		return nil, err
	}
	if err := probe(set, others, unused(keys, use), "ja", use); err != nil {
		return nil, err
	}
	if err := probe(set, examples, unused(keys, use), "en", use); err != nil {
		return nil, err
	}
	return use, nil
}

// unused are the keys no document uses so far.
func unused(keys []profile.Key, use map[string]map[string]bool) []profile.Key {
	var out []profile.Key
	for _, k := range keys {
		if use[k.Path] == nil {
			out = append(out, k)
		}
	}
	return out
}

// probe changes each key in each profile and records in use the
// documents of the language whose text changes.
func probe(set *fragment.Set, profiles []*profile.Profile, keys []profile.Key, lang string, use map[string]map[string]bool) error {
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range profiles {
		base, err := textsIn(set, p, lang)
		if err != nil {
			g.Wait()
			return fmt.Errorf("key use: %s: %w", p.File, err)
		}
		for _, k := range keys {
			g.Go(func() error {
				q := p.Clone()
				if !change(q, k) {
					return nil // the profile has no such value to change
				}
				t, err := textsIn(set, q, lang)
				if err != nil {
					return fmt.Errorf("key use: %s with %s changed: %w", p.File, k.Path, err)
				}
				mu.Lock()
				defer mu.Unlock()
				for _, d := range differ(base, t) {
					addUse(use, k.Path, d)
				}
				return nil
			})
		}
	}
	return g.Wait()
}

// textsIn renders a profile's documents in a language.
func textsIn(set *fragment.Set, p *profile.Profile, lang string) (map[string]string, error) {
	asOf := p.Policy.LastReview
	if lang != "ja" {
		p = p.In(lang)
	}
	return assemble.Texts(p, set, judge(set, p, lang, asOf, checklist.SheetYear(asOf)), assemble.WithLang(lang))
}

// addUse records that a document uses a key, and so the tables it is in.
func addUse(use map[string]map[string]bool, key, doc string) {
	for key != "" {
		if use[key] == nil {
			use[key] = map[string]bool{}
		}
		use[key][doc] = true
		key = key[:max(strings.LastIndex(key, "."), 0)]
	}
}

// differ lists the documents whose text is not the same in a and b.
func differ(a, b map[string]string) []string {
	var out []string
	for id, t := range a {
		if b[id] != t {
			out = append(out, id)
		}
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// changedText replaces texts: it is none of a profile's.
const changedText = "〓変更〓"

// change sets every value of the key in p to another, and tells whether
// p has any (a key of a list of tables has none when the list is empty).
func change(p *profile.Profile, k profile.Key) bool {
	if k.ID && k.Refs == nil && (k.Path == "id" || strings.HasSuffix(k.Path, ".id")) {
		return renameIDs(p, k)
	}
	others := refTargets(p, k.Refs)
	n := 0
	each(reflect.ValueOf(p).Elem(), strings.Split(k.Field, "."), func(v reflect.Value) {
		changeValue(v, k, others, p.Policy.LastReview)
		n++
	})
	return n > 0
}

// each calls fn with every value of the field chain under v, through lists.
func each(v reflect.Value, chain []string, fn func(reflect.Value)) {
	switch {
	case len(chain) == 0:
		fn(v)
	case v.Kind() == reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			each(v.Index(i), chain, fn)
		}
	default:
		each(v.FieldByName(chain[0]), chain[1:], fn)
	}
}

var (
	flagType  = reflect.TypeOf(profile.Unknown)
	countType = reflect.TypeOf(profile.Count(0))
	timeType  = reflect.TypeOf(time.Time{})
)

// changeValue sets v, a value of the key, to another: others are the ids
// a reference may name instead.
func changeValue(v reflect.Value, k profile.Key, others []string, asOf time.Time) {
	switch t := v.Type(); {
	case t == flagType:
		// Unknown and no become yes; yes becomes no.
		f := profile.Yes
		if v.Interface().(profile.Flag).IsYes() {
			f = profile.No
		}
		v.Set(reflect.ValueOf(f))
	case t == countType:
		// Unknown becomes 1; n becomes n+1.
		v.SetInt(max(v.Int(), 1) + 1)
	case t == timeType:
		// Unwritten becomes a month before the review; a date the day
		// before.
		d := v.Interface().(time.Time)
		if d.IsZero() {
			d = asOf.AddDate(0, -1, 0)
		} else {
			d = d.AddDate(0, 0, -1)
		}
		v.Set(reflect.ValueOf(d))
	case t.Kind() == reflect.Int:
		v.SetInt(v.Int() + 1)
	case t.Kind() == reflect.Map:
		v.SetZero()
	case t.Kind() == reflect.Slice:
		changeList(v, k, others)
	case k.Values != nil:
		v.SetString(nextValue(k.Values, v.String()))
	case k.Refs != nil:
		v.SetString(otherID(others, v.String()))
	default:
		v.SetString(changedText)
	}
}

// changeList empties a written list and fills an empty one: with every
// allowed value, every other id, or a text.
func changeList(v reflect.Value, k profile.Key, others []string) {
	if v.Len() > 0 {
		v.SetZero()
		return
	}
	var items []string
	switch {
	case k.Values != nil:
		for _, t := range k.Values {
			items = append(items, t.Value)
		}
	case k.Refs != nil:
		items = others
	default:
		items = []string{changedText}
	}
	l := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, s := range items {
		l.Index(i).SetString(s)
	}
	v.Set(l)
}

func nextValue(terms []profile.Term, v string) string {
	for i, t := range terms {
		if t.Value == v {
			return terms[(i+1)%len(terms)].Value
		}
	}
	return terms[0].Value
}

// otherID is the id after id in others (the first when id is none of
// them), or none when others has no other.
func otherID(others []string, id string) string {
	i := slices.Index(others, id)
	if next := others[(i+1)%max(len(others), 1):]; len(others) > 0 && next[0] != id {
		return next[0]
	}
	return ""
}

// refTargets lists the ids a reference to the kinds of thing may name.
func refTargets(p *profile.Profile, refs []string) []string {
	var out []string
	for _, r := range refs {
		switch r {
		case "staff":
			for _, s := range p.Staff {
				out = append(out, s.ID)
			}
		case "vendor":
			for _, v := range p.Vendors {
				out = append(out, v.ID)
			}
		case "system":
			for _, s := range p.Systems {
				out = append(out, s.ID)
			}
		}
	}
	return out
}

// renameIDs gives each id of the key another, and the references to it
// too: a document that only follows the reference does not change.
func renameIDs(p *profile.Profile, k profile.Key) bool {
	renamed := map[string]string{}
	each(reflect.ValueOf(p).Elem(), strings.Split(k.Field, "."), func(v reflect.Value) {
		renamed[v.String()] = v.String() + "-changed"
		v.SetString(v.String() + "-changed")
	})
	kind := map[string]string{"staff.id": "staff", "vendors.id": "vendor", "systems.id": "system"}[k.Path]
	for _, r := range profile.Keys() {
		if !slices.Contains(r.Refs, kind) {
			continue
		}
		each(reflect.ValueOf(p).Elem(), strings.Split(r.Field, "."), func(v reflect.Value) {
			if v.Kind() == reflect.Slice {
				for i := 0; i < v.Len(); i++ {
					if n, ok := renamed[v.Index(i).String()]; ok {
						v.Index(i).SetString(n)
					}
				}
			} else if n, ok := renamed[v.String()]; ok {
				v.SetString(n)
			}
		})
	}
	return len(renamed) > 0
}

// exampleProfiles are the example profiles embedded in anzen, with their vendor
// definitions.
func exampleProfiles() ([]*profile.Profile, error) {
	def := anzen.Defaults()
	vendors, err := fs.Sub(def, anzen.DefaultVendors)
	if err != nil {
		return nil, fmt.Errorf("example profiles: %w", err)
	}
	cat := profile.NewCatalog()
	if err := cat.AddDir(anzen.DefaultVendors, vendors); err != nil {
		return nil, fmt.Errorf("example profiles: %w", err)
	}
	names, err := fs.Glob(def, path.Join(path.Dir(anzen.DefaultProfile), "*.toml"))
	if err != nil {
		return nil, fmt.Errorf("example profiles: %w", err)
	}
	var out []*profile.Profile
	for _, n := range names {
		p, err := profile.Load(def, n, profile.WithCatalog(cat))
		if err != nil {
			return nil, fmt.Errorf("example profiles: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}

// formatKeyUse writes what keyUseOf found as KeyUseFile: the keys in profile
// order, the documents in the set's order.
func formatKeyUse(set *fragment.Set, use map[string]map[string]bool) string {
	var sb strings.Builder
	for _, k := range profile.Keys() {
		var docs []string
		for _, d := range set.Documents {
			if use[k.Path][d.ID] {
				docs = append(docs, d.ID)
			}
		}
		if docs != nil {
			fmt.Fprintf(&sb, "%s\t%s\n", k.Path, strings.Join(docs, ","))
		}
	}
	return sb.String()
}

// loadProfiles loads the profiles that match a pattern.
func loadProfiles(pattern string) ([]*profile.Profile, error) {
	names, err := filepath.Glob(pattern)
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("profiles %s: none (%v)", pattern, err)
	}
	var out []*profile.Profile
	for _, n := range names {
		p, err := profile.LoadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// TestMain, with -update, works KeyUseFile out again and writes it before
// the tests run, and has their builders use it: one run rewrites the key
// reference and the golden sites from it.
func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		text, err := workKeyUse()
		if err == nil {
			err = os.WriteFile(KeyUseFile, []byte(text), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		keyUse = func() map[string][]string { return parseKeyUse(text) }
	}
	os.Exit(m.Run())
}

// workKeyUse is KeyUseFile as renders of the example profiles with the
// default fragments show it.
func workKeyUse() (string, error) {
	b, err := New()
	if err != nil {
		return "", err
	}
	examples, err := exampleProfiles()
	if err != nil {
		return "", err
	}
	others, err := loadProfiles("../verdict/testdata/*.toml")
	if err != nil {
		return "", err
	}
	use, err := keyUseOf(b.Fragments(), examples, others)
	if err != nil {
		return "", err
	}
	return formatKeyUse(b.Fragments(), use), nil
}

// TestChangeChangesEveryKey: keyUseOf's change gives each key of an
// example another value, in a copy: a key it left as it was would be
// reported as used by no document.
func TestChangeChangesEveryKey(t *testing.T) {
	ps, err := exampleProfiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		before := p.Clone()
		for _, k := range profile.Keys() {
			if k.Type == "table" || k.Type == "list of tables" {
				continue
			}
			q := p.Clone()
			if change(q, k) && reflect.DeepEqual(p, q) {
				t.Errorf("%s: %s is not changed", p.File, k.Path)
			}
		}
		if !reflect.DeepEqual(p, before) {
			t.Errorf("%s: changing a copy changed the profile", p.File)
		}
	}
}
