// Package chart draws what the documents show as pictures and matrices:
// the contact chain (連絡体制図) for each kind of incident, as SVG made here
// in Go, and the matrix of staff and security roles. Every profile value
// is escaped for XML where it lands.
package chart

import (
	"fmt"
	"html"
	"strings"

	"golang.org/x/text/width"

	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
	"github.com/anzen-dev/anzen/generator/verdict"
)

// Box is one party in a contact chain: lines of text, the phone number
// set in bold.
type Box struct {
	Role  string
	Name  string
	Phone string
	Note  string
	// Kind colours the box: staff, vendor or outside.
	Kind string
}

// Step is a row of the chain: everyone in it is called at that step.
type Step struct {
	Label string
	Boxes []Box
}

// Chain is who calls whom, in order, for one kind of incident.
type Chain struct {
	ID    string
	Title string
	// Label introduces the title for assistive technology (連絡体制図：).
	Label string
	Steps []Step
}

// Chains returns the contact chains of a clinic in a language ("ja" or
// "en"): a suspected cyberattack, a system outage and a data leak. Their
// fixed texts are the messages chart.chain.* of m.
func Chains(p *profile.Profile, lang string, m *fragment.Messages) []Chain {
	w := func(key string) string { return m.Text(lang, "chart.chain."+key) }
	kind := func(k string) string {
		if lang == "en" {
			return profile.ContactKind(k).En()
		}
		return profile.ContactKind(k).Ja()
	}
	ic, icd := p.HolderOf("incident_contact"), p.DeputyOf("incident_contact")
	so, sod := p.HolderOf("security_officer"), p.DeputyOf("security_officer")
	pv := p.HolderOf("privacy_officer")
	staff := func(role string, s, deputy profile.Staff) Box {
		b := Box{Role: role, Name: or(s.Name, w("unassigned")), Phone: s.EmergencyPhone, Kind: "staff"}
		if deputy.Name != "" {
			b.Note = w("absent") + deputy.Name + " " + deputy.EmergencyPhone
		}
		return b
	}
	first := Step{w("found"), []Box{{Role: w("noticed"), Name: w("disconnect"), Kind: "staff"}}}
	contact := Step{w("call"), []Box{staff(w("contact"), ic, icd)}}
	officer := Step{w("decide"), []Box{staff(w("officer"), so, sod)}}
	if so.ID != "" && so.ID == ic.ID {
		contact.Boxes[0].Role = w("both")
		officer = Step{}
	}
	var vendors []Box
	for _, v := range p.Vendors {
		b := Box{Role: w("vendor"), Name: v.Name, Kind: "vendor"}
		switch c := verdict.CallOf(v); {
		case c == nil:
		case c.Emergency:
			b.Phone, b.Note = c.Number, w("emergency")
		case c.Email:
			b.Note = c.Hours // no phone to print
		default:
			b.Phone, b.Note = c.Number, c.Hours
		}
		vendors = append(vendors, b)
	}
	outside := func(kinds ...string) []Box {
		var out []Box
		for _, k := range kinds {
			cs := p.ContactsOf(k)
			if len(cs) == 0 {
				out = append(out, Box{Role: kind(k), Name: w("unregistered"), Kind: "outside"})
				continue
			}
			c := cs[0]
			b := Box{Role: kind(k), Name: c.Name, Phone: c.Phone, Kind: "outside"}
			if c.Phone == "" {
				b.Note = w("web") // reported through a web form: no number to call
			}
			out = append(out, b)
		}
		return out
	}
	steps := func(s ...Step) []Step {
		var out []Step
		for _, st := range s {
			if len(st.Boxes) > 0 {
				out = append(out, st)
			}
		}
		return out
	}
	privacy := Step{w("decide"), []Box{staff(w("privacy"), pv, p.DeputyOf("privacy_officer"))}}
	if pv.ID == "" || pv.ID == ic.ID {
		privacy = officer
	}
	return []Chain{
		{"contact-attack", w("attack"), w("chart"), steps(first, contact, officer,
			Step{w("vendors_early"), vendors},
			Step{w("consult"), outside("mhlw", "police", "ppc", "health_center", "insurer")})},
		{"contact-outage", w("outage"), w("chart"), steps(
			Step{w("found"), []Box{{Role: w("noticed"), Name: w("record"), Kind: "staff"}}}, contact,
			Step{w("vendors"), vendors}, officer,
			Step{w("needed"), outside("health_center")})},
		{"contact-leak", w("leak"), w("chart"), steps(
			Step{w("found"), []Box{{Role: w("noticed"), Name: w("contain"), Kind: "staff"}}}, contact, privacy,
			Step{w("notify"), outside("ppc", "police", "mhlw", "insurer")})},
	}
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Layout constants, in SVG user units (≈ CSS px).
const (
	svgWidth = 720
	margin   = 12
	gap      = 14
	pad      = 8
	fontSize = 13
	lineH    = 18
	perRow   = 3
	arrowH   = 30
	labelH   = 18
)

// SVG draws the chain top to bottom: each step a row of boxes (three to a
// line), an arrow between steps. The picture scales to its container, and
// text is wrapped to fit its box, so Japanese never overflows.
func (c Chain) SVG() []byte {
	var body strings.Builder
	y := margin
	for i, st := range c.Steps {
		if i > 0 {
			x := svgWidth / 2
			fmt.Fprintf(&body, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444" stroke-width="2" marker-end="url(#%s-arrow)"/>`+"\n", x, y+2, x, y+arrowH-4, c.ID)
			y += arrowH
		}
		fmt.Fprintf(&body, `<text x="%d" y="%d" font-size="12" fill="#555">%d. %s</text>`+"\n", margin, y+12, i+1, esc(st.Label))
		y += labelH
		for start := 0; start < len(st.Boxes); start += perRow {
			row := st.Boxes[start:min(start+perRow, len(st.Boxes))]
			n := len(row)
			bw := (svgWidth - 2*margin - (n-1)*gap) / n
			x0 := margin
			if n < perRow {
				// Centre short rows at the width a full row's boxes have.
				bw = min(bw, (svgWidth-2*margin-(perRow-1)*gap)/perRow*2)
				x0 = (svgWidth - n*bw - (n-1)*gap) / 2
			}
			var blocks [][]line
			rowH := 0
			for _, b := range row {
				ls := boxLines(b, bw-2*pad)
				blocks = append(blocks, ls)
				rowH = max(rowH, len(ls)*lineH+2*pad)
			}
			for j, b := range row {
				x := x0 + j*(bw+gap)
				stroke, fill := colours(b.Kind)
				fmt.Fprintf(&body, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="%s" stroke-width="1.5"/>`+"\n", x, y, bw, rowH, fill, stroke)
				for k, l := range blocks[j] {
					weight := ""
					if l.bold {
						weight = ` font-weight="700"`
					}
					fmt.Fprintf(&body, `<text x="%d" y="%d" font-size="%d"%s fill="#1a1a1a">%s</text>`+"\n", x+pad, y+pad+k*lineH+fontSize, l.size, weight, esc(l.text))
				}
			}
			y += rowH + gap/2
		}
	}
	height := y + margin
	var out strings.Builder
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title" font-family="'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif">`+"\n", svgWidth, height, c.ID)
	fmt.Fprintf(&out, `<title id="%s-title">%s%s</title>`+"\n", c.ID, esc(c.Label), esc(c.Title))
	fmt.Fprintf(&out, `<defs><marker id="%s-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>`+"\n", c.ID)
	out.WriteString(body.String())
	out.WriteString("</svg>\n")
	return []byte(out.String())
}

func colours(kind string) (stroke, fill string) {
	switch kind {
	case "vendor":
		return "#2e7d32", "#f1f8f1"
	case "outside":
		return "#5f6368", "#f5f5f5"
	}
	return "#0b5394", "#eef4fb"
}

// line is one line of text in a box.
type line struct {
	text string
	bold bool
	size int
}

func boxLines(b Box, w int) []line {
	var out []line
	add := func(s string, bold bool, size int) {
		for _, l := range wrap(s, w, size) {
			out = append(out, line{l, bold, size})
		}
	}
	add(b.Role, false, 12)
	add(b.Name, true, fontSize)
	if b.Phone != "" {
		add("☎ "+b.Phone, true, fontSize+1)
	}
	if b.Note != "" {
		add(b.Note, false, 12)
	}
	return out
}

// textWidth estimates the rendered width of s at a font size: full-width
// (CJK) characters are one em, others a little over half.
func textWidth(s string, size int) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 1
		default:
			w += 0.62
		}
	}
	return w * float64(size)
}

// noLineStart are characters Japanese typesetting keeps off the start of a
// line (行頭禁則).
const noLineStart = "、。，．）」』】〕！？・ー"

// wrap breaks s into lines no wider than w, between any two characters
// (Japanese has no spaces), keeping closing punctuation off line starts.
func wrap(s string, w, size int) []string {
	var lines []string
	var cur []rune
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if len(cur) > 0 && textWidth(string(cur)+string(r), size) > float64(w) {
			if sp := lastSpace(cur); r != ' ' && sp > 0 && latinWord(cur[sp+1:]) {
				// Latin text breaks between words.
				lines = append(lines, string(cur[:sp]))
				cur = append([]rune{}, cur[sp+1:]...)
			} else if r == ' ' {
				lines = append(lines, string(cur))
				cur = nil
				continue
			} else if strings.ContainsRune(noLineStart, r) {
				// Pull the last character down with the punctuation.
				last := cur[len(cur)-1]
				lines = append(lines, string(cur[:len(cur)-1]))
				cur = []rune{last}
			} else {
				lines = append(lines, string(cur))
				cur = nil
			}
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// lastSpace is the index of the last space in s, or -1.
func lastSpace(s []rune) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return i
		}
	}
	return -1
}

// latinWord tells whether s is a run of narrow characters (part of a
// word that should not be split).
func latinWord(s []rune) bool {
	for _, r := range s {
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			return false
		}
	}
	return true
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// RoleMatrix is the staff × security roles table: who holds each role
// (◎) and who deputises (○).
type RoleMatrix struct {
	Roles []RoleColumn
	Rows  []RoleRow
}

// RoleColumn is a role heading.
type RoleColumn struct {
	Kind string
	// Label is the role's name in the matrix's language, Ja its Japanese
	// name, Short the column heading.
	Label string
	Ja    string
	Short string
	// Held tells whether anyone holds the role.
	Held bool
}

// Named is the role's name as a sentence first gives it: the Label, and
// the Japanese name after it when the two differ, "security officer
// (安全管理責任者)".
func (c RoleColumn) Named() string {
	if c.Ja == "" || c.Ja == c.Label {
		return c.Label
	}
	return c.Label + " (" + c.Ja + ")"
}

// RoleRow is one member of staff's roles, a cell per column.
type RoleRow struct {
	Staff profile.Staff
	Cells []string
}

// Roles returns the role matrix in a language: every role kind as a
// column, headed by the message chart.role.<kind>.short of m, every member
// of staff as a row.
func Roles(p *profile.Profile, lang string, m *fragment.Messages) RoleMatrix {
	var rm RoleMatrix
	for _, t := range profile.RoleKinds {
		label := t.Ja
		if lang == "en" {
			label = t.En
		}
		rm.Roles = append(rm.Roles, RoleColumn{Kind: t.Value, Label: label, Ja: t.Ja,
			Short: m.Text(lang, "chart.role."+t.Value+".short"), Held: p.Role(t.Value) != nil})
	}
	for _, s := range p.Staff {
		row := RoleRow{Staff: s}
		for _, c := range rm.Roles {
			cell := ""
			if r := p.Role(c.Kind); r != nil {
				switch s.ID {
				case r.Holder:
					cell = "◎"
				case r.Deputy:
					cell = "○"
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		rm.Rows = append(rm.Rows, row)
	}
	return rm
}

// Files returns the clinic's charts as SVG files by name
// ("contact-attack.svg", "contact-attack.en.svg"): the Japanese ones drawn
// from p, the English ones from en, the profile as the English pages show
// it (p.In("en")).
func Files(p, en *profile.Profile, m *fragment.Messages) map[string][]byte {
	out := map[string][]byte{}
	for _, c := range Chains(p, "ja", m) {
		out[c.ID+".svg"] = c.SVG()
	}
	for _, c := range Chains(en, "en", m) {
		out[c.ID+".en.svg"] = c.SVG()
	}
	return out
}
