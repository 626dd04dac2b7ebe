package demo

import (
	"io"
	"testing"

	"github.com/rfm9/rfm9/onec"
)

// benchOptions is a run large enough for the per-line cost to dominate.
var benchOptions = Options{Clients: 150_000, Lines: 1_000_000, Seed: 1}

func BenchmarkWriteCSV(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCSV(io.Discard, benchOptions); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchOptions.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Generate(benchOptions, func(onec.Sale) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchOptions.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
