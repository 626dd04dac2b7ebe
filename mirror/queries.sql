-- The mirror's SQL, shared by SQLite and PostgreSQL (both speak ON CONFLICT and the same
-- aggregates); placeholders are ? and rebound per dialect.

-- name: find-resumable-run
SELECT id, checkpoint, started_at FROM sync_runs
WHERE kind = ? AND from_period = ? AND status IN ('running', 'failed') AND started_at > ?
ORDER BY id DESC LIMIT 1

-- name: drop-unfinished-runs
DELETE FROM sync_runs WHERE status IN ('running', 'failed')

-- name: create-run
INSERT INTO sync_runs (kind, from_period, status, started_at) VALUES (?, ?, 'running', ?) RETURNING id

-- name: mark-run
UPDATE sync_runs SET status = ?, error = ?, records = ?, documents = ?, clients = ?, finished_at = ? WHERE id = ?

-- name: set-checkpoint
UPDATE sync_runs SET checkpoint = ?, records = records + ? WHERE id = ?

-- name: unstage-from
DELETE FROM sync_staging WHERE run_id = ? AND period >= ?

-- name: unstage-clients
DELETE FROM clients_staging WHERE run_id = ?

-- name: stage-documents
INSERT INTO sync_staging (run_id, document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines)
VALUES (:run_id, :document_id, :client_id, :document_type, :period, :day, :net_kop, :discount_kop, :quantity_milli, :lines)

-- name: stage-clients
INSERT INTO clients_staging (run_id, client_id, name, name_key, inn, email, phone, phone_digits, manager, fields)
VALUES (:run_id, :client_id, :name, :name_key, :inn, :email, :phone, :phone_digits, :manager, :fields)

-- name: clear-changes
DELETE FROM sync_changes WHERE run_id = ?

-- name: staged-by-document
-- swap.go compares the staging with the mirror in one pass over both, sorted alike:
-- /*bytes*/ is the byte order (PostgreSQL's default collation is not).
SELECT document_id, client_id, min(document_type), min(period), min(day), CAST(sum(net_kop) AS BIGINT),
       CAST(sum(discount_kop) AS BIGINT), CAST(sum(quantity_milli) AS BIGINT), CAST(sum(lines) AS BIGINT)
FROM sync_staging WHERE run_id = ?
GROUP BY document_id, client_id ORDER BY document_id /*bytes*/, client_id /*bytes*/

-- name: mirror-by-document
SELECT document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines
FROM sales_documents ORDER BY document_id /*bytes*/, client_id /*bytes*/

-- name: mirror-window-by-document
-- The documents in the window (the day narrows it to the day index's range) and those
-- read again from before it.
SELECT * FROM (
    SELECT document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines
    FROM sales_documents WHERE day >= ? AND period >= ?
    UNION
    SELECT document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines
    FROM sales_documents WHERE document_id IN (SELECT document_id FROM sync_staging WHERE run_id = ?)
) w ORDER BY document_id /*bytes*/, client_id /*bytes*/

-- name: stage-changes
INSERT INTO sync_changes (run_id, document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines)
VALUES (:run_id, :document_id, :client_id, :document_type, :period, :day, :net_kop, :discount_kop, :quantity_milli, :lines)

-- name: delete-changed
-- A document pushed since the sync began is left as pushed: its version row says when.
DELETE FROM sales_documents WHERE document_id IN (
    SELECT c.document_id FROM sync_changes c WHERE c.run_id = ?
    AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = c.document_id AND v.updated_at >= ?))

-- name: insert-changed
INSERT INTO sales_documents (document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines)
SELECT c.document_id, c.client_id, c.document_type, c.period, c.day, c.net_kop, c.discount_kop, c.quantity_milli, c.lines
FROM sync_changes c WHERE c.run_id = ? AND c.client_id <> ''
AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = c.document_id AND v.updated_at >= ?)

-- name: insert-staged
INSERT INTO sales_documents (document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines)
SELECT document_id, client_id, min(document_type), min(period), min(day), sum(net_kop), sum(discount_kop), sum(quantity_milli), sum(lines)
FROM sync_staging WHERE run_id = ?
GROUP BY document_id, client_id

-- name: replace-clients
INSERT INTO clients (client_id, name, name_key, inn, email, phone, phone_digits, manager, fields, updated_at)
SELECT client_id, name, name_key, inn, email, phone, phone_digits, manager, fields, ? FROM clients_staging WHERE run_id = ?
ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, inn = excluded.inn, email = excluded.email,
    phone = excluded.phone, phone_digits = excluded.phone_digits, manager = excluded.manager,
    fields = excluded.fields, updated_at = excluded.updated_at

-- name: delete-gone-clients
DELETE FROM clients WHERE client_id NOT IN (SELECT client_id FROM clients_staging WHERE run_id = ?)

-- name: count-staged-clients
SELECT count(*) FROM clients_staging WHERE run_id = ?

-- name: clear-staging
DELETE FROM sync_staging WHERE run_id = ?

-- name: any-document
SELECT count(*) FROM (SELECT 1 FROM sales_documents LIMIT 1) d

-- name: documents-by-client
-- A recompute tallies clients from this, one client's documents after another: it reads
-- the covering index (client_id, day, net_kop) in its order, no table row.
SELECT client_id, day, net_kop FROM sales_documents ORDER BY client_id

-- name: all-documents
SELECT client_id, document_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines FROM sales_documents

-- name: upsert-segment
INSERT INTO client_segments (client_id, code, r, f, m, purchases, monetary_kop, first_day, last_day)
VALUES (:client_id, :code, :r, :f, :m, :purchases, :monetary_kop, :first_day, :last_day)
ON CONFLICT (client_id) DO UPDATE SET code = excluded.code, r = excluded.r, f = excluded.f, m = excluded.m,
    purchases = excluded.purchases, monetary_kop = excluded.monetary_kop, first_day = excluded.first_day, last_day = excluded.last_day

-- name: all-results
SELECT client_id, code, purchases, monetary_kop, first_day, last_day FROM client_segments

-- name: journal-push
INSERT INTO pushed_changes (client_id, month) VALUES (?, ?)

-- name: journal-last
SELECT coalesce(max(id), 0) FROM pushed_changes

-- name: journal-ids
SELECT id FROM pushed_changes

-- name: journal-after
SELECT id, client_id, month FROM pushed_changes WHERE id > ?

-- name: forget-pushes
DELETE FROM pushed_changes WHERE id <= ?

-- name: last-done-run
SELECT id, kind, records, documents, clients, started_at, finished_at FROM sync_runs
WHERE status = 'done' ORDER BY id DESC LIMIT 1

-- name: find-client
SELECT s.client_id, coalesce(c.name, '') AS name, coalesce(c.inn, '') AS inn, coalesce(c.email, '') AS email,
       coalesce(c.phone, '') AS phone, s.code, s.purchases, s.monetary_kop, s.first_day, s.last_day
FROM client_segments s LEFT JOIN clients c ON c.client_id = s.client_id
WHERE s.client_id = ?

-- name: segment-totals
SELECT code, count(*) AS clients, sum(monetary_kop) AS monetary_kop
FROM client_segments GROUP BY code

-- name: clear-matrix
DELETE FROM segment_matrix

-- name: insert-matrix
INSERT INTO segment_matrix (as_of, matrix, computed_at) VALUES (?, ?, ?)

-- name: current-matrix
SELECT matrix, computed_at FROM segment_matrix ORDER BY as_of DESC LIMIT 1

-- name: matrix-stamp
SELECT computed_at FROM segment_matrix ORDER BY as_of DESC LIMIT 1

-- name: claim-version
INSERT INTO document_versions (document_id, version, posted, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (document_id) DO UPDATE SET version = excluded.version, posted = excluded.posted, updated_at = excluded.updated_at
WHERE document_versions.version < excluded.version
RETURNING document_id

-- name: document-clients
SELECT client_id, day FROM sales_documents WHERE document_id = ?

-- name: delete-document
DELETE FROM sales_documents WHERE document_id = ?

-- name: insert-document
INSERT INTO sales_documents (document_id, client_id, document_type, period, day, net_kop, discount_kop, quantity_milli, lines)
VALUES (:document_id, :client_id, :document_type, :period, :day, :net_kop, :discount_kop, :quantity_milli, :lines)

-- name: client-documents
SELECT day, net_kop FROM sales_documents WHERE client_id = ?

-- name: current-code
SELECT code FROM client_segments WHERE client_id = ?

-- name: current-segment
SELECT client_id, code, r, f, m, purchases, monetary_kop, first_day, last_day FROM client_segments WHERE client_id = ?

-- name: delete-segment
DELETE FROM client_segments WHERE client_id = ?

-- name: find-client-by-inn
-- One query per field, each through its own index: an OR of the three (with the
-- guards for a field not given) made both engines scan the catalog.
SELECT s.client_id, c.name, c.inn, c.email, c.phone, s.code, s.purchases, s.monetary_kop, s.first_day, s.last_day
FROM clients c JOIN client_segments s ON s.client_id = c.client_id
WHERE c.inn = ? ORDER BY s.client_id LIMIT 20

-- name: find-client-by-email
SELECT s.client_id, c.name, c.inn, c.email, c.phone, s.code, s.purchases, s.monetary_kop, s.first_day, s.last_day
FROM clients c JOIN client_segments s ON s.client_id = c.client_id
WHERE lower(c.email) = ? ORDER BY s.client_id LIMIT 20

-- name: find-client-by-phone
SELECT s.client_id, c.name, c.inn, c.email, c.phone, s.code, s.purchases, s.monetary_kop, s.first_day, s.last_day
FROM clients c JOIN client_segments s ON s.client_id = c.client_id
WHERE c.phone_digits = ? ORDER BY s.client_id LIMIT 20

-- name: clients-by-name
-- A name's clients in the whole catalog, for a list's search (search.go).
SELECT client_id FROM clients WHERE name_key LIKE ? ESCAPE '\' LIMIT ?

-- name: current-bounds
SELECT version, bounds, changed_by, changed_at FROM matrix_bounds ORDER BY version DESC LIMIT 1

-- name: save-bounds
INSERT INTO matrix_bounds (bounds, changed_by, changed_at) VALUES (?, ?, ?) RETURNING version

-- name: bounds-history
SELECT version, bounds, changed_by, changed_at FROM matrix_bounds ORDER BY version DESC LIMIT 100

-- name: record-change
INSERT INTO segment_changes (client_id, day, from_code, to_code, changed_at) VALUES (?, ?, ?, ?, ?)

-- name: client-history
SELECT day, from_code, to_code FROM segment_changes WHERE client_id = ? ORDER BY id DESC LIMIT 50

-- name: preview-oldest-result
-- The what-if preview (preview.go) classifies the current results, not the documents:
-- each is as of the matrix's day, or of a later push.
SELECT max(as_of) FROM segment_matrix

-- name: preview-changed-documents
SELECT client_id, day, net_kop FROM sales_documents
WHERE client_id IN (SELECT client_id FROM sales_documents WHERE day > ? AND day <= ?) ORDER BY client_id

-- name: preview-results
SELECT purchases, monetary_kop, last_day FROM client_segments

-- name: preview-results-except
SELECT purchases, monetary_kop, last_day FROM client_segments
WHERE client_id NOT IN (SELECT client_id FROM sales_documents WHERE day > ? AND day <= ?)

-- name: preview-client-count
SELECT count(*) FROM (SELECT DISTINCT client_id FROM sales_documents) d

-- name: preview-not-yet
-- The clients of documents after the day whose first document is after it too: an IN list
-- keeps SQLite on the day index (a count(DISTINCT) made it walk the client index).
SELECT count(*) FROM (
    SELECT client_id, min(day) AS first FROM sales_documents
    WHERE client_id IN (SELECT client_id FROM sales_documents WHERE day > ?) GROUP BY client_id
) f WHERE first > ?
