package fragment

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Messages is the wording that Go code puts in the documents — finding
// texts, checklist answers and evidence — kept as data: TOML files
// messages/<domain>.<lang>.toml under the templates, so an overlay
// (--templates) replaces a message by writing the same key. Each message
// is a text with named placeholders, {system}, filled by Text. The rule
// table (messages/rules.toml) gives each finding rule its kind, severity
// and refs.
type Messages struct {
	// text maps lang → "domain.table.key" → text.
	text  map[string]map[string]string
	Rules map[string]Rule
}

// Rule is one finding rule: whether it reports a gap or a fact to confirm
// (確認事項), how urgent it is by default, and which guidance sections
// and checklist items it concerns.
type Rule struct {
	Kind     string   `toml:"kind"`
	Severity string   `toml:"severity"`
	Refs     []string `toml:"refs"`
}

// placeholderRE matches a message's placeholders.
var placeholderRE = regexp.MustCompile(`\{[a-z_]+\}`)

// LoadMessages reads the message files of the layers, later layers
// replacing messages and rules with the same key.
func LoadMessages(layers ...Layer) (*Messages, error) {
	m := &Messages{text: map[string]map[string]string{}, Rules: map[string]Rule{}}
	var errs []error
	for _, l := range layers {
		entries, err := fs.ReadDir(l.FS, "messages")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path.Join(l.Name, "messages"), err))
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".toml") {
				continue
			}
			file := path.Join(l.Name, "messages", name)
			data, err := fs.ReadFile(l.FS, path.Join("messages", name))
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if name == "rules.toml" {
				var rules map[string]Rule
				md, err := toml.Decode(string(data), &rules)
				if err == nil {
					for _, k := range md.Undecoded() {
						err = fmt.Errorf("unknown key %q (known: kind, severity, refs)", k.String())
						break
					}
				}
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", file, err))
				}
				for id, r := range rules {
					m.Rules[id] = r
				}
				continue
			}
			base := strings.TrimSuffix(name, ".toml")
			domain, lang := base, "ja"
			if ext := path.Ext(base); ext == ".ja" || ext == ".en" {
				domain, lang = strings.TrimSuffix(base, ext), ext[1:]
			}
			var tree map[string]any
			if _, err := toml.Decode(string(data), &tree); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", file, err))
				continue
			}
			if m.text[lang] == nil {
				m.text[lang] = map[string]string{}
			}
			if err := flatten(m.text[lang], domain, tree); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", file, err))
			}
		}
	}
	return m, errors.Join(errs...)
}

func flatten(into map[string]string, prefix string, tree map[string]any) error {
	for k, v := range tree {
		key := prefix + "." + k
		switch v := v.(type) {
		case string:
			into[key] = v
		case map[string]any:
			if err := flatten(into, key, v); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: a message is text in quotes or a table of them, not %T", key, v)
		}
	}
	return nil
}

// Text returns the message key ("findings.backup-missing.title") in the
// language, with its placeholders filled from pairs of name and value
// ("system", "電子カルテ"). A key the files lack is returned as itself in
// brackets, so it shows in output and tests catch it.
func (m *Messages) Text(lang, key string, pairs ...string) string {
	t, ok := m.text[lang][key]
	if !ok {
		return "[" + lang + ":" + key + "]"
	}
	if len(pairs) == 0 {
		return t
	}
	args := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		args = append(args, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(args...).Replace(t)
}

// Has tells whether a message exists in the language.
func (m *Messages) Has(lang, key string) bool {
	_, ok := m.text[lang][key]
	return ok
}

// Keys lists the message keys of a language, sorted.
func (m *Messages) Keys(lang string) []string {
	out := make([]string, 0, len(m.text[lang]))
	for k := range m.text[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Placeholders lists the placeholders a message uses, sorted and unique.
func (m *Messages) Placeholders(lang, key string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range placeholderRE.FindAllString(m.text[lang][key], -1) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
