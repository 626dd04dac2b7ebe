package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/exports"
	"github.com/rfm9/rfm9/kpi"
	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

func exportCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write reports from the store",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(exportKPICommand())
	return cmd
}

// exportKPIFlags are the flags of rfm9 export kpi.
type exportKPIFlags struct {
	st                                    storeFlags
	from, to, period, out, lang, segments string
}

func exportKPICommand() *cobra.Command {
	var f exportKPIFlags
	cmd := &cobra.Command{
		Use:   "kpi --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx",
		Short: "Write the Excel KPI report",
		Long: `export kpi writes the KPI report as an Excel workbook: Сводка (the last period's KPIs
against the previous one), KPI по месяцам (one row per period), Сегменты (the current
matrix and the 27 codes), Динамика (sizes per snapshot), Переходы (moves between the
first and the last snapshot), Когорты (LTV and retention by month of first purchase),
with charts. The same report as GET /reports/kpi.xlsx.`,
		Example: `  rfm9 export kpi --from 2024-01-01 --to 2024-12-31 --out kpi-2024.xlsx
  rfm9 export kpi --from 2022-01-01 --to 2024-12-31 --period quarter --lang en --out kpi.xlsx --store postgres://rfm9@db/rfm9`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return f.run(cmd) },
	}
	fl := cmd.Flags()
	f.st.register(fl, false)
	fl.StringVar(&f.from, "from", "", "first day of the report, YYYY-MM-DD (required)")
	fl.StringVar(&f.to, "to", "", "last day of the report, YYYY-MM-DD (required)")
	fl.StringVar(&f.period, "period", "month", "rows per month, quarter or year")
	fl.StringVar(&f.out, "out", "", "the workbook to write, FILE.xlsx (required)")
	fl.StringVar(&f.lang, "lang", "ru", "ru or en")
	fl.StringVar(&f.segments, "segments", "", "a YAML file overriding segment names (the form of configs/segments.yaml)")
	return cmd
}

// request checks the flags, naming the one at fault.
func (f *exportKPIFlags) request() (exports.KPIReportRequest, error) {
	var req exports.KPIReportRequest
	var err error
	if req.Range.From, err = lifecycle.ParseDay(f.from); err != nil {
		return req, usageError{fmt.Errorf("--from: %w", err)}
	}
	if req.Range.To, err = lifecycle.ParseDay(f.to); err != nil {
		return req, usageError{fmt.Errorf("--to: %w", err)}
	}
	if req.Period, err = kpi.ParsePeriodKind(f.period); err != nil {
		return req, usageError{fmt.Errorf("--period: %w", err)}
	}
	if _, err := req.Range.Periods(req.Period); err != nil {
		return req, usageError{fmt.Errorf("--from, --to: %w", err)}
	}
	if f.lang != "ru" && f.lang != "en" {
		return req, usageError{fmt.Errorf("--lang %q: want ru or en", f.lang)}
	}
	if f.out == "" {
		return req, usageError{fmt.Errorf("--out: the workbook to write is required")}
	}
	names, err := loadNames(f.segments)
	if err != nil {
		return req, err
	}
	req.Lang, req.Names, req.Bounds, req.Now = f.lang, &names, lifecycle.DefaultBounds(), time.Now()
	return req, nil
}

func (f *exportKPIFlags) run(cmd *cobra.Command) error {
	req, err := f.request()
	if err != nil {
		return err
	}
	db, err := f.st.open(cmd.Context(), false)
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := mirror.NewStore(db)
	if err != nil {
		return err
	}
	start := time.Now()
	r, err := exports.AssembleKPIReport(cmd.Context(), ms, req)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(f.out, func(w *os.File) error { return exports.WriteKPIReport(w, r) }); err != nil {
		return err
	}
	slog.Info("kpi report written", "file", f.out, "periods", len(r.Rows), "snapshots", r.Snapshots, "elapsed", time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(cmd.OutOrStdout(), "%s: %d periods, %d snapshots\n", f.out, len(r.Rows), r.Snapshots)
	return nil
}

// writeFileAtomic writes path through a temporary file in the same folder, renamed
// into place once complete: a failed export leaves no half-written workbook behind.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rfm9-*.xlsx")
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it private; a report is not
		tmp.Close()
		return fmt.Errorf("--out: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}
