package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/rfm9/rfm9/calendar"
	"io"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

// benchPage is a ut11 page as the reader asks for it: the mapped fields only,
// pageSize records, numbers both as numbers and as strings.
func benchPage(records int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"odata.metadata":"http://srv/ut/odata/standard.odata/$metadata#AccumulationRegister_ВыручкаИСебестоимостьПродаж_RecordType","value":[`)
	for i := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"Period":"2024-03-%02dT%02d:%02d:%02d","Active":true,"Recorder":"8c1a5f3e-1234-11ee-9d47-3c64cfca%04x",`+
			`"Recorder_Type":"StandardODATA.Document_РеализацияТоваровУслуг","АналитикаУчетаПоПартнерам_Key":"af738206-2426-11f0-9d47-3c64cfca%04x",`+
			`"СуммаВыручки":%d.%02d,"Количество":"%d","СуммаРучнойСкидки":0,"СуммаАвтоматическойСкидки":123.4,"Сторно":false}`,
			1+i/1000, i/60%24, i%60, i%60, i/3, i%1500, 1000+i, i%100, i%7+1)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// benchDecode decodes and converts one page, as a window's goroutine does.
func benchDecode(b *testing.B, rd *reading, c *converter, body []byte, out []onec.Sale) []onec.Sale {
	var t tally
	if err := rd.dec.decode(bytes.NewReader(body), &rd.page, 0); err != nil {
		b.Fatal(err)
	}
	out = c.convert(&rd.page, rd.page.n, out[:0], &t)
	if len(out) != rd.page.n {
		b.Fatalf("%d sales of %d records: %v", len(out), rd.page.n, t.skipped())
	}
	return out
}

func benchSetup(b *testing.B) (*register, []byte, *converter) {
	m := testMapping(b, presetYAML(b, "ut11"))
	m.Register.ClientVia = nil
	reg := newRegister(m.Register)
	return reg, benchPage(DefaultPageSize), &converter{reg: reg, zone: zoneCache{calendar.Zone{Loc: moscow(b)}}, from: 0, to: 1 << 40}
}

// BenchmarkDecodeRecords is one core decoding and converting register pages.
func BenchmarkDecodeRecords(b *testing.B) {
	reg, body, c := benchSetup(b)
	rd := &reading{dec: newDecoder(reg.set)}
	out := make([]onec.Sale, 0, DefaultPageSize)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		out = benchDecode(b, rd, c, body, out)
	}
	b.ReportMetric(float64(DefaultPageSize)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDecodeRecordsParallel decodes pages on every core, as parallel
// window requests do.
func BenchmarkDecodeRecordsParallel(b *testing.B) {
	reg, body, _ := benchSetup(b)
	rs := newReadings(reg.set)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		c := &converter{reg: reg, zone: zoneCache{calendar.Zone{Loc: moscow(b)}}, from: 0, to: 1 << 40}
		out := make([]onec.Sale, 0, DefaultPageSize)
		for pb.Next() {
			rd := rs.get()
			out = benchDecode(b, rd, c, body, out)
			rs.put(rd)
		}
	})
	b.ReportMetric(float64(DefaultPageSize)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkTokenStreamStdlib walks the same page with encoding/json's token
// stream, the alternative to jsontext, without even converting anything.
func BenchmarkTokenStreamStdlib(b *testing.B) {
	body := benchPage(DefaultPageSize)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(DefaultPageSize)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
