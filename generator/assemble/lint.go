package assemble

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/anzen-dev/anzen/generator/fragment"
)

// lint wraps a rendered fragment in its section heading, parses it, gives
// every heading an explicit id, and reports what would render badly.
func lint(f *fragment.Fragment, body string) (Section, []Heading, []link, error) {
	src := "## " + fragment.EscapeString(f.Title) + " {#" + f.ID + "}\n\n" + strings.TrimSpace(body) + "\n"
	source := []byte(src)
	doc := fragment.Goldmark.Parser().Parse(text.NewReader(source))

	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", f.File, fmt.Sprintf(format, args...)))
	}
	var heads []Heading
	var links []link
	type insert struct {
		at int
		s  string
	}
	var inserts []insert
	level, blocks, n := 1, 0, 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			blocks++
			continue
		}
		if len(heads) > 0 && blocks == 0 {
			fail("heading %q has no content before the next heading", heads[len(heads)-1].Text)
		}
		blocks = 0
		if h.Level > level+1 {
			fail("heading %q skips from level %d to %d", plain(h, source), level, h.Level)
		}
		if len(heads) > 0 && h.Level <= 2 {
			fail("heading %q is level %d: sections start at level 2, so headings in a fragment start at ###", plain(h, source), h.Level)
		}
		level = h.Level
		var id string
		if v, ok := h.AttributeString("id"); ok {
			id = string(v.([]byte))
		} else {
			n++
			id = fmt.Sprintf("%s-%d", f.ID, n)
			lines := h.Lines()
			inserts = append(inserts, insert{lines.At(lines.Len() - 1).Stop, " {#" + id + "}"})
		}
		heads = append(heads, Heading{Level: h.Level, ID: id, Text: plain(h, source), Section: f.ID})
	}
	if blocks == 0 {
		fail("section %q is empty: write its content, or give the fragment a when condition", f.Title)
	}
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node := node.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			fail("raw HTML is not rendered (the site escapes it): use Markdown")
		case *ast.Link:
			if l, err := checkDest(f.File, string(node.Destination)); err != nil {
				errs = append(errs, err)
			} else if l != nil {
				links = append(links, *l)
			}
		case *ast.Image:
			fail("image %q: fragments cannot embed images", node.Destination)
		}
		return ast.WalkContinue, nil
	})
	if err := errors.Join(errs...); err != nil {
		return Section{}, nil, nil, err
	}
	for i := len(inserts) - 1; i >= 0; i-- {
		in := inserts[i]
		src = src[:in.at] + in.s + src[in.at:]
	}
	return Section{ID: f.ID, Title: f.Title, File: f.File, Refs: f.Refs, Markdown: src, Text: bodyText(doc, source)}, heads, links, nil
}

// checkDest accepts links to documents (anzen:doc#section) and to web,
// mail and phone addresses, and returns the cross-reference to check.
func checkDest(file, dest string) (*link, error) {
	u, err := url.Parse(dest)
	if err != nil {
		return nil, fmt.Errorf("%s: link %q: %v", file, dest, err)
	}
	switch u.Scheme {
	case "anzen":
		return &link{file: file, dest: dest, doc: u.Opaque, frag: u.Fragment}, nil
	case "http", "https", "mailto", "tel":
		return nil, nil
	}
	return nil, fmt.Errorf("%s: link %q: use anzen:<document>#<section> for documents, or an http(s), mailto or tel address", file, dest)
}

// bodyText returns the text of a parsed section after its heading.
func bodyText(doc ast.Node, source []byte) string {
	var parts []string
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level <= 2 {
			continue
		}
		parts = append(parts, plain(c, source))
	}
	return strings.Join(parts, " ")
}

// plain returns a node's text without markup, blocks and table cells
// separated by single spaces.
func plain(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		if c.Type() == ast.TypeBlock || c.Kind().String() == "TableCell" {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
