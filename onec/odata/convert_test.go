package odata

import (
	"bytes"
	"github.com/rfm9/rfm9/calendar"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// convertCapture decodes a capture and converts it with an open period.
func convertCapture(t *testing.T, file, preset string, via map[string]string) ([]onec.Sale, tally) {
	t.Helper()
	body, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	reg := newRegister(testMapping(t, presetYAML(t, preset)).Register)
	p := &page{}
	if err := newDecoder(reg.set).decode(bytes.NewReader(body), p, 0); err != nil {
		t.Fatal(err)
	}
	c := converter{reg: reg, zone: zoneCache{calendar.Zone{Loc: moscow(t)}}, via: via, from: 0, to: 1 << 40}
	var tl tally
	return c.convert(p, p.n, nil, &tl), tl
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02T15:04:05", s, moscow(t))
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestConvertUT11(t *testing.T) {
	via := map[string]string{
		"a1000000-0000-11ee-8c99-0242ac120001": "b1000000-0000-11ee-8c99-0242ac120001",
		"a2000000-0000-11ee-8c99-0242ac120001": "b2000000-0000-11ee-8c99-0242ac120001",
		"a3000000-0000-11ee-8c99-0242ac120001": onec.EmptyRef,
	}
	got, tl := convertCapture(t, "ut11_sales.json", "ut11", via)
	const b1, b2 = "b1000000-0000-11ee-8c99-0242ac120001", "b2000000-0000-11ee-8c99-0242ac120001"
	want := []onec.Sale{
		{ClientID: b1, DocumentID: "9d473c64-cfca-4840-11f0-2426af738206", DocumentType: "Document_РеализацияТоваровУслуг",
			Period: at(t, "2024-03-05T14:22:10"), Amount: 250050, Quantity: 2000, Discount: 12025, Lines: 1},
		{ClientID: b1, DocumentID: "9d473c64-cfca-4840-11f0-2426af738206", DocumentType: "Document_РеализацияТоваровУслуг",
			Period: at(t, "2024-03-05T14:22:10"), Amount: 99999, Quantity: 1500, Discount: 1000, Lines: 1},
		{ClientID: b1, DocumentID: "11111111-2222-3333-4444-555555555555", DocumentType: "Document_ВозвратТоваровОтКлиента",
			Period: at(t, "2024-03-06T09:00:00"), Amount: -99999, Quantity: -1000, Discount: -1000, Lines: 1},
		// storno written with the flag and positive sums
		{ClientID: b2, DocumentID: "22222222-2222-3333-4444-555555555555", DocumentType: "Document_КорректировкаРеализации",
			Period: at(t, "2024-03-07T10:15:00"), Amount: -30000, Quantity: -3000, Discount: -1500, Lines: 1},
		// storno written with negative sums and the flag: left as it is
		{ClientID: b2, DocumentID: "77777777-2222-3333-4444-555555555555", DocumentType: "Document_РеализацияТоваровУслуг",
			Period: at(t, "2024-03-08T08:30:00"), Amount: -20000, Quantity: -2000, Discount: -500, Lines: 1},
	}
	checkSales(t, got, want)
	wantSkips := map[string]int64{ReasonInactive: 1, ReasonNoClient: 2, ReasonUnknownKey: 1}
	if s := tl.skipped(); !reflect.DeepEqual(s, wantSkips) {
		t.Errorf("skipped = %v, want %v", s, wantSkips)
	}
}

func TestConvertUNF(t *testing.T) {
	got, tl := convertCapture(t, "unf_sales.json", "unf", nil)
	const e1, e2 = "e1000000-0000-11ef-9d47-3c64cfca4840", "e2000000-0000-11ef-9d47-3c64cfca4840"
	want := []onec.Sale{
		{ClientID: e1, DocumentID: "0a0a0a0a-1111-11ef-9d47-3c64cfca4840", DocumentType: "Document_РасходнаяНакладная",
			Period: at(t, "2025-01-15T10:00:00"), Amount: 123456, Quantity: 4000, Lines: 1},
		// padded composite, amount and quantity as strings, 99.995 rounds half away from zero
		{ClientID: e2, DocumentID: "0b0b0b0b-1111-11ef-9d47-3c64cfca4840", DocumentType: "Document_ОтчетОРозничныхПродажах",
			Period: at(t, "2025-01-15T23:59:59"), Amount: 10000, Quantity: 333, Lines: 1},
		{ClientID: e1, DocumentID: "0d0d0d0d-1111-11ef-9d47-3c64cfca4840", DocumentType: "Document_ВозвратОтПокупателя",
			Period: at(t, "2025-01-17T12:30:45"), Amount: -61728, Quantity: -1000, Lines: 1},
	}
	checkSales(t, got, want)
	if s := tl.skipped(); !reflect.DeepEqual(s, map[string]int64{ReasonNoDocument: 1}) {
		t.Errorf("skipped = %v", s)
	}
}

// TestConvertRecorderKey reads a register with one recorder type, which 1C
// publishes as Recorder_Key, through a mapping that says Recorder.
func TestConvertRecorderKey(t *testing.T) {
	got, tl := convertCapture(t, "retail_sales_recorder_key.json", "retail", nil)
	want := []onec.Sale{{ClientID: "ca000001-0000-11ef-9d47-3c64cfca4840", DocumentID: "1c1c1c1c-1111-11ef-9d47-3c64cfca4840",
		Period: at(t, "2025-02-01T09:05:00"), Amount: 90000, Quantity: 1000, Discount: 10000, Lines: 1}}
	checkSales(t, got, want)
	if s := tl.skipped(); !reflect.DeepEqual(s, map[string]int64{ReasonNoClient: 1}) {
		t.Errorf("skipped = %v", s)
	}
}

func TestConvertBadValues(t *testing.T) {
	m := testMapping(t, presetYAML(t, "ut11"))
	m.Register.ClientVia = nil
	reg := newRegister(m.Register)
	body := `{"value":[
	{"Period":"2024-13-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":1},
	{"Period":"0001-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":1},
	{"Period":"2024-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":"abc"},
	{"Period":"2024-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c"},
	{"Period":"2024-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":1,"Количество":"x"},
	{"Period":"2024-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":1,"СуммаРучнойСкидки":{}},
	{"Period":"2024-01-01T00:00:00","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":1e30},
	{"Period":"2024-01-01T00:00:00Z","Recorder":"d","АналитикаУчетаПоПартнерам_Key":"c","СуммаВыручки":null,"Active":"true","Сторно":"true"}
	]}`
	p := &page{}
	if err := newDecoder(reg.set).decode(bytes.NewReader([]byte(body)), p, 0); err != nil {
		t.Fatal(err)
	}
	c := converter{reg: reg, zone: zoneCache{calendar.Zone{Loc: moscow(t)}}, from: 0, to: 1 << 40}
	var tl tally
	got := c.convert(p, p.n, nil, &tl)
	want := map[string]int64{ReasonBadDate: 2, ReasonBadAmount: 3, ReasonBadQty: 1, ReasonBadDisc: 1}
	if s := tl.skipped(); !reflect.DeepEqual(s, want) {
		t.Errorf("skipped = %v, want %v", s, want)
	}
	// a zoned date is converted to the base's zone; a null amount reads as zero
	if len(got) != 1 || !got[0].Period.Equal(at(t, "2024-01-01T03:00:00")) || got[0].Amount != 0 {
		t.Errorf("sales = %+v", got)
	}
}

func checkSales(t *testing.T, got, want []onec.Sale) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d sales, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Period.Equal(w.Period) || g.Period.Location().String() != w.Period.Location().String() {
			t.Errorf("sale %d: period %v, want %v", i, g.Period, w.Period)
		}
		g.Period, w.Period = time.Time{}, time.Time{}
		if g != w {
			t.Errorf("sale %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
