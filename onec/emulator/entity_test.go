package emulator

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// jsonUnmarshal decodes a body into v.
func jsonUnmarshal(body string, v any) error { return json.Unmarshal([]byte(body), v) }

func TestSingleEntity(t *testing.T) {
	s := start(t, "ut11", nil)
	_, body := s.get(t, "Catalog_Партнеры", "$filter", "IsFolder eq false and DeletionMark eq false", "$top", "1")
	id := list(t, body)[0]["Ref_Key"].(string)
	code, one := s.get(t, "Catalog_Партнеры(guid'"+id+"')")
	if code != 200 {
		t.Fatalf("%d %s", code, one)
	}
	var v map[string]any
	if err := jsonUnmarshal(one, &v); err != nil {
		t.Fatal(err)
	}
	if v["odata.metadata"] != s.base+"$metadata#Catalog_Партнеры/@Element" || v["Ref_Key"] != id || v["IsFolder"] != false {
		t.Errorf("entity %v", v)
	}
	if _, ok := v["КонтактнаяИнформация"].([]any); !ok {
		t.Errorf("no inline contact information: %v", v["КонтактнаяИнформация"])
	}
}

func TestSelect(t *testing.T) {
	s := start(t, "ut11", nil)
	_, body := s.get(t, "AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType", "$select", "Recorder,СуммаВыручки,Менеджер_Key", "$top", "3")
	for _, row := range list(t, body) {
		if len(row) != 4 || row["Менеджер@navigationLinkUrl"] == nil {
			t.Errorf("selected row %v", row)
		}
	}
	_, nometa := s.do(t, "Catalog_Пользователи", "application/json;odata=nometadata", "$top", "1")
	if strings.Contains(nometa, "odata.metadata") || strings.Contains(nometa, "navigationLinkUrl") {
		t.Errorf("nometadata body %s", nometa)
	}
}

func TestCountAndInlineCount(t *testing.T) {
	s := start(t, "unf", nil)
	filter := "Period ge datetime'2025-01-01T00:00:00' and Period lt datetime'2025-07-01T00:00:00' and Active eq true"
	resp, text := s.do(t, "AccumulationRegister_Продажи_RecordType/$count", "", "$filter", filter)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("$count: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), text)
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 100 {
		t.Fatalf("$count %q", text)
	}
	_, body := s.get(t, "AccumulationRegister_Продажи_RecordType", "$filter", filter, "$inlinecount", "allpages", "$top", "5", "$skip", "10")
	var v struct {
		Count string           `json:"odata.count"`
		Value []map[string]any `json:"value"`
	}
	if err := jsonUnmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if v.Count != text || len(v.Value) != n {
		t.Errorf("$inlinecount: count %s and %d rows, want %d of both ($top and $skip ignored)", v.Count, len(v.Value), n)
	}
}

func TestAtomByDefault(t *testing.T) {
	s := start(t, "retail", nil)
	resp, body := s.do(t, "AccumulationRegister_Продажи_RecordType", "", "$top", "4")
	var feed struct {
		Entries []struct {
			Properties struct {
				Inner string `xml:",innerxml"`
			} `xml:"content>properties"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil || len(feed.Entries) != 4 {
		t.Fatalf("atom: %v, %d entries", err, len(feed.Entries))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("Content-Type %q", ct)
	}
	mustContain(t, feed.Entries[0].Properties.Inner, `m:type="Edm.Int64">1<`, `<d:Recorder_Type>StandardODATA.Document_`)
	_, service := s.get(t, "")
	mustContain(t, service, `"name": "Catalog_ИнформационныеКарты"`)
}
