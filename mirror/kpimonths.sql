-- The KPI month store's SQL (see kpimonths.go); placeholders are ? and rebound per dialect.

-- name: kpi-month-checksums
SELECT month, checksum FROM kpi_months

-- name: drop-kpi-month
DELETE FROM kpi_months WHERE month = ?

-- name: save-kpi-month
INSERT INTO kpi_months (month, documents, checksum, docs) VALUES (?, ?, ?, ?)

-- name: kpi-months
SELECT month FROM kpi_months WHERE month <= ? ORDER BY month

-- name: kpi-month
SELECT documents, docs FROM kpi_months WHERE month = ?

-- name: document-span
-- Two subqueries: SQLite answers a lone min() or max() from the index, both together by
-- scanning the table.
SELECT (SELECT min(day) FROM sales_documents) AS first_day, (SELECT max(day) FROM sales_documents) AS last_day

-- name: documents-in-days
SELECT client_id, day, net_kop, discount_kop, lines FROM sales_documents WHERE day BETWEEN ? AND ?

-- name: count-numbers
SELECT coalesce(sum(length(keys)), 0) FROM snapshot_clients
