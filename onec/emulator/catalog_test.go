package emulator

import (
	"strconv"
	"testing"

	"github.com/rfm9/rfm9/onec/demo"
)

func TestCatalogKeysetPagingReadsTheDemoClients(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			s := start(t, preset, nil)
			c := s.e.opts.Mapping.Clients
			want := map[string]demo.Client{}
			if err := demo.Clients(smallDemo, func(cl demo.Client) error { want[cl.ID] = cl; return nil }); err != nil {
				t.Fatal(err)
			}
			items := "IsFolder eq false and DeletionMark eq false"
			got := map[string]string{}
			for last := ""; ; {
				filter := items
				if last != "" {
					filter += " and Ref_Key gt guid'" + last + "'"
				}
				code, body := s.get(t, c.Entity, "$filter", filter, "$orderby", "Ref_Key", "$top", "37", "$select", "Ref_Key,"+c.Name)
				if code != 200 {
					t.Fatalf("%d %s", code, body)
				}
				rows := list(t, body)
				for _, row := range rows {
					id := row["Ref_Key"].(string)
					if id <= last {
						t.Fatalf("%s after %s: not in Ref_Key order", id, last)
					}
					got[id], last = row[c.Name].(string), id
				}
				if len(rows) < 37 {
					break
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d clients, want %d", len(got), len(want))
			}
			for id, cl := range want {
				if got[id] != cl.Name {
					t.Fatalf("client %s: %q, want %q", id, got[id], cl.Name)
				}
			}
		})
	}
}

func TestContactsBySkip(t *testing.T) {
	s := start(t, "unf", nil)
	emails := map[string]string{}
	for skip := 0; ; skip += 100 {
		_, body := s.get(t, "Catalog_Контрагенты_КонтактнаяИнформация", "$orderby", "Ref_Key,LineNumber", "$top", "100", "$skip", strconv.Itoa(skip))
		rows := list(t, body)
		for _, row := range rows {
			if row["Тип"] == "АдресЭлектроннойПочты" {
				emails[row["Ref_Key"].(string)] = row["АдресЭП"].(string)
			}
		}
		if len(rows) < 100 {
			break
		}
	}
	n := 0
	err := demo.Clients(smallDemo, func(cl demo.Client) error {
		if n++; emails[cl.ID] != cl.Email {
			t.Errorf("client %s: e-mail %q, want %q", cl.ID, emails[cl.ID], cl.Email)
		}
		return nil
	})
	if err != nil || len(emails) != n {
		t.Errorf("%d e-mails for %d clients: %v", len(emails), n, err)
	}
}
