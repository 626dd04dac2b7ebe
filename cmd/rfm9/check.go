package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
)

// errCheckFailed makes check-1c exit non-zero after printing what is missing.
var errCheckFailed = errors.New("the 1C base does not match the mapping: see the report above")

func check1CCommand() *cobra.Command {
	var src sourceFlags
	var lang, format string
	cmd := &cobra.Command{
		Use:   "check-1c (--odata-url URL | --sql-driver D --sql-dsn DSN --structure FILE) --preset NAME",
		Short: "Check that the 1C base publishes what the mapping needs",
		Long: `check-1c connects to the 1C publication, reads $metadata once, and reports for every
mapped entity set and field whether it exists; for one that does not, it lists the closest
names the base does publish. A missing register usually means it is not added to the
standard OData interface: 1C's УстановитьСоставСтандартногоИнтерфейсаOData adds it.

With --sql-driver it checks the storage structure file against the database instead:
every mapped table and column must exist, and the year offset is read.`,
		Example: `  RFM9_1C_PASSWORD=… rfm9 check-1c --odata-url http://1c/trade/odata/standard.odata/ --preset ut11 --user Админ`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			loc, err := src.location()
			if err != nil {
				return err
			}
			if src.sqlDriver != "" {
				return checkSQL(cmd, &src, loc, format)
			}
			if src.odataURL == "" {
				return usageError{fmt.Errorf("--odata-url or --sql-driver: required")}
			}
			r, err := src.reader(loc)
			if err != nil {
				return err
			}
			rep, err := r.Check(cmd.Context())
			if err != nil {
				return err
			}
			return printCheck(cmd.OutOrStdout(), format, rep, rep.OK(), func(w io.Writer) { fmt.Fprint(w, rep.String(lang)) })
		},
	}
	src.register(cmd.Flags())
	cmd.Flags().StringVar(&lang, "lang", "ru", "language of the report: ru or en")
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json")
	return cmd
}

func checkSQL(cmd *cobra.Command, src *sourceFlags, loc *time.Location, format string) error {
	r, err := src.sqlReader(loc)
	if err != nil {
		return err
	}
	defer r.Close()
	rep, err := r.Check(cmd.Context())
	if err != nil {
		return err
	}
	return printCheck(cmd.OutOrStdout(), format, rep, rep.OK(), func(w io.Writer) {
		fmt.Fprintf(w, "%s\nyear offset: %d\n", r, rep.YearOffset)
		for _, m := range rep.Missing {
			fmt.Fprintln(w, "  missing:", m)
		}
	})
}

// printCheck writes a check report as JSON or as text and fails when something is missing.
func printCheck(w io.Writer, format string, rep any, ok bool, text func(io.Writer)) error {
	if format == "json" {
		if err := writeJSON(w, rep); err != nil {
			return err
		}
	} else {
		text(w)
	}
	if !ok {
		return errCheckFailed
	}
	return nil
}

// writeJSON prints v indented, for people and for jq alike.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
