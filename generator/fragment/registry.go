package fragment

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// DocumentInfo is one document of the set, from documents.toml.
type DocumentInfo struct {
	ID      string `toml:"id"`
	Order   int    `toml:"order"`
	Title   string `toml:"title"`
	TitleEn string `toml:"title_en"`
	// Summary says in one sentence what the document is for.
	Summary   string `toml:"summary"`
	SummaryEn string `toml:"summary_en"`
	// Print tells the handbook how to lay the document out: "" (flowing)
	// or "card" (one page, large type).
	Print string `toml:"print"`
}

// Guidance is a section of the small-clinic guidance
// (小規模医療機関等向けガイダンス).
type Guidance struct {
	ID    string `toml:"id"`
	Title string `toml:"title"`
	// TitleEn is the title in English (an unofficial translation).
	TitleEn string `toml:"title_en"`
	// Label and LabelEn name a part that has no section number where
	// the documents cite it (別添, "Annex"); without them, the id does.
	Label   string `toml:"label"`
	LabelEn string `toml:"label_en"`
}

// Name is what the documents call the section in a language: its label,
// else its number.
func (g Guidance) Name(lang string) string {
	switch {
	case lang == "en" && g.LabelEn != "":
		return g.LabelEn
	case lang != "en" && g.Label != "":
		return g.Label
	}
	return g.ID
}

// ChecklistItem is an item of the MHLW cybersecurity checklist.
type ChecklistItem struct {
	ID      string `toml:"id"`
	Section string `toml:"section"`
	Text    string `toml:"text"`
	// SectionEn and TextEn are the wording in English (an unofficial
	// translation of the official Japanese).
	SectionEn string `toml:"section_en"`
	TextEn    string `toml:"text_en"`
	// Status is the confidence in the wording: "confirmed", "partial" or
	// "unverified" (to be checked against the official file).
	Status   string `toml:"status"`
	Pharmacy bool   `toml:"pharmacy"`
	Vendor   bool   `toml:"vendor"`
	Note     string `toml:"note"`
}

// Refs holds what fragments may refer to.
type Refs struct {
	Guidance  []Guidance      `toml:"guidance"`
	Checklist []ChecklistItem `toml:"checklist"`
}

// Check reports whether ref ("guidance:3.1.1", "checklist:2-3") names a
// known entry.
func (r *Refs) Check(ref string) error {
	kind, id, ok := strings.Cut(ref, ":")
	switch {
	case !ok:
		return fmt.Errorf("%q: write guidance:<section> or checklist:<item>", ref)
	case kind == "guidance":
		if r.GuidanceByID(id) != nil {
			return nil
		}
		return fmt.Errorf("%q: no guidance section %q (known: %s)", ref, id, strings.Join(r.guidanceIDs(), ", "))
	case kind == "checklist":
		if r.ChecklistByID(id) != nil {
			return nil
		}
		return fmt.Errorf("%q: no checklist item %q (known: %s)", ref, id, strings.Join(r.checklistIDs(), ", "))
	}
	return fmt.Errorf("%q: unknown kind %q (known: guidance, checklist)", ref, kind)
}

// GuidanceByID returns a guidance section, or nil.
func (r *Refs) GuidanceByID(id string) *Guidance {
	for i := range r.Guidance {
		if r.Guidance[i].ID == id {
			return &r.Guidance[i]
		}
	}
	return nil
}

// ChecklistByID returns a checklist item, or nil.
func (r *Refs) ChecklistByID(id string) *ChecklistItem {
	for i := range r.Checklist {
		if r.Checklist[i].ID == id {
			return &r.Checklist[i]
		}
	}
	return nil
}

// Label is how a ref is shown: "ガイダンス 3.1.1 法令上の遵守事項や義務".
func (r *Refs) Label(ref string) string {
	kind, id, _ := strings.Cut(ref, ":")
	switch kind {
	case "guidance":
		if g := r.GuidanceByID(id); g != nil {
			return "ガイダンス " + g.ID + " " + g.Title
		}
	case "checklist":
		if c := r.ChecklistByID(id); c != nil {
			return "チェックリスト " + c.ID + " " + c.Text
		}
	}
	return ref
}

func (r *Refs) guidanceIDs() []string {
	out := make([]string, len(r.Guidance))
	for i, g := range r.Guidance {
		out[i] = g.ID
	}
	return out
}

func (r *Refs) checklistIDs() []string {
	out := make([]string, len(r.Checklist))
	for i, c := range r.Checklist {
		out[i] = c.ID
	}
	return out
}

// loadRegistries merges a layer's documents.toml and refs.toml into docs
// and refs, entries with the same id replacing earlier ones.
func loadRegistries(l Layer, docs map[string]DocumentInfo, refs *Refs) error {
	var errs []error
	var d struct {
		Documents []DocumentInfo `toml:"documents"`
	}
	if err := decodeStrict(l, "documents.toml", &d); err != nil {
		errs = append(errs, err)
	}
	for _, doc := range d.Documents {
		if !idRE.MatchString(doc.ID) || doc.Title == "" {
			errs = append(errs, fmt.Errorf("%s: document %q needs a lower-case id and a title", path.Join(l.Name, "documents.toml"), doc.ID))
			continue
		}
		docs[doc.ID] = doc
	}
	var r Refs
	if err := decodeStrict(l, "refs.toml", &r); err != nil {
		errs = append(errs, err)
	}
	for _, g := range r.Guidance {
		if old := refs.GuidanceByID(g.ID); old != nil {
			*old = g
		} else {
			refs.Guidance = append(refs.Guidance, g)
		}
	}
	for _, c := range r.Checklist {
		if old := refs.ChecklistByID(c.ID); old != nil {
			*old = c
		} else {
			refs.Checklist = append(refs.Checklist, c)
		}
	}
	return errors.Join(errs...)
}

func decodeStrict(l Layer, name string, v any) error {
	data, err := fs.ReadFile(l.FS, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	file := path.Join(l.Name, name)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s:%d:%d: %s", file, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		keys := make([]string, len(u))
		for i, k := range u {
			keys[i] = k.String()
		}
		sort.Strings(keys)
		return fmt.Errorf("%s: unknown keys: %s", file, strings.Join(keys, ", "))
	}
	return nil
}
