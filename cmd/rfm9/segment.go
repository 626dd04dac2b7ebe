package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
)

// segmentFlags are the options of `rfm9 segment`.
type segmentFlags struct {
	source                                   sourceFlags
	asOf, countBounds, recencyDays, monetary string
	suggest                                  string
	format, clientsOut, lang, segments       string
}

func segmentCommand() *cobra.Command {
	var f segmentFlags
	cmd := &cobra.Command{
		Use:   "segment (--file PATH | --odata-url URL --preset NAME) [flags]",
		Short: "Place every client into the 3×3 matrix and 27 codes, once",
		Long: `segment reads sales, groups the lines into documents, computes each client's
purchases (F), days since the last purchase (R) and net sum (M) as of a date, and
prints the 3×3 matrix and the 27 codes.

A purchase is a document with a positive net amount; a document with a negative net
amount is a return: it lowers M and is not a purchase. Bounds are inclusive:
R3 if recency <= R1, R2 if <= R2, else R1; F1 if purchases <= C1, F2 if <= C2, else F3.

Lines without a client or with a value that does not parse are skipped and counted
by reason; --strict stops at the first such line instead.`,
		Example: `  rfm9 segment --file sales.csv
  rfm9 segment --file export.csv --delimiter ';' --encoding windows-1251 \
      --col client=Контрагент --col document=Регистратор --col date=Период --col amount=Сумма
  rfm9 segment --file sales.xlsx --sheet Продажи --as-of 2024-12-31 --format json
  rfm9 segment --file sales.csv --suggest --clients-out clients.xlsx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSegment(cmd, f) },
	}
	fl := cmd.Flags()
	f.source.register(fl)
	fl.StringVar(&f.asOf, "as-of", "", "date of the matrix, YYYY-MM-DD (default: the date of the latest sale in the data)")
	fl.StringVar(&f.countBounds, "count-bounds", "", "purchase-count bounds C1,C2 (default 1,3)")
	fl.StringVar(&f.recencyDays, "recency-days", "", "recency bounds in days R1,R2 (default 90,180)")
	fl.StringVar(&f.monetary, "monetary", "", "money classes: tertiles (default), per-cell, or ruble bounds B1,B2")
	fl.StringVar(&f.suggest, "suggest", "", "suggest bounds from the data: kmeans or quantiles; explicit bound flags win")
	fl.Lookup("suggest").NoOptDefVal = string(lifecycle.SuggestKMeans)
	fl.StringVar(&f.format, "format", "table", "output: table or json")
	fl.StringVar(&f.clientsOut, "clients-out", "", "also write one row per client to FILE.csv or FILE.xlsx")
	fl.StringVar(&f.lang, "lang", "ru", "language of names and sentences: ru or en")
	fl.StringVar(&f.segments, "segments", "", "YAML file overriding segment names, stages and strategies")
	return cmd
}

func runSegment(cmd *cobra.Command, f segmentFlags) error {
	// The big allocations (fragments, documents, per-client stats) hold no pointers, so
	// collecting more often costs little and keeps the peak memory of big files down.
	debug.SetGCPercent(50)
	if err := f.validate(); err != nil {
		return usageError{err}
	}
	bounds, err := f.bounds()
	if err != nil {
		return usageError{err}
	}
	names, err := loadNames(f.segments)
	if err != nil {
		return err
	}
	src, err := f.source.open(cmd.Context())
	if err != nil {
		return err
	}
	defer src.close()
	ledger, err := readLedger(cmd, src)
	if err != nil {
		return err
	}
	asOf, err := f.asOfDay(cmd, ledger, src.name)
	if err != nil {
		return err
	}
	out := segmentOutput{lang: f.lang, names: &names, lineSkips: src.skipped()}
	if f.suggest != "" {
		if bounds, out.suggestion, err = f.applySuggestion(ledger, asOf, bounds); err != nil {
			return err
		}
	}
	return out.run(cmd, ledger, asOf, bounds, f)
}

// readLedger streams the source into a ledger and logs what was read.
func readLedger(cmd *cobra.Command, src *opened) (*lifecycle.Ledger, error) {
	start := time.Now()
	ledger := lifecycle.NewLedger(src.loc)
	var sales int64
	err := src.sales.Sales(cmd.Context(), onec.Period{}, func(batch []onec.Sale) error {
		sales += int64(len(batch))
		return ledger.Add(batch)
	})
	if err != nil {
		return nil, err
	}
	read := time.Since(start)
	ledger.Close()
	slog.Debug("documents merged", "read", read.Round(time.Millisecond), "merge", (time.Since(start) - read).Round(time.Millisecond))
	slog.Info("sales read", "source", src.name, "sales", sales, "documents", ledger.Documents(),
		"clients", ledger.Clients(), "skipped", src.skipped(), "took", time.Since(start).Round(time.Millisecond))
	return ledger, nil
}

func (f segmentFlags) validate() error {
	if f.format != "table" && f.format != "json" {
		return fmt.Errorf("--format %q: want table or json", f.format)
	}
	if f.lang != "ru" && f.lang != "en" {
		return fmt.Errorf("--lang %q: want ru or en", f.lang)
	}
	return nil
}

func loadNames(path string) (lifecycle.Names, error) {
	if path == "" {
		return lifecycle.ParseNames(configs.SegmentsYAML)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return lifecycle.Names{}, fmt.Errorf("--segments: %w", err)
	}
	return lifecycle.ParseNames(configs.SegmentsYAML, data)
}

// asOfDay is --as-of, or the date of the latest document when it is not given.
func (f segmentFlags) asOfDay(cmd *cobra.Command, l *lifecycle.Ledger, source string) (lifecycle.Day, error) {
	if f.asOf != "" {
		d, err := lifecycle.ParseDay(f.asOf)
		if err != nil {
			return 0, usageError{fmt.Errorf("--as-of: %w", err)}
		}
		return d, nil
	}
	_, last, ok := l.Span()
	if !ok {
		return 0, fmt.Errorf("no sales in %s: nothing to segment (see the skipped lines above)", source)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "--as-of not given: using %s, the date of the latest sale in the data\n", last)
	return last, nil
}
