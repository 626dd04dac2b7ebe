package lifecycle

import (
	"fmt"
	"strings"

	"github.com/rfm9/rfm9/money"
)

// Explain is the sentence that says in plain words what a code means under the bounds
// and money limits of m, e.g. "2–3 покупки, последняя 91–180 дней назад, сумма 12 000 – 48 000 ₽".
// lang is "ru" (the default) or "en".
func (m *Matrix) Explain(c Code, lang string) string {
	b := m.Bounds
	parts := []string{countPhrase(b.Count, c.F, lang), recencyPhrase(b.RecencyDays, c.R, lang)}
	cuts, ok := m.Cuts(c.Cell())
	parts = append(parts, moneyPhrase(cuts, ok, c.M, lang))
	return strings.Join(parts, ", ")
}

func countPhrase(cb [2]int, f uint8, lang string) string {
	en := lang == "en"
	lo, hi := 1, cb[0]
	switch f {
	case 2:
		lo, hi = cb[0]+1, cb[1]
	case 3:
		if en {
			return fmt.Sprintf("%d or more purchases", cb[1]+1)
		}
		n := cb[1] + 1
		return fmt.Sprintf("от %d %s", n, genitive(n, "покупки", "покупок"))
	}
	if en {
		return rangeText(lo, hi) + pick(hi == 1 && lo == 1, " purchase", " purchases")
	}
	return rangeText(lo, hi) + " " + plural(hi, "покупка", "покупки", "покупок")
}

func recencyPhrase(rb [2]int, r uint8, lang string) string {
	en := lang == "en"
	lo, hi := 0, rb[0]
	switch r {
	case 2:
		lo, hi = rb[0]+1, rb[1]
	case 1:
		if en {
			return fmt.Sprintf("the last over %d days ago", rb[1])
		}
		return fmt.Sprintf("последняя более %d %s назад", rb[1], genitive(rb[1], "дня", "дней"))
	}
	if hi == 0 {
		return pick(en, "the last today", "последняя сегодня")
	}
	if en {
		return "the last " + rangeText(lo, hi) + pick(hi == 1, " day ago", " days ago")
	}
	return "последняя " + rangeText(lo, hi) + " " + plural(hi, "день", "дня", "дней") + " назад"
}

func moneyPhrase(cuts Cuts, ok bool, mc uint8, lang string) string {
	en := lang == "en"
	if !ok {
		return pick(en, "no clients in the cell to set money limits", "в ячейке нет клиентов, границ суммы нет")
	}
	word := pick(en, "total ", "сумма ")
	switch mc {
	case 1:
		return word + pick(en, "up to ", "до ") + money.Rubles(cuts[0], lang)
	case 2:
		first := strings.TrimSuffix(money.Rubles(cuts[0], lang), " ₽")
		return word + first + " – " + money.Rubles(cuts[1], lang)
	}
	return word + pick(en, "over ", "больше ") + money.Rubles(cuts[1], lang)
}

func rangeText(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(hi)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}
