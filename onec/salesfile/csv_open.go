package salesfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

const (
	headLimit  = 1 << 20  // the header must end within this many bytes
	sampleSize = 64 << 10 // bytes read first, and checked for UTF-8 when the encoding is auto
)

// csvSource reads the data records of a CSV file whose header has been read.
type csvSource struct {
	file      *os.File
	path      string
	delim     byte
	cp1251    bool
	offset    int64 // byte offset of the first data record
	line      int64 // physical line number of the first data record
	blockSize int
}

func openCSV(o Options) (*csvSource, []string, error) {
	file, err := os.Open(o.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("salesfile: %w", err)
	}
	s := &csvSource{file: file, path: o.Path, blockSize: defaultBlockSize}
	headers, err := s.readHeader(o)
	if err != nil {
		file.Close()
		return nil, nil, fmt.Errorf("salesfile: %s: %w", o.Path, err)
	}
	return s, headers, nil
}

// readHeader finds the header record, settles the encoding and the delimiter, and
// returns the header fields.
func (s *csvSource) readHeader(o Options) ([]string, error) {
	head, whole, err := s.readHead()
	if err != nil {
		return nil, err
	}
	pos, blank, err := skipPreamble(head)
	if err != nil {
		return nil, err
	}
	rec, err := s.headerRecord(head, pos, blank, whole)
	if err != nil {
		return nil, err
	}
	if err := s.settleEncoding(o.Encoding, head[pos:], whole); err != nil {
		return nil, err
	}
	return s.headerFields(rec, o.Delimiter)
}

// readHead reads the start of the file, reading more while no line ends in it, up to
// headLimit; whole says the file ends within it.
func (s *csvSource) readHead() (head []byte, whole bool, err error) {
	for size := sampleSize; ; size *= 4 {
		head = make([]byte, size)
		n, err := s.file.ReadAt(head, 0)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false, fmt.Errorf("read: %w", err)
		}
		if n < size || size >= headLimit || headerEnds(head) {
			return head[:n], n < size, nil
		}
	}
}

func headerEnds(head []byte) bool {
	pos, _, err := skipPreamble(head)
	return err != nil || recordEnd(head[pos:]) >= 0
}

// skipPreamble skips a byte order mark and blank lines before the header.
func skipPreamble(head []byte) (pos, lines int, err error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return 0, 0, errors.New("UTF-16 files are not supported; save the file as UTF-8 or windows-1251")
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		pos = 3
	}
	for {
		i := bytes.IndexByte(head[pos:], '\n')
		if i < 0 || len(bytes.Trim(head[pos:pos+i], " \t\r")) > 0 {
			return pos, lines, nil
		}
		pos, lines = pos+i+1, lines+1
	}
}

// headerRecord cuts the header record out of head and notes where data starts.
func (s *csvSource) headerRecord(head []byte, pos, blank int, whole bool) ([]byte, error) {
	rec := head[pos:]
	end := recordEnd(rec)
	switch {
	case end >= 0:
		rec = rec[:end]
		s.offset = int64(pos + end + 1)
	case !whole:
		return nil, fmt.Errorf("no end of the header line within the first %d MiB", headLimit>>20)
	default:
		s.offset = int64(len(head))
	}
	if len(bytes.TrimSpace(rec)) == 0 {
		return nil, errors.New("the file is empty: no header line")
	}
	s.line = int64(blank) + 1 + int64(bytes.Count(rec, []byte{'\n'})) + 1
	return trimCR(rec), nil
}

func (s *csvSource) settleEncoding(name string, sample []byte, whole bool) error {
	enc, err := parseEncoding(name)
	switch {
	case err != nil:
		return err
	case enc == encodingAuto:
		s.cp1251 = !looksUTF8(sample, whole)
	default:
		s.cp1251 = enc == encodingCP1251
	}
	return nil
}

// looksUTF8 checks the start of the file. The header alone is often plain ASCII
// while the names below it are windows-1251, so the first 64 KiB are checked.
func looksUTF8(b []byte, whole bool) bool {
	if len(b) > sampleSize {
		b, whole = b[:sampleSize], false
	}
	if !whole { // the sample may end inside a character
		for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
			if utf8.RuneStart(b[len(b)-i]) {
				if !utf8.FullRune(b[len(b)-i:]) {
					b = b[:len(b)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

// headerFields decodes and splits the header.
func (s *csvSource) headerFields(rec []byte, delim rune) ([]string, error) {
	if delim == 0 {
		d, err := detectDelimiter(rec)
		if err != nil {
			return nil, err
		}
		delim = rune(d)
	}
	s.delim = byte(delim)
	if s.cp1251 {
		rec, _ = charmap.Windows1251.NewDecoder().Bytes(rec) // every byte maps to a character
	} else {
		rec = bytes.Clone(rec) // splitQuoted unquotes in place
	}
	fields := splitQuoted(rec, s.delim, nil, math.MaxInt)
	headers := make([]string, len(fields))
	for i, f := range fields {
		headers[i] = strings.TrimSpace(string(f))
	}
	return headers, nil
}

// delimiters are the candidates for detection, the most likely first: 1C users mostly
// live with Russian regional settings, where Excel writes ;.
const delimiters = ";,\t|"

// detectDelimiter picks the candidate found most often outside quotes in the header.
func detectDelimiter(header []byte) (byte, error) {
	var counts [len(delimiters)]int
	inQuotes := false
	for _, c := range header {
		if c == '"' {
			inQuotes = !inQuotes
		} else if i := strings.IndexByte(delimiters, c); i >= 0 && !inQuotes {
			counts[i]++
		}
	}
	best := 0
	for i, n := range counts {
		if n > counts[best] {
			best = i
		}
	}
	if counts[best] == 0 {
		return 0, errors.New("cannot detect the delimiter: the header has none of ; , tab |; set one with the delimiter option")
	}
	return delimiters[best], nil
}

// data returns a reader of the data records, transcoded to UTF-8.
func (s *csvSource) data() io.Reader {
	var r io.Reader = io.NewSectionReader(s.file, s.offset, math.MaxInt64-s.offset)
	if s.cp1251 {
		r = transform.NewReader(r, charmap.Windows1251.NewDecoder())
	}
	return r
}

func (s *csvSource) close() error { return s.file.Close() }
