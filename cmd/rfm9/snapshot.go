package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/lifecycle"
)

func snapshotCommand() *cobra.Command {
	var st storeFlags
	var date, tz string
	cmd := &cobra.Command{
		Use:   "snapshot [--date YYYY-MM-DD]",
		Short: "Take the month-end snapshots that are due, or one as of a date",
		Long: `snapshot computes matrix snapshots from the mirror: without --date, every month-end of
the last 36 complete months that has none yet (what the month-end job does; run it
twice and the second run does nothing); with --date, one snapshot as of that past day,
replacing one taken that day. Each snapshot keeps the bounds version it used.`,
		Example: `  rfm9 snapshot --data data --tz Europe/Moscow
  rfm9 snapshot --date 2026-03-15 --store postgres://rfm9@db/rfm9`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				return usageError{fmt.Errorf("--tz %q: %w", tz, err)}
			}
			var day lifecycle.Day
			if date != "" {
				if day, err = lifecycle.ParseDay(date); err != nil {
					return usageError{fmt.Errorf("--date: %w", err)}
				}
			}
			s, closeStore, err := st.mirrorSyncer(cmd.Context(), loc)
			if err != nil {
				return err
			}
			defer closeStore()
			if date != "" {
				if err := s.TakeSnapshot(cmd.Context(), day); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "snapshot as of %s taken\n", day)
				return nil
			}
			n, err := s.TakeMonthEnds(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d month-end snapshots taken\n", n)
			return nil
		},
	}
	st.register(cmd.Flags(), true)
	cmd.Flags().StringVar(&date, "date", "", "take one snapshot as of this past day instead of the month-ends due")
	cmd.Flags().StringVar(&tz, "tz", "Local", "time zone of the base, e.g. Europe/Moscow")
	return cmd
}
