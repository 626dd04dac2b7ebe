package dashboard

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// langCookie remembers the language a user chose with ?lang=.
const langCookie = "rfm9_lang"

// langKey is where the request's language waits in fiber's locals.
const langKey = "lang"

// texts are every word the pages show, in Russian (the default) and English, by key.
// Templates read them as .T.key; a key missing from the table fails the render (and
// the test that renders every page), so no page shows a blank.
var texts = map[string][2]string{
	// layout
	"navMatrix":   {"Матрица", "Matrix"},
	"navDynamics": {"Динамика сегментов", "Segment dynamics"},
	"findClient":  {"Клиент: ИНН, e-mail, телефон, GUID", "Client: INN, e-mail, phone, GUID"},
	"otherLang":   {"English", "Русский"},
	"loggedInAs":  {"Вход выполнен токеном", "Logged in with the token"},
	"logout":      {"Выйти", "Log out"},
	"noCharts": {"Графики недоступны: эта сборка без ECharts (make assets). Данные — в таблицах.",
		"Charts are unavailable: this build has no ECharts (make assets). The data is in the tables."},

	// errors
	"errorTitle": {"Ошибка", "Error"},
	"toMatrix":   {"К матрице", "To the matrix"},
	"forbidden":  {"У токена нет прав на это действие.", "The token has no right to do this."},
	"staleForm": {"Форма устарела или пришла не с этого сайта. Обновите страницу и повторите.",
		"The form has expired or did not come from this site. Reload the page and try again."},
	"notFound": {"Не найдено.", "Not found."},
	"internal": {"Внутренняя ошибка сервиса, подробности в журнале.", "Internal error; see the service log."},

	// login
	"loginTitle": {"Вход", "Log in"},
	"loginHint": {"Введите токен доступа rfm9 (rfm9 token create ИМЯ --scopes read). Токен не сохраняется в браузере.",
		"Enter an rfm9 access token (rfm9 token create NAME --scopes read). The token is not kept in the browser."},
	"token":        {"Токен", "Token"},
	"login":        {"Войти", "Log in"},
	"loginUnknown": {"Такого действующего токена нет.", "No live token has this secret."},
	"loginNoRead":  {"У токена нет права read.", "The token has no read scope."},

	// matrix
	"matrixTitle":     {"Матрица сегментов", "Segment matrix"},
	"asOf":            {"на", "as of"},
	"clientsInMatrix": {"клиентов в матрице", "clients in the matrix"},
	"noMatrix": {"Сегменты ещё не рассчитаны: дождитесь первой синхронизации с 1С.",
		"Segments are not computed yet: wait for the first sync with 1C."},
	"recency":        {"давность", "recency"},
	"purchases":      {"покупки", "purchases"},
	"clientsShort":   {"кл.", "clients"},
	"perClient":      {"на клиента", "per client"},
	"checkShort":     {"средний чек", "average check"},
	"codes":          {"3 кода по сумме", "3 codes by money"},
	"daysShort":      {"дн.", "days"},
	"boundsTitle":    {"Границы", "Bounds"},
	"boundsVersion":  {"Версия", "Version"},
	"countBounds":    {"Покупки: C1, C2", "Purchases: C1, C2"},
	"recencyBounds":  {"Давность, дней: R1, R2", "Recency, days: R1, R2"},
	"monetaryBounds": {"Сумма (M)", "Money (M)"},
	"modeTertiles":   {"терцили", "tertiles"},
	"modePerCell":    {"терцили в каждой ячейке", "tertiles per cell"},
	"modeFixed":      {"границы в рублях", "ruble limits"},
	"preview":        {"Предпросмотр", "Preview"},
	"saveBounds":     {"Сохранить и пересчитать", "Save and recompute"},
	"adminOnly":      {"Сохранять границы может токен admin.", "Saving bounds needs an admin token."},
	"previewTitle":   {"Предпросмотр: матрица при новых границах", "Preview: the matrix under the new bounds"},
	"previewHint":    {"Ничего не сохранено; в скобках — изменение против текущей.", "Nothing is saved; the change against the current matrix is beside each count."},
	"boundsSaved":    {"Границы сохранены, сегменты пересчитаны.", "Bounds saved, segments recomputed."},
	"form_whole":     {"нужны целые числа", "want whole numbers"},
	"form_rubles":    {"нужны суммы в рублях, например 1500 или 1500,50", "want ruble sums such as 1500 or 1500.50"},

	// segment lists
	"segmentTitle":     {"Клиенты сегмента", "Segment clients"},
	"clientsInSegment": {"клиентов", "clients"},
	"searchHint":       {"Имя, ИНН, e-mail или телефон", "Name, INN, e-mail or phone"},
	"search":           {"Найти", "Search"},
	"resetSearch":      {"Сбросить", "Clear"},
	"client":           {"Клиент", "Client"},
	"contacts":         {"Контакты", "Contacts"},
	"code":             {"Код", "Code"},
	"inn":              {"ИНН", "INN"},
	"noClients":        {"Нет клиентов.", "No clients."},
	"firstPage":        {"В начало", "First page"},
	"nextPage":         {"Дальше", "Next"},
	"colMonetary":      {"Сумма (M)", "Money (M)"},
	"colPurchases":     {"Покупок", "Purchases"},
	"colRecency":       {"Дней с покупки", "Days since purchase"},
	"colLastPurchase":  {"Последняя покупка", "Last purchase"},
	"foundTitle":       {"Поиск клиента", "Client search"},
	"noneFound":        {"Никого не нашлось.", "Nobody found."},

	// client
	"clientTitle":   {"Клиент", "Client"},
	"strategy":      {"Что делать", "What to do"},
	"stats":         {"Покупки", "Purchases"},
	"firstPurchase": {"Первая покупка", "First purchase"},
	"averageCheck":  {"Средний чек", "Average check"},
	"timeLine":      {"Сегмент по снимкам", "Segment at each snapshot"},
	"snapshotTable": {"Коды по датам", "Codes by date"},
	"date":          {"Дата", "Date"},
	"segmentName":   {"Сегмент", "Segment"},
	"moves":         {"Переходы между кодами", "Moves between codes"},
	"outside":       {"вне матрицы", "outside the matrix"},
	"noMoves":       {"Переходов не было.", "No moves yet."},
	"notInSnapshots": {"Клиента нет ни в одном снимке: первая покупка позже последнего.",
		"The client is in no snapshot: the first purchase came after the last one."},

	// dynamics
	"noSnapshots": {"Снимков ещё нет: они появятся после первой синхронизации.",
		"No snapshots yet: they appear after the first sync."},
	"rangeFrom":   {"Период с", "From"},
	"rangeTo":     {"по", "to"},
	"groupBy":     {"Группы", "Groups"},
	"levelCell":   {"9 ячеек", "9 cells"},
	"levelStage":  {"этапы", "stages"},
	"movesFrom":   {"Переходы с", "Moves from"},
	"movesTo":     {"на", "to"},
	"show":        {"Показать", "Show"},
	"sizesTitle":  {"Размер сегментов", "Segment sizes"},
	"numbers":     {"Числа", "Numbers"},
	"total":       {"Всего", "Total"},
	"sharesTitle": {"Доля ушедших и повторных клиентов", "Share of lost and of repeat clients"},
	"lostShare":   {"Ушедшие (R1)", "Lost (R1)"},
	"repeatShare": {"Повторные (F2, F3)", "Repeat (F2, F3)"},
	"movesTitle":  {"Переходы", "Moves"},
	"better":      {"Лучше", "Better"},
	"same":        {"Без изменений", "Same"},
	"worse":       {"Хуже", "Worse"},
	"newClients":  {"Новые", "New"},
	"goneClients": {"Выбыли", "Gone"},
	"betterHint": {"Лучше — в ячейку выше по давности, а при той же давности — по числу покупок (33 лучшая, 11 худшая); смена только M — без изменений. Новые — без покупок до первой даты; выбыли — все покупки возвращены.",
		"Better is a cell higher by recency, or by purchases at the same recency (33 best, 11 worst); a change of M alone is the same. New had no purchase before the first date; gone had every purchase returned."},
	"clients": {"Клиенты", "Clients"},
	"moved":   {"Перешли", "Moved"},
}

var tables = func() map[string]map[string]string {
	out := map[string]map[string]string{"ru": {}, "en": {}}
	for k, v := range texts {
		out["ru"][k], out["en"][k] = v[0], v[1]
	}
	return out
}()

// table is the texts in lang.
func table(lang string) map[string]string { return tables[lang] }

// text is one text in the request's language; an unknown key shows as itself, which
// the tests catch.
func (h *handlers) text(c *fiber.Ctx, key string) string {
	if t, ok := tables[langOf(c)][key]; ok {
		return t
	}
	return key
}

// lang picks the request's language: ?lang=ru|en (remembered in a cookie for a year),
// else the cookie, else Russian.
func (h *handlers) lang(c *fiber.Ctx) error {
	lang := c.Cookies(langCookie)
	if q := c.Query("lang"); q == "ru" || q == "en" {
		lang = q
		c.Cookie(&fiber.Cookie{Name: langCookie, Value: q, Path: "/", SameSite: fiber.CookieSameSiteLaxMode,
			Secure: c.Protocol() == "https", Expires: h.Now().Add(365 * 24 * time.Hour)})
	}
	if lang != "en" {
		lang = "ru"
	}
	c.Locals(langKey, lang)
	return c.Next()
}

// langOf is the request's language as lang set it.
func langOf(c *fiber.Ctx) string {
	if l, _ := c.Locals(langKey).(string); l == "en" {
		return "en"
	}
	return "ru"
}

func pick(lang, ru, en string) string {
	if lang == "en" {
		return en
	}
	return ru
}
