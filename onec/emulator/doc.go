// Package emulator serves the demo data of `rfm9 gen` as a published 1C:Enterprise
// base does over its standard OData interface (/<publication>/odata/standard.odata/),
// under the names of a mapping preset, so that the OData reader configured with the
// same preset reads exactly the generated sales. `make run` and the reader's tests use
// it; New generates the data once and keeps it in memory, ordered by period.
//
// What it reproduces of real 1C (see /work/shared/ONEC.md):
//
//   - $metadata as EDMX v3 XML only (schema StandardODATA, container EnterpriseV8);
//     the service root lists the published sets.
//   - JSON on $format=json or Accept: application/json[;odata=…], Atom otherwise (a
//     minimal valid feed). Lists are {"odata.metadata": …, "value": […]}, one entity
//     Set(guid'…') has its fields at the top level and …#Set/@Element; one property a
//     line, as 1C prints. odata=nometadata drops odata.metadata and the links.
//   - Values: Int64 (LineNumber) as JSON strings, doubles as numbers with a few float
//     artefacts (731.9399999999999), dates without zone in the base's local time, the
//     empty date 0001-01-01T00:00:00, Code and Number right-padded with spaces, the
//     empty ref, composite fields as <Field> + <Field>_Type, DataVersion base64,
//     <Field>@navigationLinkUrl after the fields, folders with null item fields.
//   - Data quirks, all added as extra records so the demo's sales stay exact: a few
//     records with Active false (an extra copy of a line), a few one-line sales with
//     the empty client, returns as Document_ВозвратТоваровОтКлиента with negative
//     sums, some of them storno records (Сторно true, sums still negative) where the
//     mapping names a storno field, УТ 11's analytics keys (1–3 per partner), catalog
//     folders and two items marked for deletion.
//   - $filter (comparisons joined by and, with datetime'…', guid'…', 'text', numbers,
//     true/false; anything else is code 14), $top, $skip (costs time per skipped row,
//     as 1C has no OFFSET), $orderby, $select, /$count, $inlinecount=allpages (which
//     ignores $top and $skip); never odata.nextLink.
//   - Errors as {"odata.error":{"code":…,"message":{"lang":"ru","value":…}}}: 6 for an
//     unknown or unpublished set (400), 9 for a missing entity (404), 14 for a bad
//     query (400), 20 for no rights (403), -1 for an internal error (500/503).
//   - HTTP Basic auth with a UTF-8 login; 401 with WWW-Authenticate otherwise.
//
// Fault injection (Options): FailRate, TruncateRate, Latency, FirstCallDelay, SkipCost;
// Hidden and Forbidden sets. Sync tests change the data with CreateDocument,
// RepostDocument, UnpostDocument and DeleteDocument, and count requests with Requests.
//
// In a test:
//
//	e, err := emulator.New(emulator.Options{Mapping: m, Demo: demo.Options{Clients: 400, Lines: 4000, Seed: 7}})
//	srv := httptest.NewServer(e.Handler())
//	defer srv.Close()
//	base := e.BaseURL(srv.URL) // http://127.0.0.1:…/demo/odata/standard.odata/
package emulator
