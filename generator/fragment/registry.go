package fragment

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/anzen-dev/anzen/generator/refs"
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

// loadRegistries merges a layer's documents.toml and refs.toml into docs
// and into, entries with the same id replacing earlier ones.
func loadRegistries(l Layer, docs map[string]DocumentInfo, into *refs.Registry) error {
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
	var r refs.Registry
	if err := decodeStrict(l, "refs.toml", &r); err != nil {
		errs = append(errs, err)
	}
	into.Merge(r)
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
