// Package report summarises one clinic's build as data: the profile in
// brief, the documents and the sections they hold, which fragments were
// used and where they came from, and the traceability from guidance
// sections and checklist items to sections. It is written as report.json
// and given to the Hugo site as data.
package report

import (
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/assemble"
	"github.com/anzen-dev/anzen/generator/checklist"
	"github.com/anzen-dev/anzen/generator/findings"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// Report is the content of report.json.
type Report struct {
	Clinic Clinic `json:"clinic"`
	Policy Policy `json:"policy"`
	Counts Counts `json:"counts"`
	// Staff lists the members of staff, for the handbook's 周知確認 sheet.
	Staff []StaffMember `json:"staff"`
	// AsOf is the date the findings are judged at.
	AsOf string `json:"as_of"`
	// Findings are the gaps the rules found, most severe first.
	Findings      []findings.Finding `json:"findings"`
	FindingCounts map[string]int     `json:"finding_counts"`
	// Checklist is the MHLW checklist answered from the profile.
	Checklist []ChecklistAnswer `json:"checklist"`
	Documents []Document        `json:"documents"`
	// Refs is every guidance section and checklist item with the sections
	// that implement it (none: a gap in coverage).
	Refs    []Ref    `json:"refs"`
	Skipped []string `json:"skipped_fragments"`
	// Deadlines are the dated obligations the documents state, by date
	// (see SetDeadlines); the calendar and the portfolio read them.
	Deadlines []Deadline `json:"deadlines"`
	// Changes are the documents changed since the previous build into the
	// same folder; nil on the first build (see ChangesSince).
	Changes *Changes `json:"changes_since_last_build,omitempty"`
	// Charts fingerprints each chart (SVG) by name (see Diff).
	Charts map[string]string `json:"charts"`
	// Base is set while policy.version has no 改訂履歴 entry (see Base).
	Base *Base `json:"revision_base,omitempty"`
	// Brand is the vendor that prepared the documents (作成支援), if any.
	Brand *Brand `json:"brand,omitempty"`
}

// Brand is the vendor that prepared the documents, as the site shows it.
type Brand struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
	// Logo is the logo's path among the site's assets, empty without one.
	Logo string `json:"logo,omitempty"`
}

// LogoAsset is the asset path of a logo of the media type.
func LogoAsset(mediaType string) string {
	if mediaType == "image/jpeg" {
		return "brand/logo.jpg"
	}
	return "brand/logo.png"
}

// Clinic is the profile's clinic in brief.
type Clinic struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	NameEn  string `json:"name_en,omitempty"`
	Type    string `json:"type"`
	TypeJa  string `json:"type_ja"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Manager string `json:"manager"`
	Profile string `json:"profile"`
}

// Policy is the document set's metadata.
type Policy struct {
	Version    string     `json:"version"`
	Effective  string     `json:"effective"`
	LastReview string     `json:"last_review"`
	NextReview string     `json:"next_review"`
	Approver   string     `json:"approver"`
	History    []Revision `json:"history"`
}

// Revision is one line of the 改訂履歴.
type Revision struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	Summary string `json:"summary"`
}

// StaffMember is a member of staff as the handbook lists them.
type StaffMember struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Job   string `json:"job"`
	JobEn string `json:"job_en"`
}

// Counts are the sizes of the profile.
type Counts struct {
	Staff    int `json:"staff"`
	Systems  int `json:"systems"`
	Devices  int `json:"devices"`
	Vendors  int `json:"vendors"`
	Contacts int `json:"contacts"`
}

// Document is one document and its sections.
type Document struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	TitleEn  string    `json:"title_en,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	Sections []Section `json:"sections"`
}

// Section is one fragment as used.
type Section struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	File   string   `json:"file"`
	Origin string   `json:"origin"`
	Refs   []string `json:"refs"`
	// Digest fingerprints the section's text (see Diff).
	Digest string `json:"digest"`
}

// ChecklistAnswer is one checklist item and its answer.
type ChecklistAnswer struct {
	ID       string `json:"id"`
	Section  string `json:"section"`
	Text     string `json:"text"`
	Wording  string `json:"wording"`
	Answer   string `json:"answer"`
	Evidence string `json:"evidence,omitempty"`
	Step     string `json:"step,omitempty"`
	Checked  string `json:"checked,omitempty"`
	Target   string `json:"target,omitempty"`
}

// Ref is a guidance section or checklist item and the sections covering it.
type Ref struct {
	Ref   string `json:"ref"`
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
	// TitleEn is the English (an unofficial translation), for the
	// English site.
	TitleEn string `json:"title_en,omitempty"`
	// Label and LabelEn name an entry without a number (別添).
	Label   string  `json:"label,omitempty"`
	LabelEn string  `json:"label_en,omitempty"`
	Status  string  `json:"status,omitempty"`
	By      []Trace `json:"implemented_by"`
}

// Trace is a section implementing a ref.
type Trace struct {
	Document string `json:"document"`
	Section  string `json:"section"`
	Title    string `json:"title"`
	// TitleEn is the section's English title, for the English site.
	TitleEn string `json:"title_en,omitempty"`
}

// SetEnglish gives each traced section the title it has in the English
// documents.
func (r *Report) SetEnglish(en *assemble.Result) {
	titles := map[string]string{}
	for _, d := range en.Documents {
		for _, s := range d.Sections {
			titles[s.ID] = s.Title
		}
	}
	for i := range r.Refs {
		for j := range r.Refs[i].By {
			r.Refs[i].By[j].TitleEn = titles[r.Refs[i].By[j].Section]
		}
	}
}

// SetChecklist gives the answered checklist the documents show (the
// Japanese sheet), before SetDeadlines dates its いいえ items.
func (r *Report) SetChecklist(rows []checklist.Row) {
	r.Checklist = make([]ChecklistAnswer, 0, len(rows))
	for _, c := range rows {
		r.Checklist = append(r.Checklist, ChecklistAnswer{c.ID, c.Section, c.Text, c.Status, c.Answer, c.Evidence, c.Step, c.Checked, c.Target})
	}
}

// New builds the report of one clinic, with the findings as of a date.
func New(p *profile.Profile, set *fragment.Set, res *assemble.Result, charts map[string][]byte, asOf time.Time, fs []findings.Finding) *Report {
	r := &Report{
		Clinic: Clinic{
			ID: p.Clinic.ID, Name: p.Clinic.Name, NameEn: p.Clinic.NameEn,
			Type: string(p.Clinic.Type), TypeJa: p.Clinic.Type.Ja(),
			Address: p.Clinic.Address, Phone: p.Clinic.Phone,
			Manager: p.Manager().Name, Profile: p.File,
		},
		Policy: Policy{
			Version:    p.Policy.Version,
			Effective:  fragment.YMD(p.Policy.Effective),
			LastReview: fragment.YMD(p.Policy.LastReview),
			NextReview: fragment.YMD(p.Policy.NextReview()),
			Approver:   p.Approver().Name,
			History:    []Revision{},
		},
		Counts:        Counts{len(p.Staff), len(p.Systems), len(p.Devices), len(p.Vendors), len(p.Contacts)},
		AsOf:          fragment.YMD(asOf),
		Findings:      append([]findings.Finding{}, fs...),
		FindingCounts: findings.Count(fs),
		Documents:     []Document{},
		Refs:          []Ref{},
		Skipped:       append([]string{}, res.Skipped...),
		Deadlines:     []Deadline{},
	}
	if b := p.Brand(); b != nil {
		r.Brand = &Brand{Name: b.Name, URL: b.URL}
		if b.LogoData != nil {
			r.Brand.Logo = LogoAsset(b.LogoType)
		}
	}
	r.Charts = map[string]string{}
	for name, svg := range charts {
		r.Charts[strings.TrimSuffix(name, ".svg")] = Digest(svg)
	}
	r.Staff = []StaffMember{}
	for _, st := range p.Staff {
		r.Staff = append(r.Staff, StaffMember{st.Name, st.Title, st.Job.Ja(), st.Job.En()})
	}
	r.Checklist = []ChecklistAnswer{}
	for _, h := range p.Policy.History {
		r.Policy.History = append(r.Policy.History, Revision{h.Version, fragment.YMD(h.Date), h.Summary})
	}
	for _, d := range res.Documents {
		doc := Document{ID: d.ID, Title: d.Title, TitleEn: d.TitleEn, Summary: d.Summary, Sections: []Section{}}
		for _, s := range d.Sections {
			refs := append([]string{}, s.Refs...)
			doc.Sections = append(doc.Sections, Section{s.ID, s.Title, s.File, s.Origin, refs, Digest([]byte(s.Markdown))})
		}
		r.Documents = append(r.Documents, doc)
	}
	add := func(kind, id, title, titleEn, status string, label ...string) {
		ref := kind + ":" + id
		by := []Trace{}
		for _, t := range res.Trace[ref] {
			by = append(by, Trace{Document: t.Document, Section: t.Section, Title: t.Title})
		}
		rr := Ref{Ref: ref, Kind: kind, ID: id, Title: title, TitleEn: titleEn, Status: status, By: by}
		if len(label) == 2 {
			rr.Label, rr.LabelEn = label[0], label[1]
		}
		r.Refs = append(r.Refs, rr)
	}
	for _, g := range set.Refs.Guidance {
		add("guidance", g.ID, g.Title, g.TitleEn, "", g.Label, g.LabelEn)
	}
	for _, c := range set.Refs.Checklist {
		add("checklist", c.ID, c.Text, c.TextEn, c.Status)
	}
	return r
}
