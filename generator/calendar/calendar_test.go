package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"

	"github.com/anzen-dev/anzen/generator/report"
)

func hostile() *report.Report {
	name := "=HYPERLINK(\"x\");悪意, クリニック\\\r\nEND:VCALENDAR\x07" + strings.Repeat("長い名前", 20)
	return &report.Report{
		Clinic: report.Clinic{ID: "evil", Name: name},
		AsOf:   "2026-04-01",
		Documents: []report.Document{{ID: "vendors", Title: "委託先・事業者管理",
			Sections: []report.Section{{ID: "vendors-renewal", Title: "更新"}}}},
		Deadlines: []report.Deadline{
			{ID: "contract-notice@vendor:a", Kind: "contract-notice", Date: "2026-08-01",
				Title: name + "：契約の申し入れ期限", TitleEn: "notice", Action: "申し入れる;,\\", ActionEn: "tell them",
				Document: "vendors", Section: "vendors-renewal"},
			{ID: "review@policy", Kind: "review", Date: "2027-04-01", Title: "見直し", Action: "見直す", Confirm: true},
		},
	}
}

// TestEncodeParses checks that the calendar parses back with a library,
// with the events' dates, UIDs and texts (a hostile clinic name included:
// no line of it ends the calendar early), folded at 75 octets.
func TestEncodeParses(t *testing.T) {
	r := hostile()
	data := Encode(Calendar{Name: r.Clinic.Name, Stamp: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Prefix: true, Events: Events(r, "evil/")})
	for i, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a character: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n\x07") {
			t.Errorf("line %d holds a control character: %q", i+1, line)
		}
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	e := evs[0]
	if got, want := e.Id(), "contract-notice@vendor:a.evil@anzen"; got != want {
		t.Errorf("UID %q, want %q", got, want)
	}
	start, err := e.GetAllDayStartAt()
	if err != nil || start.Format("2006-01-02") != "2026-08-01" {
		t.Errorf("start %v %v", start, err)
	}
	sum := e.GetProperty(ical.ComponentPropertySummary).Value
	wantName := strings.NewReplacer("\r\n", "\n", "\x07", "").Replace(r.Clinic.Name)
	if want := "【" + wantName + "】" + strings.NewReplacer("\r\n", "\n", "\x07", "").Replace(r.Deadlines[0].Title); sum != want {
		t.Errorf("summary\n got %q\nwant %q", sum, want)
	}
	desc := e.GetProperty(ical.ComponentPropertyDescription).Value
	for _, want := range []string{"申し入れる;,\\", "tell them", "委託先・事業者管理「更新」 (evil/site/vendors.html#vendors-renewal)"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q:\n%s", want, desc)
		}
	}
	if c := evs[1].GetProperty(ical.ComponentPropertyCategories).Value; c != "確認事項" {
		t.Errorf("a deadline to confirm has category %q", c)
	}
}

// TestStable checks that the same report gives the same bytes, and that
// a deadline whose date moves keeps its UID.
func TestStable(t *testing.T) {
	stamp := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	a := Encode(Calendar{Name: "x", Stamp: stamp, Events: Events(hostile(), "")})
	b := Encode(Calendar{Name: "x", Stamp: stamp, Events: Events(hostile(), "")})
	if !bytes.Equal(a, b) {
		t.Fatal("two encodings differ")
	}
	r := hostile()
	r.Deadlines[0].Date = "2027-08-01"
	c, err := ical.ParseCalendar(bytes.NewReader(Encode(Calendar{Name: "x", Stamp: stamp, Events: Events(r, "")})))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Events()[0].Id(); got != UID("evil", hostile().Deadlines[0]) {
		t.Errorf("UID changed with the date: %q", got)
	}
}
