-- Data-subject requests: one row per request, its lifecycle as columns, the one-time code hashed.
-- identifier_value and contact_email are replaced by keyed pseudonyms when an erasure completes.
CREATE TABLE requests (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL,
    status           text NOT NULL,
    identifier_kind  text NOT NULL,
    identifier_value text NOT NULL,
    contact_email    text,
    details          text,                  -- JSON: fields to rectify, the activity objected to
    received_at      bigint NOT NULL,       -- microseconds since the Unix epoch
    due_at           bigint NOT NULL,
    extended_at      bigint,
    extension_reason text,
    extension_note   text,
    verified_at      bigint,
    approved_at      bigint,
    approved_by      text,
    started_at       bigint,
    closed_at        bigint,
    rejection        text,
    rejection_note   text,
    result           text,                  -- JSON summary: counts, never data
    code_hash        text,
    code_expires_at  bigint,
    code_attempts    integer NOT NULL DEFAULT 0,
    pseudonymised    smallint NOT NULL DEFAULT 0
);
CREATE INDEX requests_open ON requests (status, due_at);
