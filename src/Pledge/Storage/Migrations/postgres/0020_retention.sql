-- Retention: job progress (so a crashed run resumes where it stopped), per-rule leases (so two instances never
-- work one rule at once) and the rows placed under a legal hold (the policy declares holds; which rows they keep
-- is state).
CREATE TABLE retention_jobs (
    job_id      text PRIMARY KEY,
    started_at  bigint NOT NULL,              -- microseconds since the Unix epoch, UTC
    finished_at bigint,
    cutoff_at   bigint NOT NULL,              -- the "now" every rule's cut-off is computed from, kept on resume
    status      text NOT NULL,              -- running | done
    started_by  text NOT NULL
);

CREATE TABLE retention_job_rules (
    job_id   text NOT NULL REFERENCES retention_jobs (job_id),
    rule_id  text NOT NULL,
    last_key text,                          -- the highest primary key of the last committed batch
    batches  bigint NOT NULL DEFAULT 0,
    affected bigint NOT NULL DEFAULT 0,
    cascaded bigint NOT NULL DEFAULT 0,
    status   text NOT NULL,                 -- running | done
    PRIMARY KEY (job_id, rule_id)
);

CREATE TABLE retention_leases (
    rule_id    text PRIMARY KEY,
    owner      text NOT NULL,
    expires_at bigint NOT NULL
);

CREATE TABLE legal_hold_rows (
    hold_id   text NOT NULL,
    system_id text NOT NULL,
    table_name text NOT NULL,
    row_key   text NOT NULL,
    placed_by text NOT NULL,
    reason    text NOT NULL,
    placed_at bigint NOT NULL,
    until_at  bigint,                         -- null: until lifted
    lifted_at bigint,
    lifted_by text,
    PRIMARY KEY (hold_id, system_id, table_name, row_key)
);
CREATE INDEX legal_hold_rows_table ON legal_hold_rows (system_id, table_name);
