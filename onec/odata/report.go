package odata

import (
	"fmt"
	"strings"
)

// roleNames names the entity roles for people.
var roleNames = map[string][2]string{
	"register":     {"register", "регистр"},
	"client_via":   {"client key catalog", "справочник ключей клиентов"},
	"clients":      {"client catalog", "справочник клиентов"},
	"contact_info": {"contact information", "контактная информация"},
}

// fieldNoun names a field of each entity role for people.
var fieldNoun = map[string][2]string{
	"register":     {"register field", "поле регистра"},
	"client_via":   {"catalog field", "поле справочника"},
	"clients":      {"catalog field", "поле справочника"},
	"contact_info": {"contact field", "поле контактной информации"},
}

// String renders the report for a person in lang ("ru" or English), one line per
// entity and per field, then the verdict.
func (r Report) String(lang string) string {
	ru := 0
	if strings.HasPrefix(strings.ToLower(lang), "ru") {
		ru = 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, [2]string{"1C base %s", "база 1С %s"}[ru], r.BaseURL)
	if r.Preset != "" {
		fmt.Fprintf(&b, [2]string{" (preset %s)", " (пресет %s)"}[ru], r.Preset)
	}
	b.WriteByte('\n')
	for _, e := range r.Entities {
		e.write(&b, ru)
	}
	if n := r.Problems(); n > 0 {
		fmt.Fprintf(&b, [2]string{"%d problem(s) to fix\n", "проблем: %d, исправьте их\n"}[ru], n)
	} else {
		b.WriteString([2]string{"everything the mapping needs is published\n", "всё, что нужно сопоставлению, опубликовано\n"}[ru])
	}
	return b.String()
}

func (e EntityCheck) write(b *strings.Builder, ru int) {
	role := roleNames[e.Role][ru]
	switch {
	case !e.Found:
		fmt.Fprintf(b, [2]string{
			"  FAIL %s %s is not published in the standard OData interface: add it with УстановитьСоставСтандартногоИнтерфейсаOData%s\n",
			"  ОШИБКА %s %s не опубликован в стандартном интерфейсе OData: добавьте его процедурой УстановитьСоставСтандартногоИнтерфейсаOData%s\n",
		}[ru], role, e.Name, closestText(e.Closest, ru))
		return
	case e.Problem != nil:
		fmt.Fprintf(b, [2]string{"  FAIL %s %s: %s\n", "  ОШИБКА %s %s: %s\n"}[ru], role, e.Name, e.Problem.Text([2]string{"en", "ru"}[ru]))
	default:
		fmt.Fprintf(b, "  ok   %s %s\n", role, e.Name)
	}
	for _, f := range e.Fields {
		f.write(b, fieldNoun[e.Role][ru], ru)
	}
}

func (f FieldCheck) write(b *strings.Builder, noun string, ru int) {
	switch {
	case f.Found:
		fmt.Fprintf(b, "    ok   %s: %s\n", f.Role, f.Name)
	case f.Optional:
		fmt.Fprintf(b, [2]string{"    note %s %s not found (optional)\n", "    прим %s %s не найдено (необязательное)\n"}[ru], noun, f.Name)
	default:
		fmt.Fprintf(b, [2]string{"    FAIL %s: %s %s not found%s\n", "    ОШИБКА %s: %s %s не найдено%s\n"}[ru],
			f.Role, noun, f.Name, closestText(f.Closest, ru))
	}
}

func closestText(names []string, ru int) string {
	if len(names) == 0 {
		return ""
	}
	return [2]string{"; closest: ", "; похожие: "}[ru] + strings.Join(names, ", ")
}
