-- Retention: job progress (so a crashed run resumes where it stopped), per-rule leases (so two instances never
-- work one rule at once) and the rows placed under a legal hold (the policy declares holds; which rows they keep
-- is state).
CREATE TABLE retention_jobs (
    job_id      TEXT PRIMARY KEY,
    started_at  INTEGER NOT NULL,              -- microseconds since the Unix epoch, UTC
    finished_at INTEGER,
    cutoff_at   INTEGER NOT NULL,              -- the "now" every rule's cut-off is computed from, kept on resume
    status      TEXT NOT NULL,              -- running | done
    started_by  TEXT NOT NULL
);

CREATE TABLE retention_job_rules (
    job_id   TEXT NOT NULL REFERENCES retention_jobs (job_id),
    rule_id  TEXT NOT NULL,
    last_key TEXT,                          -- the highest primary key of the last committed batch
    batches  INTEGER NOT NULL DEFAULT 0,
    affected INTEGER NOT NULL DEFAULT 0,
    cascaded INTEGER NOT NULL DEFAULT 0,
    status   TEXT NOT NULL,                 -- running | done
    PRIMARY KEY (job_id, rule_id)
);

CREATE TABLE retention_leases (
    rule_id    TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE legal_hold_rows (
    hold_id   TEXT NOT NULL,
    system_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_key   TEXT NOT NULL,
    placed_by TEXT NOT NULL,
    reason    TEXT NOT NULL,
    placed_at INTEGER NOT NULL,
    until_at  INTEGER,                         -- null: until lifted
    lifted_at INTEGER,
    lifted_by TEXT,
    PRIMARY KEY (hold_id, system_id, table_name, row_key)
);
CREATE INDEX legal_hold_rows_table ON legal_hold_rows (system_id, table_name);
