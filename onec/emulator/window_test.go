package emulator

import (
	"testing"
	"time"
)

// history is the whole demo history, wider than it on both sides.
var (
	historyFrom = time.Date(2023, 10, 1, 0, 0, 0, 0, moscow())
	historyTo   = time.Date(2026, 12, 1, 0, 0, 0, 0, moscow())
)

func TestWindowsReadExactlyTheGeneratedSales(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			s := start(t, preset, nil)
			r := newReader(t, s, s.e.opts.Mapping)
			got := map[string]*docTotal{}
			for from := historyFrom; from.Before(historyTo); from = from.AddDate(0, 1, 0) {
				r.window(t, from, from.AddDate(0, 1, 0), 50, got)
			}
			compareDocs(t, got, expectedFor(t, s.e.opts.Mapping, historyFrom, historyTo))
			if r.rows <= smallDemo.Lines {
				t.Errorf("read %d rows: want more than the %d generated (inactive and anonymous lines)", r.rows, smallDemo.Lines)
			}
		})
	}
}

func TestWindowEdges(t *testing.T) {
	s := start(t, "unf", nil)
	r := newReader(t, s, s.e.opts.Mapping)
	// A window that starts and ends inside days, read in small pages.
	from := time.Date(2025, 3, 3, 14, 30, 0, 0, moscow())
	to := time.Date(2025, 4, 17, 11, 0, 0, 0, moscow())
	got := map[string]*docTotal{}
	r.window(t, from, to, 7, got)
	want := expectedFor(t, s.e.opts.Mapping, from, to)
	if len(want) == 0 {
		t.Fatal("empty window: pick another")
	}
	compareDocs(t, got, want)
}

func TestOrderings(t *testing.T) {
	s := start(t, "bp3", nil)
	m := s.e.opts.Mapping.Register
	filter := "Period ge datetime'2025-11-01T00:00:00' and Period le datetime'2025-11-30T23:59:59'"
	asc := keysOf(t, s, m.Entity, "$filter", filter, "$orderby", "Period,Документ,LineNumber")
	desc := keysOf(t, s, m.Entity, "$filter", filter, "$orderby", "Period desc,Документ desc,LineNumber desc")
	byDoc := keysOf(t, s, m.Entity, "$filter", filter, "$orderby", "Документ,LineNumber")
	if len(asc) < 10 || len(asc) != len(desc) || len(asc) != len(byDoc) {
		t.Fatalf("rows: asc %d, desc %d, by document %d", len(asc), len(desc), len(byDoc))
	}
	for i := range asc {
		if asc[i] != desc[len(desc)-1-i] {
			t.Fatalf("row %d: asc %s, desc reversed %s", i, asc[i], desc[len(desc)-1-i])
		}
	}
	for i := 1; i < len(byDoc); i++ {
		if byDoc[i] < byDoc[i-1] {
			t.Fatalf("$orderby=Документ: %s after %s", byDoc[i], byDoc[i-1])
		}
	}
}

// keysOf lists Документ/LineNumber of the rows a request returns, in order.
func keysOf(t *testing.T, s *server, set string, opts ...string) []string {
	t.Helper()
	code, body := s.get(t, set, opts...)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var keys []string
	for _, row := range list(t, body) {
		keys = append(keys, row["Документ"].(string)+"/"+row["LineNumber"].(string))
	}
	return keys
}
