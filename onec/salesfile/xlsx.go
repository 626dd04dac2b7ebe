package salesfile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/rfm9/rfm9/onec"
	"github.com/xuri/excelize/v2"
)

// xlsxBatch is how many sales an XLSX read hands fn at a time.
const xlsxBatch = 4096

// xlsxSource streams the rows of one sheet. Workbooks are small next to CSV exports
// (Excel stops at about a million rows), so one goroutine reads them.
type xlsxSource struct {
	book      *excelize.File
	path      string
	sheet     string
	headerRow int // 1-based row number of the header
	date1904  bool
}

func openXLSX(o Options) (*xlsxSource, []string, error) {
	book, err := excelize.OpenFile(o.Path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, wrapPath(o.Path, err)
	}
	s := &xlsxSource{book: book, path: o.Path}
	headers, err := s.init(o.Sheet)
	if err != nil {
		book.Close()
		return nil, nil, wrapPath(o.Path, err)
	}
	return s, headers, nil
}

func (s *xlsxSource) init(sheet string) ([]string, error) {
	var err error
	if s.sheet, err = pickSheet(s.book.GetSheetList(), sheet); err != nil {
		return nil, err
	}
	props, err := s.book.GetWorkbookProps()
	if err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s.header()
}

func pickSheet(list []string, name string) (string, error) {
	if len(list) == 0 {
		return "", errors.New("the workbook has no sheets")
	}
	if name == "" {
		return list[0], nil
	}
	for _, n := range list {
		if strings.EqualFold(n, name) {
			return n, nil
		}
	}
	return "", fmt.Errorf("no sheet %q; the workbook has %s", name, quoteList(list))
}

// header returns the first row that is not blank.
func (s *xlsxSource) header() ([]string, error) {
	rows, err := s.book.Rows(s.sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s.headerRow++
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if !blankCells(cells) {
			return cells, nil
		}
	}
	return nil, fmt.Errorf("sheet %q is empty: no header row", s.sheet)
}

func (s *xlsxSource) sales(ctx context.Context, rd reading, fn func([]onec.Sale) error) (tally, error) {
	rows, err := s.book.Rows(s.sheet)
	if err != nil {
		return tally{}, wrapPath(s.path, err)
	}
	defer rows.Close()
	x := xlsxRead{src: s, rd: rd, fn: fn, batch: make([]onec.Sale, 0, xlsxBatch)}
	x.rd.conv.dates.serial, x.rd.conv.dates.date1904 = true, s.date1904
	err = x.rows(ctx, rows)
	return x.tally, err
}

// xlsxRead is the state of one XLSX read.
type xlsxRead struct {
	src    *xlsxSource
	rd     reading
	fn     func([]onec.Sale) error
	batch  []onec.Sale
	fields [][]byte
	tally  tally
}

func (x *xlsxRead) rows(ctx context.Context, rows *excelize.Rows) error {
	for row := 1; rows.Next(); row++ {
		if row <= x.src.headerRow {
			continue
		}
		cells, err := rows.Columns()
		if err != nil {
			return wrapPath(x.src.path, fmt.Errorf("row %d: %w", row, err))
		}
		if err := x.row(ctx, cells, int64(row)); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return wrapPath(x.src.path, err)
	}
	return x.flush(ctx)
}

func (x *xlsxRead) row(ctx context.Context, cells []string, line int64) error {
	if blankCells(cells) {
		return nil
	}
	x.fields = cellFields(x.fields, cells, x.rd.conv.cols.need)
	var lerr *LineError
	x.batch, lerr = x.rd.conv.take(x.fields, line, x.batch, &x.tally, x.rd.strict)
	if lerr != nil {
		if err := x.flush(ctx); err != nil {
			return err
		}
		return wrapPath(x.src.path, lerr)
	}
	if len(x.batch) == cap(x.batch) {
		return x.flush(ctx)
	}
	return nil
}

func (x *xlsxRead) flush(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(x.batch) == 0 {
		return nil
	}
	err := x.fn(x.batch)
	x.batch = x.batch[:0]
	return err
}

// cellFields views cells as fields. Excel leaves out trailing empty cells, so rows
// are padded: in a sheet a short row is just empty cells, never a broken line.
func cellFields(fs [][]byte, cells []string, need int) [][]byte {
	fs = fs[:0]
	for _, c := range cells {
		fs = append(fs, unsafe.Slice(unsafe.StringData(c), len(c))) // read, never written
	}
	for len(fs) < need {
		fs = append(fs, nil)
	}
	return fs
}

func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (s *xlsxSource) close() error { return s.book.Close() }

func wrapPath(path string, err error) error {
	return fmt.Errorf("salesfile: %s: %w", path, err)
}
