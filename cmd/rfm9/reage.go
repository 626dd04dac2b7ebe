package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/lifecycle"
)

func reageCommand() *cobra.Command {
	var st storeFlags
	var tz string
	cmd := &cobra.Command{
		Use:   "reage",
		Short: "Re-age every client's recency as of today, without reading 1C",
		Long: `reage recomputes every client's code from the mirror as of today in the base's time
zone: what the daily re-aging job does, so that a client who buys nothing still moves
from active to sleeping. It changes nothing when run twice the same day. On PostgreSQL
it takes the store's sync lock, and stops with a message, changing nothing, while a sync
or another re-aging holds it.`,
		Example: `  rfm9 reage --data data --tz Europe/Moscow
  rfm9 reage --store postgres://rfm9@db/rfm9 --tz Europe/Moscow`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				return usageError{fmt.Errorf("--tz %q: %w", tz, err)}
			}
			s, closeStore, err := st.mirrorSyncer(cmd.Context(), loc)
			if err != nil {
				return err
			}
			defer closeStore()
			n, err := s.Reage(cmd.Context())
			if err != nil {
				return fmt.Errorf("reage: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d clients re-aged as of %s\n", n, lifecycle.DayOf(time.Now().In(loc)))
			return nil
		},
	}
	st.register(cmd.Flags(), true)
	cmd.Flags().StringVar(&tz, "tz", "Local", "time zone of the base, e.g. Europe/Moscow")
	return cmd
}
