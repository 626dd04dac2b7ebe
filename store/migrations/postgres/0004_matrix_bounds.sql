-- Every change of the matrix bounds, with who made it and when: old results and
-- snapshots stay explainable by the version they were computed with.
CREATE TABLE matrix_bounds (
    version    BIGSERIAL PRIMARY KEY,
    bounds     TEXT NOT NULL,   -- lifecycle.Bounds as JSON
    changed_by TEXT NOT NULL,   -- the token's name
    changed_at TIMESTAMPTZ NOT NULL
);
