package emulator

import "testing"

func FuzzFilter(f *testing.F) {
	for _, seed := range []string{
		"Period ge datetime'2024-01-01T00:00:00' and Period lt datetime'2024-02-01T00:00:00'",
		"(Active eq true) and Контрагент_Key eq guid'00000000-0000-0000-0000-000000000000'",
		"Сумма gt -1.5e3M and LineNumber le 3L",
		"Документ eq 'it''s' or not x",
		"substringof('a', Документ_Type)",
		"((((", "'", "Period ge datetime'", "-", "eq eq eq",
	} {
		f.Add(seed)
	}
	reg := newRegisterTable(&store{}, mapping(f, "unf").Register)
	f.Fuzz(func(t *testing.T, expr string) {
		flt, err := parseFilter(expr, reg.entity())
		if err == nil {
			flt.hint() // must not panic either
		}
	})
}
