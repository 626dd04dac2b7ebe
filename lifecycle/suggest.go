package lifecycle

import (
	"errors"
	"fmt"
	"github.com/rfm9/rfm9/money"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// SuggestMethod picks how count and money bounds are suggested.
type SuggestMethod string

// Suggestion methods.
const (
	SuggestKMeans    SuggestMethod = "kmeans"    // exact optimal 1-D k-means into three groups
	SuggestQuantiles SuggestMethod = "quantiles" // values at the tertile ranks ⌈n/3⌉ and ⌈2n/3⌉
)

// Reason keys, one per suggested limit.
const (
	ReasonRecency  = "recency_days"
	ReasonCount    = "count_bounds"
	ReasonMonetary = "monetary"
)

// minGaps is how many gaps between purchases make percentiles worth trusting: with fewer,
// p95 is just the largest gap or two.
const minGaps = 20

// ErrNoPurchases means the input has no client with a purchase to suggest bounds from.
var ErrNoPurchases = errors.New("no clients with purchases")

// SuggestInput is what the suggestion looks at, gathered by the caller as of one date.
type SuggestInput struct {
	Purchases []int   // per client with at least one purchase: number of purchases
	Monetary  []int64 // per client, in the same order: net sum in kopecks
	Gaps      []int   // days between consecutive purchase days of repeat buyers (same-day purchases are one visit)
}

// Suggestion is a suggested Bounds with the reasons for each limit.
type Suggestion struct {
	Bounds  Bounds   // Monetary.Mode is MonetaryFixed, or MonetaryTertiles when M cannot be split
	Reasons []Reason // recency, count, money, in that order
}

// Reason explains one suggested limit to a marketing manager.
type Reason struct {
	Key string // ReasonRecency, ReasonCount or ReasonMonetary
	RU  string
	EN  string
}

// Suggest proposes bounds from the data: recency from the p80 and p95 of repeat-purchase
// gaps, count and money limits by method.
func Suggest(in SuggestInput, m SuggestMethod) (Suggestion, error) {
	if err := in.validate(m); err != nil {
		return Suggestion{}, fmt.Errorf("lifecycle: suggest: %w", err)
	}
	var s Suggestion
	var rr, cr, mr Reason
	s.Bounds.RecencyDays, rr = suggestRecency(in.Gaps)
	counts := make([]int64, len(in.Purchases))
	for i, p := range in.Purchases {
		counts[i] = int64(p)
	}
	var err error
	if s.Bounds.Count, cr, err = suggestCounts(counts, m); err != nil {
		return Suggestion{}, fmt.Errorf("lifecycle: suggest count bounds: %w", err)
	}
	if s.Bounds.Monetary, mr, err = suggestMoney(slices.Clone(in.Monetary), m); err != nil {
		return Suggestion{}, fmt.Errorf("lifecycle: suggest money bounds: %w", err)
	}
	s.Reasons = []Reason{rr, cr, mr}
	return s, nil
}

// validate rejects input that would make the suggestion quietly wrong.
func (in SuggestInput) validate(m SuggestMethod) error {
	if m != SuggestKMeans && m != SuggestQuantiles {
		return fmt.Errorf("unknown method %q, want %q or %q", m, SuggestKMeans, SuggestQuantiles)
	}
	if len(in.Purchases) == 0 {
		return ErrNoPurchases
	}
	if len(in.Monetary) != len(in.Purchases) {
		return fmt.Errorf("%d purchase counts but %d money sums", len(in.Purchases), len(in.Monetary))
	}
	if i := slices.IndexFunc(in.Purchases, func(p int) bool { return p < 1 }); i >= 0 {
		return fmt.Errorf("client %d has %d purchases, want only clients with purchases", i, in.Purchases[i])
	}
	if i := slices.IndexFunc(in.Gaps, func(g int) bool { return g < 1 }); i >= 0 {
		return fmt.Errorf("gap %d is %d days, want at least 1: purchases on one day are one visit", i, in.Gaps[i])
	}
	return nil
}

// suggestRecency takes p80 and p95 of the gaps, or the defaults when there are too few.
func suggestRecency(gaps []int) ([2]int, Reason) {
	if len(gaps) < minGaps {
		return DefaultBounds().RecencyDays, recencyDefaultReason(len(gaps))
	}
	sorted := slices.Sorted(slices.Values(gaps))
	r1, r2 := atRank(sorted, 80, 100), atRank(sorted, 95, 100)
	raised := r2 <= r1
	if raised {
		r2 = r1 + 1 // R2 must hold at least one day, or R2 and R1 would merge
	}
	return [2]int{r1, r2}, recencyReason(r1, r2, len(gaps), raised)
}

// atRank is the value at rank ⌈num·n/den⌉ (1-based) of sorted: the nearest-rank
// percentile for num/den = p/100, and the tertile cut for 1/3 and 2/3.
func atRank[T any](sorted []T, num, den int) T {
	rank := max(1, (num*len(sorted)+den-1)/den)
	return sorted[rank-1]
}

// split is a pair of limits that cuts sorted values into three groups.
type split struct {
	limits [2]int64
	tooFew bool // fewer than three distinct values: the caller keeps its default
	raised bool // the quantiles were equal and the second limit was raised above the first
	sizes  [3]int
}

// splitThree cuts sorted values into three groups by m.
func splitThree(sorted []int64, m SuggestMethod) (split, error) {
	if vals := distinctUpTo(sorted, 3); len(vals) < 3 {
		return split{tooFew: true}, nil
	}
	var sp split
	if m == SuggestKMeans {
		up, err := KMeans1D(sorted, 3)
		if err != nil {
			return split{}, err
		}
		sp.limits = [2]int64{up[0], up[1]}
	} else {
		sp.limits = [2]int64{atRank(sorted, 1, 3), atRank(sorted, 2, 3)}
		if sp.raised = sp.limits[1] <= sp.limits[0]; sp.raised {
			sp.limits[1] = above(sorted, sp.limits[0])
		}
	}
	n1, n2 := countAtMost(sorted, sp.limits[0]), countAtMost(sorted, sp.limits[1])
	sp.sizes = [3]int{n1, n2 - n1, len(sorted) - n2}
	return sp, nil
}

// distinctUpTo returns the first up to k distinct values of sorted.
func distinctUpTo(sorted []int64, k int) []int64 {
	var vals []int64
	for i, v := range sorted {
		if i == 0 || v != sorted[i-1] {
			if vals = append(vals, v); len(vals) == k {
				break
			}
		}
	}
	return vals
}

// above is the smallest value of sorted greater than v, so that the group it closes is not
// empty; v+1 when v is the largest.
func above(sorted []int64, v int64) int64 {
	if i := countAtMost(sorted, v); i < len(sorted) {
		return sorted[i]
	}
	return v + 1
}

// countAtMost is how many values of sorted are <= v.
func countAtMost(sorted []int64, v int64) int {
	return sort.Search(len(sorted), func(i int) bool { return sorted[i] > v })
}

// suggestCounts cuts purchase counts into three groups, or keeps the defaults.
func suggestCounts(counts []int64, m SuggestMethod) ([2]int, Reason, error) {
	slices.Sort(counts)
	sp, err := splitThree(counts, m)
	if err != nil {
		return [2]int{}, Reason{}, err
	}
	if sp.tooFew {
		def := DefaultBounds().Count
		return def, countDefaultReason(distinctUpTo(counts, 3), def), nil
	}
	return [2]int{int(sp.limits[0]), int(sp.limits[1])}, countReason(sp, counts[0], m), nil
}

// suggestMoney cuts net sums into three groups, or keeps tertiles over all clients.
func suggestMoney(sums []int64, m SuggestMethod) (Monetary, Reason, error) {
	slices.Sort(sums)
	sp, err := splitThree(sums, m)
	if err != nil {
		return Monetary{}, Reason{}, err
	}
	if sp.tooFew {
		return Monetary{Mode: MonetaryTertiles}, moneyDefaultReason(), nil
	}
	return Monetary{Mode: MonetaryFixed, Fixed: sp.limits}, moneyReason(sp, m), nil
}

// recencyDefaultReason says why the default recency bounds were kept.
func recencyDefaultReason(gaps int) Reason {
	return Reason{
		Key: ReasonRecency,
		RU: fmt.Sprintf("Давность: повторных покупок мало (интервалов между покупками: %s, нужно не меньше %d), "+
			"поэтому оставлены границы по умолчанию — 90 и 180 дней.", money.Count(int64(gaps), "ru"), minGaps),
		EN: fmt.Sprintf("Recency: too few repeat purchases (gaps between purchases: %s, at least %d needed), "+
			"so the default bounds are kept: 90 and 180 days.", money.Count(int64(gaps), "en"), minGaps),
	}
}

// recencyReason explains recency bounds taken from the percentiles.
func recencyReason(r1, r2, gaps int, raised bool) Reason {
	p95 := r2
	if raised {
		p95 = r1
	}
	ru := fmt.Sprintf("Давность: 80%% повторных покупок происходят в пределах %s после предыдущей, "+
		"95%% — в пределах %s; границы %d и %s (интервалов между покупками: %s).",
		ruDays(r1, true), ruDays(p95, true), r1, ruDays(r2, false), money.Count(int64(gaps), "ru"))
	en := fmt.Sprintf("Recency: 80%% of repeat purchases happen within %s of the previous one, "+
		"95%% within %s; bounds %d and %s (gaps between purchases: %s).",
		enPlural(r1, "day", "days"), enPlural(p95, "day", "days"), r1, enPlural(r2, "day", "days"), money.Count(int64(gaps), "en"))
	if raised {
		ru += fmt.Sprintf(" Оба перцентиля равны, поэтому вторая граница поднята до %s, чтобы классы R2 и R1 различались.", ruDays(r2, true))
		en += fmt.Sprintf(" Both percentiles are equal, so the second bound is raised to %s to keep R2 and R1 apart.", enPlural(r2, "day", "days"))
	}
	return Reason{Key: ReasonRecency, RU: ru, EN: en}
}

// countDefaultReason says why the default count bounds were kept.
func countDefaultReason(vals []int64, def [2]int) Reason {
	list := make([]string, len(vals))
	for i, v := range vals {
		list[i] = strconv.FormatInt(v, 10)
	}
	return Reason{
		Key: ReasonCount,
		RU: fmt.Sprintf("Число покупок: различных значений меньше трёх (%s), разбить клиентов на три группы нельзя; "+
			"оставлены границы по умолчанию — %d и %d.", strings.Join(list, ", "), def[0], def[1]),
		EN: fmt.Sprintf("Purchase count: fewer than three distinct values (%s), so clients cannot be split into three groups; "+
			"the default bounds are kept: %d and %d.", strings.Join(list, ", "), def[0], def[1]),
	}
}

// countReason explains count bounds with the groups they make.
func countReason(sp split, least int64, m SuggestMethod) Reason {
	c1, c2, n := sp.limits[0], sp.limits[1], sp.sizes[0]+sp.sizes[1]+sp.sizes[2]
	ru := fmt.Sprintf("Число покупок: %s: %s — %s клиентов, %s — %s, %d и более покупок — %s; границы %d и %d (клиентов: %s).",
		methodRU(m), ruPurchases(least, c1), share(sp.sizes[0], n), ruPurchases(c1+1, c2), share(sp.sizes[1], n),
		c2+1, share(sp.sizes[2], n), c1, c2, money.Count(int64(n), "ru"))
	en := fmt.Sprintf("Purchase count: %s: %s — %s of clients, %s — %s, %d or more purchases — %s; bounds %d and %d (clients: %s).",
		methodEN(m), enPurchases(least, c1), share(sp.sizes[0], n), enPurchases(c1+1, c2), share(sp.sizes[1], n),
		c2+1, share(sp.sizes[2], n), c1, c2, money.Count(int64(n), "en"))
	if sp.raised {
		ru += fmt.Sprintf(" Обе трети пришлись на одно значение (%d), поэтому вторая граница поднята до %d.", c1, c2)
		en += fmt.Sprintf(" Both tertiles fall on the same value (%d), so the second bound is raised to %d.", c1, c2)
	}
	return Reason{Key: ReasonCount, RU: ru, EN: en}
}

// moneyDefaultReason says why money stays in tertiles.
func moneyDefaultReason() Reason {
	return Reason{
		Key: ReasonMonetary,
		RU:  "Сумма покупок: различных сумм меньше трёх, разбить клиентов на три группы нельзя; оставлено деление на трети по всем клиентам.",
		EN:  "Money: fewer than three distinct sums, so clients cannot be split into three groups; tertiles over all clients are kept.",
	}
}

// moneyReason explains money limits with the groups they make.
func moneyReason(sp split, m SuggestMethod) Reason {
	n := sp.sizes[0] + sp.sizes[1] + sp.sizes[2]
	ru1, ru2 := money.Rubles(sp.limits[0], "ru"), money.Rubles(sp.limits[1], "ru")
	en1, en2 := money.Rubles(sp.limits[0], "en"), money.Rubles(sp.limits[1], "en")
	ru := fmt.Sprintf("Сумма покупок: %s: до %s — %s клиентов, свыше %s до %s — %s, свыше %s — %s; границы %s и %s (клиентов: %s).",
		methodRU(m), ru1, share(sp.sizes[0], n), ru1, ru2, share(sp.sizes[1], n), ru2, share(sp.sizes[2], n),
		ru1, ru2, money.Count(int64(n), "ru"))
	en := fmt.Sprintf("Money: %s: up to %s — %s of clients, over %s up to %s — %s, over %s — %s; bounds %s and %s (clients: %s).",
		methodEN(m), en1, share(sp.sizes[0], n), en1, en2, share(sp.sizes[1], n), en2, share(sp.sizes[2], n),
		en1, en2, money.Count(int64(n), "en"))
	if sp.raised {
		ru += fmt.Sprintf(" Обе трети пришлись на одну сумму (%s), поэтому вторая граница поднята до %s.", ru1, ru2)
		en += fmt.Sprintf(" Both tertiles fall on the same sum (%s), so the second bound is raised to %s.", en1, en2)
	}
	return Reason{Key: ReasonMonetary, RU: ru, EN: en}
}

// methodRU names how the groups were found, in Russian.
func methodRU(m SuggestMethod) string {
	if m == SuggestKMeans {
		return "оптимальное разбиение клиентов на три группы (k-means)"
	}
	return "деление клиентов на трети (значения на рангах ⌈n/3⌉ и ⌈2n/3⌉)"
}

// methodEN names how the groups were found, in English.
func methodEN(m SuggestMethod) string {
	if m == SuggestKMeans {
		return "the optimal split of clients into three groups (k-means)"
	}
	return "clients split into thirds (values at ranks ⌈n/3⌉ and ⌈2n/3⌉)"
}

// ruPurchases names a range of purchase counts in Russian: "1 покупка", "2–4 покупки".
func ruPurchases(lo, hi int64) string {
	word := plural(int(hi), "покупка", "покупки", "покупок")
	if lo == hi {
		return fmt.Sprintf("%d %s", hi, word)
	}
	return fmt.Sprintf("%d–%d %s", lo, hi, word)
}

// enPurchases names a range of purchase counts in English: "1 purchase", "2–4 purchases".
func enPurchases(lo, hi int64) string {
	if lo == hi {
		return enPlural(int(hi), "purchase", "purchases")
	}
	return fmt.Sprintf("%d–%d purchases", lo, hi)
}

// ruDays is "N день/дня/дней"; genitive is the form after "в пределах" and "до".
func ruDays(n int, afterPreposition bool) string {
	if afterPreposition {
		return fmt.Sprintf("%d %s", n, genitive(n, "дня", "дней"))
	}
	return fmt.Sprintf("%d %s", n, plural(n, "день", "дня", "дней"))
}

// share is part of n as a rounded percent; "<1%" and ">99%" keep small groups visible.
func share(part, n int) string {
	pct := (200*part + n) / (2 * n)
	switch {
	case pct == 0 && part > 0:
		return "<1%"
	case pct == 100 && part < n:
		return ">99%"
	}
	return strconv.Itoa(pct) + "%"
}
