// Package odata reads a published 1C:Enterprise base over its standard OData
// interface (OData v3, …/odata/standard.odata/) and serves it as an onec.Source and
// an onec.Catalog.
//
// 1C has no server-driven paging and $skip gets slower the deeper it goes, so the
// sales register is read in period windows: a window that comes back full is split
// in half and read again, down to one second, and only then paged with $skip.
// Windows are fetched a few at a time but delivered strictly in period order, and a
// page is decoded completely before any of it is delivered, so a retried request
// never delivers a record twice.
//
// Responses are decoded as a token stream (jsontext), never held whole, and every
// quirk of real 1C output is accepted: Int64 values as strings, right-padded
// strings, empty refs and dates, composite fields, Recorder or Recorder_Key.
// Failures of 1C itself come back as *Error with a message a 1C administrator can
// act on, in Russian and English.
package odata
