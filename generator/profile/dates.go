package profile

import (
	"reflect"
	"time"
)

// Japan is the time zone of the calendar a profile's dates are written in
// (Japan has had no daylight saving time since 1951). "Today" for a
// clinic is today in Japan, whatever the machine's time zone.
var Japan = time.FixedZone("JST", 9*60*60)

// Day returns the calendar date of t as written: midnight UTC of t's year,
// month and day in t's own location. Profile dates and the dates they are
// judged against are all of this form, so comparing them never depends on
// the machine's time zone.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Today returns today's date in Japan, as Day does.
func Today(now time.Time) time.Time { return Day(now.In(Japan)) }

// calendarDates makes every date in v (a pointer to a decoded profile or
// vendor definition) a calendar date. The TOML decoder reads a date
// without an offset (2026-04-01) as midnight in the machine's local time
// zone, which is another instant in Tokyo than in UTC.
func calendarDates(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			calendarDates(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if v.CanSet() {
				v.Set(reflect.ValueOf(Day(v.Interface().(time.Time))))
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				calendarDates(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			calendarDates(v.Index(i))
		}
	}
}
