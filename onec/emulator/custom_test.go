package emulator

import (
	"testing"

	"github.com/rfm9/rfm9/onec"
)

// customMapping is a user's own mapping: a single-typed recorder, a client field
// straight on the register, extra catalog fields for templates.
const customMapping = `
preset: custom
register:
  entity: AccumulationRegister_ПродажиКлиентам_RecordType
  period: Period
  active: Active
  document: Recorder_Key
  client: Покупатель_Key
  amount: Выручка
  quantity: Количество
  manager: Менеджер_Key
clients:
  entity: Catalog_Покупатели
  name: НаименованиеПолное
  inn: ИНН
  contact_info: Catalog_Покупатели_КонтактнаяИнформация
  fields:
    kpp: КПП
    kind: ЮрФизЛицо
    region: Регион
    segment_key: Сегмент_Key
`

func TestCustomMapping(t *testing.T) {
	m, err := onec.ParseMapping([]byte(customMapping))
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, "unf", func(o *Options) { o.Mapping = m })
	r := newReader(t, s, m)
	got := map[string]*docTotal{}
	r.window(t, historyFrom, historyTo, 1000, got)
	compareDocs(t, got, expectedFor(t, m, historyFrom, historyTo))

	_, reg := s.get(t, m.Register.Entity, "$top", "1")
	mustContain(t, reg, `"Recorder_Key": "`, `"Менеджер_Key": "`, `(Recorder_Key=guid'`)
	mustNotMatch(t, reg, `"Recorder": `, `"Recorder_Type": `)
	_, cat := s.get(t, m.Clients.Entity, "$filter", "IsFolder eq false", "$top", "30")
	mustContain(t, cat, `"НаименованиеПолное": "`, `"Description": "`, `"КПП": "`, `"ЮрФизЛицо": "ЮридическоеЛицо"`,
		`"Регион": ""`, `"Сегмент_Key": "`+onec.EmptyRef+`"`)
	doc, types := fetchMetadata(t, s)
	if !hasSet(doc, "Catalog_Пользователи") || types[m.Register.Entity]["Recorder_Key"] != "Edm.Guid" {
		t.Errorf("metadata: users %v, Recorder_Key %q", hasSet(doc, "Catalog_Пользователи"), types[m.Register.Entity]["Recorder_Key"])
	}
}
