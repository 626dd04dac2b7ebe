-- name: year-offset
SELECT ofset FROM _yearoffset LIMIT 1;

-- name: bounds
SELECT MIN(r._period), MAX(r._period)
FROM _accumrg24981 r
WHERE r._period >= $1 AND r._period < $2;

-- name: sales
SELECT g.period, g.doc_type, g.doc_ref, g.client_key,
    (SELECT k._fld5120rref FROM _reference412 k WHERE k._idrref = g.client_key) AS client,
    g.active, g.amount, g.quantity, g.discount, g.lines
FROM (
SELECT s.period, s.doc_type, s.doc_ref, s.client_key, s.active,
    CAST(SUM(s.amount) * 100 AS bigint) AS amount,
    CAST(SUM(s.quantity) * 1000 AS bigint) AS quantity,
    CAST(SUM(s.discount) * 100 AS bigint) AS discount,
    COUNT(*) AS lines
FROM (
    SELECT r._period AS period,
        r._recordertref AS doc_type,
        r._recorderrref AS doc_ref,
        r._fld24986rref AS client_key,
        CASE WHEN r._active THEN 1 ELSE 0 END AS active,
        CASE WHEN r._fld24995 AND r._fld24990 > 0 THEN -1 ELSE 1 END * r._fld24990 AS amount,
        CASE WHEN r._fld24995 AND r._fld24990 > 0 THEN -1 ELSE 1 END * r._fld24989 AS quantity,
        CASE WHEN r._fld24995 AND r._fld24990 > 0 THEN -1 ELSE 1 END * (r._fld24992 + r._fld24993) AS discount
    FROM _accumrg24981 r
    WHERE r._period >= $1 AND r._period < $2
) s
GROUP BY s.period, s.doc_type, s.doc_ref, s.client_key, s.active
) g
ORDER BY g.period, g.doc_ref, client;

-- name: clients
SELECT c._idrref, c._description, '', c._fld3412rref
FROM _reference186 c
WHERE c._idrref > $1 AND c._folder AND NOT c._marked
ORDER BY c._idrref
LIMIT $2;

-- name: contacts
SELECT t._reference186_idrref, t._fld3422rref, t._fld3424, t._fld3429
FROM _reference186_vt3420 t
WHERE t._reference186_idrref > $1 AND t._reference186_idrref <= $2
ORDER BY t._reference186_idrref, t._lineno3421;

-- name: contact-types
SELECT e._idrref, CAST(e._enumorder AS int) FROM _enum1033 e;

-- name: columns
SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1;

