package lifecycle

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func classify(t *testing.T, b Bounds, stats []ClientStats) (Matrix, []Code) {
	t.Helper()
	c, err := NewClassifier(b)
	if err != nil {
		t.Fatal(err)
	}
	return c.Classify(day("2024-06-30"), stats, Skipped{}, nil)
}

func TestClassesOnTheBounds(t *testing.T) {
	b := DefaultBounds() // count 1,3; recency 90,180
	tests := []struct {
		recency, purchases int
		r, f               uint8
	}{
		{0, 1, 3, 1},
		{90, 1, 3, 1},  // exactly r1: still active
		{91, 2, 2, 2},  // one day past r1
		{180, 3, 2, 2}, // exactly r2, exactly c2
		{181, 4, 1, 3}, // past both
		{5000, 100, 1, 3},
	}
	for _, tt := range tests {
		if r := b.recencyClass(tt.recency); r != tt.r {
			t.Errorf("recency %d: R%d, want R%d", tt.recency, r, tt.r)
		}
		if f := b.countClass(tt.purchases); f != tt.f {
			t.Errorf("purchases %d: F%d, want F%d", tt.purchases, f, tt.f)
		}
	}
}

func TestTertilesWithTies(t *testing.T) {
	// M = 100,100,100,200,200,300: ranks ⌈6/3⌉=2 and ⌈12/3⌉=4 give cuts 100 and 200;
	// all three 100s are M1 although that is half the clients.
	ms := []int64{200, 100, 300, 100, 200, 100}
	stats := make([]ClientStats, len(ms))
	for i, m := range ms {
		stats[i] = ClientStats{Client: uint32(i), Purchases: 1, Monetary: m}
	}
	m, codes := classify(t, DefaultBounds(), stats)
	if got := m.CellCuts[2][0]; got != (Cuts{100, 200}) {
		t.Fatalf("cuts = %v, want [100 200]", got)
	}
	want := []uint8{2, 1, 3, 1, 2, 1}
	for i, c := range codes {
		if c.M != want[i] || c.R != 3 || c.F != 1 {
			t.Errorf("client %d (M=%d): code %s, want 31%d", i, ms[i], c, want[i])
		}
	}
	if got := m.Code(Code{3, 1, 1}); got != (Totals{Clients: 3, Monetary: 300, Purchases: 3}) {
		t.Errorf("311 totals = %+v", got)
	}
}

func TestTertileRanks(t *testing.T) {
	tests := []struct {
		ms   []int64
		want Cuts
	}{
		{[]int64{5}, Cuts{5, 5}},                 // ranks 1, 1
		{[]int64{9, 1}, Cuts{1, 9}},              // ranks 1, 2
		{[]int64{3, 1, 2}, Cuts{1, 2}},           // ranks 1, 2
		{[]int64{4, 3, 2, 1}, Cuts{2, 3}},        // ranks 2, 3
		{[]int64{-5, 0, 5, 10, 15}, Cuts{0, 10}}, // ranks 2, 4
		{nil, Cuts{}},
	}
	for _, tt := range tests {
		if got := tertileCuts(slices.Clone(tt.ms)); got != tt.want {
			t.Errorf("tertileCuts(%v) = %v, want %v", tt.ms, got, tt.want)
		}
	}
}

func TestSelectNthAgainstSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 1 + rng.IntN(300)
		mod := int64(1 + rng.IntN(50)) // many ties
		if rng.IntN(3) == 0 {
			mod = 1 << 40
		}
		v := make([]int64, n)
		for i := range v {
			v[i] = rng.Int64N(mod) - mod/2
		}
		sorted := slices.Sorted(slices.Values(v))
		k := rng.IntN(n)
		if got := selectNth(slices.Clone(v), k); got != sorted[k] {
			t.Fatalf("n=%d k=%d: got %d, want %d", n, k, got, sorted[k])
		}
	}
}

func TestPerCellTertiles(t *testing.T) {
	stats := []ClientStats{
		// cell 31 (recent, one purchase): M 10, 20, 30 → cuts 10, 20
		{Client: 0, Recency: 1, Purchases: 1, Monetary: 10},
		{Client: 1, Recency: 1, Purchases: 1, Monetary: 20},
		{Client: 2, Recency: 1, Purchases: 1, Monetary: 30},
		// cell 13 (lost, many purchases): M 1000, 5000 → ranks 1 and 2, cuts 1000, 5000:
		// with two clients nobody is above the second cut, so there is no 133
		{Client: 3, Recency: 400, Purchases: 9, Monetary: 5000},
		{Client: 4, Recency: 400, Purchases: 9, Monetary: 1000},
	}
	b := DefaultBounds()
	b.Monetary.Mode = MonetaryPerCell
	m, codes := classify(t, b, stats)
	want := []string{"311", "312", "313", "132", "131"}
	for i, c := range codes {
		if c.String() != want[i] {
			t.Errorf("client %d: %s, want %s", i, c, want[i])
		}
	}
	if cuts, ok := m.Cuts(Cell{1, 3}); !ok || cuts != (Cuts{1000, 5000}) {
		t.Errorf("cell 13 cuts = %v %v", cuts, ok)
	}
	if _, ok := m.Cuts(Cell{2, 2}); ok {
		t.Error("an empty cell has per-cell cuts")
	}
}

func TestFixedMoneyBounds(t *testing.T) {
	b := DefaultBounds()
	b.Monetary = Monetary{Mode: MonetaryFixed, Fixed: [2]int64{1_200_000, 4_800_000}}
	stats := []ClientStats{
		{Purchases: 1, Monetary: 1_200_000}, // exactly B1: M1
		{Purchases: 1, Monetary: 1_200_001},
		{Purchases: 1, Monetary: 4_800_000}, // exactly B2: M2
		{Purchases: 1, Monetary: 4_800_001},
	}
	_, codes := classify(t, b, stats)
	for i, want := range []uint8{1, 2, 2, 3} {
		if codes[i].M != want {
			t.Errorf("M=%d: M%d, want M%d", stats[i].Monetary, codes[i].M, want)
		}
	}
}

func TestBoundsValidate(t *testing.T) {
	bad := []Bounds{
		{Count: [2]int{0, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: MonetaryTertiles}},
		{Count: [2]int{3, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: MonetaryTertiles}},
		{Count: [2]int{1, 3}, RecencyDays: [2]int{180, 90}, Monetary: Monetary{Mode: MonetaryTertiles}},
		{Count: [2]int{1, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: MonetaryFixed, Fixed: [2]int64{5, 5}}},
		{Count: [2]int{1, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: "quartiles"}},
	}
	for _, b := range bad {
		if err := b.Validate(); err == nil {
			t.Errorf("%+v: valid, want an error", b)
		}
	}
	if err := DefaultBounds().Validate(); err != nil {
		t.Error(err)
	}
}

func TestExplain(t *testing.T) {
	m := Matrix{Bounds: DefaultBounds()}
	m.fillCuts(Cuts{1_200_000, 4_800_000})
	tests := []struct {
		code, lang, want string
	}{
		{"221", "ru", "2–3 покупки, последняя 91–180 дней назад, сумма до 12 000 ₽"},
		{"222", "ru", "2–3 покупки, последняя 91–180 дней назад, сумма 12 000 – 48 000 ₽"},
		{"313", "ru", "1 покупка, последняя 0–90 дней назад, сумма больше 48 000 ₽"},
		{"131", "ru", "от 4 покупок, последняя более 180 дней назад, сумма до 12 000 ₽"},
		{"131", "en", "4 or more purchases, the last over 180 days ago, total up to 12,000 ₽"},
		{"222", "en", "2–3 purchases, the last 91–180 days ago, total 12,000 – 48,000 ₽"},
	}
	for _, tt := range tests {
		c, _ := ParseCode(tt.code)
		if got := m.Explain(c, tt.lang); got != tt.want {
			t.Errorf("Explain(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	m.Bounds.Count, m.Bounds.RecencyDays = [2]int{2, 20}, [2]int{21, 31}
	c, _ := ParseCode("121")
	if got, want := m.Explain(c, "ru"), "3–20 покупок, последняя более 31 дня назад, сумма до 12 000 ₽"; got != want {
		t.Errorf("plural forms: %q, want %q", got, want)
	}
}

func TestCodeOrderAndParse(t *testing.T) {
	codes := Codes()
	if len(codes) != 27 || codes[0].String() != "333" || codes[26].String() != "111" {
		t.Fatalf("Codes() = %v", codes)
	}
	for _, bad := range []string{"", "33", "3333", "303", "abc"} {
		if _, err := ParseCode(bad); err == nil {
			t.Errorf("ParseCode(%q) succeeded", bad)
		}
	}
}

func TestCodeOfMatchesClassify(t *testing.T) {
	stats := []ClientStats{
		{Recency: 5, Purchases: 1, Monetary: 100}, {Recency: 100, Purchases: 2, Monetary: 900},
		{Recency: 400, Purchases: 7, Monetary: 5000}, {Recency: 90, Purchases: 3, Monetary: 900},
	}
	for _, mode := range []MonetaryMode{MonetaryTertiles, MonetaryPerCell} {
		b := DefaultBounds()
		b.Monetary.Mode = mode
		m, codes := classify(t, b, stats)
		for i, s := range stats {
			if got := m.CodeOf(s); got != codes[i] {
				t.Errorf("%s client %d: CodeOf %s, Classify %s", mode, i, got, codes[i])
			}
		}
	}
}

func TestAverageCheck(t *testing.T) {
	tests := []struct {
		name string
		t    Totals
		want int64
		ok   bool
	}{
		{"exact", Totals{Clients: 2, Monetary: 300_00, Purchases: 3}, 100_00, true},
		{"below half rounds down", Totals{Clients: 1, Monetary: 1000, Purchases: 3}, 333, true}, // 333.33
		{"half rounds up", Totals{Clients: 1, Monetary: 1001, Purchases: 2}, 501, true},         // 500.5
		{"above half rounds up", Totals{Clients: 1, Monetary: 2000, Purchases: 3}, 667, true},   // 666.67
		{"negative half away from zero", Totals{Clients: 1, Monetary: -1001, Purchases: 2}, -501, true},
		{"negative below half", Totals{Clients: 1, Monetary: -1000, Purchases: 3}, -333, true},
		{"empty cell", Totals{}, 0, false},
		{"stored before purchases were counted", Totals{Clients: 5, Monetary: 5000}, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.t.AverageCheck()
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %+v.AverageCheck() = %d, %v; want %d, %v", tt.name, tt.t, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClassifyCountsPurchases(t *testing.T) {
	// Two clients in 31 (one purchase each by definition of F1), two in 13 with 5 and
	// 9 purchases; fixed money bounds put the 13s in different codes.
	b := DefaultBounds()
	b.Monetary = Monetary{Mode: MonetaryFixed, Fixed: [2]int64{1000, 5000}}
	stats := []ClientStats{
		{Recency: 1, Purchases: 1, Monetary: 700},
		{Recency: 2, Purchases: 1, Monetary: 800},
		{Recency: 400, Purchases: 5, Monetary: 4999},
		{Recency: 500, Purchases: 9, Monetary: 9001},
	}
	m, _ := classify(t, b, stats)
	tests := []struct {
		name string
		got  Totals
		want Totals
		avg  int64
	}{
		{"cell 31", m.Cell(Cell{3, 1}), Totals{Clients: 2, Monetary: 1500, Purchases: 2}, 750},
		{"code 311", m.Code(Code{3, 1, 1}), Totals{Clients: 2, Monetary: 1500, Purchases: 2}, 750},
		{"cell 13", m.Cell(Cell{1, 3}), Totals{Clients: 2, Monetary: 14000, Purchases: 14}, 1000},
		{"code 132", m.Code(Code{1, 3, 2}), Totals{Clients: 1, Monetary: 4999, Purchases: 5}, 1000}, // 999.8
		{"code 133", m.Code(Code{1, 3, 3}), Totals{Clients: 1, Monetary: 9001, Purchases: 9}, 1000}, // 1000.11
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, tt.got, tt.want)
		}
		if avg, ok := tt.got.AverageCheck(); !ok || avg != tt.avg {
			t.Errorf("%s: average check %d %v, want %d", tt.name, avg, ok, tt.avg)
		}
	}
}
