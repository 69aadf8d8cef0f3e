package portfolio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/anzen-dev/anzen/generator/calendar"
	"github.com/anzen-dev/anzen/generator/fragment"
	"github.com/anzen-dev/anzen/generator/profile"
)

// Pages are the portfolio's pages by language.
var Pages = map[string]string{"ja": "index.html", "en": "index-en.html"}

// Files renders the portfolio: the pages, portfolio.csv, calendar.ics and
// the page's assets, by slash path under OUT. themes is the themes/ tree:
// the page is themes/portfolio/index.html, styled by the site's own
// anzen/assets/css/anzen.css; m are the messages (portfolio.<lang>.toml).
func Files(pf *Portfolio, theme fs.FS, m *fragment.Messages) (map[string][]byte, error) {
	files := map[string][]byte{}
	for src, dst := range map[string]string{
		"anzen/assets/css/anzen.css": AssetsDir + "/anzen.css",
		"portfolio/portfolio.css":    AssetsDir + "/portfolio.css",
		"portfolio/portfolio.js":     AssetsDir + "/portfolio.js",
	} {
		data, err := fs.ReadFile(theme, src)
		if err != nil {
			return nil, fmt.Errorf("portfolio: theme: %w", err)
		}
		files[dst] = data
	}
	src, err := fs.ReadFile(theme, "portfolio/index.html")
	if err != nil {
		return nil, fmt.Errorf("portfolio: theme: %w", err)
	}
	for lang, name := range Pages {
		t, err := template.New("index.html").Funcs(template.FuncMap{
			"t": func(key string, pairs ...string) string { return m.Text(lang, "portfolio."+key, pairs...) },
		}).Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("portfolio: theme: portfolio/index.html: %w", err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, view(pf, lang, m)); err != nil {
			return nil, fmt.Errorf("portfolio: %s: %w", name, err)
		}
		files[name] = b.Bytes()
	}
	files["portfolio.csv"] = CSV(pf, m)
	files["calendar.ics"] = Calendar(pf, m)
	return files, nil
}

// Write writes the files under out, each through a temporary file
// renamed into place.
func Write(out string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeFile(p, data); err != nil {
			return err
		}
	}
	return nil
}

// Calendar is the deadlines of every clinic in one calendar, each event's
// summary starting with the clinic's name.
func Calendar(pf *Portfolio, m *fragment.Messages) []byte {
	var events []calendar.Event
	var stamp time.Time
	for _, r := range pf.Rows {
		if r.Report == nil {
			continue
		}
		events = append(events, calendar.Events(r.Report, r.Key+"/")...)
		if t, err := time.Parse("2006-01-02", r.Report.AsOf); err == nil && t.After(stamp) {
			stamp = t
		}
	}
	return calendar.Encode(calendar.Calendar{Name: m.Text("ja", "portfolio.calendar"), Stamp: stamp, Prefix: true, Events: events})
}

// CSV is the portfolio as a spreadsheet: UTF-8 with a byte-order mark,
// which Excel needs to read it as UTF-8, one row per clinic. A cell that
// a spreadsheet would read as a formula is quoted.
func CSV(pf *Portfolio, m *fragment.Messages) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	label := func(key string) string {
		return m.Text("ja", "portfolio.csv."+key) + " / " + m.Text("en", "portfolio.csv."+key)
	}
	head := []string{label("id"), label("name"), label("type"), label("status"), label("error"), label("as_of"),
		label("high"), label("medium"), label("low"), label("info"), label("gaps"), label("confirms"), label("overdue")}
	for i := 1; i <= NextCount; i++ {
		n := strconv.Itoa(i)
		head = append(head, label("next_date")+" "+n, label("next")+" "+n)
	}
	head = append(head, label("changed"), label("site"), label("handbook"), label("pdf"), label("calendar"), label("checklist"))
	w.Write(head)
	for _, r := range pf.Rows {
		status, errText := m.Text("ja", "portfolio.ok"), ""
		if r.Failure != nil {
			status, errText = m.Text("ja", "portfolio.failed"), r.Failure.Error
		}
		var typ, asOf string
		if r.Report != nil {
			typ, asOf = r.Report.Clinic.TypeJa, r.Report.AsOf
		}
		rec := []string{r.Key, r.Name(), typ, status, errText, asOf}
		if r.Report != nil {
			for _, n := range []int{r.Count("high"), r.Count("medium"), r.Count("low"), r.Count("info"), r.Gaps, r.Confirms, r.Overdue} {
				rec = append(rec, strconv.Itoa(n))
			}
		} else {
			rec = append(rec, "", "", "", "", "", "", "")
		}
		for i := 0; i < NextCount; i++ {
			if i < len(r.Next) {
				rec = append(rec, r.Next[i].Date, r.Next[i].Title)
			} else {
				rec = append(rec, "", "")
			}
		}
		rec = append(rec, changed(r, "ja", m, "、"), r.Site, r.Handbook, r.PDF, r.Calendar, r.Checklist)
		for i := range rec {
			rec[i] = cell(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// cell neutralises a value a spreadsheet would run as a formula (it
// starts with =, +, -, @, a tab or a carriage return) by putting an
// apostrophe before it.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// changed says which documents changed since the previous build.
func changed(r Row, lang string, m *fragment.Messages, sep string) string {
	if r.Report == nil {
		return ""
	}
	c := r.Report.Changes
	switch {
	case c == nil:
		return m.Text(lang, "portfolio.first_build")
	case len(c.Documents) == 0:
		return m.Text(lang, "portfolio.unchanged")
	}
	var s []string
	for _, d := range c.Documents {
		s = append(s, docTitle(d.Title, d.TitleEn, lang))
	}
	return strings.Join(s, sep)
}

func docTitle(ja, en, lang string) string {
	if lang == "en" && en != "" {
		return en
	}
	return ja
}

// page is what the page template shows.
type page struct {
	Lang       string
	Other      string
	Rows       []viewRow
	Clinics    int
	Failed     int
	High       int
	Assets     string
	Calendar   string
	CSV        string
	OtherLabel string
}

type viewRow struct {
	Key, Name, Type, AsOf, Error string
	Failed, Built                bool
	High, Medium, Low, Info      int
	Gaps, Confirms, Overdue      int
	Next                         []viewDeadline
	NextSort                     string
	Changed                      string
	ChangedCount                 int
	Links                        []viewLink
	Site                         string
}

type viewDeadline struct {
	// Date is ISO 8601 (the time element's datetime), Shown the date in
	// the page's language (2026年5月1日, 1 May 2026).
	Date, Shown, Title, Urgency, Link string
}

// shownDate writes an ISO date (report.json's) as the documents do, in
// the page's language; a date it cannot read as it is.
func shownDate(iso, lang string) string {
	t, err := time.Parse("2006-01-02", iso)
	switch {
	case err != nil:
		return iso
	case lang == "en":
		return fragment.EDate(t)
	}
	return fragment.JDate(t)
}

type viewLink struct{ Key, Href string }

func view(pf *Portfolio, lang string, m *fragment.Messages) page {
	p := page{Lang: lang, Assets: AssetsDir, Calendar: "calendar.ics", CSV: "portfolio.csv"}
	p.Other = Pages["en"]
	if lang == "en" {
		p.Other = Pages["ja"]
	}
	for _, r := range pf.Rows {
		v := viewRow{Key: r.Key, Name: r.Name(), Built: r.Report != nil, NextSort: "9999-12-31"}
		if lang == "en" {
			v.Name = r.NameEn()
		}
		if r.Failure != nil {
			v.Failed, v.Error = true, r.Failure.Error
			p.Failed++
		}
		p.Clinics++
		if rep := r.Report; rep != nil {
			v.Type = rep.Clinic.TypeJa
			if lang == "en" {
				v.Type = profile.ClinicType(rep.Clinic.Type).En()
			}
			v.AsOf = shownDate(rep.AsOf, lang)
			v.High, v.Medium, v.Low, v.Info = r.Count("high"), r.Count("medium"), r.Count("low"), r.Count("info")
			p.High += v.High
			v.Gaps, v.Confirms, v.Overdue = r.Gaps, r.Confirms, r.Overdue
			for _, d := range r.Next {
				vd := viewDeadline{Date: d.Date, Shown: shownDate(d.Date, lang), Title: docTitle(d.Title, d.TitleEn, lang), Urgency: d.Urgency}
				if d.Document != "" {
					vd.Link = r.Key + "/site/" + d.Document + ".html#" + d.Section
					if lang == "en" {
						vd.Link = r.Key + "/site/en/" + d.Document + ".html#" + d.Section
					}
				}
				v.Next = append(v.Next, vd)
			}
			if len(r.Next) > 0 {
				v.NextSort = r.Next[0].Date
			}
			sep := "、"
			if lang == "en" {
				sep = ", "
			}
			v.Changed = changed(r, lang, m, sep)
			if rep.Changes != nil {
				v.ChangedCount = len(rep.Changes.Documents)
			}
		}
		site, handbook := r.Site, r.Handbook
		if lang == "en" {
			site = enPath(site)
			handbook = enPath(handbook)
		}
		v.Site = site
		for _, l := range []viewLink{{"site", site}, {"handbook", handbook}, {"pdf", r.PDF}, {"calendar", r.Calendar}, {"checklist", r.Checklist}} {
			if l.Href != "" {
				v.Links = append(v.Links, l)
			}
		}
		p.Rows = append(p.Rows, v)
	}
	return p
}

// enPath is the English twin of a site page (site/x.html → site/en/x.html).
func enPath(p string) string {
	if p == "" {
		return ""
	}
	return strings.Replace(p, "/site/", "/site/en/", 1)
}
