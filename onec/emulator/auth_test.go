package emulator

import (
	"encoding/base64"
	"net/http"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestBasicAuthWithCyrillicLogin(t *testing.T) {
	s := start(t, "unf", func(o *Options) { o.User, o.Password = "Администратор", "пароль 1С" })
	if code, body := s.get(t, "Catalog_Контрагенты", "$top", "1"); code != 200 {
		t.Fatalf("right credentials: %d %s", code, body)
	}
	cp1251, err := charmap.Windows1251.NewEncoder().String("Администратор")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"wrong password":   basic("Администратор", "пароль"),
		"no credentials":   "",
		"cp1251 login":     "Basic " + base64.StdEncoding.EncodeToString([]byte(cp1251+":пароль 1С")),
		"wrong user":       basic("Admin", "пароль 1С"),
		"not basic at all": "Bearer x",
	}
	for name, header := range tests {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.url("Catalog_Контрагенты"), nil)
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") != `Basic realm="1C:Enterprise"` {
				t.Errorf("status %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
}

// basic is an Authorization header with the credentials as UTF-8.
func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}
