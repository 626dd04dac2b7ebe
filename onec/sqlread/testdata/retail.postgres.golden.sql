-- name: year-offset
SELECT ofset FROM _yearoffset LIMIT 1;

-- name: bounds
SELECT MIN(r._period), MAX(r._period)
FROM _accumrg9031 r
WHERE r._period >= $1 AND r._period < $2;

-- name: sales
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.client_key AS client, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._period AS period,
        r._recordertref AS doc_type,
        r._recorderrref AS doc_ref,
        r._fld9036rref AS client_key,
        CASE WHEN r._active THEN 1 ELSE 0 END AS active,
        r._fld9040 AS amount,
        r._fld9039 AS quantity,
        (r._fld9041 - r._fld9040) AS discount
    FROM _accumrg9031 r
    WHERE r._period >= $1 AND r._period < $2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
ORDER BY s.period, s.doc_ref, s.client_key;

-- name: clients
SELECT c._idrref, c._description, '', NULL::bytea
FROM _reference140 c
WHERE c._idrref > $1 AND NOT c._marked
ORDER BY c._idrref
LIMIT $2;

-- name: contacts
SELECT t._reference140_idrref, t._fld2212rref, t._fld2214, ''
FROM _reference140_vt2210 t
WHERE t._reference140_idrref > $1 AND t._reference140_idrref <= $2
ORDER BY t._reference140_idrref, t._lineno2211;

-- name: contact-types
SELECT e._idrref, CAST(e._enumorder AS int) FROM _enum730 e;

-- name: columns
SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1;

