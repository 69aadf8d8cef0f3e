package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf16"
)

// document is a PDF as Chromium (Skia) writes it, read just enough to find
// its named destinations, its pages and its fonts' ToUnicode maps: a
// classic cross-reference table, objects that are not compressed into
// object streams, streams with a direct /Length.
type document struct {
	data []byte
	// offsets are the objects' byte offsets, by object number.
	offsets map[int]int
	root    int
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefEntryRE = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])`)
	rootRE      = regexp.MustCompile(`/Root\s+(\d+)\s+0\s+R`)
	refRE       = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + `\s+(\d+)\s+0\s+R`) }
	pagesRE     = refRE("Pages")
	destsRE     = refRE("Dests")
	kidsRE      = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	toUnicodeRE = refRE("ToUnicode")
	lengthRE    = regexp.MustCompile(`/Length\s+(\d+)(\s+0\s+R)?`)
	objRefRE    = regexp.MustCompile(`(\d+)\s+0\s+R`)
	destRE      = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R`)
)

// errFormat is returned for a PDF this reader does not understand.
var errFormat = errors.New("pdf: unexpected file structure")

func readDocument(data []byte) (*document, error) {
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("%w: no startxref", errFormat)
	}
	off, _ := strconv.Atoi(string(m[1]))
	if off >= len(data) || !bytes.HasPrefix(data[off:], []byte("xref")) {
		return nil, fmt.Errorf("%w: no cross-reference table at %d", errFormat, off)
	}
	d := &document{data: data, offsets: map[int]int{}}
	lines := bytes.Split(data[off:], []byte("\n"))
	first := 0
	for _, line := range lines[1:] {
		line = bytes.TrimRight(line, "\r ")
		if bytes.HasPrefix(line, []byte("trailer")) {
			break
		}
		if e := xrefEntryRE.FindSubmatch(line); e != nil {
			if string(e[3]) == "n" {
				o, _ := strconv.Atoi(string(e[1]))
				d.offsets[first] = o
			}
			first++
			continue
		}
		// A subsection header: "first count".
		f := bytes.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("%w: cross-reference line %q", errFormat, line)
		}
		first, _ = strconv.Atoi(string(f[0]))
	}
	r := rootRE.FindSubmatch(data[off:])
	if r == nil {
		return nil, fmt.Errorf("%w: no /Root", errFormat)
	}
	d.root, _ = strconv.Atoi(string(r[1]))
	return d, nil
}

// object returns an object's dictionary (everything between "obj" and
// "stream" or "endobj") and its stream's raw bytes, if it has one.
func (d *document) object(n int) (dict, stream []byte, err error) {
	off, ok := d.offsets[n]
	if !ok {
		return nil, nil, fmt.Errorf("%w: no object %d", errFormat, n)
	}
	rest := d.data[off:]
	head := fmt.Appendf(nil, "%d 0 obj", n)
	if !bytes.HasPrefix(rest, head) {
		return nil, nil, fmt.Errorf("%w: object %d is not at %d", errFormat, n, off)
	}
	rest = rest[len(head):]
	end := bytes.Index(rest, []byte("endobj"))
	st := bytes.Index(rest, []byte("stream"))
	if st < 0 || (end >= 0 && end < st) {
		if end < 0 {
			return nil, nil, fmt.Errorf("%w: object %d has no end", errFormat, n)
		}
		return rest[:end], nil, nil
	}
	dict = rest[:st]
	body := rest[st+len("stream"):]
	body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
	lm := lengthRE.FindSubmatch(dict)
	if lm == nil || lm[2] != nil {
		return nil, nil, fmt.Errorf("%w: object %d has no direct /Length", errFormat, n)
	}
	length, _ := strconv.Atoi(string(lm[1]))
	if length > len(body) {
		return nil, nil, fmt.Errorf("%w: object %d is cut short", errFormat, n)
	}
	return dict, body[:length], nil
}

// streamData returns an object's stream, inflated when it is compressed.
func (d *document) streamData(n int) ([]byte, error) {
	dict, raw, err := d.object(n)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(dict, []byte("/FlateDecode")) {
		return raw, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return io.ReadAll(zr)
}

// pages returns the page objects in order.
func (d *document) pages() ([]int, error) {
	cat, _, err := d.object(d.root)
	if err != nil {
		return nil, err
	}
	m := pagesRE.FindSubmatch(cat)
	if m == nil {
		return nil, fmt.Errorf("%w: catalog has no /Pages", errFormat)
	}
	top, _ := strconv.Atoi(string(m[1]))
	var out []int
	var walk func(n, depth int) error
	walk = func(n, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%w: page tree too deep", errFormat)
		}
		dict, _, err := d.object(n)
		if err != nil {
			return err
		}
		k := kidsRE.FindSubmatch(dict)
		if k == nil {
			out = append(out, n)
			return nil
		}
		for _, ref := range objRefRE.FindAllSubmatch(k[1], -1) {
			kid, _ := strconv.Atoi(string(ref[1]))
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(top, 0)
}

// DestinationPages returns, for each named destination of a PDF printed
// by Chromium (an element that a link of the page points to, by its id),
// the page it is on, counted from 1.
func DestinationPages(data []byte) (map[string]int, error) {
	d, err := readDocument(data)
	if err != nil {
		return nil, err
	}
	pages, err := d.pages()
	if err != nil {
		return nil, err
	}
	index := map[int]int{}
	for i, p := range pages {
		index[p] = i + 1
	}
	cat, _, err := d.object(d.root)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	m := destsRE.FindSubmatch(cat)
	if m == nil {
		return out, nil
	}
	n, _ := strconv.Atoi(string(m[1]))
	dests, _, err := d.object(n)
	if err != nil {
		return nil, err
	}
	for _, dm := range destRE.FindAllSubmatch(dests, -1) {
		page, _ := strconv.Atoi(string(dm[2]))
		if i, ok := index[page]; ok {
			out[unescapeName(dm[1])] = i
		}
	}
	return out, nil
}

// unescapeName decodes a PDF name's #xx escapes.
func unescapeName(b []byte) string {
	if !bytes.Contains(b, []byte("#")) {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// ToUnicode returns every character the fonts' ToUnicode maps of a PDF
// give for a glyph: the text a viewer's search, copy and screen reader
// see.
func ToUnicode(data []byte) (map[rune]bool, error) {
	d, err := readDocument(data)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	out := map[rune]bool{}
	for n := range d.offsets {
		dict, _, err := d.object(n)
		if err != nil {
			return nil, err
		}
		m := toUnicodeRE.FindSubmatch(dict)
		if m == nil {
			continue
		}
		tu, _ := strconv.Atoi(string(m[1]))
		if seen[tu] {
			continue
		}
		seen[tu] = true
		cmap, err := d.streamData(tu)
		if err != nil {
			return nil, err
		}
		if err := cmapRunes(cmap, out); err != nil {
			return nil, fmt.Errorf("ToUnicode %d: %w", tu, err)
		}
	}
	return out, nil
}

var (
	bfcharRE  = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	bfrangeRE = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	hexRE     = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
	rangeRE   = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])`)
)

// cmapRunes adds the destination characters of a ToUnicode CMap to out.
func cmapRunes(cmap []byte, out map[rune]bool) error {
	add := func(h []byte, offset int) error {
		b, err := hex.DecodeString(string(h))
		if err != nil {
			return err
		}
		if len(b)%2 != 0 {
			return fmt.Errorf("odd UTF-16 length in <%s>", h)
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		if offset != 0 && len(u) > 0 {
			u[len(u)-1] += uint16(offset)
		}
		for _, r := range utf16.Decode(u) {
			out[r] = true
		}
		return nil
	}
	for _, block := range bfcharRE.FindAllSubmatch(cmap, -1) {
		hexes := hexRE.FindAllSubmatch(block[1], -1)
		for i := 1; i < len(hexes); i += 2 {
			if err := add(hexes[i][1], 0); err != nil {
				return err
			}
		}
	}
	for _, block := range bfrangeRE.FindAllSubmatch(cmap, -1) {
		for _, r := range rangeRE.FindAllSubmatch(block[1], -1) {
			lo, err1 := strconv.ParseUint(string(r[1]), 16, 32)
			hi, err2 := strconv.ParseUint(string(r[2]), 16, 32)
			if err1 != nil || err2 != nil || hi < lo || hi-lo > 0xffff {
				return fmt.Errorf("bad range <%s> <%s>", r[1], r[2])
			}
			if r[3][0] == '[' {
				for _, h := range hexRE.FindAllSubmatch(r[3], -1) {
					if err := add(h[1], 0); err != nil {
						return err
					}
				}
				continue
			}
			for i := 0; i <= int(hi-lo); i++ {
				if err := add(r[3][1:len(r[3])-1], i); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// IsRadical tells whether r is a CJK radical character (Kangxi Radicals or
// CJK Radicals Supplement): the characters a PDF's text layer shows in
// place of 日 文 行 見 … when its font draws both with one glyph.
func IsRadical(r rune) bool {
	return (r >= 0x2E80 && r <= 0x2EF3) || (r >= 0x2F00 && r <= 0x2FD5)
}

// misread are the characters other than radicals that such a font's
// ToUnicode map names in place of the right one: U+2027 HYPHENATION POINT
// for ・ (U+30FB) in Noto Sans CJK.
var misread = map[rune]bool{0x2027: true}

// CheckText returns an error naming the characters of a PDF's text layer
// that are radicals (or another misreading) where its source text has
// none: text that looks right and searches wrong.
func CheckText(data []byte, source string) error {
	got, err := ToUnicode(data)
	if err != nil {
		return err
	}
	want := map[rune]bool{}
	for _, r := range source {
		want[r] = true
	}
	var bad []rune
	for r := range got {
		if (IsRadical(r) || misread[r]) && !want[r] {
			bad = append(bad, r)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.Sort(bad)
	return fmt.Errorf("%w: %d characters, e.g. %q", ErrTextLayer, len(bad), string(bad[:min(len(bad), 12)]))
}

// ErrTextLayer is returned when a PDF's text layer names radicals for
// ordinary kanji.
var ErrTextLayer = errors.New("the PDF's text would search wrong (radicals for kanji): install the font BIZ UDPGothic (`sudo apt-get install fonts-morisawa-bizud-gothic`)")
