-- The consent and preference ledger: subjects and their identifiers, append-only events, the current state
-- projected from them, and the policy versions consent is measured against.
CREATE TABLE subjects (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    erased_at  INTEGER
);

CREATE TABLE subject_identifiers (
    key           TEXT PRIMARY KEY,        -- kind:value, normalised; after erasure kind:ps_<keyed pseudonym>
    kind          TEXT NOT NULL,
    subject_id    INTEGER NOT NULL REFERENCES subjects (id),
    pseudonymised INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX subject_identifiers_subject ON subject_identifiers (subject_id);

CREATE TABLE ledger_events (
    seq             INTEGER PRIMARY KEY,
    subject_id      INTEGER NOT NULL REFERENCES subjects (id),
    kind            TEXT NOT NULL,
    activity        TEXT,
    scope           TEXT,                  -- preference channel/topic
    value           TEXT,                  -- preference frequency
    at              INTEGER NOT NULL,      -- when it happened, microseconds since the Unix epoch
    recorded_at     INTEGER NOT NULL,
    policy_version  TEXT NOT NULL,
    channel         TEXT NOT NULL,
    signal          TEXT,
    actor           TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE
);
CREATE INDEX ledger_events_subject ON ledger_events (subject_id, seq);

CREATE TRIGGER ledger_events_no_update BEFORE UPDATE ON ledger_events BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only'); END;
CREATE TRIGGER ledger_events_no_delete BEFORE DELETE ON ledger_events BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only'); END;

-- One row per subject, facet and scope: the latest event by (at, seq). Rebuildable from ledger_events.
CREATE TABLE consent_state (
    subject_id     INTEGER NOT NULL,
    facet          INTEGER NOT NULL,       -- 1 consent, 2 objection, 3 restriction, 4 GPC, 5 preference
    scope          TEXT NOT NULL,          -- activity id, '*' (all direct marketing), '' (subject-wide), channel/topic
    status         INTEGER NOT NULL,
    value          TEXT,
    at             INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    policy_version TEXT,
    PRIMARY KEY (subject_id, facet, scope)
) WITHOUT ROWID;

CREATE TABLE policy_versions (
    ordinal            INTEGER PRIMARY KEY,
    version            TEXT NOT NULL UNIQUE,
    deployed_at        INTEGER NOT NULL,
    changed_activities TEXT                 -- newline-separated ids; NULL for a baseline (every activity new)
);
