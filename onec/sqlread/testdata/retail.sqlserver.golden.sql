-- name: year-offset
SELECT TOP (1) [Offset] FROM _YearOffset WITH (NOLOCK);

-- name: bounds
SELECT MIN(r._Period), MAX(r._Period)
FROM _AccumRg9031 r WITH (NOLOCK)
WHERE r._Period >= @p1 AND r._Period < @p2;

-- name: sales
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.client_key AS client, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._Period AS period,
        r._RecorderTRef AS doc_type,
        r._RecorderRRef AS doc_ref,
        r._Fld9036RRef AS client_key,
        CASE WHEN r._Active = 0x01 THEN 1 ELSE 0 END AS active,
        r._Fld9040 AS amount,
        r._Fld9039 AS quantity,
        (r._Fld9041 - r._Fld9040) AS discount
    FROM _AccumRg9031 r WITH (NOLOCK)
    WHERE r._Period >= @p1 AND r._Period < @p2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
ORDER BY s.period, s.doc_ref, s.client_key;

-- name: clients
SELECT c._IDRRef, c._Description, '', NULL
FROM _Reference140 c WITH (NOLOCK)
WHERE c._IDRRef > @p1 AND c._Marked = 0x00
ORDER BY c._IDRRef
OFFSET 0 ROWS FETCH NEXT @p2 ROWS ONLY;

-- name: contacts
SELECT t._Reference140_IDRRef, t._Fld2212RRef, t._Fld2214, ''
FROM _Reference140_VT2210 t WITH (NOLOCK)
WHERE t._Reference140_IDRRef > @p1 AND t._Reference140_IDRRef <= @p2
ORDER BY t._Reference140_IDRRef, t._LineNo2211;

-- name: contact-types
SELECT e._IDRRef, CAST(e._EnumOrder AS int) FROM _Enum730 e WITH (NOLOCK);

-- name: columns
SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(@p1);

