package lifecycle

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDayRoundTrip(t *testing.T) {
	for d := DayFromCivil(1899, 12, 25); d < DayFromCivil(2101, 1, 5); d++ {
		y, m, dd := d.Civil()
		want := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
		if got := DayOf(want); got != d {
			t.Fatalf("%v: DayOf = %d, want %d", want, got, d)
		}
		if d.Time(time.UTC).Unix() != int64(d)*86400 {
			t.Fatalf("%s: Time is not midnight", d)
		}
	}
	if got := DayFromCivil(1970, 1, 1); got != 0 {
		t.Errorf("epoch = %d", got)
	}
	if got := DayFromCivil(2024, 3, 1) - DayFromCivil(2024, 2, 28); got != 2 {
		t.Errorf("leap year: %d days from Feb 28 to Mar 1, want 2", got)
	}
}

func TestMonthEnds(t *testing.T) {
	got := MonthEnds(day("2023-11-15"), day("2024-03-01"))
	want := []string{"2023-11-30", "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("[%d] = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestParseDayRejects(t *testing.T) {
	for _, s := range []string{"", "2024-02-30", "31.12.2024", "2024-1-1"} {
		if _, err := ParseDay(s); err == nil {
			t.Errorf("ParseDay(%q) succeeded", s)
		}
	}
}

func TestDayJSON(t *testing.T) {
	var v struct{ D Day }
	for _, in := range []string{`{"D":"2024-02-29"}`} {
		if err := json.Unmarshal([]byte(in), &v); err != nil || v.D.String() != "2024-02-29" {
			t.Errorf("%s: %s %v", in, v.D, err)
		}
	}
	out, _ := json.Marshal(v)
	if string(out) != `{"D":"2024-02-29"}` {
		t.Errorf("marshal: %s", out)
	}
	if err := json.Unmarshal([]byte(`{"D":"29.02.2024"}`), &v); err == nil {
		t.Error("a Russian date was taken as ISO")
	}
}
