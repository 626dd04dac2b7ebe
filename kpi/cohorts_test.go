package kpi

import (
	"fmt"
	"strings"
	"testing"
)

func cohortReport(t *testing.T, docs []Document, r Range, clients int) CohortReport {
	t.Helper()
	c, err := NewCohorts(r, clients)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(docs); i += 3 {
		if err := c.Add(docs[i:min(i+3, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	return c.Report()
}

// Cohorts of the fixture from December 2023 to May 2024 (B's first purchase is in
// November: no cohort; F never buys: no cohort). Net per month k, buyers in brackets:
//
//	cohort    clients  k=0            k=1         k=2               k=3         k=4         k=5
//	2023-12   1 (A)    10000 [1]      20000 [1]   30000+5000 [1]    15000 [1]   −5000 [0]   −1000 [0]
//	2024-01   2 (D,G)  6000+7000 [2]  −6000 [0]   0 [0]             0 [0]       0 [0]
//	2024-02   1 (C)    12000+8000 [1] 0 [0]       0 [0]             0 [0]
//	2024-03   1 (E)    50000 [1]      10000 [1]   0 [0]
//	2024-04   0        0              0
//	2024-05   0        0
//
// LTV (kopecks per client; months 0 … n−1 must have ended by May 31):
//
//	cohort    1                3                          6
//	2023-12   10000/1=10000    (10000+20000+35000)/1=65000 (65000+15000−5000−1000)/1=74000
//	2024-01   13000/2=6500     (13000−6000)/2=3500        not reached (June)
//	2024-02   20000            20000                      not reached
//	2024-03   50000            (50000+10000)=60000        not reached
//	2024-04   n/a (0 clients)  not reached                not reached
func TestCohorts(t *testing.T) {
	rep := cohortReport(t, fixture(), Range{From: day("2023-12-01"), To: day("2024-05-31")}, fixtureClients)
	var got []string
	for _, c := range rep.Cohorts {
		s := fmt.Sprintf("%s %d:", c.Month.Key, c.Clients)
		for _, m := range c.Months {
			s += fmt.Sprintf(" %d[%d]", m.Net, m.Buyers)
		}
		got = append(got, s)
	}
	want := []string{
		"2023-12 1: 10000[1] 20000[1] 35000[1] 15000[1] -5000[0] -1000[0]",
		"2024-01 2: 13000[2] -6000[0] 0[0] 0[0] 0[0]",
		"2024-02 1: 20000[1] 0[0] 0[0] 0[0]",
		"2024-03 1: 50000[1] 10000[1] 0[0]",
		"2024-04 0: 0[0] 0[0]",
		"2024-05 0: 0[0]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cohorts:\n got %q\nwant %q", got, want)
	}
	wantLTV := []string{
		"10000 65000 74000 - -",
		"6500 3500 - - -",
		"20000 20000 - - -",
		"50000 60000 - - -",
		"n/a - - - -",
		"n/a - - - -",
	}
	for i, c := range rep.Cohorts {
		if got := ltvs(&c); got != wantLTV[i] {
			t.Errorf("%s LTV %s, want %s", c.Month.Key, got, wantLTV[i])
		}
	}
	dec, jan := &rep.Cohorts[0], &rep.Cohorts[1]
	if got := fmt.Sprint(dec.Retention(0), dec.Retention(3), dec.Retention(4), jan.Retention(1), jan.Retention(9)); got != "{1 1} {1 1} {0 1} {0 2} {0 0}" {
		t.Errorf("retention %s", got)
	}
	if rep.Cohorts[0].Month.Partial || !rep.Cohorts[0].Months[5].Complete {
		t.Error("May 31 should complete May")
	}
}

// TestCohortsNotReached: with To on May 20, May is not complete, so the December LTV
// after 6 months and the March one after 3 are not reached yet.
func TestCohortsNotReached(t *testing.T) {
	rep := cohortReport(t, fixture(), Range{From: day("2023-12-01"), To: day("2024-05-20")}, fixtureClients)
	if got := ltvs(&rep.Cohorts[0]); got != "10000 65000 - - -" {
		t.Errorf("December LTV %s", got)
	}
	if got := ltvs(&rep.Cohorts[3]); got != "50000 - - - -" {
		t.Errorf("March LTV %s", got)
	}
	if last := rep.Cohorts[len(rep.Cohorts)-1]; !last.Month.Partial || last.Month.End != day("2024-05-20") || last.Months[0].Complete {
		t.Errorf("May: %+v", last)
	}
}

func ltvs(c *Cohort) string {
	var out []string
	for _, n := range LTVMonths {
		r, ok := c.LTV(n)
		switch kop, valid := r.Kopecks(); {
		case !ok:
			out = append(out, "-")
		case !valid:
			out = append(out, "n/a")
		default:
			out = append(out, fmt.Sprint(kop))
		}
	}
	return strings.Join(out, " ")
}

// TestCohortSameDayReturn: a return on the day of the first purchase belongs to the
// cohort whichever comes first; one on an earlier day does not.
func TestCohortSameDayReturn(t *testing.T) {
	r := Range{From: day("2024-01-01"), To: day("2024-01-31")}
	for _, docs := range [][]Document{
		{doc("A", "2024-01-05", -50, 0, 1), doc("A", "2024-01-10", -300, 0, 1), doc("A", "2024-01-10", 1_000, 0, 1)},
		{doc("A", "2024-01-05", -50, 0, 1), doc("A", "2024-01-10", 1_000, 0, 1), doc("A", "2024-01-10", -300, 0, 1)},
	} {
		c := cohortReport(t, docs, r, 1).Cohorts[0]
		if c.Clients != 1 || c.Months[0].Net != 700 {
			t.Errorf("%+v: clients %d net %d, want 1 and 700", docs, c.Clients, c.Months[0].Net)
		}
	}
}
