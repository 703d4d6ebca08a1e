-- The change feed of consent subjects: one row per unit of work that changed a subject's decisions (its state,
-- its identifiers, its erasure), written in that unit of work. Servers keep subjects' states in memory and read
-- this feed to drop what another instance changed. Sequence numbers are not commit order on PostgreSQL, so each
-- row carries its transaction's id: a reader that remembers the oldest transaction still running at its last read
-- (the snapshot's xmin) and reads every row from there misses no commit, however long a transaction ran.
-- Rows are pruned after an hour.
CREATE TABLE subject_changes (
    tx          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    at          bigint NOT NULL,              -- microseconds since the Unix epoch
    subjects    bigint[] NOT NULL,            -- the subjects whose state changed ('{}' when none or everything)
    identifiers boolean NOT NULL,             -- identifiers were added, so an unknown identifier may now be known
    everything  boolean NOT NULL              -- too many to list (a rebuild, a large import): every state changed
);
CREATE INDEX subject_changes_tx ON subject_changes (tx);
CREATE INDEX subject_changes_at ON subject_changes (at);
