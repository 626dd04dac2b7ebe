package emulator

import (
	"errors"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// firstSale is the Ref_Key, date and client of the first sale document.
func firstSale(t *testing.T, s *server) (id, date, client string) {
	t.Helper()
	_, body := s.get(t, "Document_РеализацияТоваровУслуг", "$top", "1", "$filter", "Posted eq true and Контрагент_Key ne guid'"+onec.EmptyRef+"'")
	row := list(t, body)[0]
	return row["Ref_Key"].(string), row["Date"].(string), row["Контрагент_Key"].(string)
}

// recordsOf reads the register records of one document.
func recordsOf(t *testing.T, s *server, doc, date string) []map[string]any {
	t.Helper()
	code, body := s.get(t, "AccumulationRegister_Продажи_RecordType",
		"$filter", "Period eq datetime'"+date+"' and Документ eq '"+doc+"'", "$orderby", "LineNumber")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	return list(t, body)
}

func TestRepost(t *testing.T) {
	s := start(t, "unf", nil)
	id, date, _ := firstSale(t, s)
	_, before := s.get(t, "Document_РеализацияТоваровУслуг(guid'"+id+"')")
	if err := s.e.RepostDocument(id, []int64{12345, 100}); err != nil {
		t.Fatal(err)
	}
	rows := recordsOf(t, s, id, date)
	if len(rows) != 2 || scaled(t, rows[0]["Сумма"], 2) != 12345 || scaled(t, rows[1]["Сумма"], 2) != 100 {
		t.Fatalf("records after repost: %v", rows)
	}
	_, after := s.get(t, "Document_РеализацияТоваровУслуг(guid'"+id+"')")
	mustContain(t, after, `"СуммаДокумента": 124.45`)
	if version(t, before) == version(t, after) {
		t.Error("DataVersion did not change")
	}
}

func TestUnpostAndDelete(t *testing.T) {
	s := start(t, "unf", nil)
	id, date, _ := firstSale(t, s)
	if err := s.e.UnpostDocument(id); err != nil {
		t.Fatal(err)
	}
	if rows := recordsOf(t, s, id, date); len(rows) != 0 {
		t.Errorf("%d records after unposting", len(rows))
	}
	_, doc := s.get(t, "Document_РеализацияТоваровУслуг(guid'"+id+"')")
	mustContain(t, doc, `"Posted": false`)
	if err := s.e.DeleteDocument(id); err != nil {
		t.Fatal(err)
	}
	resp, body := s.do(t, "Document_РеализацияТоваровУслуг(guid'"+id+"')", "application/json")
	checkError(t, resp, body, 404, "9", "")
	if err := s.e.DeleteDocument(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestCreateDocument(t *testing.T) {
	s := start(t, "unf", nil)
	_, _, client := firstSale(t, s)
	at := time.Date(2026, 10, 30, 10, 15, 0, 0, moscow())
	id, err := s.e.CreateDocument(NewDocument{ClientID: client, Date: at, Amounts: []int64{50000, 25050}})
	if err != nil {
		t.Fatal(err)
	}
	rows := recordsOf(t, s, id, "2026-10-30T10:15:00")
	if len(rows) != 2 || rows[0]["Контрагент_Key"] != client || scaled(t, rows[1]["Сумма"], 2) != 25050 {
		t.Fatalf("records of the new document: %v", rows)
	}
	ret, err := s.e.CreateDocument(NewDocument{ClientID: client, Date: at.Add(time.Hour), Amounts: []int64{-50000}, Return: true})
	if err != nil {
		t.Fatal(err)
	}
	_, body := s.get(t, "Document_ВозвратТоваровОтКлиента(guid'"+ret+"')")
	mustContain(t, body, `"СуммаДокумента": -500`, `"Date": "2026-10-30T11:15:00"`)
	if _, err := s.e.CreateDocument(NewDocument{ClientID: "nobody", Date: at, Amounts: []int64{1}}); err == nil {
		t.Error("a document for an unknown client")
	}
}

// version is the DataVersion of a single-entity body.
func version(t *testing.T, body string) string {
	t.Helper()
	var v struct {
		DataVersion string
	}
	if err := jsonUnmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	return v.DataVersion
}

func TestMutationsWhileReading(t *testing.T) {
	s := start(t, "ut11", nil)
	_, body := s.get(t, "Document_РеализацияТоваровУслуг", "$top", "20", "$select", "Ref_Key")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, row := range list(t, body) {
			id := row["Ref_Key"].(string)
			switch i % 3 {
			case 0:
				s.e.RepostDocument(id, []int64{int64(i + 1)})
			case 1:
				s.e.UnpostDocument(id)
			default:
				s.e.DeleteDocument(id)
			}
		}
	}()
	for range 10 {
		if code, body := s.get(t, "AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType", "$top", "200"); code != 200 {
			t.Fatalf("%d %s", code, body)
		}
	}
	<-done
}
