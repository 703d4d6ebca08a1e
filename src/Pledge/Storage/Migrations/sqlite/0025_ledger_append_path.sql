-- Subjects are never deleted (erasure pseudonymises their identifiers and keeps the row); the store refuses it, as on
-- PostgreSQL, where this guarantee replaces the per-row foreign-key check on ledger_events.
CREATE TRIGGER subjects_no_delete BEFORE DELETE ON subjects BEGIN SELECT RAISE(ABORT, 'subjects is append-only'); END;
