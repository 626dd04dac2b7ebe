-- name: year-offset
SELECT ofset FROM _yearoffset LIMIT 1;

-- name: bounds
SELECT MIN(r._period), MAX(r._period)
FROM _accumrg17214 r
WHERE r._period >= $1 AND r._period < $2;

-- name: sales
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.client_key AS client, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._period AS period,
        r._fld17218_rtref AS doc_type,
        r._fld17218_rrref AS doc_ref,
        r._fld17222rref AS client_key,
        CASE WHEN r._active THEN 1 ELSE 0 END AS active,
        r._fld17225 AS amount,
        r._fld17224 AS quantity,
        0 AS discount
    FROM _accumrg17214 r
    WHERE r._period >= $1 AND r._period < $2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
ORDER BY s.period, s.doc_ref, s.client_key;

-- name: clients
SELECT c._idrref, c._description, c._fld1511, c._fld1513rref
FROM _reference98 c
WHERE c._idrref > $1 AND c._folder AND NOT c._marked
ORDER BY c._idrref
LIMIT $2;

-- name: contacts
SELECT t._reference98_idrref, t._fld1532rref, t._fld1534, t._fld1539
FROM _reference98_vt1530 t
WHERE t._reference98_idrref > $1 AND t._reference98_idrref <= $2
ORDER BY t._reference98_idrref, t._lineno1531;

-- name: contact-types
SELECT e._idrref, CAST(e._enumorder AS int) FROM _enum612 e;

-- name: columns
SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1;

