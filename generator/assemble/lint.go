package assemble

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/anzen-dev/anzen/generator/fragment"
)

// lint wraps a rendered fragment in its section heading, parses it, gives
// every heading an explicit id, and reports what would render badly.
func lint(f *fragment.Fragment, body string) (Section, []Heading, []link, error) {
	src := "## " + fragment.EscapeString(f.Title) + " {#" + f.ID + "}\n\n" + fixBold(strings.TrimSpace(body)) + "\n"
	source := []byte(src)
	doc := fragment.Goldmark.Parser().Parse(text.NewReader(source))

	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", f.File, fmt.Sprintf(format, args...)))
	}
	var heads []Heading
	var links []link
	var inserts []insert
	level, blocks, n := 1, 0, 0
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*east.Table); ok {
			if in, ok := tableClasses(t, source); ok {
				inserts = append(inserts, in)
			}
		}
		if _, ok := c.(*ast.Heading); !ok {
			inserts = append(inserts, phoneLinks(c, source)...)
		}
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
		case *ast.Text:
			// Profile text has its * escaped (\*), so ** here is the
			// fragment's own markup that did not pair up.
			if v := node.Segment.Value(source); bytes.Contains(v, []byte("**")) {
				fail("bold markup is not closed near %q: CommonMark does not close ** between 。）」 and a letter; put the punctuation outside the bold (**…**。)", clip(string(v)))
			}
		}
		return ast.WalkContinue, nil
	})
	if err := errors.Join(errs...); err != nil {
		return Section{}, nil, nil, err
	}
	// tableClasses replaced the alignment colons of delimiter rows in
	// source, byte for byte.
	src = applyInserts(string(source), inserts)
	return Section{ID: f.ID, Title: f.Title, File: f.File, Refs: f.Refs, Markdown: src, Text: bodyText(doc, source)}, heads, links, nil
}

// clip shortens text quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// applyInserts returns src with the inserts put in, in one copy: copying
// the section once per heading made a section of a thousand systems
// quadratic.
func applyInserts(src string, inserts []insert) string {
	if len(inserts) == 0 {
		return src
	}
	sort.SliceStable(inserts, func(i, j int) bool { return inserts[i].at < inserts[j].at })
	var b strings.Builder
	n := len(src)
	for _, in := range inserts {
		n += len(in.s)
	}
	b.Grow(n)
	last := 0
	for _, in := range inserts {
		b.WriteString(src[last:in.at])
		b.WriteString(in.s)
		last = in.at
	}
	b.WriteString(src[last:])
	return b.String()
}

// insert is text to put into a section's source at a byte offset.
type insert struct {
	at int
	s  string
}

// shortCell is the longest cell text, in characters, of a column that
// should not wrap: numbers, dates, phone numbers, はい／いいえ.
const shortCell = 14

// tableClasses marks a table's short columns with a block attribute line,
// {.nw-2 .nw-4}, after its last row, so that long columns get the width
// (the theme's CSS keeps nw-N columns on one line). Centred and
// right-aligned columns (:-: and --: in the delimiter row) become classes
// too, {.ac-N} and {.ar-N}, and their colons are replaced in source by
// hyphens: goldmark would otherwise align them with style attributes,
// which the site's content security policy blocks. It reports false when
// there is no class to add or the table has no body.
func tableClasses(t *east.Table, source []byte) (insert, bool) {
	var rows []*east.TableRow
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if row, ok := r.(*east.TableRow); ok {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return insert{}, false
	}
	var classes []string
	for col, align := range t.Alignments {
		switch align {
		case east.AlignCenter:
			classes = append(classes, fmt.Sprintf(".ac-%d", col+1))
		case east.AlignRight:
			classes = append(classes, fmt.Sprintf(".ar-%d", col+1))
		}
		short := true
		for _, row := range rows {
			cell := row.FirstChild()
			for i := 0; i < col && cell != nil; i++ {
				cell = cell.NextSibling()
			}
			if cell != nil && len([]rune(plain(cell, source))) > shortCell {
				short = false
				break
			}
		}
		if short {
			classes = append(classes, fmt.Sprintf(".nw-%d", col+1))
		}
	}
	if len(classes) == 0 {
		return insert{}, false
	}
	unalign(t, source)
	end := rows[len(rows)-1].Pos()
	if nl := bytes.IndexByte(source[end:], '\n'); nl >= 0 {
		end += nl
	} else {
		end = len(source)
	}
	return insert{end, "\n{" + strings.Join(classes, " ") + "}"}, true
}

// unalign replaces the colons of a table's delimiter row, the line after
// its header, with hyphens.
func unalign(t *east.Table, source []byte) {
	head := t.FirstChild()
	if head == nil {
		return
	}
	start := head.Pos()
	nl := bytes.IndexByte(source[start:], '\n')
	if nl < 0 {
		return
	}
	start += nl + 1
	end := len(source)
	if nl := bytes.IndexByte(source[start:], '\n'); nl >= 0 {
		end = start + nl
	}
	line := source[start:end]
	if strings.Trim(string(line), " \t|:-") != "" {
		return // not a delimiter row
	}
	for i, c := range line {
		if c == ':' {
			line[i] = '-'
		}
	}
}

// phoneNumber matches a Japanese telephone number as it is written in a
// section's Markdown source (profile text has its hyphens and # escaped):
// 090-2222-3306, 0120-456-799, 03-5253-1111, and the short numbers
// #9110 and #7119.
var phoneNumber = regexp.MustCompile(`0\d{1,4}\\?[-‐－]\d{1,4}\\?[-‐－]\d{3,4}|\\?#\d{4}`)

// phoneLinks makes every telephone number in the text of a block a tel:
// link, [090-2222-3306](tel:09022223306), so that staff can call it from a
// phone; the theme keeps the links on one line. Text inside links and code
// is left alone.
func phoneLinks(block ast.Node, source []byte) []insert {
	var ins []insert
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.Image:
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok {
			return ast.WalkContinue, nil
		}
		v := t.Segment.Value(source)
		if !bytes.ContainsAny(v, "0#") {
			// Most text has no number in it: the expression need not run.
			return ast.WalkContinue, nil
		}
		for _, m := range phoneNumber.FindAllIndex(v, -1) {
			// Not part of a longer run of digits, letters or hyphens.
			if m[0] > 0 && isWordByte(v[m[0]-1]) || m[1] < len(v) && (isWordByte(v[m[1]]) || v[m[1]] == '-') {
				continue
			}
			var tel strings.Builder
			for _, r := range string(v[m[0]:m[1]]) {
				switch {
				case r >= '0' && r <= '9':
					tel.WriteRune(r)
				case r == '#':
					tel.WriteString("%23")
				}
			}
			at := t.Segment.Start
			ins = append(ins, insert{at + m[0], "["}, insert{at + m[1], "](tel:" + tel.String() + ")"})
		}
		return ast.WalkContinue, nil
	})
	return ins
}

// isWordByte reports an ASCII letter or digit.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
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
	var w spaced
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			// The source keeps Markdown's backslash escapes (profile
			// text has all its ASCII punctuation escaped): the text is
			// what the page shows, without them.
			w.write(util.UnescapePunctuations(c.Segment.Value(source)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.space = true
			}
		case *ast.String:
			w.write(c.Value)
		}
		if c.Type() == ast.TypeBlock || c.Kind() == east.KindTableCell {
			w.space = true
		}
		return ast.WalkContinue, nil
	})
	return w.b.String()
}

// spaced collects text with each run of white space made one space and
// none at either end (strings.Fields joined by spaces, in one pass).
type spaced struct {
	b     strings.Builder
	space bool // white space seen since the last character
}

func (w *spaced) write(p []byte) {
	for len(p) > 0 {
		r, size := rune(p[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(p)
		}
		if unicode.IsSpace(r) {
			w.space = true
		} else {
			if w.space && w.b.Len() > 0 {
				w.b.WriteByte(' ')
			}
			w.space = false
			w.b.Write(p[:size])
		}
		p = p[size:]
	}
}
