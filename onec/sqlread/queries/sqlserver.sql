{{/*
Queries of the direct reader on SQL Server. Names come from the structure file and are
checked to be plain storage names (_Fld123RRef); values are always parameters (?, which
sqlx rebinds to @pN). Every table is read WITH (NOLOCK) inside a READ UNCOMMITTED
transaction: rfm9 never takes a lock that would make 1C wait. Booleans are binary(1).
*/}}

{{define "year-offset" -}}
SELECT TOP (1) [Offset] FROM _YearOffset WITH (NOLOCK)
{{- end}}

{{define "bounds" -}}
SELECT MIN(r.{{.R.Period}}), MAX(r.{{.R.Period}})
FROM {{.R.Table}} r WITH (NOLOCK)
WHERE r.{{.R.Period}} >= ? AND r.{{.R.Period}} < ?
{{- end}}

{{/* signed negates a storno line that 1C wrote with positive sums (УТ 11). */}}
{{define "signed" -}}
{{if .R.Storno}}CASE WHEN r.{{.R.Storno}} = 0x01 AND r.{{.R.Amount}} > 0 THEN -1 ELSE 1 END * {{end}}
{{- end}}

{{/*
sales groups a window of the register into one row per document and client: the
database sums the lines, the reader receives documents. With client_via the register
holds a key (УТ 11's analytics key); the client is looked up per grouped row, which
costs an index seek per document instead of a hash of the whole key catalog per window,
and rows of one document whose keys share a partner are merged by the reader.
*/}}
{{define "sales" -}}
{{if .Via -}}
SELECT g.period, g.doc_type, g.doc_ref, g.client_key,
    (SELECT k.{{.Via.Client}} FROM {{.Via.Table}} k WITH (NOLOCK) WHERE k.{{.Via.Ref}} = g.client_key) AS client,
    g.active, g.amount, g.quantity, g.discount, g.lines
FROM (
{{template "grouped" .}}
) g
ORDER BY g.period, g.doc_ref, client
{{- else -}}
{{template "grouped" .}}
ORDER BY s.period, s.doc_ref, s.client_key
{{- end}}
{{- end}}

{{define "grouped" -}}
SELECT s.period, s.doc_type, s.doc_ref, s.client_key,{{if not .Via}} s.client_key AS client,{{end}} s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r.{{.R.Period}} AS period,
        {{if .R.DocType}}r.{{.R.DocType}}{{else}}NULL{{end}} AS doc_type,
        r.{{.R.DocRef}} AS doc_ref,
        r.{{.R.Client}} AS client_key,
        CASE WHEN r.{{.R.Active}} = 0x01 THEN 1 ELSE 0 END AS active,
        {{template "signed" .}}r.{{.R.Amount}} AS amount,
        {{if .R.Quantity}}{{template "signed" .}}r.{{.R.Quantity}}{{else}}0{{end}} AS quantity,
        {{template "discount" .}} AS discount
    FROM {{.R.Table}} r WITH (NOLOCK)
    WHERE r.{{.R.Period}} >= ? AND r.{{.R.Period}} < ?
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
{{- end}}

{{/* discount is the line's discount: before-discount amount less the amount, plus the discount columns. */}}
{{define "discount" -}}
{{if or .R.AmountFull .R.Discounts}}{{template "signed" .}}(
{{- if .R.AmountFull}}r.{{.R.AmountFull}} - r.{{.R.Amount}}{{end}}
{{- range $i, $d := .R.Discounts}}{{if or $i $.R.AmountFull}} + {{end}}r.{{$d}}{{end}})
{{- else}}0{{end}}
{{- end}}

{{define "clients" -}}
SELECT c.{{.C.Ref}}, c.{{.C.Name}}, {{if .C.INN}}c.{{.C.INN}}{{else}}''{{end}}, {{if .C.Manager}}c.{{.C.Manager}}{{else}}NULL{{end}}
{{- range .C.Fields}}, c.{{.Column}}{{end}}
FROM {{.C.Table}} c WITH (NOLOCK)
WHERE c.{{.C.Ref}} > ?{{if .C.Folder}} AND c.{{.C.Folder}} = 0x01{{end}} AND c.{{.C.Marked}} = 0x00
ORDER BY c.{{.C.Ref}}
OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY
{{- end}}

{{define "contacts" -}}
SELECT t.{{.T.Owner}}, t.{{.T.Type}}, t.{{.T.Presentation}}, {{if .T.Email}}t.{{.T.Email}}{{else}}''{{end}}
FROM {{.T.Table}} t WITH (NOLOCK)
WHERE t.{{.T.Owner}} > ? AND t.{{.T.Owner}} <= ?
ORDER BY t.{{.T.Owner}}, t.{{.T.LineNo}}
{{- end}}

{{define "contact-types" -}}
SELECT e.{{.E.Ref}}, CAST(e.{{.E.Order}} AS int) FROM {{.E.Table}} e WITH (NOLOCK)
{{- end}}

{{define "columns" -}}
SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(?)
{{- end}}
