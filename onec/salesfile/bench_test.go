package salesfile

import (
	"bufio"
	"context"
	"github.com/rfm9/rfm9/calendar"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rfm9/rfm9/onec"
)

// writeBenchCSV writes lines like the benchmark's 1 GB export, of about size bytes:
// af738206-2426-11f0-9d47-3c64cfca4840,1c0be2a4-...,2024-01-05T12:00:00,1234.50
func writeBenchCSV(b *testing.B, size int64) (path string, lines int) {
	b.Helper()
	path = filepath.Join(b.TempDir(), "bench.csv")
	file, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(file, 1<<20)
	w.WriteString("client_id,document_id,date,amount\n")
	r := rand.New(rand.NewPCG(42, 42))
	clients := make([][]byte, 50000)
	for i := range clients {
		clients[i] = appendGUID(nil, r)
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var line []byte
	for written := int64(0); written < size; lines++ {
		line = append(line[:0], clients[r.IntN(len(clients))]...)
		line = append(line, ',')
		line = appendGUID(line, r)
		line = append(line, ',')
		line = start.Add(time.Duration(r.IntN(366*86400))*time.Second).AppendFormat(line, "2006-01-02T15:04:05")
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(r.IntN(100000)), 10)
		line = append(line, '.')
		line = strconv.AppendInt(line, int64(10+r.IntN(90)), 10)
		line = append(line, '\n')
		w.Write(line)
		written += int64(len(line))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := file.Close(); err != nil {
		b.Fatal(err)
	}
	return path, lines
}

func appendGUID(dst []byte, r *rand.Rand) []byte {
	const hex = "0123456789abcdef"
	for i, n := range []int{8, 4, 4, 4, 12} {
		if i > 0 {
			dst = append(dst, '-')
		}
		for range n {
			dst = append(dst, hex[r.IntN(16)])
		}
	}
	return dst
}

func BenchmarkCSV(b *testing.B) {
	path, lines := writeBenchCSV(b, 50<<20)
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	msk, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ReportAllocs()
	for b.Loop() {
		f, err := Open(Options{Path: path, Location: msk})
		if err != nil {
			b.Fatal(err)
		}
		var n, sum int64
		err = f.Sales(context.Background(), onec.Period{}, func(batch []onec.Sale) error {
			for i := range batch {
				sum += batch[i].Amount
			}
			n += int64(len(batch))
			return nil
		})
		f.Close()
		if err != nil || n != int64(lines) {
			b.Fatalf("read %d of %d sales: %v", n, lines, err)
		}
	}
}

// BenchmarkParseBlock measures one worker on one block, without I/O or hand-offs.
func BenchmarkParseBlock(b *testing.B) {
	path, _ := writeBenchCSV(b, defaultBlockSize)
	f, err := Open(Options{Path: path, Location: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	src := f.src.(*csvSource)
	body := data[src.offset:]
	w := src.worker(reading{conv: newConverter(&f.cols, onec.Period{}, dateParser{zone: zoneCache{calendar.Zone{Loc: time.UTC}}})})
	out := make([]onec.Sale, 0, len(body)/50)
	b.SetBytes(int64(len(body)))
	var lines int64
	for b.Loop() {
		lines = w.parse(block{data: body}, out).newlines
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*lines), "ns/line")
}
