-- The admin console: staff accounts (a PBKDF2 hash of the password, never the password; failed sign-ins counted so an
-- account locks for a while after repeated failures, on every instance alike) and the export zips of answered access
-- and portability requests, kept here rather than on one machine's disk so any instance can hand them out until expiry.
CREATE TABLE staff_accounts (
    user_name       TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,              -- admin | privacy_officer | viewer
    created_at      INTEGER NOT NULL,           -- microseconds since the Unix epoch, UTC
    disabled_at     INTEGER,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER,
    stamp           TEXT NOT NULL               -- changes with the password, role or status: older sign-in cookies stop working
);

CREATE TABLE request_exports (
    request_id  INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    content     BLOB NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
