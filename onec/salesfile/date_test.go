package salesfile

import (
	"errors"
	"github.com/rfm9/rfm9/calendar"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata" // zones for the tests, whatever the machine has installed
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParseDate(t *testing.T) {
	msk := mustZone(t, "Europe/Moscow")
	at := func(y int, m time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, m, d, h, mi, s, ns, msk)
	}
	tests := []struct {
		in   string
		want time.Time
		err  error
	}{
		{"02.01.2006 15:04:05", at(2006, 1, 2, 15, 4, 5, 0), nil},
		{"02.01.2006 15:04", at(2006, 1, 2, 15, 4, 0, 0), nil},
		{"02.01.2006", at(2006, 1, 2, 0, 0, 0, 0), nil},
		{"2.1.2006 9:04:05", at(2006, 1, 2, 9, 4, 5, 0), nil},
		{" 02.01.2006  0:00:00 ", at(2006, 1, 2, 0, 0, 0, 0), nil},
		{"2006-01-02", at(2006, 1, 2, 0, 0, 0, 0), nil},
		{"2006-01-02T15:04:05", at(2006, 1, 2, 15, 4, 5, 0), nil},
		{"2006-01-02 15:04:05", at(2006, 1, 2, 15, 4, 5, 0), nil},
		{"2006-01-02T15:04", at(2006, 1, 2, 15, 4, 0, 0), nil},
		{"2006-01-02T15:04:05.123", at(2006, 1, 2, 15, 4, 5, 123000000), nil},
		{"2006-01-02T15:04:05.1234567891", at(2006, 1, 2, 15, 4, 5, 123456789), nil},
		{"2024-01-05T12:00:00Z", at(2024, 1, 5, 15, 0, 0, 0), nil},
		{"2024-01-05T12:00:00+03:00", at(2024, 1, 5, 12, 0, 0, 0), nil},
		{"2024-01-05T12:00:00-0130", at(2024, 1, 5, 16, 30, 0, 0), nil},
		{"29.02.2024", at(2024, 2, 29, 0, 0, 0, 0), nil},
		{"31.12.9999 23:59:59", at(9999, 12, 31, 23, 59, 59, 0), nil},
		{"29.02.2023", time.Time{}, ErrRange},
		{"30.02.2024", time.Time{}, ErrRange},
		{"31.04.2024", time.Time{}, ErrRange},
		{"2024-13-01", time.Time{}, ErrRange},
		{"2024-00-10", time.Time{}, ErrRange},
		{"00.01.2024", time.Time{}, ErrRange},
		{"0000-01-01", time.Time{}, ErrRange},
		{"2024-01-01T24:00:00", time.Time{}, ErrRange},
		{"2024-01-01T12:60", time.Time{}, ErrRange},
		{"2024-01-01T12:00:60", time.Time{}, ErrRange},
		{"", time.Time{}, ErrSyntax},
		{"abc", time.Time{}, ErrSyntax},
		{"2024-1-5", time.Time{}, ErrSyntax},
		{"2024/01/05", time.Time{}, ErrSyntax},
		{"05.01.24", time.Time{}, ErrSyntax},
		{"05.01.20245", time.Time{}, ErrSyntax},
		{"005.01.2024", time.Time{}, ErrSyntax},
		{"05.01.2024T12:00", time.Time{}, ErrSyntax},
		{"2024-01-05T", time.Time{}, ErrSyntax},
		{"2024-01-05 12", time.Time{}, ErrSyntax},
		{"2024-01-05T12:00:00 extra", time.Time{}, ErrSyntax},
		{"2024-01-05T12:00:00+3", time.Time{}, ErrSyntax},
		{"1.1.2024 12:0", time.Time{}, ErrSyntax},
		{"1.1.2024 123:00", time.Time{}, ErrSyntax},
		{"45296.5", time.Time{}, ErrSyntax}, // serial dates only in XLSX
	}
	for _, tt := range tests {
		got, err := ParseDate([]byte(tt.in), msk)
		if !errors.Is(err, tt.err) || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
		if err == nil && got.Location() != msk {
			t.Errorf("ParseDate(%q) in %v, want %v", tt.in, got.Location(), msk)
		}
	}
}

// TestZoneCacheMatchesTimeDate compares the cached placement with time.Date around
// daylight saving transitions, reusing one cache so that it is hit and missed.
func TestZoneCacheMatchesTimeDate(t *testing.T) {
	zones := []*time.Location{
		time.UTC, time.FixedZone("X", 5*3600+1800),
		mustZone(t, "Europe/Moscow"), mustZone(t, "Europe/Berlin"),
		mustZone(t, "America/New_York"), mustZone(t, "Australia/Lord_Howe"),
		mustZone(t, "America/Sao_Paulo"),
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, loc := range zones {
		z := zoneCache{calendar.Zone{Loc: loc}}
		for i := range 200000 {
			c := randomCivil(r, i)
			got := z.place(c)
			want := time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.nsec, loc)
			if got != want {
				t.Fatalf("%s %+v: got %v, time.Date gives %v", loc, c, got, want)
			}
		}
	}
}

// randomCivil returns dates that are mostly near each other and near transitions.
func randomCivil(r *rand.Rand, i int) civil {
	c := civil{year: 2000 + r.IntN(30), month: 1 + r.IntN(12), hour: r.IntN(24), min: r.IntN(60), sec: r.IntN(60)}
	if i%2 == 0 {
		c.month = []int{3, 4, 9, 10, 11}[r.IntN(5)]
		c.hour = r.IntN(4)
	}
	c.day = 1 + r.IntN(daysIn(c.year, c.month))
	if i%7 == 0 {
		c.year = 1 + r.IntN(9999)
	}
	return c
}

func TestParseCivilAgainstTimeParse(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	layouts := []string{"02.01.2006 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2.1.2006 15:04"}
	for range 50000 {
		want := time.Date(1900+r.IntN(300), time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		layout := layouts[r.IntN(len(layouts))]
		s := want.Format(layout)
		got, err := ParseDate([]byte(s), time.UTC)
		exact, _ := time.Parse(layout, s)
		if err != nil || !got.Equal(exact) {
			t.Fatalf("ParseDate(%q) = %v, %v; want %v", s, got, err, exact)
		}
	}
}

func TestDateLayoutFirst(t *testing.T) {
	d := dateParser{layout: "01/02/2006", zone: zoneCache{calendar.Zone{Loc: time.UTC}}}
	got, err := d.parse([]byte("01/05/2024"))
	if err != nil || !got.Equal(time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("layout: %v, %v", got, err)
	}
	got, err = d.parse([]byte("05.01.2024")) // the built-in forms still apply
	if err != nil || !got.Equal(time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("fallback: %v, %v", got, err)
	}
}

func TestSerialDates(t *testing.T) {
	d := dateParser{serial: true, zone: zoneCache{calendar.Zone{Loc: mustZone(t, "Europe/Moscow")}}}
	tests := []struct {
		in   string
		want string
	}{
		{"45296", "2024-01-05 00:00:00"},
		{"45296.5", "2024-01-05 12:00:00"},
		{"45296.75001", "2024-01-05 18:00:01"},
		{"05.01.2024", "2024-01-05 00:00:00"},
	}
	for _, tt := range tests {
		got, err := d.parse([]byte(tt.in))
		if err != nil || got.Format(time.DateTime) != tt.want {
			t.Errorf("serial %q = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	d.date1904 = true
	if got, _ := d.parse([]byte("0")); got.Format(time.DateOnly) != "1904-01-01" {
		t.Errorf("1904 serial 0 = %v", got)
	}
}

// TestDateParserCache reuses one worker's parser, whose day cache then holds
// thousands of days clashing on its slots, and checks it against ParseDate.
func TestDateParserCache(t *testing.T) {
	msk := mustZone(t, "Europe/Moscow")
	d := dateParser{zone: zoneCache{calendar.Zone{Loc: msk}}}
	r := rand.New(rand.NewPCG(9, 10))
	layouts := []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "02.01.2006 15:04:05", "02.01.2006"}
	for range 200000 {
		day := time.Date(2000+r.IntN(30), 1, 1+r.IntN(365*30), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		s := []byte(day.Format(layouts[r.IntN(len(layouts))]))
		got, err := d.parse(s)
		want, werr := ParseDate(s, msk)
		if err != nil || werr != nil || got != want {
			t.Fatalf("%s: %v, %v; ParseDate gives %v, %v", s, got, err, want, werr)
		}
	}
}
