package kpi

import (
	"testing"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
)

// The hand-made fixture: 7 clients A..G, history from November 2023, reports for
// February..May 2024. Bounds: F1 = 1 purchase, F2 = 2, F3 = 3+ (count 1,2);
// R3 = 0–30 days, R2 = 31–60, R1 = 61+ (recency 30,60). 2024 is a leap year.
//
//	#   client date        net      discount lines
//	1   B      2023-11-01  +40 000   0       3
//	2   A      2023-12-10  +10 000   0       2
//	3   D      2024-01-05   +6 000   0       1
//	4   A      2024-01-20  +20 000   0       3
//	5   G      2024-01-25   +7 000   0       1
//	6   A      2024-02-05  +30 000   3 000   1
//	7   A      2024-02-05   +5 000   0       1   same day as 6: a repeat purchase all the same (A bought in Dec)
//	8   D      2024-02-10   −6 000   0       1   D's only document in Feb is a return
//	9   C      2024-02-14  +12 000   0       2   C's first purchase
//	10  C      2024-02-20   +8 000   1 000   1   C's second, on a later day: repeat
//	11  E      2024-03-03  +50 000   0       4
//	12  B      2024-03-10  +25 000   5 000   5   B was R1 on Mar 1: a returned buyer
//	13  A      2024-03-15  +15 000   0       2
//	14  F      2024-04-02   −2 000   0       1   F never buys: a return with no purchase
//	15  A      2024-04-10   −5 000   0       1
//	16  E      2024-04-25  +10 000   0       1
//	17  A      2024-05-05   −1 000   0       1   May has no purchase at all
//
// Cells at each month's start (as of the previous day; "days" = recency, "n" = purchases):
//
//	as of       A           B          C          D          E          F    G
//	2023-12-31  21d n1 31   60d n1 21  new        new        new        new  new
//	2024-01-31  11d n2 32   91d n1 11  new        26d n1 31  new        new  6d n1 31
//	2024-02-29  24d n4 33  120d n1 11  9d n2 32   55d n1 21  new        new  35d n1 21
//	2024-03-31  16d n5 33   21d n2 32  40d n2 22  86d n1 11  28d n1 31  new  66d n1 11
//	2024-04-30  46d n5 23   51d n2 22  70d n2 12 116d n1 11   5d n2 32  new  96d n1 11
//	2024-05-31  77d n5 13   82d n2 12 101d n2 12 147d n1 11  36d n2 22  new 127d n1 11
//
// Totals per month (by=none):
//
//	                 Feb                    Mar                   Apr                 May
//	documents        5 (6,7,8,9,10)         3 (11,12,13)          3 (14,15,16)        1 (17)
//	revenue          35000−6000+20000=49000 50000+25000+15000     −2000−5000+10000    −1000
//	                                        =90000                =3000
//	purchase rev.    30000+5000+12000+8000  90000                 10000               0
//	                 =55000
//	returns          6000                   0                     7000                1000
//	discount         3000+1000=4000         5000                  0                   0
//	purchases        4                      3                     1                   0
//	lines            1+1+2+1=5              4+5+2=11              1                   0
//	buyers           2 (A, C)               3 (E, B, A)           1 (E)               0
//	repeat purch.    3 (6, 7, 10)           2 (12, 13)            1 (16)              0
//	repeat revenue   30000+5000+8000=43000  25000+15000=40000     10000               0
//	new buyers       1 (C)                  1 (E)                 0                   0
//	returned buyers  0                      1 (B, R1 on Mar 1)    0                   0
//	prev buyers      3 (Jan: A, D, G)       2 (Feb: A, C)         3 (Mar: A, B, E)    1 (Apr: E)
//	retained         1 (A)                  1 (A)                 1 (E)               0
//	clients at start 4 (A, B, D, G)         5 (+C)                6 (+E)              6
//	R3 at start      3 (A, D, G)            2 (A, C)              3 (A, B, E)         1 (E)
//	still R3 at end  1 (A; D, G → R2)       1 (A; C → R2)         1 (E; A, B → R2)    0 (E → R2)
//
// KPIs per month:
//
//	                 Feb                    Mar                   Apr                 May
//	average check    55000/4 = 13750        90000/3 = 30000       10000/1 = 10000     n/a (0 purchases)
//	check depth      5/4 = 1,25             11/3 = 3,67           1/1 = 1,00          n/a
//	frequency        4/2 = 2,00             3/3 = 1,00            1/1 = 1,00          n/a (0 buyers)
//	repeat share     3/4 = 7500 bp          2/3 = 6667 bp         1/1 = 10000 bp      n/a
//	repeat rev.      43000/55000 = 7818 bp  40000/90000 = 4444 bp 10000/10000         n/a
//	retention        1/3 = 3333 bp          1/2                   1/3                 0/1 = 0
//	churn            2/3 = 6667 bp          1/2                   2/3                 1/1
//	lifecycle ret.   1/3                    1/2                   1/3                 0/1
//	discount share   4000/53000 = 755 bp    5000/95000 = 526 bp   0/3000 = 0          n/a (−1000+0 ≤ 0)
func fixture() []Document {
	return []Document{
		doc("B", "2023-11-01", 40_000, 0, 3),
		doc("A", "2023-12-10", 10_000, 0, 2),
		doc("D", "2024-01-05", 6_000, 0, 1),
		doc("A", "2024-01-20", 20_000, 0, 3),
		doc("G", "2024-01-25", 7_000, 0, 1),
		doc("A", "2024-02-05", 30_000, 3_000, 1),
		doc("A", "2024-02-05", 5_000, 0, 1),
		doc("D", "2024-02-10", -6_000, 0, 1),
		doc("C", "2024-02-14", 12_000, 0, 2),
		doc("C", "2024-02-20", 8_000, 1_000, 1),
		doc("E", "2024-03-03", 50_000, 0, 4),
		doc("B", "2024-03-10", 25_000, 5_000, 5),
		doc("A", "2024-03-15", 15_000, 0, 2),
		doc("F", "2024-04-02", -2_000, 0, 1),
		doc("A", "2024-04-10", -5_000, 0, 1),
		doc("E", "2024-04-25", 10_000, 0, 1),
		doc("A", "2024-05-05", -1_000, 0, 1),
	}
}

const fixtureClients = 7

func fixtureBounds() lifecycle.Bounds {
	return lifecycle.Bounds{Count: [2]int{1, 2}, RecencyDays: [2]int{30, 60}, Monetary: lifecycle.Monetary{Mode: lifecycle.MonetaryTertiles}}
}

// doc makes a document of client "A".."G" (indexes 0..6) on a date written 2006-01-02.
func doc(client, date string, net, discount int64, lines int32) Document {
	return Document{Client: uint32(client[0] - 'A'), Day: day(date), Net: net, Discount: discount, Lines: lines}
}

func day(s string) lifecycle.Day {
	d, err := lifecycle.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

func defaultNames(t *testing.T) *lifecycle.Names {
	t.Helper()
	n, err := lifecycle.ParseNames(configs.SegmentsYAML)
	if err != nil {
		t.Fatal(err)
	}
	return &n
}

// report runs a KPI pass over docs, fed in batches of two to cross batch boundaries.
func report(t *testing.T, docs []Document, r Range, k PeriodKind) Report {
	t.Helper()
	p, err := NewPeriodic(Options{Range: r, Period: k, Clients: fixtureClients, Bounds: fixtureBounds()})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(docs); i += 2 {
		if err := p.Add(docs[i:min(i+2, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	return p.Report()
}
