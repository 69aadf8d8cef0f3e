// Package assemble turns a profile and a fragment set into documents: it
// keeps the fragments whose condition holds, renders them, orders them into
// documents and lints the Markdown with goldmark (heading levels, empty
// sections, raw HTML, links to documents or anchors that do not exist).
package assemble

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/anzen-dev/anzen/generator/chart"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// Data is what a fragment's template sees as dot: the profile (its fields
// and methods promoted), the date the documents are current as of, and the
// document being assembled.
type Data struct {
	*profile.Profile
	// AsOf is the reference date for anything date-relative (from
	// SOURCE_DATE_EPOCH, else the profile's last review date), so output
	// never depends on the clock.
	AsOf time.Time
	// Doc is the document the fragment belongs to.
	Doc *fragment.DocumentInfo
	// Lang is the language of the documents: "ja" or "en".
	Lang string
	// RoleMatrix is staff × security roles.
	RoleMatrix chart.RoleMatrix
	// Verdicts are the judgements about the clinic (backup posture,
	// authentication, scope, deadlines, separation of duties): fragments
	// print them and do not judge again.
	Verdicts *verdict.Clinic
	// Checklist is the clinic's checklist sheet answered from the profile;
	// VendorSheets the 事業者確認用 sheets, one per vendor and system.
	Checklist    []checklist.Row
	VendorSheets []checklist.VendorSheet
	// ChecklistYear is which year's checklist the sheet is.
	ChecklistYear checklist.Year
}

// Document is one assembled document.
type Document struct {
	fragment.DocumentInfo
	Sections []Section
	// Markdown is the whole document body, headings with explicit ids.
	Markdown string
	Headings []Heading
}

// Section is one rendered fragment.
type Section struct {
	ID     string
	Title  string
	File   string
	Origin string
	Refs   []string
	// Markdown is the section with its heading.
	Markdown string
	// Text is the section's body as plain text, for search.
	Text string
	// Fallback tells that the section is shown in Japanese because it has
	// no fragment in the documents' language.
	Fallback bool
}

// Heading is a heading of a document, for tables of contents.
type Heading struct {
	Level   int
	ID      string
	Text    string
	Section string
}

// Trace is one section implementing a guidance section or checklist item.
type Trace struct {
	Document string
	Section  string
	Title    string
}

// Result is every document of one clinic, with traceability.
type Result struct {
	// Lang is the language the documents were assembled in.
	Lang      string
	Documents []Document
	// Trace maps a ref ("guidance:3.1.1") to the sections implementing it.
	Trace map[string][]Trace
	// Skipped lists the fragment ids whose when condition was false.
	Skipped []string
}

// Facts are what a clinic's documents show that is judged from its
// profile rather than written in a fragment: the verdicts, the role
// matrix and the answered checklist, in the documents' language. The
// caller makes them once per clinic and language and gives them to
// Assemble, which renders them and does not judge again.
type Facts struct {
	// Verdicts are the judgements about the clinic.
	Verdicts *verdict.Clinic
	// RoleMatrix is staff × security roles.
	RoleMatrix chart.RoleMatrix
	// Checklist is the clinic's checklist sheet answered from the
	// profile; VendorSheets the 事業者確認用 sheets, one per vendor and
	// system.
	Checklist    []checklist.Row
	VendorSheets []checklist.VendorSheet
	// ChecklistYear is which year's checklist the sheet is.
	ChecklistYear checklist.Year
}

// Option configures Assemble.
type Option func(*options)

type options struct {
	asOf  time.Time
	lang  string
	cache *Cache
}

// WithCache reuses what c kept from the last assembly: a fragment whose
// inputs (fragment.Inputs) hold the same values as last time is not run
// again, and one whose text renders the same is not parsed again.
func WithCache(c *Cache) Option { return func(o *options) { o.cache = c } }

// Cache keeps, for a preview that assembles a clinic again after a
// one-line profile edit, the last outcome of each fragment with the data
// it ran on, and the last checked section of each. A fragment runs again
// only when a value it can read changed; checking a section (parsing its
// Markdown, collecting headings and links) depends only on the fragment
// and its rendered text, so only sections whose text changed are parsed.
// It holds one entry per fragment file and language and is safe for
// concurrent use.
type Cache struct {
	mu sync.Mutex
	// m is keyed by fragment file, so that a builder made again (an
	// overlay changed) replaces the entries of the one before.
	m map[string]checked
	// last is keyed by language: the data of the last assembly and each
	// fragment's outcome in it.
	last map[string]*assembled
	// ran counts the fragments run (not reused), for tests.
	ran int
}

type checked struct {
	f     *fragment.Fragment
	body  string
	sec   Section
	heads []Heading
	links []link
	err   error
}

// assembled is one assembly's data (without its document) and the
// outcome of each fragment, by file.
type assembled struct {
	data Data
	outs map[string]memo
}

type memo struct {
	f   *fragment.Fragment
	out rendered
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]checked{}, last: map[string]*assembled{}} }

// Ran is the number of fragments run, not reused, since the cache was
// made.
func (c *Cache) Ran() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ran
}

// reuse returns, for each fragment, its last outcome when its inputs are
// the same in data as last time (nil entries run). Fragments of another
// set never match: an entry is for the same *Fragment only, whose
// document (the one part of the data left out here) comes from its set.
func (c *Cache) reuse(frags []*fragment.Fragment, set *fragment.Set, data Data) []*rendered {
	out := make([]*rendered, len(frags))
	if c == nil {
		return out
	}
	c.mu.Lock()
	last := c.last[data.Lang]
	c.mu.Unlock()
	if last == nil || last.data.Profile == data.Profile {
		// The same profile again may have been changed in place: what
		// it held last time is not known.
		return out
	}
	cmp := fragment.NewCompare(last.data, data)
	for i, f := range frags {
		if m, ok := last.outs[f.File]; ok && m.f == f && cmp.Same(set.Inputs(f)) {
			out[i] = &m.out
		}
	}
	return out
}

// keep records an assembly's data and outcomes for the next.
func (c *Cache) keep(frags []*fragment.Fragment, data Data, outs []rendered, ran int) {
	if c == nil {
		return
	}
	a := &assembled{data: data, outs: make(map[string]memo, len(frags))}
	for i, f := range frags {
		a.outs[f.File] = memo{f, outs[i]}
	}
	c.mu.Lock()
	c.last[data.Lang] = a
	c.ran += ran
	c.mu.Unlock()
}

// lint is the package's lint, through the cache when there is one.
func (c *Cache) lint(f *fragment.Fragment, body string) (Section, []Heading, []link, error) {
	if c == nil {
		return lint(f, body)
	}
	c.mu.Lock()
	e, ok := c.m[f.File]
	c.mu.Unlock()
	if ok && e.f == f && e.body == body {
		return e.sec, e.heads, e.links, e.err
	}
	sec, heads, links, err := lint(f, body)
	c.mu.Lock()
	c.m[f.File] = checked{f, body, sec, heads, links, err}
	c.mu.Unlock()
	return sec, heads, links, err
}

// WithAsOf sets the reference date fragments see as .AsOf.
func WithAsOf(t time.Time) Option { return func(o *options) { o.asOf = t } }

// WithLang picks the language of fragments to use ("ja", the default, or
// "en").
func WithLang(lang string) Option { return func(o *options) { o.lang = lang } }

// Assemble renders the documents of one clinic from its profile and the
// facts judged from it (in the documents' language: see WithLang). Every
// problem found in any fragment is returned together.
func Assemble(p *profile.Profile, set *fragment.Set, facts *Facts, opts ...Option) (*Result, error) {
	o := optionsOf(p, opts)
	frags := pick(set.Fragments, o.lang)
	base := baseData(p, facts, o)
	// Fragments render independently; do them in parallel, then put the
	// results together in order.
	outs := make([]rendered, len(frags))
	reused := o.cache.reuse(frags, set, base)
	ran := 0
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range frags {
		if reused[i] != nil {
			outs[i] = *reused[i]
			continue
		}
		ran++
		g.Go(func() error {
			data := base
			data.Doc = set.Document(f.Document)
			outs[i] = render(set, f, data, o.cache)
			return nil
		})
	}
	g.Wait()
	o.cache.keep(frags, base, outs, ran)

	res := &Result{Lang: o.lang, Trace: map[string][]Trace{}}
	var errs []error
	anchors := map[string]map[string]bool{} // document → heading ids
	var links []link
	for _, info := range set.Documents {
		doc := Document{DocumentInfo: info}
		for i, f := range frags {
			out := outs[i]
			switch {
			case f.Document != info.ID:
				continue
			case out.err != nil:
				errs = append(errs, out.err)
				continue
			case out.skipped:
				res.Skipped = append(res.Skipped, f.ID)
				continue
			}
			out.sec.Origin = f.Origin
			doc.Sections = append(doc.Sections, out.sec)
			doc.Headings = append(doc.Headings, out.heads...)
			links = append(links, out.links...)
		}
		if len(doc.Sections) == 0 {
			continue
		}
		ids := map[string]bool{}
		parts := make([]string, len(doc.Sections))
		for j, s := range doc.Sections {
			parts[j] = s.Markdown
			for _, r := range s.Refs {
				res.Trace[r] = append(res.Trace[r], Trace{Document: info.ID, Section: s.ID, Title: s.Title})
			}
		}
		for _, h := range doc.Headings {
			ids[h.ID] = true
		}
		anchors[info.ID] = ids
		doc.Markdown = strings.Join(parts, "\n")
		res.Documents = append(res.Documents, doc)
	}
	for _, l := range links {
		if err := l.check(anchors); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("assemble %s: %w", p.Clinic.ID, errors.Join(errs...))
	}
	// Every cross-reference is known to resolve: write it as the
	// relative link the site needs (documents are pages side by side).
	for i := range res.Documents {
		d := &res.Documents[i]
		parts := make([]string, len(d.Sections))
		for j := range d.Sections {
			d.Sections[j].Markdown = resolveLinks(d.Sections[j].Markdown)
			parts[j] = d.Sections[j].Markdown
		}
		d.Markdown = strings.Join(parts, "\n")
	}
	return res, nil
}

func optionsOf(p *profile.Profile, opts []Option) options {
	o := options{lang: "ja", asOf: p.Policy.LastReview}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// DataOf is what every fragment of the clinic sees but its document, as
// Assemble and Texts make it with the same options: for tests that render
// or compare fragments' data themselves.
func DataOf(p *profile.Profile, facts *Facts, opts ...Option) Data {
	return baseData(p, facts, optionsOf(p, opts))
}

// baseData is what every fragment of the clinic sees, but its document.
func baseData(p *profile.Profile, facts *Facts, o options) Data {
	return Data{Profile: p, AsOf: o.asOf, Lang: o.lang, RoleMatrix: facts.RoleMatrix, Verdicts: facts.Verdicts,
		Checklist: facts.Checklist, VendorSheets: facts.VendorSheets, ChecklistYear: facts.ChecklistYear}
}

// Texts renders the documents of one clinic as Assemble does, without
// checking their Markdown: each document's text is its fragments' output
// in order, by document id. It is several times cheaper than Assemble,
// for telling which documents a change of the profile reaches.
func Texts(p *profile.Profile, set *fragment.Set, facts *Facts, opts ...Option) (map[string]string, error) {
	o := optionsOf(p, opts)
	base := baseData(p, facts, o)
	out := map[string]string{}
	for _, f := range pick(set.Fragments, o.lang) {
		data := base
		data.Doc = set.Document(f.Document)
		ok, err := set.Applies(f, data)
		if err == nil && ok {
			var body fragment.Markdown
			body, err = set.Render(f, data)
			out[f.Document] += string(body) + "\n"
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.File, err)
		}
	}
	return out, nil
}

// resolveLinks rewrites the destinations of cross-references,
// ](anzen:doc#section) and ](anzen:doc), to the pages they point to,
// doc.html#section and doc.html#doc-doc. A ] escaped with a backslash is
// text (profile values are escaped so), not the end of a link text.
func resolveLinks(md string) string {
	const scheme = "](anzen:"
	var b strings.Builder
	for {
		i := strings.Index(md, scheme)
		if i < 0 {
			b.WriteString(md)
			return b.String()
		}
		slashes := 0
		for j := i - 1; j >= 0 && md[j] == '\\'; j-- {
			slashes++
		}
		rest := md[i+len(scheme):]
		end := strings.IndexAny(rest, ") ")
		if slashes%2 == 1 || end < 0 {
			b.WriteString(md[:i+len(scheme)])
			md = rest
			continue
		}
		doc, frag, ok := strings.Cut(rest[:end], "#")
		if !ok {
			frag = "doc-" + doc
		}
		b.WriteString(md[:i])
		b.WriteString("](" + doc + ".html#" + frag)
		md = rest[end:]
	}
}

// pick chooses the fragments of a language: for each id, the one written
// in it, else the Japanese one (shown untranslated, see Section.Fallback),
// in the set's order.
func pick(all []*fragment.Fragment, lang string) []*fragment.Fragment {
	in := map[string]bool{}
	for _, f := range all {
		if f.Lang == lang {
			in[f.ID] = true
		}
	}
	var out []*fragment.Fragment
	for _, f := range all {
		if f.Lang == lang || (f.Lang == "ja" && !in[f.ID]) {
			out = append(out, f)
		}
	}
	return out
}

// rendered is one fragment's outcome.
type rendered struct {
	skipped bool
	sec     Section
	heads   []Heading
	links   []link
	err     error
}

func render(set *fragment.Set, f *fragment.Fragment, data Data, cache *Cache) rendered {
	ok, err := set.Applies(f, data)
	if err != nil {
		return rendered{err: err}
	}
	if !ok {
		return rendered{skipped: true}
	}
	body, err := set.Render(f, data)
	if err != nil {
		return rendered{err: err}
	}
	if f.Lang != data.Lang {
		// Not yet written in this language: say so above the text.
		body = untranslated[data.Lang] + body
	}
	if data.Lang == "en" {
		// A profile text ending in a full stop ("Co., Ltd.", a sentence)
		// before the fragment's own full stop: one stop, as in English.
		body = fragment.Markdown(doubleStop.ReplaceAllString(string(body), `\.$1`))
	}
	sec, heads, links, err := cache.lint(f, string(body))
	sec.Fallback = f.Lang != data.Lang
	if err == nil {
		// The section's basis, under its heading: links to the
		// traceability page, where each ref's row has the id ref-<kind>-<id>.
		if line := refsLine(set, f.Refs, data.Lang); line != "" {
			head, rest, _ := strings.Cut(sec.Markdown, "\n")
			sec.Markdown = head + "\n\n" + line + rest
		}
	}
	return rendered{sec: sec, heads: heads, links: links, err: err}
}

// doubleStop is an escaped full stop from a profile text followed by the
// fragment's own (Ltd\.. → Ltd\.), not part of an ellipsis.
var doubleStop = regexp.MustCompile(`\\\.\.([^.]|$)`)

// refsLine is a section's basis as a paragraph with the class refs: a link
// per guidance section and checklist item it implements, titled with the
// entry's text, in the words of the messages terms.refs.*. Empty without
// refs.
func refsLine(set *fragment.Set, refs []string, lang string) string {
	if len(refs) == 0 {
		return ""
	}
	r := &set.Refs
	t := func(k string) string { return set.Messages.Text(lang, "terms.refs."+k) }
	w := [3]string{t("basis"), t("guidance"), t("checklist")}
	var b strings.Builder
	b.WriteString(w[0])
	for _, ref := range refs {
		kind, id, _ := strings.Cut(ref, ":")
		word, title, name := w[1], "", id
		if kind == "checklist" {
			word = w[2]
			if c := r.ChecklistByID(id); c != nil {
				title = c.Text
				if lang == "en" && c.TextEn != "" {
					title = c.TextEn
				}
			}
		} else if g := r.GuidanceByID(id); g != nil {
			name = g.Name(lang)
			title = g.Title
			if lang == "en" && g.TitleEn != "" {
				title = g.TitleEn
			}
		}
		title = strings.NewReplacer(`"`, "", `\`, "", "\n", " ").Replace(title)
		// The anchor has hyphens for the dots of "3.1.1": ids with dots
		// are not valid CSS selectors.
		fmt.Fprintf(&b, ` [%s](traceability.html#ref-%s-%s "%s")`, fragment.EscapeString(word+" "+name), kind, strings.ReplaceAll(id, ".", "-"), title)
	}
	b.WriteString("\n{.refs}\n")
	return b.String()
}

// untranslated opens a section shown in Japanese in another language's
// documents.
var untranslated = map[string]fragment.Markdown{
	"en": "*This section has not been translated yet; it is shown in Japanese.*\n\n",
}

// link is a cross-reference found in a section, checked once every document
// is known.
type link struct {
	file, dest string
	doc, frag  string
}

func (l link) check(anchors map[string]map[string]bool) error {
	ids, ok := anchors[l.doc]
	switch {
	case !ok:
		return fmt.Errorf("%s: link %q: no document %q in this clinic's set", l.file, l.dest, l.doc)
	case l.frag != "" && !ids[l.frag]:
		return fmt.Errorf("%s: link %q: document %q has no section %q", l.file, l.dest, l.doc, l.frag)
	}
	return nil
}
