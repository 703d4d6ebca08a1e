-- Keys compared byte by byte. Idempotency keys, identifier keys and state scopes are matched for equality and
-- ordered only to take locks in one order, never shown sorted to a reader, so the database's linguistic collation
-- buys nothing here and costs a locale-aware comparison at every step of every index search and insert (in an
-- en_US.UTF-8 or C.UTF-8 database: strcoll, against memcmp for "C"). Byte order is also the order SQLite keeps.
-- The readable view names the column, so it is recreated around the change (the same definition).
DROP VIEW ledger_events_readable;
ALTER TABLE ledger_events ALTER COLUMN idempotency_key TYPE text COLLATE "C";
CREATE VIEW ledger_events_readable AS
    SELECT seq, subject_id, kind, activity, scope, value, to_timestamp(at / 1e6) AS at, to_timestamp(recorded_at / 1e6) AS recorded_at,
           policy_version, channel, signal, actor, idempotency_key
    FROM ledger_events;
ALTER TABLE subject_identifiers ALTER COLUMN key TYPE text COLLATE "C";
ALTER TABLE consent_state ALTER COLUMN scope TYPE text COLLATE "C";
