package salesfile

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Options says which file to read and how.
type Options struct {
	Path       string            // the export; .xlsx or .xlsm is read as XLSX, anything else as CSV
	Sheet      string            // XLSX: the sheet to read; empty means the first one
	Delimiter  rune              // CSV: field delimiter; 0 detects it in the header among ; , tab |
	Encoding   string            // CSV: "utf-8", "windows-1251", or "" or "auto": UTF-8 unless the first 64 KiB are not
	Columns    map[string]string // role -> header, overriding the default headers
	DateLayout string            // a Go time layout tried before the built-in date forms
	Location   *time.Location    // the base's time zone, given to every date; nil means time.Local
	Strict     bool              // stop at the first line that would be skipped with a *LineError
}

// format is the kind of file, chosen by its extension.
type format int

const (
	formatCSV format = iota
	formatXLSX
)

// encoding is the character set of a CSV file.
type encoding int

const (
	encodingAuto encoding = iota // UTF-8 unless the start of the file is not valid UTF-8
	encodingUTF8
	encodingCP1251
)

func (o Options) validate() error {
	if o.Path == "" {
		return errors.New("salesfile: no file path")
	}
	f, err := o.format()
	if err != nil {
		return err
	}
	if _, err := parseEncoding(o.Encoding); err != nil {
		return err
	}
	if err := o.validateFormat(f); err != nil {
		return err
	}
	if _, err := delimiterByte(o.Delimiter); err != nil {
		return err
	}
	return validateRoles(o.Columns)
}

// validateFormat refuses options that the file's format would silently ignore.
func (o Options) validateFormat(f format) error {
	if f == formatCSV && o.Sheet != "" {
		return fmt.Errorf("salesfile: %s: a sheet is only for XLSX files", o.Path)
	}
	if f == formatXLSX && (o.Delimiter != 0 || o.Encoding != "" && o.Encoding != "auto") {
		return fmt.Errorf("salesfile: %s: delimiter and encoding are only for CSV files", o.Path)
	}
	return nil
}

func (o Options) format() (format, error) {
	switch strings.ToLower(filepath.Ext(o.Path)) {
	case ".xlsx", ".xlsm":
		return formatXLSX, nil
	case ".xls":
		return 0, fmt.Errorf("salesfile: %s: the old binary .xls format is not supported; save the file as .xlsx or CSV", o.Path)
	}
	return formatCSV, nil
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

func parseEncoding(s string) (encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return encodingAuto, nil
	case "utf-8", "utf8":
		return encodingUTF8, nil
	case "windows-1251", "cp1251", "1251":
		return encodingCP1251, nil
	}
	return 0, fmt.Errorf("salesfile: unknown encoding %q: use auto, utf-8 or windows-1251", s)
}

// delimiterByte checks a delimiter option; the block reader works on bytes, so the
// delimiter must be a single ASCII byte that cannot be confused with quoting or line ends.
func delimiterByte(r rune) (byte, error) {
	if r == 0 {
		return 0, nil
	}
	if r >= 0x80 || r == '"' || r == '\n' || r == '\r' {
		return 0, fmt.Errorf("salesfile: delimiter %q is not allowed: use an ASCII character other than a quote or line end", r)
	}
	return byte(r), nil
}
