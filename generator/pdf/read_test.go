package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
)

// build writes a PDF the way Skia does: numbered objects, a classic
// cross-reference table, a trailer. Each object is given as its body; a
// body starting with "stream:" becomes a Flate stream of the rest.
func build(root int, objects map[int]string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := map[int]int{}
	top := 0
	for n := 1; n <= len(objects); n++ {
		body, ok := objects[n]
		if !ok {
			panic(fmt.Sprintf("object %d missing", n))
		}
		offsets[n] = b.Len()
		top = n
		if s, ok := strings.CutPrefix(body, "stream:"); ok {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write([]byte(s))
			w.Close()
			fmt.Fprintf(&b, "%d 0 obj\n<</Filter /FlateDecode\n/Length %d>> stream\n%s\nendstream\nendobj\n", n, z.Len(), z.Bytes())
			continue
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", top+1)
	for n := 1; n <= top; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF", top+1, root, xref)
	return b.Bytes()
}

// sample is a three-page PDF with a nested page tree, named destinations
// and two fonts, one mapping glyphs to radicals.
func sample(cmap1, cmap2 string) []byte {
	return build(1, map[int]string{
		1:  "<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>",
		2:  "<</Type /Pages\n/Count 3\n/Kids [4 0 R 5 0 R]>>",
		3:  "<</doc-a [6 0 R /XYZ 45 780 0]\n/a-one [6 0 R /XYZ 45 500 0]\n/doc-b [7 0 R /XYZ 45 780 0]\n/x#2Dy [8 0 R /XYZ 45 100 0]>>",
		4:  "<</Type /Pages\n/Count 2\n/Kids [6 0 R 7 0 R]>>",
		5:  "<</Type /Pages\n/Count 1\n/Kids [8 0 R]>>",
		6:  "<</Type /Page\n/Parent 4 0 R\n/Resources <</Font <</F9 9 0 R>>>>>>",
		7:  "<</Type /Page\n/Parent 4 0 R>>",
		8:  "<</Type /Page\n/Parent 5 0 R\n/Resources <</Font <</F10 10 0 R>>>>>>",
		9:  "<</Type /Font\n/Subtype /Type0\n/ToUnicode 11 0 R>>",
		10: "<</Type /Font\n/Subtype /Type3\n/ToUnicode 12 0 R>>",
		11: "stream:" + cmap1,
		12: "stream:" + cmap2,
	})
}

const cmapHead = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"

func TestDestinationPages(t *testing.T) {
	got, err := DestinationPages(sample(cmapHead, cmapHead))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"doc-a": 1, "a-one": 1, "doc-b": 2, "x-y": 3}
	if !maps.Equal(got, want) {
		t.Errorf("DestinationPages = %v, want %v", got, want)
	}
	if _, err := DestinationPages([]byte("%PDF-1.4\nnot really")); !errors.Is(err, errFormat) {
		t.Errorf("a broken PDF gives %v", err)
	}
}

func TestCheckText(t *testing.T) {
	// 文 (U+6587) as itself in a bfchar, 日 (U+65E5) as the radical ⽇
	// (U+2F47), and a range 一 丁 丂 (U+4E00…), in two fonts.
	good := cmapHead + "2 beginbfchar\n<0003> <6587>\n<0004> <65E5>\nendbfchar\n1 beginbfrange\n<0010> <0012> <4E00>\nendbfrange\nendcmap\n"
	bad := cmapHead + "1 beginbfchar\n<0004> <2F47>\nendbfchar\n1 beginbfrange\n<0020> <0021> [<30FB> <2027>]\nendbfrange\nendcmap\n"
	tests := []struct {
		name, cmap2, source string
		bad                 bool
	}{
		{"exact", good, "文日", false},
		{"radical for a kanji", bad, "日・", true},
		{"radical in the source", bad, "日⽇・\u2027", false},
		{"radical in the source, not the dot", bad, "日⽇・", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText(sample(good, tt.cmap2), tt.source)
			if tt.bad != (err != nil) {
				t.Errorf("CheckText = %v, want error %v", err, tt.bad)
			}
			if err != nil && !errors.Is(err, ErrTextLayer) {
				t.Errorf("error %v is not ErrTextLayer", err)
			}
		})
	}
	got, err := ToUnicode(sample(good, bad))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "文日一丁丂⽇・\u2027" {
		if !got[r] {
			t.Errorf("ToUnicode has no %q", r)
		}
	}
	if len(got) != 8 {
		t.Errorf("ToUnicode = %d characters, want 8", len(got))
	}
}

func TestNumberPages(t *testing.T) {
	pages := map[string]int{"doc-a": 3, "a&b": 12}
	tests := []struct{ in, want string }{
		{`<a href="#doc-a"><span class="t">A</span><span class="pn" data-dest="doc-a"></span></a>`,
			`<a href="#doc-a"><span class="t">A</span><span class="pn" data-dest="doc-a">3</span></a>`},
		{`<span class="pn" data-dest="a&amp;b"></span>`, `<span class="pn" data-dest="a&amp;b">12</span>`},
		// Numbered again: the new numbers replace the old.
		{`<span class="pn" data-dest="doc-a">9</span>`, `<span class="pn" data-dest="doc-a">3</span>`},
		// A target the PDF does not have gets no number.
		{`<span class="pn" data-dest="gone">4</span>`, `<span class="pn" data-dest="gone"></span>`},
		{`<span class="pn">7</span>`, `<span class="pn">7</span>`},
	}
	for _, tt := range tests {
		if got := string(NumberPages([]byte(tt.in), pages)); got != tt.want {
			t.Errorf("NumberPages(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// PageNumbers reads them back.
	numbered := NumberPages([]byte(tests[0].in+tests[1].in+`<span class="pn" data-dest="gone"></span>`), pages)
	if got := PageNumbers(numbered); !maps.Equal(got, pages) {
		t.Errorf("PageNumbers = %v, want %v", got, pages)
	}
}
