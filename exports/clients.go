// Package exports writes rfm9's downloads: CSV files and Excel workbooks. It streams
// rows to an io.Writer and knows nothing about HTTP or SQL.
package exports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// ClientRow is one client's line in a segment client list.
type ClientRow struct {
	ClientID      string
	FirstPurchase string // 2006-01-02
	LastPurchase  string // 2006-01-02
	Purchases     int
	MonetaryKop   int64
	RecencyDays   int
	R, F, M       uint8
	Code          string
}

// ClientColumns are the column headers of a client list, in order.
var ClientColumns = []string{"client_id", "first_purchase", "last_purchase", "purchases",
	"monetary_kop", "recency_days", "r", "f", "m", "code"}

func (r *ClientRow) appendCSV(b []byte) []byte {
	b = appendCSVField(b, r.ClientID)
	b = append(b, ',')
	b = append(b, r.FirstPurchase...)
	b = append(b, ',')
	b = append(b, r.LastPurchase...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Purchases), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.MonetaryKop, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.RecencyDays), 10)
	b = append(b, ',', '0'+r.R, ',', '0'+r.F, ',', '0'+r.M, ',')
	b = append(b, r.Code...)
	return append(b, '\n')
}

// appendCSVField quotes a field only when it holds a delimiter, a quote or a line break,
// as RFC 4180 asks; 1C GUIDs never do, so the common case costs a scan.
func appendCSVField(b []byte, s string) []byte {
	needs := false
	for i := 0; i < len(s) && !needs; i++ {
		needs = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r'
	}
	if !needs {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// ClientCSV streams a client list as CSV.
type ClientCSV struct {
	w   *bufio.Writer
	buf []byte
}

// NewClientCSV writes the header to w and returns the encoder.
func NewClientCSV(w io.Writer) (*ClientCSV, error) {
	e := &ClientCSV{w: bufio.NewWriterSize(w, 1<<16)}
	for i, c := range ClientColumns {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.w.WriteString(c)
	}
	if err := e.w.WriteByte('\n'); err != nil {
		return nil, fmt.Errorf("exports: client csv header: %w", err)
	}
	return e, nil
}

// Write adds one row.
func (e *ClientCSV) Write(r *ClientRow) error {
	e.buf = r.appendCSV(e.buf[:0])
	if _, err := e.w.Write(e.buf); err != nil {
		return fmt.Errorf("exports: client csv: %w", err)
	}
	return nil
}

// Close flushes what is buffered.
func (e *ClientCSV) Close() error {
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("exports: client csv: %w", err)
	}
	return nil
}

// ClientXLSX streams a client list into one sheet of a workbook with excelize's stream
// writer, so a million rows do not sit in memory as cells.
type ClientXLSX struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	w   io.Writer
	row int
	val []any
}

// NewClientXLSX starts a workbook whose sheet is named sheet, with a frozen header row.
func NewClientXLSX(w io.Writer, sheet string) (*ClientXLSX, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("exports: client xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("exports: client xlsx: %w", err)
	}
	e := &ClientXLSX{f: f, sw: sw, w: w, row: 1, val: make([]any, len(ClientColumns))}
	if err := e.header(); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *ClientXLSX) header() error {
	bold, err := e.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("exports: client xlsx style: %w", err)
	}
	if err := e.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("exports: client xlsx panes: %w", err)
	}
	if err := e.sw.SetColWidth(1, 1, 40); err != nil {
		return fmt.Errorf("exports: client xlsx widths: %w", err)
	}
	if err := e.sw.SetColWidth(2, 3, 14); err != nil {
		return fmt.Errorf("exports: client xlsx widths: %w", err)
	}
	head := make([]any, len(ClientColumns))
	for i, c := range ClientColumns {
		head[i] = excelize.Cell{Value: c, StyleID: bold}
	}
	return e.next(head)
}

func (e *ClientXLSX) next(vals []any) error {
	cell, err := excelize.CoordinatesToCellName(1, e.row)
	if err != nil {
		return fmt.Errorf("exports: client xlsx: %w", err)
	}
	if err := e.sw.SetRow(cell, vals); err != nil {
		return fmt.Errorf("exports: client xlsx row %d: %w", e.row, err)
	}
	e.row++
	return nil
}

// Write adds one row; money stays in kopecks as an integer so the file round-trips exactly.
func (e *ClientXLSX) Write(r *ClientRow) error {
	v := e.val
	v[0], v[1], v[2], v[3], v[4] = r.ClientID, r.FirstPurchase, r.LastPurchase, r.Purchases, r.MonetaryKop
	v[5], v[6], v[7], v[8], v[9] = r.RecencyDays, int(r.R), int(r.F), int(r.M), r.Code
	return e.next(v)
}

// Close finishes the sheet and writes the workbook to w.
func (e *ClientXLSX) Close() error {
	if err := e.sw.Flush(); err != nil {
		return fmt.Errorf("exports: client xlsx: %w", err)
	}
	if _, err := e.f.WriteTo(e.w); err != nil {
		return fmt.Errorf("exports: client xlsx: %w", err)
	}
	return e.f.Close()
}
