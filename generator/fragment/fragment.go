// Package fragment loads and renders guidance fragments: Markdown files with
// TOML front matter whose bodies are text/template programs executed
// against a clinic profile. It also holds the registries fragments refer to:
// the documents they belong to and the guidance sections and checklist items
// they implement.
package fragment

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen/generator/refs"
)

// Fragment is one piece of guidance: a section of a document.
type Fragment struct {
	// ID is unique across all fragments; an overlay fragment with the same
	// id replaces the default one. It becomes the section's anchor.
	ID string `toml:"id"`
	// Document is the id of the document the section belongs to.
	Document string `toml:"document"`
	// Order places the section within its document.
	Order int `toml:"order"`
	// Title is the section heading.
	Title string `toml:"title"`
	// When is a template pipeline over the profile; the fragment is used
	// only when it is true (empty: always).
	When string `toml:"when"`
	// Refs name the guidance sections ("guidance:3.1.1") and checklist items
	// ("checklist:2-3") the section implements.
	Refs []string `toml:"refs"`

	// Lang is "ja" or "en", from the file name (name.en.md); default ja.
	Lang string `toml:"-"`
	// File is where the fragment was read from, for messages.
	File string `toml:"-"`
	// Layer is the index of the layer it came from: 0 for the first
	// (the defaults), higher for overlays; Origin is that layer's name.
	Layer  int    `toml:"-"`
	Origin string `toml:"-"`
	// Replaces is the file of the fragment with the same id and language
	// that this one replaced (an overlay's), if any.
	Replaces string `toml:"-"`
	// Body is the template source.
	Body string `toml:"-"`
	// bodyLine is the file line the body starts on.
	bodyLine int
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Parse reads one fragment file.
func Parse(file string, data []byte) (*Fragment, error) {
	fail := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
	}
	const delim = "+++"
	s := string(data)
	s = strings.TrimPrefix(s, "\ufeff")
	if !strings.HasPrefix(s, delim+"\n") {
		return nil, fail(1, "a fragment starts with TOML front matter between +++ lines")
	}
	end := strings.Index(s[len(delim)+1:], "\n"+delim+"\n")
	if end < 0 {
		return nil, fail(1, "front matter is not closed with a +++ line")
	}
	front := s[len(delim)+1 : len(delim)+1+end+1]
	body := s[len(delim)+1+end+1+len(delim)+1:]
	f := &Fragment{File: file, Lang: langOf(file), Body: body, bodyLine: strings.Count(front, "\n") + 3}
	md, err := toml.Decode(front, f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fail(pe.Position.Line+1, "front matter: %s", pe.Message)
		}
		return nil, fmt.Errorf("%s: front matter: %w", file, err)
	}
	for _, k := range md.Undecoded() {
		return nil, fail(2, "front matter: unknown key %q (known: id, document, order, title, when, refs)", k.String())
	}
	switch {
	case !idRE.MatchString(f.ID):
		return nil, fail(2, "front matter: id %q must be lower-case letters, digits and hyphens", f.ID)
	case f.Document == "":
		return nil, fail(2, "front matter: document is required")
	case strings.TrimSpace(f.Title) == "":
		return nil, fail(2, "front matter: title is required")
	}
	return f, nil
}

func langOf(file string) string {
	base := strings.TrimSuffix(path.Base(file), ".md")
	if ext := path.Ext(base); ext == ".en" || ext == ".ja" {
		return ext[1:]
	}
	return "ja"
}

// Layer is one source of templates: the embedded defaults or an overlay
// directory. Name prefixes file names in messages.
type Layer struct {
	Name string
	FS   fs.FS
}

// Set is every fragment in effect, with the registries.
type Set struct {
	Documents []DocumentInfo
	Refs      refs.Registry
	// Fragments, sorted by document order, then fragment order, then id.
	Fragments []*Fragment
	// Messages is the wording Go code puts in the documents (findings,
	// checklist answers), from messages/ in the same layers.
	Messages *Messages

	compiled map[*Fragment]compiled
	// base holds the template functions, per language (links name
	// documents and sections in the fragment's language); fragments are
	// parsed into clones.
	base map[string]*template.Template
}

// compiled holds a fragment's parsed body and condition; templates are
// safe for concurrent execution, so a Set serves many clinics at once.
type compiled struct {
	body, when *template.Template
	inputs     Inputs
}

// Load reads templates from layers, later layers overriding earlier ones:
// a fragment replaces the one with the same id (and language), documents and
// refs entries replace those with the same id. All problems found are
// returned together.
func Load(layers ...Layer) (*Set, error) {
	set := &Set{compiled: map[*Fragment]compiled{}}
	var errs []error
	docs := map[string]DocumentInfo{}
	byKey := map[string]*Fragment{}
	for li, l := range layers {
		if err := loadRegistries(l, docs, &set.Refs); err != nil {
			errs = append(errs, err)
		}
		seen := map[string]string{}
		err := fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A walk does not enter a linked folder: say so rather
				// than leave its fragments out without a word.
				switch st, err := fs.Stat(l.FS, p); {
				case err != nil:
					errs = append(errs, fmt.Errorf("%s: a link that leads outside the overlay folder or nowhere, so it is not read: copy what it points to into the overlay instead", path.Join(l.Name, p)))
					return nil
				case st.IsDir():
					errs = append(errs, fmt.Errorf("%s: a link to a folder; fragments in linked folders are not read: copy the folder into the overlay instead", path.Join(l.Name, p)))
					return nil
				}
			}
			if d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			data, err := fs.ReadFile(l.FS, p)
			if err != nil {
				return err
			}
			f, err := Parse(path.Join(l.Name, p), data)
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			f.Layer = li
			key := f.ID + "." + f.Lang
			if other, dup := seen[key]; dup {
				errs = append(errs, fmt.Errorf("%s: duplicate fragment id %q (also %s)", f.File, f.ID, other))
				return nil
			}
			seen[key] = f.File
			if old, ok := byKey[key]; ok {
				f.Replaces = old.File
			}
			byKey[key] = f
			f.Origin = l.Name
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("templates %s: %w", l.Name, err))
		}
	}
	for _, d := range docs {
		set.Documents = append(set.Documents, d)
	}
	sort.Slice(set.Documents, func(i, j int) bool {
		a, b := set.Documents[i], set.Documents[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
	docOrder := map[string]int{}
	for i, d := range set.Documents {
		docOrder[d.ID] = i
	}
	for _, f := range byKey {
		if _, ok := docOrder[f.Document]; !ok {
			errs = append(errs, fmt.Errorf("%s: unknown document %q (known: %s)", f.File, f.Document, strings.Join(set.DocumentIDs(), ", ")))
			continue
		}
		for _, r := range f.Refs {
			if err := set.Refs.Check(r); err != nil {
				errs = append(errs, fmt.Errorf("%s: refs: %w", f.File, err))
			}
		}
		set.Fragments = append(set.Fragments, f)
	}
	msgs, err := LoadMessages(layers...)
	if err != nil {
		errs = append(errs, err)
	}
	set.Messages = msgs
	for id, r := range msgs.Rules {
		for _, ref := range r.Refs {
			if err := set.Refs.Check(ref); err != nil {
				errs = append(errs, fmt.Errorf("messages/rules.toml: %s: refs: %w", id, err))
			}
		}
	}
	errs = append(errs, set.compileAll()...)
	sort.Slice(set.Fragments, func(i, j int) bool {
		a, b := set.Fragments[i], set.Fragments[j]
		if a.Document != b.Document {
			return docOrder[a.Document] < docOrder[b.Document]
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Lang < b.Lang
	})
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return set, errors.Join(errs...)
}

// compileAll parses every fragment, in parallel: parsing is most of the
// cost of loading templates.
func (s *Set) compileAll() []error {
	s.base = map[string]*template.Template{}
	for _, lang := range []string{"ja", "en"} {
		s.base[lang] = template.New("").Funcs(s.funcs(lang)).Option("missingkey=error")
	}
	results := make([]compiled, len(s.Fragments))
	errs := make([]error, len(s.Fragments))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range s.Fragments {
		g.Go(func() error {
			results[i], errs[i] = s.compile(f)
			return nil
		})
	}
	g.Wait()
	var out []error
	kept := s.Fragments[:0]
	for i, f := range s.Fragments {
		if errs[i] != nil {
			out = append(out, errs[i])
			continue
		}
		s.compiled[f] = results[i]
		kept = append(kept, f)
	}
	s.Fragments = kept
	return out
}

// DocumentIDs lists the known document ids in order.
func (s *Set) DocumentIDs() []string {
	out := make([]string, len(s.Documents))
	for i, d := range s.Documents {
		out[i] = d.ID
	}
	return out
}

// Document returns the registry entry of a document, or nil.
func (s *Set) Document(id string) *DocumentInfo {
	for i := range s.Documents {
		if s.Documents[i].ID == id {
			return &s.Documents[i]
		}
	}
	return nil
}

// numberLines prefixes the body with blank lines so template errors carry
// the fragment file's own line numbers.
func (f *Fragment) numberedBody() string {
	var b bytes.Buffer
	for i := 1; i < f.bodyLine; i++ {
		b.WriteByte('\n')
	}
	b.WriteString(f.Body)
	return b.String()
}
