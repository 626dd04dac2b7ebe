package salesfile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rfm9/rfm9/onec"
	"golang.org/x/text/encoding/charmap"
)

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func cp1251(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func open(t testing.TB, o Options) *File {
	t.Helper()
	f, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// collect reads every sale, cloning strings as the Source contract asks.
func collect(t testing.TB, f *File, p onec.Period) ([]onec.Sale, error) {
	t.Helper()
	var all []onec.Sale
	err := f.Sales(context.Background(), p, func(batch []onec.Sale) error {
		for _, s := range batch {
			s.ClientID = strings.Clone(s.ClientID)
			s.ClientName = strings.Clone(s.ClientName)
			s.DocumentID = strings.Clone(s.DocumentID)
			s.DocumentType = strings.Clone(s.DocumentType)
			all = append(all, s)
		}
		return nil
	})
	return all, err
}

func mustCollect(t testing.TB, f *File, p onec.Period) []onec.Sale {
	t.Helper()
	s, err := collect(t, f, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// setBlockSize shrinks the CSV block size so that records straddle blocks.
func setBlockSize(f *File, n int) { f.src.(*csvSource).blockSize = n }

func equalCounts(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
