package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/configs"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/onec"
	"github.com/rfm9/rfm9/onec/salesfile"
)

// segmentFlags are the options of `rfm9 segment`.
type segmentFlags struct {
	file, sheet, delimiter, encoding, dateLayout, tz string
	cols                                             []string
	strict                                           bool
	asOf, countBounds, recencyDays, monetary         string
	suggest                                          string
	format, clientsOut, lang, segments               string
}

func segmentCommand() *cobra.Command {
	var f segmentFlags
	cmd := &cobra.Command{
		Use:   "segment --file PATH [flags]",
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
	fl.StringVar(&f.file, "file", "", "CSV or XLSX file with sales lines (required)")
	fl.StringVar(&f.sheet, "sheet", "", "XLSX sheet (default: the first)")
	fl.StringVar(&f.delimiter, "delimiter", "", "CSV delimiter (default: detected from the header among ; , tab |)")
	fl.StringVar(&f.encoding, "encoding", "auto", "CSV encoding: auto, utf-8 or windows-1251")
	fl.StringArrayVar(&f.cols, "col", nil, "column mapping ROLE=HEADER; roles: client, document, date, amount, quantity, price, discount, client_name, document_type")
	fl.StringVar(&f.dateLayout, "date-layout", "", "Go time layout tried first for dates, e.g. 01/02/2006")
	fl.StringVar(&f.tz, "tz", "Local", "time zone of the base, e.g. Europe/Moscow")
	fl.BoolVar(&f.strict, "strict", false, "stop at the first bad line instead of skipping it")
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
	opts, err := f.fileOptions()
	if err != nil {
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
	src, err := salesfile.Open(opts)
	if err != nil {
		return err
	}
	defer src.Close()
	ledger, err := readLedger(cmd, src, opts.Location)
	if err != nil {
		return err
	}
	asOf, err := f.asOfDay(cmd, ledger)
	if err != nil {
		return err
	}
	out := segmentOutput{lang: f.lang, names: &names, lineSkips: src.Skipped()}
	if f.suggest != "" {
		if bounds, out.suggestion, err = f.applySuggestion(ledger, asOf, bounds); err != nil {
			return err
		}
	}
	return out.run(cmd, ledger, asOf, bounds, f)
}

// readLedger streams the source into a ledger and logs what was read.
func readLedger(cmd *cobra.Command, src *salesfile.File, loc *time.Location) (*lifecycle.Ledger, error) {
	start := time.Now()
	ledger := lifecycle.NewLedger(loc)
	if err := src.Sales(cmd.Context(), onec.Period{}, ledger.Add); err != nil {
		return nil, err
	}
	read := time.Since(start)
	ledger.Close()
	slog.Debug("documents merged", "read", read.Round(time.Millisecond), "merge", (time.Since(start) - read).Round(time.Millisecond))
	slog.Info("sales read", "lines", src.Lines(), "documents", ledger.Documents(),
		"clients", ledger.Clients(), "skipped", src.Skipped(), "took", time.Since(start).Round(time.Millisecond))
	return ledger, nil
}

func (f segmentFlags) fileOptions() (salesfile.Options, error) {
	o := salesfile.Options{Path: f.file, Sheet: f.sheet, Encoding: f.encoding, DateLayout: f.dateLayout, Strict: f.strict}
	if f.file == "" {
		return o, fmt.Errorf("--file: required")
	}
	loc, err := time.LoadLocation(f.tz)
	if err != nil {
		return o, fmt.Errorf("--tz %q: %w", f.tz, err)
	}
	o.Location = loc
	if f.delimiter != "" {
		d := []rune(strings.ReplaceAll(f.delimiter, `\t`, "\t"))
		if len(d) != 1 {
			return o, fmt.Errorf("--delimiter %q: want one character", f.delimiter)
		}
		o.Delimiter = d[0]
	}
	o.Columns = map[string]string{}
	for _, c := range f.cols {
		role, header, ok := strings.Cut(c, "=")
		if !ok || role == "" || header == "" {
			return o, fmt.Errorf("--col %q: want ROLE=HEADER", c)
		}
		o.Columns[strings.TrimSpace(role)] = strings.TrimSpace(header)
	}
	if f.format != "table" && f.format != "json" {
		return o, fmt.Errorf("--format %q: want table or json", f.format)
	}
	if f.lang != "ru" && f.lang != "en" {
		return o, fmt.Errorf("--lang %q: want ru or en", f.lang)
	}
	return o, nil
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
func (f segmentFlags) asOfDay(cmd *cobra.Command, l *lifecycle.Ledger) (lifecycle.Day, error) {
	if f.asOf != "" {
		d, err := lifecycle.ParseDay(f.asOf)
		if err != nil {
			return 0, usageError{fmt.Errorf("--as-of: %w", err)}
		}
		return d, nil
	}
	_, last, ok := l.Span()
	if !ok {
		return 0, fmt.Errorf("no sales in %s: nothing to segment (see the skipped lines above)", f.file)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "--as-of not given: using %s, the date of the latest sale in the data\n", last)
	return last, nil
}
