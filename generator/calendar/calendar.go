// Package calendar writes deadlines as an iCalendar file (RFC 5545) that
// Google Calendar, Outlook and Apple Calendar import: one all-day event
// per dated obligation, whose UID stays the same from one build to the
// next so that a second import updates the events instead of adding them
// again.
package calendar

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	ical "github.com/arran4/golang-ical"

	"github.com/anzen-dev/anzen/generator/report"
)

// Event is a clinic's deadline as an event.
type Event struct {
	// Clinic is the clinic's id, Name its name (shown in the summary of a
	// calendar that holds several clinics).
	Clinic string
	Name   string
	// Link is where the section stating the deadline is, relative to
	// the calendar file ("" for none), and Where its document's and
	// section's titles.
	Link     string
	Where    string
	Deadline report.Deadline
}

// Calendar is what one file holds.
type Calendar struct {
	// Name is the calendar's name, as the importing application shows it.
	Name string
	// Stamp is the DTSTAMP of every event: the build's as-of date, not
	// the clock, so the same profiles give the same file.
	Stamp time.Time
	// Prefix: the summary starts with the clinic's name (a calendar of
	// several clinics).
	Prefix bool
	Events []Event
}

// Events returns a report's deadlines as events, linked relative to dir
// (the clinic's folder seen from the calendar file: "" beside it).
func Events(r *report.Report, dir string) []Event {
	titles := map[string]string{}
	for _, doc := range r.Documents {
		for _, s := range doc.Sections {
			titles[doc.ID+"#"+s.ID] = doc.Title + "「" + s.Title + "」"
		}
	}
	var out []Event
	for _, d := range r.Deadlines {
		e := Event{Clinic: r.Clinic.ID, Name: r.Clinic.Name, Deadline: d}
		if d.Document != "" {
			e.Link = dir + "site/" + d.Document + ".html#" + d.Section
			e.Where = titles[d.Document+"#"+d.Section]
		}
		out = append(out, e)
	}
	return out
}

// UID is an event's unique identifier: the deadline's id and the
// clinic's, which do not change when the date does.
func UID(clinic string, d report.Deadline) string {
	return d.ID + "." + clinic + "@anzen"
}

// Encode writes the calendar.
func Encode(c Calendar) []byte {
	cal := ical.NewCalendarFor("anzen")
	cal.SetMethod(ical.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(text(c.Name))
	for _, e := range c.Events {
		d := e.Deadline
		date, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			continue // the report's dates are written by SetDeadlines
		}
		ev := cal.AddEvent(UID(e.Clinic, d))
		ev.SetDtStampTime(c.Stamp)
		ev.SetAllDayStartAt(date)
		ev.SetAllDayEndAt(date.AddDate(0, 0, 1))
		summary := d.Title
		if c.Prefix {
			summary = "【" + e.Name + "】" + summary
		}
		ev.SetSummary(text(summary))
		desc := []string{d.Action}
		if d.ActionEn != "" {
			desc = append(desc, "", d.TitleEn+": "+d.ActionEn)
		}
		if e.Link != "" {
			desc = append(desc, "", "→ "+e.Where+" ("+e.Link+")")
		}
		ev.SetDescription(text(strings.Join(desc, "\n")))
		cat := "anzen"
		if d.Confirm {
			cat = "確認事項"
		}
		ev.AddCategory(cat)
		ev.SetTimeTransparency(ical.TransparencyTransparent)
	}
	var b bytes.Buffer
	// RFC 5545 ends lines with CRLF; the library uses LF by default.
	_ = cal.SerializeTo(&b, ical.WithNewLine("\r\n")) // a bytes.Buffer does not fail
	return b.Bytes()
}

// text makes a profile value fit a TEXT property: line breaks become one
// LF (escaped as \n by the encoder) and other control characters, which
// RFC 5545 does not allow in text, are dropped.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
