-- The admin console: staff accounts (a PBKDF2 hash of the password, never the password; failed sign-ins counted so an
-- account locks for a while after repeated failures, on every instance alike) and the export zips of answered access
-- and portability requests, kept here rather than on one machine's disk so any instance can hand them out until expiry.
CREATE TABLE staff_accounts (
    user_name       text PRIMARY KEY,
    password_hash   text NOT NULL,
    role            text NOT NULL,              -- admin | privacy_officer | viewer
    created_at      bigint NOT NULL,           -- microseconds since the Unix epoch, UTC
    disabled_at     bigint,
    failed_attempts bigint NOT NULL DEFAULT 0,
    locked_until    bigint,
    stamp           text NOT NULL               -- changes with the password, role or status: older sign-in cookies stop working
);

CREATE TABLE request_exports (
    request_id  bigint PRIMARY KEY,
    file_name   text NOT NULL,
    content     bytea NOT NULL,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL
);
