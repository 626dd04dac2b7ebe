package main

import (
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/exports"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/money"
)

// segmentOutput prints one matrix the way `rfm9 segment` was asked to.
type segmentOutput struct {
	lang       string
	names      *lifecycle.Names
	lineSkips  map[string]int64
	suggestion *lifecycle.Suggestion
}

// segmentJSON is the report with the suggestion, when one was asked for.
type segmentJSON struct {
	lifecycle.Report
	Suggestion *suggestionJSON `json:"suggestion,omitempty"`
}

type suggestionJSON struct {
	Count       [2]int   `json:"count"`
	RecencyDays [2]int   `json:"recency_days"`
	MonetaryKop [2]int64 `json:"monetary_kop"`
	Reasons     []string `json:"reasons"`
}

func (o segmentOutput) run(cmd *cobra.Command, l *lifecycle.Ledger, asOf lifecycle.Day, b lifecycle.Bounds, f segmentFlags) error {
	c, err := lifecycle.NewClassifier(b)
	if err != nil {
		return err
	}
	start := time.Now()
	stats, skipped := l.Stats(asOf)
	m, codes := c.Classify(asOf, stats, skipped, nil)
	slog.Debug("matrix computed", "as_of", asOf, "clients", m.Clients, "took", time.Since(start).Round(time.Millisecond))
	if f.clientsOut != "" {
		if err := writeClients(f.clientsOut, l, stats, codes); err != nil {
			return err
		}
	}
	w := cmd.OutOrStdout()
	if f.format == "json" {
		return o.printJSON(w, &m)
	}
	o.printSuggestion(w)
	o.printTable(w, &m)
	return nil
}

func (o segmentOutput) printJSON(w io.Writer, m *lifecycle.Matrix) error {
	out := segmentJSON{Report: lifecycle.NewReport(m, o.names, o.lang, o.lineSkips)}
	if s := o.suggestion; s != nil {
		out.Suggestion = &suggestionJSON{Count: s.Bounds.Count, RecencyDays: s.Bounds.RecencyDays, MonetaryKop: s.Bounds.Monetary.Fixed}
		for _, r := range s.Reasons {
			out.Suggestion.Reasons = append(out.Suggestion.Reasons, o.text(r.RU, r.EN))
		}
	}
	return writeJSON(w, out)
}

func (o segmentOutput) text(ru, en string) string {
	if o.lang == "en" {
		return en
	}
	return ru
}

func (o segmentOutput) printSuggestion(w io.Writer) {
	if o.suggestion == nil {
		return
	}
	fmt.Fprintln(w, o.text("Предложенные границы:", "Suggested bounds:"))
	for _, r := range o.suggestion.Reasons {
		fmt.Fprintln(w, "  •", o.text(r.RU, r.EN))
	}
	fmt.Fprintln(w)
}

// printTable draws the 3×3 matrix (rows: recency, columns: purchase count), then the codes.
func (o segmentOutput) printTable(w io.Writer, m *lifecycle.Matrix) {
	lang := o.lang
	fmt.Fprintf(w, o.text("Матрица на %s: клиентов %s, сумма %s\n", "Matrix as of %s: %s clients, total %s\n"),
		m.AsOf, money.Count(int64(m.Clients), lang), money.Rubles(total(m), lang))
	o.printSkipped(w, m)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprint(tw, "\t")
	for f := uint8(1); f <= 3; f++ {
		fmt.Fprintf(tw, "F%d: %s\t", f, firstPart(m.Explain(lifecycle.Code{R: 3, F: f, M: 1}, lang)))
	}
	fmt.Fprintln(tw)
	for r := uint8(3); r >= 1; r-- {
		label := fmt.Sprintf("R%d: %s", r, secondPart(m.Explain(lifecycle.Code{R: r, F: 1, M: 1}, lang)))
		rows := [3][]string{{label}, {""}, {""}}
		for f := uint8(1); f <= 3; f++ {
			cell := lifecycle.Cell{R: r, F: f}
			t := m.Cell(cell)
			rows[0] = append(rows[0], o.names.Of(cell).Name.In(lang))
			rows[1] = append(rows[1], money.Count(int64(t.Clients), lang)+" ("+money.Percent(int64(t.Clients), int64(m.Clients), lang)+")")
			rows[2] = append(rows[2], money.Rubles(t.Monetary, lang))
		}
		for _, row := range rows {
			fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
		}
		fmt.Fprintln(tw, "\t\t\t\t")
	}
	tw.Flush()
	o.printCodes(w, m)
}

func (o segmentOutput) printCodes(w io.Writer, m *lifecycle.Matrix) {
	lang := o.lang
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, o.text("код\tклиентов\tдоля\tсумма\t\tописание", "code\tclients\tshare\ttotal\t\tmeaning"))
	for _, c := range lifecycle.Codes() {
		t := m.Code(c)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\t%s\n", c, money.Count(int64(t.Clients), lang),
			money.Percent(int64(t.Clients), int64(m.Clients), lang), money.Rubles(t.Monetary, lang), m.Explain(c, lang))
	}
	tw.Flush()
}

func (o segmentOutput) printSkipped(w io.Writer, m *lifecycle.Matrix) {
	skips := lifecycle.SkipCounts(m, o.lineSkips)
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(skips)) {
		if skips[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", k, money.Count(skips[k], o.lang)))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, o.text("ничего", "nothing"))
	}
	fmt.Fprintln(w, o.text("Пропущено: ", "Skipped: ")+strings.Join(parts, ", "))
	fmt.Fprintln(w)
}

func total(m *lifecycle.Matrix) int64 {
	var sum int64
	for _, c := range lifecycle.Cells() {
		sum += m.Cell(c).Monetary
	}
	return sum
}

// firstPart and secondPart cut the count and recency phrases out of a code's sentence.
func firstPart(s string) string { p, _, _ := strings.Cut(s, ", "); return p }

func secondPart(s string) string {
	parts := strings.SplitN(s, ", ", 3)
	if len(parts) < 2 {
		return s
	}
	return parts[1]
}

func writeClients(path string, l *lifecycle.Ledger, stats []lifecycle.ClientStats, codes []lifecycle.Code) error {
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--clients-out: %w", err)
	}
	defer file.Close()
	var enc interface {
		Write(*exports.ClientRow) error
		Close() error
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		enc, err = exports.NewClientXLSX(file, "Клиенты")
	case ".csv":
		enc, err = exports.NewClientCSV(file)
	default:
		return usageError{fmt.Errorf("--clients-out %q: want a .csv or .xlsx file", path)}
	}
	if err != nil {
		return err
	}
	for i := range stats {
		s, c := &stats[i], codes[i]
		row := exports.ClientRow{
			ClientID: l.Client(s.Client).ID, FirstPurchase: s.First.String(), LastPurchase: s.Last.String(),
			Purchases: s.Purchases, MonetaryKop: s.Monetary, RecencyDays: s.Recency, R: c.R, F: c.F, M: c.M, Code: c.String(),
		}
		if err := enc.Write(&row); err != nil {
			return err
		}
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return file.Close()
}
