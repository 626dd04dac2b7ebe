package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rfm9/rfm9/tokens"
)

func tokenCommand() *cobra.Command {
	var st storeFlags
	cmd := &cobra.Command{
		Use:   "token create|list|revoke",
		Short: "Manage the API's bearer tokens",
		Long: `token manages the tokens 1C and scripts use to call the API. A token's secret is
shown once, when it is created; the store keeps only its SHA-256. Scopes: read (segments,
clients, lists), sales:write (1C pushing documents), admin (everything), metrics.`,
	}
	st.register(cmd.PersistentFlags(), false)
	var scopes string
	create := &cobra.Command{
		Use:     "create NAME [--scopes read,sales:write]",
		Short:   "Create a token and print its secret once",
		Example: `  rfm9 token create 1c-trade --scopes read,sales:write`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ts, closeDB, err := openTokens(cmd, &st)
			if err != nil {
				return err
			}
			defer closeDB()
			_, secret, err := ts.Create(cmd.Context(), args[0], strings.Split(scopes, ","), time.Now())
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintln(cmd.OutOrStdout(), secret)
			return nil
		},
	}
	create.Flags().StringVar(&scopes, "scopes", tokens.ScopeRead, "comma-separated scopes: "+strings.Join(tokens.Scopes, ", "))
	list := &cobra.Command{
		Use:   "list",
		Short: "List the live tokens (without secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ts, closeDB, err := openTokens(cmd, &st)
			if err != nil {
				return err
			}
			defer closeDB()
			all, err := ts.List(cmd.Context())
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "name\tscopes\tcreated")
			for _, t := range all {
				fmt.Fprintf(w, "%s\t%s\t%s\n", t.Name, t.Scopes, t.CreatedAt.Format(time.DateTime))
			}
			return w.Flush()
		},
	}
	revoke := &cobra.Command{
		Use:   "revoke NAME",
		Short: "Revoke a token at once",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ts, closeDB, err := openTokens(cmd, &st)
			if err != nil {
				return err
			}
			defer closeDB()
			ok, err := ts.Revoke(cmd.Context(), args[0], time.Now())
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("no live token named %q", args[0])
			}
			fmt.Fprintf(cmd.OutOrStdout(), "token %s revoked\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(create, list, revoke)
	return cmd
}

func openTokens(cmd *cobra.Command, st *storeFlags) (*tokens.Store, func(), error) {
	db, err := st.open(cmd.Context(), false)
	if err != nil {
		return nil, nil, err
	}
	ts, err := tokens.NewStore(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return ts, func() { db.Close() }, nil
}
