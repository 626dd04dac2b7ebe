package demo

import (
	"regexp"
	"strings"
	"testing"
)

// validINN checks the length and check digits of an INN, written independently of
// inn.go from the tax service's description.
func validINN(s string) bool {
	check := func(w []int) int {
		sum := 0
		for i, k := range w {
			sum += int(s[i]-'0') * k
		}
		return sum % 11 % 10
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	switch len(s) {
	case 10:
		return check([]int{2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[9]-'0')
	case 12:
		return check([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[10]-'0') &&
			check([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == int(s[11]-'0')
	}
	return false
}

func TestValidINN(t *testing.T) {
	// Published INNs: Sberbank (legal entity) and a checksum-valid personal INN.
	for _, s := range []string{"7707083893", "500100732259"} {
		if !validINN(s) {
			t.Errorf("validINN(%s) = false", s)
		}
	}
	for _, s := range []string{"7707083894", "500100732258", "123", "77070838a3"} {
		if validINN(s) {
			t.Errorf("validINN(%s) = true", s)
		}
	}
}

var (
	emailPattern = regexp.MustCompile(`^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$`)
	phonePattern = regexp.MustCompile(`^\+7 \([0-9]{3}\) [0-9]{3}-[0-9]{2}-[0-9]{2}$`)
	namePattern  = regexp.MustCompile(`^((ООО|АО) "[^"]+"|(ИП )?[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+)$`)
)

func TestClients(t *testing.T) {
	o := Options{Clients: 5000, Seed: 31}
	var list []Client
	if err := Clients(o, func(c Client) error {
		list = append(list, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ids, inns := map[string]bool{}, map[string]bool{}
	kinds := map[ClientKind]int{}
	for _, c := range list {
		ok := refPattern.MatchString(c.ID) && validINN(c.INN) && emailPattern.MatchString(c.Email) &&
			phonePattern.MatchString(c.Phone) && namePattern.MatchString(c.Name) && c.Manager != ""
		legal := c.Kind == LegalEntity
		if !ok || legal != (len(c.INN) == 10) || legal != (len(c.KPP) == 9) ||
			(c.Kind == SoleTrader) != strings.HasPrefix(c.Name, "ИП ") {
			t.Fatalf("bad client %+v", c)
		}
		if ids[c.ID] || inns[c.INN] {
			t.Fatalf("client %+v repeats an id or INN", c)
		}
		ids[c.ID], inns[c.INN] = true, true
		kinds[c.Kind]++
	}
	if len(list) != 5000 || len(kinds) != 3 {
		t.Fatalf("%d clients of %d kinds", len(list), len(kinds))
	}
	for _, s := range collect(t, o) {
		if !ids[s.ClientID] {
			t.Fatalf("sale of %s, who is not in the catalog", s.ClientID)
		}
	}
}

func TestClientsDeterministic(t *testing.T) {
	first := func(seed int64) Client {
		var c0 Client
		_ = Clients(Options{Clients: 3, Seed: seed}, func(c Client) error {
			if c0.ID == "" {
				c0 = c
			}
			return nil
		})
		return c0
	}
	if a, b := first(1), first(1); a != b || a == first(2) {
		t.Error("the catalog is not a function of the seed")
	}
}
