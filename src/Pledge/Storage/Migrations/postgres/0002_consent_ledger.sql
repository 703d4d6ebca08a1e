-- The consent and preference ledger: subjects and their identifiers, append-only events, the current state
-- projected from them, and the policy versions consent is measured against.
CREATE TABLE subjects (
    id         bigserial PRIMARY KEY,
    created_at bigint NOT NULL,
    erased_at  bigint
);

CREATE TABLE subject_identifiers (
    key           text PRIMARY KEY,         -- kind:value, normalised; after erasure kind:ps_<keyed pseudonym>
    kind          text NOT NULL,
    subject_id    bigint NOT NULL REFERENCES subjects (id),
    pseudonymised smallint NOT NULL DEFAULT 0
);
CREATE INDEX subject_identifiers_subject ON subject_identifiers (subject_id);

CREATE TABLE ledger_events (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_id      bigint NOT NULL REFERENCES subjects (id),
    kind            text NOT NULL,
    activity        text,
    scope           text,                   -- preference channel/topic
    value           text,                   -- preference frequency
    at              bigint NOT NULL,        -- when it happened, microseconds since the Unix epoch
    recorded_at     bigint NOT NULL,
    policy_version  text NOT NULL,
    channel         text NOT NULL,
    signal          text,
    actor           text NOT NULL,
    idempotency_key text NOT NULL UNIQUE
);
CREATE INDEX ledger_events_subject ON ledger_events (subject_id, seq);

CREATE TRIGGER ledger_events_append_only BEFORE UPDATE OR DELETE ON ledger_events FOR EACH ROW EXECUTE FUNCTION pledge_append_only();
CREATE TRIGGER ledger_events_no_truncate BEFORE TRUNCATE ON ledger_events FOR EACH STATEMENT EXECUTE FUNCTION pledge_append_only();

-- One row per subject, facet and scope: the latest event by (at, seq). Rebuildable from ledger_events.
CREATE TABLE consent_state (
    subject_id     bigint NOT NULL,
    facet          smallint NOT NULL,       -- 1 consent, 2 objection, 3 restriction, 4 GPC, 5 preference
    scope          text NOT NULL,           -- activity id, '*' (all direct marketing), '' (subject-wide), channel/topic
    status         smallint NOT NULL,
    value          text,
    at             bigint NOT NULL,
    seq            bigint NOT NULL,
    policy_version text,
    PRIMARY KEY (subject_id, facet, scope)
);

CREATE TABLE policy_versions (
    ordinal            integer PRIMARY KEY,
    version            text NOT NULL UNIQUE,
    deployed_at        bigint NOT NULL,
    changed_activities text                  -- newline-separated ids; NULL for a baseline (every activity new)
);

CREATE VIEW ledger_events_readable AS
    SELECT seq, subject_id, kind, activity, scope, value, to_timestamp(at / 1e6) AS at, to_timestamp(recorded_at / 1e6) AS recorded_at,
           policy_version, channel, signal, actor, idempotency_key
    FROM ledger_events;
