{{/*
Queries of the direct reader on 1C's PostgreSQL. 1C creates its tables with lower-case,
unquoted names, so every name goes through id; names come from the structure file and
are checked to be plain storage names. Values are always parameters (? rebound to $N).
The reader runs them in READ ONLY transactions on sessions that default to read-only.
Booleans are boolean, refs bytea.
*/}}

{{define "year-offset" -}}
SELECT ofset FROM _yearoffset LIMIT 1
{{- end}}

{{define "bounds" -}}
SELECT MIN(r.{{id .R.Period}}), MAX(r.{{id .R.Period}})
FROM {{id .R.Table}} r
WHERE r.{{id .R.Period}} >= ? AND r.{{id .R.Period}} < ?
{{- end}}

{{/* signed negates a storno line that 1C wrote with positive sums (УТ 11). */}}
{{define "signed" -}}
{{if .R.Storno}}CASE WHEN r.{{id .R.Storno}} AND r.{{id .R.Amount}} > 0 THEN -1 ELSE 1 END * {{end}}
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
    (SELECT k.{{id .Via.Client}} FROM {{id .Via.Table}} k WHERE k.{{id .Via.Ref}} = g.client_key) AS client,
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
    SELECT r.{{id .R.Period}} AS period,
        {{if .R.DocType}}r.{{id .R.DocType}}{{else}}NULL::bytea{{end}} AS doc_type,
        r.{{id .R.DocRef}} AS doc_ref,
        r.{{id .R.Client}} AS client_key,
        CASE WHEN r.{{id .R.Active}} THEN 1 ELSE 0 END AS active,
        {{template "signed" .}}r.{{id .R.Amount}} AS amount,
        {{if .R.Quantity}}{{template "signed" .}}r.{{id .R.Quantity}}{{else}}0{{end}} AS quantity,
        {{template "discount" .}} AS discount
    FROM {{id .R.Table}} r
    WHERE r.{{id .R.Period}} >= ? AND r.{{id .R.Period}} < ?
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
{{- end}}

{{/* discount is the line's discount: before-discount amount less the amount, plus the discount columns. */}}
{{define "discount" -}}
{{if or .R.AmountFull .R.Discounts}}{{template "signed" .}}(
{{- if .R.AmountFull}}r.{{id .R.AmountFull}} - r.{{id .R.Amount}}{{end}}
{{- range $i, $d := .R.Discounts}}{{if or $i $.R.AmountFull}} + {{end}}r.{{id $d}}{{end}})
{{- else}}0{{end}}
{{- end}}

{{define "clients" -}}
SELECT c.{{id .C.Ref}}, c.{{id .C.Name}}, {{if .C.INN}}c.{{id .C.INN}}{{else}}''{{end}}, {{if .C.Manager}}c.{{id .C.Manager}}{{else}}NULL::bytea{{end}}
{{- range .C.Fields}}, c.{{id .Column}}{{end}}
FROM {{id .C.Table}} c
WHERE c.{{id .C.Ref}} > ?{{if .C.Folder}} AND c.{{id .C.Folder}}{{end}} AND NOT c.{{id .C.Marked}}
ORDER BY c.{{id .C.Ref}}
LIMIT ?
{{- end}}

{{define "contacts" -}}
SELECT t.{{id .T.Owner}}, t.{{id .T.Type}}, t.{{id .T.Presentation}}, {{if .T.Email}}t.{{id .T.Email}}{{else}}''{{end}}
FROM {{id .T.Table}} t
WHERE t.{{id .T.Owner}} > ? AND t.{{id .T.Owner}} <= ?
ORDER BY t.{{id .T.Owner}}, t.{{id .T.LineNo}}
{{- end}}

{{define "contact-types" -}}
SELECT e.{{id .E.Ref}}, CAST(e.{{id .E.Order}} AS int) FROM {{id .E.Table}} e
{{- end}}

{{define "columns" -}}
SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
{{- end}}
