package salesfile

import (
	"bytes"
	"fmt"
	"github.com/rfm9/rfm9/calendar"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
	"golang.org/x/text/encoding/charmap"
)

func FuzzParseKopecks(f *testing.F) {
	for _, s := range []string{
		"1234.50", "1 234,56", "1\u00a0234,56", "1\u202f234,56", "-1,234.56", "1.234,56",
		"1.5E-2", "731.9399999999999", "0.005", "92233720368547758.08", "12,3,4",
		"1e100000000000", "12345678901234567.895", "1.0000000000000000000000001", ",5", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseKopecks(b)
		want, werr := bigMulScaled(b, []byte("1"), 2) // exact arithmetic on every digit
		if (err == nil) != (werr == nil) || err == nil && got != want {
			t.Fatalf("ParseKopecks(%q) = %d, %v; exact %d, %v", b, got, err, want, werr)
		}
		if err != nil {
			return
		}
		back, err := ParseKopecks(fmt.Appendf(nil, "%d.%02d", got/100, abs(got%100)))
		if got > -100 && got < 0 { // "%d" loses the sign of -0.xx
			back, err = ParseKopecks(fmt.Appendf(nil, "-0.%02d", -got))
		}
		if err != nil || back != got {
			t.Fatalf("%q: %d does not round-trip: %d, %v", b, got, back, err)
		}
	})
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"02.01.2006 15:04:05", "2.1.2006 9:04", "02.01.2006", "2006-01-02", "2006-01-02T15:04:05",
		"2006-01-02 15:04:05.999", "2024-01-05T12:00:00Z", "2024-01-05T12:00:00+03:00",
		"29.02.2023", "2024-13-01", "", "31.12.9999 23:59:59",
	} {
		f.Add([]byte(s))
	}
	berlin := mustZone(f, "Europe/Berlin")
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseDate(b, berlin)
		d := dateParser{zone: zoneCache{calendar.Zone{Loc: berlin}}}
		d.parse([]byte("2024-01-05")) // a warm cache, as in a worker
		quick, qerr := d.parse(b)
		if (err == nil) != (qerr == nil) || got != quick {
			t.Fatalf("%q: ParseDate gives %v, %v; the worker's parser %v, %v", b, got, err, quick, qerr)
		}
		if err != nil {
			return
		}
		c, _ := parseCivil(b)
		if c.zoned {
			return
		}
		want := time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.nsec, berlin)
		if got != want {
			t.Fatalf("ParseDate(%q) = %v; time.Date gives %v", b, got, want)
		}
		iso := got.Format("2006-01-02T15:04:05.999999999")
		if back, err := ParseDate([]byte(iso), berlin); err != nil || !back.Equal(got) {
			t.Fatalf("%q: %s does not round-trip: %v, %v", b, iso, back, err)
		}
	})
}

const fuzzHeader = "client_id;document_id;date;amount;client_name\n"

func FuzzCSVRows(f *testing.F) {
	f.Add([]byte("c;d;05.01.2024;1,5;x\n"), false)
	f.Add([]byte("c;d;05.01.2024;1,5;\"a;b\"\r\nc2;d2;2024-01-05;-3;\"x\ny\"\n\n;;;;\n"), false)
	f.Add([]byte("c;d;05.01.2024;\"1\"\"2\";\"unclosed\n c;d\n"), false)
	f.Add([]byte("c;d;05.01.2024;1;ООО \"Ромашка\n\"\n"), false)
	f.Add([]byte("\xef\xbb\xbfclient_id,document_id,date,amount\r\nc,d,2024-01-05,\"1,5\"\r\n"), true)
	f.Add([]byte("client_id\tdocument_id\tdate\tamount\tclient_name\n\xc8\xe2\xe0\xed\td\t05.01.2024\t1\t\xff\n"), true)
	f.Add(bytes.Repeat([]byte("c;d;05.01.2024;1;\"q\"\"\n\"\n"), 20), false)
	f.Fuzz(func(t *testing.T, data []byte, whole bool) {
		if !whole {
			data = append([]byte(fuzzHeader), data...)
		}
		path := filepath.Join(t.TempDir(), "f.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, strict := range []bool{false, true} {
			checkAgainstReference(t, path, data, strict)
		}
	})
}

// checkAgainstReference reads the file in big and tiny blocks and compares both with
// a byte-at-a-time reference reader of the same record and field rules.
func checkAgainstReference(t *testing.T, path string, data []byte, strict bool) {
	ref, ok := referenceRead(t, path, data, strict)
	if !ok {
		return
	}
	for _, size := range []int{0, 1 + len(data)%7} {
		got := readWithBlockSize(t, path, size, strict)
		if got.err != ref.err || got.lines != ref.lines || !equalCounts(got.skipped, ref.skipped) {
			t.Fatalf("block %d strict %v: err %q lines %d skipped %v; reference %q %d %v",
				size, strict, got.err, got.lines, got.skipped, ref.err, ref.lines, ref.skipped)
		}
		checkSales(t, got.sales, ref.sales)
		var sum int64
		for _, n := range got.skipped {
			sum += n
		}
		if outside := ref.lines - sum - int64(len(got.sales)); outside < 0 || !strict && outside != 0 {
			t.Fatalf("lines %d, skipped %d, sales %d", got.lines, sum, len(got.sales))
		}
	}
}

// referenceRead opens the file for its header settings, then reads the data itself.
func referenceRead(t *testing.T, path string, data []byte, strict bool) (readOutcome, bool) {
	f, err := Open(Options{Path: path, Location: time.UTC, Strict: strict})
	if err != nil {
		return readOutcome{}, false
	}
	defer f.Close()
	src := f.src.(*csvSource)
	body := data[src.offset:]
	if src.cp1251 {
		body, _ = charmap.Windows1251.NewDecoder().Bytes(body)
	}
	conv := newConverter(&f.cols, onec.Period{}, dateParser{zone: zoneCache{calendar.Zone{Loc: time.UTC}}})
	var o readOutcome
	var t0 tally
	line := src.line
	for _, rec := range referenceRecords(body) {
		at := line
		line += int64(bytes.Count(rec, []byte{'\n'})) + 1
		rec = trimCR(rec)
		if blankReference(rec, src.delim) {
			continue
		}
		fields := referenceFields(rec, src.delim)
		fields = fields[:min(len(fields), f.cols.need)]
		var le *LineError
		if o.sales, le = conv.take(fields, at, o.sales, &t0, strict); le != nil {
			o.err = fmt.Errorf("salesfile: %s: %w", path, le).Error()
			break
		}
	}
	o.skipped, o.lines = t0.skipped(), t0.lines
	return o, true
}

// referenceRecords splits at newlines preceded by an even number of quotes since
// the record began, keeping each record's own newlines.
func referenceRecords(data []byte) [][]byte {
	var recs [][]byte
	var cur []byte
	quotes := 0
	for _, c := range data {
		if c == '\n' && quotes%2 == 0 {
			recs = append(recs, cur)
			cur, quotes = nil, 0
			continue
		}
		if c == '"' {
			quotes++
		}
		cur = append(cur, c)
	}
	if len(cur) > 0 {
		recs = append(recs, cur)
	}
	return recs
}

func blankReference(rec []byte, delim byte) bool {
	return len(bytes.Trim(rec, string([]byte{delim, ' ', '\t', '\r'}))) == 0
}

func referenceFields(rec []byte, delim byte) [][]byte {
	const (
		atStart = iota
		plain
		quoted
		afterQuote
	)
	var fields [][]byte
	f, state := []byte{}, atStart
	for i := 0; i < len(rec); i++ {
		c := rec[i]
		switch {
		case state == quoted && c == '"' && i+1 < len(rec) && rec[i+1] == '"':
			f = append(f, '"')
			i++
		case state == quoted && c == '"':
			state = afterQuote
		case state == quoted:
			f = append(f, c)
		case c == delim:
			fields = append(fields, f)
			f, state = []byte{}, atStart
		case state == atStart && c == '"':
			state = quoted
		default:
			f = append(f, c)
			if state == atStart {
				state = plain
			}
		}
	}
	return append(fields, f)
}

// TestReferenceAgreesOnMessyFile runs the fuzz check over the messy fixture.
func TestReferenceAgreesOnMessyFile(t *testing.T) {
	data := []byte(messyCSV(2000, 2))
	path := writeFile(t, "messy.csv", data)
	for _, strict := range []bool{false, true} {
		checkAgainstReference(t, path, data, strict)
	}
}
