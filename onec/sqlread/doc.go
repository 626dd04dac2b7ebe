// Package sqlread reads a 1C:Enterprise base straight from its database (SQL Server,
// or 1C's PostgreSQL) and serves it as an onec.Source and an onec.Catalog, for bases
// whose sales register is too large for OData.
//
// Names: 1C keeps objects in tables such as _AccumRg24981 with columns such as
// _Fld24990, numbered per base. LoadStructure reads the numbering as exported from 1C
// by onec/bsl/storage_structure.bsl, and Resolve matches it with an onec.Mapping (the
// same presets as the OData reader's) into the tables and columns to query, naming
// the mapping key and the 1C name of anything missing. Check then confirms them
// against the database.
//
// Reading: the database does the aggregation. One query per period window groups the
// register by period, recorder and client (net amount, quantity, discount, lines), so
// the reader receives documents, not lines; rows stream into batches of onec.Sale in
// period order. The next window's query is opened on a second connection while the
// current one is read, so the database groups it in the meantime. Refs are 16-byte
// binaries turned into the GUIDs 1C shows (RefToGUID, GUIDToRef), dates carry the
// base's year offset (_YearOffset) both ways, and a composite recorder's type column
// is turned into a document type through the structure file.
//
// The reader never writes. SQL Server is read in READ UNCOMMITTED transactions with
// WITH (NOLOCK), which take no locks 1C could wait for; PostgreSQL sessions default
// to read-only and every transaction is READ ONLY. The password is never part of the
// DSN: the caller passes it in Config.Password from the environment.
package sqlread
