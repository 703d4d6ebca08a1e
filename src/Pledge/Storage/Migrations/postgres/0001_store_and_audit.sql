-- The own store's foundation: settings and the hash-chained audit log every engine appends to.
CREATE TABLE store_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE audit_log (
    seq     bigint PRIMARY KEY,
    at      bigint NOT NULL,           -- microseconds since the Unix epoch, UTC
    actor   text NOT NULL,
    action  text NOT NULL,
    subject text,                      -- a keyed pseudonym, never an identifier
    detail  text,
    hash    bytea NOT NULL             -- SHA-256 over the previous hash and this entry's canonical encoding
);

CREATE TABLE audit_head (
    id   integer PRIMARY KEY CHECK (id = 1),
    seq  bigint NOT NULL,
    hash bytea NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

CREATE FUNCTION pledge_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION pledge_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION pledge_append_only();

CREATE VIEW audit_log_readable AS
    SELECT seq, to_timestamp(at / 1e6) AS at, actor, action, subject, detail, encode(hash, 'hex') AS hash FROM audit_log;
