package fragment

import (
	"fmt"
	"strings"
)

// FuncDoc documents a function fragments may call: its name, its
// arguments, what it returns and an example. The reference page of the
// docs (docs/fragment-functions.md) is made from these.
type FuncDoc struct {
	Name    string
	Args    string
	Doc     string
	Example string
}

// anzenFuncs are anzen's own functions (see Set.funcs).
var anzenFuncs = []FuncDoc{
	{"docref", "id", "A link to a document, titled in the page's language.", `{{ docref "backup" }}`},
	{"secref", "id", "A link to a section (a fragment's id), titled in the page's language.", `{{ secref "backup-list" }}`},
	{"link", "address", "A web address from the profile as a link whose text is the address; anything but a plain http(s) address stays text.", `{{ link .URL }}`},
	{"chart", "name", "Places a contact chart (連絡体制図) drawn from the profile.", `{{ chart "contact-attack" }}`},
	{"jdate", "date", "A date the Japanese way (2026年4月1日); 未記録 when the date is not written.", `{{ jdate .Policy.LastReview }}`},
	{"edate", "date", "A date the English way (1 April 2026); \"not recorded\" when not written.", `{{ edate .Policy.LastReview }}`},
	{"tri", "flag yes no", "Prints a yes/no fact of the profile: the yes or no text the fragment gives, or 未確認 (not confirmed) when the profile does not write it. A fact with three values is never read as true or false directly.", `{{ tri .Backup.Offline "あり" "なし" }}`},
	{"num", "count [unit] [plural]", "Prints a count of the profile, with an optional unit, or 未確認 (not confirmed) when not written. In English the second word, if given, is the plural, used when the count is not 1 (unit, units).", `{{ num .Backup.Generations "世代" }}`},
	{"counted", "n [unit] [plural]", "A number with the word for what it counts: 3名. In English the second word, if given, is the plural, used when the number is not 1; Japanese gives one counter. Both languages call it alike: 1 person, 3 people.", `{{ counted (len .Staff) "person" "people" }}`},
	{"blank", "", "A value missing from a register that is printed: 未登録 with room to write it in by hand.", `{{ or .Location blank }}`},
	{"capfirst", "text", "Starts an English sentence with a capital letter; a Japanese text is left as it is, so both languages call it alike.", `{{ capfirst .Clinic.Type.SelfEn }}`},
	{"checkbox", "bool", "☑ or ☐.", `{{ checkbox .IsYes }}`},
	{"firstSentence", "text", "The first sentence of a text, without its full stop.", `{{ firstSentence .Downtime }}`},
	{"addDays", "n date", "The date n days later.", `{{ jdate (addDays 90 $.AsOf) }}`},
}

// sprigAllowed are the sprig functions fragments may call: those they
// use, and nothing that reads the clock, the environment or randomness.
// A test fails when one of them is no longer used.
var sprigAllowed = []FuncDoc{
	{"add", "a b", "a + b.", `{{ add $n 1 }}`},
	{"add1", "n", "n + 1.", `{{ $n = add1 $n }}`},
	{"list", "items…", "A list.", `{{ $names := list }}`},
	{"append", "list item", "The list with the item added.", `{{ $names = append $names .Name }}`},
	{"last", "list", "The last item of a list.", `{{ last $names }}`},
	{"has", "item list", "Whether the list holds the item.", `{{ if has .ID $ids }}…{{ end }}`},
	{"uniq", "list", "The list without repeated items.", `{{ join "、" (uniq $names) }}`},
	{"join", "sep list", "The items joined with the separator.", `{{ join "、" $names }}`},
	{"dict", "key value…", "A map.", `{{ $short := dict "a" "A" }}`},
	{"get", "map key", "The map's value for the key (\"\" when absent).", `{{ get $short .Kind }}`},
	{"default", "default value", "The value, or the default when the value is empty.", `{{ default "未登録" .Hours }}`},
	{"contains", "part text", "Whether the text contains the part.", `{{ if contains "記録" .Approval }}…{{ end }}`},
	{"lower", "text", "The text in lower case.", `{{ lower .Kind.En }}`},
	{"hasPrefix", "prefix text", "Whether the text starts with the prefix.", `{{ if hasPrefix "株式会社" .Name }}…{{ end }}`},
	{"trimSuffix", "suffix text", "The text without the suffix.", `{{ trimSuffix "。" .Note }}`},
	{"toString", "value", "The value as text.", `{{ eq (toString .Kind) "media" }}`},
	{"regexReplaceAll", "regexp text replacement", "The text with every match of the regular expression replaced.", `{{ regexReplaceAll "。$" .Note "" }}`},
}

// builtins are text/template's own functions, always available.
var builtins = []FuncDoc{
	{"and, or, not", "", "Logic; and and or return one of their arguments.", `{{ or .Name "未選任" }}`},
	{"eq, ne, lt, le, gt, ge", "", "Comparisons; eq takes several values to compare with the first.", `{{ if eq .Kind "emr" "receipt" }}…{{ end }}`},
	{"len, index, slice", "", "Length, item, part of a list or text.", `{{ index $.Devices .Index }}`},
	{"print, printf", "", "Formatting.", `{{ printf "%02d" $n }}`},
}

// FunctionReference is the reference of every function a fragment may
// call, as Markdown (docs/fragment-functions.md).
func FunctionReference() string {
	var b strings.Builder
	b.WriteString("# Functions a fragment may call\n\n")
	b.WriteString("Generated from `generator/fragment/funcref.go` (`go test ./generator/fragment -run TestFunctionReference -update`).\n\n")
	b.WriteString("Fragments are Go `text/template` with these functions and no others. None reads the environment, files, the network, the clock or randomness, so the documents depend on the clinic's profile alone. Every printed value is escaped for Markdown; a function that returns Markdown (a link) escapes what it takes from the profile.\n\n")
	section := func(title string, docs []FuncDoc) {
		fmt.Fprintf(&b, "## %s\n\n| Function | Arguments | What it gives | Example |\n| --- | --- | --- | --- |\n", title)
		for _, d := range docs {
			fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` |\n", d.Name, d.Args, d.Doc, strings.ReplaceAll(d.Example, "|", `\|`))
		}
		b.WriteString("\n")
	}
	section("anzen's functions", anzenFuncs)
	section("From sprig", sprigAllowed)
	section("Built into text/template", builtins)
	return b.String()
}
