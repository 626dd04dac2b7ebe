package lifecycle

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSuggestAtRank(t *testing.T) {
	one, ten, twenty := []int{7}, seq(1, 10), seq(1, 20)
	tests := []struct {
		name     string
		sorted   []int
		num, den int
		want     int
	}{
		{"p80 of 10 is rank 8", ten, 80, 100, 8},
		{"p95 of 10 is rank ⌈9.5⌉ = 10", ten, 95, 100, 10},
		{"p80 of 20 is rank 16", twenty, 80, 100, 16},
		{"p95 of 20 is rank 19", twenty, 95, 100, 19},
		{"p1 of 10 is rank ⌈0.1⌉ = 1", ten, 1, 100, 1},
		{"p80 of one", one, 80, 100, 7},
		{"first tertile of 10 is rank 4", ten, 1, 3, 4},
		{"second tertile of 10 is rank ⌈20/3⌉ = 7", ten, 2, 3, 7},
		{"first tertile of 9 is rank 3", seq(1, 9), 1, 3, 3},
		{"second tertile of 9 is rank 6", seq(1, 9), 2, 3, 6},
		{"first tertile of one", one, 1, 3, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := atRank(tt.sorted, tt.num, tt.den); got != tt.want {
				t.Errorf("atRank(%d/%d) = %d, want %d", tt.num, tt.den, got, tt.want)
			}
		})
	}
}

// seq is from, from+1, …, to.
func seq(from, to int) []int {
	s := make([]int, 0, to-from+1)
	for v := from; v <= to; v++ {
		s = append(s, v)
	}
	return s
}

// handMade has three clear groups by count ({1}, {5, 6}, {20, 21}) and by money
// (about 1 000 ₽, 12 000 ₽, 100 000 ₽), and 40 gaps of 1..40 days.
func handMade() SuggestInput {
	return SuggestInput{
		Purchases: []int{1, 5, 1, 20, 1, 6, 1, 5, 1, 21, 5, 1, 6},
		Monetary: []int64{
			90_000, 1_150_000, 95_000, 9_800_000, 100_000, 1_200_000, 100_000,
			1_180_000, 105_000, 10_000_000, 1_190_000, 110_000, 1_200_050,
		},
		Gaps: seq(1, 40),
	}
}

func TestSuggestKMeans(t *testing.T) {
	in := handMade()
	before := slices.Clone(in.Monetary)
	s, err := Suggest(in, SuggestKMeans)
	if err != nil {
		t.Fatal(err)
	}
	want := Bounds{
		Count:       [2]int{1, 6},
		RecencyDays: [2]int{32, 38}, // ranks ⌈0.8·40⌉ = 32 and ⌈0.95·40⌉ = 38
		Monetary:    Monetary{Mode: MonetaryFixed, Fixed: [2]int64{110_000, 1_200_050}},
	}
	if s.Bounds != want {
		t.Errorf("Bounds = %+v, want %+v", s.Bounds, want)
	}
	if !slices.Equal(in.Monetary, before) {
		t.Error("Suggest reordered the caller's Monetary")
	}
	checkReasons(t, s.Reasons, map[string][]string{
		"recency_days RU": {"80% повторных покупок происходят в пределах 32 дней", "95% — в пределах 38 дней", "границы 32 и 38 дней", "интервалов между покупками: 40"},
		"recency_days EN": {"80% of repeat purchases happen within 32 days", "95% within 38 days", "bounds 32 and 38 days"},
		"count_bounds RU": {"k-means", "1 покупка — 46% клиентов", "2–6 покупок — 38%", "7 и более покупок — 15%", "границы 1 и 6", "клиентов: 13"},
		"count_bounds EN": {"k-means", "1 purchase — 46% of clients", "2–6 purchases — 38%", "7 or more purchases — 15%", "bounds 1 and 6"},
		"monetary RU":     {"до 1 100 ₽ — 46% клиентов", "свыше 1 100 ₽ до 12 000,50 ₽ — 38%", "свыше 12 000,50 ₽ — 15%", "границы 1 100 ₽ и 12 000,50 ₽"},
		"monetary EN":     {"up to 1,100 ₽ — 46% of clients", "over 1,100 ₽ up to 12,000.50 ₽ — 38%", "over 12,000.50 ₽ — 15%"},
	})
}

func TestSuggestQuantiles(t *testing.T) {
	s, err := Suggest(handMade(), SuggestQuantiles)
	if err != nil {
		t.Fatal(err)
	}
	// n = 13: tertile ranks ⌈13/3⌉ = 5 and ⌈26/3⌉ = 9 of the sorted values.
	want := Bounds{
		Count:       [2]int{1, 5},
		RecencyDays: [2]int{32, 38},
		Monetary:    Monetary{Mode: MonetaryFixed, Fixed: [2]int64{105_000, 1_190_000}},
	}
	if s.Bounds != want {
		t.Errorf("Bounds = %+v, want %+v", s.Bounds, want)
	}
	checkReasons(t, s.Reasons, map[string][]string{
		"count_bounds RU": {"трети", "1 покупка — 46% клиентов", "2–5 покупок — 23%", "6 и более покупок — 31%"},
		"monetary EN":     {"thirds", "up to 1,050 ₽", "up to 11,900 ₽"},
	})
}

func TestSuggestQuantilesTie(t *testing.T) {
	in := SuggestInput{
		Purchases: []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 4},
		Monetary:  []int64{500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 700, 900, 800},
	}
	s, err := Suggest(in, SuggestQuantiles)
	if err != nil {
		t.Fatal(err)
	}
	// Both tertiles are 1 and 5 ₽; the second limit moves to the next value in the data.
	if s.Bounds.Count != [2]int{1, 2} || s.Bounds.Monetary.Fixed != [2]int64{500, 700} {
		t.Errorf("Bounds = %+v, want counts 1, 2 and money 500, 700", s.Bounds)
	}
	checkReasons(t, s.Reasons, map[string][]string{
		"count_bounds RU": {"Обе трети пришлись на одно значение (1), поэтому вторая граница поднята до 2."},
		"count_bounds EN": {"Both tertiles fall on the same value (1), so the second bound is raised to 2."},
		"monetary RU":     {"Обе трети пришлись на одну сумму (5 ₽), поэтому вторая граница поднята до 7 ₽."},
	})
}

func TestSuggestFallbacks(t *testing.T) {
	in := SuggestInput{
		Purchases: []int{1, 2, 1, 2},
		Monetary:  []int64{100, 100, 100, 100},
		Gaps:      seq(1, 19),
	}
	for _, m := range []SuggestMethod{SuggestKMeans, SuggestQuantiles} {
		s, err := Suggest(in, m)
		if err != nil {
			t.Fatal(err)
		}
		want := Bounds{Count: [2]int{1, 3}, RecencyDays: [2]int{90, 180}, Monetary: Monetary{Mode: MonetaryTertiles}}
		if s.Bounds != want {
			t.Errorf("%s: Bounds = %+v, want %+v", m, s.Bounds, want)
		}
		checkReasons(t, s.Reasons, map[string][]string{
			"recency_days RU": {"интервалов между покупками: 19, нужно не меньше 20", "90 и 180 дней"},
			"recency_days EN": {"gaps between purchases: 19, at least 20 needed", "90 and 180 days"},
			"count_bounds RU": {"различных значений меньше трёх (1, 2)", "1 и 3"},
			"monetary EN":     {"fewer than three distinct sums", "tertiles"},
		})
	}
}

func TestSuggestEqualPercentiles(t *testing.T) {
	gaps := make([]int, 25)
	for i := range gaps {
		gaps[i] = 7
	}
	in := handMade()
	in.Gaps = gaps
	s, err := Suggest(in, SuggestKMeans)
	if err != nil {
		t.Fatal(err)
	}
	if s.Bounds.RecencyDays != [2]int{7, 8} {
		t.Errorf("RecencyDays = %v, want [7 8]", s.Bounds.RecencyDays)
	}
	checkReasons(t, s.Reasons, map[string][]string{
		"recency_days RU": {"в пределах 7 дней после предыдущей, 95% — в пределах 7 дней", "границы 7 и 8 дней", "поднята до 8 дней"},
		"recency_days EN": {"raised to 8 days"},
	})
}

func TestSuggestErrors(t *testing.T) {
	tests := []struct {
		name string
		in   SuggestInput
		m    SuggestMethod
		want string
	}{
		{"no clients", SuggestInput{}, SuggestKMeans, "no clients with purchases"},
		{"lengths differ", SuggestInput{Purchases: []int{1, 2}, Monetary: []int64{1}}, SuggestKMeans, "2 purchase counts but 1 money sums"},
		{"zero purchases", SuggestInput{Purchases: []int{1, 0}, Monetary: []int64{1, 2}}, SuggestKMeans, "0 purchases"},
		{"same-day gap", SuggestInput{Purchases: []int{2}, Monetary: []int64{1}, Gaps: []int{0}}, SuggestKMeans, "one visit"},
		{"unknown method", handMade(), "median", `unknown method "median"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Suggest(tt.in, tt.m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Suggest error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := Suggest(SuggestInput{}, SuggestQuantiles); !errors.Is(err, ErrNoPurchases) {
		t.Errorf("Suggest(empty) = %v, want ErrNoPurchases", err)
	}
}

// checkReasons checks that each "key LANG" reason holds every fragment.
func checkReasons(t *testing.T, reasons []Reason, want map[string][]string) {
	t.Helper()
	for name, frags := range want {
		key, lang, _ := strings.Cut(name, " ")
		i := slices.IndexFunc(reasons, func(r Reason) bool { return r.Key == key })
		if i < 0 {
			t.Errorf("no reason %q", key)
			continue
		}
		text := reasons[i].EN
		if lang == "RU" {
			text = reasons[i].RU
		}
		for _, f := range frags {
			if !strings.Contains(text, f) {
				t.Errorf("%s reason %q lacks %q", name, text, f)
			}
		}
	}
}

func TestPlural(t *testing.T) {
	want := map[int]string{
		1: "день", 2: "дня", 4: "дня", 5: "дней", 11: "дней", 12: "дней", 14: "дней",
		21: "день", 22: "дня", 25: "дней", 101: "день", 111: "дней", 112: "дней", 1000: "дней",
	}
	for n, w := range want {
		if got := plural(n, "день", "дня", "дней"); got != w {
			t.Errorf("plural(%d) = %q, want %q", n, got, w)
		}
	}
}

func TestSuggestShare(t *testing.T) {
	tests := []struct {
		part, n int
		want    string
	}{
		{0, 10, "0%"}, {10, 10, "100%"}, {1, 3, "33%"}, {2, 3, "67%"}, {1, 1000, "<1%"}, {999, 1000, ">99%"}, {1, 200, "1%"},
	}
	for _, tt := range tests {
		if got := share(tt.part, tt.n); got != tt.want {
			t.Errorf("share(%d, %d) = %q, want %q", tt.part, tt.n, got, tt.want)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	const n = 1_500_000
	in := SuggestInput{Purchases: make([]int, n), Monetary: logNormalKopecks(n), Gaps: make([]int, n/2)}
	for i := range in.Purchases {
		in.Purchases[i] = 1 + int(in.Monetary[i]%7)*int(in.Monetary[i]%3)
	}
	for i := range in.Gaps {
		in.Gaps[i] = 1 + int(in.Monetary[i]%365)
	}
	for b.Loop() {
		if _, err := Suggest(in, SuggestKMeans); err != nil {
			b.Fatal(err)
		}
	}
}
