package profile

import (
	"testing"
	"time"
	_ "time/tzdata" // the time zones, on machines without a zoneinfo database
)

func TestTodayIsTheDateInJapan(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err) // time/tzdata is linked in: never missing
	}
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 3, 31, 14, 59, 0, 0, time.UTC), "2026-03-31"},
		{time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC), "2026-04-01"},
		{time.Date(2026, 3, 31, 9, 0, 0, 0, la), "2026-04-01"}, // 16:00 UTC
		{time.Date(2026, 4, 1, 23, 0, 0, 0, Japan), "2026-04-01"},
	}
	for _, tt := range tests {
		got := Today(tt.now)
		if got.Format("2006-01-02") != tt.want || got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("Today(%v) = %v, want %s 00:00 UTC", tt.now, got, tt.want)
		}
	}
}

func TestDecodedDatesAreCalendarDates(t *testing.T) {
	src := `format = 1
[clinic]
id = "x"
name = "x"
type = "clinic"
manager = "a"
[policy]
version = "1"
effective = 2026-04-01
last_review = 2026-04-01T23:30:00-10:00
review_interval_months = 12
approver = "a"
[[staff]]
id = "a"
name = "a"
job = "doctor"
[[systems]]
id = "s"
name = "s"
kind = "emr"
hosting = "cloud"
[systems.backup]
last_restore_test = 2025-12-31
`
	p, err := Decode("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]time.Time{
		"effective": p.Policy.Effective, "last_review": p.Policy.LastReview,
		"last_restore_test": p.Systems[0].Backup.LastRestoreTest,
	} {
		if d.Location() != time.UTC || d.Hour() != 0 {
			t.Errorf("%s = %v, want midnight UTC", name, d)
		}
	}
	if got := p.Policy.LastReview.Format("2006-01-02"); got != "2026-04-01" {
		t.Errorf("last_review = %s, want the written date 2026-04-01", got)
	}
}
