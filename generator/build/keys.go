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
	reads := b.fieldsRead()
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
		typ := k.Type
		if k.TriState {
			typ += "（書かなければ未確認）"
		}
		docs := b.documentsReading(reads, k)
		used := strings.Join(docs, "、")
		if len(docs) >= 10 {
			used = fmt.Sprintf("ほぼすべての文書（%d件）", len(docs))
		}
		fmt.Fprintf(&sb, "| `%s`%s | %s | %s | %s | %s |\n", k.Path, req, typ, strings.Join(vals, "、"), fragment.EscapeString(k.Description), used)
	}
	return sb.String()
}

// documentsReading lists the documents whose fragments mention the key's
// Go field (the last two names of its chain, or the last one for
// top-level keys), in document order.
func (b *Builder) documentsReading(reads map[string]map[string]bool, k profile.Key) []string {
	parts := strings.Split(k.Field, ".")
	name := parts[len(parts)-1]
	if len(parts) > 2 {
		name = parts[len(parts)-2] + "." + name
	}
	var out []string
	for _, d := range b.set.Documents {
		if reads[name][d.ID] {
			out = append(out, d.Title)
		}
	}
	return out
}

// fieldChain is a chain of field names in a template, as in
// .Clinic.Name or $s.Backup.Method.
var fieldChain = regexp.MustCompile(`(?:\.[A-Za-z_][A-Za-z0-9_]*)+`)

// fieldsRead indexes, once for all keys, which documents' fragments name
// each field and each pair of fields in a chain (Backup.Method in
// .System.Backup.Method).
func (b *Builder) fieldsRead() map[string]map[string]bool {
	reads := map[string]map[string]bool{}
	add := func(name, doc string) {
		if reads[name] == nil {
			reads[name] = map[string]bool{}
		}
		reads[name][doc] = true
	}
	for _, f := range b.set.Fragments {
		for _, chain := range fieldChain.FindAllString(f.Body, -1) {
			names := strings.Split(chain[1:], ".")
			for i, n := range names {
				add(n, f.Document)
				if i > 0 {
					add(names[i-1]+"."+n, f.Document)
				}
			}
		}
	}
	return reads
}
