package build

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// KeyReference is the reference of every profile key as a Markdown table:
// type, allowed values, whether it is required, what it means, and which
// documents' fragments read it. It is generated from the profile's Go
// types and the fragments in effect, so it follows both; a Builder makes
// it once.
func (b *Builder) KeyReference() string { return b.keyRef() }

func (b *Builder) keyReference() string {
	var sb strings.Builder
	sb.WriteString("| キー | 型 | 値 | 説明 | 使う文書 |\n| --- | --- | --- | --- | --- |\n")
	for _, k := range profile.Keys() {
		var vals []string
		for _, v := range k.Values {
			vals = append(vals, "`"+v.Value+"` "+v.Ja)
		}
		req := ""
		if k.Required {
			req = "（必須）"
		}
		docs := b.documentsReading(k)
		used := strings.Join(docs, "、")
		if len(docs) >= 10 {
			used = fmt.Sprintf("ほぼすべての文書（%d件）", len(docs))
		}
		fmt.Fprintf(&sb, "| `%s`%s | %s | %s | %s | %s |\n", k.Path, req, k.Type, strings.Join(vals, "、"), fragment.EscapeString(k.Description), used)
	}
	return sb.String()
}

// documentsReading lists the documents whose fragments mention the key's
// Go field (the last two names of its chain, or the last one for
// top-level keys), in document order.
func (b *Builder) documentsReading(k profile.Key) []string {
	parts := strings.Split(k.Field, ".")
	name := parts[len(parts)-1]
	if len(parts) > 2 {
		name = parts[len(parts)-2] + "." + name
	}
	re := regexp.MustCompile(`\.` + regexp.QuoteMeta(name) + `\b`)
	seen := map[string]bool{}
	var out []string
	for _, f := range b.set.Fragments {
		if seen[f.Document] || !re.MatchString(f.Body) {
			continue
		}
		seen[f.Document] = true
	}
	for _, d := range b.set.Documents {
		if seen[d.ID] {
			out = append(out, d.Title)
		}
	}
	return out
}
