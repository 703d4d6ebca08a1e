-- The own store's foundation: settings and the hash-chained audit log every engine appends to.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,          -- microseconds since the Unix epoch, UTC
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT,                      -- a keyed pseudonym, never an identifier
    detail  TEXT,
    hash    BLOB NOT NULL              -- SHA-256 over the previous hash and this entry's canonical encoding
);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
