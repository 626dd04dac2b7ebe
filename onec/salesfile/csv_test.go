package salesfile

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

var year2024 = onec.Period{
	From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	To:   time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
}

// russianExport is what a 1C user in Russia gets from Excel: windows-1251, CRLF,
// semicolons, decimal commas, quoted names with ; and newlines.
const russianExport = `Контрагент;Документ;Дата;Сумма;Количество;Скидка;Наименование
c1;d1;05.01.2024 12:30:00;1 234,56;2,5;10,00;"ООО ""Ромашка"""
c2;d2;06.01.2024;-100,5;1;;"ИП Иванов; торговля"
c3;d3;07.01.2024 9:00;0,005;1;0;"многострочное
имя"
00000000-0000-0000-0000-000000000000;d4;07.01.2024;1;1;0;x
;;;;;;
c5;;07.01.2024;1;1;0;x
c6;d6;31.02.2024;1;1;0;x
c7;d7;07.01.2024;12,3,4;1;0;x
c8;d8;07.01.2024;1;abc;0;x
c9;d9;07.01.2024;1;1;zz;x
c10;d10;07.01.2024
c11;d11;01.01.2023;1;1;0;x

c12;d12;08.01.2024;5;1;0;last`

var russianColumns = map[string]string{
	RoleClient: "Контрагент", RoleDocument: "документ", RoleDate: "ДАТА", RoleAmount: "Сумма",
	RoleQuantity: "Количество", RoleDiscount: "Скидка", RoleClientName: "Наименование",
}

func TestRussianExport(t *testing.T) {
	msk := mustZone(t, "Europe/Moscow")
	path := writeFile(t, "sales.csv", cp1251(t, crlf(russianExport)))
	f := open(t, Options{Path: path, Columns: russianColumns, Location: msk})
	got := mustCollect(t, f, year2024)
	want := []onec.Sale{
		{ClientID: "c1", DocumentID: "d1", ClientName: `ООО "Ромашка"`, Period: time.Date(2024, 1, 5, 12, 30, 0, 0, msk), Amount: 123456, Quantity: 2500, Discount: 1000, Lines: 1},
		{ClientID: "c2", DocumentID: "d2", ClientName: "ИП Иванов; торговля", Period: time.Date(2024, 1, 6, 0, 0, 0, 0, msk), Amount: -10050, Quantity: 1000, Lines: 1},
		{ClientID: "c3", DocumentID: "d3", ClientName: "многострочное\r\nимя", Period: time.Date(2024, 1, 7, 9, 0, 0, 0, msk), Amount: 1, Quantity: 1000, Lines: 1},
		{ClientID: "c12", DocumentID: "d12", ClientName: "last", Period: time.Date(2024, 1, 8, 0, 0, 0, 0, msk), Amount: 500, Quantity: 1000, Lines: 1},
	}
	checkSales(t, got, want)
	wantSkipped := map[string]int64{
		ReasonNoClient: 1, ReasonNoDocument: 1, ReasonBadDate: 1, ReasonBadAmount: 1,
		ReasonBadQuantity: 1, ReasonBadDiscount: 1, ReasonShortRow: 1,
	}
	if !equalCounts(f.Skipped(), wantSkipped) {
		t.Errorf("skipped %v, want %v", f.Skipped(), wantSkipped)
	}
	if f.Lines() != 12 {
		t.Errorf("lines %d, want 12", f.Lines())
	}
}

func checkSales(t *testing.T, got, want []onec.Sale) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d sales, want %d: %+v", len(got), len(want), got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("sale %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestStrictNamesLineAndColumn(t *testing.T) {
	path := writeFile(t, "sales.csv", cp1251(t, crlf(russianExport)))
	f := open(t, Options{Path: path, Columns: russianColumns, Strict: true, Location: time.UTC})
	got, err := collect(t, f, year2024)
	var le *LineError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a *LineError", err)
	}
	want := `line 6, column "Контрагент": no client ("00000000-0000-0000-0000-000000000000")`
	if le.Error() != want || le.Line != 6 || le.Reason != ReasonNoClient {
		t.Errorf("error %q, want %q", le.Error(), want)
	}
	if len(got) != 3 {
		t.Errorf("%d sales before the error, want 3", len(got))
	}
}

func TestStrictAmountMessage(t *testing.T) {
	var b strings.Builder
	b.WriteString("client_id,document_id,date,amount\n")
	for range 15 {
		b.WriteString("c,d,2024-01-05,1.00\n")
	}
	b.WriteString("c,d,2024-01-05,\"12,3,4\"\nc,d,2024-01-05,x\n")
	f := open(t, Options{Path: writeFile(t, "s.csv", []byte(b.String())), Strict: true})
	_, err := collect(t, f, onec.Period{})
	want := `line 17, column "amount": cannot parse "12,3,4" as an amount`
	var le *LineError
	if !errors.As(err, &le) || le.Error() != want || !errors.Is(err, ErrSyntax) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if !strings.HasSuffix(err.Error(), want) || !strings.Contains(err.Error(), "s.csv") {
		t.Errorf("wrapped error %q", err)
	}
}

func TestStrictRangeMessage(t *testing.T) {
	path := writeFile(t, "s.csv", []byte("client_id;document_id;date;amount\nc;d;2024-01-05;1e30\n"))
	f := open(t, Options{Path: path, Strict: true})
	_, err := collect(t, f, onec.Period{})
	want := `line 2, column "amount": cannot parse "1e30" as an amount: value out of range`
	if !errors.Is(err, ErrRange) || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestEncodingsAndBOM(t *testing.T) {
	body := "client_id,document_id,date,amount,client_name\nc1,d1,2024-01-05,1.5,Иванов\n"
	variants := map[string][]byte{
		"utf8":       []byte(body),
		"utf8 bom":   append([]byte{0xEF, 0xBB, 0xBF}, body...),
		"utf8 crlf":  append([]byte{0xEF, 0xBB, 0xBF}, crlf(body)...),
		"cp1251":     cp1251(t, body),
		"cp1251 bom": append([]byte{0xEF, 0xBB, 0xBF}, cp1251(t, crlf(body))...),
		"blank lead": []byte("\n \r\n" + body),
	}
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			o := Options{Path: writeFile(t, "s.csv", data), Location: time.UTC}
			if strings.HasPrefix(name, "cp1251 bom") {
				o.Encoding = "windows-1251"
			}
			got := mustCollect(t, open(t, o), onec.Period{})
			if len(got) != 1 || got[0].ClientName != "Иванов" || got[0].ClientID != "c1" || got[0].Amount != 150 {
				t.Errorf("got %+v", got)
			}
		})
	}
}

func TestForcedEncoding(t *testing.T) {
	body := "client_id;document_id;date;amount;client_name\nc1;d1;05.01.2024;1;Ёж\n"
	path := writeFile(t, "s.csv", cp1251(t, body))
	got := mustCollect(t, open(t, Options{Path: path, Encoding: "cp1251"}), onec.Period{})
	if len(got) != 1 || got[0].ClientName != "Ёж" {
		t.Errorf("got %+v", got)
	}
	path = writeFile(t, "u.csv", []byte(body))
	got = mustCollect(t, open(t, Options{Path: path, Encoding: "UTF-8"}), onec.Period{})
	if len(got) != 1 || got[0].ClientName != "Ёж" {
		t.Errorf("got %+v", got)
	}
}

func TestQuantityTimesPrice(t *testing.T) {
	data := `client_id,document_id,date,quantity,price,document_type
c,d1,2024-01-05T10:00:00,3,33.333,Document_РеализацияТоваровУслуг
c,d2,2024-01-05T10:00:00,0.5,0.01,
c,d3,2024-01-05T10:00:00,"1,5","1,5",
c,d4,2024-01-05T10:00:00,-2,1.005,
c,d5,2024-01-05T10:00:00,2,,
c,d6,2024-01-05T10:00:00,,2,
c,d7,2024-01-05T10:00:00,1e9,1e10,
`
	f := open(t, Options{Path: writeFile(t, "s.csv", []byte(data)), Location: time.UTC})
	got := mustCollect(t, f, onec.Period{})
	at := time.Date(2024, 1, 5, 10, 0, 0, 0, time.UTC)
	want := []onec.Sale{
		{ClientID: "c", DocumentID: "d1", DocumentType: "Document_РеализацияТоваровУслуг", Period: at, Amount: 10000, Quantity: 3000, Lines: 1},
		{ClientID: "c", DocumentID: "d2", Period: at, Amount: 1, Quantity: 500, Lines: 1},
		{ClientID: "c", DocumentID: "d3", Period: at, Amount: 225, Quantity: 1500, Lines: 1},
		{ClientID: "c", DocumentID: "d4", Period: at, Amount: -201, Quantity: -2000, Lines: 1},
	}
	checkSales(t, got, want)
	wantSkipped := map[string]int64{ReasonBadPrice: 1, ReasonBadQuantity: 1, ReasonBadAmount: 1}
	if !equalCounts(f.Skipped(), wantSkipped) {
		t.Errorf("skipped %v, want %v", f.Skipped(), wantSkipped)
	}
}

func TestAmountWinsOverQuantityTimesPrice(t *testing.T) {
	data := "client_id;document_id;date;amount;quantity;price\nc;d;05.01.2024;7;2;100\n"
	got := mustCollect(t, open(t, Options{Path: writeFile(t, "s.csv", []byte(data))}), onec.Period{})
	if len(got) != 1 || got[0].Amount != 700 || got[0].Quantity != 2000 {
		t.Errorf("got %+v", got)
	}
}

func TestColumnErrors(t *testing.T) {
	tests := []struct {
		header string
		cols   map[string]string
		want   []string
	}{
		{"id;document_id;date;amount", nil, []string{`no column "client_id" for client`, `"id", "document_id", "date", "amount"`, "--col client=HEADER"}},
		{"client_id;document_id;date", nil, []string{`no column "amount" for amount`, "--col amount=HEADER"}},
		{"client_id;document_id;date;quantity", nil, []string{`nor both "quantity" and "price"`}},
		{"client_id;document_id;date;amount", map[string]string{RoleDiscount: "Скидка"}, []string{`no column "Скидка" for discount`}},
		{"client_id;document_id;date;amount", map[string]string{"buyer": "x"}, []string{`unknown column role "buyer"`}},
		{"nothing here", nil, []string{"cannot detect the delimiter"}},
		{"", nil, []string{"empty"}},
	}
	for _, tt := range tests {
		path := writeFile(t, "s.csv", []byte(tt.header+"\n"))
		_, err := Open(Options{Path: path, Columns: tt.cols})
		for _, w := range tt.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("header %q: error %v, want it to contain %q", tt.header, err, w)
			}
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	data := "\"Client_ID \"|DOCUMENT_ID| Date |Amount|x\nc|d|05.01.2024|1|\n"
	f := open(t, Options{Path: writeFile(t, "s.csv", []byte(data))})
	if got := mustCollect(t, f, onec.Period{}); len(got) != 1 {
		t.Errorf("got %+v", got)
	}
	tab := "x\tclient_id\tdocument_id\tdate\tamount\n\tc\td\t05.01.2024\t1\n"
	f = open(t, Options{Path: writeFile(t, "t.tsv", []byte(tab))})
	if got := mustCollect(t, f, onec.Period{}); len(got) != 1 || got[0].ClientID != "c" {
		t.Errorf("got %+v", got)
	}
	semicolonInQuotes := "\"a;b;c\",client_id,document_id,date,amount\nx,c,d,05.01.2024,1\n"
	f = open(t, Options{Path: writeFile(t, "q.csv", []byte(semicolonInQuotes))})
	if got := mustCollect(t, f, onec.Period{}); len(got) != 1 {
		t.Errorf("got %+v", got)
	}
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		o    Options
		want string
	}{
		{Options{}, "no file path"},
		{Options{Path: "a.xls"}, ".xls format is not supported"},
		{Options{Path: "a.csv", Sheet: "x"}, "sheet is only for XLSX"},
		{Options{Path: "a.xlsx", Delimiter: ';'}, "only for CSV"},
		{Options{Path: "a.csv", Encoding: "koi8-r"}, "unknown encoding"},
		{Options{Path: "a.csv", Delimiter: '"'}, "not allowed"},
		{Options{Path: "a.csv", Delimiter: 'ж'}, "not allowed"},
		{Options{Path: "a.csv", Columns: map[string]string{RoleClient: " "}}, "empty header"},
		{Options{Path: "/nonexistent/a.csv"}, "no such file"},
	}
	for _, tt := range tests {
		_, err := Open(tt.o)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%+v) = %v, want %q", tt.o, err, tt.want)
		}
	}
	_, err := Open(Options{Path: writeFile(t, "u16.csv", []byte{0xFF, 0xFE, 'a', 0})})
	if err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("UTF-16: %v", err)
	}
}

func TestPeriodAndRereading(t *testing.T) {
	data := "client_id,document_id,date,amount\nc,d,2023-12-31T23:59:59,1\nc,d,2024-01-01,2\nc,d,2024-12-31T23:59:59,3\nc,d,2025-01-01,4\n"
	f := open(t, Options{Path: writeFile(t, "s.csv", []byte(data)), Location: time.UTC})
	for range 2 { // a second call reads the file again
		got := mustCollect(t, f, year2024)
		if len(got) != 2 || got[0].Amount != 200 || got[1].Amount != 300 {
			t.Fatalf("got %+v", got)
		}
		if f.Lines() != 4 || len(f.Skipped()) != 0 || f.last.counts[reasonOutside] != 2 {
			t.Errorf("lines %d, skipped %v", f.Lines(), f.Skipped())
		}
	}
}

func TestHeaderOnlyAndNoTrailingNewline(t *testing.T) {
	for _, data := range []string{"client_id,document_id,date,amount", "client_id,document_id,date,amount\n", "client_id,document_id,date,amount\r\n\r\n"} {
		f := open(t, Options{Path: writeFile(t, "s.csv", []byte(data))})
		if got := mustCollect(t, f, onec.Period{}); len(got) != 0 || f.Lines() != 0 {
			t.Errorf("%q: %d sales, %d lines", data, len(got), f.Lines())
		}
	}
}

func TestLongHeader(t *testing.T) {
	junk := "\"" + strings.Repeat("x\n", 60000) + "\""
	data := junk + ";client_id;document_id;date;amount\n;c;d;05.01.2024;1\n"
	f := open(t, Options{Path: writeFile(t, "s.csv", []byte(data))})
	got := mustCollect(t, f, onec.Period{})
	if len(got) != 1 || f.src.(*csvSource).line != 60002 {
		t.Errorf("got %+v, data from line %d", got, f.src.(*csvSource).line)
	}
	big := strings.Repeat("x", headLimit) + "\n"
	if _, err := Open(Options{Path: writeFile(t, "b.csv", []byte(big))}); err == nil || !strings.Contains(err.Error(), "no end of the header line") {
		t.Errorf("huge header: %v", err)
	}
}
