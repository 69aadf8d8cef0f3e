package assemble

// Change is a section that differs between two assemblies of documents.
type Change struct {
	// Kind is "changed", "added" or "removed".
	Kind     string
	Document string
	Section  string
}

// Diff compares two results section by section, in the new result's
// document order (removed sections follow their document).
func Diff(old, new *Result) []Change {
	type key struct{ doc, sec string }
	before := map[key]string{}
	title := map[key][2]string{}
	for _, d := range old.Documents {
		for _, s := range d.Sections {
			before[key{d.ID, s.ID}] = s.Markdown
			title[key{d.ID, s.ID}] = [2]string{d.Title, s.Title}
		}
	}
	var out []Change
	seen := map[key]bool{}
	for _, d := range new.Documents {
		for _, s := range d.Sections {
			k := key{d.ID, s.ID}
			seen[k] = true
			switch md, ok := before[k]; {
			case !ok:
				out = append(out, Change{"added", d.Title, s.Title})
			case md != s.Markdown:
				out = append(out, Change{"changed", d.Title, s.Title})
			}
		}
	}
	for _, d := range old.Documents {
		for _, s := range d.Sections {
			if k := (key{d.ID, s.ID}); !seen[k] {
				out = append(out, Change{"removed", title[k][0], title[k][1]})
			}
		}
	}
	return out
}
