package emulator

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

func TestRegisterJSONCarriesTheQuirks(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			s := start(t, preset, nil)
			r := s.e.opts.Mapping.Register
			resp, body := s.do(t, r.Entity, "", "$format", "json")
			if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			mustContain(t, body,
				`"odata.metadata": "`+s.base+`$metadata#`+r.Entity+`"`,
				`"LineNumber": "1"`,
				`"`+r.Active+`": false`,
				`"`+r.Client+`": "`+onec.EmptyRef+`"`,
				`"`+r.DocumentType+`": "StandardODATA.Document_ВозвратТоваровОтКлиента"`,
				`"`+r.DocumentType+`": "StandardODATA.Document_РеализацияТоваровУслуг"`,
				`@navigationLinkUrl": "`,
			)
			mustMatch(t, body,
				`"`+r.Period+`": "20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d"`, // local time, no zone
				`"`+r.Amount+`": \d+\.\d{6,},?\n`,                   // a float artefact such as 731.9399999999999
			)
			mustNotMatch(t, body, `odata\.nextLink`, `"LineNumber": \d`, `"`+r.Period+`": "[^"]*(Z|[+-]\d\d:\d\d)"`)
			checkSigns(t, list(t, body), r)
		})
	}
}

// checkSigns checks that returns and storno records carry negative amounts.
func checkSigns(t *testing.T, rows []map[string]any, r onec.RegisterMapping) {
	t.Helper()
	var returns, storno int
	for _, row := range rows {
		amount := scaled(t, row[r.Amount], 2)
		isReturn := strings.HasSuffix(row[r.DocumentType].(string), "ВозвратТоваровОтКлиента")
		if isReturn {
			returns++
		}
		if isReturn != (amount < 0) {
			t.Errorf("return %v with amount %d", isReturn, amount)
		}
		if r.Storno != "" && row[r.Storno] == true {
			storno++
			if !isReturn {
				t.Errorf("a storno record on a sale: %v", row)
			}
		}
	}
	if returns == 0 || r.Storno != "" && storno == 0 {
		t.Errorf("%d return lines, %d storno lines", returns, storno)
	}
}

func TestCatalogJSONCarriesTheQuirks(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			s := start(t, preset, nil)
			c := s.e.opts.Mapping.Clients
			code, body := s.get(t, c.Entity)
			if code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			section := strings.TrimPrefix(c.ContactInfo, c.Entity+"_")
			mustContain(t, body, `"Code": "00-000001  "`, `"IsFolder": true`, `"DeletionMark": true`,
				`"Parent_Key": "`+onec.EmptyRef+`"`, `"`+section+`": [{`, `"Тип": "Телефон"`, `"АдресЭП": "`)
			if c.INN != "" {
				mustContain(t, body, `"`+c.INN+`": null`)
			}
			if c.Manager != "" {
				mustContain(t, body, `"`+c.Manager+`": null`)
			}
			rows := list(t, body)
			v, err := base64.StdEncoding.DecodeString(rows[0]["DataVersion"].(string))
			if err != nil || len(v) != 8 {
				t.Errorf("DataVersion %q: %v", rows[0]["DataVersion"], err)
			}
		})
	}
}

func TestDocumentJSONCarriesTheQuirks(t *testing.T) {
	s := start(t, "ut11", nil)
	_, sales := s.get(t, "Document_РеализацияТоваровУслуг", "$top", "3")
	mustContain(t, sales, `"Number": "ТД-000001  "`, `"Posted": true`, `"ДатаВходящегоДокумента": "0001-01-01T00:00:00"`,
		`"Партнер@navigationLinkUrl": "Document_РеализацияТоваровУслуг(guid'`)
	_, returns := s.get(t, "Document_ВозвратТоваровОтКлиента", "$top", "3")
	mustMatch(t, returns, `"СуммаДокумента": -\d`)
	code, anonymous := s.get(t, "Document_РеализацияТоваровУслуг", "$filter", "Партнер_Key eq guid'"+onec.EmptyRef+"'")
	if code != 200 || len(list(t, anonymous)) == 0 {
		t.Errorf("no sale with the empty client: %d %.300s", code, anonymous)
	}
}

// mustContain checks that body holds every piece of text.
func mustContain(t *testing.T, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %s", s)
		}
	}
}

// mustMatch checks that body matches every pattern.
func mustMatch(t *testing.T, body string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(body) {
			t.Errorf("body does not match %s", p)
		}
	}
}

// mustNotMatch checks that body matches no pattern.
func mustNotMatch(t *testing.T, body string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if m := regexp.MustCompile(p).FindString(body); m != "" {
			t.Errorf("body has %s", m)
		}
	}
}
