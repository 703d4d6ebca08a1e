-- The change feed of consent subjects: one row per unit of work that changed a subject's decisions (its state,
-- its identifiers, its erasure), written in that unit of work. Servers keep subjects' states in memory and read
-- this feed to drop what another process changed. SQLite has one writer at a time, so sequence order is commit
-- order and a reader needs only the last sequence it saw. Rows are pruned after an hour.
CREATE TABLE subject_changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,             -- microseconds since the Unix epoch
    subjects    TEXT NOT NULL,                -- comma-separated subject ids ('' when none or everything)
    identifiers INTEGER NOT NULL,             -- 1: identifiers were added, so an unknown identifier may now be known
    everything  INTEGER NOT NULL              -- 1: too many to list (a rebuild, a large import): every state changed
);
CREATE INDEX subject_changes_at ON subject_changes (at);
