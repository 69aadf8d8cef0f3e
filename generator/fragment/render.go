package fragment

import (
	"bytes"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"

	"github.com/Masterminds/sprig/v3"

	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/refs"
)

// escaperName is the function appended to every printing action.
const escaperName = "_escape"

// funcs returns the function map for fragment templates in a language:
// anzen's own functions and the sprig functions of sprigAllowed, nothing
// else (see FunctionReference). Every function is pure: none reads the
// environment, files, the network, the clock or randomness, so a
// fragment's output depends on the clinic's profile alone.
func (s *Set) funcs(lang string) template.FuncMap {
	m := template.FuncMap{}
	all := sprig.HermeticTxtFuncMap()
	for _, f := range sprigAllowed {
		m[f.Name] = all[f.Name]
	}
	m[escaperName] = Escape
	// term is a short word of the messages terms.<lang>.toml.
	term := func(key string) string { return s.Messages.Text(lang, "terms."+key) }
	m["docref"] = func(id string) (Markdown, error) { return s.docref(id, lang) }
	m["secref"] = func(id string) (Markdown, error) { return s.secref(id, lang) }
	m["link"] = Link
	m["chart"] = chart
	m["jdate"] = JDate
	m["edate"] = EDate
	// tri's words are the fragment's own Markdown (the lint allows only
	// quoted text), so that 「**なし**」 is bold, not escaped.
	m["tri"] = func(f profile.Flag, yes, no string) Markdown {
		switch {
		case f.IsYes():
			return Markdown(yes)
		case f.IsNo():
			return Markdown(no)
		}
		return Markdown(term("unknown"))
	}
	m["num"] = func(c profile.Count, unit ...string) string {
		if !c.Known() {
			return term("unknown")
		}
		return counted(lang, c.N(), unit...)
	}
	m["counted"] = func(n any, unit ...string) (string, error) {
		// len gives an int, add an int64.
		v := reflect.ValueOf(n)
		if !v.CanInt() {
			return "", fmt.Errorf("counted: %v is not a whole number", n)
		}
		return counted(lang, int(v.Int()), unit...), nil
	}
	m["blank"] = func() string { return term("unregistered_fill") }
	m["capfirst"] = func(s string) string {
		// Japanese has no capitals: the text as it is.
		if s == "" || lang != "en" {
			return s
		}
		r := []rune(s)
		return strings.ToUpper(string(r[0])) + string(r[1:])
	}
	m["checkbox"] = func(b bool) string {
		if b {
			return "☑"
		}
		return "☐"
	}
	m["firstSentence"] = FirstSentence
	m["addDays"] = func(n int, t time.Time) time.Time { return t.AddDate(0, 0, n) }
	return m
}

// counted writes a number with the word for what it counts: 3名 in
// Japanese, whose counters do not change with the number; in English
// "1 person", "3 people", the second word being the plural (without one,
// the first word serves for any number). Without a word, the number
// alone.
func counted(lang string, n int, unit ...string) string {
	s := strconv.Itoa(n)
	switch {
	case len(unit) == 0:
		return s
	case lang != "en":
		return s + unit[0]
	case n != 1 && len(unit) > 1:
		return s + " " + unit[1]
	}
	return s + " " + unit[0]
}

// FirstSentence returns a text's first sentence without its full stop,
// in Japanese (up to 。) or English (up to ". ").
func FirstSentence(s string) string {
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i]
	}
	return strings.TrimSuffix(s, ".")
}

// Link makes a web address from a profile a link whose text is the address
// itself. Anything but a plain http(s) address stays escaped text, so a
// profile cannot smuggle in another scheme or Markdown.
func Link(addr string) Markdown {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsAny(addr, "<>\\ \t\r\n\"'`") || strings.ContainsFunc(addr, unicode.IsControl) {
		return Escape(addr)
	}
	return Markdown("[" + EscapeString(addr) + "](<" + u.String() + ">)")
}

// chartRE is what chart names look like (contact-attack).
var chartRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// chart places a generated chart (an SVG of the clinic's, see package
// chart) in a document; the site's chart shortcode inlines it.
func chart(name string) (Markdown, error) {
	if !chartRE.MatchString(name) {
		return "", fmt.Errorf("chart: %q is not a chart name", name)
	}
	return Markdown("{{< chart \"" + name + "\" >}}"), nil
}

// JDate formats a date the Japanese way (2026年4月1日); a zero date is
// 未記録.
func JDate(t time.Time) string {
	if t.IsZero() {
		return "未記録"
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// EDate formats a date the English way (1 April 2026); a zero date is
// "not recorded".
func EDate(t time.Time) string {
	if t.IsZero() {
		return "not recorded"
	}
	return t.Format("2 January 2006")
}

// YMD formats a date as 2026-04-01; a zero date is "—".
func YMD(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02")
}

// checkItem returns a checklist item from the registry, so fragments quote
// the item texts from one place.
func (s *Set) checkItem(id string) (*refs.ChecklistItem, error) {
	if c := s.Refs.ChecklistByID(id); c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("checkItem: unknown checklist item %q", id)
}

// quoted puts a title in the language's quotation marks, so that a
// document's or a section's title read inside a sentence is not taken
// for part of it: 「[連絡の順番](…)」の順に, as set out in “[The three
// conditions](…)”.
func quoted(link, lang string) Markdown {
	if lang == "en" {
		return Markdown("“" + link + "”")
	}
	return Markdown("「" + link + "」")
}

// docref links to a document, titled in the language and quoted:
// 「[安全管理規程](anzen:regulations)」.
func (s *Set) docref(id, lang string) (Markdown, error) {
	d := s.Document(id)
	if d == nil {
		return "", fmt.Errorf("docref: unknown document %q (known: %s)", id, strings.Join(s.DocumentIDs(), ", "))
	}
	title := d.Title
	if lang == "en" && d.TitleEn != "" {
		title = d.TitleEn
	}
	return quoted("["+EscapeString(title)+"](anzen:"+d.ID+")", lang), nil
}

// secref links to a section by fragment id, titled in the language when
// the section has a fragment in it, and quoted:
// 「[アクセス管理](anzen:regulations#regulations-access)」.
func (s *Set) secref(id, lang string) (Markdown, error) {
	var found *Fragment
	for _, f := range s.Fragments {
		if f.ID == id && (found == nil || f.Lang == lang) {
			found = f
		}
	}
	if found == nil {
		return "", fmt.Errorf("secref: unknown section %q", id)
	}
	return quoted("["+EscapeString(found.Title)+"](anzen:"+found.Document+"#"+found.ID+")", lang), nil
}

// compile parses a fragment's body, making every printing action escape
// its value, and its when condition.
func (s *Set) compile(f *Fragment) (compiled, error) {
	// Cloning a template that already has the functions is much cheaper
	// than installing ~200 functions into a new one for every fragment.
	base, ok := s.base[f.Lang]
	if !ok {
		return compiled{}, fmt.Errorf("%s: language %q: fragments are .ja.md or .en.md", f.File, f.Lang)
	}
	root, err := base.Clone()
	if err != nil {
		return compiled{}, err
	}
	body, err := root.New(f.File).Parse(f.numberedBody())
	if err != nil {
		return compiled{}, err
	}
	for _, t := range body.Templates() {
		if t.Tree != nil {
			if err := lintTriState(f.File, t.Tree); err != nil {
				return compiled{}, err
			}
			escapeActions(t.Tree.Root)
		}
	}
	c := compiled{body: body}
	if strings.TrimSpace(f.When) != "" {
		// The condition lives in the body's clone: it defines no templates.
		c.when, err = root.New(f.File + " (when)").Parse("{{if " + f.When + "}}1{{end}}")
		if err != nil {
			return compiled{}, fmt.Errorf("%s: when %q: %w", f.File, f.When, err)
		}
		if err := lintTriState(f.File, c.when.Tree); err != nil {
			return compiled{}, fmt.Errorf("when %q: %w", f.When, err)
		}
	}
	c.inputs = inputsOf(c)
	return c, nil
}

// escapeActions appends the escaper to every action that prints, as
// html/template does for HTML: profile text can never become Markdown
// syntax, whatever the fragment author writes.
func escapeActions(n parse.Node) {
	inspect(n, func(n parse.Node) {
		if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Decl) == 0 {
			a.Pipe.Cmds = append(a.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand,
				Pos:      a.Pipe.Pos,
				Args:     []parse.Node{parse.NewIdentifier(escaperName).SetTree(nil).SetPos(a.Pipe.Pos)},
			})
		}
	})
}

// Applies evaluates the fragment's when condition against data.
func (s *Set) Applies(f *Fragment, data any) (bool, error) {
	c, ok := s.compiled[f]
	if !ok {
		return false, fmt.Errorf("%s: fragment is not part of this set", f.File)
	}
	if c.when == nil {
		return true, nil
	}
	var b bytes.Buffer
	if err := c.when.Execute(&b, data); err != nil {
		return false, fmt.Errorf("%s: when %q: %w", f.File, f.When, err)
	}
	return b.String() == "1", nil
}

// Render executes a fragment's body against data and returns Markdown.
func (s *Set) Render(f *Fragment, data any) (Markdown, error) {
	c, ok := s.compiled[f]
	if !ok {
		return "", fmt.Errorf("%s: fragment is not part of this set", f.File)
	}
	var b bytes.Buffer
	if err := c.body.Execute(&b, data); err != nil {
		return "", err
	}
	// Drop the blank lines numberedBody put before the body.
	out := b.String()
	pad := strings.Repeat("\n", f.bodyLine-1)
	return Markdown(strings.TrimPrefix(out, pad)), nil
}
