package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestDays(t *testing.T) {
	for _, tt := range []struct {
		y, m, d int
		want    int64
	}{{1970, 1, 1, 0}, {2000, 3, 1, 11017}, {1969, 12, 31, -1}, {1, 1, 1, -719162}, {2024, 2, 29, 19782}} {
		if got := Days(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("Days(%d-%d-%d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

// TestZoneMatchesTimeDate compares the cached placing with time.Date in zones with
// daylight saving, across their changes, in random order.
func TestZoneMatchesTimeDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, name := range []string{"Europe/Moscow", "Europe/Berlin", "America/New_York", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		z := Zone{Loc: loc}
		for range 20000 {
			wall := time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC).Unix() + rng.Int64N(20*365*86400)
			if rng.IntN(4) == 0 { // near a change: the last Sunday of March or October
				wall = time.Date(2010+rng.IntN(10), time.Month(3+7*rng.IntN(2)), 25+rng.IntN(7), rng.IntN(24), 0, 0, 0, time.UTC).Unix()
			}
			w := time.Unix(wall, 0).UTC()
			want := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
			if got := z.At(wall, 0); !got.Equal(want) {
				t.Fatalf("%s %v: At = %v, time.Date = %v", name, w, got, want)
			}
			_, off := want.Zone()
			if got := z.Wall(want.Unix()); got != want.Unix()+int64(off) {
				t.Fatalf("%s %v: Wall = %d, want %d", name, want, got, want.Unix()+int64(off))
			}
		}
	}
}
