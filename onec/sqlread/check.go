package sqlread

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// CheckReport is what Check found in the database.
type CheckReport struct {
	YearOffset int            // from _YearOffset: 2000 on bases created for old SQL Server date types
	Tables     []CheckedTable // every table the reader queries, in mapping order
	Missing    []string       // one line per missing table or column, naming its metadata
}

// CheckedTable is one table the reader queries.
type CheckedTable struct {
	Table   string // storage name
	Meta    string // 1C name
	Columns int    // columns the reader reads from it
	Missing int    // of those, missing from the database (all of them when the table is)
}

// OK reports whether every table and column the reader needs is there.
func (c CheckReport) OK() bool { return len(c.Missing) == 0 }

// Check verifies that the tables and columns the mapping names exist in the database
// (information_schema on PostgreSQL, sys.columns on SQL Server) and reads the year
// offset. A missing name goes into the report; an error means the database could not
// be asked.
func (r *Reader) Check(ctx context.Context) (CheckReport, error) {
	var rep CheckReport
	off, err := r.yearOffset(ctx)
	if err != nil {
		return rep, err
	}
	rep.YearOffset = off
	for _, u := range r.m.uses {
		have, err := r.columnsOf(ctx, u.Table)
		if err != nil {
			return rep, fmt.Errorf("sqlread: check %s (%s): %w", u.Table, u.Meta, err)
		}
		rep.Tables = append(rep.Tables, checkTable(u, have, &rep.Missing))
	}
	return rep, nil
}

// checkTable compares the columns the reader reads with those the table has.
func checkTable(u *tableUse, have map[string]bool, missing *[]string) CheckedTable {
	t := CheckedTable{Table: u.Table, Meta: u.Meta, Columns: len(u.Cols)}
	if len(have) == 0 {
		t.Missing = len(u.Cols)
		*missing = append(*missing, fmt.Sprintf("table %s (%s) is not in the database: is the structure file from this base?", u.Table, u.Meta))
		return t
	}
	for _, c := range u.Cols {
		if !have[strings.ToLower(c.Column)] {
			t.Missing++
			*missing = append(*missing, fmt.Sprintf("column %s.%s (%s.%s) is not in the database", u.Table, c.Column, u.Meta, c.Field))
		}
	}
	return t
}

// columnsOf lists a table's columns in lower case; none when the table is missing.
func (r *Reader) columnsOf(ctx context.Context, table string) (map[string]bool, error) {
	if r.cfg.Driver == DriverPostgres {
		table = strings.ToLower(table)
	}
	have := map[string]bool{}
	err := r.inTx(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		var cols []string
		if err := tx.SelectContext(ctx, &cols, r.q.Columns, table); err != nil {
			return err
		}
		for _, c := range cols {
			have[strings.ToLower(c)] = true
		}
		return nil
	})
	return have, err
}
