-- name: year-offset
SELECT TOP (1) [Offset] FROM _YearOffset WITH (NOLOCK);

-- name: bounds
SELECT MIN(r._Period), MAX(r._Period)
FROM _AccumRg24981 r WITH (NOLOCK)
WHERE r._Period >= @p1 AND r._Period < @p2;

-- name: sales
SELECT g.period, g.doc_type, g.doc_ref, g.client_key,
    (SELECT k._Fld5120RRef FROM _Reference412 k WITH (NOLOCK) WHERE k._IDRRef = g.client_key) AS client,
    g.active, g.amount, g.quantity, g.discount, g.lines
FROM (
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._Period AS period,
        r._RecorderTRef AS doc_type,
        r._RecorderRRef AS doc_ref,
        r._Fld24986RRef AS client_key,
        CASE WHEN r._Active = 0x01 THEN 1 ELSE 0 END AS active,
        CASE WHEN r._Fld24995 = 0x01 AND r._Fld24990 > 0 THEN -1 ELSE 1 END * r._Fld24990 AS amount,
        CASE WHEN r._Fld24995 = 0x01 AND r._Fld24990 > 0 THEN -1 ELSE 1 END * r._Fld24989 AS quantity,
        CASE WHEN r._Fld24995 = 0x01 AND r._Fld24990 > 0 THEN -1 ELSE 1 END * (r._Fld24992 + r._Fld24993) AS discount
    FROM _AccumRg24981 r WITH (NOLOCK)
    WHERE r._Period >= @p1 AND r._Period < @p2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
) g
ORDER BY g.period, g.doc_ref, client;

-- name: clients
SELECT c._IDRRef, c._Description, '', c._Fld3412RRef
FROM _Reference186 c WITH (NOLOCK)
WHERE c._IDRRef > @p1 AND c._Folder = 0x01 AND c._Marked = 0x00
ORDER BY c._IDRRef
OFFSET 0 ROWS FETCH NEXT @p2 ROWS ONLY;

-- name: contacts
SELECT t._Reference186_IDRRef, t._Fld3422RRef, t._Fld3424, t._Fld3429
FROM _Reference186_VT3420 t WITH (NOLOCK)
WHERE t._Reference186_IDRRef > @p1 AND t._Reference186_IDRRef <= @p2
ORDER BY t._Reference186_IDRRef, t._LineNo3421;

-- name: contact-types
SELECT e._IDRRef, CAST(e._EnumOrder AS int) FROM _Enum1033 e WITH (NOLOCK);

-- name: columns
SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(@p1);

