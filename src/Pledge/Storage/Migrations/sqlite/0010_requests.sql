-- Data-subject requests: one row per request, its lifecycle as columns, the one-time code hashed.
-- identifier_value and contact_email are replaced by keyed pseudonyms when an erasure completes.
CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL,
    identifier_kind  TEXT NOT NULL,
    identifier_value TEXT NOT NULL,
    contact_email    TEXT,
    details          TEXT,                  -- JSON: fields to rectify, the activity objected to
    received_at      INTEGER NOT NULL,      -- microseconds since the Unix epoch
    due_at           INTEGER NOT NULL,
    extended_at      INTEGER,
    extension_reason TEXT,
    extension_note   TEXT,
    verified_at      INTEGER,
    approved_at      INTEGER,
    approved_by      TEXT,
    started_at       INTEGER,
    closed_at        INTEGER,
    rejection        TEXT,
    rejection_note   TEXT,
    result           TEXT,                  -- JSON summary: counts, never data
    code_hash        TEXT,
    code_expires_at  INTEGER,
    code_attempts    INTEGER NOT NULL DEFAULT 0,
    pseudonymised    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_open ON requests (status, due_at);
