package odata

import (
	"github.com/rfm9/rfm9/calendar"
	"testing"
	"time"
)

func TestParseCivil(t *testing.T) {
	loc := moscow(t)
	tests := []struct {
		in   string
		ok   bool
		want string // the instant in RFC 3339, in the base's zone
	}{
		{"2016-12-26T16:00:52", true, "2016-12-26T16:00:52+03:00"},
		{"2016-12-26 16:00:52", true, "2016-12-26T16:00:52+03:00"},
		{"2024-02-29T23:59:59.5", true, "2024-02-29T23:59:59.5+03:00"},
		{"2024-01-01T00:00:00Z", true, "2024-01-01T03:00:00+03:00"},
		{"2024-01-01T00:00:00+05:00", true, "2023-12-31T22:00:00+03:00"},
		{"2024-01-01T00:00:00-01:30", true, "2024-01-01T04:30:00+03:00"},
		{"0001-01-01T00:00:00", true, ""},
		{"2023-02-29T00:00:00", false, ""},
		{"2024-01-01T24:00:00", false, ""},
		{"2024-01-01T00:00:00.", false, ""},
		{"2024-01-01T00:00:00+5", false, ""},
		{"2024-01-01T00:00:00+25:00", false, ""},
		{"2024-01-01", false, ""},
		{"2024/01/01T00:00:00", false, ""},
		{"2024-0a-01T00:00:00", false, ""},
	}
	for _, tt := range tests {
		c, nsec, zone, zoned, ok := parseCivil([]byte(tt.in))
		if ok != tt.ok {
			t.Errorf("parseCivil(%q) ok = %v", tt.in, ok)
			continue
		}
		if !ok || tt.want == "" {
			continue
		}
		z := zoneCache{calendar.Zone{Loc: loc}}
		got, _ := z.place(c, nsec, zone, zoned)
		if got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("parseCivil(%q) = %s, want %s", tt.in, got.Format(time.RFC3339Nano), tt.want)
		}
	}
	if c, _, _, _, _ := parseCivil([]byte("0001-01-01T00:00:00")); c != emptyDate {
		t.Error("the empty date is not emptyDate")
	}
}

func TestCivilBounds(t *testing.T) {
	loc := moscow(t)
	tm := time.Date(2024, 1, 1, 10, 0, 0, 500, loc)
	if civilFloor(tm, loc).String() != "2024-01-01T10:00:00" || civilCeil(tm, loc).String() != "2024-01-01T10:00:01" {
		t.Errorf("floor %s ceil %s", civilFloor(tm, loc), civilCeil(tm, loc))
	}
	if got := civilFloor(tm.UTC(), loc).literal(); got != "datetime'2024-01-01T10:00:00'" {
		t.Errorf("literal = %s", got)
	}
}
