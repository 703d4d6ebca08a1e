-- API keys for machine clients: only a SHA-256 of the secret is kept (the secret is 256 random bits, so a fast hash
-- is enough), with the scopes the key grants and when it was revoked.
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    scopes      TEXT NOT NULL,             -- space-separated
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) WITHOUT ROWID;
