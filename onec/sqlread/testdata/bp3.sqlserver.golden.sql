-- name: year-offset
SELECT TOP (1) [Offset] FROM _YearOffset WITH (NOLOCK);

-- name: bounds
SELECT MIN(r._Period), MAX(r._Period)
FROM _AccumRg8127 r WITH (NOLOCK)
WHERE r._Period >= @p1 AND r._Period < @p2;

-- name: sales
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.client_key AS client, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._Period AS period,
        r._Fld8131_RTRef AS doc_type,
        r._Fld8131_RRRef AS doc_ref,
        r._Fld8129RRef AS client_key,
        CASE WHEN r._Active = 0x01 THEN 1 ELSE 0 END AS active,
        r._Fld8136 AS amount,
        r._Fld8135 AS quantity,
        0 AS discount
    FROM _AccumRg8127 r WITH (NOLOCK)
    WHERE r._Period >= @p1 AND r._Period < @p2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
ORDER BY s.period, s.doc_ref, s.client_key;

-- name: clients
SELECT c._IDRRef, c._Description, c._Fld1611, NULL
FROM _Reference103 c WITH (NOLOCK)
WHERE c._IDRRef > @p1 AND c._Folder = 0x01 AND c._Marked = 0x00
ORDER BY c._IDRRef
OFFSET 0 ROWS FETCH NEXT @p2 ROWS ONLY;

-- name: contacts
SELECT t._Reference103_IDRRef, t._Fld1647RRef, t._Fld1649, t._Fld1654
FROM _Reference103_VT1645 t WITH (NOLOCK)
WHERE t._Reference103_IDRRef > @p1 AND t._Reference103_IDRRef <= @p2
ORDER BY t._Reference103_IDRRef, t._LineNo1646;

-- name: contact-types
SELECT e._IDRRef, CAST(e._EnumOrder AS int) FROM _Enum540 e WITH (NOLOCK);

-- name: columns
SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(@p1);

