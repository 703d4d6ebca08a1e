-- The privacy centre's one-time codes for managing preferences: the challenge id only as a SHA-256, the code only as
-- an HMAC under the pseudonym key; no address is stored.
CREATE TABLE centre_challenges (
    id         TEXT PRIMARY KEY,
    code_hash  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,              -- microseconds since the Unix epoch
    attempts   INTEGER NOT NULL DEFAULT 0,
    used       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX centre_challenges_expiry ON centre_challenges (expires_at);

-- Data Rights Protocol: pair-wise bearer tokens of authorised agents (SHA-256 only), the requests they filed, and
-- the signatures already seen (replay defence) until their message expires.
CREATE TABLE drp_tokens (
    token_hash TEXT PRIMARY KEY,
    agent_id   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE drp_requests (
    request_id TEXT PRIMARY KEY,            -- the UUID the agent sees
    agent_id   TEXT NOT NULL,
    request    INTEGER NOT NULL REFERENCES requests (id),
    regime     TEXT,
    exercise   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX drp_requests_request ON drp_requests (request);
CREATE TABLE drp_seen (
    signature_hash TEXT PRIMARY KEY,
    expires_at     INTEGER NOT NULL
);
