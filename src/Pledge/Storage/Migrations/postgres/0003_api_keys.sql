-- API keys for machine clients: only a SHA-256 of the secret is kept (the secret is 256 random bits, so a fast hash
-- is enough), with the scopes the key grants and when it was revoked.
CREATE TABLE api_keys (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    secret_hash bytea NOT NULL,
    scopes      text NOT NULL,              -- space-separated
    created_at  bigint NOT NULL,
    revoked_at  bigint
);
