// Package refs holds what the documents cite as their basis: the sections
// of the small-clinic guidance (小規模医療機関等向けガイダンス) and the items
// of the MHLW cybersecurity checklist, as templates/refs.toml lists them.
// Fragments refer to them ("guidance:3.1.1", "checklist:2-3"); the rule
// packages that answer the checklist read its items from here.
package refs

import (
	"fmt"
	"strings"
)

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

// Registry holds what fragments may refer to: templates/refs.toml.
type Registry struct {
	Guidance  []Guidance      `toml:"guidance"`
	Checklist []ChecklistItem `toml:"checklist"`
}

// Check reports whether ref ("guidance:3.1.1", "checklist:2-3") names a
// known entry.
func (r *Registry) Check(ref string) error {
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
func (r *Registry) GuidanceByID(id string) *Guidance {
	for i := range r.Guidance {
		if r.Guidance[i].ID == id {
			return &r.Guidance[i]
		}
	}
	return nil
}

// ChecklistByID returns a checklist item, or nil.
func (r *Registry) ChecklistByID(id string) *ChecklistItem {
	for i := range r.Checklist {
		if r.Checklist[i].ID == id {
			return &r.Checklist[i]
		}
	}
	return nil
}

// Label is how a ref is shown: "ガイダンス 3.1.1 法令上の遵守事項や義務".
func (r *Registry) Label(ref string) string {
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

func (r *Registry) guidanceIDs() []string {
	out := make([]string, len(r.Guidance))
	for i, g := range r.Guidance {
		out[i] = g.ID
	}
	return out
}

func (r *Registry) checklistIDs() []string {
	out := make([]string, len(r.Checklist))
	for i, c := range r.Checklist {
		out[i] = c.ID
	}
	return out
}

// Merge adds the entries of from, each replacing an entry with the same
// id (an overlay's refs.toml over the defaults).
func (r *Registry) Merge(from Registry) {
	for _, g := range from.Guidance {
		if old := r.GuidanceByID(g.ID); old != nil {
			*old = g
		} else {
			r.Guidance = append(r.Guidance, g)
		}
	}
	for _, c := range from.Checklist {
		if old := r.ChecklistByID(c.ID); old != nil {
			*old = c
		} else {
			r.Checklist = append(r.Checklist, c)
		}
	}
}
