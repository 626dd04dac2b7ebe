package odata

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// loadRecords reads a capture's records for the fake server, numbers kept as written.
func loadRecords(t *testing.T, file string) []map[string]any {
	t.Helper()
	body, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top struct {
		Value []map[string]any `json:"value"`
	}
	if err := dec.Decode(&top); err != nil {
		t.Fatal(err)
	}
	return top.Value
}

// unfRecords makes n УНФ register records at the given civil times.
func unfRecords(times []string) []map[string]any {
	recs := make([]map[string]any, len(times))
	for i, tm := range times {
		doc := fmt.Sprintf("%08x-0000-11ef-9d47-3c64cfca4840", i/3)
		recs[i] = map[string]any{
			"Recorder": doc, "Recorder_Type": "StandardODATA.Document_РасходнаяНакладная",
			"Period": tm, "LineNumber": fmt.Sprint(i%3 + 1), "Active": true,
			"Документ": doc, "Документ_Type": "StandardODATA.Document_РасходнаяНакладная",
			"Контрагент_Key": fmt.Sprintf("e%07x-0000-11ef-9d47-3c64cfca4840", i%50),
			"Количество":     json.Number("1"), "Сумма": json.Number(fmt.Sprintf("%d.%02d", i, i%100)),
		}
	}
	return recs
}

// crowdedTimes spreads records over January 2024 with a busy hour and one
// second that holds more records than a page.
func crowdedTimes() []string {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []string
	for range 600 {
		out = append(out, start.Add(time.Duration(rng.Int64N(31*86400))*time.Second).Format("2006-01-02T15:04:05"))
	}
	busy := time.Date(2024, 1, 10, 15, 0, 0, 0, time.UTC)
	for range 300 {
		out = append(out, busy.Add(time.Duration(rng.Int64N(3600))*time.Second).Format("2006-01-02T15:04:05"))
	}
	for range 130 {
		out = append(out, "2024-01-20T12:00:00")
	}
	return out
}

// collect runs Sales and returns every delivered sale, checking batch sizes.
func collect(t *testing.T, r *Reader, p onec.Period) ([]onec.Sale, error) {
	t.Helper()
	var all []onec.Sale
	err := r.Sales(context.Background(), p, func(b []onec.Sale) error {
		if len(b) == 0 || len(b) > r.pageSize {
			t.Errorf("batch of %d sales", len(b))
		}
		all = append(all, b...)
		return nil
	})
	return all, err
}

func TestSalesWindowSplitting(t *testing.T) {
	f, srv := newFake(t)
	recs := unfRecords(crowdedTimes())
	f.sets["AccumulationRegister_Продажи_RecordType"] = recs
	f.maxTop = 51
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	r.pageSize = 50
	p := onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-02-01T00:00:00")}
	got, err := collect(t, r, p)
	if err != nil {
		t.Fatal(err)
	}
	checkDeliveredOnce(t, got, len(recs))
	if !anyRequest(f, "$skip=") {
		t.Error("the crowded second was not paged with $skip")
	}
	t.Logf("%d records in %d requests", len(recs), len(f.requests()))
}

// checkDeliveredOnce checks each record came once, in period order.
func checkDeliveredOnce(t *testing.T, got []onec.Sale, want int) {
	t.Helper()
	seen := make(map[string]bool)
	for i, s := range got {
		key := fmt.Sprintf("%s/%d/%d", s.DocumentID, s.Amount, s.Period.Unix())
		if seen[key] {
			t.Fatalf("sale %d delivered twice: %+v", i, s)
		}
		seen[key] = true
		if i > 0 && s.Period.Before(got[i-1].Period) {
			t.Fatalf("sale %d out of period order: %v after %v", i, s.Period, got[i-1].Period)
		}
	}
	if len(got) != want {
		t.Fatalf("delivered %d sales, want %d", len(got), want)
	}
}

func anyRequest(f *fake1C, substr string) bool {
	for _, u := range f.requests() {
		if strings.Contains(u, substr) {
			return true
		}
	}
	return false
}

func TestSalesOpenPeriod(t *testing.T) {
	f, srv := newFake(t)
	recs := unfRecords([]string{"2023-05-01T10:00:00", "2023-05-01T10:00:00", "2023-07-15T23:59:59", "2024-02-29T00:00:00"})
	f.sets["AccumulationRegister_Продажи_RecordType"] = recs
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	got, err := collect(t, r, onec.Period{})
	if err != nil {
		t.Fatal(err)
	}
	checkDeliveredOnce(t, got, len(recs))
	if !anyRequest(f, "$orderby=Period&$top=1") || !anyRequest(f, "$orderby=Period%20desc&$top=1") {
		t.Errorf("bounds not found with $top=1: %v", f.requests())
	}
	// a period with nothing in it asks no more than the bounds
	f.sets["AccumulationRegister_Продажи_RecordType"] = nil
	if got, err := collect(t, r, onec.Period{}); err != nil || len(got) != 0 {
		t.Fatalf("empty register: %d sales, %v", len(got), err)
	}
}

func TestSalesURLEncoding(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords([]string{"2024-01-05T10:00:00"})
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	if _, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-01-08T00:00:00")}); err != nil {
		t.Fatal(err)
	}
	for _, u := range f.requests() {
		if strings.Contains(u, "+") {
			t.Errorf("a + in %s", u)
		}
		if !strings.Contains(u, "AccumulationRegister_%D0%9F%D1%80%D0%BE%D0%B4%D0%B0%D0%B6%D0%B8_RecordType?") {
			t.Errorf("entity not percent-encoded UTF-8 in %s", u)
		}
		q, err := url.ParseQuery(u[strings.IndexByte(u, '?')+1:])
		if err != nil {
			t.Fatal(err)
		}
		want := "Period ge datetime'2024-01-01T00:00:00' and Period lt datetime'2024-01-08T00:00:00'"
		if q.Get("$filter") != want || !strings.Contains(u, "Period%20ge%20datetime'2024-01-01T00:00:00'%20and") {
			t.Errorf("$filter = %q in %s", q.Get("$filter"), u)
		}
		if q.Get("$select") != "Period,Active,Документ,Документ_Type,Контрагент_Key,Сумма,Количество" {
			t.Errorf("$select = %q", q.Get("$select"))
		}
		if q.Get("$orderby") != "Period,Документ,LineNumber" || q.Get("$format") != "json" || q.Get("$top") != "2001" {
			t.Errorf("query = %v", q)
		}
	}
}

func TestSalesClientVia(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType"] = loadRecords(t, "ut11_sales.json")
	f.sets["Catalog_КлючиАналитикиУчетаПоПартнерам"] = loadRecords(t, "ut11_keys.json")
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "ut11")), nil)
	p := onec.Period{From: at(t, "2024-03-01T00:00:00"), To: at(t, "2024-04-01T00:00:00")}
	for range 2 {
		got, err := collect(t, r, p)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := convertCapture(t, "ut11_sales.json", "ut11", map[string]string{
			"a1000000-0000-11ee-8c99-0242ac120001": "b1000000-0000-11ee-8c99-0242ac120001",
			"a2000000-0000-11ee-8c99-0242ac120001": "b2000000-0000-11ee-8c99-0242ac120001",
			"a3000000-0000-11ee-8c99-0242ac120001": onec.EmptyRef,
		})
		checkSales(t, got, want)
		wantSkips := map[string]int64{ReasonInactive: 1, ReasonNoClient: 2, ReasonUnknownKey: 1}
		if s := r.Skipped(); !reflect.DeepEqual(s, wantSkips) {
			t.Errorf("Skipped() = %v, want %v", s, wantSkips)
		}
	}
	keyReads := 0
	for _, u := range f.requests() {
		if strings.Contains(u, "Catalog_%D0%9A") {
			keyReads++
			if !strings.Contains(u, "$select=Ref_Key,%D0%9F%D0%B0%D1%80%D1%82%D0%BD%D0%B5%D1%80_Key") {
				t.Errorf("key catalog read without $select: %s", u)
			}
		}
	}
	if keyReads != 1 {
		t.Errorf("the key catalog was read %d times, want once", keyReads)
	}
}

func TestSalesStopsOnConsumerError(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords(crowdedTimes())
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), nil)
	r.pageSize = 50
	stop := fmt.Errorf("enough")
	calls := 0
	err := r.Sales(context.Background(), onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-02-01T00:00:00")},
		func([]onec.Sale) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Fatalf("err = %v after %d calls, want the consumer's error after 1", err, calls)
	}
}

func TestPacer(t *testing.T) {
	p := newPacer(7*86400, 100)
	p.learn(7*86400, 101)
	if p.length != 7*86400/2 {
		t.Errorf("after overflow length = %d", p.length)
	}
	p.learn(p.length, 10)
	if p.length != 7*86400 {
		t.Errorf("after a sparse window length = %d", p.length)
	}
	for range 20 {
		p.learn(p.length, 0)
	}
	if p.length != 64*7*86400 {
		t.Errorf("length grew to %d, want the cap", p.length)
	}
	for range 40 {
		p.learn(2, 1000)
	}
	if p.length != 1 {
		t.Errorf("length shrank to %d, want 1", p.length)
	}
}

func TestClientViaReloadsWhenOld(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType"] = loadRecords(t, "ut11_sales.json")
	f.sets["Catalog_КлючиАналитикиУчетаПоПартнерам"] = loadRecords(t, "ut11_keys.json")
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "ut11")), nil)
	now := time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	p := onec.Period{From: at(t, "2024-03-01T00:00:00"), To: at(t, "2024-04-01T00:00:00")}
	reads := func() int {
		n := 0
		for _, u := range f.requests() {
			if strings.Contains(u, "Catalog_%D0%9A") {
				n++
			}
		}
		return n
	}
	collect(t, r, p)
	now = now.Add(viaTTL - time.Second)
	collect(t, r, p)
	if reads() != 1 {
		t.Fatalf("key catalog read %d times within its TTL", reads())
	}
	// a key posted since the load is found once the copy is old
	f.sets["Catalog_КлючиАналитикиУчетаПоПартнерам"] = append(f.sets["Catalog_КлючиАналитикиУчетаПоПартнерам"],
		map[string]any{"Ref_Key": "deadbeef-0000-11ee-8c99-0242ac120001", "Партнер_Key": "b9000000-0000-11ee-8c99-0242ac120001"})
	now = now.Add(2 * time.Second)
	collect(t, r, p)
	if reads() != 2 || r.Skipped()[ReasonUnknownKey] != 0 {
		t.Fatalf("reads %d, skipped %v", reads(), r.Skipped())
	}
}

// TestSalesServerIgnoresTop refuses a server that answers more than $top asked:
// windows would never be seen as full and $skip would deliver records twice.
func TestSalesServerIgnoresTop(t *testing.T) {
	f, srv := newFake(t)
	f.sets["AccumulationRegister_Продажи_RecordType"] = unfRecords(crowdedTimes())
	f.hook = func(w http.ResponseWriter, r *http.Request) bool {
		q := r.URL.Query()
		q.Del("$top")
		r.URL.RawQuery = q.Encode()
		return false
	}
	r := newTestReader(t, srv, testMapping(t, presetYAML(t, "unf")), func(c *Config) { c.Parallel = 1 })
	r.pageSize = 50
	_, err := collect(t, r, onec.Period{From: at(t, "2024-01-01T00:00:00"), To: at(t, "2024-02-01T00:00:00")})
	if err == nil || !strings.Contains(err.Error(), "more than the 51 records asked for with $top") {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want no retry", n)
	}
}
