-- name: start-run
INSERT INTO job_runs (job, replica, started_at, status) VALUES (?, ?, ?, 'running') RETURNING id

-- name: finish-run
UPDATE job_runs SET finished_at = ?, status = ?, error = ? WHERE id = ?

-- name: recent-runs
SELECT id, job, replica, started_at, finished_at, status, error FROM job_runs ORDER BY id DESC LIMIT ?
