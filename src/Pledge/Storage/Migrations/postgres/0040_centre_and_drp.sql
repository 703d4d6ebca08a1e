-- The privacy centre's one-time codes for managing preferences: the challenge id only as a SHA-256, the code only as
-- an HMAC under the pseudonym key; no address is stored.
CREATE TABLE centre_challenges (
    id         text PRIMARY KEY,
    code_hash  text NOT NULL,
    expires_at bigint NOT NULL,              -- microseconds since the Unix epoch
    attempts   integer NOT NULL DEFAULT 0,
    used       integer NOT NULL DEFAULT 0
);
CREATE INDEX centre_challenges_expiry ON centre_challenges (expires_at);

-- Data Rights Protocol: pair-wise bearer tokens of authorised agents (SHA-256 only), the requests they filed, and
-- the signatures already seen (replay defence) until their message expires.
CREATE TABLE drp_tokens (
    token_hash text PRIMARY KEY,
    agent_id   text NOT NULL,
    created_at bigint NOT NULL
);
CREATE TABLE drp_requests (
    request_id text PRIMARY KEY,            -- the UUID the agent sees
    agent_id   text NOT NULL,
    request    bigint NOT NULL REFERENCES requests (id),
    regime     text,
    exercise   text NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX drp_requests_request ON drp_requests (request);
CREATE TABLE drp_seen (
    signature_hash text PRIMARY KEY,
    expires_at     bigint NOT NULL
);
