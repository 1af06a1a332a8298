-- Aiguillage server store (SQLite backend), version 1. Never edit a released migration.

CREATE TABLE centre (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Single-use enrolment codes; only their hash is kept.
CREATE TABLE enrolment_code (
    code_hash  TEXT PRIMARY KEY,
    centre_id  TEXT NOT NULL REFERENCES centre (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;

CREATE TABLE device (
    id          TEXT PRIMARY KEY,
    centre_id   TEXT NOT NULL REFERENCES centre (id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT,
    -- The last change the device said it applied (its pull cursor).
    cursor      INTEGER NOT NULL DEFAULT 0,
    last_seen   TEXT
) STRICT;

-- Every device's operations, exactly once per (device_id, seq). An erased record keeps its rows
-- (so the chain of seq has no hole) but loses its body.
CREATE TABLE operation (
    device_id    TEXT NOT NULL REFERENCES device (id),
    seq          INTEGER NOT NULL,
    op_id        TEXT NOT NULL UNIQUE,
    centre_id    TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_version INTEGER,
    body         TEXT,
    body_sha256  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT;
CREATE INDEX operation_by_entity ON operation (entity_id);
CREATE INDEX operation_by_centre ON operation (centre_id, entity, kind);

-- Operations refused because their (device_id, seq) was already held with another body: kept for
-- an administrator, never dropped or overwritten.
CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    operation   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

-- Erased records: no personal data, only that it was erased, when and by whom.
CREATE TABLE tombstone (
    entity_id TEXT PRIMARY KEY,
    centre_id TEXT,
    erased_at TEXT NOT NULL,
    erased_by TEXT NOT NULL
) STRICT;

-- The global change feed devices pull (erasures, directory, questionnaire versions).
CREATE TABLE change (
    change_seq INTEGER PRIMARY KEY AUTOINCREMENT,
    centre_id  TEXT,
    kind       TEXT NOT NULL,
    entity_id  TEXT,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Append-only audit trail: who, what, when, on which record; never personal content.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    record_id TEXT
) STRICT;
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
