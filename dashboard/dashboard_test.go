package dashboard

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	app, db := testApp(t, nil)
	b := newBrowser(t, app)
	if p := b.get("/matrix?x=1"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/login?next=%2Fmatrix%3Fx%3D1" {
		t.Fatalf("a page without a session: %d %q", p.status, p.header.Get("Location"))
	}
	p := b.get("/login?next=%2Fmatrix%3Fx%3D1")
	if p.status != 200 || !strings.Contains(p.body, `name="token"`) || b.csrf == "" {
		t.Fatalf("login form: %d %s", p.status, p.body)
	}
	if c := b.cookies[csrfCookie]; c == nil || !c.HttpOnly || c.Value != b.csrf {
		t.Errorf("csrf cookie %+v", c)
	}
	p = b.post("/login", url.Values{"token": {"nobody-0123456789"}, "next": {"/matrix?x=1"}})
	if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "Такого действующего токена нет") {
		t.Errorf("a wrong token: %d %s", p.status, p.body)
	}
	if p := b.post("/login", url.Values{"token": {writeSecret}}); p.status != http.StatusUnauthorized || !strings.Contains(p.body, "нет права read") {
		t.Errorf("a token without read: %d", p.status)
	}
	if b.cookies[sessionCookie] != nil {
		t.Fatal("a failed login left a session")
	}
	p = b.post("/login", url.Values{"token": {readSecret}, "next": {"/matrix?x=1"}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/matrix?x=1" {
		t.Fatalf("login: %d %q", p.status, p.header.Get("Location"))
	}
	c := b.cookies[sessionCookie]
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || strings.Contains(c.Value, readSecret) {
		t.Fatalf("session cookie %+v", c)
	}
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM sessions"); err != nil || n != 1 {
		t.Errorf("sessions in the store: %d %v", n, err)
	}
	if p := b.get("/matrix"); p.status != 200 || !strings.Contains(p.body, "reader-secret") {
		t.Errorf("matrix after login: %d", p.status)
	}

	// An open redirect is not one.
	for next, want := range map[string]string{"//evil.example/": "/", "https://evil.example/": "/", "/dynamics": "/dynamics"} {
		b2 := newBrowser(t, app)
		b2.get("/login")
		if p := b2.post("/login", url.Values{"token": {readSecret}, "next": {next}}); p.header.Get("Location") != want {
			t.Errorf("next %q → %q, want %q", next, p.header.Get("Location"), want)
		}
	}

	// Logout ends the session in the store, so the old cookie is worthless.
	old := *b.cookies[sessionCookie]
	if p := b.post("/logout", nil); p.status != http.StatusSeeOther || b.cookies[sessionCookie] != nil {
		t.Fatalf("logout: %d %v", p.status, b.cookies[sessionCookie])
	}
	b.cookies[sessionCookie] = &old
	if p := b.get("/matrix"); p.status != http.StatusSeeOther {
		t.Errorf("the old session after logout: %d", p.status)
	}
}

func TestCSRF(t *testing.T) {
	app, _ := testApp(t, nil)
	b := newBrowser(t, app)
	b.get("/login")
	if p := b.do("POST", "/login", url.Values{"token": {readSecret}}); p.status != http.StatusForbidden || !strings.Contains(p.body, "Форма устарела") {
		t.Errorf("login without the form token: %d", p.status)
	}
	if p := b.do("POST", "/login", url.Values{"token": {readSecret}, "_csrf": {"forged.token"}}); p.status != http.StatusForbidden {
		t.Errorf("login with a forged form token: %d", p.status)
	}
	b.login(adminSecret)
	form := url.Values{"c1": {"2"}, "c2": {"5"}, "r1": {"60"}, "r2": {"200"}, "mode": {"tertiles"}}
	if p := b.do("POST", "/matrix/bounds", form); p.status != http.StatusForbidden {
		t.Errorf("bounds without the form token: %d", p.status)
	}
	// A token from another browser's cookie does not pass with this one's.
	other := newBrowser(t, app)
	other.get("/login")
	form.Set("_csrf", other.csrf)
	if p := b.do("POST", "/matrix/bounds", form); p.status != http.StatusForbidden {
		t.Errorf("bounds with another browser's form token: %d", p.status)
	}
}

func TestBounds(t *testing.T) {
	app, _ := testApp(t, nil)
	reader := newBrowser(t, app)
	reader.login(readSecret)
	p := reader.get("/matrix")
	if !strings.Contains(p.body, "Сохранять границы может токен admin") || strings.Contains(p.body, `formaction="/matrix/bounds"`) {
		t.Error("a reader is offered to save bounds")
	}
	form := url.Values{"c1": {"2"}, "c2": {"5"}, "r1": {"60"}, "r2": {"200"}, "mode": {"fixed"}, "b1": {"150"}, "b2": {"1 000,50"}}
	p = reader.post("/matrix/preview", form)
	if p.status != 200 || !strings.Contains(p.body, "Предпросмотр: матрица при новых границах") || !strings.Contains(p.body, `value="1 000,50"`) {
		t.Fatalf("preview: %d", p.status)
	}
	if p := reader.post("/matrix/bounds", form); p.status != http.StatusForbidden {
		t.Errorf("a reader saved bounds: %d", p.status)
	}

	bad := url.Values{"c1": {"3"}, "c2": {"1"}, "r1": {"x"}, "r2": {"200"}, "mode": {"tertiles"}}
	p = reader.post("/matrix/preview", bad)
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "нужны целые числа") {
		t.Errorf("bad numbers: %d", p.status)
	}
	bad.Set("r1", "90")
	p = reader.post("/matrix/preview", bad)
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "границы должны возрастать: count_bounds 3,1") {
		t.Errorf("decreasing bounds (the API's message): %d", p.status)
	}

	admin := newBrowser(t, app)
	admin.login(adminSecret)
	p = admin.post("/matrix/bounds", form)
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/matrix?saved=1#bounds" {
		t.Fatalf("save: %d %s", p.status, p.body)
	}
	p = admin.get("/matrix?saved=1")
	for _, want := range []string{"Границы сохранены", "Версия 1 · admin-secret", "F: 2, 5", "R: 60, 200 дн.", "границы в рублях: 150 ₽, 1 000,50 ₽"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("after save, no %q", want)
		}
	}
}

func TestPages(t *testing.T) {
	app, _ := testApp(t, newFakeSnapshots())
	b := newBrowser(t, app)
	b.login(readSecret)
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		// Ромашка's check: (150 000 + 50 001) / 2 = 100 000,5 kopecks, rounded away from zero.
		{"/", 200, []string{"Матрица сегментов", "Новички", "Потерянные постоянные", "/segments/32", "/segments/321", "клиентов в матрице: <b>3</b>",
			"средний чек 1 000,01 ₽", "средний чек —"}},
		{"/segments/32", 200, []string{"32 — Перспективные", "ООО Ромашка", "7707083893", "Info@Romashka.ru", "format=xlsx",
			"средний чек <b>1 000,01 ₽</b>"}},
		{"/segments/31?q=" + url.QueryEscape("васил"), 200, []string{"ИП Васильков &lt;script&gt;"}},
		{"/segments/32?q=7707083893", 200, []string{"ООО Ромашка"}},
		{"/segments/32?q=" + url.QueryEscape("+7 495 123-45-67"), 200, []string{"ООО Ромашка"}},
		{"/segments/11?q=7707083893", 200, []string{"Нет клиентов."}},
		{"/segments/323?sort=purchases&order=asc", 200, []string{"ООО Ромашка", `order=desc&amp;sort=purchases" class="sorted">Покупок ↑`}},
		{"/segments/4", 400, []string{"ожидается код из трёх цифр"}},
		{"/segments/31?after=garbage", 400, []string{"курсор не от этого сервиса"}},
		{"/clients/" + strings.ToUpper(romashka), 200, []string{"ООО Ромашка", "Перспективный", "2–3 покупки", "Кросс-продажи", "Сегмент по снимкам", "2026-09-30", `id="page-data"`, "→"}},
		{"/clients/nobody", 404, []string{"Не найдено."}},
		{"/clients/find?q=7707083893", 303, nil},
		{"/clients/find?q=0000000000", 200, []string{"Никого не нашлось."}},
		{"/dynamics", 200, []string{"Размер сегментов", "Переходы 2026-08-31 → 2026-10-31", "Лучше: <b>0</b>", "Хуже: <b>1</b>", "Новые: <b>1</b>", "Выбыли: <b>1</b>", `"groups":["31 Новички"`}},
		{"/dynamics?level=stage&from=2026-09-30", 200, []string{"Удержать", `"dates":["2026-09-30","2026-10-31"]`}},
		{"/dynamics?from=2026-01-01", 400, []string{"дата одного из снимков"}},
	} {
		p := b.get(tc.path)
		if p.status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, p.status, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(p.body, w) {
				t.Errorf("%s: no %q", tc.path, w)
			}
		}
	}
	p := b.get("/segments/32?format=csv")
	if p.status != 200 || !strings.HasPrefix(p.header.Get("Content-Type"), "text/csv") || !strings.Contains(p.body, romashka) {
		t.Errorf("csv: %d %q", p.status, p.header.Get("Content-Type"))
	}
	p = b.get("/segments/32?format=xlsx")
	if p.status != 200 || !strings.HasPrefix(p.body, "PK") {
		t.Errorf("xlsx: %d", p.status)
	}
}

func TestNoSnapshotsYet(t *testing.T) {
	app, _ := testApp(t, nil)
	b := newBrowser(t, app)
	b.login(readSecret)
	if p := b.get("/dynamics"); p.status != 200 || !strings.Contains(p.body, "Снимков ещё нет") {
		t.Errorf("dynamics without snapshots: %d", p.status)
	}
	if p := b.get("/clients/" + romashka); p.status != 200 || strings.Contains(p.body, `id="page-data"`) {
		t.Errorf("client without snapshots: %d", p.status)
	}
}

func TestLanguage(t *testing.T) {
	app, _ := testApp(t, newFakeSnapshots())
	b := newBrowser(t, app)
	b.login(readSecret)
	p := b.get("/matrix?lang=en")
	if !strings.Contains(p.body, "Segment matrix") || !strings.Contains(p.body, "Newcomers") || !strings.Contains(p.body, `<html lang="en">`) {
		t.Error("?lang=en is not English")
	}
	if c := b.cookies[langCookie]; c == nil || c.Value != "en" {
		t.Fatalf("lang cookie %+v", c)
	}
	for _, path := range []string{"/dynamics", "/segments/32", "/clients/" + romashka} {
		if p := b.get(path); !strings.Contains(p.body, `<html lang="en">`) || !strings.Contains(p.body, "Русский") {
			t.Errorf("%s is not English after the switch", path)
		}
	}
	if p := b.get("/dynamics?lang=ru"); !strings.Contains(p.body, "Динамика сегментов") {
		t.Error("?lang=ru does not switch back")
	}
}

// TestTexts checks that every text the code asks for by key is in the table, in both
// languages (templates are checked by rendering, with missingkey=error).
func TestTexts(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(?:h\.text\(c, |&pageError\{[^,]+, )"([A-Za-z_]+)"[)}]`)
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if v, ok := texts[m[1]]; !ok || v[0] == "" || v[1] == "" {
				t.Errorf("%s: text %q is missing", f, m[1])
			}
		}
	}
	for k, v := range texts {
		if v[0] == "" || v[1] == "" {
			t.Errorf("text %q lacks a language", k)
		}
	}
}

// TestWithoutECharts: a build without the vendored ECharts (no `make assets`) still
// serves every page, says charts are unavailable and keeps the tables.
func TestWithoutECharts(t *testing.T) {
	app, _, h := testHandlers(t, newFakeSnapshots())
	delete(h.assets.files, echartsFile)
	b := newBrowser(t, app)
	b.login(readSecret)
	p := b.get("/dynamics")
	if p.status != 200 || !strings.Contains(p.body, "Графики недоступны") || strings.Contains(p.body, echartsFile) ||
		!strings.Contains(p.body, "Доля ушедших") || !strings.Contains(p.body, "app.js") {
		t.Errorf("dynamics without ECharts: %d", p.status)
	}
}

func TestAssets(t *testing.T) {
	app, _, h := testHandlers(t, nil)
	b := newBrowser(t, app)
	u := h.assets.url("app.css")
	if p := b.get(u); p.status != 200 || !strings.HasPrefix(p.header.Get("Content-Type"), "text/css") ||
		!strings.Contains(p.header.Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %v", u, p.status, p.header)
	}
	if p := b.get("/static/0000000000/app.css"); p.status != 404 {
		t.Errorf("an old checksum: %d", p.status)
	}
}
