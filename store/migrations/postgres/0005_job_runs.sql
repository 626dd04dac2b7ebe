-- Every run of a scheduled job, for the API and for whoever wonders why a sync is late.
CREATE TABLE job_runs (
    id          BIGSERIAL PRIMARY KEY,
    job         TEXT NOT NULL,
    replica     TEXT NOT NULL,           -- host name of the process that ran it
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      TEXT NOT NULL,           -- running | ok | failed | skipped
    error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_job ON job_runs (job, id);
