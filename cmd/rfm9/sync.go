package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/lifecycle"
	"github.com/rfm9/rfm9/mirror"
)

func syncCommand() *cobra.Command {
	var src sourceFlags
	var st storeFlags
	var full bool
	var window int
	cmd := &cobra.Command{
		Use:   "sync (--file PATH | --odata-url URL --preset NAME) [--full]",
		Short: "Bring the local mirror of 1C sales up to date and recompute the segments",
		Long: `sync reads sales from 1C (or a file) into rfm9's store: one row per sale document.

An incremental sync re-reads the last --window-days days, because 1C re-posts, un-posts
and back-dates documents, and replaces the mirror document by document: a document that
vanished from 1C is removed. --full re-reads everything. What is read is staged and
swapped in with one transaction, so a sync that fails leaves the last good state
untouched; the next sync continues from where the failed one stopped.`,
		Example: `  RFM9_1C_PASSWORD=… rfm9 sync --odata-url http://1c/base/odata/standard.odata/ --preset ut11 --user Админ
  rfm9 sync --file sales.csv --full --migrate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if window < 1 {
				return usageError{fmt.Errorf("--window-days %d: want at least 1", window)}
			}
			source, err := src.open(cmd.Context())
			if err != nil {
				return err
			}
			defer source.close()
			db, err := st.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer db.Close()
			ms, err := mirror.NewStore(db)
			if err != nil {
				return err
			}
			bar := newProgress(cmd.ErrOrStderr())
			s := &mirror.Syncer{Store: ms, Sales: source.sales, Catalog: source.catalog, Location: source.loc,
				Bounds: lifecycle.DefaultBounds(), Window: window, Now: time.Now, Progress: bar.update}
			res, err := s.Run(cmd.Context(), full)
			bar.finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sync %d done in %s: %d records read, %d documents and %d clients in the mirror, %d clients segmented; skipped %v\n",
				res.RunID, res.Took.Round(time.Millisecond), res.Records, res.Documents, res.Clients, res.Segmented, source.skipped())
			return nil
		},
	}
	src.register(cmd.Flags())
	st.register(cmd.Flags(), true)
	cmd.Flags().BoolVar(&full, "full", false, "re-read everything instead of the last days")
	cmd.Flags().IntVar(&window, "window-days", 45, "days an incremental sync re-reads")
	return cmd
}
