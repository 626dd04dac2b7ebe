// Command rfm9 runs the "9 lifecycle segments" methodology over sales from 1C.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"

	_ "time/tzdata" // 1C servers often run Windows, which has no zoneinfo of its own
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := rootCommand()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "rfm9:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError marks an error in the command line, as opposed to one in the data.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

func rootCommand() *cobra.Command {
	var verbose bool
	var cpuProfile string
	var stopProfile func()
	root := &cobra.Command{
		Use:   "rfm9",
		Short: "Repeat-sales segments (9 сегментов ЖЦК) over sales from 1C:Enterprise",
		Long: `rfm9 places every client of a 1C base into a 3×3 matrix of purchase count ×
recency, splits each cell by money into 27 codes, names each segment and its strategy.

Sales come from a CSV/XLSX export (rfm9 segment --file), and later straight from 1C.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := "info"
			if verbose {
				level = "debug"
			}
			setLogger(cmd, level, "text")
			stopProfile = startCPUProfile(cpuProfile)
		},
		PersistentPostRun: func(*cobra.Command, []string) { stopProfile() },
	}
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for benchmarks)")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log debug details to stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(segmentCommand(), genCommand(), syncCommand(), migrateCommand(), emulateCommand(), check1CCommand(), serveCommand(), tokenCommand(), snapshotCommand(), reageCommand())
	root.AddCommand(exportCommand())
	return root
}

// startCPUProfile profiles the command into path when set; the returned func stops it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		slog.Error("cpu profile", "err", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		slog.Error("cpu profile", "err", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// setLogger sets up log/slog once for the process: text or JSON lines on stderr.
func setLogger(cmd *cobra.Command, level, format string) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: l}
	var h slog.Handler = slog.NewTextHandler(cmd.ErrOrStderr(), opts)
	if format == "json" {
		h = slog.NewJSONHandler(cmd.ErrOrStderr(), opts)
	}
	slog.SetDefault(slog.New(h))
}
