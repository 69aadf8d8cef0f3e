package build

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// KeyReference is the reference of every profile key as a Markdown table:
// type, allowed values, whether it is required, what it means, and which
// documents use it. Type, values, requirement and meaning come from the
// profile's Go types and their tags; the documents from KeyUseFile, worked
// out from renders of the example profiles with the default fragments
// (keyuse_test.go). A Builder makes it once.
func (b *Builder) KeyReference() string { return b.keyRef() }

func (b *Builder) keyReference() string {
	use := keyUse()
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
		docs := b.documentTitles(use[k.Path])
		used := strings.Join(docs, "、")
		if len(docs) >= 10 {
			used = fmt.Sprintf("ほぼすべての文書（%d件）", len(docs))
		}
		fmt.Fprintf(&sb, "| `%s`%s | %s | %s | %s | %s |\n", k.Path, req, typ, strings.Join(vals, "、"), fragment.EscapeString(k.Description), used)
	}
	return sb.String()
}

// documentTitles are the titles of the documents with the ids, in
// document order.
func (b *Builder) documentTitles(ids []string) []string {
	var out []string
	for _, d := range b.set.Documents {
		if slices.Contains(ids, d.ID) {
			out = append(out, d.Title)
		}
	}
	return out
}

// KeyUseFile is where the documents that use each key are kept, one key
// a line: the key path, a tab and the document ids, comma-separated
// (keys no document uses are left out). keyUse in keyuse_test.go works them
// out; TestKeyReference keeps the file equal to it (-update rewrites it). It is kept, not worked
// out in each build, because that takes seconds: it describes the default
// fragments, not those of overlays.
const KeyUseFile = "keyuse.txt"

//go:embed keyuse.txt
var keyUseText string

// keyUse is the documents that use each key, from KeyUseFile (tests that
// rewrite it replace it).
var keyUse = sync.OnceValue(func() map[string][]string { return parseKeyUse(keyUseText) })

func parseKeyUse(s string) map[string][]string {
	out := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if key, docs, ok := strings.Cut(line, "\t"); ok {
			out[key] = strings.Split(docs, ",")
		}
	}
	return out
}
