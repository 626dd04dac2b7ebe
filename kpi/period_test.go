package kpi

import (
	"fmt"
	"testing"
)

func TestPeriods(t *testing.T) {
	tests := []struct {
		from, to string
		kind     PeriodKind
		want     string
	}{
		{"2024-01-15", "2024-03-10", Month, "[{2024-01 2024-01-01 2024-01-31 false} {2024-02 2024-02-01 2024-02-29 false} {2024-03 2024-03-01 2024-03-10 true}]"},
		{"2023-11-30", "2024-01-01", Quarter, "[{2023-Q4 2023-10-01 2023-12-31 false} {2024-Q1 2024-01-01 2024-01-01 true}]"},
		{"2023-06-01", "2024-12-31", Year, "[{2023 2023-01-01 2023-12-31 false} {2024 2024-01-01 2024-12-31 false}]"},
		{"2024-05-31", "2024-05-31", Month, "[{2024-05 2024-05-01 2024-05-31 false}]"},
	}
	for _, tt := range tests {
		ps, err := Range{From: day(tt.from), To: day(tt.to)}.Periods(tt.kind)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(ps); got != tt.want {
			t.Errorf("%s..%s by %s:\n got %s\nwant %s", tt.from, tt.to, tt.kind, got, tt.want)
		}
	}
	if _, err := (Range{From: day("1970-01-01"), To: day("2024-12-31")}).Periods(Month); err == nil {
		t.Error("660 months: no error")
	}
	if _, err := (Range{From: day("1970-01-01"), To: day("2024-12-31")}).Periods(Year); err != nil {
		t.Errorf("55 years: %v", err)
	}
}

func TestParse(t *testing.T) {
	for _, k := range []PeriodKind{Month, Quarter, Year} {
		if got, err := ParsePeriodKind(k.String()); got != k || err != nil {
			t.Errorf("%s: %v %v", k, got, err)
		}
	}
	for _, b := range []By{ByNone, BySegment, ByStage} {
		if got, err := ParseBy(b.String()); got != b || err != nil {
			t.Errorf("%s: %v %v", b, got, err)
		}
	}
	if _, err := ParsePeriodKind("week"); err == nil {
		t.Error("week: no error")
	}
	if _, err := ParseBy("code"); err == nil {
		t.Error("code: no error")
	}
}

// TestRepeatIsByDay: every purchase on a client's first purchase day is a first
// purchase; the next day's is repeat. Two purchases + one = 3 purchases, 1 repeat.
func TestRepeatIsByDay(t *testing.T) {
	docs := []Document{
		doc("A", "2024-02-03", 1_000, 0, 1),
		doc("A", "2024-02-03", 2_000, 0, 1),
		doc("A", "2024-02-04", 4_000, 0, 1),
	}
	r := report(t, docs, Range{From: day("2024-02-01"), To: day("2024-02-29")}, Month).Rows(ByNone, nil)[0]
	if r.Purchases != 3 || r.RepeatPurchases != 1 || r.RepeatRevenue != 4_000 || r.Buyers != 1 || r.NewBuyers != 1 {
		t.Errorf("%+v", r.Counts)
	}
}
