-- Aiguillage server store (PostgreSQL backend), version 1. Never edit a released migration.
-- Same tables and meaning as the SQLite backend (migrations/sqlite/0001_initial.sql).

CREATE TABLE centre (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE enrolment_code (
    code_hash  TEXT PRIMARY KEY,
    centre_id  TEXT NOT NULL REFERENCES centre (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE device (
    id          TEXT PRIMARY KEY,
    centre_id   TEXT NOT NULL REFERENCES centre (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT,
    cursor      BIGINT NOT NULL DEFAULT 0,
    last_seen   TEXT
);

CREATE TABLE operation (
    device_id    TEXT NOT NULL REFERENCES device (id),
    seq          BIGINT NOT NULL,
    op_id        TEXT NOT NULL UNIQUE,
    centre_id    TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_version BIGINT,
    body         TEXT,
    body_sha256  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX operation_by_entity ON operation (entity_id);
CREATE INDEX operation_by_centre ON operation (centre_id, entity, kind);

CREATE TABLE quarantine (
    id          BIGSERIAL PRIMARY KEY,
    device_id   TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    operation   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TABLE tombstone (
    entity_id TEXT PRIMARY KEY,
    centre_id TEXT,
    erased_at TEXT NOT NULL,
    erased_by TEXT NOT NULL
);

CREATE TABLE change (
    change_seq BIGSERIAL PRIMARY KEY,
    centre_id  TEXT,
    kind       TEXT NOT NULL,
    entity_id  TEXT,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE audit (
    id        BIGSERIAL PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    record_id TEXT
);
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
