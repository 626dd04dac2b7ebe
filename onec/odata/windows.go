package odata

import "fmt"

// window is a stretch of the register's period, [from, to) in civil seconds. A
// window whose records overflow a page is split; a one-second window that still
// overflows is read in $skip pages (paged), skip records in.
type window struct {
	from, to civil
	paged    bool
	skip     int
}

func (w window) seconds() int64 { return int64(w.to - w.from) }

// halves splits w at its middle second.
func (w window) halves() (window, window) {
	mid := w.from + civil(w.seconds()/2)
	return window{from: w.from, to: mid}, window{from: mid, to: w.to}
}

func (w window) String() string {
	s := fmt.Sprintf("%s..%s", w.from, w.to)
	if w.paged {
		s += fmt.Sprintf(" from record %d", w.skip)
	}
	return s
}

// filter selects the window's records.
func (w window) filter(period string) string {
	return fmt.Sprintf("%s ge %s and %s lt %s", period, w.from.literal(), period, w.to.literal())
}

// pacer chooses the length of the next fresh window: halved when a window
// overflows, doubled when one comes back less than a quarter full, so that a
// dense month and a quiet year both take few requests.
type pacer struct {
	length, min, max int64 // seconds
	pageSize         int
}

func newPacer(initial int64, pageSize int) pacer {
	return pacer{length: initial, min: 1, max: initial * 64, pageSize: pageSize}
}

// next cuts the next window from cursor, not past end.
func (p *pacer) next(cursor, end civil) window {
	return window{from: cursor, to: min(end, cursor+civil(p.length))}
}

// learn adapts the length to how full a window of the given length came back.
func (p *pacer) learn(seconds int64, records int) {
	switch {
	case records > p.pageSize:
		p.length = max(p.min, min(p.length, seconds/2))
	case records < p.pageSize/4 && seconds >= p.length:
		p.length = min(p.max, p.length*2)
	}
}
