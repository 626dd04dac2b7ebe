package salesfile

import (
	"encoding/binary"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// dateParser parses the date column: the layout from Options first, then Excel
// serial numbers (XLSX only), then the built-in forms.
type dateParser struct {
	layout   string
	serial   bool // XLSX: a bare number is an Excel serial date
	date1904 bool // the workbook counts serial dates from 1904
	zone     zoneCache
	days     *dayCache // allocated by the goroutine that uses it, never shared
}

// dayCache maps the text of fixed-width dates to day numbers. Exports repeat the same
// few hundred or thousand days over millions of lines, so most dates are hits that
// skip the parsing; a miss, or a clash of two days on one slot, just parses.
type dayCache [1 << dayBits]struct {
	text [2]uint64 // the ten bytes of the date; zero is no date
	day  int64
}

const dayBits = 10

func (d *dateParser) parse(b []byte) (time.Time, error) {
	if d.layout != "" {
		t, err := time.ParseInLocation(d.layout, bytesString(trimSpace(b)), d.zone.Loc)
		if err == nil {
			return t.In(d.zone.Loc), nil
		}
	}
	if w, ok := d.quickWall(b); ok {
		return d.zone.At(w, 0), nil
	}
	if d.serial && isSerial(b) {
		return d.fromSerial(b)
	}
	c, err := parseCivil(b)
	if err != nil {
		return time.Time{}, err
	}
	return d.zone.place(c), nil
}

// quickWall reads the fixed-width forms nearly every export uses (2006-01-02,
// 2006-01-02T15:04:05 or with a space, 02.01.2006, 02.01.2006 15:04:05) straight
// into wall seconds.
func (d *dateParser) quickWall(b []byte) (int64, bool) {
	if len(b) != 10 && len(b) != 19 {
		return 0, false
	}
	day, ok := d.day(b)
	if !ok {
		return 0, false
	}
	if len(b) == 10 {
		return day * 86400, true
	}
	secs, ok := quickClock(b)
	return day*86400 + secs, ok
}

// day returns the day number of the ten-byte date at the start of b.
func (d *dateParser) day(b []byte) (int64, bool) {
	if d.days == nil {
		d.days = new(dayCache)
	}
	text := [2]uint64{binary.LittleEndian.Uint64(b), uint64(binary.LittleEndian.Uint16(b[8:]))}
	e := &d.days[(text[0]^text[1]<<13)*0x9E3779B97F4A7C15>>(64-dayBits)]
	if e.text == text && text != ([2]uint64{}) { // an empty slot is all zeros: ten NUL bytes are no date
		return e.day, true
	}
	day, ok := quickDay(b)
	if ok {
		e.text, e.day = text, day
	}
	return day, ok
}

// maxSerial is 9999-12-31 as an Excel serial date.
const maxSerial = 2958466

func (d *dateParser) fromSerial(b []byte) (time.Time, error) {
	v, err := strconv.ParseFloat(bytesString(trimSpace(b)), 64)
	if err != nil || v < 0 || v >= maxSerial {
		return time.Time{}, ErrRange
	}
	t, err := excelize.ExcelDateToTime(v, d.date1904)
	if err != nil {
		return time.Time{}, ErrRange
	}
	return d.zone.At(t.Unix(), t.Nanosecond()), nil
}

// isSerial reports whether b is digits with at most one point, as Excel stores dates.
func isSerial(b []byte) bool {
	b = trimSpace(b)
	dots := 0
	for _, c := range b {
		if c == '.' {
			dots++
		} else if c-'0' > 9 {
			return false
		}
	}
	return len(b) > 0 && b[0] != '.' && dots <= 1
}
