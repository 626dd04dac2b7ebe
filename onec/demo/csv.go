package demo

import (
	"fmt"
	"io"
	"strconv"
)

// CSVHeader is the first line WriteCSV writes.
const CSVHeader = "client_id,document_id,date,amount\n"

// csvBuffer is the size of WriteCSV's buffer; it writes when less than a line is free.
const csvBuffer = 1 << 20

// WriteCSV writes the lines Generate makes as CSV: client GUID, document GUID, the
// local date and time as 2024-01-05T12:00:00, and the amount in rubles with two
// decimals. It formats straight into one buffer, with no allocation per line.
func WriteCSV(w io.Writer, o Options) error {
	g, err := newGenerator(o)
	if err != nil {
		return err
	}
	c := csvWriter{w: w, g: g, buf: make([]byte, 0, csvBuffer)}
	c.buf = append(c.buf, CSVHeader...)
	if err := g.run(c.day); err != nil {
		return err
	}
	return c.flush()
}

// csvWriter formats days of documents into buf and writes it out when full.
type csvWriter struct {
	w   io.Writer
	g   *generator
	buf []byte
}

// day writes the lines of one day.
func (c *csvWriter) day(d *day) error {
	var head [36 + 1 + 36 + 1 + 19 + 1]byte // client,document,date, of a document
	appendDate(head[74:74], c.g.cal.days[d.index])
	head[36], head[73], head[93] = ',', ',', ','
	for _, dc := range d.docs {
		c.g.ids.format((*[36]byte)(head[0:36]), c.g.ids.client(int(dc.client)))
		c.g.ids.format((*[36]byte)(head[37:73]), dc.key)
		appendClock(head[85:85], dc.sec)
		for _, l := range d.lines[dc.first : dc.first+dc.n] {
			c.buf = append(c.buf, head[:]...)
			c.buf = appendAmount(c.buf, l.amount)
			c.buf = append(c.buf, '\n')
			if len(c.buf) > csvBuffer-256 {
				if err := c.flush(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// flush writes out the buffer.
func (c *csvWriter) flush() error {
	if _, err := c.w.Write(c.buf); err != nil {
		return fmt.Errorf("demo: write csv: %w", err)
	}
	c.buf = c.buf[:0]
	return nil
}

// appendDate appends 2024-01-05T.
func appendDate(b []byte, d civil) []byte {
	b = append4(b, d.year)
	b = append(b, '-')
	b = append2(b, int(d.month))
	b = append(b, '-')
	b = append2(b, d.day)
	return append(b, 'T')
}

// appendClock appends hh:mm:ss of second sec of the day.
func appendClock(b []byte, sec int32) []byte {
	b = append2(b, int(sec/3600))
	b = append(b, ':')
	b = append2(b, int(sec/60%60))
	b = append(b, ':')
	return append2(b, int(sec%60))
}

// appendAmount appends kopecks as rubles with a dot and two decimals: -300.00.
func appendAmount(b []byte, kop int64) []byte {
	if kop < 0 {
		b = append(b, '-')
		kop = -kop
	}
	b = strconv.AppendInt(b, kop/100, 10)
	b = append(b, '.')
	return append2(b, int(kop%100))
}

// append2 appends v as two digits.
func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// append4 appends v as four digits.
func append4(b []byte, v int) []byte {
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}
