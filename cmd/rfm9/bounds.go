package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec/salesfile"
)

// bounds builds the matrix bounds from the defaults and the bound flags.
func (f segmentFlags) bounds() (lifecycle.Bounds, error) {
	b := lifecycle.DefaultBounds()
	var err error
	if f.countBounds != "" {
		if b.Count, err = intPair("--count-bounds", f.countBounds); err != nil {
			return b, err
		}
	}
	if f.recencyDays != "" {
		if b.RecencyDays, err = intPair("--recency-days", f.recencyDays); err != nil {
			return b, err
		}
	}
	if f.monetary != "" {
		if b.Monetary, err = monetaryFlag(f.monetary); err != nil {
			return b, err
		}
	}
	if f.suggest != "" && f.suggest != string(lifecycle.SuggestKMeans) && f.suggest != string(lifecycle.SuggestQuantiles) {
		return b, fmt.Errorf("--suggest %q: want kmeans or quantiles", f.suggest)
	}
	if err := b.Validate(); err != nil {
		return b, fmt.Errorf("bounds: %w", err)
	}
	return b, nil
}

func intPair(flag, s string) ([2]int, error) {
	a, b, ok := strings.Cut(s, ",")
	x, err1 := strconv.Atoi(strings.TrimSpace(a))
	y, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return [2]int{}, fmt.Errorf("%s %q: want two whole numbers A,B", flag, s)
	}
	return [2]int{x, y}, nil
}

// monetaryFlag reads tertiles, per-cell, or two ruble amounts "B1,B2" ("12000.50,48000" —
// use a dot or quote a space-separated pair, since the comma separates the two).
func monetaryFlag(s string) (lifecycle.Monetary, error) {
	switch s {
	case string(lifecycle.MonetaryTertiles), string(lifecycle.MonetaryPerCell):
		return lifecycle.Monetary{Mode: lifecycle.MonetaryMode(s)}, nil
	}
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return lifecycle.Monetary{}, fmt.Errorf("--monetary %q: want tertiles, per-cell or ruble bounds B1,B2", s)
	}
	x, err1 := salesfile.ParseKopecks([]byte(strings.TrimSpace(a)))
	y, err2 := salesfile.ParseKopecks([]byte(strings.TrimSpace(b)))
	if err1 != nil || err2 != nil {
		return lifecycle.Monetary{}, fmt.Errorf("--monetary %q: want two ruble amounts B1,B2 such as 12000,48000.50", s)
	}
	return lifecycle.Monetary{Mode: lifecycle.MonetaryFixed, Fixed: [2]int64{x, y}}, nil
}

// applySuggestion replaces the bounds the user did not set with the suggested ones.
func (f segmentFlags) applySuggestion(l *lifecycle.Ledger, asOf lifecycle.Day, b lifecycle.Bounds) (lifecycle.Bounds, *lifecycle.Suggestion, error) {
	s, err := lifecycle.Suggest(l.SuggestInput(asOf), lifecycle.SuggestMethod(f.suggest))
	if err != nil {
		return b, nil, fmt.Errorf("suggest: %w", err)
	}
	if f.countBounds == "" {
		b.Count = s.Bounds.Count
	}
	if f.recencyDays == "" {
		b.RecencyDays = s.Bounds.RecencyDays
	}
	if f.monetary == "" {
		b.Monetary = s.Bounds.Monetary
	}
	if err := b.Validate(); err != nil {
		return b, nil, fmt.Errorf("suggested bounds with the given ones: %w", err)
	}
	return b, &s, nil
}
