package lifecycle

import "fmt"

// plural picks the Russian form that goes after the number n: 1 покупка, 2 покупки, 5 покупок.
func plural(n int, one, few, many string) string {
	n %= 100
	if n < 0 {
		n = -n
	}
	if n >= 11 && n <= 14 {
		return many
	}
	switch n % 10 {
	case 1:
		return one
	case 2, 3, 4:
		return few
	}
	return many
}

// genitive picks the Russian form after "от"/"более": от 21 покупки, от 5 покупок.
func genitive(n int, one, many string) string {
	if n%10 == 1 && n%100 != 11 {
		return one
	}
	return many
}

// pick chooses between two texts, usually by language.
func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// enPlural is "1 day" or "N days".
func enPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
